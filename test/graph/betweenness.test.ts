import { describe, expect, it } from 'vitest';
import { betweenness, betweennessParallel, sampledBetweenness } from '../../src/graph/betweenness.ts';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

function graph(n: number, edges: [number, number][]): Csr {
  return buildUndirectedCsr(
    n,
    Int32Array.from(edges, (e) => e[0]),
    Int32Array.from(edges, (e) => e[1]),
  );
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const path4 = graph(4, [
  [0, 1],
  [1, 2],
  [2, 3],
]);

describe('exact betweenness (Brandes)', () => {
  it('path 0–1–2–3: node 1 is on 0–2 and 0–3, node 2 on 0–3 and 1–3', () => {
    expect(Array.from(betweenness(path4, { normalized: false }))).toEqual([0, 2, 2, 0]);
    // Normalised by 2 / ((n−1)(n−2)) = 2/6.
    const b = betweenness(path4);
    expect(b[1]).toBeCloseTo(2 / 3, 15);
    expect(b[2]).toBeCloseTo(2 / 3, 15);
    expect(b[0]).toBe(0);
  });

  it('star: the centre is on all C(4,2) = 6 leaf pairs, normalised 1', () => {
    const star = graph(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    expect(Array.from(betweenness(star, { normalized: false }))).toEqual([6, 0, 0, 0, 0]);
    expect(betweenness(star)[0]).toBeCloseTo(1, 15);
  });

  it('4-cycle: each node carries half of the opposite pair (two shortest paths)', () => {
    const cycle = graph(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]);
    expect(Array.from(betweenness(cycle, { normalized: false }))).toEqual([0.5, 0.5, 0.5, 0.5]);
    for (const x of betweenness(cycle)) expect(x).toBeCloseTo(1 / 6, 15);
  });

  it('disconnected parts do not interact; two nodes or fewer give zeros', () => {
    // Path 0–1–2 and path 3–4–5: the middles carry one pair each.
    const g = graph(6, [
      [0, 1],
      [1, 2],
      [3, 4],
      [4, 5],
    ]);
    expect(Array.from(betweenness(g, { normalized: false }))).toEqual([0, 1, 0, 0, 1, 0]);
    expect(Array.from(betweenness(graph(2, [[0, 1]])))).toEqual([0, 0]);
    expect(betweenness(graph(0, [])).length).toBe(0);
  });

  it('reports progress up to (n, n)', () => {
    const calls: [number, number][] = [];
    betweenness(path4, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.at(-1)).toEqual([4, 4]);
  });
});

describe('sampled betweenness (Brandes & Pich pivots)', () => {
  it('k = n uses every source: exact values, zero error', () => {
    const s = sampledBetweenness(path4, { samples: 4, rng: mulberry32(1) });
    expect(Array.from(s.values)).toEqual(Array.from(betweenness(path4)));
    expect(Array.from(s.standardError)).toEqual([0, 0, 0, 0]);
    expect(s.bound).toBe(0);
    expect(s.confidence).toBeCloseTo(0.95, 15);
  });

  it('on a random graph: unbiased on average, within the Hoeffding bound, SE of the right size', () => {
    const rng = mulberry32(21);
    const n = 400;
    const edges: [number, number][] = [];
    for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (rng() < 0.012) edges.push([u, v]);
    const csr = graph(n, edges);
    const exact = betweenness(csr);
    const runs = 20;
    const mean = new Float64Array(n);
    let within2se = 0;
    let counted = 0;
    for (let r = 0; r < runs; r++) {
      const s = sampledBetweenness(csr, { samples: 80, rng: mulberry32(100 + r) });
      for (let v = 0; v < n; v++) {
        mean[v] += s.values[v] / runs;
        expect(Math.abs(s.values[v] - exact[v])).toBeLessThanOrEqual(s.bound);
        if (exact[v] > 0.005) {
          counted++;
          if (Math.abs(s.values[v] - exact[v]) <= 2 * s.standardError[v]) within2se++;
        }
      }
    }
    // Unbiased: the average of 20 independent estimates has the exact total (within 2%) and is
    // almost perfectly correlated with the exact values.
    let sumMean = 0;
    let sumExact = 0;
    for (let v = 0; v < n; v++) {
      sumMean += mean[v];
      sumExact += exact[v];
    }
    expect(Math.abs(sumMean / sumExact - 1)).toBeLessThan(0.02);
    expect(pearson(mean, exact)).toBeGreaterThan(0.99);
    // ±2 SE would cover 95% for normal errors; the dependencies are skewed, so with k = n/5 pivots
    // the empirical SE understates the spread and covers about 80% (documented in SampledBetweenness).
    expect(within2se / counted).toBeGreaterThan(0.7);
  });

  it('rejects k outside [1, n] and alpha outside (0, 1)', () => {
    expect(() => sampledBetweenness(path4, { samples: 0, rng: mulberry32(1) })).toThrow(RangeError);
    expect(() => sampledBetweenness(path4, { samples: 5, rng: mulberry32(1) })).toThrow(RangeError);
    expect(() => sampledBetweenness(path4, { samples: 2, rng: mulberry32(1), alpha: 1 })).toThrow(RangeError);
  });
});

describe('parallel exact betweenness (worker threads)', () => {
  it('equals the single-thread result on a 600-node graph, with progress up to n', async () => {
    const rng = mulberry32(31);
    const n = 600;
    const edges: [number, number][] = [];
    for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (rng() < 0.01) edges.push([u, v]);
    const csr = graph(n, edges);
    const single = betweenness(csr);
    let last = 0;
    const parallel = await betweennessParallel(csr, { threads: 2, onProgress: (done) => (last = done) });
    expect(last).toBe(n);
    let worst = 0;
    for (let v = 0; v < n; v++) worst = Math.max(worst, Math.abs(parallel[v] - single[v]));
    expect(worst).toBeLessThan(1e-15);
    const raw = await betweennessParallel(csr, { threads: 3, normalized: false });
    expect(raw[0]).toBeCloseTo((single[0] * ((n - 1) * (n - 2))) / 2, 9);
  });

  it('small graphs and threads = 1 run in this thread', async () => {
    expect(Array.from(await betweennessParallel(path4, { threads: 2 }))).toEqual(
      Array.from(betweenness(path4)),
    );
    expect(Array.from(await betweennessParallel(path4, { threads: 1 }))).toEqual(
      Array.from(betweenness(path4)),
    );
  });
});
