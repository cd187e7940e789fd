import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { exportTables } from '../../src/io/export.ts';
import { readPackage } from '../../src/io/package.ts';
import { FAMILY_NAMES, measureAll } from '../../src/measures/index.ts';
import { TABLE_NAMES } from '../../src/model/tables.ts';
import { nutsPolygonsFromGeojson } from '../../src/regions/nuts-polygons.ts';
import { resolveRegions } from '../../src/regions/resolve.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore } from '../../src/store/store.ts';
import { EXAMPLE, tempDir } from '../helpers.ts';

/** Every report of one phase moves forward and ends at its total. */
function expectForwardToTotal(calls: [number, number][], total: number) {
  expect(calls.length).toBeGreaterThan(0);
  for (const [, t] of calls) expect(t).toBe(total);
  for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  expect(calls.at(-1)).toEqual([total, total]);
}

describe('progress with a true total', () => {
  it('resolve reports organisations placed, up to all of them', () => {
    // 2,500 organisations with no evidence: reports at 0, 1,000, 2,000 and the end
    const n = 2500;
    const dataset = buildDataset({
      organisations: {
        rowCount: n,
        columns: {
          id: Array.from({ length: n }, (_, i) => `o${i}`),
          kind: Array.from({ length: n }, () => 'firm'),
        },
      },
    });
    const polygons = nutsPolygonsFromGeojson({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { NUTS_ID: 'XX001', LEVL_CODE: 3, CNTR_CODE: 'XX', NAME_LATN: 'Alphashire' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
                [0, 0],
              ],
            ],
          },
        },
      ],
    });
    const calls: [number, number][] = [];
    resolveRegions(dataset, {
      nutsGeojson: polygons,
      gazetteer: null,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.map((c) => c[0])).toEqual([0, 1000, 2000, 2500]);
    expectForwardToTotal(calls, n);
  });

  it('export reports one step per table', async () => {
    const store = await openStore(':memory:');
    try {
      await importSource(store, 'package', EXAMPLE, readPackage, {});
      const calls: [string, number, number][] = [];
      await exportTables(store, `${tempDir()}/out`, 'package', {}, (phase, done, total) =>
        calls.push([phase, done, total]),
      );
      expect(new Set(calls.map((c) => c[0]))).toEqual(new Set(['exporting tables']));
      expectForwardToTotal(
        calls.map((c) => [c[1], c[2]]),
        TABLE_NAMES.length,
      );
    } finally {
      store.close();
    }
  });

  it('measure reports one step per family, the network family in fractions, up to the number of families', async () => {
    const store = await openStore(':memory:');
    try {
      await importSource(store, 'package', EXAMPLE, readPackage, {});
      const dataset = await loadDataset(store);
      const calls: [string, number, number][] = [];
      measureAll(dataset, { region: 'fenland' }, undefined, {
        onProgress: (phase, done, total) => calls.push([phase, done, total]),
      });
      expectForwardToTotal(
        calls.map((c) => [c[1], c[2]]),
        FAMILY_NAMES.length,
      );
      // the network family reports its own steps in between
      expect(
        calls.filter((c) => c[0] === 'measure network' && !Number.isInteger(c[1])).length,
      ).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });
});
