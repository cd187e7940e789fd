/**
 * Store versions: a store written by the schema of the current release (version 1, frozen in
 * test/fixtures/store-v1.sql) is migrated when opened; a newer or unknown version is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { readPackage } from '../../src/io/package.ts';
import { importSource } from '../../src/store/import.ts';
import { SCHEMA_VERSION } from '../../src/store/schema.ts';
import { openStore, schemaVersion } from '../../src/store/store.ts';
import { EXAMPLE, ROOT, runCli, tempDir } from '../helpers.ts';

const V1_SQL = readFileSync(join(ROOT, 'test/fixtures/store-v1.sql'), 'utf8');

/** A store file as Milieu 0.1.0 wrote it: its DDL, one import of two organisations and a tie. */
async function v1Store(stamp?: string): Promise<string> {
  const path = join(tempDir(), 'old.duckdb');
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  const statements = V1_SQL.split('\n')
    .filter((l) => !l.startsWith('--'))
    .join('\n')
    .split(';\n')
    .filter((s) => s.trim() !== '');
  for (const sql of statements) await c.run(sql);
  await c.run(
    `INSERT INTO imports VALUES (1, '/data/pkg', 'package', 'abc', TIMESTAMP '2026-01-02 03:04:05', '0.1.0', '{"organisations":2,"ties":1}')`,
  );
  await c.run(
    `INSERT INTO organisations (id, name, kind, founded, nuts, lat, sme, import_id) VALUES
       ('a', 'Alpha', 'sme', 1990, 'DE212', 48.1, true, 1), ('b', 'Beta', 'university', 1472, NULL, NULL, NULL, 1)`,
  );
  await c.run(
    `INSERT INTO ties (source, target, kind, weight, import_id) VALUES ('a', 'b', 'collaboration', 2, 1)`,
  );
  if (stamp !== undefined)
    await c.run(`UPDATE milieu_meta SET value = '${stamp}' WHERE key = 'schema_version'`);
  c.closeSync();
  instance.closeSync();
  return path;
}

async function columnsOf(path: string, table: string): Promise<string[][]> {
  const store = await openStore(path, { create: false, readOnly: true });
  try {
    return (
      await store.connection.runAndReadAll(
        `SELECT column_name, data_type, column_default FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
      )
    ).getRowsJS() as string[][];
  } finally {
    store.close();
  }
}

describe('store versions', () => {
  it('migrates a version-1 store on opening, keeping its data, to the schema of a new store', async () => {
    expect(SCHEMA_VERSION).toBe(2);
    const path = await v1Store();
    const store = await openStore(path, { create: false });
    try {
      expect(await schemaVersion(store.connection)).toBe(2);
      const orgs = (
        await store.connection.runAndReadAll(
          'SELECT id, name, kind, founded, nuts, lat, sme, import_id FROM organisations ORDER BY id',
        )
      ).getRowsJS();
      expect(orgs).toEqual([
        ['a', 'Alpha', 'sme', 1990, 'DE212', 48.1, true, 1],
        ['b', 'Beta', 'university', 1472, null, null, null, 1],
      ]);
      const imports = (
        await store.connection.runAndReadAll('SELECT id, source, row_counts, rejected_rows FROM imports')
      ).getRowsJS();
      expect(imports).toEqual([[1, '/data/pkg', '{"organisations":2,"ties":1}', 0]]);
      // the migrated store takes new imports
      const result = await importSource(store, 'package', EXAMPLE, readPackage);
      expect(result.importId).toBe(2);
    } finally {
      store.close();
    }
    const fresh = join(tempDir(), 'new.duckdb');
    (await openStore(fresh)).close();
    for (const table of ['imports', 'organisations', 'ties', 'milieu_meta'])
      expect(await columnsOf(path, table)).toEqual(await columnsOf(fresh, table));
  });

  it('a read-only open (info, network, …) migrates too', async () => {
    const path = await v1Store();
    const r = runCli(['info', path, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).rows.organisations).toBe(2);
    const store = await openStore(path, { create: false, readOnly: true });
    try {
      expect(await schemaVersion(store.connection)).toBe(2);
    } finally {
      store.close();
    }
  });

  it('refuses a store of a newer version, naming both versions (exit 2)', async () => {
    const path = await v1Store('3');
    const e = await openStore(path, { create: false }).catch((x) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toMatch(/has schema version 3, newer than this Milieu \(.*\) writes schema version 2/);
    const r = runCli(['info', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/schema version 3, newer than/);
    // refused, not changed
    const again = await openStore(path, { create: false }).catch((x) => x);
    expect(again.message).toMatch(/schema version 3/);
  });

  it('refuses an unknown version', async () => {
    const path = await v1Store('beta');
    await expect(openStore(path, { create: false })).rejects.toThrow(
      /unknown schema version \('beta'\); this Milieu .* writes schema version 2 and can migrate versions 1/,
    );
  });
});
