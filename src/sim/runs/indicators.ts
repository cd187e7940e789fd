/**
 * Which measures an ensemble, sweep or calibration reports: headline indicators of the measure
 * families (the names `milieu compare` prints, e.g. `spinoffs.count`, `ties.localShare`), by
 * default every indicator of the evolution, spinoffs, ties and mobility families. The catalogue of
 * names is read from the families themselves (run once on a tiny simulated region), so an indicator
 * a family gains is allowed without a list kept here.
 */
import type { Dataset } from '../../dataset/dataset.ts';
import { UsageError } from '../../errors.ts';
import { FAMILIES, FAMILY_NAMES, spinoffs } from '../../measures/index.ts';
import { parseScenario } from '../scenario.ts';
import { simulate } from '../simulate.ts';

/** The families whose indicators are reported when no measure is chosen. */
export const DEFAULT_FAMILIES = ['evolution', 'spinoffs', 'ties', 'mobility'] as const;

let catalogue: Map<string, { family: string; unit: string | null }> | null = null;

/** Every indicator name the families produce, with its family and unit (in the families' order). */
export function indicatorCatalogue(): ReadonlyMap<string, { family: string; unit: string | null }> {
  if (catalogue !== null) return catalogue;
  const tiny = parseScenario(
    {
      name: 'catalogue',
      region: 'cambridge',
      years: { from: 1990, to: 1996 },
      initial: {
        university: { count: 1, size: 10 },
        'research-institute': { count: 1, size: 5 },
        'large-firm': { count: 1, size: 10 },
        sme: { count: 4, size: 3 },
      },
      outsidePartners: { count: 5, national: 0.4, international: 0.45, global: 0.15 },
      // every kind of event happens, so that every family names (and gives the unit of) each indicator
      parameters: {
        spinoffRateUniversity: 0.2,
        spinoffRateSme: 0.2,
        acquisitionRate: 1,
        acquisitionThreshold: 0,
      },
    },
    'catalogue',
  );
  const run = simulate(tiny, { seed: 1, hash: false });
  const names = new Map<string, { family: string; unit: string | null }>();
  for (const family of FAMILY_NAMES)
    for (const ind of FAMILIES[family](run.dataset, { region: run.manifest.runId }, { seed: 1 }).indicators)
      names.set(ind.name, { family, unit: ind.unit ?? null });
  catalogue = names;
  return names;
}

/**
 * The chosen indicator names, checked (UsageError listing the allowed names for an unknown one);
 * the default families' indicators when none is chosen.
 */
export function checkMeasures(names: readonly string[] | undefined): string[] {
  const known = indicatorCatalogue();
  if (names === undefined || names.length === 0)
    return [...known]
      .filter(([, i]) => (DEFAULT_FAMILIES as readonly string[]).includes(i.family))
      .map(([n]) => n);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0)
    throw new UsageError(
      'sim',
      `unknown measure${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (allowed: ${[...known.keys()].join(', ')})`,
    );
  return [...new Set(names)];
}

/**
 * How each family is run for its indicators: as `milieu measure` runs it, except the spinoffs
 * family with one bootstrap resample instead of 2,000. The bootstrap gives only the interval
 * columns of its growth table, never an indicator (spinoffs.meanGrowth is the plain mean), and it
 * was three quarters of the family's time on the benchmark region (docs/benchmarks.md); a test
 * checks the indicators are the same.
 */
const FOR_INDICATORS: Record<string, (typeof FAMILIES)[string]> = {
  ...FAMILIES,
  spinoffs: (d, s, o) => spinoffs(d, s, { seed: o.seed ?? 1, samples: 1 }),
};

/**
 * The families that give the named indicators, in the order the names first need them. The pool
 * works this out once and hands it to the workers with each task, so that a worker does not
 * build the catalogue (a tiny simulated run measured by every family) for itself.
 */
export function familiesOf(names: readonly string[]): string[] {
  const known = indicatorCatalogue();
  return [...new Set(names.map((n) => known.get(n)?.family))].filter((f): f is string => f !== undefined);
}

/**
 * The chosen indicators of one run's region (null where a measure is not available). Only the
 * families the names need are run (`families`, default familiesOf(names)); `seed` seeds the
 * randomised ones.
 */
export function measureRun(
  dataset: Dataset,
  region: string,
  names: readonly string[],
  seed: number,
  families: readonly string[] = familiesOf(names),
): (number | null)[] {
  const values = new Map<string, number | null>();
  for (const family of families)
    for (const ind of FOR_INDICATORS[family](dataset, { region }, { seed }).indicators)
      values.set(ind.name, ind.value);
  return names.map((n) => values.get(n) ?? null);
}
