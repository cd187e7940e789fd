import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { readPackage } from '../../src/io/package.ts';
import { isAvailable } from '../../src/measures/common.ts';
import { mobility, regionalEmployment } from '../../src/measures/mobility.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';
import { dataset, rowsBy, tableOf, value } from './fixtures.ts';

// Region r = UKH12: firms a and b and university u inside; firm x in France outside.
const RAW = {
  regions: [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }],
  organisations: [
    { id: 'a', kind: 'sme', country: 'UK', nuts: 'UKH12' },
    { id: 'b', kind: 'sme', country: 'UK', nuts: 'UKH12' },
    { id: 'u', kind: 'university', country: 'UK', nuts: 'UKH12' },
    { id: 'x', kind: 'sme', country: 'FR', nuts: 'FRK24' },
  ],
  employment: [
    { organisation: 'a', year: 2000, employees: 100 },
    { organisation: 'a', year: 2001, employees: 100 },
    { organisation: 'b', year: 2000, employees: 100 },
    { organisation: 'b', year: 2001, employees: 100 },
    { organisation: 'x', year: 2000, employees: 5000 }, // outside: never in the denominator
  ],
  moves: [
    { person: 'p1', from: 'u', to: 'a', year: 2000 }, // local, graduate retained
    { person: 'p2', from: 'b', to: 'a', year: 2000 }, // local, from a local firm
    { person: 'p3', from: 'x', to: 'b', year: 2001 }, // from outside
    { person: 'p4', from: 'u', to: 'x', year: 2001 }, // out of the region: graduate lost
  ],
};

describe('mobility', () => {
  it('rates moves per 100 employees and splits hires by origin (worked example)', () => {
    const r = mobility(dataset(RAW), { region: 'r' });
    expect(value(r, 'mobility.moves')).toBe(4);
    // 2000: 2 local moves / 200 employees = 1 per 100; 2001: 0 local → mean of annual rates 0.5
    expect(value(r, 'mobility.localMovesPer100Employees')).toBeCloseTo(0.5, 12);
    // from outside: 2000 0, 2001 1/200 = 0.5 per 100 → mean 0.25
    expect(value(r, 'mobility.fromOutsideMovesPer100Employees')).toBeCloseTo(0.25, 12);
    // pooled: 100 × 2 local moves / 400 employee-years
    expect(value(r, 'mobility.intensity')).toBeCloseTo(0.5, 12);
    const years = tableOf(r, 'mobility.perYear');
    expect(years.rows).toEqual([
      [2000, 2, 0, 200, 2, 1, 0],
      [2001, 0, 1, 200, 2, 0, 0.5],
    ]);
    // hires (moves into r): p1 (university), p2 (local firm), p3 (firm outside) → 3
    expect(value(r, 'mobility.hiresFromLocalFirmsShare')).toBeCloseTo(1 / 3, 12);
    expect(value(r, 'mobility.hiresFromUniversitiesShare')).toBeCloseTo(1 / 3, 12);
    expect(value(r, 'mobility.hiresFromResearchInstitutesShare')).toBe(0);
    const sources = rowsBy(tableOf(r, 'mobility.hireSources'), 'origin');
    expect(sources.firm).toMatchObject({ hires: 2, local: 1, nonLocal: 1 });
    // graduates of u: p1 stays (to a), p4 leaves (to x) → 1/2
    expect(value(r, 'mobility.graduateRetention')).toBe(0.5);
    // summary: p4 is a move out of the region
    expect(rowsBy(tableOf(r, 'mobility.summary'), 'moves')['4']).toMatchObject({
      hires: 3,
      localMoves: 2,
      movesFromOutside: 1,
      movesOut: 1,
      employeeYears: 400,
    });
    // network: u–a, b–a, x–b, u–x: 4 organisations, 4 edges, one component (a cycle)
    expect(tableOf(r, 'mobility.network').rows[0]).toEqual([4, 4, 1, 4]);
    expect(value(r, 'mobility.networkComponents')).toBe(1);
  });

  it('counts a move with no origin as from outside, of unknown origin', () => {
    const r = mobility(dataset({ ...RAW, moves: [...RAW.moves, { person: 'p5', to: 'b', year: 2000 }] }), {
      region: 'r',
    });
    const sources = rowsBy(tableOf(r, 'mobility.hireSources'), 'origin');
    expect(sources['unknown origin']).toMatchObject({ hires: 1, nonLocal: 1, share: 0.25 });
    // 2000 now has one move from outside: rates 0.5 (2000) and 0.5 (2001) → mean 0.5
    expect(value(r, 'mobility.fromOutsideMovesPer100Employees')).toBeCloseTo(0.5, 12);
    // the network ignores it: no origin, no edge
    expect(tableOf(r, 'mobility.network').rows[0]).toEqual([4, 4, 1, 4]);
  });

  it('restricts moves to the year range', () => {
    const r = mobility(dataset(RAW), { region: 'r', years: [2001, 2001] });
    // p3 (from outside) and p4 (out) remain
    expect(value(r, 'mobility.moves')).toBe(2);
    expect(value(r, 'mobility.localMovesPer100Employees')).toBe(0);
    expect(value(r, 'mobility.fromOutsideMovesPer100Employees')).toBeCloseTo(0.5, 12);
    expect(value(r, 'mobility.graduateRetention')).toBe(0);
  });

  it('interpolates employment linearly between observations, never beyond them', () => {
    const d = dataset({
      organisations: [
        { id: 'a', kind: 'sme' },
        { id: 'b', kind: 'sme' },
      ],
      employment: [
        { organisation: 'a', year: 2000, employees: 30 }, // given out of order on purpose
        { organisation: 'a', year: 1990, employees: 10 },
        { organisation: 'b', year: 1995, employees: 7 },
      ],
    });
    const e = regionalEmployment(d, new Uint8Array([1, 1]), 1989, 2001);
    // a: 10 in 1990 rising by 2 a year to 30 in 2000; b: only 1995
    // (1995: a 20 + b 7 = 27; 1989 and 2001 lie outside every observed span)
    expect([...e.employees]).toEqual([0, 10, 12, 14, 16, 18, 27, 22, 24, 26, 28, 30, 0]);
    expect([...e.organisations]).toEqual([0, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 0]);
    // only b selected
    expect([...regionalEmployment(d, new Uint8Array([0, 1]), 1994, 1996).employees]).toEqual([0, 7, 0]);
  });

  it("without a region, judges locality by each organisation's own area", () => {
    const d = dataset({
      organisations: [
        { id: 'a', kind: 'sme', country: 'UK', locality: 'Fenbridge' },
        { id: 'b', kind: 'sme', country: 'UK', locality: 'Fenbridge' },
        { id: 'c', kind: 'sme', country: 'UK', locality: 'Leeds' },
        { id: 'd', kind: 'sme', country: 'UK' },
      ],
      moves: [
        { from: 'a', to: 'b', year: 2000 }, // same locality: local
        { from: 'c', to: 'a', year: 2000 }, // another town: from outside
        { from: 'd', to: 'a', year: 2000 }, // d has no locality: cannot be told
      ],
    });
    const r = mobility(d);
    expect(rowsBy(tableOf(r, 'mobility.summary'), 'moves')['3']).toMatchObject({
      hires: 3,
      localMoves: 1,
      movesFromOutside: 1,
      localityUnknown: 1,
    });
    expect(value(r, 'mobility.hiresFromLocalFirmsShare')).toBeCloseTo(1 / 3, 12);
    // no employment: the rates are not available, with a reason
    const rate = r.indicators.find((i) => i.name === 'mobility.intensity')!;
    expect(rate.value).toBeNull();
    expect(rate.notAvailable).toMatch(/no employment/);
    // no university: no retention
    expect(value(r, 'mobility.graduateRetention')).toBeNull();
  });

  it('is not available without moves, without organisations or when no move touches the region', () => {
    const noMoves = mobility(dataset({ ...RAW, moves: [] }), { region: 'r' });
    expect(noMoves.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(noMoves.indicators.every((i) => i.value === null && /no moves/.test(i.notAvailable ?? ''))).toBe(
      true,
    );

    const empty = mobility(dataset(RAW), { region: 'DE1' });
    expect(
      empty.indicators.every((i) => i.value === null && /no organisations/.test(i.notAvailable ?? '')),
    ).toBe(true);

    const elsewhere = mobility(dataset({ ...RAW, moves: [{ from: 'x', to: 'x', year: 2000 }] }), {
      region: 'r',
    });
    expect(
      elsewhere.indicators.every((i) => i.value === null && /no moves touch/.test(i.notAvailable ?? '')),
    ).toBe(true);

    const outOfRange = mobility(dataset(RAW), { region: 'r', years: [1900, 1910] });
    expect(outOfRange.tables.every((t) => !isAvailable(t))).toBe(true);

    // only moves out of the region: no hires, so no hire shares and no yearly rates
    const outOnly = mobility(dataset({ ...RAW, moves: [{ from: 'u', to: 'x', year: 2000 }] }), {
      region: 'r',
    });
    expect(value(outOnly, 'mobility.hiresFromLocalFirmsShare')).toBeNull();
    expect(isAvailable(outOnly.tables.find((t) => t.measure === 'mobility.perYear')!)).toBe(false);
    expect(value(outOnly, 'mobility.graduateRetention')).toBe(0);
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
      const r = mobility(fen, { region: 'fenland' });
      // moves.csv: 6 moves, all touching Fenland; 5 hires into Fenland (all but vision → munich),
      // all local: from uni-fen (p1, p4, p5) and from firms acorn (p2) and vision (p3)
      expect(value(r, 'mobility.moves')).toBe(6);
      expect(value(r, 'mobility.hiresFromLocalFirmsShare')).toBe(0.4);
      expect(value(r, 'mobility.hiresFromUniversitiesShare')).toBe(0.6);
      expect(value(r, 'mobility.hiresFromResearchInstitutesShare')).toBe(0);
      // the university's three graduates all stayed in Fenland
      expect(value(r, 'mobility.graduateRetention')).toBe(1);
      // 1995 employment: prism 40, vision 8 + (60 − 8)·5/10 = 34, cellgen 10, acorn
      // 1200 − 300·5/15 = 1100 → 1184; one local move (p3) → 100/1184 per 100 employees
      const y1995 = rowsBy(tableOf(r, 'mobility.perYear'), 'year')['1995'];
      expect(y1995.employees).toBeCloseTo(1184, 9);
      expect(y1995.localPer100).toBeCloseTo(100 / 1184, 12);
      // 1979 (p1): no employment observed yet → no rate
      expect(rowsBy(tableOf(r, 'mobility.perYear'), 'year')['1979']).toMatchObject({
        employees: null,
        localPer100: null,
      });
      // network: uni-fen, prism, helix, ibm lab | acorn, vision, arcus, munich → 8 nodes, 6 edges, 2 components
      expect(tableOf(r, 'mobility.network').rows[0]).toEqual([8, 6, 2, 4]);
    });
  });
});
