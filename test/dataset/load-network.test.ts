import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { loadNetwork, type NetworkData } from '../../src/dataset/load-network.ts';
import { readPackage } from '../../src/io/package.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE, tempDir } from '../helpers.ts';

/** loadNetwork must give loadDataset's arrays exactly: same numbering, same ties, same weights to the last bit. */
function expectSameNetwork(got: NetworkData, whole: Dataset): void {
  expect(got.organisations.count).toBe(whole.organisations.count);
  expect(Array.from(got.organisations.kind)).toEqual(Array.from(whole.organisations.kind));
  expect(got.network.n).toBe(whole.network.n);
  expect(Array.from(got.network.offsets)).toEqual(Array.from(whole.network.offsets));
  expect(Array.from(got.network.targets)).toEqual(Array.from(whole.network.targets));
  // With stored ties the network is the whole Csr, weights included.
  if ('weights' in got.network) {
    expect(Array.from(got.network.weights as Float64Array)).toEqual(Array.from(whole.network.weights));
  }
}

async function withStore(body: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(join(tempDir(), 'network.duckdb'));
  try {
    await body(store);
  } finally {
    store.close();
  }
}

describe('loadNetwork', () => {
  it('equals loadDataset on the example package (stored ties and co-participation)', async () => {
    await withStore(async (store) => {
      await importSource(store, 'package', EXAMPLE, readPackage);
      const whole = await loadDataset(store);
      expect(whole.ties.count).toBeGreaterThan(0);
      expect(whole.participations.count).toBeGreaterThan(0);
      expectSameNetwork(await loadNetwork(store), whole);
    });
  });

  it('numbers organisations by row order after deleted rows, and adds tie weights in row order', async () => {
    await withStore(async (store) => {
      const c = store.connection;
      // 5,000 organisations in import 2 after 300 of import 1, which are then deleted (as
      // `import --replace` does), so rowid starts at 300 and is no longer the row's position.
      // Kinds cycle through the vocabulary, an unknown kind and NULL.
      await c.run(
        `INSERT INTO organisations (id, kind, import_id)
         SELECT 'old' || i, 'firm', 1 FROM range(300) t(i)`,
      );
      await c.run(
        `INSERT INTO organisations (id, kind, import_id)
         SELECT 'o' || ((i * 7919) % 5000),
                CASE i % 7 WHEN 0 THEN 'firm' WHEN 1 THEN 'university' WHEN 2 THEN 'research-institute'
                  WHEN 3 THEN 'public-body' WHEN 4 THEN 'other' WHEN 5 THEN 'guild' ELSE NULL END,
                2
         FROM range(5000) t(i)`,
      );
      await c.run('DELETE FROM organisations WHERE import_id = 1');
      await c.run(
        `INSERT INTO projects (id, import_id) SELECT 'p' || i, 2 FROM range(900) t(i) ORDER BY i DESC`,
      );
      // Each project has 2–9 partners; some (organisation, project) pairs are listed twice.
      await c.run(
        `INSERT INTO participations (project, organisation, import_id)
         SELECT 'p' || p, 'o' || ((p * 31 + k * k * 17) % 5000), 2
         FROM range(900) a(p), range(10) b(k) WHERE k < 2 + p % 8 OR (k = 9 AND p % 5 = 0)`,
      );
      // Stored ties: o1–o2 three times with weights whose float sum depends on the order
      // ((0.1 + 0.2) + 0.3 ≠ 0.1 + (0.2 + 0.3)), a NULL weight (counts 1), and a pair both ways.
      await c.run(
        `INSERT INTO ties (source, target, weight, import_id) VALUES
           ('o1', 'o2', 0.1, 2), ('o3', 'o4', NULL, 2), ('o2', 'o1', 0.2, 2), ('o1', 'o2', 0.3, 2),
           ('o4', 'o3', 2.5, 2), ('o10', 'o4999', 1, 2)`,
      );
      const whole = await loadDataset(store);
      expect(whole.network.targets.length).toBeGreaterThan(whole.coParticipation.targets.length);
      const got = await loadNetwork(store);
      expectSameNetwork(got, whole);
      // The kinds follow the rows: codes into ORGANISATION_KINDS (firm 2, university 5,
      // research-institute 6, public-body 10, other 12); 'guild' and NULL are unknown (255).
      expect(Array.from(got.organisations.kind.subarray(0, 7))).toEqual([2, 5, 6, 10, 12, 255, 255]);
    });
  });

  it('falls back to the general loader when a reference does not resolve, and so fails the same way', async () => {
    await withStore(async (store) => {
      const c = store.connection;
      await c.run(
        `INSERT INTO organisations (id, kind, import_id) VALUES ('a', 'firm', 1), ('b', 'firm', 1)`,
      );
      await c.run(`INSERT INTO projects (id, import_id) VALUES ('p', 1)`);
      await c.run(
        `INSERT INTO participations (project, organisation, import_id) VALUES ('p', 'a', 1), ('p', 'ghost', 1)`,
      );
      await expect(loadDataset(store)).rejects.toThrow(/org -1 outside/);
      await expect(loadNetwork(store)).rejects.toThrow(/org -1 outside/);
    });
  });

  it('gives an empty network for an empty store and restores the thread count', async () => {
    await withStore(async (store) => {
      await store.connection.run('SET threads = 2');
      const got = await loadNetwork(store);
      expect(got.organisations.count).toBe(0);
      expect(got.network.n).toBe(0);
      expect(Array.from(got.network.offsets)).toEqual([0]);
      const r = await store.connection.runAndReadAll("SELECT current_setting('threads')");
      expect(Number(r.getRows()[0][0])).toBe(2);
    });
  });
});
