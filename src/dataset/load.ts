/**
 * Loads a Dataset from the store: one query per table, straight into columns.
 */
import { columnsOf, TABLE_NAMES } from '../model/index.ts';
import { applyResolutions, loadResolutions } from '../store/resolutions.ts';
import { ident } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { buildDataset } from './build.ts';
import type { Dataset } from './dataset.ts';
import type { RawTables, Value } from './raw.ts';

export interface LoadOptions {
  /** Load only these imports (by id); default all. */
  imports?: number[];
}

export async function loadRawTables(store: Store, options: LoadOptions = {}): Promise<RawTables> {
  const raw: RawTables = {};
  const where = options.imports?.length
    ? ` WHERE import_id IN (${options.imports.map(Number).join(',')})`
    : '';
  for (const table of TABLE_NAMES) {
    const cols = columnsOf(table);
    const select = cols
      .map(([name, spec]) =>
        spec.type === 'date' ? `strftime(${ident(name)}, '%Y-%m-%d') AS ${ident(name)}` : ident(name),
      )
      .join(', ');
    const reader = await store.connection.runAndReadAll(`SELECT ${select} FROM ${ident(table)}${where}`);
    const columns = reader.getColumnsJS() as Value[][];
    raw[table] = {
      rowCount: reader.currentRowCount,
      columns: Object.fromEntries(cols.map(([name], i) => [name, columns[i] ?? []])),
    };
  }
  return raw;
}

export async function loadDataset(store: Store, options: LoadOptions = {}): Promise<Dataset> {
  const raw = await loadRawTables(store, options);
  // NUTS codes found by `milieu resolve` fill the organisations that lack one (never overwrite).
  const resolutions = await loadResolutions(store);
  if (resolutions) applyResolutions(raw, resolutions);
  const hashes = (
    await store.connection.runAndReadAll('SELECT content_hash FROM imports ORDER BY id')
  ).getRows();
  return buildDataset(raw, { source: store.path, inputHashes: hashes.map((r) => String(r[0])) });
}
