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
import { knowledge } from '../../src/measures/knowledge.ts';
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

function row(t: MeasureTable, key: string | number, column = 0): Record<string, unknown> {
  const r = t.rows.find((x) => x[column] === key);
  if (!r) throw new Error(`no row ${key} in ${t.measure}`);
  return Object.fromEntries(t.columns.map((c, i) => [c, r[i]]));
}

function value(report: FamilyReport, name: string): number | null {
  const ind = report.indicators.find((x) => x.name === name);
  if (!ind) throw new Error(`no indicator ${name}`);
  return ind.value;
}

/**
 * The hand-made region:
 *   centres: U1 university (UKH12 Fenbridge), U2 university (FRK24), RI research institute (UKH14),
 *            SP science park (UKH12)
 *   firms:   S1, S3, S4 sme (UKH12); S2 kind `firm` with the SME flag (UKH12); S5 sme without any
 *            location; L large firm (DE212); F1 firm (UKH12, no SME flag) — 7 firms, 5 SMEs
 *   ties:    S1–U1 (stored), S2–RI (shared project P), S5–SP (stored), S3–L, L–U1
 *   lineage: U1 → S1 → S3 → S4; RI → F1 → S5
 *   moves:   U1 → S1 2000, U1 → L 2001, U1 → S5 2002, U2 → S2 1980, RI → S2 2000, (none) → S3 2000
 *   survey:  customers 5 4 3 5 (S1–S4); universities 2 4 (S1, S2); suppliers 1 (S3); competitors 4 (L)
 */
function region(): RawTables {
  return {
    organisations: table([
      { id: 'U1', kind: 'university', nuts: 'UKH12', locality: 'Fenbridge' },
      { id: 'U2', kind: 'university', nuts: 'FRK24', locality: 'Grenoble' },
      { id: 'RI', kind: 'research-institute', nuts: 'UKH14' },
      { id: 'SP', kind: 'science-park', nuts: 'UKH12' },
      { id: 'S1', kind: 'sme', nuts: 'UKH12', sme: true },
      { id: 'S2', kind: 'firm', nuts: 'UKH12', sme: true },
      { id: 'S3', kind: 'sme', nuts: 'UKH12' },
      { id: 'S4', kind: 'sme', nuts: 'UKH12' },
      { id: 'S5', kind: 'sme' },
      { id: 'L', kind: 'large-firm', nuts: 'DE212', sme: false },
      { id: 'F1', kind: 'firm', nuts: 'UKH12' },
    ]),
    ties: table([
      { source: 'S1', target: 'U1', kind: 'collaboration', start: 2000 },
      { source: 'S5', target: 'SP', kind: 'service', start: 1990, end: 1995 },
      { source: 'S3', target: 'L', kind: 'supplier' },
      { source: 'L', target: 'U1', kind: 'rd-project' },
    ]),
    projects: table([{ id: 'P', start: '2001-01-01', end: '2003-12-31' }]),
    participations: table([
      { project: 'P', organisation: 'S2' },
      { project: 'P', organisation: 'RI' },
    ]),
    spinoffs: table([
      { child: 'S1', parent: 'U1', year: 1990 },
      { child: 'S3', parent: 'S1', year: 1995 },
      { child: 'S4', parent: 'S3', year: 1999 },
      { child: 'F1', parent: 'RI', year: 1993 },
      { child: 'S5', parent: 'F1', year: 1997 },
    ]),
    moves: table([
      { person: 'a', from: 'U1', to: 'S1', year: 2000 },
      { person: 'b', from: 'U1', to: 'L', year: 2001 },
      { person: 'c', from: 'U1', to: 'S5', year: 2002 },
      { person: 'd', from: 'U2', to: 'S2', year: 1980 },
      { person: 'e', from: 'RI', to: 'S2', year: 2000 },
      { person: 'f', from: null, to: 'S3', year: 2000 },
    ]),
    innovation_sources: table([
      { organisation: 'S1', source: 'customers', importance: 5 },
      { organisation: 'S2', source: 'customers', importance: 4 },
      { organisation: 'S3', source: 'customers', importance: 3 },
      { organisation: 'S4', source: 'customers', importance: 5 },
      { organisation: 'S1', source: 'universities', importance: 2 },
      { organisation: 'S2', source: 'universities', importance: 4 },
      { organisation: 'S3', source: 'suppliers', importance: 1 },
      { organisation: 'L', source: 'competitors', importance: 4 },
    ]),
  };
}

describe('knowledge family, hand-made region', () => {
  const d = buildDataset(region());

  it('infrastructure counts and densities per 1,000 firms', () => {
    // 4 centres (U1, U2, RI, SP), 7 firms → 4/7 × 1000 = 571.43; universities 2/7 × 1000 = 285.71
    const r = knowledge(d);
    const t = tableOf(r, 'knowledge.infrastructure');
    expect(row(t, 'university')).toMatchObject({ count: 2 });
    expect(row(t, 'technology-centre')).toMatchObject({ count: 0, per1000Firms: 0 });
    expect(row(t, 'all centres').count).toBe(4);
    expect(value(r, 'knowledge.centres')).toBe(4);
    expect(value(r, 'knowledge.centresPer1000Firms')).toBeCloseTo(4000 / 7, 10);
    expect(value(r, 'knowledge.universitiesPer1000Firms')).toBeCloseTo(2000 / 7, 10);
    // inside UKH1: U1, RI, SP and firms S1 S2 S3 S4 F1 → 3/5 × 1000 = 600, universities 200
    const inside = knowledge(d, { region: 'UKH1' });
    expect(value(inside, 'knowledge.centresPer1000Firms')).toBeCloseTo(600, 10);
    expect(value(inside, 'knowledge.universitiesPer1000Firms')).toBeCloseTo(200, 10);
  });

  it('SME ties to knowledge centres, any and local (same NUTS-3)', () => {
    // SMEs: S1 S3 S4 S5 (kind sme) and S2 (SME flag) = 5. Tied to a centre: S1 (U1), S2 (RI by the
    // shared project), S5 (SP) = 3/5. Local: S1–U1 both UKH12; S2 UKH12 vs RI UKH14 is not; S5 has no
    // location (cannot be told, not local) → 1/5.
    const r = knowledge(d);
    const t = tableOf(r, 'knowledge.smeTies');
    expect(row(t, 'knowledge centre')).toMatchObject({ smes: 5, smesTied: 3, share: 0.6 });
    expect(row(t, 'local knowledge centre')).toMatchObject({ smesTied: 1, share: 0.2 });
    expect(row(t, 'university').smesTied).toBe(1);
    expect(row(t, 'research-institute').smesTied).toBe(1);
    expect(row(t, 'science-park').smesTied).toBe(1);
    expect(row(t, 'technology-centre').smesTied).toBe(0);
    expect(t.notes!.join(' ')).toMatch(/1 SME\(s\) tied only to centres whose location/);
    expect(value(r, 'knowledge.smeShareTiedToKnowledgeCentre')).toBe(0.6);
    expect(value(r, 'knowledge.smeShareTiedToLocalKnowledgeCentre')).toBe(0.2);
  });

  it('with a region, local means inside the region', () => {
    // UKH1 holds S1 S2 S3 S4 (S5 has no location): S1–U1 and S2–RI are both inside → 2/4 and 2/4
    const r = knowledge(d, { region: 'UKH1' });
    expect(value(r, 'knowledge.smeShareTiedToKnowledgeCentre')).toBe(0.5);
    expect(value(r, 'knowledge.smeShareTiedToLocalKnowledgeCentre')).toBe(0.5);
  });

  it('with years, only ties alive in them count', () => {
    // 1990–1999: S1–U1 starts 2000 and P runs 2001–2003, S5–SP (1990–1995) is alive → 1/5, local 0
    const r = knowledge(d, { years: [1990, 1999] });
    expect(value(r, 'knowledge.smeShareTiedToKnowledgeCentre')).toBe(0.2);
    expect(value(r, 'knowledge.smeShareTiedToLocalKnowledgeCentre')).toBe(0);
  });

  it('direct and indirect university spin-offs among firms', () => {
    // 7 firms; U1 → S1 (direct), S1 → S3 and S3 → S4 (indirect, 2 and 3 generations) → 1/7 and 2/7;
    // any centre: S1 and F1 direct, S3 S4 S5 indirect → 2/7 and 3/7
    const r = knowledge(d);
    const t = tableOf(r, 'knowledge.universitySpinoffs');
    expect(row(t, 'university')).toMatchObject({ firms: 7, direct: 1, indirect: 2 });
    expect(row(t, 'knowledge centre')).toMatchObject({ direct: 2, indirect: 3 });
    expect(value(r, 'knowledge.universitySpinoffShare')).toBeCloseTo(1 / 7, 12);
    expect(value(r, 'knowledge.indirectUniversitySpinoffShare')).toBeCloseTo(2 / 7, 12);
  });

  it('graduate hires per university and the share hired locally', () => {
    // U1: to S1 (same UKH12), L (DE212: elsewhere), S5 (no location: unknown) → 3 hires, share 1/2;
    // U2: to S2 (FRK24 vs UKH12: elsewhere) → 1 hire, share 0. RI is not a university; a move without
    // `from` is nobody's hire. Per university 4/2 = 2; overall local share 1/(1 + 2) = 1/3.
    const r = knowledge(d);
    const t = tableOf(r, 'knowledge.graduateHires');
    expect(row(t, 'U1')).toMatchObject({
      graduateHires: 3,
      local: 1,
      elsewhere: 1,
      unknown: 1,
      localShare: 0.5,
    });
    expect(row(t, 'U2')).toMatchObject({ graduateHires: 1, local: 0, elsewhere: 1, localShare: 0 });
    expect(t.rows.map((x) => x[0])).toEqual(['U1', 'U2']);
    expect(value(r, 'knowledge.graduateHiresPerUniversity')).toBe(2);
    expect(value(r, 'knowledge.graduateLocalShare')).toBeCloseTo(1 / 3, 12);
    // years 1999–2001: U1's hires of 2000 and 2001 only, U2 none → 2/2 = 1
    expect(value(knowledge(d, { years: [1999, 2001] }), 'knowledge.graduateHiresPerUniversity')).toBe(1);
    // region UKH1: U1 only; local = hired inside UKH1: S1 yes, L and S5 no → 3 hires, 1/3
    const inside = knowledge(d, { region: 'UKH1' });
    expect(row(tableOf(inside, 'knowledge.graduateHires'), 'U1')).toMatchObject({
      local: 1,
      elsewhere: 2,
      unknown: 0,
    });
    expect(value(inside, 'knowledge.graduateHiresPerUniversity')).toBe(3);
  });

  it('innovation sources ranked by mean importance with t intervals', () => {
    // customers 5 4 3 5: mean 4.25, s = √(2.75/3), ± 3.1824463 × s/2 = ± 1.523480 → [2.72652, 5.77348]
    // competitors 4 (one answer: no interval); universities 2 4: mean 3, s/√2 = 1 → 3 ± 12.7062047;
    // suppliers 1 (one answer)
    const r = knowledge(d);
    const t = tableOf(r, 'knowledge.innovationSources');
    expect(t.rows.map((x) => x[1])).toEqual(['customers', 'competitors', 'universities', 'suppliers']);
    const customers = row(t, 'customers', 1);
    expect(customers).toMatchObject({ rank: 1, answers: 4, meanImportance: 4.25 });
    expect(customers.lower95).toBeCloseTo(2.72652, 5);
    expect(customers.upper95).toBeCloseTo(5.77348, 5);
    expect(row(t, 'competitors', 1)).toMatchObject({ answers: 1, lower95: null, upper95: null });
    expect(row(t, 'competitors', 1).note).toMatch(/fewer than 2/);
    expect(row(t, 'universities', 1).lower95).toBeCloseTo(3 - 12.7062047, 9);
    expect(value(r, 'knowledge.universitiesSourceImportance')).toBe(3);
    // in UKH1, L (DE212) is not a respondent: competitors drops out
    const inside = tableOf(knowledge(d, { region: 'UKH1' }), 'knowledge.innovationSources');
    expect(inside.rows.map((x) => x[1])).toEqual(['customers', 'universities', 'suppliers']);
  });
});

describe('knowledge family, not available', () => {
  it('an empty region: every measure and indicator', () => {
    const r = knowledge(buildDataset(region()), { region: 'ES' });
    expect(r.tables).toHaveLength(5);
    for (const t of r.tables) expect(t).toMatchObject({ notAvailable: 'no organisations in region ES' });
    for (const ind of r.indicators) expect(ind.value).toBeNull();
  });

  it('a region without firms, SMEs or survey answers', () => {
    // FRK24 holds only U2
    const r = knowledge(buildDataset(region()), { region: 'FRK24' });
    expect(value(r, 'knowledge.centres')).toBe(1);
    expect(value(r, 'knowledge.centresPer1000Firms')).toBeNull();
    expect(row(tableOf(r, 'knowledge.infrastructure'), 'all centres').per1000Firms).toBeNull();
    expect(get(r, 'knowledge.smeTies')).toMatchObject({ notAvailable: 'no SMEs in the selection' });
    expect(get(r, 'knowledge.universitySpinoffs')).toMatchObject({
      notAvailable: 'no firms in the selection',
    });
    expect(get(r, 'knowledge.innovationSources')).toMatchObject({
      notAvailable: 'no survey answers from organisations in the selection',
    });
    // U2's one hire still counts
    expect(value(r, 'knowledge.graduateHiresPerUniversity')).toBe(1);
  });

  it('a region without universities', () => {
    const r = knowledge(buildDataset(region()), { region: 'UKH14' });
    expect(get(r, 'knowledge.graduateHires')).toMatchObject({
      notAvailable: 'no universities in the selection',
    });
  });

  it('no ties, spin-offs, moves or survey in the data', () => {
    const d = buildDataset({
      organisations: table([
        { id: 'U', kind: 'university' },
        { id: 'S', kind: 'sme' },
      ]),
    });
    const r = knowledge(d);
    expect(value(r, 'knowledge.centresPer1000Firms')).toBe(1000);
    expect(get(r, 'knowledge.smeTies')).toMatchObject({
      notAvailable: 'no ties (stored or co-participation) in the data',
    });
    expect(get(r, 'knowledge.universitySpinoffs')).toMatchObject({
      notAvailable: 'no spin-off records in the data',
    });
    expect(get(r, 'knowledge.graduateHires')).toMatchObject({ notAvailable: 'no moves in the data' });
    expect(get(r, 'knowledge.innovationSources')).toMatchObject({
      notAvailable: 'no innovation-source survey in the data',
    });
    for (const name of [
      'knowledge.smeShareTiedToKnowledgeCentre',
      'knowledge.universitySpinoffShare',
      'knowledge.graduateHiresPerUniversity',
      'knowledge.universitiesSourceImportance',
    ]) {
      const ind = r.indicators.find((x) => x.name === name)!;
      expect(ind.value).toBeNull();
      expect(ind.notAvailable).toBeTruthy();
    }
  });

  it('no SMEs: said only when the data can tell SMEs', () => {
    const d = buildDataset({
      organisations: table([
        { id: 'U', kind: 'university' },
        { id: 'L', kind: 'large-firm', sme: false },
      ]),
      ties: table([{ source: 'U', target: 'L', kind: 'collaboration' }]),
    });
    expect(get(knowledge(d), 'knowledge.smeTies')).toMatchObject({
      notAvailable: 'no SMEs in the selection',
    });
  });

  it('no SME flag and no kind sme: the flag is missing, not "no SMEs" (issue 7)', () => {
    // CORDIS files without the SME column: every firm has an unknown SME flag
    const d = buildDataset({
      organisations: table([
        { id: 'U', kind: 'university' },
        { id: 'F', kind: 'firm' },
      ]),
      ties: table([{ source: 'U', target: 'F', kind: 'collaboration' }]),
    });
    const t = get(knowledge(d), 'knowledge.smeTies');
    expect(t).toMatchObject({ notAvailable: expect.stringMatching(/no SME flag/) });
    const ind = knowledge(d).indicators.find((i) => i.name === 'knowledge.smeShareTiedToKnowledgeCentre')!;
    expect(ind.value).toBeNull();
    expect(ind.notAvailable).toMatch(/no SME flag/);
  });
});

describe('knowledge family on the Fenland example', () => {
  let store: Store;
  let dataset: Dataset;
  beforeAll(async () => {
    store = await openStore(':memory:');
    await importSource(store, 'package', EXAMPLE, readPackage);
    dataset = await loadDataset(store);
  });
  afterAll(() => store.close());

  it('matches values worked out from the CSVs', () => {
    const r = knowledge(dataset);
    // firms: lf-acorn, lab-ibm, 9 SMEs, lf-munich, mnc-boston = 13; centres: uni-fen, uni-grenoble,
    // ri-mrc, tc-fen, sp-fen = 5 → 384.6 per 1,000 firms
    expect(value(r, 'knowledge.centres')).toBe(5);
    expect(value(r, 'knowledge.centresPer1000Firms')).toBeCloseTo(5000 / 13, 10);
    // SMEs tied to a centre: prism (uni-fen), cellgen (ri-mrc), arcus (uni-grenoble), helix (uni-fen,
    // ri-mrc by fp-102), quanta (tc-fen) = 5 of 9; in their own NUTS-3: prism, cellgen, helix (quanta is
    // UKH14, tc-fen UKH12; arcus' partner is in FRK24) = 3 of 9
    expect(value(r, 'knowledge.smeShareTiedToKnowledgeCentre')).toBeCloseTo(5 / 9, 12);
    expect(value(r, 'knowledge.smeShareTiedToLocalKnowledgeCentre')).toBeCloseTo(3 / 9, 12);
    // university spin-offs: prism, vision direct; lumen (← prism), arcus (← vision) indirect
    expect(value(r, 'knowledge.universitySpinoffShare')).toBeCloseTo(2 / 13, 12);
    expect(value(r, 'knowledge.indirectUniversitySpinoffShare')).toBeCloseTo(2 / 13, 12);
    // moves from uni-fen: p1 → prism, p4 → helix, p5 → lab-ibm, all in UKH12; uni-grenoble none
    const hires = tableOf(r, 'knowledge.graduateHires');
    expect(row(hires, 'uni-fen')).toMatchObject({ graduateHires: 3, local: 3, localShare: 1 });
    expect(row(hires, 'uni-grenoble')).toMatchObject({ graduateHires: 0, localShare: null });
    expect(value(r, 'knowledge.graduateHiresPerUniversity')).toBe(1.5);
    // survey: research-institutes 5 (1 answer), customers 5 4 3 5, universities 3 4, suppliers 2
    const survey = tableOf(r, 'knowledge.innovationSources');
    expect(survey.rows.map((x) => x[1])).toEqual([
      'research-institutes',
      'customers',
      'universities',
      'suppliers',
    ]);
    expect(value(r, 'knowledge.universitiesSourceImportance')).toBe(3.5);
  });

  it('the fenland region: quanta and its technology centre are both inside', () => {
    const r = knowledge(dataset, { region: 'fenland' });
    // 11 firms (lf-munich and mnc-boston outside), 4 centres → 363.6; local ties now 4 of 9
    expect(value(r, 'knowledge.centresPer1000Firms')).toBeCloseTo(4000 / 11, 10);
    expect(value(r, 'knowledge.smeShareTiedToLocalKnowledgeCentre')).toBeCloseTo(4 / 9, 12);
    expect(value(r, 'knowledge.graduateHiresPerUniversity')).toBe(3);
  });
});
