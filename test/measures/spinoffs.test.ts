import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import type { RawTable, RawTables, Value } from '../../src/dataset/raw.ts';
import { readPackage } from '../../src/io/package.ts';
import {
  type FamilyReport,
  isAvailable,
  type MeasureResult,
  type MeasureTable,
} from '../../src/measures/common.ts';
import { genealogy } from '../../src/measures/genealogy.ts';
import { areaIndex, sameArea } from '../../src/measures/selection.ts';
import { employmentGrowth, spinoffs } from '../../src/measures/spinoffs.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';

/** A raw table from row objects (missing cells are null). */
function table(rows: Record<string, Value>[]): RawTable {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) names.add(k);
  const columns: Record<string, Value[]> = {};
  for (const c of names) columns[c] = rows.map((r) => r[c] ?? null);
  return { rowCount: rows.length, columns };
}

function get(report: FamilyReport, measure: string): MeasureResult {
  const t = report.tables.find((x) => x.measure === measure);
  if (!t) throw new Error(`no table ${measure}`);
  return t;
}

function tableOf(report: FamilyReport, measure: string): MeasureTable {
  const t = get(report, measure);
  if (!isAvailable(t)) throw new Error(`${measure} not available: ${t.notAvailable}`);
  return t;
}

/** Row of a table whose first cell is `key`, as an object by column. */
function row(t: MeasureTable, key: string): Record<string, unknown> {
  const r = t.rows.find((x) => x[0] === key);
  if (!r) throw new Error(`no row ${key} in ${t.measure}`);
  return Object.fromEntries(t.columns.map((c, i) => [c, r[i]]));
}

function value(report: FamilyReport, name: string): number | null {
  const ind = report.indicators.find((x) => x.name === name);
  if (!ind) throw new Error(`no indicator ${name}`);
  return ind.value;
}

/**
 * Lineage dataset: U (university) → A → B → C and U → D; F (large firm) → G.
 * U has 2 children (A, D) and 4 descendants (A, B, C, D), so 2 indirect, 3 generations below it;
 * A has 1 child and 2 descendants over 2 generations. Roots: U and F.
 */
function lineage(extra: Record<string, Value>[] = [], extraOrgs: Record<string, Value>[] = []): Dataset {
  const orgs = [
    { id: 'U', kind: 'university' },
    { id: 'A', kind: 'sme' },
    { id: 'B', kind: 'sme' },
    { id: 'C', kind: 'sme' },
    { id: 'D', kind: 'sme' },
    { id: 'F', kind: 'large-firm' },
    { id: 'G', kind: 'sme' },
    ...extraOrgs,
  ];
  return buildDataset({
    organisations: table(orgs),
    spinoffs: table([
      { child: 'A', parent: 'U', year: 1990 },
      { child: 'B', parent: 'A', year: 1995 },
      { child: 'C', parent: 'B', year: 2000 },
      { child: 'D', parent: 'U', year: 1992 },
      { child: 'G', parent: 'F', year: 1998 },
      ...extra,
    ]),
  });
}

/**
 * Rate / location / ties / growth dataset:
 *   U university founded 1900 in UKH12 Fenbridge; L large firm 1995–1998 in DE212;
 *   S1 sme 1992 (UKH12), spin-off of U in 1992; S2 sme 1997 (UKH12), spin-off of L in 1997;
 *   S3 sme 2005 with no location, spin-off of U in 2005.
 *   Ties: S1–U stored; S3–U through the shared project P1. Employment: S1 10 → 40 over 1992–2002,
 *   S2 20 → 45 over 1997–1999, S3 one observation only.
 */
function rates(): RawTables {
  return {
    organisations: table([
      { id: 'U', kind: 'university', founded: 1900, nuts: 'UKH12', locality: 'Fenbridge' },
      { id: 'L', kind: 'large-firm', founded: 1995, closed: 1998, nuts: 'DE212' },
      { id: 'S1', kind: 'sme', founded: 1992, nuts: 'UKH12' },
      { id: 'S2', kind: 'sme', founded: 1997, nuts: 'UKH12' },
      { id: 'S3', kind: 'sme', founded: 2005 },
    ]),
    spinoffs: table([
      { child: 'S1', parent: 'U', year: 1992 },
      { child: 'S2', parent: 'L', year: 1997 },
      { child: 'S3', parent: 'U', year: 2005 },
    ]),
    ties: table([{ source: 'S1', target: 'U', kind: 'collaboration', start: 1993 }]),
    projects: table([{ id: 'P1', start: '2006-01-01', end: '2008-12-31' }]),
    participations: table([
      { project: 'P1', organisation: 'S3' },
      { project: 'P1', organisation: 'U' },
    ]),
    employment: table([
      { organisation: 'S1', year: 1992, employees: 10 },
      { organisation: 'S1', year: 2002, employees: 40 },
      { organisation: 'S2', year: 1999, employees: 45 },
      { organisation: 'S2', year: 1997, employees: 20 },
      { organisation: 'S3', year: 2005, employees: 3 },
    ]),
  };
}

describe('genealogy', () => {
  it('counts children, descendants, generations and roots', () => {
    const d = lineage();
    const g = genealogy(d.organisations.count, d.spinoffs.child, d.spinoffs.parent);
    const at = (id: string) => d.organisations.id.indexOf(id);
    expect([...g.roots].map((r) => d.organisations.id[r])).toEqual(['U', 'F']);
    expect(g.descendants[at('U')]).toBe(4);
    expect(g.height[at('U')]).toBe(3);
    expect(g.descendants[at('A')]).toBe(2);
    expect(g.height[at('A')]).toBe(2);
    expect(g.depth[at('C')]).toBe(3);
    expect(g.depth[at('G')]).toBe(1);
    expect(g.edges).toBe(5);
    expect(g.cyclic).toBe(0);
  });

  it('ends on a cycle and leaves its members out', () => {
    // 0 → 1 → 0 is a cycle with no root; 2 → 3 is a tree
    const g = genealogy(4, Int32Array.from([1, 0, 3]), Int32Array.from([0, 1, 2]));
    expect([...g.roots]).toEqual([2]);
    expect(g.cyclic).toBe(2);
    expect([...g.order]).toEqual([2, 3]);
    expect(g.descendants[0]).toBe(0);
    // a self-parent is a cycle of one
    expect(genealogy(1, Int32Array.from([0]), Int32Array.from([0])).cyclic).toBe(1);
  });

  it('walks a 200,000-generation chain without recursion', () => {
    const n = 200_000;
    const child = new Int32Array(n - 1);
    const parent = new Int32Array(n - 1);
    for (let i = 1; i < n; i++) {
      child[i - 1] = i;
      parent[i - 1] = i - 1;
    }
    const g = genealogy(n, child, parent);
    expect(g.height[0]).toBe(n - 1);
    expect(g.descendants[0]).toBe(n - 1);
  });
});

describe('sameArea', () => {
  it('NUTS-3 first, then locality, else unknown', () => {
    const d = buildDataset({
      organisations: table([
        { id: 'a', kind: 'sme', nuts: 'UKH12', locality: 'Fenbridge' },
        { id: 'b', kind: 'sme', nuts: 'UKH14', locality: 'Fenbridge' },
        { id: 'c', kind: 'sme', nuts: 'UKH1', locality: 'Fenbridge' },
        { id: 'd', kind: 'sme', nuts: 'UKH1' },
        { id: 'e', kind: 'sme', locality: 'München' },
        { id: 'f', kind: 'sme', locality: 'munchen' },
        { id: 'g', kind: 'sme', nuts: 'DE2' },
      ]),
    });
    const area = areaIndex(d.organisations);
    expect(sameArea(area, 0, 1)).toBe(0); // UKH12 vs UKH14: different NUTS-3 (same locality name ignored)
    expect(sameArea(area, 0, 2)).toBe(1); // UKH12 vs UKH1: only NUTS-2 known for c → locality decides
    expect(sameArea(area, 0, 3)).toBe(-1); // UKH12 vs UKH1 and no locality for d
    expect(sameArea(area, 4, 5)).toBe(1); // localities folded: München = munchen
    expect(sameArea(area, 3, 6)).toBe(0); // UKH1 vs DE2 differ at level 0
    expect(sameArea(area, 0, 0)).toBe(1);
  });
});

describe('spinoffs family, lineage dataset', () => {
  it('genealogy table, depth and multiplier', () => {
    const r = spinoffs(lineage());
    const g = tableOf(r, 'spinoffs.genealogy');
    expect(row(g, 'U')).toMatchObject({ direct: 2, indirect: 2, descendants: 4, generations: 3, root: true });
    expect(row(g, 'A')).toMatchObject({
      direct: 1,
      indirect: 1,
      descendants: 2,
      generations: 2,
      root: false,
    });
    expect(row(g, 'F')).toMatchObject({ direct: 1, indirect: 0, descendants: 1, generations: 1, root: true });
    expect(g.rows.map((x) => x[0])).toEqual(['U', 'A', 'B', 'F']); // by descendants, then id
    expect(value(r, 'spinoffs.count')).toBe(5);
    expect(value(r, 'spinoffs.maxDepth')).toBe(3);
    // firm roots: F only, 1 descendant → 1; all roots: (4 + 1) / 2 = 2.5
    const m = tableOf(r, 'spinoffs.multiplier');
    expect(row(m, 'firms')).toMatchObject({ count: 1, descendants: 1, multiplier: 1 });
    expect(row(m, 'all')).toMatchObject({ count: 2, descendants: 5, multiplier: 2.5 });
    expect(value(r, 'spinoffs.multiplier')).toBe(1);
    expect(value(r, 'spinoffs.multiplierAllRoots')).toBe(2.5);
  });

  it('a cycle in the lineage is reported and ignored, not looped over', () => {
    const r = spinoffs(
      lineage(
        [
          { child: 'X', parent: 'Y', year: 1999 },
          { child: 'Y', parent: 'X', year: 1999 },
        ],
        [
          { id: 'X', kind: 'sme' },
          { id: 'Y', kind: 'sme' },
        ],
      ),
    );
    expect(value(r, 'spinoffs.count')).toBe(5);
    expect(tableOf(r, 'spinoffs.genealogy').notes!.join(' ')).toMatch(
      /2 organisation\(s\) in a spin-off cycle/,
    );
  });

  it('years select spin-offs by year; roots follow the selection', () => {
    // 1994–2000: B ← A (1995), C ← B (2000), G ← F (1998); roots A and F, A has 2 descendants
    const r = spinoffs(lineage(), { years: [1994, 2000] });
    expect(value(r, 'spinoffs.count')).toBe(3);
    expect(row(tableOf(r, 'spinoffs.genealogy'), 'A')).toMatchObject({ descendants: 2, root: true });
    // firm roots A (sme, 2) and F (1): 3 / 2
    expect(value(r, 'spinoffs.multiplier')).toBe(1.5);
  });

  it('multiplier is not available when no lineage starts at a firm', () => {
    const d = buildDataset({
      organisations: table([
        { id: 'U', kind: 'university' },
        { id: 'A', kind: 'sme' },
      ]),
      spinoffs: table([{ child: 'A', parent: 'U', year: 2000 }]),
    });
    const r = spinoffs(d);
    expect(row(tableOf(r, 'spinoffs.multiplier'), 'firms').multiplier).toBeNull();
    const ind = r.indicators.find((x) => x.name === 'spinoffs.multiplier')!;
    expect(ind.value).toBeNull();
    expect(ind.notAvailable).toMatch(/firm/);
    expect(value(r, 'spinoffs.multiplierAllRoots')).toBe(1);
  });
});

describe('spinoffs family, rate / location / ties / growth dataset', () => {
  it('rate per 100 parent-years over the span of the dated spin-offs', () => {
    // window 1992–2005 (14 years, inclusive):
    //   university: U 14 parent-years, 2 spin-offs (1992, 2005) → 100 × 2/14 = 14.2857
    //   large-firm: L 1995–1998 = 4 parent-years, 1 spin-off → 25
    //   sme: S1 1992–2005 = 14, S2 1997–2005 = 9, S3 2005 = 1 → 24 parent-years, 0 spin-offs → 0
    //   all: 3 spin-offs / 42 parent-years → 7.142857
    const r = spinoffs(buildDataset(rates()));
    const t = tableOf(r, 'spinoffs.rateByParentKind');
    expect(row(t, 'university')).toMatchObject({ organisations: 1, parentYears: 14, spinoffs: 2 });
    expect(row(t, 'university').ratePer100ParentYears).toBeCloseTo(100 * (2 / 14), 12);
    expect(row(t, 'large-firm')).toMatchObject({ parentYears: 4, spinoffs: 1, ratePer100ParentYears: 25 });
    expect(row(t, 'sme')).toMatchObject({
      organisations: 3,
      parentYears: 24,
      spinoffs: 0,
      ratePer100ParentYears: 0,
    });
    expect(value(r, 'spinoffs.ratePer100ParentYears')).toBeCloseTo(100 * (3 / 42), 12);
    expect(t.notes![0]).toMatch(/1992–2005/);
  });

  it('rate over the selected years', () => {
    // 1990–1999: U 10 parent-years with S1 (1992) → 10; L 4 with S2 → 25;
    // sme: S1 1992–1999 = 8, S2 1997–1999 = 3, S3 none → 11, 0; all 2 / 25 → 8
    const r = spinoffs(buildDataset(rates()), { years: [1990, 1999] });
    const t = tableOf(r, 'spinoffs.rateByParentKind');
    expect(row(t, 'university')).toMatchObject({ parentYears: 10, spinoffs: 1, ratePer100ParentYears: 10 });
    expect(row(t, 'sme')).toMatchObject({ parentYears: 11, spinoffs: 0 });
    expect(value(r, 'spinoffs.ratePer100ParentYears')).toBe(8);
    expect(value(r, 'spinoffs.count')).toBe(2);
  });

  it('stay-local share with the unknowns counted apart', () => {
    // S1–U both UKH12: same; S2 (UKH12) – L (DE212): other; S3 has no location: unknown → 1 / 2
    const r = spinoffs(buildDataset(rates()));
    const t = tableOf(r, 'spinoffs.stayLocal');
    expect(row(t, 'all')).toMatchObject({
      spinoffs: 3,
      sameArea: 1,
      otherArea: 1,
      unknown: 1,
      stayLocalShare: 0.5,
    });
    expect(row(t, 'university')).toMatchObject({ sameArea: 1, unknown: 1, stayLocalShare: 1 });
    expect(row(t, 'large-firm')).toMatchObject({ otherArea: 1, stayLocalShare: 0 });
    expect(value(r, 'spinoffs.stayLocalShare')).toBe(0.5);
    expect(t.notes!.join(' ')).toMatch(/1 spin-off\(s\) whose location/);
  });

  it('tie persistence counts stored and co-participation ties', () => {
    // S1–U stored tie, S3–U shared project, S2–L nothing → 2 / 3
    const r = spinoffs(buildDataset(rates()));
    const t = tableOf(r, 'spinoffs.tiePersistence');
    expect(row(t, 'university')).toMatchObject({ pairs: 2, tied: 2, share: 1 });
    expect(row(t, 'large-firm')).toMatchObject({ pairs: 1, tied: 0, share: 0 });
    expect(value(r, 'spinoffs.tiePersistenceShare')).toBeCloseTo(2 / 3, 12);
  });

  it('growth: CAGR per spin-off, mean per parent kind, bootstrap interval', () => {
    // S1: (40/10)^(1/10) − 1 = 4^0.1 − 1 = 0.1486984; S2: (45/20)^(1/2) − 1 = 0.5; S3: one observation
    const d = buildDataset(rates());
    const growth = employmentGrowth(d);
    expect(growth[2]).toBeCloseTo(4 ** 0.1 - 1, 12);
    expect(growth[3]).toBeCloseTo(0.5, 12);
    expect(growth[4]).toBeNaN();
    const r = spinoffs(d);
    const t = tableOf(r, 'spinoffs.growthByParentKind');
    expect(row(t, 'university')).toMatchObject({ spinoffs: 1, lower95: null, upper95: null });
    expect(row(t, 'university').meanGrowth).toBeCloseTo(4 ** 0.1 - 1, 12);
    // all: mean of the two; resampled means are a, (a+b)/2 or b with chances ¼ ½ ¼, so the 2.5 % and
    // 97.5 % points of 2000 replicates are a and b
    const all = row(t, 'all');
    expect(all.meanGrowth).toBeCloseTo((4 ** 0.1 - 1 + 0.5) / 2, 12);
    expect(all.lower95).toBeCloseTo(4 ** 0.1 - 1, 12);
    expect(all.upper95).toBeCloseTo(0.5, 12);
    expect(value(r, 'spinoffs.meanGrowth')).toBeCloseTo((4 ** 0.1 - 1 + 0.5) / 2, 12);
  });

  it('same seed, same report; the seed reaches the bootstrap', () => {
    const raw = rates();
    // more growth values, so that different seeds give different intervals
    raw.employment = table([
      ...Array.from({ length: 3 }, (_, i) => ({
        organisation: ['S1', 'S2', 'S3'][i],
        year: 2000,
        employees: 10,
      })),
      { organisation: 'S1', year: 2004, employees: 13 },
      { organisation: 'S2', year: 2004, employees: 31 },
      { organisation: 'S3', year: 2004, employees: 7 },
    ]);
    const d = buildDataset(raw);
    expect(spinoffs(d, {}, { seed: 5 })).toEqual(spinoffs(d, {}, { seed: 5 }));
    expect(spinoffs(d)).toEqual(spinoffs(d, {}, { seed: 1 }));
    const a = row(tableOf(spinoffs(d, {}, { seed: 5, samples: 200 }), 'spinoffs.growthByParentKind'), 'all');
    const b = row(tableOf(spinoffs(d, {}, { seed: 6, samples: 200 }), 'spinoffs.growthByParentKind'), 'all');
    expect(a.meanGrowth).toBe(b.meanGrowth);
    expect([a.lower95, a.upper95]).not.toEqual([b.lower95, b.upper95]);
  });

  it('a region selects spin-offs by child', () => {
    // UKH12 holds U, S1, S2 (S3 has no location): spin-offs S1 ← U and S2 ← L
    const r = spinoffs(buildDataset(rates()), { region: 'UKH12' });
    expect(value(r, 'spinoffs.count')).toBe(2);
  });
});

describe('spinoffs family, not available', () => {
  it('no spin-off records at all', () => {
    const r = spinoffs(buildDataset({ organisations: table([{ id: 'a', kind: 'sme' }]) }));
    expect(r.tables).toHaveLength(6);
    for (const t of r.tables) expect(isAvailable(t)).toBe(false);
    for (const ind of r.indicators) {
      expect(ind.value).toBeNull();
      expect(ind.notAvailable).toBe('no spin-off records in the data');
    }
  });

  it('a region without spin-offs or organisations', () => {
    const r = spinoffs(buildDataset(rates()), { region: 'FR1' });
    expect(get(r, 'spinoffs.genealogy')).toMatchObject({ notAvailable: 'no spin-offs in region FR1' });
    expect(get(r, 'spinoffs.stayLocal')).toMatchObject({ notAvailable: 'no spin-offs in region FR1' });
    expect(get(r, 'spinoffs.rateByParentKind')).toMatchObject({
      notAvailable: expect.stringMatching(/no organisation/),
    });
    expect(value(r, 'spinoffs.count')).toBe(0);
    expect(value(r, 'spinoffs.maxDepth')).toBeNull();
    expect(value(r, 'spinoffs.multiplier')).toBeNull();
  });

  it('no dated spin-offs: rate needs years', () => {
    const d = buildDataset({
      organisations: table([
        { id: 'L', kind: 'large-firm' },
        { id: 'S2', kind: 'sme' },
      ]),
      spinoffs: table([{ child: 'S2', parent: 'L' }]),
    });
    expect(get(spinoffs(d), 'spinoffs.rateByParentKind')).toMatchObject({
      notAvailable: expect.stringMatching(/no dated spin-offs/),
    });
    // with years, the undated spin-off is left out but the rate is a true 0 over 2 × 11 parent-years
    const r = spinoffs(d, { years: [1990, 2000] });
    expect(value(r, 'spinoffs.ratePer100ParentYears')).toBe(0);
    expect(get(r, 'spinoffs.genealogy')).toMatchObject({ notAvailable: 'no spin-offs in 1990–2000' });
  });

  it('no ties, no employment', () => {
    const d = lineage();
    const r = spinoffs(d);
    expect(get(r, 'spinoffs.tiePersistence')).toMatchObject({
      notAvailable: expect.stringMatching(/no ties/),
    });
    expect(get(r, 'spinoffs.growthByParentKind')).toMatchObject({
      notAvailable: expect.stringMatching(/employment/),
    });
    expect(value(r, 'spinoffs.tiePersistenceShare')).toBeNull();
    expect(value(r, 'spinoffs.meanGrowth')).toBeNull();
    // the lineage dataset has no locations: stay-local share cannot be told
    expect(value(r, 'spinoffs.stayLocalShare')).toBeNull();
  });
});

describe('spinoffs family on the Fenland example', () => {
  let store: Store;
  let dataset: Dataset;
  beforeAll(async () => {
    store = await openStore(':memory:');
    await importSource(store, 'package', EXAMPLE, readPackage);
    dataset = await loadDataset(store);
  });
  afterAll(() => store.close());

  it('matches values worked out from the CSVs', () => {
    const r = spinoffs(dataset);
    // spinoffs.csv: uni-fen → prism → lumen, uni-fen → vision → arcus; ri-mrc → cellgen → helix,
    // ri-mrc → delta; lf-acorn → sinclair
    const g = tableOf(r, 'spinoffs.genealogy');
    expect(row(g, 'uni-fen')).toMatchObject({
      direct: 2,
      indirect: 2,
      descendants: 4,
      generations: 2,
      root: true,
    });
    expect(row(g, 'ri-mrc')).toMatchObject({
      direct: 2,
      indirect: 1,
      descendants: 3,
      generations: 2,
      root: true,
    });
    expect(row(g, 'lf-acorn')).toMatchObject({ direct: 1, descendants: 1, root: true });
    expect(value(r, 'spinoffs.count')).toBe(8);
    expect(value(r, 'spinoffs.maxDepth')).toBe(2);
    // roots uni-fen (4), ri-mrc (3), lf-acorn (1): firms → 1 / 1; all → 8 / 3
    expect(value(r, 'spinoffs.multiplier')).toBe(1);
    expect(value(r, 'spinoffs.multiplierAllRoots')).toBeCloseTo(8 / 3, 12);
    // window 1978–2001 (24 years); university: uni-fen and uni-grenoble 24 each, 2 spin-offs → 2/48;
    // sme parent-years: prism 24, sinclair 1981–1998 18, cellgen 10, vision 16, arcus 7, lumen 3,
    // helix 1, quanta 0, delta 6 = 85, with 3 spin-offs (arcus, lumen, helix);
    // all: 48 + 24 (ri-mrc) + 72 (3 large firms) + 85 + 17 (tc-fen from 1985) + 24 (sp-fen) +
    // 5 (lab-ibm from 1997) = 275 parent-years, 8 spin-offs
    const rate = tableOf(r, 'spinoffs.rateByParentKind');
    expect(row(rate, 'university')).toMatchObject({ parentYears: 48, spinoffs: 2 });
    expect(row(rate, 'sme')).toMatchObject({ parentYears: 85, spinoffs: 3 });
    expect(row(rate, 'all')).toMatchObject({ parentYears: 275, spinoffs: 8 });
    expect(value(r, 'spinoffs.ratePer100ParentYears')).toBeCloseTo(800 / 275, 12);
    // every spin-off shares UKH12 with its parent
    expect(value(r, 'spinoffs.stayLocalShare')).toBe(1);
    // tied pairs: prism–uni-fen (liaison), cellgen–ri-mrc, arcus–vision, helix–cellgen → 4 / 8
    expect(value(r, 'spinoffs.tiePersistenceShare')).toBe(0.5);
    // university spin-offs: prism (55/12)^(1/20) − 1 and vision (60/8)^(1/10) − 1
    const growth = tableOf(r, 'spinoffs.growthByParentKind');
    const uni = ((55 / 12) ** (1 / 20) - 1 + 7.5 ** 0.1 - 1) / 2;
    expect(row(growth, 'university').meanGrowth).toBeCloseTo(uni, 12);
    expect(row(growth, 'university').spinoffs).toBe(2);
  });

  it('a year selection on Fenland', () => {
    // 1990–2000: cellgen, delta ← ri-mrc; arcus ← vision; lumen ← prism
    const r = spinoffs(dataset, { region: 'fenland', years: [1990, 2000] });
    expect(value(r, 'spinoffs.count')).toBe(4);
    expect(value(r, 'spinoffs.maxDepth')).toBe(1);
    // firm roots: vision and prism, one descendant each
    expect(value(r, 'spinoffs.multiplier')).toBe(1);
  });
});
