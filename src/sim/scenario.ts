/**
 * Scenario files: the JSON a user writes to describe one simulated cluster (region, years, sectors,
 * initial organisations, outside partners, macro demand calendar, parameters). Validated with zod;
 * every problem becomes an InputError issue naming the field (as a JSON path) and, for numbers, the
 * allowed range — the CLI prints them and exits 2. docs/scenarios.md documents the format.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, type InputIssue, UsageError } from '../errors.ts';
import { builtInRegions, findStudyRegion, parseRegions, type StudyRegion } from '../regions/definitions.ts';
import { DEFAULTS, PARAMETER_SPECS, type SimParameters } from './parameters.ts';
import { checkedLever, LeverSchema, type PolicyLever } from './policy/levers.ts';

const num = (min: number, max: number, unit = '') =>
  z
    .number({ error: `expected a number in [${min}, ${max}]${unit ? ` (${unit})` : ''}` })
    .refine((v) => v >= min && v <= max, {
      error: `out of range: expected a number in [${min}, ${max}]${unit ? ` (${unit})` : ''}`,
    });
const int = (min: number, max: number) =>
  z
    .number({ error: `expected an integer in [${min}, ${max}]` })
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, {
      error: `out of range: expected an integer in [${min}, ${max}]`,
    });

const parameterShape = Object.fromEntries(
  Object.entries(PARAMETER_SPECS).map(([name, spec]) => [
    name,
    num(spec.min, spec.max, spec.unit).optional(),
  ]),
) as unknown as Record<keyof SimParameters, z.ZodOptional<z.ZodNumber>>;

const KindGroup = z.strictObject({ count: int(0, 10000), size: int(1, 100000) });

/** The kinds a scenario may start with, and their defaults. */
export const INITIAL_KINDS = ['university', 'research-institute', 'large-firm', 'sme', 'mnc-rd-lab'] as const;
export type InitialKind = (typeof INITIAL_KINDS)[number];

const INITIAL_DEFAULTS: Record<InitialKind, { count: number; size: number }> = {
  university: { count: 1, size: 300 },
  'research-institute': { count: 2, size: 80 },
  'large-firm': { count: 2, size: 200 },
  sme: { count: 30, size: 10 },
  'mnc-rd-lab': { count: 0, size: 50 },
};

const RegionInline = z.strictObject({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  nuts: z.array(z.string()),
  localities: z.array(z.string()).default([]),
});

const DemandPeriod = z.strictObject({
  from: int(1000, 3000),
  to: int(1000, 3000).optional(),
  level: num(0, 10, 'demand relative to normal'),
});

export const ScenarioSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  region: z.union([z.string().min(1), RegionInline]),
  years: z.strictObject({ from: int(1000, 3000), to: int(1000, 3000) }).refine((y) => y.from <= y.to, {
    error: 'years.from must not be after years.to',
  }),
  sectors: z
    .array(z.string().regex(/^[0-9]{2}$/, 'a sector is a two-digit NACE Rev.2 division (e.g. "62")'))
    .min(1)
    .max(16)
    .default(['26', '62', '72', '21']),
  initial: z
    .strictObject(
      Object.fromEntries(INITIAL_KINDS.map((k) => [k, KindGroup.optional()])) as Record<
        InitialKind,
        z.ZodOptional<typeof KindGroup>
      >,
    )
    .default({}),
  outsidePartners: z
    .strictObject({
      count: int(0, 100000),
      national: num(0, 1, 'share'),
      international: num(0, 1, 'share'),
      global: num(0, 1, 'share'),
    })
    .refine((o) => Math.abs(o.national + o.international + o.global - 1) < 1e-9, {
      error: 'national + international + global must sum to 1',
    })
    .default({ count: 60, national: 0.4, international: 0.45, global: 0.15 }),
  demand: z.array(DemandPeriod).default([]),
  parameters: z.strictObject(parameterShape).default({}),
  /** Policy levers (policy/levers.ts, docs/scenarios.md): none by default. */
  policy: z.array(LeverSchema).default([]),
});

export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** A checked scenario with every default filled in and its region resolved. */
export interface Scenario {
  name: string;
  region: StudyRegion;
  years: { from: number; to: number };
  sectors: string[];
  initial: Record<InitialKind, { count: number; size: number }>;
  outsidePartners: { count: number; national: number; international: number; global: number };
  demand: { from: number; to?: number; level: number }[];
  parameters: SimParameters;
  /** Policy levers with their defaults filled in (cost, level, name). */
  policy: PolicyLever[];
  /** SHA-256 of the canonical JSON of the checked scenario (recorded with every run). */
  hash: string;
}

function issuesOf(error: z.ZodError, file: string): InputIssue[] {
  return error.issues.map((issue) => {
    let reason = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.join('.');
      const allowed =
        where === 'parameters' ? ` (parameters: ${Object.keys(PARAMETER_SPECS).join(', ')})` : '';
      reason = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${allowed}`;
    }
    return { file, line: null, column: issue.path.length > 0 ? issue.path.join('.') : null, reason };
  });
}

/** Validates a parsed scenario (throws InputError naming each bad field). */
export function parseScenario(json: unknown, file = 'scenario'): Scenario {
  const result = ScenarioSchema.safeParse(json);
  if (!result.success) throw new InputError('sim', issuesOf(result.error, file));
  const s = result.data;
  let region: StudyRegion;
  if (typeof s.region === 'string') {
    try {
      region = findStudyRegion(builtInRegions(), s.region);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      throw new InputError('sim', [{ file, line: null, column: 'region', reason: e.message }]);
    }
  } else {
    const r = s.region;
    region = parseRegions(
      { regions: [{ ...r, localities: r.localities.map((name) => ({ name })) }] },
      file,
    )[0];
  }
  const initial = { ...INITIAL_DEFAULTS, ...s.initial } as Scenario['initial'];
  const checked = {
    name: s.name ?? region.name,
    region: {
      id: region.id,
      name: region.name,
      country: region.country,
      nuts: region.nuts,
      localities: region.localities,
    },
    years: s.years,
    sectors: s.sectors,
    initial,
    outsidePartners: s.outsidePartners,
    demand: s.demand,
    parameters: { ...DEFAULTS, ...s.parameters } as SimParameters,
    policy: s.policy.map(checkedLever),
  };
  const hash = createHash('sha256').update(JSON.stringify(checked)).digest('hex');
  return { ...checked, hash };
}

/** Reads and validates a scenario file. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError('sim', `cannot read the scenario ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError('sim', [
      { file: path, line: null, column: null, reason: `not JSON: ${(e as Error).message}` },
    ]);
  }
  return parseScenario(json, path);
}

/** Demand level in `year`: the last calendar period covering it, else 1. */
export function demandLevel(scenario: Pick<Scenario, 'demand'>, year: number): number {
  let level = 1;
  for (const d of scenario.demand) if (year >= d.from && year <= (d.to ?? 9999)) level = d.level;
  return level;
}
