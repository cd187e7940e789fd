/**
 * Scenario ensembles for the dashboard: the scenario files the server offers, the request an
 * ensemble is asked with, and the in-process runner (replicates of `simulate()` one after another,
 * yielding to the event loop between them). Each replicate runs twice — with the chosen policy levers
 * and as the scenario file stands (the baseline) — with the same seed, so the two distributions
 * differ only by the levers. The lead switches the runner to the ensemble library through
 * src/server/ensemble-queue.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.ts';
import { measureAll } from '../measures/index.ts';
import { withRegionContext } from '../regions/arguments.ts';
import { PARAMETER_SPECS, type SimParameters } from '../sim/parameters.ts';
import { parseScenario, type Scenario } from '../sim/scenario.ts';
import { simulate } from '../sim/simulate.ts';
import { MILIEU_VERSION } from '../version.ts';
import type { JobProgress } from './ensemble-queue.ts';

/** The outcomes every replicate reports: headline indicators of the scenario's region. */
export const OUTCOMES = [
  'evolution.births',
  'evolution.exits',
  'spinoffs.count',
  'spinoffs.multiplier',
  'ties.localShare',
  'ties.eiIndex',
  'mobility.intensity',
  'learning.spinoffIntensity',
  'learning.networkingIntensity',
  'learning.mobilityIntensity',
] as const;
const OUTCOME_FAMILIES = ['evolution', 'spinoffs', 'ties', 'mobility', 'learning'];

export const EnsembleRequestSchema = z.strictObject({
  /** Name of a scenario file the server offers (without `.json`). */
  scenario: z.string().min(1).max(100),
  /** Policy levers: parameter values replacing the scenario's. */
  parameters: z.record(z.string(), z.number()).default({}),
  replicates: z.number().int().min(1).max(50).default(5),
  /** Seed of the first replicate; replicate i uses seed + i. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(0xffffffff - 50)
    .default(1),
  years: z
    .strictObject({ from: z.number().int().min(1800).max(2200), to: z.number().int().min(1800).max(2200) })
    .refine((y) => y.from <= y.to, 'years.from must not be after years.to')
    .optional(),
});
export type EnsembleRequest = z.infer<typeof EnsembleRequestSchema>;

export interface OutcomeSummary {
  outcome: string;
  /** One value per replicate (null: not available in that run). */
  values: (number | null)[];
  baseline: (number | null)[];
  mean: number | null;
  low: number | null;
  high: number | null;
  baselineMean: number | null;
  baselineLow: number | null;
  baselineHigh: number | null;
}

export interface EnsembleResult {
  milieuVersion: string;
  scenario: string;
  scenarioHash: string;
  baselineHash: string;
  region: string;
  seeds: number[];
  years: { from: number; to: number };
  parameters: Record<string, number>;
  /** How the interval is computed. */
  interval: string;
  outcomes: OutcomeSummary[];
}

/** The scenario files offered: every `*.json` in the folder, by file name without `.json`. */
export function listScenarios(folder: string): { name: string; description: string; region: string }[] {
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((f) => {
    const json = JSON.parse(readFileSync(join(folder, f), 'utf8')) as Record<string, unknown>;
    return {
      name: basename(f, '.json'),
      description: String(json.description ?? ''),
      region: String(json.region ?? ''),
    };
  });
}

/** The levers the Scenarios view offers: every simulator parameter with its range and meaning. */
export function parameterList(): { name: string; min: number; max: number; unit: string; doc: string }[] {
  return Object.entries(PARAMETER_SPECS).map(([name, s]) => ({ name, ...s }));
}

/** Reads a scenario by name from the folder, with the levers applied (UsageError when invalid). */
export function scenarioFor(
  folder: string,
  name: string,
  parameters: Record<string, number>,
): { scenario: Scenario; baseline: Scenario } {
  if (!/^[A-Za-z0-9_-]+$/.test(name) || !listScenarios(folder).some((s) => s.name === name))
    throw new UsageError(
      'server',
      `unknown scenario '${name}' (offered: ${listScenarios(folder)
        .map((s) => s.name)
        .join(', ')})`,
    );
  const path = join(folder, `${name}.json`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { parameters?: Record<string, number> };
  for (const key of Object.keys(parameters))
    if (!(key in PARAMETER_SPECS)) throw new UsageError('server', `unknown parameter '${key}'`);
  const baseline = parseScenario(json, path);
  const scenario = parseScenario(
    { ...json, parameters: { ...(json.parameters ?? {}), ...parameters } as Partial<SimParameters> },
    path,
  );
  return { scenario, baseline };
}

function outcomesOf(
  scenario: Scenario,
  seed: number,
  years: { from: number; to: number },
): (number | null)[] {
  const run = simulate(scenario, { seed, years });
  const dataset = withRegionContext(run.dataset);
  const reports = measureAll(dataset, { region: scenario.region.id }, OUTCOME_FAMILIES, { seed });
  const values = new Map<string, number | null>();
  for (const r of reports) for (const i of r.indicators) values.set(i.name, i.value);
  return OUTCOMES.map((o) => values.get(o) ?? null);
}

/** The q-quantile of sorted values, linear between order statistics (type 7, as R and numpy). */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function summary(values: (number | null)[]): {
  mean: number | null;
  low: number | null;
  high: number | null;
} {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return { mean: null, low: null, high: null };
  return {
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
    low: quantile(xs, 0.025),
    high: quantile(xs, 0.975),
  };
}

/**
 * Runs an ensemble in-process: for each replicate i, the scenario with levers and the baseline
 * with seed + i. Yields to the event loop between runs so the server keeps answering.
 */
export async function runEnsemble(
  folder: string,
  request: EnsembleRequest,
  progress: JobProgress,
): Promise<EnsembleResult> {
  const { scenario, baseline } = scenarioFor(folder, request.scenario, request.parameters);
  const years = request.years ?? scenario.years;
  const seeds = Array.from({ length: request.replicates }, (_, i) => request.seed + i);
  const withLevers: (number | null)[][] = [];
  const base: (number | null)[][] = [];
  progress(0, seeds.length);
  for (const [i, seed] of seeds.entries()) {
    await new Promise((resolve) => setImmediate(resolve));
    withLevers.push(outcomesOf(scenario, seed, years));
    await new Promise((resolve) => setImmediate(resolve));
    base.push(outcomesOf(baseline, seed, years));
    progress(i + 1, seeds.length);
  }
  return {
    milieuVersion: MILIEU_VERSION,
    scenario: scenario.name,
    scenarioHash: scenario.hash,
    baselineHash: baseline.hash,
    region: scenario.region.id,
    seeds,
    years,
    parameters: request.parameters,
    interval: '2.5th–97.5th percentile of the replicates (linear interpolation)',
    outcomes: OUTCOMES.map((outcome, k) => {
      const values = withLevers.map((r) => r[k]);
      const baselineValues = base.map((r) => r[k]);
      const s = summary(values);
      const b = summary(baselineValues);
      return {
        outcome,
        values,
        baseline: baselineValues,
        ...s,
        baselineMean: b.mean,
        baselineLow: b.low,
        baselineHigh: b.high,
      };
    }),
  };
}
