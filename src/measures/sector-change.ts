/**
 * Sectoral variety over time (src/measures/sectors.ts): by founding window and by the firms active
 * in each year, each step with a verdict, "diversifying" when entropy rises, "specialising" when it
 * falls.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { type Cell, checkSelection, type MeasureResult, notAvailable, type Selection } from './common.ts';
import { selectFirms } from './firms.ts';
import {
  ACTIVE_DESCRIPTION,
  DIVISION_LEVEL,
  divisions,
  FOUNDING_DESCRIPTION,
  snapshotYear,
} from './sector-structure.ts';
import { DIVISION_SLOTS, sectoralVariety, type Variety } from './variety.ts';

// ---------------------------------------------------------------------------------------------
// Change over time

const EPSILON = 1e-12;

function verdict(previous: number | null, current: number | null): string | null {
  if (previous === null || current === null) return null;
  if (current > previous + EPSILON) return 'diversifying';
  if (current < previous - EPSILON) return 'specialising';
  return 'unchanged';
}

function varietyCells(v: Variety | null): Cell[] {
  return v === null
    ? [null, null, null, null, null]
    : [v.divisions, v.entropy, v.unrelatedVariety, v.relatedVariety, v.herfindahl];
}

interface TimeScope {
  label: string;
  first: number;
  last: number;
  division: Int8Array;
  /** Firms of the region with a division and a founding year. */
  firms: Int32Array;
  undated: number;
  unplaced: number;
  inconsistent: number;
}

export function timeScope(dataset: Dataset, selection: Selection): TimeScope | string {
  const sel = checkSelection(selection);
  const scope = selectFirms(dataset, sel);
  if (scope.organisationCount === 0) return `${scope.label} has no organisations`;
  if (scope.firmCount === 0) return `${scope.label} has no firms`;
  const last = snapshotYear(dataset, sel.years);
  const division = divisions(dataset);
  const { founded, closed } = dataset.organisations;
  const list: number[] = [];
  let undated = 0;
  let unplaced = 0;
  let inconsistent = 0;
  let earliest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < scope.firms.length; i++) {
    if (!scope.firms[i]) continue;
    if (division[i] < 0) unplaced++;
    else if (Number.isNaN(founded[i])) undated++;
    else if (closed[i] < founded[i]) inconsistent++;
    else if (founded[i] <= last) {
      list.push(i);
      if (founded[i] < earliest) earliest = founded[i];
    }
  }
  if (list.length === 0)
    return `no firm of ${scope.label} has both a NACE division and a founding year up to ${last}`;
  return {
    label: scope.label,
    first: Math.max(sel.years[0], earliest),
    last,
    division,
    firms: Int32Array.from(list),
    undated,
    unplaced,
    inconsistent,
  };
}

function timeNotes(t: TimeScope): string[] {
  const notes = ['weighted by firm counts'];
  if (t.unplaced > 0)
    notes.push(
      `${t.unplaced} firm(s) without a NACE division (no sector, unreadable or section only) are left out`,
    );
  if (t.undated > 0) notes.push(`${t.undated} firm(s) without a founding year are left out`);
  if (t.inconsistent > 0)
    notes.push(`${t.inconsistent} firm(s) closed before they were founded are left out`);
  return notes;
}

export function foundingTable(dataset: Dataset, t: TimeScope | string, window: number): MeasureResult {
  if (typeof t === 'string') return notAvailable('sectors.changeByFounding', FOUNDING_DESCRIPTION, t);
  if (t.first > t.last)
    return notAvailable(
      'sectors.changeByFounding',
      FOUNDING_DESCRIPTION,
      `no year from ${t.first} to ${t.last}`,
    );
  const founded = dataset.organisations.founded;
  const start = (y: number) => Math.floor(y / window) * window;
  const firstWindow = start(t.first);
  const windows = Math.floor((start(t.last) - firstWindow) / window) + 1;
  const counts = new Float64Array(windows * DIVISION_SLOTS);
  let used = 0;
  for (const i of t.firms) {
    const f = founded[i];
    if (f < t.first || f > t.last) continue;
    counts[((start(f) - firstWindow) / window) * DIVISION_SLOTS + t.division[i]]++;
    used++;
  }
  if (used === 0) {
    return notAvailable(
      'sectors.changeByFounding',
      FOUNDING_DESCRIPTION,
      `no firm of ${t.label} with a NACE division was founded in ${t.first}–${t.last}`,
    );
  }
  const rows: Cell[][] = [];
  let previous: number | null = null;
  for (let w = 0; w < windows; w++) {
    const slice = counts.subarray(w * DIVISION_SLOTS, (w + 1) * DIVISION_SLOTS);
    const v = sectoralVariety(slice);
    const from = Math.max(firstWindow + w * window, t.first);
    const to = Math.min(firstWindow + (w + 1) * window - 1, t.last);
    const firms = slice.reduce((a, b) => a + b, 0);
    const entropy = v?.entropy ?? null;
    rows.push([
      from === to ? String(from) : `${from}–${to}`,
      from,
      to,
      firms,
      ...varietyCells(v),
      verdict(previous, entropy),
    ]);
    previous = entropy;
  }
  return {
    measure: 'sectors.changeByFounding',
    description: FOUNDING_DESCRIPTION,
    columns: [
      'window',
      'from',
      'to',
      'firms',
      'divisions',
      'entropy',
      'unrelatedVariety',
      'relatedVariety',
      'herfindahl',
      'verdict',
    ],
    rows,
    notes: [
      `windows of ${window} years aligned on multiples of ${window}, cut to ${t.first}–${t.last}; a window without foundings has no measures and no verdict`,
      `entropy, unrelated and related variety over ${DIVISION_LEVEL}`,
      ...timeNotes(t),
    ],
  };
}

export function activeTable(dataset: Dataset, t: TimeScope | string): MeasureResult {
  if (typeof t === 'string') return notAvailable('sectors.changeByActiveYear', ACTIVE_DESCRIPTION, t);
  if (t.first > t.last)
    return notAvailable(
      'sectors.changeByActiveYear',
      ACTIVE_DESCRIPTION,
      `no year from ${t.first} to ${t.last}`,
    );
  const { founded, closed } = dataset.organisations;
  // difference array over (year, division): +1 from max(founded, first), −1 from closed + 1
  const span = t.last - t.first + 1;
  const delta = new Float64Array((span + 1) * DIVISION_SLOTS);
  for (const i of t.firms) {
    if (closed[i] < t.first) continue;
    const d = t.division[i];
    delta[(Math.max(founded[i], t.first) - t.first) * DIVISION_SLOTS + d]++;
    if (closed[i] + 1 <= t.last) delta[(closed[i] + 1 - t.first) * DIVISION_SLOTS + d]--;
  }
  const counts = new Float64Array(DIVISION_SLOTS);
  const rows: Cell[][] = [];
  let active = 0;
  let previous: number | null = null;
  for (let k = 0; k < span; k++) {
    for (let d = 0; d < DIVISION_SLOTS; d++) {
      const change = delta[k * DIVISION_SLOTS + d];
      counts[d] += change;
      active += change;
    }
    const v = sectoralVariety(counts);
    const entropy = v?.entropy ?? null;
    rows.push([t.first + k, active, ...varietyCells(v), verdict(previous, entropy)]);
    previous = entropy;
  }
  return {
    measure: 'sectors.changeByActiveYear',
    description: ACTIVE_DESCRIPTION,
    columns: [
      'year',
      'firms',
      'divisions',
      'entropy',
      'unrelatedVariety',
      'relatedVariety',
      'herfindahl',
      'verdict',
    ],
    rows,
    notes: [
      'a firm is active in year y when founded ≤ y and it is not closed before y',
      `entropy, unrelated and related variety over ${DIVISION_LEVEL}`,
      ...timeNotes(t),
    ],
  };
}
