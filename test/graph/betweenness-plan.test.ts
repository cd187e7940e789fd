import { describe, expect, it } from 'vitest';
import {
  betweenness,
  centralization,
  estimateBetweenness,
  planBetweenness,
} from '../../src/graph/betweenness.ts';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { mulberry32 } from '../../src/graph/rng.ts';
import { gnp } from './random.ts';

function csrOf(n: number, p: number, seed: number): Csr {
  const g = gnp(n, p, seed);
  return buildUndirectedCsr(g.n, g.sources, g.targets);
}

describe('planBetweenness: exact or sampled by work (sources × ties), not by node count', () => {
  const defaults = { budget: 20_000_000, samples: 200, exactLimit: 5000 };

  it("samples Cambridge's 3,846 organisations and 197,000 ties: exact would be 7.6·10⁸ visits", () => {
    // ⌊2·10⁷ / 197,000⌋ = 101 pivots.
    expect(planBetweenness(3846, 197_000, defaults)).toEqual({
      exact: false,
      pivots: 101,
      work: 101 * 197_000,
    });
  });

  it('computes a larger but sparser network exactly when n·m fits the budget', () => {
    // 4,000 × 5,000 = 2·10⁷ ≤ budget, although it has more nodes than the one above.
    expect(planBetweenness(4000, 5000, defaults)).toEqual({ exact: true, pivots: 4000, work: 2e7 });
    expect(planBetweenness(4001, 5000, defaults).exact).toBe(false);
  });

  it('caps pivots at `samples` and floors them at 10; exact again when the pivots reach n', () => {
    expect(planBetweenness(4001, 5000, defaults).pivots).toBe(200); // ⌊2·10⁷/5,000⌋ = 4,000 > 200
    expect(planBetweenness(1000, 10_000_000, defaults)).toEqual({ exact: false, pivots: 10, work: 1e8 });
    expect(planBetweenness(10, 3_000_000, defaults)).toEqual({ exact: true, pivots: 10, work: 3e7 });
  });

  it('never runs exact above exactLimit nodes, however cheap', () => {
    expect(planBetweenness(6000, 100, defaults)).toEqual({ exact: false, pivots: 200, work: 20_000 });
    expect(planBetweenness(6000, 100, { budget: 2e7, samples: 200 }).exact).toBe(true);
  });
});

describe('estimateBetweenness', () => {
  // G(300, 0.03): about 1,345 ties, one component.
  const g = csrOf(300, 0.03, 11);
  const exact = betweenness(g, { normalized: true });

  it('exact plan: the values of betweenness(), no error stated', () => {
    const e = estimateBetweenness(g, { plan: { exact: true, pivots: 300, work: 0 }, rng: mulberry32(1) });
    for (let v = 0; v < 300; v++) expect(e.values[v]).toBeCloseTo(exact[v], 12);
    expect(e.standardError).toBeNull();
    expect(e.centralizationError).toBeNull();
    expect(e.centralization).toBeCloseTo(centralization(exact), 12);
  });

  it('sampled: centralization within 3 stated standard errors of exact, every node within the bound', () => {
    // A sparser graph, where a few organisations carry most paths, as in the clusters.
    const sparse = csrOf(300, 0.01, 11);
    const exact = betweenness(sparse, { normalized: true });
    const e = estimateBetweenness(sparse, {
      plan: { exact: false, pivots: 150, work: 0 },
      rng: mulberry32(7),
      batches: 10,
    });
    const truth = centralization(exact);
    expect(e.centralizationError).toBeGreaterThan(0);
    expect(Math.abs(e.centralization - truth)).toBeLessThan(3 * e.centralizationError!);
    let covered = 0;
    for (let v = 0; v < 300; v++) {
      expect(Math.abs(e.values[v] - exact[v])).toBeLessThanOrEqual(e.bound);
      if (Math.abs(e.values[v] - exact[v]) <= 2 * e.standardError![v]) covered++;
    }
    // The per-node standard errors understate the skewed spread (see SampledBetweenness), but most hold.
    expect(covered / 300).toBeGreaterThan(0.6);
  });

  it('the jackknife error shrinks as pivots grow (more pivots, closer to exact)', () => {
    const few = estimateBetweenness(g, { plan: { exact: false, pivots: 30, work: 0 }, rng: mulberry32(3) });
    const many = estimateBetweenness(g, { plan: { exact: false, pivots: 240, work: 0 }, rng: mulberry32(3) });
    expect(many.centralizationError!).toBeLessThan(few.centralizationError!);
  });

  // 2,000 nodes, about 20,000 ties: enough work that worker threads are started.
  const big = csrOf(2000, 0.01, 5);

  it('worker threads give the same values, to the bit, as this thread alone (same seed)', () => {
    for (const plan of [
      { exact: false, pivots: 200, work: 0 },
      { exact: true, pivots: 2000, work: 0 },
    ]) {
      const serial = estimateBetweenness(big, { plan, rng: mulberry32(9), threads: 1 });
      const parallel = estimateBetweenness(big, { plan, rng: mulberry32(9), threads: 2, workersOnly: true });
      expect(serial.workerBatches).toBe(0);
      expect(parallel.workerBatches).toBe(parallel.batches);
      expect(parallel.values).toEqual(serial.values);
      expect(parallel.standardError).toEqual(serial.standardError);
      expect(parallel.centralizationError).toBe(serial.centralizationError);
    }
  });
});
