/**
 * The Monte Carlo standard errors of the sampled network figures (issue 7: compare samples more
 * coarsely and states its errors): the stated error must match the spread of the estimates over
 * seeds, and each estimate must lie within a few errors of the value of a far larger run.
 */
import { describe, expect, it } from 'vitest';
import { brokerageZScores, zStandardError } from '../../src/graph/brokerage-z.ts';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { averageShortestPathLength, smallWorldSigma } from '../../src/graph/randomize.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

/** A ring lattice of n nodes with `half` neighbours a side, each tie rewired with probability p. */
function smallWorldGraph(n: number, half: number, p: number, seed: number): Csr {
  const rng = mulberry32(seed);
  const s: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < n; i++)
    for (let d = 1; d <= half; d++) {
      s.push(i);
      t.push(rng() < p ? Math.floor(rng() * n) : (i + d) % n);
    }
  return buildUndirectedCsr(n, Int32Array.from(s), Int32Array.from(t));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

// 300 organisations, 900 ties: mid-size, so that a far larger run is cheap.
const g = smallWorldGraph(300, 3, 0.1, 7);
const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

describe('zStandardError (Monte Carlo error of a permutation z-score)', () => {
  it('is √((1 + γz + (κ − 1)z²/4)/R), worked by hand', () => {
    // [0, 0, 1, 1]: skewness 0, kurtosis 1, so √(1/4) whatever z.
    expect(zStandardError(3, Float64Array.from([0, 0, 1, 1]))).toBeCloseTo(0.5, 12);
    // [0, 0, 0, 1]: mean 1/4, m2 = 3/16, m3 = 3/32, m4 = 21/256; γ = (3/32)/(3/16)^1.5 = 2/√3,
    // κ = (21/256)/(9/256) = 7/3; z = 2: (1 + 4/√3 + (4/3)·4/4) / 4.
    expect(zStandardError(2, Float64Array.from([0, 0, 0, 1]))).toBeCloseTo(
      Math.sqrt((1 + 4 / Math.sqrt(3) + 4 / 3) / 4),
      12,
    );
    expect(zStandardError(Number.NaN, Float64Array.from([0, 1]))).toBeNaN();
    expect(zStandardError(1, Float64Array.from([2, 2, 2]))).toBeNaN();
  });
});

describe('sampled path length: its standard error', () => {
  it('matches the spread of the estimate over seeds, and the estimates surround the exact L', () => {
    const exact = averageShortestPathLength(g);
    expect(exact.exact).toBe(true);
    expect(exact.standardError).toBe(0);
    const runs = SEEDS.map((seed) => averageShortestPathLength(g, { sources: 30, rng: mulberry32(seed) }));
    const stated = mean(runs.map((r) => r.standardError));
    const spread = sd(runs.map((r) => r.length));
    expect(stated / spread).toBeGreaterThan(0.6);
    expect(stated / spread).toBeLessThan(1.6);
    for (const r of runs) expect(Math.abs(r.length - exact.length)).toBeLessThan(3.5 * r.standardError);
  });
});

describe('small-world sigma: its Monte Carlo standard error', () => {
  // The reference: 200 random graphs and every node a path source.
  const reference = smallWorldSigma(g, { rng: mulberry32(99), randomGraphs: 200, pathSources: 300 });
  const runs = SEEDS.map((seed) =>
    smallWorldSigma(g, { rng: mulberry32(seed), randomGraphs: 4, pathSources: 60 }),
  );

  it('is stated, and about √(4/200) as large for 200 random graphs as for 4', () => {
    expect(reference.sigma).toBeGreaterThan(2);
    expect(reference.standardError).toBeGreaterThan(0);
    expect(reference.standardError / mean(runs.map((r) => r.standardError))).toBeLessThan(0.25);
    const one = smallWorldSigma(g, { rng: mulberry32(1), randomGraphs: 1 });
    expect(one.standardError).toBeNaN();
  });

  it('matches the spread of sigma over seeds with 4 random graphs', () => {
    const stated = mean(runs.map((r) => r.standardError));
    const spread = sd(runs.map((r) => r.sigma));
    expect(stated / spread).toBeGreaterThan(0.6);
    expect(stated / spread).toBeLessThan(1.6);
  });

  it('each sampled sigma lies within 3.5 stated errors of the large run', () => {
    for (const r of runs) {
      const both = Math.hypot(r.standardError, reference.standardError);
      expect(Math.abs(r.sigma - reference.sigma)).toBeLessThan(3.5 * both);
    }
  });
});

describe('brokerage z-score: its Monte Carlo standard error', () => {
  // Two groups laid out along the ring (nodes 0–149 and 150–299): neighbours mostly share a group,
  // so gatekeeping is far below what shuffled labels give (a large negative z).
  const group = Int32Array.from({ length: 300 }, (_, i) => (i < 150 ? 0 : 1));
  const focus = Uint8Array.from({ length: 300 }, (_, i) => (i < 150 ? 1 : 0));
  const z = (permutations: number, seed: number) =>
    brokerageZScores(g, group, { permutations, rng: mulberry32(seed), focus }).totals.gatekeeper;
  const reference = z(2000, 99);
  const runs = SEEDS.map((seed) => z(40, seed));

  it('matches the spread of z over seeds with 40 permutations', () => {
    expect(reference.z).toBeLessThan(-3);
    const stated = mean(runs.map((r) => r.zError));
    const spread = sd(runs.map((r) => r.z));
    expect(stated / spread).toBeGreaterThan(0.6);
    expect(stated / spread).toBeLessThan(1.6);
    // The large run's error is about √(40/2000) of the small runs'.
    expect(reference.zError / stated).toBeLessThan(0.25);
  });

  it('each sampled z lies within 3.5 stated errors of the large run', () => {
    for (const r of runs) {
      const both = Math.hypot(r.zError, reference.zError);
      expect(Math.abs(r.z - reference.z)).toBeLessThan(3.5 * both);
    }
  });
});
