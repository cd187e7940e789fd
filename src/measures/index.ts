/**
 * Every measure family, by name, and the two ways of running them: all families on one selection
 * (`measureAll`, behind `milieu measure`) and the headline indicators of several regions side by
 * side with the collective learning index (`compareRegions`, behind `milieu compare`).
 */

import type { Dataset } from '../dataset/dataset.ts';
import { UsageError } from '../errors.ts';
import type { Progress } from '../progress.ts';
import type { FamilyReport, Selection } from './common.ts';
import { evolution } from './evolution.ts';
import { knowledge } from './knowledge.ts';
import { largeFirms } from './large-firms.ts';
import { collectiveLearningIndex, type LearningIndexRow, learning } from './learning.ts';
import { mobility } from './mobility.ts';
import { type NetworkOptions, network } from './network.ts';
import { sectors } from './sectors.ts';
import { CLUSTER_COMPARISON_DEFAULTS, networkNote } from './selection.ts';
import { spinoffs } from './spinoffs.ts';
import { ties } from './ties.ts';

export * from './common.ts';
export { collectiveLearningIndex, learningComponents } from './learning.ts';
export { networkSummary } from './network-summary.ts';
export { CLUSTER_COMPARISON_DEFAULTS, networkNote } from './selection.ts';
export { evolution, knowledge, largeFirms, learning, mobility, network, sectors, spinoffs, ties };

export interface RunOptions {
  onProgress?: Progress;
  /** Seed for every randomised measure (bootstrap, permutation nulls, Louvain, random graphs). */
  seed?: number;
  /** Sampling of the network family (betweenness budget, random graphs, permutations); default its own. */
  network?: Pick<NetworkOptions, 'betweennessBudget' | 'randomGraphs' | 'permutations'>;
}

/**
 * The network family's sampling in `compare`, coarser than a single region's `measure`: ten regions
 * of 40,000–320,000 ties each must fit in seconds (issue 7: under 10 s on 2 cores). Betweenness gets
 * a quarter of the default work budget (Cambridge's 197,000 ties: 25 pivots instead of 101; the
 * jackknife error of the centralization grows about two-fold), sigma 4 random graphs instead of 10
 * and the brokerage null 40 permutations instead of 100 (Monte Carlo errors √2.5 ≈ 1.6 times
 * larger). Every sampled figure carries its standard error (Comparison rows' `standardErrors`).
 */
export const COMPARE_SAMPLING: Readonly<NonNullable<RunOptions['network']>> = Object.freeze({
  betweennessBudget: 5_000_000,
  randomGraphs: 4,
  permutations: 40,
});

type Family = (dataset: Dataset, selection: Selection, options: RunOptions) => FamilyReport;

export const FAMILIES: Record<string, Family> = {
  evolution: (d, s) => evolution(d, s),
  sectors: (d, s) => sectors(d, s),
  knowledge: (d, s) => knowledge(d, s),
  spinoffs: (d, s, o) => spinoffs(d, s, o.seed === undefined ? {} : { seed: o.seed }),
  ties: (d, s) => ties(d, s),
  network: (d, s, o) =>
    network(d, s, {
      ...o.network,
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      ...(o.onProgress
        ? { onProgress: (done: number, total: number) => o.onProgress!('network', done, total) }
        : {}),
    }),
  'large-firms': (d, s) => largeFirms(d, s),
  mobility: (d, s) => mobility(d, s),
  learning: (d, s) => learning(d, s),
};

export const FAMILY_NAMES = Object.keys(FAMILIES);

export function checkFamilies(names: string[] | undefined): string[] {
  if (!names || names.length === 0) return FAMILY_NAMES;
  for (const n of names) {
    if (!(n in FAMILIES))
      throw new UsageError('measures', `unknown family '${n}' (expected one of: ${FAMILY_NAMES.join(', ')})`);
  }
  return names;
}

export function measureAll(
  dataset: Dataset,
  selection: Selection = {},
  families?: string[],
  options: RunOptions = {},
): FamilyReport[] {
  // One bar for the whole run: a step per family, the network family's own progress as a fraction
  // of its step.
  const names = checkFamilies(families);
  const progress = options.onProgress;
  return names.map((name, f) => {
    const report = FAMILIES[name](dataset, selection, {
      ...options,
      onProgress:
        progress &&
        ((_phase, done, all) => progress(`measure ${name}`, f + (all > 0 ? done / all : 0), names.length)),
    });
    progress?.(`measure ${name}`, f + 1, names.length);
    return report;
  });
}

export interface Comparison {
  regions: string[];
  /** What the figures rest on: the co-participation weighting and project-size cap used. */
  notes: string[];
  /**
   * One row per indicator; values in the order of `regions` (null = not available, reason in
   * `notes`); `standardErrors` on rows whose values are sampled (null where a value is exact or missing).
   */
  rows: {
    name: string;
    unit: string | null;
    values: (number | null)[];
    notes: (string | null)[];
    standardErrors?: (number | null)[];
  }[];
  learning: LearningIndexRow[];
}

/**
 * Every family's indicators for each region, plus the collective learning index across them. The
 * co-participation weighting and project-size cap default to CLUSTER_COMPARISON_DEFAULTS (a cap of
 * 30 organisations per project: see selection.ts) rather than to `measure`'s "every project".
 */
export function compareRegions(
  dataset: Dataset,
  regions: string[],
  given: Omit<Selection, 'region'> = {},
  options: RunOptions = {},
): Comparison {
  if (regions.length === 0) throw new UsageError('measures', 'compare needs at least one region');
  const selection: Omit<Selection, 'region'> = { ...CLUSTER_COMPARISON_DEFAULTS, ...dropUndefined(given) };
  const sampling = { ...COMPARE_SAMPLING, ...options.network };
  const byName = new Map<string, Comparison['rows'][number]>();
  // One bar for the whole comparison: a step per region and family, the network family's own
  // progress as a fraction of its step, and a last step for the learning index.
  const families = checkFamilies(undefined);
  const total = regions.length * families.length + 1;
  const progress = options.onProgress;
  regions.forEach((region, r) => {
    const reports = families.map((name, f) => {
      const step = r * families.length + f;
      const report = FAMILIES[name](
        dataset,
        { ...selection, region },
        {
          ...options,
          network: sampling,
          onProgress:
            progress &&
            ((_phase, done, all) => progress('compare', step + (all > 0 ? done / all : 0), total)),
        },
      );
      progress?.('compare', step + 1, total);
      return report;
    });
    for (const report of reports) {
      for (const ind of report.indicators) {
        let row = byName.get(ind.name);
        if (!row) {
          row = {
            name: ind.name,
            unit: ind.unit ?? null,
            values: regions.map(() => null),
            notes: regions.map(() => null),
          };
          byName.set(ind.name, row);
        }
        row.values[r] = ind.value;
        row.notes[r] = ind.notAvailable ?? null;
        if (ind.standardError !== undefined) {
          row.standardErrors ??= regions.map(() => null);
          row.standardErrors[r] = ind.standardError;
        }
      }
    }
  });
  const learningRows = collectiveLearningIndex(dataset, regions, selection);
  progress?.('compare', total, total);
  const rows = [...byName.values()];
  rows.push(
    ...(['zSpinoff', 'zNetworking', 'zMobility', 'index'] as const).map((key) => ({
      name: `learning.${key}`,
      unit: key === 'index' ? 'mean z-score' : 'z-score',
      values: learningRows.map((l) => l[key]),
      notes: learningRows.map((l) =>
        l[key] === null
          ? regions.length < 2
            ? 'needs at least two regions'
            : 'no variation or no data'
          : null,
      ),
    })),
  );
  const samplingNote = `Sampled network figures, each with its standard error: betweenness centralization from ⌊${sampling.betweennessBudget} / ties⌋ pivot sources (at least 10) when organisations × ties exceed that budget (jackknife error over the pivot batches); small-world sigma over ${sampling.randomGraphs} random graphs and the gatekeeping z-score over ${sampling.permutations} permutations (Monte Carlo errors).`;
  return { regions, notes: [networkNote(selection), samplingNote], rows, learning: learningRows };
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
