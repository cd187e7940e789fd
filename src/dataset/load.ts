/**
 * Loads a Dataset from the store: per non-empty table one query for its text columns (each read as
 * one string) and one for the rest, straight into columns.
 */
import { type ColumnSpec, columnsOf, TABLE_NAMES, type TableName } from '../model/index.ts';
import { loadResolutions } from '../store/resolutions.ts';
import { sqlType } from '../store/schema.ts';
import { ident } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { buildDataset } from './build.ts';
import type { Dataset } from './dataset.ts';
import type { RawTables, Value } from './raw.ts';
import { applyResolutions } from './resolutions.ts';

export interface LoadOptions {
  /** Load only these imports (by id); default all. */
  imports?: number[];
  /**
   * Load only these columns of these tables (the other columns are null, the other tables empty);
   * default every column of every table. A command that needs a few columns spares reading the rest.
   */
  columns?: Partial<Record<TableName, readonly string[]>>;
}

/**
 * What networkSummary reads: the organisations' kinds and the ties of both sources. `milieu network`
 * reads them through loadNetwork (load-network.ts), which falls back to these columns here.
 */
export const NETWORK_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  organisations: ['id', 'kind'],
  projects: ['id'],
  participations: ['project', 'organisation'],
  ties: ['source', 'target', 'weight'],
};

/** Separates the values of a text column read in one piece; NULL is written as a lone NUL. */
const SEP = '\x1f';
const NUL = '\x00';

/**
 * Loads every table's rows, in insertion order, as columns. Text columns are the costly part: the
 * client library turns a result into JS strings one value at a time (about 1 s for the H2020 store),
 * so each text column is read as one string, its values joined by a separator in SQL, and split in
 * JS. A column whose values contain the separator or NUL falls back to the value-by-value read.
 *
 * The joined strings must list the values in insertion order, like a plain SELECT does. An ordered
 * aggregate (`ORDER BY rowid`) costs more than the reading it saves, so the queries run on one
 * thread instead, where an aggregate sees the rows in the order they are stored.
 */
export async function loadRawTables(store: Store, options: LoadOptions = {}): Promise<RawTables> {
  const { connection } = store;
  const threads = Number(
    (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0],
  );
  await connection.run('SET threads = 1');
  try {
    return await readTables(store, options);
  } finally {
    await connection.run(`SET threads = ${threads}`);
  }
}

async function readTables(store: Store, options: LoadOptions): Promise<RawTables> {
  const raw: RawTables = {};
  const where = options.imports?.length
    ? ` WHERE import_id IN (${options.imports.map(Number).join(',')})`
    : '';
  // One round trip for the sizes, so that empty tables cost no query.
  const counts = (
    await store.connection.runAndReadAll(
      `SELECT ${TABLE_NAMES.map((t) => `(SELECT count(*) FROM ${ident(t)}${where})`).join(', ')}`,
    )
  ).getRows()[0];
  for (const [k, table] of TABLE_NAMES.entries()) {
    const wanted = options.columns === undefined ? undefined : (options.columns[table] ?? []);
    const cols = columnsOf(table).filter(([name]) => wanted === undefined || wanted.includes(name));
    const rowCount = wanted?.length === 0 ? 0 : Number(counts[k]);
    if (rowCount === 0) {
      raw[table] = { rowCount: 0, columns: Object.fromEntries(cols.map(([name]) => [name, []])) };
      continue;
    }
    const expr = (name: string, spec: ColumnSpec) =>
      spec.type === 'date' ? `strftime(${ident(name)}, '%Y-%m-%d')` : ident(name);
    const isText = (spec: ColumnSpec) => spec.type === 'date' || sqlType(spec) === 'VARCHAR';
    const text = cols.filter(([, spec]) => isText(spec));
    const other = cols.filter(([, spec]) => !isText(spec));
    const columns: Record<string, Value[]> = {};
    if (text.length > 0) {
      const joined = text.map(
        ([name, spec]) =>
          `string_agg(coalesce(${expr(name, spec)}, chr(0)), chr(31)), count(*) FILTER (WHERE contains(${expr(name, spec)}, chr(31)) OR contains(${expr(name, spec)}, chr(0)))`,
      );
      const row = (
        await store.connection.runAndReadAll(`SELECT ${joined.join(', ')} FROM ${ident(table)}${where}`)
      ).getRows()[0];
      const slow: [string, ColumnSpec][] = [];
      for (const [c, [name, spec]] of text.entries()) {
        const values = Number(row[2 * c + 1]) === 0 ? String(row[2 * c]).split(SEP) : null;
        if (values === null || values.length !== rowCount) {
          slow.push([name, spec]);
          continue;
        }
        for (let i = 0; i < rowCount; i++) if (values[i] === NUL) (values as Value[])[i] = null;
        columns[name] = values;
      }
      other.push(...slow);
    }
    if (other.length > 0) {
      const select = other.map(([name, spec]) => `${expr(name, spec)} AS ${ident(name)}`).join(', ');
      const reader = await store.connection.runAndReadAll(`SELECT ${select} FROM ${ident(table)}${where}`);
      const values = reader.getColumnsJS() as Value[][];
      for (const [c, [name]] of other.entries()) columns[name] = values[c] ?? [];
    }
    raw[table] = { rowCount, columns: Object.fromEntries(cols.map(([name]) => [name, columns[name]])) };
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
