/**
 * Raw tables: a source's rows as typed columns, before dictionary encoding. Readers that parse in
 * JS (CORDIS) produce them; the store produces them when a Dataset is loaded; `buildDataset` turns
 * them into a Dataset. Values follow the column types of src/model/tables.ts: text as strings,
 * years/ints/numbers as numbers, bools as booleans, dates as `YYYY-MM-DD` strings, lists as arrays.
 */
import type { TableName } from '../model/index.ts';

export type Value = string | number | boolean | string[] | null;

export interface RawTable {
  rowCount: number;
  /** One array per column, each `rowCount` long; a missing column means all null. */
  columns: Record<string, Value[]>;
}

export type RawTables = Partial<Record<TableName, RawTable>>;

export function emptyRawTable(columns: string[]): RawTable {
  return { rowCount: 0, columns: Object.fromEntries(columns.map((c) => [c, []])) };
}
