/**
 * The shape of every computed result: a plain table, or "not available" with a reason (never NaN or
 * a silent zero), and headline indicators laid side by side by `milieu compare`. Kept in the model
 * so that readers of context data (io/regional-indicators.ts) and the measure families
 * (measures/) share one shape without importing each other.
 */

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
  /**
   * Standard error of a value estimated by sampling (pivots, random graphs, permutations): how far
   * it may lie from the value of the exact computation or of infinitely many samples. Absent when exact.
   */
  standardError?: number;
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
