/**
 * Policy levers: the instruments a scenario can switch on, each for a span of years at an intensity
 * (1 = the standard programme), each with a cost per year, combinable. The levers are those the
 * regional-clusters literature discusses for high-technology regions (Keeble & Wilkinson 1999, 2000;
 * the study's policy chapter): support for spin-offs (premises, finance, marketing advice), a
 * university liaison office tailored to SMEs or a generalist one, a science park, a regional
 * collective initiative that raises local tie formation, inward-investment attraction, and graduate
 * training. What each lever does in the model is in `processes/policy.ts` and docs/model.md; this
 * file holds the vocabulary, the scenario schema of a lever, its default cost and level of
 * government, and the `initiatives` rows and costs of a run.
 */
import { z } from 'zod';
import type { INITIATIVE_LEVELS } from '../../model/index.ts';

export const LEVERS = [
  'spinoff-support',
  'university-liaison',
  'science-park',
  'collective-initiative',
  'inward-investment',
  'graduate-training',
] as const;
export type Lever = (typeof LEVERS)[number];
export const SPINOFF_SUPPORT = 0;
export const UNIVERSITY_LIAISON = 1;
export const SCIENCE_PARK = 2;
export const COLLECTIVE_INITIATIVE = 3;
export const INWARD_INVESTMENT = 4;
export const GRADUATE_TRAINING = 5;

/** A liaison office serves SMEs specifically (`sme-tailored`) or every firm alike (`generalist`). */
export const LIAISON_STYLES = ['sme-tailored', 'generalist'] as const;
export type LiaisonStyle = (typeof LIAISON_STYLES)[number];

type Level = (typeof INITIATIVE_LEVELS)[number];

interface LeverSpec {
  /** The `instrument` of its initiatives row. */
  instrument: string;
  level: Level;
  /** Default cost per year at intensity 1, EUR (orders of magnitude, not calibrated). */
  costPerYear: number;
}

export const LEVER_SPECS: Readonly<Record<Lever, LeverSpec>> = {
  'spinoff-support': {
    instrument: 'spin-off support (premises, finance, marketing advice)',
    level: 'regional',
    costPerYear: 2_000_000,
  },
  'university-liaison': { instrument: 'university liaison office', level: 'local', costPerYear: 400_000 },
  'science-park': { instrument: 'science park', level: 'local', costPerYear: 3_000_000 },
  'collective-initiative': {
    instrument: 'regional collective initiative (cluster association)',
    level: 'regional',
    costPerYear: 300_000,
  },
  'inward-investment': {
    instrument: 'inward-investment attraction',
    level: 'national',
    costPerYear: 2_500_000,
  },
  'graduate-training': { instrument: 'graduate training', level: 'national', costPerYear: 1_000_000 },
};

const year = z
  .number({ error: 'expected an integer in [1000, 3000]' })
  .refine((v) => Number.isInteger(v) && v >= 1000 && v <= 3000, {
    error: 'out of range: expected an integer in [1000, 3000]',
  });

/** One lever of a scenario's `policy` list. */
export const LeverSchema = z
  .strictObject({
    lever: z.enum(LEVERS, { error: `expected one of ${LEVERS.join(', ')}` }),
    from: year,
    to: year.optional(),
    intensity: z
      .number({ error: 'expected a number in [0, 10]' })
      .refine((v) => v >= 0 && v <= 10, { error: 'out of range: expected a number in [0, 10] (intensity)' })
      .default(1),
    style: z.enum(LIAISON_STYLES, { error: `expected one of ${LIAISON_STYLES.join(', ')}` }).optional(),
    costPerYear: z
      .number({ error: 'expected a number in [0, 1e12] (EUR/year)' })
      .refine((v) => v >= 0 && v <= 1e12, {
        error: 'out of range: expected a number in [0, 1e12] (EUR/year)',
      })
      .optional(),
    level: z.enum(['eu', 'national', 'regional', 'local']).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((l) => l.to === undefined || l.from <= l.to, { error: 'from must not be after to' })
  .refine((l) => l.style === undefined || l.lever === 'university-liaison', {
    error: 'style applies to university-liaison only',
  });

/** A checked lever with its defaults filled in. */
export interface PolicyLever {
  lever: Lever;
  from: number;
  to?: number;
  intensity: number;
  /** `sme-tailored` or `generalist` (university liaison only; default `generalist`). */
  style?: LiaisonStyle;
  /** EUR per year at this intensity (default: the lever's cost at intensity 1 × intensity). */
  costPerYear: number;
  level: Level;
  name: string;
}

/** Fills a parsed lever's defaults: cost = the lever's cost per year × intensity, its level and name. */
export function checkedLever(l: z.output<typeof LeverSchema>): PolicyLever {
  const spec = LEVER_SPECS[l.lever];
  const style = l.lever === 'university-liaison' ? (l.style ?? 'generalist') : undefined;
  const costPerYear = l.costPerYear ?? spec.costPerYear * l.intensity;
  const instrument = style ? `${spec.instrument}, ${style}` : spec.instrument;
  return {
    lever: l.lever,
    from: l.from,
    ...(l.to === undefined ? {} : { to: l.to }),
    intensity: l.intensity,
    ...(style ? { style } : {}),
    costPerYear,
    level: l.level ?? spec.level,
    name: l.name ?? `${instrument} (intensity ${l.intensity})`,
  };
}

/** True when the lever acts in `year`. */
export function activeIn(l: PolicyLever, year: number): boolean {
  return year >= l.from && year <= (l.to ?? 9999) && l.intensity > 0;
}

/** The first and last simulated years a lever acts in, or null when it acts in none of them. */
export function activeSpan(l: PolicyLever, years: { from: number; to: number }): [number, number] | null {
  const first = Math.max(l.from, years.from);
  const last = Math.min(l.to ?? years.to, years.to);
  return first <= last && l.intensity > 0 ? [first, last] : null;
}

export interface PolicyCost {
  lever: Lever;
  name: string;
  years: number;
  costPerYear: number;
  cost: number;
}

/** Each lever's cost over the simulated years (EUR), and the total. */
export function policyCosts(
  policy: readonly PolicyLever[],
  years: { from: number; to: number },
): { levers: PolicyCost[]; total: number } {
  const levers = policy.map((l) => {
    const span = activeSpan(l, years);
    const n = span ? span[1] - span[0] + 1 : 0;
    return { lever: l.lever, name: l.name, years: n, costPerYear: l.costPerYear, cost: n * l.costPerYear };
  });
  return { levers, total: levers.reduce((a, b) => a + b.cost, 0) };
}
