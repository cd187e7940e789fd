import { describe, expect, it } from 'vitest';
import { clusteringSummary } from '../../src/graph/clustering.ts';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import {
  averageShortestPathLength,
  degreePreservingRandomization,
  doubleEdgeSwaps,
  smallWorldSigma,
} from '../../src/graph/randomize.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

function graph(n: number, edges: [number, number][]): Csr {
  return buildUndirectedCsr(
    n,
    Int32Array.from(edges, (e) => e[0]),
    Int32Array.from(edges, (e) => e[1]),
  );
}

function randomGraph(n: number, p: number, seed: number): Csr {
  const rng = mulberry32(seed);
  const edges: [number, number][] = [];
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (rng() < p) edges.push([u, v]);
  return graph(n, edges);
}

/** Ring lattice: node i tied to i ± 1 … i ± k/2 (mod n). */
function ringLattice(n: number, half: number): Csr {
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let d = 1; d <= half; d++) edges.push([i, (i + d) % n]);
  return graph(n, edges);
}

function edgeSet(csr: Csr): Set<string> {
  const s = new Set<string>();
  for (let u = 0; u < csr.n; u++) {
    for (let a = csr.offsets[u]; a < csr.offsets[u + 1]; a++)
      if (csr.targets[a] > u) s.add(`${u}-${csr.targets[a]}`);
  }
  return s;
}

describe('degree-preserving randomisation', () => {
  it('keeps every degree, makes no loops or multi-edges, and rewires most ties', () => {
    const csr = randomGraph(300, 0.03, 1);
    const r = doubleEdgeSwaps(csr, { rng: mulberry32(2) });
    const g = r.csr;
    expect(g.n).toBe(csr.n);
    expect(Array.from(g.offsets)).toEqual(Array.from(csr.offsets));
    for (let u = 0; u < g.n; u++) {
      for (let a = g.offsets[u]; a < g.offsets[u + 1]; a++) {
        expect(g.targets[a]).not.toBe(u);
        if (a > g.offsets[u]) expect(g.targets[a]).toBeGreaterThan(g.targets[a - 1]);
      }
    }
    const m = csr.targets.length / 2;
    expect(r.swaps).toBe(10 * m);
    let kept = 0;
    const before = edgeSet(csr);
    for (const e of edgeSet(g)) if (before.has(e)) kept++;
    // After 10 swaps per tie, about the density's share of ties reappear by chance (~3%).
    expect(kept / m).toBeLessThan(0.1);
  });

  it('is reproducible from the seed', () => {
    const csr = randomGraph(100, 0.05, 3);
    const a = degreePreservingRandomization(csr, { rng: mulberry32(4), swapsPerEdge: 3 });
    const b = degreePreservingRandomization(csr, { rng: mulberry32(4), swapsPerEdge: 3 });
    expect(Array.from(a.targets)).toEqual(Array.from(b.targets));
  });

  it('a star cannot change: every swap is rejected and the attempts are capped', () => {
    const star = graph(6, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
      [0, 5],
    ]);
    const r = doubleEdgeSwaps(star, { rng: mulberry32(1), swapsPerEdge: 2 });
    expect(r.swaps).toBe(0);
    expect(r.attempts).toBe(20 * 2 * 5);
    expect(Array.from(r.csr.targets)).toEqual(Array.from(star.targets));
  });

  it('the 4-cycle stays a 4-cycle', () => {
    const cycle = graph(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]);
    const g = degreePreservingRandomization(cycle, { rng: mulberry32(6) });
    expect(Array.from(g.offsets)).toEqual([0, 2, 4, 6, 8]);
    expect(clusteringSummary(g).triangles).toBe(0);
  });

  it('the bit-matrix and hash tie sets accept the same swaps: the random graph is unchanged', () => {
    // Ten 12-cliques joined by random ties: most attempts are rejected because the new tie exists.
    const rng = mulberry32(5);
    const edges: [number, number][] = [];
    for (let c = 0; c < 10; c++)
      for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) edges.push([12 * c + i, 12 * c + j]);
    for (let k = 0; k < 150; k++) {
      const u = Math.floor(rng() * 120);
      const v = Math.floor(rng() * 120);
      if (u !== v && Math.floor(u / 12) !== Math.floor(v / 12)) edges.push([u, v]);
    }
    const csr = graph(120, edges);
    const checksum = (g: Csr): number => {
      let h = 0;
      for (let i = 0; i < g.targets.length; i++) h = (Math.imul(h, 31) + g.targets[i]) | 0;
      return h;
    };
    const bits = doubleEdgeSwaps(csr, { rng: mulberry32(7), tieSet: 'bits' });
    const hash = doubleEdgeSwaps(csr, { rng: mulberry32(7), tieSet: 'hash' });
    expect(Array.from(bits.csr.targets)).toEqual(Array.from(hash.csr.targets));
    // Pinned from the hash-set-only version (before the bit matrix): 795 ties, 7,950 swaps in
    // 10,147 attempts, the same graph.
    for (const r of [bits, hash, doubleEdgeSwaps(csr, { rng: mulberry32(7) })]) {
      expect([csr.targets.length / 2, r.swaps, r.attempts, checksum(r.csr)]).toEqual([
        795, 7950, 10147, -202922025,
      ]);
    }
  });

  it('rejects a negative swap count', () => {
    expect(() => doubleEdgeSwaps(graph(2, [[0, 1]]), { rng: mulberry32(1), swapsPerEdge: -1 })).toThrow(
      RangeError,
    );
  });
});

describe('average shortest path length', () => {
  it('path 0–1–2: (1 + 2 + 1 + 1 + 2 + 1) / 6 = 4/3; the largest component is used', () => {
    // Component {0,1,2} plus the pair {3,4} and the isolate 5.
    const g = graph(6, [
      [0, 1],
      [1, 2],
      [3, 4],
    ]);
    const p = averageShortestPathLength(g);
    expect(p.length).toBeCloseTo(4 / 3, 15);
    expect(p.componentSize).toBe(3);
    expect(p.exact).toBe(true);
  });

  it('ring lattice of 100 with 2 neighbours a side: L = 12.878787…, and sampling estimates it', () => {
    // Distances from any node: 1, 1, 1, 1, 2 × 4, …, 24 × 4, 25 × 3 → Σ = 1275, / 99 = 12.8788.
    const ring = ringLattice(100, 2);
    expect(averageShortestPathLength(ring).length).toBeCloseTo(1275 / 99, 12);
    // Every node of a vertex-transitive graph gives the same mean: any sample is exact.
    const s = averageShortestPathLength(ring, { sources: 10, rng: mulberry32(1) });
    expect(s.length).toBeCloseTo(1275 / 99, 12);
    expect(s.sources).toBe(10);
    expect(s.exact).toBe(false);
    expect(() => averageShortestPathLength(ring, { sources: 10 })).toThrow(RangeError);
  });

  it('bottom-up BFS steps on a dense graph give the same L as a plain BFS', () => {
    // G(300, 0.2) (bottom-up from the second level) with a path of 6 nodes hung on node 0 (deep levels).
    const rng = mulberry32(11);
    const edges: [number, number][] = [];
    for (let u = 0; u < 300; u++) for (let v = u + 1; v < 300; v++) if (rng() < 0.2) edges.push([u, v]);
    for (let i = 0; i < 6; i++) edges.push([i === 0 ? 0 : 299 + i, 300 + i]);
    const csr = graph(306, edges);
    let total = 0;
    for (let s = 0; s < csr.n; s++) {
      const dist = new Array(csr.n).fill(-1);
      dist[s] = 0;
      const queue = [s];
      for (let h = 0; h < queue.length; h++) {
        const v = queue[h];
        for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) {
          const w = csr.targets[a];
          if (dist[w] < 0) {
            dist[w] = dist[v] + 1;
            queue.push(w);
          }
        }
      }
      for (const d of dist) total += d;
    }
    expect(averageShortestPathLength(csr).length).toBe(total / (306 * 305));
  });

  it('fewer than 2 nodes in the largest component: NaN', () => {
    expect(averageShortestPathLength(graph(3, [])).length).toBeNaN();
    expect(averageShortestPathLength(graph(0, [])).length).toBeNaN();
  });
});

describe('small-world sigma', () => {
  it('ring lattice: high clustering and long paths give sigma ≫ 1 (5.21 with seed 1)', () => {
    const sw = smallWorldSigma(ringLattice(100, 2), { rng: mulberry32(1) });
    expect(sw.clustering).toBeCloseTo(0.5, 15);
    expect(sw.pathLength).toBeCloseTo(1275 / 99, 12);
    expect(sw.randomClustering).toBeLessThan(0.1);
    expect(sw.randomPathLength).toBeLessThan(5);
    expect(sw.sigma).toBeCloseTo(
      sw.clustering / sw.randomClustering / (sw.pathLength / sw.randomPathLength),
      12,
    );
    expect(sw.sigma).toBeCloseTo(5.209115797262301, 9);
  });

  it('a given observed clustering is used as given: the same figures when it is the true one', () => {
    const g = ringLattice(100, 2);
    const counted = smallWorldSigma(g, { rng: mulberry32(1), randomGraphs: 3 });
    const given = smallWorldSigma(g, { rng: mulberry32(1), randomGraphs: 3, observedClustering: 0.5 });
    expect(given).toEqual(counted);
    // sigma is proportional to C: half the given C, half the sigma (same random graphs)
    const half = smallWorldSigma(g, { rng: mulberry32(1), randomGraphs: 3, observedClustering: 0.25 });
    expect(half.clustering).toBe(0.25);
    expect(half.sigma).toBeCloseTo(counted.sigma / 2, 12);
  });

  it('a random graph is its own reference: sigma near 1', () => {
    const sw = smallWorldSigma(randomGraph(300, 0.05, 9), { rng: mulberry32(2), randomGraphs: 5 });
    expect(sw.sigma).toBeGreaterThan(0.8);
    expect(sw.sigma).toBeLessThan(1.25);
  });

  it('average clustering variant, progress and sampled path sources', () => {
    const calls: number[] = [];
    const sw = smallWorldSigma(randomGraph(200, 0.05, 3), {
      rng: mulberry32(3),
      randomGraphs: 3,
      clustering: 'average',
      pathSources: 20,
      onProgress: (done) => calls.push(done),
    });
    expect(calls).toEqual([1, 2, 3]);
    expect(sw.pathSources).toBe(20);
    expect(sw.exactPaths).toBe(false);
    expect(sw.clustering).toBeCloseTo(clusteringSummary(randomGraph(200, 0.05, 3)).averageClustering, 15);
  });

  it('undefined without triangles or for tiny graphs, with a reason', () => {
    const tree = graph(7, [
      [0, 1],
      [0, 2],
      [1, 3],
      [1, 4],
      [2, 5],
      [2, 6],
    ]);
    const t = smallWorldSigma(tree, { rng: mulberry32(1) });
    expect(t.sigma).toBeNaN();
    expect(t.reason).toMatch(/no triangles/);
    const tiny = smallWorldSigma(graph(3, [[0, 1]]), { rng: mulberry32(1) });
    expect(tiny.sigma).toBeNaN();
    expect(tiny.reason).toMatch(/fewer than 3 nodes/);
    expect(() => smallWorldSigma(tree, { rng: mulberry32(1), randomGraphs: 0 })).toThrow(RangeError);
  });
});
