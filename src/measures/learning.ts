/**
 * Collective learning index: how intensely a region runs the three processes through which, in the
 * innovative-milieu literature, knowledge circulates among a cluster's firms — spin-offs, local
 * networking and the local mobility of skilled people (Keeble & Wilkinson 1999; Capello 1999;
 * Lawson & Lorenz 1999).
 *
 * For each region r:
 * - spin-off intensity  S_r = spin-offs founded in r in the selected years per 100 firms of r
 * - networking intensity N_r = local ties (both ends in r: stored ties overlapping the years, and
 *   co-participation in the selection's projects — overlapping the years, within the project-size
 *   cap; see selection.ts) per firm of r; a tie counts once whatever its weight
 * - mobility intensity  M_r = moves between two organisations of r per 100 employees of r (latest
 *   employment per organisation); per 100 firms when r has no employment data (and said so) — and,
 *   when regions are compared, per 100 firms for all of them as soon as one lacks employment data
 * Each component is standardised across the compared regions, z = (x − mean) / sd (population sd),
 * and the index is the mean of the available z-scores. The components are always shown beside it:
 * the index is only as good as the weakest of them, and equal weights are a convention, not a finding.
 *
 * Limits: with one region there is nothing to standardise against (the index is not available);
 * with two, every z is ±1; a component that is equal in all regions carries no information and is
 * left out of the mean. Intensities depend on how completely ties, spin-offs and moves were recorded
 * in each region: compare regions whose data were collected the same way.
 *
 * Example: regions A and B with spin-off intensities 10 and 20, networking 1 and 1, mobility 2 and 6:
 * z_S = (−1, 1), networking left out (sd 0), z_M = (−1, 1): index A = −1, B = 1.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { FIRM_KINDS, ORGANISATION_KINDS } from '../model/index.ts';
import {
  type Cell,
  checkSelection,
  type FamilyReport,
  type Indicator,
  indicator,
  inYears,
  type MeasureResult,
  notAvailable,
  type Selection,
} from './common.ts';
import { coParticipationIn, givenYears, networkNote, overlapsYears, regionMask } from './selection.ts';

export interface LearningComponents {
  region: string;
  firms: number;
  spinoffIntensity: number | null;
  networkingIntensity: number | null;
  mobilityIntensity: number | null;
  /** 'employees' or 'firms': what mobility intensity is per 100 of. */
  mobilityBase: 'employees' | 'firms' | null;
  /** The counts behind the intensities. */
  spinoffs: number;
  localTies: number;
  localMoves: number;
  employees: number;
}

const FIRM_CODES = new Set(FIRM_KINDS.map((k) => ORGANISATION_KINDS.indexOf(k)));

/** The three raw intensities of one region (see the module comment for the formulas). */
export function learningComponents(
  dataset: Dataset,
  region: string,
  selection: Selection = {},
): LearningComponents {
  const sel = checkSelection(selection);
  const { years } = sel;
  const inside = regionMask(dataset, region);
  const o = dataset.organisations;
  let firms = 0;
  for (let i = 0; i < o.count; i++) if (inside[i] && FIRM_CODES.has(o.kind[i])) firms++;
  if (firms === 0) {
    return {
      region,
      firms,
      spinoffIntensity: null,
      networkingIntensity: null,
      mobilityIntensity: null,
      mobilityBase: null,
      spinoffs: 0,
      localTies: 0,
      localMoves: 0,
      employees: 0,
    };
  }

  let spinoffs = 0;
  const s = dataset.spinoffs;
  for (let k = 0; k < s.count; k++) {
    const child = s.child[k];
    if (child < 0 || !inside[child]) continue;
    const year = Number.isNaN(s.year[k]) ? o.founded[child] : s.year[k];
    if (selection.years === undefined || inYears(year, years)) spinoffs++;
  }

  // Local ties, both ends inside: stored ties overlapping the selected years, plus co-participation
  // ties from the selection's projects (overlapping the years, within the size cap: selection.ts).
  let localTies = 0;
  const t = dataset.ties;
  for (let k = 0; k < t.count; k++) {
    const u = t.source[k];
    const v = t.target[k];
    if (u < 0 || v < 0 || !inside[u] || !inside[v]) continue;
    if (overlapsYears(t.start[k], t.end[k], givenYears(sel))) localTies++;
  }
  const cp = coParticipationIn(dataset, sel);
  for (let u = 0; u < cp.n; u++) {
    if (!inside[u]) continue;
    for (let e = cp.offsets[u]; e < cp.offsets[u + 1]; e++)
      if (cp.targets[e] > u && inside[cp.targets[e]]) localTies++;
  }

  const index = dataset.organisations.index;
  const moves = dataset.other.moves;
  let localMoves = 0;
  for (let k = 0; k < moves.rowCount; k++) {
    const from = index.get(String(moves.columns.from?.[k] ?? ''));
    const to = index.get(String(moves.columns.to?.[k] ?? ''));
    const year = Number(moves.columns.year?.[k]);
    if (from === undefined || to === undefined || !inside[from] || !inside[to]) continue;
    if (selection.years === undefined || inYears(year, years)) localMoves++;
  }
  const latest = new Map<number, [number, number]>();
  const emp = dataset.other.employment;
  for (let k = 0; k < emp.rowCount; k++) {
    const org = index.get(String(emp.columns.organisation?.[k]));
    const year = Number(emp.columns.year?.[k]);
    if (org === undefined || !inside[org]) continue;
    if (selection.years !== undefined && year > years[1]) continue;
    const prev = latest.get(org);
    if (!prev || year > prev[0]) latest.set(org, [year, Number(emp.columns.employees?.[k])]);
  }
  let employees = 0;
  for (const [, [, n]] of latest) employees += n;
  const mobilityBase = employees > 0 ? 'employees' : 'firms';
  return {
    region,
    firms,
    // A process with no records at all in the dataset is unknown, not zero.
    spinoffIntensity: s.count === 0 ? null : (100 * spinoffs) / firms,
    networkingIntensity:
      t.count === 0 && dataset.coParticipation.targets.length === 0 ? null : localTies / firms,
    mobilityIntensity: moves.rowCount === 0 ? null : (100 * localMoves) / (employees > 0 ? employees : firms),
    mobilityBase,
    spinoffs,
    localTies,
    localMoves,
    employees,
  };
}

export interface LearningIndexRow extends LearningComponents {
  zSpinoff: number | null;
  zNetworking: number | null;
  zMobility: number | null;
  index: number | null;
}

/** z-scores across regions; null for a region without a value, all null when sd is 0 or < 2 values. */
export function zScores(values: (number | null)[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return values.map(() => null);
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
  if (sd === 0) return values.map(() => null);
  return values.map((v) => (v === null ? null : (v - mean) / sd));
}

/** The collective learning index of several regions, standardised across them. */
export function collectiveLearningIndex(
  dataset: Dataset,
  regions: string[],
  selection: Selection = {},
): LearningIndexRow[] {
  let comps = regions.map((r) => learningComponents(dataset, r, selection));
  // One base for all regions: per 100 employees only when every region has employment data.
  if (comps.some((c) => c.mobilityBase === 'firms')) {
    comps = comps.map((c) =>
      c.firms === 0
        ? c
        : {
            ...c,
            mobilityIntensity: c.mobilityIntensity === null ? null : (100 * c.localMoves) / c.firms,
            mobilityBase: 'firms' as const,
          },
    );
  }
  const zS = zScores(comps.map((c) => c.spinoffIntensity));
  const zN = zScores(comps.map((c) => c.networkingIntensity));
  const zM = zScores(comps.map((c) => c.mobilityIntensity));
  return comps.map((c, i) => {
    const zs = [zS[i], zN[i], zM[i]].filter((z): z is number => z !== null);
    return {
      ...c,
      zSpinoff: zS[i],
      zNetworking: zN[i],
      zMobility: zM[i],
      index: zs.length === 0 ? null : zs.reduce((a, b) => a + b, 0) / zs.length,
    };
  });
}

const DESCRIPTION =
  'Spin-offs per 100 firms, local ties per firm, local moves per 100 employees (or firms); standardised across regions only in compare';

/** The family for one selection: the raw components (the index needs several regions: see compare). */
export function learning(dataset: Dataset, selection: Selection = {}): FamilyReport {
  const measure = 'collectiveLearningComponents';
  if (selection.region === undefined) {
    return {
      family: 'learning',
      tables: [
        notAvailable(
          measure,
          DESCRIPTION,
          'needs a region (--region), since the processes are counted inside one',
        ),
      ],
      indicators: [],
    };
  }
  const c = learningComponents(dataset, selection.region, selection);
  const tables: MeasureResult[] = [];
  const indicators: Indicator[] = [];
  if (c.firms === 0) {
    tables.push(notAvailable(measure, DESCRIPTION, `no firms in region '${selection.region}'`));
  } else {
    const rows: Cell[][] = [
      ['spinoffIntensity', c.spinoffIntensity, 'spin-offs per 100 firms'],
      ['networkingIntensity', c.networkingIntensity, 'local ties per firm'],
      ['mobilityIntensity', c.mobilityIntensity, `local moves per 100 ${c.mobilityBase}`],
    ];
    const missing = rows.filter((r) => r[1] === null).map((r) => String(r[0]));
    tables.push({
      measure,
      description: DESCRIPTION,
      columns: ['component', 'value', 'unit'],
      rows,
      notes: [
        ...(missing.length
          ? [`not available (no records of that process in the data): ${missing.join(', ')}`]
          : []),
        networkNote(selection),
      ],
    });
  }
  const why = (records: string) =>
    c.firms === 0 ? 'no firms in the region' : `no ${records} records in the data`;
  indicators.push(
    indicator('learning.spinoffIntensity', c.spinoffIntensity, 'per 100 firms', why('spin-off')),
    indicator('learning.networkingIntensity', c.networkingIntensity, 'ties per firm', why('tie or project')),
    indicator(
      'learning.mobilityIntensity',
      c.mobilityIntensity,
      `per 100 ${c.mobilityBase ?? 'employees'}`,
      why('move'),
    ),
  );
  return { family: 'learning', tables, indicators };
}
