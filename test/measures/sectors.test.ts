import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import type { RawTable, RawTables, Value } from '../../src/dataset/raw.ts';
import { UsageError } from '../../src/errors.ts';
import { readPackage } from '../../src/io/package.ts';
import {
  type FamilyReport,
  isAvailable,
  type MeasureResult,
  type MeasureTable,
} from '../../src/measures/common.ts';
import {
  krugmanIndex,
  locationQuotients,
  SECTION_LETTERS,
  sectoralChange,
  sectoralVariety,
  sectorShares,
  sectors,
} from '../../src/measures/sectors.ts';
import { rng } from '../../src/measures/stats.ts';
import { nestedVariety } from '../../src/measures/variety.ts';
import { NACE_SECTIONS } from '../../src/model/nace.ts';
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

let serial = 0;
function firm(sector: string | null, extra: Row = {}): Row {
  return { id: `f${serial++}`, kind: 'sme', sector, founded: 1990, nuts: 'UKH12', ...extra };
}

function available(r: MeasureResult): MeasureTable {
  if (!isAvailable(r)) throw new Error(`${r.measure} not available: ${r.notAvailable}`);
  return r;
}

function records(r: MeasureResult): Record<string, unknown>[] {
  const t = available(r);
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i]])));
}

function value(report: FamilyReport, name: string): number | null {
  const found = report.indicators.find((i) => i.name === name);
  if (!found) throw new Error(`no indicator ${name}`);
  return found.value;
}

function tableOf(report: FamilyReport, measure: string): MeasureResult {
  const found = report.tables.find((t) => t.measure === measure);
  if (!found) throw new Error(`no table ${measure}`);
  return found;
}

const weights = (entries: Record<number, number>) => {
  const w = new Float64Array(100);
  for (const [d, x] of Object.entries(entries)) w[Number(d)] = x;
  return w;
};

describe('entropy, related and unrelated variety, Herfindahl', () => {
  it('worked example: 62: 2, 63: 1 (section J), 26: 1 (section C)', () => {
    // p = ½, ¼, ¼ → H = ½·1 + ¼·2 + ¼·2 = 1.5 bits.
    // Sections: J ¾, C ¼ → UV = −(¾ log2 ¾ + ¼ log2 ¼) = 0.311278 + 0.5 = 0.811278.
    // Within J: ⅔, ⅓ → H_J = 0.918296; within C: 0 → RV = ¾ · 0.918296 = 0.688722.
    // HHI = ¼ + 1/16 + 1/16 = 0.375.
    const v = sectoralVariety(weights({ 62: 2, 63: 1, 26: 1 }))!;
    expect(v.entropy).toBeCloseTo(1.5, 12);
    expect(v.unrelatedVariety).toBeCloseTo(0.811278124459133, 12);
    expect(v.relatedVariety).toBeCloseTo(0.75 * 0.9182958340544896, 12);
    expect(v.unrelatedVariety + v.relatedVariety).toBeCloseTo(v.entropy, 14);
    expect(v.herfindahl).toBeCloseTo(0.375, 14);
    expect(v.divisions).toBe(3);
    expect(v.sections).toBe(2);
    expect(v.withinEntropy[SECTION_LETTERS.indexOf('C')]).toBe(0);
  });

  it('second example: four divisions in two sections, all equal', () => {
    // 26, 27 (C) and 62, 63 (J), ¼ each: H = 2, UV = 1 (two halves), RV = ½·1 + ½·1 = 1, HHI ¼.
    const v = sectoralVariety(weights({ 26: 5, 27: 5, 62: 5, 63: 5 }))!;
    expect([v.entropy, v.unrelatedVariety, v.relatedVariety, v.herfindahl]).toEqual([2, 1, 1, 0.25]);
  });

  it('H = UV + RV on random data', () => {
    const random = rng(20070501);
    const valid: number[] = [];
    for (const [lo, hi] of Object.values(NACE_SECTIONS)) for (let d = lo; d <= hi; d++) valid.push(d);
    const missing = new Set([4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89]);
    const divisions = valid.filter((d) => !missing.has(d));
    for (let trial = 0; trial < 500; trial++) {
      const w = new Float64Array(100);
      const k = 1 + Math.floor(random() * 25);
      for (let j = 0; j < k; j++) {
        const d = divisions[Math.floor(random() * divisions.length)];
        w[d] += trial % 2 === 0 ? 1 + Math.floor(random() * 50) : random() * 1000 + 1e-3;
      }
      const v = sectoralVariety(w)!;
      expect(Math.abs(v.entropy - (v.unrelatedVariety + v.relatedVariety))).toBeLessThan(1e-12);
      expect(v.relatedVariety).toBeGreaterThanOrEqual(-1e-15);
      expect(v.unrelatedVariety).toBeLessThanOrEqual(v.entropy + 1e-12);
      expect(v.entropy).toBeLessThanOrEqual(Math.log2(v.divisions) + 1e-12);
      expect(v.herfindahl).toBeGreaterThanOrEqual(1 / v.divisions - 1e-12);
      expect(v.herfindahl).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it('null for no weight; an error for a division that does not exist', () => {
    expect(sectoralVariety(new Float64Array(100))).toBeNull();
    expect(() => sectoralVariety(weights({ 34: 1 }))).toThrow(UsageError);
  });

  it('the family reads sectors with parseNace and reports the same values', () => {
    // 62.01 and J62.02 are division 62, 63 and 26.1 as written; the university (85.42) is no firm.
    const ds = dataset({
      organisations: [
        firm('62.01'),
        firm('J62.02'),
        firm('63'),
        firm('26.1'),
        { id: 'uni', kind: 'university', sector: '85.42', nuts: 'UKH12' },
      ],
    });
    const report = sectors(ds);
    expect(value(report, 'sectors.entropy')).toBeCloseTo(1.5, 12);
    expect(value(report, 'sectors.unrelatedVariety')).toBeCloseTo(0.811278124459133, 12);
    expect(value(report, 'sectors.relatedVariety')).toBeCloseTo(0.688721875540867, 12);
    expect(value(report, 'sectors.herfindahl')).toBeCloseTo(0.375, 14);
    expect(value(report, 'sectors.divisions')).toBe(3);
    expect(records(tableOf(report, 'sectors.divisionShares'))).toEqual([
      { division: 62, section: 'J', firms: 2, employees: null, share: 0.5 },
      { division: 26, section: 'C', firms: 1, employees: null, share: 0.25 },
      { division: 63, section: 'J', firms: 1, employees: null, share: 0.25 },
    ]);
    const sections = records(tableOf(report, 'sectors.sectionShares'));
    expect(sections.map((s) => [s.section, s.firms, s.divisions, s.share])).toEqual([
      ['J', 3, 2, 0.75],
      ['C', 1, 1, 0.25],
    ]);
    expect(sections[0].withinEntropy).toBeCloseTo(0.9182958340544896, 12);
  });
});

describe('location quotients and the Krugman index', () => {
  it('krugmanIndex', () => {
    // region ½, ½; reference ¼, ¾ → ¼ + ¼ = 0.5; no division in common → 2.
    expect(krugmanIndex(weights({ 62: 2, 26: 2 }), weights({ 62: 1, 26: 3 }))).toBeCloseTo(0.5, 14);
    expect(krugmanIndex(weights({ 62: 1 }), weights({ 26: 1 }))).toBe(2);
    expect(krugmanIndex(weights({}), weights({ 26: 1 }))).toBeNull();
  });

  // UKH12: 62 ×3, 26 ×1, 72 ×1. FRK24: 62 ×4, 26 ×4.
  const twoRegions = () =>
    dataset({
      organisations: [
        ...['62.01', '62.01', '62.02', '26.51', '72.11'].map((s) => firm(s)),
        ...['62.01', '62.01', '62.01', '62.01', '26.11', '26.11', '26.11', '26.11'].map((s) =>
          firm(s, { nuts: 'FRK24' }),
        ),
      ],
    });

  it('against reference regions, with the division the reference lacks not available', () => {
    // Region shares 0.6, 0.2, 0.2; reference 0.5, 0.5, 0.
    // LQ_62 = 0.6 / 0.5 = 1.2; LQ_26 = 0.2 / 0.5 = 0.4; LQ_72: reference has none.
    // K = |0.6 − 0.5| + |0.2 − 0.5| + |0.2 − 0| = 0.6.
    const options = { referenceRegions: ['FRK24'] };
    const rows = records(locationQuotients(twoRegions(), { region: 'UKH12' }, options));
    expect(rows.map((r) => r.division)).toEqual([26, 62, 72]);
    expect(rows[0].lq).toBeCloseTo(0.4, 14);
    expect(rows[1].lq).toBeCloseTo(1.2, 14);
    expect(rows[2]).toMatchObject({
      lq: null,
      referenceShare: 0,
      note: expect.stringMatching(/has no firm in division 72/),
    });
    const report = sectors(twoRegions(), { region: 'UKH12' }, options);
    expect(value(report, 'sectors.krugman')).toBeCloseTo(0.6, 14);
  });

  it('against the whole dataset by default', () => {
    // Whole dataset: 62 ×7, 26 ×5, 72 ×1 of 13.
    // LQ_62 = 0.6 / (7/13) = 1.1143; LQ_26 = 0.2 / (5/13) = 0.52; LQ_72 = 0.2 / (1/13) = 2.6.
    // K = (0.8 + 2.4 + 1.6) / 13 = 4.8 / 13.
    const rows = records(locationQuotients(twoRegions(), { region: 'UKH12' }));
    expect(rows.map((r) => r.lq as number)).toEqual([
      expect.closeTo(0.52, 12),
      expect.closeTo(7.8 / 7, 12),
      expect.closeTo(2.6, 12),
    ]);
    const report = sectors(twoRegions(), { region: 'UKH12' });
    expect(value(report, 'sectors.krugman')).toBeCloseTo(4.8 / 13, 14);
    expect(available(tableOf(report, 'sectors.krugman')).notes?.join(' ')).toMatch(
      /contains 5 firm\(s\) of the region/,
    );
  });

  it('not available without a region to compare, or with an empty reference', () => {
    const report = sectors(twoRegions());
    expect(tableOf(report, 'sectors.locationQuotients')).toMatchObject({
      notAvailable: expect.stringMatching(/compared with itself/),
    });
    expect(report.indicators.find((i) => i.name === 'sectors.krugman')).toMatchObject({ value: null });
    const empty = locationQuotients(twoRegions(), { region: 'UKH12' }, { referenceRegions: ['DE212'] });
    expect(empty).toMatchObject({
      notAvailable: expect.stringMatching(/reference regions DE212 has no firm/),
    });
    // the whole dataset against one region is allowed
    const rows = records(locationQuotients(twoRegions(), {}, { referenceRegions: ['FRK24'] }));
    expect(rows.find((r) => r.division === 62)?.lq).toBeCloseTo(7 / 13 / 0.5, 12);
  });
});

describe('who counts', () => {
  it('firms without a usable sector are counted in a note', () => {
    const ds = dataset({ organisations: [firm('62.01'), firm('26.11'), firm(null), firm('zz'), firm('J')] });
    const report = sectors(ds);
    expect(value(report, 'sectors.entropy')).toBe(1);
    const notes = available(tableOf(report, 'sectors.variety')).notes!.join(' | ');
    expect(notes).toMatch(/the 5 firms of the dataset active in 1990/);
    expect(notes).toMatch(/1 firm\(s\) without sector, 1 with an unreadable code, 1 coded by section only/);
  });

  it('the snapshot holds the firms active in its year', () => {
    // data end 2000; the 26 firm closed in 1995 is gone, the 72 firm founded 1999 is in.
    const ds = dataset({
      organisations: [
        firm('62.01'),
        firm('26.11', { closed: 1995 }),
        firm('72.11', { founded: 1999 }),
        firm('63', { founded: 2000 }),
      ],
    });
    expect(records(tableOf(sectors(ds), 'sectors.divisionShares')).map((r) => r.division)).toEqual([
      62, 63, 72,
    ]);
    // at the end of 1996 only 62 is there
    expect(value(sectors(ds, { years: [1980, 1996] }), 'sectors.entropy')).toBe(0);
  });

  it('weights by employment when every firm reports, else by firm counts', () => {
    // a (62): 1990 10, 1995 30; b (26): 1995 10. Data end 1995 → latest records 30 and 10:
    // shares ¾, ¼ → H = 0.811278, HHI = 0.625.
    const ds = dataset({
      organisations: [
        { id: 'a', kind: 'sme', sector: '62.01', founded: 1980 },
        { id: 'b', kind: 'sme', sector: '26.11', founded: 1985 },
      ],
      employment: [
        { organisation: 'a', year: 1990, employees: 10 },
        { organisation: 'a', year: 1995, employees: 30 },
        { organisation: 'b', year: 1995, employees: 10 },
      ],
    });
    const report = sectors(ds);
    expect(value(report, 'sectors.entropy')).toBeCloseTo(0.811278124459133, 12);
    expect(value(report, 'sectors.herfindahl')).toBeCloseTo(0.625, 14);
    expect(records(tableOf(report, 'sectors.divisionShares'))[0]).toEqual({
      division: 62,
      section: 'J',
      firms: 1,
      employees: 30,
      share: 0.75,
    });
    // Up to 1992 b has no record → firm counts, H = 1.
    const early = sectors(ds, { years: [1980, 1992] });
    expect(value(early, 'sectors.entropy')).toBe(1);
    expect(available(tableOf(early, 'sectors.variety')).notes!.join(' ')).toMatch(
      /firm counts: 1 of 2 firms have no employment record up to 1992/,
    );
    // Forcing employment leaves b out: only 62 → H = 0.
    const forced = sectors(ds, { years: [1980, 1992] }, { weight: 'employment' });
    expect(value(forced, 'sectors.entropy')).toBe(0);
    expect(value(sectors(ds, {}, { weight: 'firms' }), 'sectors.entropy')).toBe(1);
    expect(sectorShares(ds)[1].measure).toBe('sectors.sectionShares');
  });
});

describe('change over time', () => {
  // f1 62 1990, f2 62 1992, f3 62 1995, f4 26 1997–2002, f5 62 2000, f6 62 2001; the data end
  // in 2003 (an employment record).
  const history = () =>
    dataset({
      organisations: [
        { id: 'f1', kind: 'sme', sector: '62.01', founded: 1990 },
        { id: 'f2', kind: 'sme', sector: '62.01', founded: 1992 },
        { id: 'f3', kind: 'sme', sector: '62.01', founded: 1995 },
        { id: 'f4', kind: 'sme', sector: '26.11', founded: 1997, closed: 2002 },
        { id: 'f5', kind: 'sme', sector: '62.01', founded: 2000 },
        { id: 'f6', kind: 'sme', sector: '62.01', founded: 2001 },
      ],
      employment: [{ organisation: 'f1', year: 2003, employees: 4 }],
    });

  it('by founding window: diversifying, then specialising', () => {
    // 1990–1994: 62, 62 → H 0. 1995–1999: 62, 26 → H 1, diversifying. 2000–2003: 62, 62 → H 0,
    // specialising.
    const [founding] = sectoralChange(history());
    expect(records(founding).map((r) => [r.window, r.firms, r.entropy, r.verdict])).toEqual([
      ['1990–1994', 2, 0, null],
      ['1995–1999', 2, 1, 'diversifying'],
      ['2000–2003', 2, 0, 'specialising'],
    ]);
    // 10-year windows: 1990–1999 62 ×3, 26 → H(¾, ¼) = 0.811; 2000–2003 → 0.
    const [decades] = sectoralChange(history(), {}, { window: 10 });
    const rows = records(decades);
    expect(rows[0].entropy).toBeCloseTo(0.811278124459133, 12);
    expect(rows[1]).toMatchObject({ window: '2000–2003', entropy: 0, verdict: 'specialising' });
  });

  it('by active year', () => {
    // 1997: 62 ×3 + 26 → 0.811, diversifying. 2000: 62 ×4 + 26 → H(0.8, 0.2) = 0.722,
    // specialising. 2001: 62 ×5 + 26 → H(5/6, 1/6) = 0.650. 2002: f4 closes in 2002 but is still
    // active that year → unchanged. 2003: 62 ×5 → 0, specialising.
    const [, active] = sectoralChange(history());
    const byYear = Object.fromEntries(records(active).map((r) => [r.year, r]));
    expect(Object.keys(byYear)).toHaveLength(14);
    expect(byYear[1996]).toMatchObject({ firms: 3, entropy: 0, verdict: 'unchanged' });
    expect(byYear[1997]).toMatchObject({ firms: 4, verdict: 'diversifying' });
    expect(byYear[1997].entropy).toBeCloseTo(0.811278124459133, 12);
    expect(byYear[2000].entropy).toBeCloseTo(0.7219280948873623, 12);
    expect(byYear[2000].verdict).toBe('specialising');
    expect(byYear[2001].entropy).toBeCloseTo(0.6500224216483541, 12);
    expect(byYear[2002]).toMatchObject({ firms: 6, verdict: 'unchanged' });
    expect(byYear[2003]).toMatchObject({ firms: 5, entropy: 0, verdict: 'specialising' });
  });

  it('not available without founding years', () => {
    const ds = dataset({ organisations: [firm('62.01', { founded: null }), firm(null, { founded: null })] });
    for (const t of sectoralChange(ds))
      expect(t).toMatchObject({
        notAvailable: expect.stringMatching(/both a NACE division and a founding year/),
      });
    // the snapshot still works: the firm with no founding year counts as present
    const report = sectors(ds);
    expect(value(report, 'sectors.entropy')).toBe(0);
    const variety = available(tableOf(report, 'sectors.variety'));
    expect(variety.rows[0][0]).toBeNull();
    expect(variety.notes?.join(' | ')).toMatch(
      /active at any date \(the data hold no years\) \| shares weighted by firm counts: 1 of 1 firms have no employment record \|/,
    );
  });
});

describe('not available', () => {
  const ds = () =>
    dataset({
      organisations: [firm('62.01'), { id: 'u', kind: 'university', sector: '85.42', nuts: 'FRK24' }],
    });

  it('an empty region', () => {
    const report = sectors(ds(), { region: 'DE212' });
    expect(report.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(report.tables[0]).toMatchObject({ notAvailable: 'region DE212 has no organisations' });
    expect(report.indicators.every((i) => i.value === null && i.notAvailable)).toBe(true);
  });

  it('a region without firms', () => {
    expect(tableOf(sectors(ds(), { region: 'FRK24' }), 'sectors.variety')).toMatchObject({
      notAvailable: 'region FRK24 has no firms',
    });
  });

  it('firms without any NACE division', () => {
    const noSector = dataset({ organisations: [firm(null), firm('J')] });
    expect(tableOf(sectors(noSector), 'sectors.divisionShares')).toMatchObject({
      notAvailable: expect.stringMatching(
        /none of the 2 firms .* has a NACE division \(1 without sector, 0 unreadable, 1 section only\)/,
      ),
    });
  });

  it('bad options and unknown regions are usage errors', () => {
    expect(() => sectors(ds(), {}, { window: 0 })).toThrow(/invalid window/);
    expect(() => sectors(ds(), {}, { weight: 'people' as 'auto' })).toThrow(/invalid weight/);
    expect(() => sectors(ds(), {}, { referenceRegions: [] })).toThrow(/invalid referenceRegions/);
    expect(() => sectors(ds(), { region: 'UKH12' }, { referenceRegions: ['atlantis'] })).toThrow(UsageError);
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
    // Firms of the region active in 2010 (the data end with an acquisition in 2010): sme-sinclair
    // (closed 1998) and sme-delta (closed 2009) are gone. 26: lf-acorn, sme-prism, sme-lumen,
    // sme-quanta; 62: sme-vision, sme-arcus, sme-helix; 72: lab-ibm, sme-cellgen. Three firms
    // have no employment record, so shares are firm counts: 4/9, 3/9, 2/9, one division per section.
    // Every firm has a NACE class, so entropy and variety are over classes within divisions
    // (issue 7): 26.51 ×2 (acorn, quanta), 26.70, 26.11 in 26; 62.01 ×3 in 62; 72.19, 72.11 in 72.
    // UV over the divisions (4/9, 3/9, 2/9) = h; RV = 4/9 · H(½, ¼, ¼) + 3/9 · 0 + 2/9 · H(½, ½)
    // = 4/9 · 1.5 + 2/9 · 1 = 8/9; entropy = UV + RV.
    const report = sectors(fenland, { region: 'fenland' });
    const h = -[4 / 9, 3 / 9, 2 / 9].reduce((s, p) => s + p * Math.log2(p), 0);
    expect(value(report, 'sectors.unrelatedVariety')).toBeCloseTo(h, 12);
    expect(value(report, 'sectors.unrelatedVariety')).toBeCloseTo(1.5305, 4);
    expect(value(report, 'sectors.relatedVariety')).toBeCloseTo(8 / 9, 12);
    expect(value(report, 'sectors.entropy')).toBeCloseTo(h + 8 / 9, 12);
    expect(value(report, 'sectors.herfindahl')).toBeCloseTo(29 / 81, 14);
    expect(records(tableOf(report, 'sectors.variety'))[0]).toMatchObject({
      year: 2010,
      firms: 9,
      weighting: 'firms',
      level: 'NACE classes (4-digit) within divisions (2-digit)',
    });
    expect(report.indicators.find((i) => i.name === 'sectors.relatedVariety')!.unit).toMatch(
      /classes within divisions/,
    );
    // Whole dataset adds lf-munich (26.11) and mnc-boston (26.60): 26 ×6, 62 ×3, 72 ×2 of 11.
    // LQ_26 = (4/9)/(6/11) = 22/27; K = (10 + 4 + 6)/99 = 20/99.
    const lq = records(tableOf(report, 'sectors.locationQuotients'));
    expect(lq[0]).toMatchObject({ division: 26 });
    expect(lq[0].lq).toBeCloseTo(22 / 27, 12);
    expect(value(report, 'sectors.krugman')).toBeCloseTo(20 / 99, 14);
    // Founding windows: 1990–1994 sme-cellgen alone (H 0); 1995–1999 sme-arcus 62, sme-delta 72,
    // lab-ibm 72, sme-lumen 26 → H(¼, ½, ¼) = 1.5, diversifying; 2000–2004 sme-helix 62 and
    // sme-quanta 26 → 1, specialising.
    const windows = Object.fromEntries(
      records(tableOf(report, 'sectors.changeByFounding')).map((r) => [r.window, r]),
    );
    expect(windows['1995–1999']).toMatchObject({ firms: 4, entropy: 1.5, verdict: 'diversifying' });
    expect(windows['2000–2004']).toMatchObject({ firms: 2, entropy: 1, verdict: 'specialising' });
  });
});

describe('related variety over NACE classes within divisions (issue 7)', () => {
  it('nestedVariety by hand', () => {
    // classes 62.01 (2 firms), 62.02 (1), 63.11 (1) in divisions 62 and 63: p = ½, ¼, ¼
    const v = nestedVariety([2, 1, 1], [62, 62, 63])!;
    expect(v.entropy).toBeCloseTo(1.5, 14);
    expect(v.unrelatedVariety).toBeCloseTo(-(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)), 14);
    expect(v.unrelatedVariety).toBeCloseTo(0.8113, 4);
    expect(v.relatedVariety).toBeCloseTo(
      0.75 * -((2 / 3) * Math.log2(2 / 3) + (1 / 3) * Math.log2(1 / 3)),
      14,
    );
    expect(v.relatedVariety).toBeCloseTo(0.6887, 4);
    expect(v.entropy).toBeCloseTo(v.unrelatedVariety + v.relatedVariety, 14);
    expect([v.groups, v.items]).toEqual([2, 3]);
    expect(nestedVariety([0, 0], [1, 2])).toBeNull();
  });

  it('uses classes when every firm has one, and says which level it used', () => {
    // 62.01 ×2, 62.02, 26.11: UV over divisions (¾, ¼) = 0.8113, RV = ¾ · H(⅔, ⅓) = 0.6887
    const d = dataset({ organisations: [firm('62.01'), firm('62.01'), firm('62.02'), firm('26.11')] });
    const r = sectors(d);
    expect(value(r, 'sectors.unrelatedVariety')).toBeCloseTo(0.811278124459, 11);
    expect(value(r, 'sectors.relatedVariety')).toBeCloseTo(0.688721875541, 11);
    expect(value(r, 'sectors.entropy')).toBeCloseTo(1.5, 12);
    expect(records(tableOf(r, 'sectors.variety'))[0].level).toBe(
      'NACE classes (4-digit) within divisions (2-digit)',
    );
  });

  it('falls back to divisions within sections when a firm has no class, and says why', () => {
    // 62.01, 62 (division only), 26.11: divisions 62 ×2 (section J), 26 (section C) →
    // UV = H(⅔, ⅓) = 0.9183 over sections, RV = 0 (one division per section)
    const d = dataset({ organisations: [firm('62.01'), firm('62'), firm('26.11')] });
    const r = sectors(d);
    expect(value(r, 'sectors.unrelatedVariety')).toBeCloseTo(0.918295834054, 11);
    expect(value(r, 'sectors.relatedVariety')).toBe(0);
    const t = available(tableOf(r, 'sectors.variety'));
    expect(records(t)[0].level).toBe('NACE divisions (2-digit) within sections');
    expect(t.notes!.join(' ')).toMatch(/1 of 3 firms have no 4-digit NACE class/);
  });
});
