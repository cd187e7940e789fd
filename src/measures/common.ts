/**
 * What every measure shares: the selection options (`{ region, years }`), the result shape (a plain
 * table, or "not available" with a reason — never NaN or a silent zero), and headline indicators
 * that `milieu compare` lays side by side.
 */
import { UsageError } from '../errors.ts';

/** Which part of a Dataset a measure looks at. */
export interface Selection {
  /** Region id (from the regions table) or a NUTS code; organisations outside it are ignored. */
  region?: string;
  /** Inclusive year range for dated events (births, ties, spin-offs, moves, acquisitions). */
  years?: [number, number];
}

export const SELECTION_DEFAULTS: Required<Pick<Selection, 'years'>> = { years: [-9999, 9999] };

export function checkSelection(selection: Selection): Required<Pick<Selection, 'years'>> & Selection {
  const years = selection.years ?? SELECTION_DEFAULTS.years;
  if (!Number.isInteger(years[0]) || !Number.isInteger(years[1]) || years[0] > years[1]) {
    throw new UsageError(
      'measures',
      `invalid years: ${years.join('-')} (expected FIRST-LAST with FIRST ≤ LAST)`,
    );
  }
  return { ...selection, years };
}

/** Parses `1985-2000` (or a single year) into a year range. */
export function parseYears(text: string): [number, number] {
  const m = /^\s*(\d{3,4})\s*(?:[-–:]\s*(\d{3,4}))?\s*$/.exec(text);
  if (!m) throw new UsageError('measures', `invalid years '${text}' (expected e.g. 1985-2000)`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a > b) throw new UsageError('measures', `invalid years '${text}': first year after last`);
  return [a, b];
}

export type Cell = string | number | boolean | null;

/** A measure's output: a plain table (rows of named cells). */
export interface MeasureTable {
  measure: string;
  /** One sentence saying what the table holds, with units. */
  description: string;
  columns: string[];
  rows: Cell[][];
  notes?: string[];
}

/** A measure that cannot be computed on this data, and why (no ties, no survey data, too few firms…). */
export interface NotAvailable {
  measure: string;
  description: string;
  notAvailable: string;
}

export type MeasureResult = MeasureTable | NotAvailable;

export function isAvailable(r: MeasureResult): r is MeasureTable {
  return !('notAvailable' in r);
}

/** A single headline figure of a family, for comparing regions. */
export interface Indicator {
  name: string;
  value: number | null;
  unit?: string;
  /** Set when value is null. */
  notAvailable?: string;
}

export interface FamilyReport {
  family: string;
  tables: MeasureResult[];
  indicators: Indicator[];
}

export function notAvailable(measure: string, description: string, reason: string): NotAvailable {
  return { measure, description, notAvailable: reason };
}

export function indicator(
  name: string,
  value: number | null | undefined,
  unit?: string,
  reasonIfMissing = 'no data',
): Indicator {
  if (value === null || value === undefined || !Number.isFinite(value))
    return { name, value: null, unit, notAvailable: reasonIfMissing };
  return { name, value, unit };
}

export function inYears(year: number, years: [number, number]): boolean {
  return !Number.isNaN(year) && year >= years[0] && year <= years[1];
}
