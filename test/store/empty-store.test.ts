import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEmptyStore, emptyStoreLabel } from '../../src/store/empty-store.ts';
import { initStore } from '../../src/store/open-for-writing.ts';
import { SCHEMA_VERSION } from '../../src/store/schema.ts';
import { openStore, queryRows } from '../../src/store/store.ts';
import { tempDir } from '../helpers.ts';

/** An empty store and its label in a folder, as scripts/empty-store.js makes them in dist/vendor. */
async function template(label: object): Promise<{ database: string; label: string }> {
  const dir = tempDir();
  const paths = { database: join(dir, 'empty-store.duckdb'), label: join(dir, 'empty-store.json') };
  (await openStore(paths.database)).close();
  writeFileSync(paths.label, JSON.stringify(label));
  return paths;
}

const schemaOf = async (path: string) => {
  const store = await openStore(path, { create: false });
  try {
    return {
      columns: await queryRows(
        store.connection,
        `SELECT table_name, column_name, data_type, column_default, is_nullable FROM information_schema.columns
         ORDER BY table_name, ordinal_position`,
      ),
      meta: await queryRows(store.connection, 'SELECT key, value FROM milieu_meta ORDER BY key'),
    };
  } finally {
    store.close();
  }
};

describe('the empty store that milieu init copies', () => {
  it('is copied when its label is this Milieu, and is then the store openStore creates', async () => {
    const paths = await template(emptyStoreLabel());
    const target = join(tempDir(), 'copied.duckdb');
    expect(copyEmptyStore(target, paths)).toBe(true);
    const created = join(tempDir(), 'created.duckdb');
    (await openStore(created)).close();
    const copied = await schemaOf(target);
    expect(copied).toEqual(await schemaOf(created));
    expect(copied.meta).toContainEqual({ key: 'schema_version', value: String(SCHEMA_VERSION) });
    expect(copied.columns.length).toBeGreaterThan(50);
  });

  it('is not used when another DuckDB client, schema or Milieu made it, or it has no label', async () => {
    const label = emptyStoreLabel();
    for (const other of [
      { ...label, duckdb: '0.9.0' },
      { ...label, schema: label.schema - 1 },
      { ...label, milieu: '0.0.1' },
      { ...label, ddl: '0'.repeat(64) },
    ]) {
      const target = join(tempDir(), 'x.duckdb');
      expect(copyEmptyStore(target, await template(other))).toBe(false);
      expect(existsSync(target)).toBe(false);
    }
    const dir = tempDir();
    const missing = { database: join(dir, 'none.duckdb'), label: join(dir, 'none.json') };
    expect(copyEmptyStore(join(dir, 'y.duckdb'), missing)).toBe(false);
    expect(existsSync(join(dir, 'y.duckdb'))).toBe(false);
  });

  it("gives the copy the user's permissions, not the installed template's", async () => {
    const paths = await template(emptyStoreLabel());
    chmodSync(paths.database, 0o444);
    const target = join(tempDir(), 'mine.duckdb');
    expect(copyEmptyStore(target, paths)).toBe(true);
    const mode = statSync(target).mode & 0o777;
    expect(mode & 0o200).toBe(0o200); // writable by its owner
    expect(mode).toBe(0o666 & ~process.umask());
  });

  it('creates no file for :memory:', async () => {
    const cwd = process.cwd();
    process.chdir(tempDir());
    try {
      await initStore(':memory:');
      expect(existsSync(':memory:')).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});
