/**
 * The embedded store: one DuckDB database file. `openStore` creates the schema when the file is new
 * and refuses files that are not Milieu stores. DuckDB's write-ahead log makes every transaction
 * atomic: a process killed before COMMIT leaves the file as it was.
 */
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../errors.ts';
import { MILIEU_VERSION } from '../version.ts';
import { DuckDBInstance } from './duckdb.ts';
import { allCreateSql, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

export interface Store {
  readonly path: string;
  readonly connection: DuckDBConnection;
  close(): void;
}

export interface OpenOptions {
  /** Create the file and schema when missing (default true). */
  create?: boolean;
  readOnly?: boolean;
}

export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const create = options.create ?? true;
  const isNew = path === ':memory:' || !existsSync(path);
  if (isNew && !create)
    throw new UsageError('store', `no Milieu database at ${path} (run: milieu init ${path})`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (e) {
    throw new UsageError('store', `cannot open ${path} as a DuckDB database: ${(e as Error).message}`);
  }
  const connection = await instance.connect();
  const store: Store = {
    path,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  if (isNew) {
    await initialise(connection);
  } else {
    const ok = await connection.runAndReadAll(
      "SELECT count(*) FROM information_schema.tables WHERE table_name = 'milieu_meta'",
    );
    if (Number(ok.getRows()[0][0]) === 0) {
      store.close();
      throw new UsageError('store', `${path} is a DuckDB file but not a Milieu database`);
    }
    const version = await schemaVersion(connection);
    if (version !== SCHEMA_VERSION) {
      try {
        checkVersion(path, version);
      } catch (e) {
        store.close();
        throw e;
      }
      if (options.readOnly) {
        // A read-only handle cannot migrate: migrate through a writable one, then reopen.
        store.close();
        const writable = await openStore(path, { create: false });
        writable.close();
        return openStore(path, options);
      }
      try {
        await migrate(connection, version as number);
      } catch (e) {
        store.close();
        throw e;
      }
    }
  }
  return store;
}

/** The schema version a store records: a number, or the raw text when it is not one (null: none). */
export async function schemaVersion(connection: DuckDBConnection): Promise<number | string | null> {
  const rows = (
    await connection.runAndReadAll("SELECT value FROM milieu_meta WHERE key = 'schema_version'")
  ).getRows();
  if (rows.length === 0 || rows[0][0] === null) return null;
  const text = String(rows[0][0]);
  return /^[0-9]+$/.test(text) ? Number(text) : text;
}

/** Refuses a version this Milieu cannot migrate from: newer than its own, or not a known one. */
function checkVersion(path: string, version: number | string | null): void {
  const mine = `this Milieu (${MILIEU_VERSION}) writes schema version ${SCHEMA_VERSION}`;
  if (typeof version === 'number' && version > SCHEMA_VERSION)
    throw new UsageError(
      'store',
      `${path} has schema version ${version}, newer than ${mine}: open it with a newer Milieu`,
    );
  if (typeof version !== 'number' || !MIGRATIONS.some((m) => m.from === version))
    throw new UsageError(
      'store',
      `${path} has an unknown schema version (${version === null ? 'none recorded' : `'${version}'`}); ${mine} and can migrate versions ${MIGRATIONS.map((m) => m.from).join(', ')}`,
    );
}

/** Runs every migration step from `from` to SCHEMA_VERSION in one transaction: all or nothing. */
async function migrate(connection: DuckDBConnection, from: number): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    for (let v = from; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS.find((m) => m.from === v);
      if (!step) throw new Error(`no migration from schema version ${v}`);
      for (const sql of step.sql) await connection.run(sql);
    }
    await connection.run(`UPDATE milieu_meta SET value = '${SCHEMA_VERSION}' WHERE key = 'schema_version'`);
    await connection.run('COMMIT');
  } catch (e) {
    await connection.run('ROLLBACK');
    throw e;
  }
}

async function initialise(connection: DuckDBConnection): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  for (const sql of allCreateSql()) await connection.run(sql);
  await connection.run(
    `INSERT INTO milieu_meta VALUES ('schema_version', '${SCHEMA_VERSION}'), ('created_by', 'milieu ${MILIEU_VERSION}')`,
  );
  await connection.run('COMMIT');
}

/** Runs `body` in one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(store: Store, body: () => Promise<T>): Promise<T> {
  await store.connection.run('BEGIN TRANSACTION');
  try {
    const result = await body();
    await store.connection.run('COMMIT');
    return result;
  } catch (e) {
    await store.connection.run('ROLLBACK');
    throw e;
  }
}

/** Runs a query and returns its rows as plain JS objects (numbers as numbers where they fit). */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
