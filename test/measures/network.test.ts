import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { UsageError } from '../../src/errors.ts';
import { readPackage } from '../../src/io/package.ts';
import { type FamilyReport, isAvailable, type MeasureTable } from '../../src/measures/common.ts';
import {
  NETWORK_DEFAULTS,
  network,
  resolveNetworkOptions,
  selectNetwork,
} from '../../src/measures/network.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';
import { dataset, tableOf, value } from './fixtures.ts';

function reason(report: FamilyReport, name: string): string | undefined {
  return report.indicators.find((i) => i.name === name)?.notAvailable;
}

function missingReason(report: FamilyReport, measure: string): string {
  const t = report.tables.find((x) => x.measure === measure);
  if (!t || isAvailable(t)) throw new Error(`${measure} is available`);
  return t.notAvailable;
}

/** figure → value of a two-column (figure, value, …) table. */
function figures(t: MeasureTable): Record<string, unknown> {
  return Object.fromEntries(t.rows.map((r) => [String(r[0]), r[1]]));
}

function column(t: MeasureTable, name: string): unknown[] {
  const k = t.columns.indexOf(name);
  return t.rows.map((r) => r[k]);
}

const REGION = [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12'] }];
const org = (id: string, nuts: string | null, country: string | null) => ({
  id,
  name: `Org ${id}`,
  kind: 'sme',
  nuts,
  country,
});
const tie = (source: string, target: string, start?: number, end?: number) => ({
  source,
  target,
  kind: 'collaboration',
  start,
  end,
});

// a, b, c in region r (UKH12) form a triangle; x (DE212) is a's partner outside; y (FR101) is tied
// only to x, so it is not a direct partner of the region and stays out of the region's graph.
const TRIANGLE = {
  regions: REGION,
  organisations: [
    org('a', 'UKH12', 'UK'),
    org('b', 'UKH12', 'UK'),
    org('c', 'UKH12', 'UK'),
    org('x', 'DE212', 'DE'),
    org('y', 'FR101', 'FR'),
  ],
  ties: [tie('a', 'b'), tie('b', 'c'), tie('a', 'c'), tie('a', 'x', 2010, 2012), tie('x', 'y')],
};

describe('network family on a hand-made region', () => {
  const data = dataset(TRIANGLE);
  const report = network(data, { region: 'r' }, { permutations: 2000 });

  it('graph = region members plus direct partners: {a, b, c, x}, 4 ties', () => {
    const net = selectNetwork(data, { region: 'r' });
    expect(Array.from(net.org)).toEqual([0, 1, 2, 3]);
    expect(Array.from(net.inRegion!)).toEqual([1, 1, 1, 0]);
    const o = figures(tableOf(report, 'network.overview'));
    expect(o.organisations).toBe(4);
    expect(o.regionMembers).toBe(3);
    expect(o.partnersOutside).toBe(1);
    expect(o.ties).toBe(4);
    // 2m / (n(n−1)) = 8 / 12.
    expect(o.density).toBeCloseTo(2 / 3, 15);
    expect(o.meanDegree).toBe(2);
    expect(o.maxDegree).toBe(3);
    expect(o.isolates).toBe(0);
    expect(o.components).toBe(1);
    expect(value(report, 'network.density')).toBeCloseTo(2 / 3, 15);
    expect(value(report, 'network.organisations')).toBe(4);
  });

  it('degrees, clustering and k-cores worked out by hand', () => {
    // Degrees a 3, b 2, c 2, x 1.
    expect(tableOf(report, 'network.degreeDistribution').rows).toEqual([
      [1, 1, 0.25],
      [2, 2, 0.5],
      [3, 1, 0.25],
    ]);
    // One triangle; triples 3 + 1 + 1 + 0 = 5 → transitivity 3/5; local C: a 1/3, b 1, c 1, x 0 → 7/12.
    const c = figures(tableOf(report, 'network.clustering'));
    expect(c.triangles).toBe(1);
    expect(c.connectedTriples).toBe(5);
    expect(value(report, 'network.transitivity')).toBeCloseTo(0.6, 15);
    expect(value(report, 'network.averageClustering')).toBeCloseTo(7 / 12, 15);
    // 1-core: all 4; 2-core: the triangle.
    expect(tableOf(report, 'network.kCores').rows).toEqual([
      [1, 4, 1],
      [2, 3, 0.75],
    ]);
    expect(value(report, 'network.degeneracy')).toBe(2);
  });

  it('betweenness: a is on x–b and x–c → 2 × 2/(3·2) = 2/3; centralization 3 × (2/3) / 3', () => {
    const t = tableOf(report, 'network.betweenness');
    expect(t.rows[0].slice(0, 3)).toEqual([1, 'a', 'Org a']);
    expect(column(t, 'betweenness')[0]).toBeCloseTo(2 / 3, 15);
    expect(column(t, 'betweenness').slice(1)).toEqual([0, 0, 0]);
    expect(column(t, 'inRegion')).toEqual([true, true, true, false]);
    expect(column(t, 'standardError')).toEqual([null, null, null, null]);
    expect(value(report, 'network.betweennessCentralization')).toBeCloseTo(2 / 3, 15);
  });

  it('brokerage: a gatekeeps x–a–b and x–a–c; the null mean of the total is (2 + 0 + 1 + 1)/4 = 1', () => {
    // The outside label lands on x (total 2), on a (0: both pairs become itinerant), on b or c
    // (1 each): mean 1, population sd √0.5, z → (2 − 1)/0.707 ≈ 1.41.
    const rows = Object.fromEntries(tableOf(report, 'network.brokerage').rows.map((r) => [r[0], r.slice(1)]));
    expect(rows.gatekeeper[0]).toBe(2);
    expect(rows.representative[0]).toBe(2);
    expect(rows.coordinator[0]).toBe(0);
    expect(rows.itinerant[0]).toBe(0);
    expect(rows.liaison[0]).toBe(0);
    expect(rows.gatekeeper[1] as number).toBeCloseTo(1, 1);
    expect(value(report, 'network.gatekeepingZ')).toBeGreaterThan(1.3);
    expect(value(report, 'network.gatekeepingZ')).toBeLessThan(1.55);
    // Liaison needs three groups: no variation, z null.
    expect(rows.liaison[3]).toBe(null);
    const g = tableOf(report, 'network.gatekeepers');
    expect(g.rows).toHaveLength(1);
    expect(g.rows[0].slice(0, 5)).toEqual([1, 'a', 'Org a', 'sme', 2]);
    // a's own z is the same ≈ 1.41 < 1.96: no significant gatekeeper.
    expect(value(report, 'network.gatekeepers')).toBe(0);
  });

  it('core–periphery: core {a, b} against periphery {c, x} fits perfectly', () => {
    // Core pair a–b tied, periphery pair c–x untied: phi = 1. (Core {a,b,c} leaves one periphery node.)
    const cp = figures(tableOf(report, 'network.corePeriphery'));
    expect(cp.fit).toBeCloseTo(1, 15);
    expect(cp.coreSize).toBe(2);
    expect(cp.coreInRegion).toBe(2);
    expect(value(report, 'network.corePeripheryFit')).toBeCloseTo(1, 15);
  });

  it('small world needs a larger component; Louvain still reports a modularity', () => {
    expect(missingReason(report, 'network.smallWorld')).toMatch(
      /largest component has 4 organisations, fewer than 10/,
    );
    expect(value(report, 'network.smallWorldSigma')).toBeNull();
    // Every partition of this graph has Q ≤ 0 except ties at 0 (e.g. one community).
    expect(value(report, 'network.modularity')).toBeCloseTo(0, 12);
  });

  it('years keep only ties overlapping them: without a–x (2010–2012) the region graph is the triangle', () => {
    const r = network(data, { region: 'r', years: [2000, 2005] }, { permutations: 0 });
    expect(figures(tableOf(r, 'network.overview')).organisations).toBe(3);
    expect(figures(tableOf(r, 'network.overview')).ties).toBe(3);
    expect(missingReason(r, 'network.brokerage')).toMatch(/inside the region/);
    const later = network(data, { region: 'r', years: [2011, 2020] }, { permutations: 0 });
    expect(figures(tableOf(later, 'network.overview')).ties).toBe(4);
  });

  it('is reproducible from the seed', () => {
    const again = network(data, { region: 'r' }, { permutations: 2000 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });
});

describe('network family without a region: groups are NUTS-2 codes, else countries', () => {
  it('a gatekeeps into UKH1, x is a liaison between UKH1 and FR10', () => {
    const r = network(dataset(TRIANGLE), {}, { permutations: 50 });
    expect(figures(tableOf(r, 'network.overview')).organisations).toBe(5);
    // x's neighbours a (UKH1) and y (FR10), x itself in DE21: one liaison pair = two ordered paths.
    const rows = Object.fromEntries(tableOf(r, 'network.brokerage').rows.map((row) => [row[0], row[1]]));
    expect(rows).toEqual({ coordinator: 0, itinerant: 0, gatekeeper: 2, representative: 2, liaison: 2 });
  });

  it('a country stands in for a missing NUTS code; no location at all leaves the two-path out', () => {
    // b has only a country (UK → group "country:UK", not UKH1): the open pair {x, b} around a then
    // has no end in a's group (UKH1, only a) → liaison; {x, c} stays gatekeeping.
    const data = dataset({
      ...TRIANGLE,
      organisations: [
        org('a', 'UKH12', 'UK'),
        org('b', null, 'UK'),
        org('c', 'UKH12', 'UK'),
        org('x', 'DE212', 'DE'),
        org('y', null, null),
      ],
    });
    const r = network(data, {}, { permutations: 0 });
    const rows = Object.fromEntries(tableOf(r, 'network.brokerage').rows.map((row) => [row[0], row[1]]));
    // a: {x,b} liaison (2 ordered paths), {x,c} gatekeeper x→a→c and representative c→a→x;
    // x: {a,y} has y unknown → not counted.
    expect(rows).toEqual({ coordinator: 0, itinerant: 0, gatekeeper: 1, representative: 1, liaison: 2 });
    expect(value(r, 'network.gatekeepers')).toBeNull();
    expect(reason(r, 'network.gatekeepers')).toMatch(/permutations = 0/);
    expect(column(tableOf(r, 'network.brokerage'), 'z')).toEqual([null, null, null, null, null]);
  });

  it('everyone in one NUTS-2 region: brokerage not available', () => {
    const data = dataset({
      organisations: [org('a', 'UKH12', 'UK'), org('b', 'UKH14', 'UK'), org('c', 'UKH11', 'UK')],
      ties: [tie('a', 'b'), tie('b', 'c')],
    });
    const calls: [number, number][] = [];
    const r = network(data, {}, { permutations: 10, onProgress: (d, t) => calls.push([d, t]) });
    expect(missingReason(r, 'network.brokerage')).toMatch(/same NUTS-2 region or country/);
    // The skipped permutations still count: progress ends at (total, total) = 3 sources + 10 + 10.
    expect(calls.at(-1)).toEqual([23, 23]);
    expect(missingReason(r, 'network.gatekeepers')).toMatch(/same NUTS-2/);
    expect(value(r, 'network.gatekeepingZ')).toBeNull();
  });
});

describe('network family: not-available paths', () => {
  it('no organisations at all, or none in the region', () => {
    for (const r of [
      network(dataset({ organisations: [] })),
      network(dataset(TRIANGLE), { region: 'SE11' }),
    ]) {
      for (const t of r.tables) expect(isAvailable(t)).toBe(false);
      for (const i of r.indicators) {
        expect(i.value).toBeNull();
        expect(i.notAvailable).toMatch(/has no organisations/);
      }
    }
  });

  it('no ties: the overview and degrees only (density 0 is a real value)', () => {
    const r = network(
      dataset({ organisations: [org('a', 'UKH12', 'UK'), org('b', 'UKH12', 'UK'), org('c', 'DE212', 'DE')] }),
    );
    expect(value(r, 'network.density')).toBe(0);
    expect(figures(tableOf(r, 'network.overview')).isolates).toBe(3);
    expect(tableOf(r, 'network.degreeDistribution').rows).toEqual([[0, 3, 1]]);
    for (const m of [
      'clustering',
      'kCores',
      'communities',
      'smallWorld',
      'corePeriphery',
      'betweenness',
      'brokerage',
      'gatekeepers',
    ]) {
      expect(missingReason(r, `network.${m}`)).toMatch(/no ties/);
    }
    expect(reason(r, 'network.modularity')).toMatch(/no ties/);
  });

  it('one organisation: no density; two tied ones: no betweenness, no transitivity, no core', () => {
    const one = network(dataset({ organisations: [org('a', 'UKH12', 'UK')] }));
    expect(value(one, 'network.density')).toBeNull();
    expect(reason(one, 'network.density')).toMatch(/at least 2/);
    const two = network(
      dataset({ organisations: [org('a', 'UKH12', 'UK'), org('b', 'DE212', 'DE')], ties: [tie('a', 'b')] }),
    );
    expect(value(two, 'network.density')).toBe(1);
    expect(missingReason(two, 'network.betweenness')).toMatch(/at least 3/);
    expect(value(two, 'network.transitivity')).toBeNull();
    expect(reason(two, 'network.transitivity')).toMatch(/no connected triples/);
    expect(missingReason(two, 'network.corePeriphery')).toMatch(/no core–periphery split/);
    // Both brokers nothing: gatekeepers table not available, but the brokerage totals are (all 0).
    expect(missingReason(two, 'network.gatekeepers')).toMatch(/no organisation/);
    expect(column(tableOf(two, 'network.brokerage'), 'observed')).toEqual([0, 0, 0, 0, 0]);
  });

  it('a star of 12 has no triangles (no sigma); randomGraphs 0 disables sigma', () => {
    const orgs = Array.from({ length: 12 }, (_, i) => org(`o${i}`, i < 6 ? 'UKH12' : 'DE212', null));
    const star = dataset({ organisations: orgs, ties: orgs.slice(1).map((o) => tie('o0', o.id)) });
    expect(missingReason(network(star, {}, { permutations: 0 }), 'network.smallWorld')).toMatch(
      /no triangles/,
    );
    const off = network(star, {}, { permutations: 0, randomGraphs: 0 });
    expect(missingReason(off, 'network.smallWorld')).toMatch(/disabled/);
  });
});

describe('network family: sampling, small world and options', () => {
  // Ring lattice of 30 organisations, each tied to 2 neighbours on either side; two NUTS-2 groups.
  const n = 30;
  const orgs = Array.from({ length: n }, (_, i) => org(`o${i}`, i < 15 ? 'UKH12' : 'DE212', null));
  const ring = dataset({
    organisations: orgs,
    ties: orgs.flatMap((_, i) => [tie(`o${i}`, `o${(i + 1) % n}`), tie(`o${i}`, `o${(i + 2) % n}`)]),
  });

  it('a ring lattice is a small world against its randomisations (sigma > 1)', () => {
    const r = network(ring, {}, { permutations: 0 });
    const sw = figures(tableOf(r, 'network.smallWorld'));
    // Transitivity of the ring lattice with 2 neighbours a side: 3(k − 2) / (4(k − 1)) = 1/2 (k = 4).
    expect(sw.transitivity).toBeCloseTo(0.5, 15);
    expect(sw.randomGraphs).toBe(10);
    expect(value(r, 'network.smallWorldSigma')).toBeGreaterThan(1);
  });

  it('above exactBetweennessLimit betweenness is sampled, with standard errors and the bound in a note', () => {
    const r = network(
      ring,
      {},
      { permutations: 0, randomGraphs: 0, exactBetweennessLimit: 10, betweennessSamples: 12 },
    );
    const t = tableOf(r, 'network.betweenness');
    expect(t.notes![0]).toMatch(/Estimated from 12 random pivot sources/);
    expect(t.notes![0]).toMatch(/Hoeffding/);
    for (const se of column(t, 'standardError')) expect(typeof se).toBe('number');
    // Every node of the ring is alike: exact betweenness is equal for all, so the estimates centre on it.
    const exact = tableOf(network(ring, {}, { permutations: 0, randomGraphs: 0 }), 'network.betweenness');
    const e = column(exact, 'betweenness')[0] as number;
    expect(column(exact, 'betweenness').every((x) => Math.abs((x as number) - e) < 1e-12)).toBe(true);
  });

  it('sampled indicators carry their standard error, exact ones none', () => {
    const error = (r: FamilyReport, name: string) => r.indicators.find((i) => i.name === name)?.standardError;
    const sampled = network(ring, {}, { permutations: 20, randomGraphs: 3, betweennessBudget: 1 });
    const bc = tableOf(sampled, 'network.betweenness');
    // The jackknife error of the centralization, as the table's note states it.
    const stated = bc.notes![0].match(/Centralization [0-9.e-]+ ± ([0-9.e-]+)/);
    expect(error(sampled, 'network.betweennessCentralization')).toBe(Number(stated![1]));
    const sw = figures(tableOf(sampled, 'network.smallWorld'));
    expect(error(sampled, 'network.smallWorldSigma')).toBe(sw.sigmaStandardError);
    expect(sw.sigmaStandardError as number).toBeGreaterThan(0);
    const broker = tableOf(sampled, 'network.brokerage');
    const gatekeeper = broker.rows.find((r) => r[0] === 'gatekeeper')!;
    expect(error(sampled, 'network.gatekeepingZ')).toBe(gatekeeper[broker.columns.indexOf('zError')]);
    expect(error(sampled, 'network.gatekeepingZ')).toBeGreaterThan(0);
    // Exact betweenness (the default budget covers 30 × 60), no null models: no errors at all.
    const exact = network(ring, {}, { permutations: 0, randomGraphs: 0 });
    expect(exact.indicators.every((i) => i.standardError === undefined)).toBe(true);
  });

  it('progress runs monotonically to total over sources, permutations and random graphs', () => {
    const calls: [number, number][] = [];
    network(ring, {}, { permutations: 5, randomGraphs: 2, onProgress: (d, t) => calls.push([d, t]) });
    const total = calls[0][1];
    expect(total).toBe(n + 5 + 2);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    expect(calls.at(-1)).toEqual([total, total]);
  });

  it('defaults are merged once and range-checked', () => {
    expect(resolveNetworkOptions()).toEqual({ ...NETWORK_DEFAULTS });
    expect(NETWORK_DEFAULTS.exactBetweennessLimit).toBe(5000);
    expect(NETWORK_DEFAULTS.permutations).toBe(100);
    expect(NETWORK_DEFAULTS.seed).toBe(1);
    expect(NETWORK_DEFAULTS.randomGraphs).toBe(10);
    expect(resolveNetworkOptions({ top: 3, seed: undefined }).top).toBe(3);
    for (const bad of [
      { permutations: 1 },
      { permutations: -1 },
      { top: 0 },
      { seed: 1.5 },
      { resolution: 0 },
      { swapsPerEdge: Number.NaN },
      { exactBetweennessLimit: -1 },
      { smallWorldMinNodes: 2 },
      { corePeriphery: 'all' as 'one' },
    ]) {
      expect(() => network(ring, {}, bad)).toThrow(UsageError);
    }
  });

  it("the 'one' core–periphery variant is reported as such", () => {
    const r = network(ring, {}, { permutations: 0, randomGraphs: 0, corePeriphery: 'one' });
    expect(tableOf(r, 'network.corePeriphery').notes![0]).toMatch(/core–periphery 1\./);
  });
});

describe('network family on the Fenland example package', () => {
  let store: Store;
  let data: Dataset;
  beforeAll(async () => {
    store = await openStore(':memory:');
    await importSource(store, 'package', EXAMPLE, readPackage);
    data = await loadDataset(store);
  });
  afterAll(() => store.close());

  it('size, components and triangles worked out from the CSVs', () => {
    // 13 stored ties + 6 co-participation pairs (fp-101: prism, grenoble, munich; fp-102: mrc,
    // helix, grenoble), none repeated: 19 ties among 18 organisations; sp-fen, sme-sinclair and
    // sme-delta have none. Components: 13 (the main one) + {quanta, tc-fen} + 3 isolates = 5.
    // Triangles: prism–grenoble–munich, mrc–helix–grenoble, helix–cellgen–mrc.
    const r = network(data, { region: 'fenland' }, { permutations: 20 });
    const o = figures(tableOf(r, 'network.overview'));
    expect(o.organisations).toBe(18);
    expect(o.regionMembers).toBe(15);
    expect(o.partnersOutside).toBe(3);
    expect(o.ties).toBe(19);
    expect(o.density).toBeCloseTo(38 / 306, 15);
    expect(o.isolates).toBe(3);
    expect(o.components).toBe(5);
    expect(o.largestComponent).toBe(13);
    expect(figures(tableOf(r, 'network.clustering')).triangles).toBe(3);
    // 2-core: peeling quanta, tc-fen, lab-ibm, mnc-boston leaves 11; nothing survives a 3-core.
    expect(tableOf(r, 'network.kCores').rows.map((row) => row.slice(0, 2))).toEqual([
      [1, 15],
      [2, 11],
    ]);
  });

  it('gatekeepers worked out from the CSVs', () => {
    // Prism's partners: acorn, uni-fen (inside), grenoble, munich (outside, tied to each other):
    // {acorn, uni-fen} coordinator (2 ordered paths); 4 mixed pairs gatekeeper (one path each way
    // in); {grenoble, munich} closed.
    // Cellgen 2 (boston with mrc and with helix), helix 2 (grenoble with uni-fen and with cellgen),
    // mrc 1, arcus 1, lumen 1: total 11.
    const r = network(data, { region: 'fenland' }, { permutations: 20 });
    const rows = Object.fromEntries(tableOf(r, 'network.brokerage').rows.map((row) => [row[0], row[1]]));
    expect(rows.gatekeeper).toBe(11);
    expect(rows.liaison).toBe(0);
    const g = tableOf(r, 'network.gatekeepers');
    expect(g.rows[0].slice(0, 5)).toEqual([1, 'sme-prism', 'Prism Optics', 'sme', 4]);
    expect(column(g, 'coordinator')[0]).toBe(2);
    expect(column(g, 'gatekeeper')).toEqual([4, 2, 2, 1, 1, 1]);
    // The best-placed broker overall is the partner uni-grenoble (5 ties, bridging both projects).
    expect(tableOf(r, 'network.betweenness').rows[0][1]).toBe('uni-grenoble');
    expect(value(r, 'network.degeneracy')).toBe(2);
  });
});
