import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import type { Value } from '../../src/dataset/raw.ts';
import { readPackage } from '../../src/io/package.ts';
import { isAvailable } from '../../src/measures/common.ts';
import {
  collectTies,
  SCOPE_UNKNOWN,
  scopeCode,
  scopeOfPair,
  selectionScope,
  ties,
} from '../../src/measures/ties.ts';
import { TIE_SCOPES } from '../../src/model/index.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';
import { dataset, rowsBy, tableOf, value } from './fixtures.ts';

const REGION = [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }];

// Region r = UKH12: a (SME) and b (large firm) inside; c (UK, UKJ11) and d (US) outside.
const SMALL = {
  regions: REGION,
  organisations: [
    { id: 'a', kind: 'sme', country: 'UK', nuts: 'UKH12' },
    { id: 'b', kind: 'large-firm', country: 'UK', nuts: 'UKH12' },
    { id: 'c', kind: 'sme', country: 'UK', nuts: 'UKJ11' },
    { id: 'd', kind: 'sme', country: 'US' },
  ],
  ties: [
    { source: 'a', target: 'b', kind: 'supplier', start: 1990, end: 2000 },
    { source: 'a', target: 'c', kind: 'collaboration', start: 2006 },
    { source: 'b', target: 'd', kind: 'licensing' },
  ],
};

describe('ties', () => {
  it('counts ties by scope and direction and computes the E-I index (worked example)', () => {
    const r = ties(dataset(SMALL), { region: 'r' });
    // a–b local, a–c national (UK, outside UKH12), b–d global (US) → one each of three
    expect(value(r, 'ties.count')).toBe(3);
    expect(value(r, 'ties.localShare')).toBeCloseTo(1 / 3, 12);
    expect(value(r, 'ties.nationalShare')).toBeCloseTo(1 / 3, 12);
    expect(value(r, 'ties.internationalShare')).toBe(0);
    expect(value(r, 'ties.globalShare')).toBeCloseTo(1 / 3, 12);
    // one supplier tie of three
    expect(value(r, 'ties.verticalShare')).toBeCloseTo(1 / 3, 12);
    // internal 1, external 2: (2 − 1)/(2 + 1)
    expect(value(r, 'ties.eiIndex')).toBeCloseTo(1 / 3, 12);
    // a: local a–b + external a–c; b: local a–b + external b–d → both firms have buzz and pipelines
    expect(value(r, 'ties.firmsWithLocalAndExternalShare')).toBe(1);
    const per = rowsBy(tableOf(r, 'ties.byOrganisation'), 'organisation');
    expect(Object.keys(per)).toEqual(['a', 'b']); // only the region's organisations
    expect(per.a).toMatchObject({ ties: 2, local: 1, national: 1, global: 0, vertical: 1, horizontal: 1 });
    expect(per.b).toMatchObject({ ties: 2, local: 1, global: 1, profile: 'buzz-and-pipelines' });
    const ei = tableOf(r, 'ties.eiIndex');
    expect(ei.rows[0]).toEqual([1, 2, 1 / 3]);
    // two firms: too few for a rank correlation
    expect(value(r, 'ties.localExternalSpearman')).toBeNull();
    const rho = r.tables.find((t) => t.measure === 'ties.localExternalCorrelation')!;
    expect(isAvailable(rho)).toBe(false);
  });

  it('adds co-participation ties (horizontal) and filters ties and projects by years', () => {
    const raw = {
      ...SMALL,
      projects: [
        { id: 'p1', start: '2001-01-01', end: '2003-12-31' },
        { id: 'p2', start: '2010-01-01', end: '2012-12-31' },
      ],
      participations: [
        { project: 'p1', organisation: 'a' },
        { project: 'p1', organisation: 'c' },
        { project: 'p2', organisation: 'a' },
        { project: 'p2', organisation: 'd' },
      ],
    };
    const d = dataset(raw);
    // all years: 3 stored ties + co-participation a–c (national) and a–d (global) = 5
    const all = ties(d, { region: 'r' });
    expect(value(all, 'ties.count')).toBe(5);
    expect(value(all, 'ties.verticalShare')).toBeCloseTo(1 / 5, 12);
    const kinds = rowsBy(tableOf(all, 'ties.kind'), 'kind');
    expect(kinds['co-participation']).toMatchObject({
      direction: 'horizontal',
      ties: 2,
      local: 0,
      nonLocal: 2,
    });
    // 2005–2008: a–b (1990–2000) is out; a–c (from 2006) and b–d (undated: both sides open) are in;
    // neither project (2001–2003, 2010–2012) overlaps → 2 ties, no co-participation
    const mid = ties(d, { region: 'r', years: [2005, 2008] });
    expect(value(mid, 'ties.count')).toBe(2);
    expect(rowsBy(tableOf(mid, 'ties.kind'), 'kind')['co-participation'].ties).toBe(0);
    // 2002: a–b is out (ended 2000), a–c not yet (2006), b–d in, project p1 in → b–d and a–c (co)
    const y2002 = collectTies(d, { years: [2002, 2002] });
    expect(y2002.count).toBe(2);
    // co-participation ties carry their project's years
    const co = collectTies(d);
    expect(co.count).toBe(5);
    expect([...co.start.slice(3)]).toEqual([2001, 2010]);
    expect([...co.end.slice(3)]).toEqual([2003, 2012]);
  });

  it("without a region, uses each organisation's own NUTS-3 area, else its locality", () => {
    const d = dataset({
      organisations: [
        { id: 'a', kind: 'sme', country: 'UK', nuts: 'UKH12', locality: 'Fenbridge' },
        { id: 'b', kind: 'sme', country: 'UK', nuts: 'UKH12' },
        { id: 'c', kind: 'sme', country: 'UK', locality: 'FENBRIDGE' },
        { id: 'e', kind: 'sme', country: 'UK', locality: 'Elsewhere' },
        { id: 'f', kind: 'sme', country: 'UK' },
        { id: 'g', kind: 'sme', country: 'DE', nuts: 'DE212' },
      ],
      ties: [
        { source: 'a', target: 'b', kind: 'collaboration' }, // same NUTS-3 → local
        { source: 'a', target: 'c', kind: 'collaboration' }, // c has no NUTS-3: same locality → local
        { source: 'a', target: 'e', kind: 'collaboration' }, // another locality, same country → national
        { source: 'a', target: 'f', kind: 'collaboration' }, // f has neither: same country → unknown
        { source: 'a', target: 'g', kind: 'customer' }, // UK–DE → international
      ],
    });
    const r = ties(d);
    expect(value(r, 'ties.count')).toBe(5);
    // shares over the 4 ties of known scope
    expect(value(r, 'ties.localShare')).toBe(0.5);
    expect(value(r, 'ties.nationalShare')).toBe(0.25);
    expect(value(r, 'ties.internationalShare')).toBe(0.25);
    const scope = rowsBy(tableOf(r, 'ties.scope'), 'scope');
    expect(scope.unknown).toMatchObject({ ties: 1, share: null });
    // internal 2, external 2 (national + international; the unknown one is neither) → 0
    expect(value(r, 'ties.eiIndex')).toBe(0);
    expect(rowsBy(tableOf(r, 'ties.byOrganisation'), 'organisation').a).toMatchObject({
      ties: 5,
      local: 2,
      national: 1,
      international: 1,
      unknownScope: 1,
      nonLocal: 2,
    });
  });

  it('rank-correlates local and non-local tie counts across firms with ties', () => {
    // firms f1…f5 in the region with l local ties (to university U inside) and e non-local ties
    // (to university X in Germany): l = 1 2 3 4 5, e = 0 1 1 3 2; f6 has no tie.
    // ranks l = 1…5; ranks e = 1 2.5 2.5 5 4; Σ products of deviations = 4 + 0.5 + 0 + 2 + 2 = 8.5,
    // Σ squares 10 and 9.5 → ρ = 8.5/√95 = 0.8721
    const l = [1, 2, 3, 4, 5];
    const e = [0, 1, 1, 3, 2];
    const orgs: Record<string, Value>[] = [
      { id: 'U', kind: 'university', country: 'UK', nuts: 'UKH12' },
      { id: 'X', kind: 'university', country: 'DE', nuts: 'DE212' },
      { id: 'f6', kind: 'sme', country: 'UK', nuts: 'UKH12' },
    ];
    const rows: Record<string, Value>[] = [];
    for (let i = 0; i < 5; i++) {
      orgs.push({ id: `f${i + 1}`, kind: 'sme', country: 'UK', nuts: 'UKH12' });
      for (let k = 0; k < l[i]; k++) rows.push({ source: `f${i + 1}`, target: 'U', kind: 'liaison' });
      for (let k = 0; k < e[i]; k++) rows.push({ source: `f${i + 1}`, target: 'X', kind: 'rd-project' });
    }
    const r = ties(dataset({ regions: REGION, organisations: orgs, ties: rows }), { region: 'r' });
    expect(value(r, 'ties.localExternalSpearman')).toBeCloseTo(8.5 / Math.sqrt(95), 12);
    expect(tableOf(r, 'ties.localExternalCorrelation').rows[0][0]).toBe(5);
    // 6 firms (universities are not firms): f2…f5 both, f1 buzz only, f6 neither
    const cells = rowsBy(tableOf(r, 'ties.buzzPipelines'), 'profile');
    expect(cells['buzz-and-pipelines'].firms).toBe(4);
    expect(cells['buzz-only'].firms).toBe(1);
    expect(cells['pipelines-only'].firms).toBe(0);
    expect(cells.neither.firms).toBe(1);
    expect(value(r, 'ties.firmsWithLocalAndExternalShare')).toBeCloseTo(4 / 6, 12);
  });

  it('reports a constant count as no variation rather than a correlation', () => {
    const orgs: Record<string, Value>[] = [{ id: 'U', kind: 'university', country: 'UK', nuts: 'UKH12' }];
    const rows: Record<string, Value>[] = [];
    for (let i = 0; i < 5; i++) {
      orgs.push({ id: `f${i}`, kind: 'sme', country: 'UK', nuts: 'UKH12' });
      for (let k = 0; k <= i; k++) rows.push({ source: `f${i}`, target: 'U', kind: 'liaison' });
    }
    const r = ties(dataset({ regions: REGION, organisations: orgs, ties: rows }), { region: 'r' });
    // every firm has 0 non-local ties
    const ind = r.indicators.find((i) => i.name === 'ties.localExternalSpearman')!;
    expect(ind.value).toBeNull();
    expect(ind.notAvailable).toMatch(/no variation/);
  });

  it('is not available for an empty region or without ties, with reasons', () => {
    const empty = ties(dataset(SMALL), { region: 'FR1' });
    expect(empty.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(
      empty.indicators.every((i) => i.value === null && /no organisations/.test(i.notAvailable ?? '')),
    ).toBe(true);

    const noTies = ties(dataset({ ...SMALL, ties: [] }), { region: 'r' });
    expect(noTies.tables.every((t) => !isAvailable(t))).toBe(true);
    expect(noTies.indicators.every((i) => i.value === null && /no ties/.test(i.notAvailable ?? ''))).toBe(
      true,
    );

    // ties exist, but none in the year range
    const late = ties(dataset(SMALL), { region: 'r', years: [1950, 1960] });
    expect(value(late, 'ties.count')).toBe(1); // b–d is undated, so it overlaps any range
    const none = ties(dataset({ ...SMALL, ties: SMALL.ties.slice(0, 2) }), {
      region: 'r',
      years: [1950, 1960],
    });
    expect(none.indicators.every((i) => i.value === null)).toBe(true);

    // a region with organisations but no firms: the buzz table is not available
    const noFirms = ties(
      dataset({
        regions: REGION,
        organisations: [
          { id: 'u', kind: 'university', country: 'UK', nuts: 'UKH12' },
          { id: 'v', kind: 'research-institute', country: 'UK', nuts: 'UKH12' },
        ],
        ties: [{ source: 'u', target: 'v', kind: 'liaison' }],
      }),
      { region: 'r' },
    );
    expect(isAvailable(noFirms.tables.find((t) => t.measure === 'ties.buzzPipelines')!)).toBe(false);
    expect(value(noFirms, 'ties.eiIndex')).toBe(-1);
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

    it('codes scopes exactly as tieScope does, for every pair, with and without a region', () => {
      for (const selection of [{ region: 'fenland' }, {}, { region: 'UKH14' }]) {
        const scope = selectionScope(fen, selection);
        const n = fen.organisations.count;
        for (let u = 0; u < n; u++) {
          for (let v = 0; v < n; v++) {
            if (u === v) continue;
            const s = scopeOfPair(fen, scope, u, v);
            expect(scopeCode(scope, u, v)).toBe(s === null ? SCOPE_UNKNOWN : TIE_SCOPES.indexOf(s));
          }
        }
      }
    });

    it('classifies the cluster’s ties as worked out from the CSVs', () => {
      const r = ties(fen, { region: 'fenland' });
      // ties.csv: 13 rows, every one with a Fenland end; 10 have both ends inside (all but
      // lumen–munich DE, cellgen–boston US, arcus–grenoble FR). Co-participation: fp-101 {prism,
      // grenoble, munich} gives prism–grenoble, prism–munich (grenoble–munich has no Fenland end);
      // fp-102 {mrc, helix, grenoble} gives mrc–helix (local), mrc–grenoble, helix–grenoble → 5.
      // Total 18: local 10 + 1 = 11, international 2 + 4 = 6 (UK–DE, UK–FR), global 1 (UK–US).
      expect(value(r, 'ties.count')).toBe(18);
      expect(value(r, 'ties.localShare')).toBeCloseTo(11 / 18, 12);
      expect(value(r, 'ties.internationalShare')).toBeCloseTo(6 / 18, 12);
      expect(value(r, 'ties.globalShare')).toBeCloseTo(1 / 18, 12);
      expect(value(r, 'ties.nationalShare')).toBe(0);
      // vertical: prism→acorn, vision→acorn (supplier), lumen→acorn, lumen→munich (customer)
      expect(value(r, 'ties.verticalShare')).toBeCloseTo(4 / 18, 12);
      // E-I = (7 − 11)/18
      expect(value(r, 'ties.eiIndex')).toBeCloseTo(-4 / 18, 12);
      // 11 firms in Fenland; prism, cellgen, arcus, lumen, helix have both local and non-local ties
      expect(value(r, 'ties.firmsWithLocalAndExternalShare')).toBeCloseTo(5 / 11, 12);
      // 9 firms with ties: (local, non-local) = acorn (3,0), ibm lab (1,0), prism (2,2), cellgen
      // (2,1), vision (2,0), arcus (1,1), lumen (1,1), helix (3,1), quanta (1,0); ρ checked with
      // pandas: 0.08783100656536799
      expect(value(r, 'ties.localExternalSpearman')).toBeCloseTo(0.08783100656536799, 12);
      const quanta = rowsBy(tableOf(r, 'ties.byOrganisation'), 'organisation')['sme-quanta'];
      expect(quanta).toMatchObject({ ties: 1, local: 1 }); // UKH14 Newmarket is in the cluster

      // without a region, quanta (UKH14) – technology centre (UKH12) becomes national
      const own = ties(fen);
      expect(rowsBy(tableOf(own, 'ties.byOrganisation'), 'organisation')['sme-quanta']).toMatchObject({
        national: 1,
        local: 0,
      });
    });
  });
});

describe('not available is not zero (issue 7)', () => {
  it('verticalShare is not available when the data record no customer or supplier tie', () => {
    // co-participation only, as in CORDIS: no tie could ever be vertical
    const d = dataset({
      organisations: [
        { id: 'a', kind: 'firm', nuts: 'DE111', country: 'DE' },
        { id: 'b', kind: 'firm', nuts: 'DE112', country: 'DE' },
      ],
      projects: [{ id: 'p' }],
      participations: [
        { organisation: 'a', project: 'p' },
        { organisation: 'b', project: 'p' },
      ],
    });
    const r = ties(d);
    const ind = r.indicators.find((i) => i.name === 'ties.verticalShare')!;
    expect(ind.value).toBeNull();
    expect(ind.notAvailable).toMatch(/no customer or supplier ties/);
    const scope = rowsBy(tableOf(r, 'ties.scope'), 'scope');
    expect(scope.national).toMatchObject({ ties: 1, vertical: null, horizontal: null });
  });

  it('verticalShare is a true 0 when the data do record vertical ties elsewhere', () => {
    const d = dataset({
      organisations: [
        { id: 'a', kind: 'firm', nuts: 'DE111', country: 'DE' },
        { id: 'b', kind: 'firm', nuts: 'DE112', country: 'DE' },
        { id: 'c', kind: 'firm', nuts: 'FR101', country: 'FR' },
        { id: 'd', kind: 'firm', nuts: 'FR102', country: 'FR' },
      ],
      regions: [{ id: 'R', name: 'R', kind: 'cluster', nuts: ['DE1'] }],
      ties: [
        { source: 'a', target: 'b', kind: 'collaboration' },
        { source: 'c', target: 'd', kind: 'supplier' },
      ],
    });
    expect(value(ties(d, { region: 'R' }), 'ties.verticalShare')).toBe(0);
  });
});
