/**
 * The network family's report (src/measures/network.ts): its tables (measure name and description,
 * in report order) and headline indicators (name and unit, in report order), the builder its parts
 * fill them through, and what they share while they run (NetworkRun). A table or indicator that no
 * part fills stands as "not computed".
 */
import type { Dataset } from '../dataset/dataset.ts';
import {
  type Cell,
  type CheckedSelection,
  type FamilyReport,
  type Indicator,
  indicator,
  type MeasureResult,
  type MeasureTable,
  notAvailable,
  type Selection,
} from './common.ts';
import type { SelectedNetwork } from './network-graph.ts';
import type { ResolvedNetworkOptions } from './network-options.ts';

/** Description of each table, keyed by its short name; the report lists the tables in this order. */
const DESCRIPTIONS = {
  overview:
    'Size and cohesion of the tie network: organisations, ties, density 2m/(n(n−1)), degrees, isolates and connected components.',
  degrees:
    'Degree distribution: number of organisations (and share of all) with each number of distinct partners.',
  clustering:
    'Clustering: triangles, transitivity (3 × triangles / connected triples) and average local clustering (isolates and leaves count 0).',
  kcores:
    'Nested k-cores (Seidman 1983): organisations in the k-core (every member has ≥ k partners inside it), per k.',
  communities:
    'Louvain communities (Blondel et al. 2008) maximising weighted modularity: the largest communities with their size and best-connected members.',
  smallWorld:
    'Small-world coefficient sigma = (C/C_r)/(L/L_r) (Humphries & Gurney 2008), C = transitivity, L = mean shortest path in the largest component, against degree-preserving random graphs.',
  corePeriphery:
    'Discrete core–periphery fit (Borgatti & Everett 1999): Pearson correlation between the ties and the ideal core–periphery pattern, core size and block densities.',
  betweenness:
    'Organisations with the highest betweenness centrality (Freeman 1977; Brandes 2001), normalised by (n−1)(n−2)/2 pairs; sampled (Brandes & Pich 2007) on large graphs.',
  brokerage:
    'Gould–Fernandez brokerage: open two-paths a–b–c brokered by the selected organisations, per role, against a permutation null of group labels (z-score).',
  gatekeepers:
    'Top gatekeepers: organisations brokering most open two-paths between an outside partner and a member of their own group, with role counts and the gatekeeper z-score.',
} as const;

/** Short name of a table of the family. */
export type NetworkTable = keyof typeof DESCRIPTIONS;

/** Measure name of each table in the report. */
const MEASURE_NAMES: Record<NetworkTable, string> = {
  overview: 'network.overview',
  degrees: 'network.degreeDistribution',
  clustering: 'network.clustering',
  kcores: 'network.kCores',
  communities: 'network.communities',
  smallWorld: 'network.smallWorld',
  corePeriphery: 'network.corePeriphery',
  betweenness: 'network.betweenness',
  brokerage: 'network.brokerage',
  gatekeepers: 'network.gatekeepers',
};

/** Indicator names and units, in report order. */
const INDICATORS: [string, string | undefined][] = [
  ['network.organisations', 'organisations'],
  ['network.ties', 'ties'],
  ['network.density', 'share of pairs'],
  ['network.meanDegree', 'partners'],
  ['network.largestComponentShare', 'share of organisations'],
  ['network.transitivity', 'ratio'],
  ['network.averageClustering', 'ratio'],
  ['network.degeneracy', 'k'],
  ['network.communities', 'communities'],
  ['network.modularity', 'Q'],
  ['network.smallWorldSigma', 'ratio'],
  ['network.corePeripheryFit', 'correlation'],
  ['network.betweennessCentralization', 'ratio'],
  ['network.gatekeepers', 'organisations'],
  ['network.gatekeepingZ', 'z-score'],
];

/** The family's tables and indicators as its parts fill them. */
export interface NetworkReport {
  /** An indicator's value, the reason shown when it has none, and its standard error when finite. */
  indicator(key: string, value: number | null, reason?: string, standardError?: number | null): void;
  table(key: NetworkTable, columns: string[], rows: Cell[][], notes?: string[]): void;
  /** A table not available, with the reason. */
  missing(key: NetworkTable, reason: string): void;
  /** Every table and indicator not filled yet: not available, for one reason (no organisations, no ties). */
  missingRest(reason: string): void;
  /** The report: tables and indicators in their fixed order, whatever order they were filled in. */
  build(): FamilyReport;
}

export function networkReport(): NetworkReport {
  const values = new Map<string, number | null>();
  const reasons = new Map<string, string>();
  const errors = new Map<string, number>();
  const tables: Partial<Record<NetworkTable, MeasureResult>> = {};
  const setIndicator = (
    key: string,
    value: number | null,
    reason?: string,
    standardError?: number | null,
  ) => {
    values.set(key, value);
    if (reason !== undefined) reasons.set(key, reason);
    if (standardError !== undefined && standardError !== null && Number.isFinite(standardError))
      errors.set(key, standardError);
  };
  const missing = (key: NetworkTable, reason: string) => {
    tables[key] = notAvailable(MEASURE_NAMES[key], DESCRIPTIONS[key], reason);
  };
  return {
    indicator: setIndicator,
    table(key, columns, rows, notes) {
      const t: MeasureTable = { measure: MEASURE_NAMES[key], description: DESCRIPTIONS[key], columns, rows };
      if (notes && notes.length > 0) t.notes = notes;
      tables[key] = t;
    },
    missing,
    missingRest(reason) {
      for (const key of Object.keys(DESCRIPTIONS) as NetworkTable[])
        if (tables[key] === undefined) missing(key, reason);
      for (const [key] of INDICATORS) if (!values.has(key)) setIndicator(key, null, reason);
    },
    build: (): FamilyReport => ({
      family: 'network',
      tables: (Object.keys(DESCRIPTIONS) as NetworkTable[]).map(
        (k) => tables[k] ?? notAvailable(MEASURE_NAMES[k], DESCRIPTIONS[k], 'not computed'),
      ),
      indicators: INDICATORS.map(([key, unit]): Indicator => {
        const reason = reasons.get(key) ?? 'not computed';
        const ind = indicator(key, values.get(key) ?? null, unit, reason);
        const se = errors.get(key);
        return se !== undefined && ind.value !== null ? { ...ind, standardError: se } : ind;
      }),
    }),
  };
}

/** What the family's parts share while they compute the figures of one selection. */
export interface NetworkRun {
  dataset: Dataset;
  /** The selection as given, and checked (defaults filled in). */
  selection: Selection;
  checked: CheckedSelection;
  net: SelectedNetwork;
  /** Nodes and ties of net.csr. */
  n: number;
  m: number;
  /** Distinct partners of each node. */
  degree: Int32Array;
  /** The options, with randomGraphs and permutations 0 when the null models are skipped. */
  opts: ResolvedNetworkOptions;
  /** Why the null models were skipped (more ties than nullModelTieLimit), else null. */
  nullModelsSkipped: string | null;
  report: NetworkReport;
  /** Reserves `units` of the progress total for one step; the step reports its own units done to it. */
  stage(units: number): ((done: number) => void) | undefined;
  /** Id, name (else id) and kind (null when unknown) of the organisation at node i. */
  id(i: number): string;
  name(i: number): string;
  kind(i: number): string | null;
}
