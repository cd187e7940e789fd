import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { regionDefinitions } from '../../src/dataset/regions.ts';
import { readPackage } from '../../src/io/package.ts';
import {
  type ClusterRegion,
  clusterAcquisitions,
  clusterLocation,
  INSIDE,
  OUTSIDE,
  UNKNOWN_LOCATION,
} from '../../src/measures/acquisitions.ts';
import { type FamilyReport, isAvailable, type MeasureTable } from '../../src/measures/common.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';

// Munich by NUTS (DE212) or by locality (München/Munich, country DE).
//   t1 sme DE212 · t2 sme 'München' DE · t3 firm 'Munich' US (Munich, North Dakota) ·
//   t4 firm 'Munich' without a country · u1 university DE212
//   a1 large firm Boston US · a2 sme 'Munich' DE · a3 firm DE300 (Berlin) DE · a4 firm, nothing known
const dataset = buildDataset({
  organisations: {
    rowCount: 9,
    columns: {
      id: ['t1', 't2', 't3', 't4', 'u1', 'a1', 'a2', 'a3', 'a4'],
      name: ['T1', 'T2', 'T3', 'T4', 'U1', 'A1', 'A2', 'A3', 'A4'],
      kind: ['sme', 'sme', 'firm', 'firm', 'university', 'large-firm', 'sme', 'firm', 'firm'],
      country: ['DE', 'DE', 'US', null, 'DE', 'US', 'DE', 'DE', null],
      nuts: ['DE212', null, null, null, 'DE212', null, null, 'DE300', null],
      locality: [null, 'München', 'Munich', 'Munich', null, 'Boston', 'Munich', null, null],
    },
  },
  // 1 t1←a1 2010 · 2 t2←a2 2010 · 3 t1←a3 2012 · 4 t2←a4 2012 · 5 t3←a2 2011 · 6 t4←a1 2011 ·
  // 7 u1←a1 2013 · 8 t1←a1 undated · 9 ghost←a1 2010 (target not in the data)
  acquisitions: {
    rowCount: 9,
    columns: {
      target: ['t1', 't2', 't1', 't2', 't3', 't4', 'u1', 't1', 'ghost'],
      acquirer: ['a1', 'a2', 'a3', 'a4', 'a2', 'a1', 'a1', 'a1', 'a1'],
      year: [2010, 2010, 2012, 2012, 2011, 2011, 2013, null, 2010],
    },
  },
});

const MUNICH: ClusterRegion = {
  id: 'munich',
  name: 'Munich',
  nuts: ['DE212'],
  localities: ['München', 'Munich'],
  country: 'DE',
};

function table(report: FamilyReport, measure: string): MeasureTable {
  const t = report.tables.find((x) => x.measure === measure)!;
  if (!isAvailable(t)) throw new Error(`${measure} not available: ${t.notAvailable}`);
  return t;
}

const indicators = (report: FamilyReport) =>
  Object.fromEntries(report.indicators.map((i) => [i.name, i.value]));

describe('clusterLocation', () => {
  it('places organisations by NUTS, else by locality and country', () => {
    // t1 NUTS inside; t2 locality + DE; t3 locality but US; t4 locality without country;
    // u1 NUTS inside; a1 Boston; a2 Munich DE; a3 NUTS DE300; a4 nothing known
    expect([...clusterLocation(dataset, MUNICH)]).toEqual([
      INSIDE,
      INSIDE,
      OUTSIDE,
      UNKNOWN_LOCATION,
      INSIDE,
      OUTSIDE,
      INSIDE,
      OUTSIDE,
      UNKNOWN_LOCATION,
    ]);
  });
});

describe('clusterAcquisitions, by hand', () => {
  const report = clusterAcquisitions(dataset, MUNICH);

  it('counts acquisitions of local firms and the foreign and outside-region shares', () => {
    // local firm targets: rows 1, 2, 3, 4, 8 (t3 is in the US, t4 cannot be placed, u1 is not a
    // firm, ghost is unknown) → 5. Countries known for rows 1, 2, 3, 8: foreign 1 (US) and 8 (US)
    // → 2/4. Acquirer location known for rows 1 (out), 2 (in), 3 (out, Berlin), 8 (out) → 3/4.
    expect(indicators(report)).toEqual({
      'acquisitions.count': 5,
      'acquisitions.foreignShare': 0.5,
      'acquisitions.outsideRegionShare': 0.75,
    });
    const summary = table(report, 'acquisitions.summary');
    expect(summary.rows).toEqual([['munich', 5, 4, 2010, 2012, 2, 4, 0.5, 3, 4, 0.75, 1]]);
    expect(summary.notes).toEqual([
      '1 acquisition(s) name an organisation that is not in the data: left out',
      "1 acquisition(s) of a firm with one of the region's localities but no country: left out (cannot tell whether it lies in the region)",
      '1 acquisition(s) of organisations in the region that are not firms: left out',
    ]);
  });

  it('per year, with the undated acquisition in a row of its own', () => {
    // 2010: rows 1 (foreign, outside) and 2 (domestic, local); 2012: row 3 (domestic, outside) and
    // row 4 (nothing known about a4); undated: row 8 (foreign, outside)
    expect(table(report, 'acquisitions.by-year').rows).toEqual([
      [2010, 2, 1, 2, 0.5, 1, 2, 0.5, 1],
      [2012, 2, 0, 1, 0, 1, 1, 1, 0],
      [null, 1, 1, 1, 1, 1, 1, 1, 0],
    ]);
  });

  it("acquirers' home countries and local acquirers", () => {
    // US rows 1 and 8, DE rows 2 and 3, unknown row 4; ties broken by country, unknown last
    expect(table(report, 'acquisitions.acquirer-countries').rows).toEqual([
      ['DE', 2, 0.4],
      ['US', 2, 0.4],
      [null, 1, 0.2],
    ]);
    expect(table(report, 'acquisitions.local-acquirers').rows).toEqual([['a2', 'A2', 1, 2010, 2010]]);
  });

  it('years restrict the acquisitions and leave out undated ones', () => {
    // 2010–2011: rows 1 and 2 only
    expect(indicators(clusterAcquisitions(dataset, MUNICH, { years: [2010, 2011] }))).toEqual({
      'acquisitions.count': 2,
      'acquisitions.foreignShare': 0.5,
      'acquisitions.outsideRegionShare': 0.5,
    });
  });

  it('reads GB as UK in the region definition', () => {
    const uk = buildDataset({
      organisations: {
        rowCount: 2,
        columns: {
          id: ['c', 'x'],
          kind: ['sme', 'firm'],
          country: ['UK', 'US'],
          locality: ['Cambridge', 'Cambridge'],
        },
      },
      acquisitions: { rowCount: 1, columns: { target: ['c'], acquirer: ['x'], year: [2000] } },
    });
    const region = { id: 'cam', name: 'Cambridge', nuts: [], localities: ['Cambridge'], country: 'GB' };
    expect(indicators(clusterAcquisitions(uk, region))).toEqual({
      'acquisitions.count': 1,
      'acquisitions.foreignShare': 1,
      'acquisitions.outsideRegionShare': 1,
    });
  });
});

describe('clusterAcquisitions, not available', () => {
  it('no acquisitions in the data', () => {
    const empty = buildDataset({ organisations: { rowCount: 1, columns: { id: ['a'], kind: ['sme'] } } });
    const report = clusterAcquisitions(empty, MUNICH);
    expect(report.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(report.indicators[0]).toMatchObject({ value: null, notAvailable: 'no acquisitions in the data' });
  });

  it('a region with neither NUTS codes nor localities, or localities without a country', () => {
    const bare = clusterAcquisitions(dataset, { id: 'x', name: 'X', nuts: [], localities: [] });
    expect(bare.indicators[0].notAvailable).toBe("region 'x' has neither NUTS codes nor localities");
    const noCountry = clusterAcquisitions(dataset, { id: 'm', name: 'M', nuts: [], localities: ['Munich'] });
    expect(noCountry.tables[0]).toHaveProperty('notAvailable');
    expect(noCountry.indicators[0].notAvailable).toMatch(/defined by localities but has no country/);
  });

  it('no acquisition of a local firm: count 0, shares and tables not available', () => {
    const grenoble = clusterAcquisitions(dataset, {
      id: 'grenoble',
      name: 'Grenoble',
      nuts: ['FRK24'],
      localities: ['Grenoble'],
      country: 'FR',
    });
    expect(grenoble.indicators.map((i) => i.value)).toEqual([0, null, null]);
    expect(grenoble.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(grenoble.indicators[1].notAvailable).toBe(
      "no acquisition of a firm in region 'grenoble' (of 9 acquisitions in the data)",
    );
    // Munich in 2013: only u1, a university, was bought
    const munich2013 = clusterAcquisitions(dataset, MUNICH, { years: [2013, 2013] });
    expect(munich2013.indicators.map((i) => i.value)).toEqual([0, null, null]);
  });

  it('shares without a known acquirer country or location', () => {
    // only row 4 (t2 ← a4, 2012) is a local acquisition for München-by-locality in 2012
    const report = clusterAcquisitions(
      dataset,
      { id: 'm', name: 'M', nuts: [], localities: ['München'], country: 'DE' },
      { years: [2012, 2012] },
    );
    expect(report.indicators).toEqual([
      { name: 'acquisitions.count', value: 1, unit: 'acquisitions' },
      {
        name: 'acquisitions.foreignShare',
        value: null,
        unit: 'share',
        notAvailable: 'no acquisition of a local firm with both countries known',
      },
      {
        name: 'acquisitions.outsideRegionShare',
        value: null,
        unit: 'share',
        notAvailable: "no acquisition of a local firm whose acquirer's location is known",
      },
    ]);
  });
});

describe('clusterAcquisitions on the Fenland example', () => {
  it('both acquisitions are of Fenland firms by firms abroad', async () => {
    const store = await openStore(':memory:');
    let fen: Dataset;
    try {
      await importSource(store, 'package', EXAMPLE, readPackage);
      fen = await loadDataset(store);
    } finally {
      store.close();
    }
    // acquisitions.csv: sme-vision (UKH12) bought by mnc-boston (US) in 2006, sme-cellgen (UKH12)
    // by lf-munich (DE212) in 2010 → 2 acquisitions, both foreign, both from outside the region.
    const region = { ...regionDefinitions(fen)[0], country: 'UK' };
    const report = clusterAcquisitions(fen, region);
    expect(indicators(report)).toEqual({
      'acquisitions.count': 2,
      'acquisitions.foreignShare': 1,
      'acquisitions.outsideRegionShare': 1,
    });
    expect(table(report, 'acquisitions.by-year').rows.map((r) => r.slice(0, 3))).toEqual([
      [2006, 1, 1],
      [2010, 1, 1],
    ]);
    expect(table(report, 'acquisitions.acquirer-countries').rows).toEqual([
      ['DE', 1, 0.5],
      ['US', 1, 0.5],
    ]);
    const local = table(report, 'acquisitions.local-acquirers');
    expect(local.rows).toEqual([]);
    expect(local.notes).toEqual(['no acquirer inside the region bought a firm inside the region']);
  });
});
