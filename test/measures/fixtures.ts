/** Shared helpers of the measure tests: tiny datasets from row objects, and reading reports. */
import { buildDataset } from '../../src/dataset/build.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import type { RawTable, RawTables, Value } from '../../src/dataset/raw.ts';
import { type FamilyReport, isAvailable, type MeasureTable } from '../../src/measures/common.ts';

/** A raw table from row objects (columns = the union of their keys; absent cells are null). */
export function table(rows: Record<string, Value | undefined>[]): RawTable {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return {
    rowCount: rows.length,
    columns: Object.fromEntries(names.map((c) => [c, rows.map((r) => r[c] ?? null)])),
  };
}

/** A Dataset from tables given as lists of row objects. */
export function dataset(raw: Record<string, Record<string, Value | undefined>[]>): Dataset {
  const tables: RawTables = {};
  for (const [name, rows] of Object.entries(raw)) tables[name as keyof RawTables] = table(rows);
  return buildDataset(tables);
}

/** The value of a report's indicator (throws when the report has no such indicator). */
export function value(report: FamilyReport, name: string): number | null {
  const found = report.indicators.find((i) => i.name === name);
  if (!found) throw new Error(`no indicator ${name}`);
  return found.value;
}

/** A report's table (throws, with the reason, when it is not available). */
export function tableOf(report: FamilyReport, measure: string): MeasureTable {
  const t = report.tables.find((x) => x.measure === measure);
  if (!t || !isAvailable(t)) {
    throw new Error(
      `${measure} not available: ${t && 'notAvailable' in t ? t.notAvailable : 'no such table'}`,
    );
  }
  return t;
}

/** A table's rows keyed by one column, each row as an object. */
export function rowsBy(t: MeasureTable, key: string): Record<string, Record<string, unknown>> {
  const k = t.columns.indexOf(key);
  return Object.fromEntries(
    t.rows.map((r) => [String(r[k]), Object.fromEntries(t.columns.map((c, i) => [c, r[i]]))]),
  );
}
