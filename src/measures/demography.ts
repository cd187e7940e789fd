/**
 * The yearly demography of a selection's firms (src/measures/evolution.ts says which firms count
 * and how the year axis is chosen): births, exits and the firms active at the start of each year,
 * computed once and shared by the evolution measures; the tables of births and exits, the creation
 * rate, and employment by year.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { FIRM_KINDS } from '../model/index.ts';
import {
  type Cell,
  checkSelection,
  inYears,
  type MeasureResult,
  notAvailable,
  type Selection,
} from './common.ts';
import { type FirmSelection, latestDataYear, rawNumber, selectFirms } from './firms.ts';

// ---------------------------------------------------------------------------------------------
// The yearly demography, computed once and shared by the measures

/** The selection's firms year by year, over the year axis first … last (index k is year first + k). */
export interface Demography {
  scope: FirmSelection;
  first: number;
  last: number;
  births: Float64Array;
  exits: Float64Array;
  /** Firms active at the start of each year: founded < year and (closed missing or ≥ year). */
  activeAtStart: Float64Array;
  /** Selected firms without a founding year (left out of births, active counts and survival). */
  undated: number;
}

/** The demography, or why there is none (a reason for "not available"). */
export type Prepared = Demography | string;

function emptyScopeReason(scope: FirmSelection): string | null {
  if (scope.organisationCount === 0) return `${scope.label} has no organisations`;
  if (scope.firmCount === 0) return `${scope.label} has no firms (kinds ${FIRM_KINDS.join(', ')})`;
  return null;
}

/** The demography of the selection's firms, or why there is none. Cost O(n + years). */
export function prepare(dataset: Dataset, selection: Selection): Prepared {
  const sel = checkSelection(selection);
  const scope = selectFirms(dataset, sel);
  const empty = emptyScopeReason(scope);
  if (empty) return empty;
  const { founded, closed } = dataset.organisations;
  let earliest = Number.POSITIVE_INFINITY;
  let undated = 0;
  for (let i = 0; i < scope.firms.length; i++) {
    if (!scope.firms[i]) continue;
    if (Number.isNaN(founded[i])) undated++;
    else if (founded[i] < earliest) earliest = founded[i];
  }
  if (earliest === Number.POSITIVE_INFINITY) return `no firm of ${scope.label} has a founding year`;
  const latest = latestDataYear(dataset);
  const first = Math.max(sel.years[0], earliest);
  const last = Math.min(sel.years[1], latest);
  if (first > last) {
    return `no year to look at: the selection ${sel.years.join('–')} and the data (firms founded from ${earliest}, data up to ${latest}) do not overlap`;
  }
  const span = last - first + 1;
  const births = new Float64Array(span);
  const exits = new Float64Array(span);
  // difference array: a firm is active at the start of years founded+1 … closed (or to the end)
  const diff = new Float64Array(span + 1);
  for (let i = 0; i < scope.firms.length; i++) {
    if (!scope.firms[i]) continue;
    const f = founded[i];
    if (Number.isNaN(f)) continue;
    const c = closed[i];
    if (f >= first && f <= last) births[f - first]++;
    if (!Number.isNaN(c) && c >= first && c <= last) exits[c - first]++;
    const lo = Math.max(f + 1, first);
    const hi = Number.isNaN(c) ? last : Math.min(c, last);
    if (lo <= hi) {
      diff[lo - first]++;
      diff[hi - first + 1]--;
    }
  }
  const activeAtStart = new Float64Array(span);
  let running = 0;
  for (let k = 0; k < span; k++) {
    running += diff[k];
    activeAtStart[k] = running;
  }
  return { scope, first, last, births, exits, activeAtStart, undated };
}

/** The note on selected firms without a founding year, when there are any. */
export function undatedNote(d: Demography): string[] {
  return d.undated > 0
    ? [`${d.undated} firm(s) of ${d.scope.label} have no founding year and are left out`]
    : [];
}

/** Creation rate in year first + k: births / active at start × 100; null when no firm was active. */
export function rateAt(d: Demography, k: number): number | null {
  return d.activeAtStart[k] > 0 ? (d.births[k] / d.activeAtStart[k]) * 100 : null;
}

// ---------------------------------------------------------------------------------------------
// Births and exits, creation rate

const BIRTHS_DESCRIPTION =
  'Firm births (founded) and exits (closed) per year, with the number of firms active at the start of the year.';

/** The `evolution.birthsAndExits` table of a demography. */
export function birthsTable(d: Prepared): MeasureResult {
  if (typeof d === 'string') return notAvailable('evolution.birthsAndExits', BIRTHS_DESCRIPTION, d);
  const rows: Cell[][] = [];
  for (let k = 0; k < d.births.length; k++)
    rows.push([d.first + k, d.births[k], d.exits[k], d.activeAtStart[k]]);
  return {
    measure: 'evolution.birthsAndExits',
    description: BIRTHS_DESCRIPTION,
    columns: ['year', 'births', 'exits', 'activeAtStart'],
    rows,
    notes: undatedNote(d),
  };
}

/**
 * Births and exits of firms per year. A firm (kind in FIRM_KINDS) is born in its `founded` year and
 * exits in its `closed` year; `activeAtStart` counts firms with founded < year and (closed missing
 * or closed ≥ year). Cost O(n + years).
 * Example: firms founded 1990, 1990, 1991 (the second closed 1991) → 1990: 2 births, 0 active at
 * start; 1991: 1 birth, 1 exit, 2 active at start.
 */
export function birthsAndExits(dataset: Dataset, selection: Selection = {}): MeasureResult {
  return birthsTable(prepare(dataset, selection));
}

const RATE_DESCRIPTION =
  'Creation rate per year: firm births per 100 firms active at the start of the year (null when no firm was active).';

/** The `evolution.creationRate` table of a demography. */
export function rateTable(d: Prepared): MeasureResult {
  if (typeof d === 'string') return notAvailable('evolution.creationRate', RATE_DESCRIPTION, d);
  const rows: Cell[][] = [];
  let defined = 0;
  for (let k = 0; k < d.births.length; k++) {
    const rate = rateAt(d, k);
    if (rate !== null) defined++;
    rows.push([d.first + k, d.births[k], d.activeAtStart[k], rate]);
  }
  if (defined === 0) {
    return notAvailable(
      'evolution.creationRate',
      RATE_DESCRIPTION,
      `no firm of ${d.scope.label} is active at the start of any year from ${d.first} to ${d.last}`,
    );
  }
  return {
    measure: 'evolution.creationRate',
    description: RATE_DESCRIPTION,
    columns: ['year', 'births', 'activeAtStart', 'creationRate'],
    rows,
    notes: [
      ...undatedNote(d),
      'years with no firm active at their start have no rate (null), and are left out of the mean',
    ],
  };
}

/** Mean of the yearly creation rates over the years with a rate; null when there is none. */
export function meanRate(d: Prepared): number | null {
  if (typeof d === 'string') return null;
  let sum = 0;
  let count = 0;
  for (let k = 0; k < d.births.length; k++) {
    const rate = rateAt(d, k);
    if (rate !== null) {
      sum += rate;
      count++;
    }
  }
  return count === 0 ? null : sum / count;
}

/**
 * Creation rate per year: births(y) / active(y) × 100, where active(y) counts firms active at the
 * start of year y (founded < y and (closed missing or closed ≥ y)). This is the firm "birth rate" of
 * business demography (Eurostat–OECD, Manual on Business Demography Statistics, 2007), which divides
 * by the firms active during the year instead; Keeble & Wilkinson (2000) follow the creation rate of
 * new technology-based firms through the 1990s. Cost O(n + years).
 * Example: 3 births in 1990 out of 12 firms active on 1 January 1990 → 25 per 100.
 */
export function creationRate(dataset: Dataset, selection: Selection = {}): MeasureResult {
  return rateTable(prepare(dataset, selection));
}

// ---------------------------------------------------------------------------------------------
// Employment

const EMPLOYMENT_DESCRIPTION =
  'Employment of the selected firms by year (sum of the employment table), with how many firms report that year and how many were alive.';

/** Σ employees and the number of records per year, over the employment records of `firms` in `years`. */
function employmentTotals(
  dataset: Dataset,
  firms: Uint8Array,
  years: [number, number],
): Map<number, [number, number]> {
  const table = dataset.other.employment;
  const index = dataset.organisations.index;
  // a simulated run's numeric columns: the same rows with every id already a number
  const numeric = dataset.numeric?.employment;
  const orgCol = numeric ? [] : (table.columns.organisation ?? []);
  const yearCol = numeric ? [] : (table.columns.year ?? []);
  const empCol = numeric ? [] : (table.columns.employees ?? []);
  const totals = new Map<number, [number, number]>();
  for (let r = 0; r < table.rowCount; r++) {
    const org = numeric ? numeric.organisation[r] : (index.get(String(orgCol[r])) ?? -1);
    if (org < 0 || !firms[org]) continue;
    const year = numeric ? numeric.year[r] : rawNumber(yearCol[r]);
    const employees = numeric ? numeric.employees[r] : rawNumber(empCol[r]);
    if (!inYears(year, years) || Number.isNaN(employees)) continue;
    const t = totals.get(year) ?? [0, 0];
    t[0] += employees;
    t[1]++;
    totals.set(year, t);
  }
  return totals;
}

/**
 * Employment by year: Σ employees over the employment records of the selected firms in each year,
 * with `reportingFirms` (firms with a record that year) and `firmsAlive` (founded ≤ year ≤ closed,
 * or founding unknown and not closed before) so that changes in coverage are visible: a total rises
 * when more firms report. Cost O(n · reported years + employment rows).
 * Example: firm a 1990: 10, 2000: 20; firm b 2000: 5 → 1990: 10 (1 firm), 2000: 25 (2 firms).
 */
export function employmentByYear(dataset: Dataset, selection: Selection = {}): MeasureResult {
  const sel = checkSelection(selection);
  const scope = selectFirms(dataset, sel);
  const empty = emptyScopeReason(scope);
  if (empty) return notAvailable('evolution.employment', EMPLOYMENT_DESCRIPTION, empty);
  const table = dataset.other.employment;
  if (table.rowCount === 0)
    return notAvailable(
      'evolution.employment',
      EMPLOYMENT_DESCRIPTION,
      'the dataset has no employment records',
    );
  const totals = employmentTotals(dataset, scope.firms, sel.years);
  if (totals.size === 0) {
    return notAvailable(
      'evolution.employment',
      EMPLOYMENT_DESCRIPTION,
      `no employment record for a firm of ${scope.label} in the selected years`,
    );
  }
  const { founded, closed } = dataset.organisations;
  const rows: Cell[][] = [];
  for (const year of [...totals.keys()].sort((a, b) => a - b)) {
    let alive = 0;
    for (let i = 0; i < scope.firms.length; i++) {
      if (!scope.firms[i]) continue;
      if (founded[i] > year || closed[i] < year) continue; // NaN compares false: unknown counts as alive
      alive++;
    }
    const [employees, reporting] = totals.get(year)!;
    rows.push([year, employees, reporting, alive]);
  }
  return {
    measure: 'evolution.employment',
    description: EMPLOYMENT_DESCRIPTION,
    columns: ['year', 'employees', 'reportingFirms', 'firmsAlive'],
    rows,
    notes: [
      'only years with at least one record are listed; totals are comparable only where reportingFirms is',
    ],
  };
}
