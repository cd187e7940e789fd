import { describe, expect, it } from 'vitest';
import { corePeripheryCorrelation, corePeripheryFit } from '../../src/graph/core-periphery.ts';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

function graph(n: number, edges: [number, number][]): Csr {
  return buildUndirectedCsr(
    n,
    Int32Array.from(edges, (e) => e[0]),
    Int32Array.from(edges, (e) => e[1]),
  );
}

/** Planted core of `c` nodes (ids 0 … c−1): densities inside the core, across, and in the periphery. */
function plantedCore(
  n: number,
  c: number,
  pCore: number,
  pCross: number,
  pPeriphery: number,
  seed: number,
): Csr {
  const rng = mulberry32(seed);
  const edges: [number, number][] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      const p = v < c ? pCore : u < c ? pCross : pPeriphery;
      if (rng() < p) edges.push([u, v]);
    }
  }
  return graph(n, edges);
}

/** Pearson correlation over all pairs i < j written out from the adjacency matrix. */
function bruteCorrelation(csr: Csr, core: Uint8Array, variant: 'ignore' | 'one'): number {
  const { n, offsets, targets } = csr;
  const adj = new Set<number>();
  for (let u = 0; u < n; u++) for (let a = offsets[u]; a < offsets[u + 1]; a++) adj.add(u * n + targets[a]);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const cc = core[i] === 1 && core[j] === 1;
      const pp = core[i] === 0 && core[j] === 0;
      if (!cc && !pp && variant === 'ignore') continue;
      xs.push(adj.has(i * n + j) ? 1 : 0);
      ys.push(cc || (!pp && variant === 'one') ? 1 : 0);
    }
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < xs.length; k++) {
    sxy += (xs[k] - mx) * (ys[k] - my);
    sxx += (xs[k] - mx) ** 2;
    syy += (ys[k] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function jaccard(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) both++;
    if (a[i] || b[i]) either++;
  }
  return both / either;
}

describe('core–periphery correlation of a given core', () => {
  it('K4 plus a pendant: core {0,1,2,3} leaves no periphery pair (NaN); core {0,1,2} fits perfectly', () => {
    const g = graph(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
      [0, 4],
    ]);
    expect(corePeripheryCorrelation(g, Uint8Array.from([1, 1, 1, 1, 0]))).toBeNaN();
    // 3 tied core pairs and the untied pair {3,4}: phi = (4·3 − 3·3) / √(3·1·3·1) = 1.
    expect(corePeripheryCorrelation(g, Uint8Array.from([1, 1, 1, 0, 0]))).toBeCloseTo(1, 15);
  });

  it('equals the Pearson correlation written out, for both variants', () => {
    const g = plantedCore(40, 8, 0.7, 0.2, 0.05, 3);
    const rng = mulberry32(4);
    for (let t = 0; t < 5; t++) {
      const core = Uint8Array.from({ length: 40 }, () => (rng() < 0.3 ? 1 : 0));
      for (const variant of ['ignore', 'one'] as const) {
        expect(corePeripheryCorrelation(g, core, variant)).toBeCloseTo(
          bruteCorrelation(g, core, variant),
          11,
        );
      }
    }
  });
});

describe('core–periphery fit (k-core seeded local search)', () => {
  it('K4 with three pendants on node 0: a perfect fit of 1 with core {0,1,2}', () => {
    // Core {0,1,2,3}: 6 tied core pairs against 3 untied periphery pairs, ρ = 1. Core {0,1,2}:
    // 3 tied core pairs against the 6 untied pairs among {3,4,5,6}, also ρ = 1; the seed sweep
    // meets the smaller core first and keeps it (a tie is not an improvement).
    const g = graph(7, [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
      [0, 4],
      [0, 5],
      [0, 6],
    ]);
    const fit = corePeripheryFit(g);
    expect(Array.from(fit.core)).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(fit.fit).toBeCloseTo(1, 15);
    expect(corePeripheryCorrelation(g, Uint8Array.from([1, 1, 1, 1, 0, 0, 0]))).toBeCloseTo(1, 15);
    expect(fit.coreDensity).toBe(1);
    expect(fit.peripheryDensity).toBe(0);
  });

  it('recovers a planted core of 30 among 300 and is a local optimum', () => {
    const g = plantedCore(300, 30, 0.8, 0.1, 0.01, 7);
    const planted = Uint8Array.from({ length: 300 }, (_, i) => (i < 30 ? 1 : 0));
    for (const variant of ['ignore', 'one'] as const) {
      const fit = corePeripheryFit(g, { variant });
      expect(jaccard(fit.core, planted)).toBeGreaterThan(0.9);
      expect(fit.fit).toBeGreaterThanOrEqual(corePeripheryCorrelation(g, planted, variant) - 1e-12);
      expect(fit.fit).toBeCloseTo(bruteCorrelation(g, fit.core, variant), 11);
      // No single flip improves the fit.
      const core = fit.core.slice();
      for (let v = 0; v < 300; v++) {
        core[v] ^= 1;
        expect(corePeripheryCorrelation(g, core, variant)).toBeLessThanOrEqual(fit.fit + 1e-12);
        core[v] ^= 1;
      }
    }
    expect(corePeripheryFit(g).fit).toBeGreaterThan(0.6);
  });

  it('undefined (NaN, empty core) on a triangle, a graph without ties and a complete graph', () => {
    const triangle = graph(3, [
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    for (const g of [triangle, graph(6, [])]) {
      const fit = corePeripheryFit(g);
      expect(fit.fit).toBeNaN();
      expect(fit.coreSize).toBe(0);
    }
    const k5: [number, number][] = [];
    for (let u = 0; u < 5; u++) for (let v = u + 1; v < 5; v++) k5.push([u, v]);
    expect(corePeripheryFit(graph(5, k5)).fit).toBeNaN();
  });
});
