/**
 * The firms of a selection and the latest year of the data, shared by the evolution and sectors
 * families: which organisation kinds are firms (FIRM_KINDS), the firms of the selected region, and
 * the last year any observed event mentions, where both families' year axes end.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { RawTable, Value } from '../dataset/raw.ts';
import { FIRM_KINDS, ORGANISATION_KINDS } from '../model/index.ts';
import type { Selection } from './common.ts';
import { selectionMembers } from './selection.ts';

/** A raw cell as a number: numbers as they are, numeric strings parsed, anything else NaN. */
export function rawNumber(v: Value | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return Number.NaN;
}

function isoYear(v: string | null): number {
  return v === null ? Number.NaN : rawNumber(v.slice(0, 4));
}

/**
 * The latest year any observed event of the Dataset mentions: foundings and closures, employment
 * records, spin-offs, tie starts and ends, moves, acquisitions and project starts. Planned dates
 * (project ends, initiative ends) are left out. NaN when the Dataset holds no year at all.
 * Cost O(rows). Example: the Fenland package → 2010 (an acquisition in 2010).
 */
export function latestDataYear(dataset: Dataset): number {
  let latest = Number.NEGATIVE_INFINITY;
  const scan = (values: ArrayLike<number>) => {
    for (let i = 0; i < values.length; i++) if (values[i] > latest) latest = values[i];
  };
  const scanRaw = (table: RawTable, column: string) => {
    const values = table.columns[column];
    if (!values) return;
    for (let i = 0; i < table.rowCount; i++) {
      const y = rawNumber(values[i]);
      if (y > latest) latest = y;
    }
  };
  scan(dataset.organisations.founded);
  scan(dataset.organisations.closed);
  scan(dataset.spinoffs.year);
  scan(dataset.ties.start);
  scan(dataset.ties.end);
  for (let i = 0; i < dataset.projects.count; i++) {
    const y = isoYear(dataset.projects.start[i]);
    if (y > latest) latest = y;
  }
  // a simulated run's numeric columns hold the same years as numbers (rawNumber(y) = y)
  if (dataset.numeric) {
    scan(dataset.numeric.employment.year);
    scan(dataset.numeric.moves.year);
  } else {
    scanRaw(dataset.other.employment, 'year');
    scanRaw(dataset.other.moves, 'year');
  }
  scanRaw(dataset.other.acquisitions, 'year');
  return latest === Number.NEGATIVE_INFINITY ? Number.NaN : latest;
}

/** 1 at each organisation code that is a firm kind. */
export const FIRM_CODE_MASK: Uint8Array = (() => {
  const mask = new Uint8Array(256);
  for (const k of FIRM_KINDS) mask[ORGANISATION_KINDS.indexOf(k)] = 1;
  return mask;
})();

export interface FirmSelection {
  /** 1 for every firm inside the selected region (every firm when no region is selected). */
  firms: Uint8Array;
  firmCount: number;
  /** Organisations of any kind in the region. */
  organisationCount: number;
  /** "region X" or "the dataset", for messages. */
  label: string;
}

/** The firms of the selection's region (all firms when no region is set). Cost O(n). */
export function selectFirms(dataset: Dataset, selection: Selection): FirmSelection {
  const o = dataset.organisations;
  const inside = selectionMembers(dataset, selection);
  const firms = new Uint8Array(o.count);
  let firmCount = 0;
  let organisationCount = 0;
  for (let i = 0; i < o.count; i++) {
    if (inside !== null && !inside[i]) continue;
    organisationCount++;
    if (FIRM_CODE_MASK[o.kind[i]]) {
      firms[i] = 1;
      firmCount++;
    }
  }
  const label = selection.region ? `region ${selection.region}` : 'the dataset';
  return { firms, firmCount, organisationCount, label };
}
