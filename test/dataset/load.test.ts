import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, loadRawTables, NETWORK_COLUMNS } from '../../src/dataset/load.ts';
import { readPackage } from '../../src/io/package.ts';
import { networkSummary } from '../../src/measures/network-summary.ts';
import { importSource } from '../../src/store/import.ts';
import { literal } from '../../src/store/sql.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE, tempDir } from '../helpers.ts';

// Enough rows for fifteen of DuckDB's vectors (2,048 rows), so that an order lost
// between the joined text columns and the plain numeric ones would show.
const N = 30_000;
const nameOf = (i: number) => (i % 7 === 0 ? null : i === 5 ? '' : `Org ${i}, "quoted"`);
const localityOf = (i: number) => (i === 11 ? 'a\x1fb' : i % 3 === 0 ? null : `Town ${i % 50}`);

describe('loadRawTables reads text columns in one piece per column', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(join(tempDir(), 'load.duckdb'));
    const c = store.connection;
    await c.run(
      `INSERT INTO organisations (id, name, kind, founded, locality, lat, sme, import_id)
       SELECT 'o' || i,
              CASE WHEN i % 7 = 0 THEN NULL WHEN i = 5 THEN '' ELSE 'Org ' || i || ', "quoted"' END,
              'firm', CAST(1900 + i % 100 AS SMALLINT),
              CASE WHEN i = 11 THEN ${literal('a\x1fb')} WHEN i % 3 = 0 THEN NULL ELSE 'Town ' || (i % 50) END,
              i / 1000.0, i % 2 = 0, 1
       FROM range(${N}) t(i)`,
    );
    await c.run(
      `INSERT INTO projects (id, start, import_id) VALUES ('p1', DATE '2020-02-29', 1), ('p2', NULL, 1)`,
    );
  });
  afterAll(() => store.close());

  it('gives every row in insertion order, NULL and empty text apart, the separator falling back', async () => {
    const raw = await loadRawTables(store);
    const o = raw.organisations!;
    expect(o.rowCount).toBe(N);
    const want = (f: (i: number) => unknown) => Array.from({ length: N }, (_, i) => f(i));
    expect(o.columns.id).toEqual(want((i) => `o${i}`));
    expect(o.columns.name).toEqual(want(nameOf));
    expect(o.columns.locality).toEqual(want(localityOf));
    expect(o.columns.founded).toEqual(want((i) => 1900 + (i % 100)));
    expect(o.columns.lat).toEqual(want((i) => i / 1000));
    expect(o.columns.sme).toEqual(want((i) => i % 2 === 0));
    expect(o.columns.nuts).toEqual(want(() => null));
    expect(raw.projects!.columns.start).toEqual(['2020-02-29', null]);
    expect(raw.ties!.rowCount).toBe(0);
  });

  it('restores the thread count it lowers while reading', async () => {
    await store.connection.run('SET threads = 2');
    await loadRawTables(store);
    const r = await store.connection.runAndReadAll("SELECT current_setting('threads')");
    expect(Number(r.getRows()[0][0])).toBe(2);
  });
});

describe('loadDataset with only the columns a command needs', () => {
  it('gives `milieu network` the same summary as the whole dataset (example package, stored ties too)', async () => {
    const store = await openStore(join(tempDir(), 'fenland.duckdb'));
    try {
      await importSource(store, 'package', EXAMPLE, readPackage);
      const whole = await loadDataset(store);
      const few = await loadDataset(store, { columns: NETWORK_COLUMNS });
      expect(whole.ties.count).toBeGreaterThan(0);
      expect(few.organisations.name.every((x) => x === null)).toBe(true);
      expect(few.projects.count).toBe(whole.projects.count);
      expect(networkSummary(few)).toEqual(networkSummary(whole));
    } finally {
      store.close();
    }
  });
});
