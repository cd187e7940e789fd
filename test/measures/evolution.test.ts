import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import type { RawTable, RawTables, Value } from '../../src/dataset/raw.ts';
import { UsageError } from '../../src/errors.ts';
import { readPackage } from '../../src/io/package.ts';
import { isAvailable, type MeasureResult, type MeasureTable } from '../../src/measures/common.ts';
import {
  atRiskAt,
  birthsAndExits,
  creationRate,
  dipAndResurgence,
  employmentByYear,
  evolution,
  findDip,
  kaplanMeier,
  latestDataYear,
  medianSurvival,
  ORIGINS,
  originCodes,
  survivalAt,
  survivalByOrigin,
  survivalCurves,
} from '../../src/measures/evolution.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';

type Row = Record<string, Value>;

function table(rows: Row[]): RawTable {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return {
    rowCount: rows.length,
    columns: Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? null)])),
  };
}

function dataset(tables: Partial<Record<keyof RawTables, Row[]>>): Dataset {
  const raw: RawTables = {};
  for (const [name, rows] of Object.entries(tables)) raw[name as keyof RawTables] = table(rows as Row[]);
  return buildDataset(raw);
}

function firm(id: string, founded: number | null, closed: number | null = null, extra: Row = {}): Row {
  return { id, kind: 'sme', founded, closed, nuts: 'UKH12', ...extra };
}

function available(r: MeasureResult): MeasureTable {
  if (!isAvailable(r)) throw new Error(`${r.measure} not available: ${r.notAvailable}`);
  return r;
}

/** Rows of a table as objects keyed by column. */
function records(r: MeasureResult): Record<string, unknown>[] {
  const t = available(r);
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i]])));
}

function indicatorValue(report: ReturnType<typeof evolution>, name: string) {
  const found = report.indicators.find((i) => i.name === name);
  if (!found) throw new Error(`no indicator ${name}`);
  return found;
}

// a, b founded 1988; c founded 1989 and closed 1990; d (a large firm) founded 1990; e has no
// founding year; u is a university (not a firm); x is a firm outside UKH12.
const small = () =>
  dataset({
    organisations: [
      firm('a', 1988),
      firm('b', 1988),
      firm('c', 1989, 1990),
      firm('d', 1990, null, { kind: 'large-firm' }),
      firm('e', null),
      { id: 'u', kind: 'university', founded: 1900, nuts: 'UKH12' },
      firm('x', 1989, null, { nuts: 'FRK24' }),
    ],
  });

describe('births, exits and creation rate', () => {
  it('counts births, exits and firms active at the start of each year', () => {
    // Region UKH12 (x is left out). Axis 1988 (first founding) … 1990 (latest year in the data).
    // 1988: births a, b; nobody active before. 1989: birth c; active a, b.
    // 1990: birth d, exit c; active a, b, c (c closes in 1990, so it is active at its start).
    const t = birthsAndExits(small(), { region: 'UKH12' });
    expect(available(t).rows).toEqual([
      [1988, 2, 0, 0],
      [1989, 1, 0, 2],
      [1990, 1, 1, 3],
    ]);
    expect(available(t).notes?.[0]).toMatch(/1 firm\(s\).*no founding year/);
  });

  it('creation rate = births per 100 firms active at the start of the year', () => {
    // 1988: no active firm → null; 1989: 1/2 → 50; 1990: 1/3 → 33.3.
    const rows = records(creationRate(small(), { region: 'UKH12' }));
    expect(rows.map((r) => r.creationRate).slice(0, 2)).toEqual([null, 50]);
    expect(rows[2].creationRate).toBeCloseTo(100 / 3, 12);
    const report = evolution(small(), { region: 'UKH12' });
    // mean over the years with a rate: (50 + 33.33) / 2 = 41.67
    expect(indicatorValue(report, 'evolution.creationRate').value).toBeCloseTo(125 / 3, 12);
    expect(indicatorValue(report, 'evolution.births').value).toBe(4);
    expect(indicatorValue(report, 'evolution.exits').value).toBe(1);
  });

  it('3 births in 1990 out of 12 active firms = 25 per 100', () => {
    const orgs = [
      ...Array.from({ length: 12 }, (_, i) => firm(`old${i}`, 1980)),
      firm('n1', 1990),
      firm('n2', 1990),
      firm('n3', 1990),
    ];
    const rows = records(creationRate(dataset({ organisations: orgs }), { years: [1990, 1990] }));
    expect(rows).toEqual([{ year: 1990, births: 3, activeAtStart: 12, creationRate: 25 }]);
  });

  it('the selection years cut the axis, and the axis stops at the latest year in the data', () => {
    // years 1989–2050: the data end in 1990, so the axis is 1989–1990 and x (outside) counts too.
    const rows = records(birthsAndExits(small(), { years: [1989, 2050] }));
    expect(rows.map((r) => [r.year, r.births])).toEqual([
      [1989, 2],
      [1990, 1],
    ]);
  });

  it('latestDataYear looks at every dated table', () => {
    const ds = dataset({
      organisations: [firm('a', 1988)],
      employment: [{ organisation: 'a', year: 1995, employees: 3 }],
      acquisitions: [{ target: 'a', acquirer: 'a', year: 1999 }],
    });
    expect(latestDataYear(ds)).toBe(1999);
    expect(latestDataYear(dataset({ organisations: [firm('a', null)] }))).toBeNaN();
  });
});

describe('employment by year', () => {
  it('sums the employment records of the selected firms and says how many report', () => {
    // a: 1990 10, 2000 20; b: 2000 5; the university's 100 and the outside firm's 7 do not count.
    const ds = dataset({
      organisations: [
        firm('a', 1985),
        firm('b', 1995),
        firm('c', 1980, 1992),
        { id: 'u', kind: 'university', founded: 1900, nuts: 'UKH12' },
        firm('x', 1980, null, { nuts: 'FRK24' }),
      ],
      employment: [
        { organisation: 'a', year: 1990, employees: 10 },
        { organisation: 'a', year: 2000, employees: 20 },
        { organisation: 'b', year: 2000, employees: 5 },
        { organisation: 'u', year: 2000, employees: 100 },
        { organisation: 'x', year: 2000, employees: 7 },
      ],
    });
    // alive in 1990: a, c (b founded 1995); in 2000: a, b (c closed 1992).
    expect(records(employmentByYear(ds, { region: 'UKH12' }))).toEqual([
      { year: 1990, employees: 10, reportingFirms: 1, firmsAlive: 2 },
      { year: 2000, employees: 25, reportingFirms: 2, firmsAlive: 2 },
    ]);
    expect(records(employmentByYear(ds, { region: 'UKH12', years: [1995, 2005] }))).toHaveLength(1);
  });

  it('is not available without employment records', () => {
    const r = employmentByYear(small());
    expect(isAvailable(r)).toBe(false);
    expect(r).toMatchObject({ notAvailable: 'the dataset has no employment records' });
    const ds = dataset({
      organisations: [firm('a', 1985), { id: 'u', kind: 'university' }],
      employment: [{ organisation: 'u', year: 1990, employees: 1 }],
    });
    expect(employmentByYear(ds)).toMatchObject({
      notAvailable: expect.stringMatching(/no employment record for a firm/),
    });
  });
});

describe('dip and resurgence', () => {
  it('findDip: first peak, the lowest point after it, growth to the last year', () => {
    // 5, 8, 6, 3, 4, 7: first fall after 8 (1991); lowest after it 3 (1993); 7 − 3 = 4 points,
    // 7/3 − 1 = +133 %.
    const dip = findDip([1990, 1991, 1992, 1993, 1994, 1995], [5, 8, 6, 3, 4, 7]);
    expect(dip).toMatchObject({
      peakYear: 1991,
      troughYear: 1993,
      lastYear: 1995,
      growthPoints: 4,
      resurgence: true,
    });
    expect(typeof dip === 'string' ? 0 : dip.growthPercent).toBeCloseTo(400 / 3, 10);
    // a plateau before the peak: 5, 5, 8, 2, 3 → peak at 8
    expect(findDip([1, 2, 3, 4, 5], [5, 5, 8, 2, 3])).toMatchObject({ peakYear: 3, troughYear: 4 });
    // still falling at the end: trough = last year, growth 0, no resurgence
    expect(findDip([1, 2, 3], [3, 2, 1])).toMatchObject({
      troughYear: 3,
      growthPoints: 0,
      resurgence: false,
    });
    expect(findDip([1, 2, 3], [1, 2, 3])).toMatch(/never falls/);
    expect(findDip([1, 2], [2, 1])).toMatch(/need at least 3/);
  });

  // 10 firms founded 1980, then births 2, 3, 1, 0, 5 in 1981–1985 (data end 1985).
  // Active at start: 1981 10, 1982 12, 1983 15, 1984 16, 1985 16.
  // Rates: 20, 25, 6.667, 0, 31.25 (1980 has no active firm and is left out).
  const dipData = () => {
    const orgs = Array.from({ length: 10 }, (_, i) => firm(`f${i}`, 1980));
    const births: [number, number][] = [
      [1981, 2],
      [1982, 3],
      [1983, 1],
      [1985, 5],
    ];
    for (const [year, count] of births)
      for (let k = 0; k < count; k++) orgs.push(firm(`b${year}-${k}`, year));
    return dataset({ organisations: orgs });
  };

  it('unsmoothed: peak 1982 (25), trough 1984 (0), growth 31.25 points', () => {
    const rows = records(dipAndResurgence(dipData(), {}, { smoothing: 'none' }));
    expect(rows).toEqual([
      {
        peakYear: 1982,
        peakRate: 25,
        troughYear: 1984,
        troughRate: 0,
        lastYear: 1985,
        lastRate: 31.25,
        growthPoints: 31.25,
        growthPercent: null,
        resurgence: true,
      },
    ]);
  });

  it('centred 3-year moving average (the default)', () => {
    // Smoothed (neighbours only when used): 1981 (20+25)/2 = 22.5; 1982 (20+25+6.667)/3 = 17.22;
    // 1983 (25+6.667+0)/3 = 95/9 = 10.556; 1984 (6.667+0+31.25)/3 = 12.64; 1985 (0+31.25)/2 = 15.625.
    // First peak 1981, trough 1983, growth 15.625 − 95/9 = 5.069 points = +48.03 %.
    const [row] = records(dipAndResurgence(dipData()));
    expect(row.peakYear).toBe(1981);
    expect(row.peakRate).toBeCloseTo(22.5, 12);
    expect(row.troughYear).toBe(1983);
    expect(row.troughRate).toBeCloseTo(95 / 9, 12);
    expect(row.growthPoints).toBeCloseTo(15.625 - 95 / 9, 12);
    expect(row.growthPercent).toBeCloseTo((15.625 / (95 / 9) - 1) * 100, 10);
    const report = evolution(dipData());
    expect(indicatorValue(report, 'evolution.troughYear').value).toBe(1983);
    expect(indicatorValue(report, 'evolution.growthSinceTrough').value).toBeCloseTo(15.625 - 95 / 9, 12);
  });

  it('is not available when too few years have enough active firms, or the rate never falls', () => {
    const few = dipAndResurgence(dipData(), {}, { minActiveFirms: 20 });
    expect(few).toMatchObject({ notAvailable: expect.stringMatching(/only 0 year\(s\)/) });
    const indicators = evolution(dipData(), {}, { minActiveFirms: 20 }).indicators;
    expect(indicators.find((i) => i.name === 'evolution.troughYear')).toMatchObject({ value: null });
    // 4 firms in 1980, then 1, 2, 4 births in 1981–1983: active 4, 5, 7 → rates 25, 40, 57.1,
    // rising all along (minActiveFirms 1, no smoothing).
    const rising = dataset({
      organisations: [
        ...Array.from({ length: 4 }, (_, i) => firm(`o${i}`, 1980)),
        firm('r1', 1981),
        firm('r2', 1982),
        firm('r3', 1982),
        ...Array.from({ length: 4 }, (_, i) => firm(`s${i}`, 1983)),
      ],
    });
    expect(dipAndResurgence(rising, {}, { smoothing: 'none', minActiveFirms: 1 })).toMatchObject({
      notAvailable: expect.stringMatching(/never falls/),
    });
  });

  it('checks its options', () => {
    expect(() => dipAndResurgence(dipData(), {}, { minActiveFirms: 0 })).toThrow(UsageError);
    expect(() => dipAndResurgence(dipData(), {}, { smoothing: 'loess' as 'none' })).toThrow(
      /invalid smoothing/,
    );
  });
});

describe('Kaplan–Meier', () => {
  it('product-limit estimate with ties and censoring (doc example)', () => {
    // times 2, 3, 3, 5; events 1, 1, 0, 1. t=2: 4 at risk, 1 exit → 3/4. t=3: 3 at risk, 1 exit
    // (the censoring at 3 is still at risk) → 3/4 · 2/3 = 1/2. t=5: 1 at risk, 1 exit → 0.
    const c = kaplanMeier([2, 3, 3, 5], [1, 1, 0, 1]);
    expect(c.times).toEqual([2, 3, 5]);
    expect(c.atRisk).toEqual([4, 3, 1]);
    expect(c.events).toEqual([1, 1, 1]);
    expect(c.censored).toEqual([0, 1, 0]);
    expect(c.survival).toEqual([0.75, 0.5, 0]);
    expect(survivalAt(c, 1)).toBe(1);
    expect(survivalAt(c, 4)).toBe(0.5);
    expect(survivalAt(c, 9)).toBe(0); // the curve fell to 0
    expect(medianSurvival(c)).toBe(3);
    expect(atRiskAt(c, 3)).toBe(3);
    expect(atRiskAt(c, 6)).toBe(0);
  });

  it('is undefined beyond the last censored time', () => {
    const c = kaplanMeier([2, 4], [1, 0]);
    expect(survivalAt(c, 4)).toBe(0.5);
    expect(survivalAt(c, 5)).toBeNull();
    expect(medianSurvival(c)).toBe(2);
    expect(medianSurvival(kaplanMeier([3], [0]))).toBeNull();
    expect(survivalAt(kaplanMeier([], []), 1)).toBeNull();
  });
});

describe('survival by origin', () => {
  // L large firm 1960 (de novo). Spin-offs: s1 1980–1983 and s2 1985 of the university; s3
  // 1990–2000 of L (corporate); s4 1995 of s2 (SME); s5 1990–1991 of the research institute; s7 1996
  // of the science park (other); s6 1998 de novo. The data end in 2000 (s3's closure).
  const cohorts = () =>
    dataset({
      organisations: [
        { id: 'u', kind: 'university', founded: 1900 },
        { id: 'r', kind: 'research-institute', founded: 1950 },
        { id: 'sp', kind: 'science-park', founded: 1990 },
        firm('L', 1960, null, { kind: 'large-firm' }),
        firm('s1', 1980, 1983),
        firm('s2', 1985),
        firm('s3', 1990, 2000),
        firm('s4', 1995),
        firm('s5', 1990, 1991),
        firm('s6', 1998),
        firm('s7', 1996),
      ],
      spinoffs: [
        { child: 's1', parent: 'u' },
        { child: 's2', parent: 'u' },
        { child: 's3', parent: 'L' },
        { child: 's4', parent: 's2' },
        { child: 's5', parent: 'r' },
        { child: 's7', parent: 'sp' },
      ],
    });

  it('classifies origins by the parent kind', () => {
    const ds = cohorts();
    const codes = originCodes(ds);
    const of = (id: string) => ORIGINS[codes[ds.organisations.id.indexOf(id)]];
    expect(['L', 's1', 's3', 's4', 's5', 's6', 's7'].map(of)).toEqual([
      'de-novo',
      'university-spinoff',
      'corporate-spinoff',
      'sme-spinoff',
      'research-spinoff',
      'de-novo',
      'other-spinoff',
    ]);
  });

  it('survival at 1, 3, 5, 10 years, numbers at risk and medians', () => {
    const byOrigin = Object.fromEntries(records(survivalByOrigin(cohorts())).map((r) => [r.origin, r]));
    // University: times 3 (exit), 15 (censored) → S(3) = 1/2 from then on; median 3.
    expect(byOrigin['university-spinoff']).toMatchObject({
      firms: 2,
      exits: 1,
      survival1y: 1,
      atRisk1y: 2,
      survival3y: 0.5,
      atRisk3y: 2,
      survival5y: 0.5,
      atRisk5y: 1,
      survival10y: 0.5,
      medianSurvival: 3,
    });
    // Corporate: 10 (exit) → S(10) = 0, median 10.
    expect(byOrigin['corporate-spinoff']).toMatchObject({
      survival5y: 1,
      survival10y: 0,
      atRisk10y: 1,
      medianSurvival: 10,
    });
    // SME: 5 (censored) → followed for 5 years only: S(10) not known.
    expect(byOrigin['sme-spinoff']).toMatchObject({
      survival5y: 1,
      survival10y: null,
      atRisk10y: 0,
      medianSurvival: null,
    });
    // Research: 1 (exit) → 0 from year 1.
    expect(byOrigin['research-spinoff']).toMatchObject({ survival1y: 0, survival10y: 0, medianSurvival: 1 });
    // Other: 4 (censored) → S(5) not known.
    expect(byOrigin['other-spinoff']).toMatchObject({ survival3y: 1, survival5y: null });
    // De novo: 40 and 2, both censored.
    expect(byOrigin['de-novo']).toMatchObject({ firms: 2, exits: 0, survival10y: 1, atRisk3y: 1 });
    // All 8: times 1e 2c 3e 4c 5c 10e 15c 40c. S(1) = 7/8; t=3: 6 at risk → 7/8 · 5/6 = 35/48;
    // t=10: 3 at risk → 35/48 · 2/3 = 35/72 < 0.5 → median 10.
    const all = byOrigin.all;
    expect(all).toMatchObject({
      firms: 8,
      exits: 3,
      censored: 5,
      atRisk1y: 8,
      atRisk3y: 6,
      atRisk5y: 4,
      atRisk10y: 3,
    });
    expect(all.survival1y).toBeCloseTo(7 / 8, 12);
    expect(all.survival5y).toBeCloseTo(35 / 48, 12);
    expect(all.survival10y).toBeCloseTo(35 / 72, 12);
    expect(all.medianSurvival).toBe(10);

    const report = evolution(cohorts());
    expect(indicatorValue(report, 'evolution.survival5y.university-spinoff').value).toBe(0.5);
    expect(indicatorValue(report, 'evolution.survival5y.research-spinoff').value).toBe(0);
    expect(indicatorValue(report, 'evolution.survival5y.other-spinoff')).toMatchObject({ value: null });
    expect(indicatorValue(report, 'evolution.survival5y.all').value).toBeCloseTo(35 / 48, 12);
    expect(indicatorValue(report, 'evolution.medianSurvival').value).toBe(10);
  });

  it('censors at the selection end and keeps only the cohorts founded in the selected years', () => {
    // years 1985–1995: cohorts s2 (1985), s3, s5 (1990), s4 (1995); end 1995.
    // s3 closes in 2000, after the end → censored at 5. s5 exits at 1.
    const rows = records(survivalCurves(cohorts(), { years: [1985, 1995] })).filter(
      (r) => r.origin === 'all',
    );
    expect(rows.map((r) => [r.time, r.atRisk, r.exits, r.censored])).toEqual([
      [0, 4, 0, 1],
      [1, 3, 1, 0],
      [5, 2, 0, 1],
      [10, 1, 0, 1],
    ]);
  });
});

describe('not available', () => {
  it('an empty region', () => {
    const report = evolution(small(), { region: 'DE212' });
    expect(report.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(report.tables[0]).toMatchObject({ notAvailable: 'region DE212 has no organisations' });
    expect(report.indicators.every((i) => i.value === null && i.notAvailable)).toBe(true);
  });

  it('a region without firms', () => {
    const ds = dataset({
      organisations: [
        { id: 'u', kind: 'university', founded: 1900, nuts: 'UKH12' },
        firm('x', 1990, null, { nuts: 'FRK24' }),
      ],
    });
    expect(birthsAndExits(ds, { region: 'UKH12' })).toMatchObject({
      notAvailable: expect.stringMatching(/has no firms/),
    });
  });

  it('firms without founding years', () => {
    const ds = dataset({ organisations: [firm('a', null), firm('b', null)] });
    for (const t of evolution(ds).tables.filter((t) => t.measure !== 'evolution.employment')) {
      expect(t).toMatchObject({ notAvailable: 'no firm of the dataset has a founding year' });
    }
  });

  it('a year selection after the data', () => {
    expect(creationRate(small(), { years: [2001, 2005] })).toMatchObject({
      notAvailable: expect.stringMatching(/do not overlap/),
    });
  });

  it('no firm active at the start of any year', () => {
    const ds = dataset({ organisations: [firm('a', 1990), firm('b', 1990)] });
    expect(creationRate(ds)).toMatchObject({ notAvailable: expect.stringMatching(/no firm .* is active/) });
    expect(evolution(ds).indicators.find((i) => i.name === 'evolution.creationRate')).toMatchObject({
      value: null,
    });
  });

  it('an unknown region or bad years are usage errors', () => {
    expect(() => evolution(small(), { region: 'nowhere' })).toThrow(UsageError);
    expect(() => evolution(small(), { years: [2000, 1990] })).toThrow(UsageError);
  });
});

describe('Fenland example', () => {
  let store: Store;
  let fenland: Dataset;
  beforeAll(async () => {
    store = await openStore(':memory:');
    await importSource(store, 'package', EXAMPLE, readPackage);
    fenland = await loadDataset(store);
  });
  afterAll(() => store.close());

  it('gives the values worked out from the CSVs', () => {
    const report = evolution(fenland, { region: 'fenland' });
    // 11 firms in the region (lf-acorn 1969 … sme-quanta 2004); exits sme-sinclair 1998 and
    // sme-delta 2009; the data end in 2010 (acquisition of sme-cellgen).
    expect(indicatorValue(report, 'evolution.births').value).toBe(11);
    expect(indicatorValue(report, 'evolution.exits').value).toBe(2);
    const rates = Object.fromEntries(records(report.tables[1]).map((r) => [r.year, r]));
    // 1986: sme-vision born; active at start: lf-acorn, sme-prism, sme-sinclair → 33.3.
    expect(rates[1986]).toMatchObject({ births: 1, activeAtStart: 3 });
    expect(rates[1986].creationRate).toBeCloseTo(100 / 3, 12);
    // 1999: sme-lumen born; sme-sinclair closed in 1998, so 7 active → 14.3.
    expect(rates[1999]).toMatchObject({ births: 1, activeAtStart: 7 });
    expect(rates[2010]).toMatchObject({ births: 0, activeAtStart: 9 });
    // Employment 2005: prism 55 + cellgen 85 + arcus 30 + acorn 900 = 1070, 4 firms report.
    const employment = Object.fromEntries(records(report.tables[2]).map((r) => [r.year, r]));
    expect(employment[2005]).toMatchObject({ employees: 1070, reportingFirms: 4 });
    // Smoothed rates over years with ≥ 5 active firms (1993 on): 1996 (20 + 16.67 + 14.29)/3 =
    // 16.98 is the first peak; the rate is 0 from 2005 on, so the trough is 2006 and growth 0.
    const [dip] = records(report.tables[3]);
    expect(dip).toMatchObject({ peakYear: 1996, troughYear: 2006, growthPoints: 0, resurgence: false });
    expect(dip.peakRate).toBeCloseTo((20 + 100 / 6 + 100 / 7) / 3, 12);
    // Survival: research spin-offs sme-cellgen (18, censored) and sme-delta (13, exit) → median 13;
    // all 11 firms: exits at 13 (8 at risk) and 17 (5 at risk) → S = 7/8 · 4/5 = 0.7.
    const survival = Object.fromEntries(records(report.tables[4]).map((r) => [r.origin, r]));
    expect(survival['research-spinoff']).toMatchObject({ firms: 2, medianSurvival: 13, survival10y: 1 });
    expect(survival['corporate-spinoff']).toMatchObject({ firms: 1, medianSurvival: 17 });
    expect(survival['de-novo']).toMatchObject({ firms: 3 });
    expect(survival.all).toMatchObject({ firms: 11, exits: 2, atRisk10y: 9 });
    const curve = records(report.tables[5]).filter((r) => r.origin === 'all');
    expect(curve.at(-1)?.survival).toBeCloseTo(0.7, 12);
  });
});
