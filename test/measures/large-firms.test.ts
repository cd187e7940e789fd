import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { readPackage } from '../../src/io/package.ts';
import { isAvailable } from '../../src/measures/common.ts';
import { largeFirms } from '../../src/measures/large-firms.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';
import { dataset, rowsBy, tableOf, value } from './fixtures.ts';

/*
 * Region r = UKH12. Inside: L (large firm), M (MNC R&D lab), S1, S2 (SMEs), S3 (a `firm` flagged
 * SME), T (SME), U (university). Outside: F (a `firm` flagged not SME, Germany), A (large firm,
 * Boston US), X (SME, France).
 */
const RAW = {
  regions: [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }],
  organisations: [
    { id: 'L', kind: 'large-firm', country: 'UK', nuts: 'UKH12' },
    { id: 'M', kind: 'mnc-rd-lab', country: 'UK', nuts: 'UKH12' },
    { id: 'S1', kind: 'sme', country: 'UK', nuts: 'UKH12' },
    { id: 'S2', kind: 'sme', country: 'UK', nuts: 'UKH12' },
    { id: 'S3', kind: 'firm', sme: true, country: 'UK', nuts: 'UKH12' },
    { id: 'T', kind: 'sme', country: 'UK', nuts: 'UKH12' },
    { id: 'U', kind: 'university', country: 'UK', nuts: 'UKH12' },
    { id: 'F', kind: 'firm', sme: false, country: 'DE', nuts: 'DE212' },
    { id: 'A', kind: 'large-firm', country: 'US', locality: 'Boston' },
    { id: 'X', kind: 'sme', country: 'FR', nuts: 'FRK24' },
  ],
  spinoffs: [
    { child: 'S1', parent: 'L', year: 1990 },
    { child: 'S2', parent: 'L', year: 1995 },
    { child: 'S3', parent: 'M', year: 2000 },
    { child: 'X', parent: 'L', year: 1998 }, // located outside the region: not counted
    { child: 'T', parent: 'U', year: 2001 },
  ],
  ties: [
    { source: 'S1', target: 'L', kind: 'supplier', start: 1992, end: 1999 }, // S1 supplies L
    { source: 'L', target: 'S2', kind: 'supplier', start: 1996 }, // L supplies S2
    { source: 'S3', target: 'F', kind: 'customer', start: 1997 }, // S3 buys from F: F supplies S3
    { source: 'S1', target: 'S2', kind: 'supplier', start: 2003 }, // SME–SME: not counted
    { source: 'L', target: 'U', kind: 'collaboration', start: 1990 }, // not vertical
    { source: 'S1', target: 'X', kind: 'collaboration', start: 1998 },
    { source: 'S1', target: 'U', kind: 'liaison' }, // undated: left out of before/after
    { source: 'S2', target: 'X', kind: 'rd-project', start: 2004 },
  ],
  projects: [{ id: 'P', start: '2006-01-01', end: '2008-12-31' }],
  participations: [
    { project: 'P', organisation: 'S1' },
    { project: 'P', organisation: 'M' },
  ],
  acquisitions: [
    { target: 'S1', acquirer: 'A', year: 2000, multinational: true, autonomy: false, price: 1000000 },
    { target: 'S2', acquirer: 'L', year: 2005, multinational: false, autonomy: true },
    { target: 'X', acquirer: 'F', year: 2003, multinational: true, autonomy: true }, // outside
  ],
};

describe('largeFirms', () => {
  it('counts spin-offs from large firms and MNC units per parent', () => {
    const r = largeFirms(dataset(RAW), { region: 'r' });
    // spin-offs located in r: S1, S2 (from L), S3 (from M), T (from the university) → 3 of 4
    expect(value(r, 'largeFirms.spinoffsFromLargeFirms')).toBe(3);
    expect(value(r, 'largeFirms.spinoffsFromLargeFirmsShare')).toBe(0.75);
    const per = rowsBy(tableOf(r, 'largeFirms.spinoffsByParent'), 'parent');
    expect(Object.keys(per)).toEqual(['L', 'M']);
    expect(per.L).toMatchObject({ spinoffs: 2, firstYear: 1990, lastYear: 1995 });
    // 1996–2005: S3 (2000, from M) and T (2001, from U) → 1 of 2
    const late = largeFirms(dataset(RAW), { region: 'r', years: [1996, 2005] });
    expect(value(late, 'largeFirms.spinoffsFromLargeFirmsShare')).toBe(0.5);
  });

  it('counts large-firm ↔ SME supply ties in both directions', () => {
    const r = largeFirms(dataset(RAW), { region: 'r' });
    // S1→L: an SME supplies L; L→S2: L supplies an SME; S3 `customer` of F: F supplies S3 (SME by
    // flag, F large by flag). S1→S2 is SME–SME.
    expect(value(r, 'largeFirms.smeSuppliesLargeTies')).toBe(1);
    expect(value(r, 'largeFirms.largeSuppliesSmeTies')).toBe(2);
    const per = rowsBy(tableOf(r, 'largeFirms.smeSupplyTies'), 'largeFirm');
    expect(per.L).toMatchObject({ smeSuppliers: 1, smeCustomers: 1, local: 2, inSelection: true });
    expect(per.F).toMatchObject({ smeSuppliers: 0, smeCustomers: 1, local: 0, inSelection: false });
  });

  it('describes acquisitions and the acquired firms before and after', () => {
    const r = largeFirms(dataset(RAW), { region: 'r' });
    // S1 (by A, US) and S2 (by L, UK); X lies outside the region
    expect(value(r, 'largeFirms.acquisitions')).toBe(2);
    expect(value(r, 'largeFirms.foreignAcquirerShare')).toBe(0.5);
    expect(value(r, 'largeFirms.multinationalAcquirerShare')).toBe(0.5);
    expect(value(r, 'largeFirms.autonomyRetainedShare')).toBe(0.5);
    expect(tableOf(r, 'largeFirms.acquisitionsByYear').rows).toEqual([
      [2000, 1, 1, 1, 0],
      [2005, 1, 0, 0, 1],
    ]);
    const acq = rowsBy(tableOf(r, 'largeFirms.acquiredFirms'), 'target');
    // S1, acquired 2000. Ties: L 1992–1999 (local), X 1998 (not local), U undated (left out),
    // S2 2003 (local), M by co-participation 2006–2008 (local).
    //   local before (start < 2000): L → 1; from 2000 on: S2, M → 2
    //   brokerage before: partners L, X (started before 2000); L–X untied, inside vs outside → 1
    //   brokerage after: partners active from 2000 on: X (no end), S2, M (L ended 1999; U undated);
    //     S2–X tied (2004) → no; S2–M same region → no; X–M untied, different → 1
    expect(acq.S1).toMatchObject({
      acquirer: 'A',
      foreignAcquirer: true,
      multinational: true,
      autonomyRetained: false,
      price: 1000000,
      localTiesBefore: 1,
      localTiesAfter: 2,
      brokerageBefore: 1,
      brokerageAfter: 1,
    });
    // S2, acquired 2005. Ties: L 1996, S1 2003 (local), X 2004.
    //   local before: L, S1 → 2; after: 0
    //   brokerage before: partners L, S1, X; L–S1 tied (1992–1999) → no; L–X untied, different → 1;
    //     S1–X tied (1998) → no → 1
    //   brokerage after: L, S1, X all still active (no end); L–S1 no longer tied but both inside;
    //     L–X → 1; S1–X tied → 1
    expect(acq.S2).toMatchObject({
      foreignAcquirer: false,
      price: null,
      localTiesBefore: 2,
      localTiesAfter: 0,
      brokerageBefore: 1,
      brokerageAfter: 1,
    });
    expect(value(r, 'largeFirms.localTiesBeforeMean')).toBe(1.5);
    expect(value(r, 'largeFirms.localTiesAfterMean')).toBe(1);
    expect(value(r, 'largeFirms.brokerageBeforeMean')).toBe(1);
    expect(value(r, 'largeFirms.brokerageAfterMean')).toBe(1);
  });

  it('restricts acquisitions to the year range', () => {
    const r = largeFirms(dataset(RAW), { region: 'r', years: [2004, 2010] });
    expect(value(r, 'largeFirms.acquisitions')).toBe(1); // S2, 2005
    expect(value(r, 'largeFirms.foreignAcquirerShare')).toBe(0);
  });

  it('is not available without acquisitions, spin-offs, supply ties or organisations', () => {
    const none = largeFirms(dataset({ ...RAW, acquisitions: [] }), { region: 'r' });
    for (const m of [
      'largeFirms.acquisitionsByYear',
      'largeFirms.acquiredFirms',
      'largeFirms.acquisitionSummary',
    ]) {
      const t = none.tables.find((x) => x.measure === m)!;
      expect(isAvailable(t)).toBe(false);
    }
    const acq = none.indicators.find((i) => i.name === 'largeFirms.acquisitions')!;
    expect(acq.value).toBeNull();
    expect(acq.notAvailable).toMatch(/no acquisitions/);
    // the other measures still work
    expect(value(none, 'largeFirms.spinoffsFromLargeFirms')).toBe(3);

    const bare = largeFirms(dataset({ regions: RAW.regions, organisations: RAW.organisations }), {
      region: 'r',
    });
    expect(bare.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(bare.indicators.every((i) => i.value === null && i.notAvailable)).toBe(true);

    const empty = largeFirms(dataset(RAW), { region: 'ES5' });
    expect(
      empty.indicators.every((i) => i.value === null && /no organisations/.test(i.notAvailable ?? '')),
    ).toBe(true);
  });

  it('keeps acquisitions with unknown year or flags without inventing values', () => {
    const r = largeFirms(
      dataset({
        ...RAW,
        acquisitions: [{ target: 'S1', acquirer: 'A' }],
      }),
      { region: 'r' },
    );
    expect(value(r, 'largeFirms.acquisitions')).toBe(1);
    expect(value(r, 'largeFirms.foreignAcquirerShare')).toBe(1);
    expect(value(r, 'largeFirms.multinationalAcquirerShare')).toBeNull();
    expect(value(r, 'largeFirms.localTiesBeforeMean')).toBeNull();
    expect(tableOf(r, 'largeFirms.acquisitionsByYear').rows).toEqual([[null, 1, 1, 0, 0]]);
  });

  describe('on the Fenland example', () => {
    let store: Store;
    let fen: Dataset;
    beforeAll(async () => {
      store = await openStore(':memory:');
      await importSource(store, 'package', EXAMPLE, readPackage);
      fen = await loadDataset(store);
    });
    afterAll(() => store.close());

    it('gives the values worked out from the CSVs', () => {
      const r = largeFirms(fen, { region: 'fenland' });
      // spinoffs.csv: 8 spin-offs, all located in Fenland; only sme-sinclair comes from a large firm
      expect(value(r, 'largeFirms.spinoffsFromLargeFirms')).toBe(1);
      expect(value(r, 'largeFirms.spinoffsFromLargeFirmsShare')).toBe(1 / 8);
      // prism→acorn and vision→acorn supplier (SMEs supply acorn); lumen customer of acorn and of
      // munich (the large firms supply lumen)
      expect(value(r, 'largeFirms.smeSuppliesLargeTies')).toBe(2);
      expect(value(r, 'largeFirms.largeSuppliesSmeTies')).toBe(2);
      // vision (UK) by Boston (US) 2006, cellgen (UK) by Munich (DE) 2010: both foreign, both
      // multinational, autonomy kept by cellgen only
      expect(value(r, 'largeFirms.acquisitions')).toBe(2);
      expect(value(r, 'largeFirms.foreignAcquirerShare')).toBe(1);
      expect(value(r, 'largeFirms.multinationalAcquirerShare')).toBe(1);
      expect(value(r, 'largeFirms.autonomyRetainedShare')).toBe(0.5);
      const acq = rowsBy(tableOf(r, 'largeFirms.acquiredFirms'), 'target');
      // vision: acorn (1988) and arcus (1997) are local ties started before 2006, none after
      expect(acq['sme-vision']).toMatchObject({ localTiesBefore: 2, localTiesAfter: 0, brokerageBefore: 0 });
      // cellgen (2010): partners mrc, boston, helix; mrc–helix tied by fp-102 (2004–2007) before
      // 2010 but not after, and both are in Fenland; boston is outside → mrc–boston and
      // helix–boston count, before and after
      expect(acq['sme-cellgen']).toMatchObject({
        localTiesBefore: 2,
        localTiesAfter: 0,
        brokerageBefore: 2,
        brokerageAfter: 2,
      });
    });
  });
});

describe('large-firm ↔ SME supply ties without an SME flag (issue 7)', () => {
  it('say the flag is missing instead of 0 SME ties', () => {
    const d = dataset({
      organisations: [
        { id: 'L', kind: 'large-firm', country: 'UK', nuts: 'UKH12' },
        { id: 'F', kind: 'firm', country: 'UK', nuts: 'UKH12' },
      ],
      regions: [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }],
      ties: [{ source: 'F', target: 'L', kind: 'supplier' }],
    });
    const r = largeFirms(d, { region: 'r' });
    const ind = r.indicators.find((i) => i.name === 'largeFirms.smeSuppliesLargeTies')!;
    expect(ind.value).toBeNull();
    expect(ind.notAvailable).toMatch(/no SME flag/);
    // with the flag set, the same tie is an SME supplying a large firm
    const flagged = dataset({
      organisations: [
        { id: 'L', kind: 'large-firm', country: 'UK', nuts: 'UKH12' },
        { id: 'F', kind: 'firm', country: 'UK', nuts: 'UKH12', sme: true },
      ],
      regions: [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }],
      ties: [{ source: 'F', target: 'L', kind: 'supplier' }],
    });
    expect(value(largeFirms(flagged, { region: 'r' }), 'largeFirms.smeSuppliesLargeTies')).toBe(1);
  });
});
