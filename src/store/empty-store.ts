/**
 * The empty store made at build time (scripts/empty-store.js), which `milieu init` copies instead of
 * loading DuckDB's client and creating the schema (0.1–0.15 s of a 0.25 s command). It is used only
 * when its label matches this Milieu exactly — the DuckDB client that wrote it, the schema version,
 * Milieu's version and a hash of the DDL — so a copied store is the store `openStore` would have
 * created.
 */

import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MILIEU_VERSION } from '../version.ts';
import { allCreateSql, SCHEMA_VERSION } from './schema.ts';

export interface EmptyStoreLabel {
  duckdb: string;
  schema: number;
  milieu: string;
  /** SHA-256 of the DDL the store was made with, so that a schema edited without a new version is noticed. */
  ddl: string;
}

/** Where the empty store and its label live: beside DuckDB's bundled client in dist/vendor. */
export function emptyStorePaths(): { database: string; label: string } {
  return {
    database: fileURLToPath(new URL('../vendor/empty-store.duckdb', import.meta.url)),
    label: fileURLToPath(new URL('../vendor/empty-store.json', import.meta.url)),
  };
}

/** The label a store made now would carry. */
export function emptyStoreLabel(): EmptyStoreLabel {
  const require = createRequire(import.meta.url);
  const duckdb = (require('@duckdb/node-api/package.json') as { version: string }).version;
  const ddl = createHash('sha256').update(allCreateSql().join(';\n')).digest('hex');
  return { duckdb, schema: SCHEMA_VERSION, milieu: MILIEU_VERSION, ddl };
}

/**
 * Copies the empty store to `target` when there is one made by this very Milieu; false (and nothing
 * written) otherwise.
 */
export function copyEmptyStore(target: string, { database, label } = emptyStorePaths()): boolean {
  let made: EmptyStoreLabel;
  try {
    made = JSON.parse(readFileSync(label, 'utf8')) as EmptyStoreLabel;
  } catch {
    return false;
  }
  const now = emptyStoreLabel();
  if (
    made.duckdb !== now.duckdb ||
    made.schema !== now.schema ||
    made.milieu !== now.milieu ||
    made.ddl !== now.ddl
  )
    return false;
  try {
    writeNewFile(target, readFileSync(database));
  } catch {
    return false;
  }
  return true;
}

/**
 * Writes a file that must not exist yet, created as DuckDB would create it (permissions from the
 * user's umask, not from the installed template's) and flushed to disk before it is renamed into
 * place.
 */
function writeNewFile(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx', 0o666);
  try {
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
