import { describe, expect, it } from 'vitest';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { louvain, modularity } from '../../src/graph/louvain.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

function graph(n: number, edges: number[][]): Csr {
  return buildUndirectedCsr(
    n,
    Int32Array.from(edges, (e) => e[0]),
    Int32Array.from(edges, (e) => e[1]),
    edges.some((e) => e.length > 2) ? Float64Array.from(edges, (e) => e[2] ?? 1) : undefined,
  );
}

/** Two triangles {0,1,2} and {3,4,5} joined by the tie 2–3: m = 7, each side d_c = 7, L_c = 3. */
const twoTriangles = graph(6, [
  [0, 1],
  [1, 2],
  [0, 2],
  [3, 4],
  [4, 5],
  [3, 5],
  [2, 3],
]);

describe('modularity', () => {
  it('two triangles split at the bridge: Q = 2 × (3/7 − (7/14)²) = 5/14', () => {
    expect(modularity(twoTriangles, Int32Array.from([0, 0, 0, 1, 1, 1]))).toBeCloseTo(5 / 14, 15);
  });

  it('resolution 2: Q = 2 × (3/7 − 2 × 1/4) = −1/7', () => {
    expect(modularity(twoTriangles, Int32Array.from([0, 0, 0, 1, 1, 1]), 2)).toBeCloseTo(-1 / 7, 15);
  });

  it('one community holding everything has Q = 1 − 1 = 0; singletons have Q = −Σ (d_i/2m)²', () => {
    expect(modularity(twoTriangles, new Int32Array(6))).toBeCloseTo(0, 15);
    // degrees 2,2,3,3,2,2 over 2m = 14: −(4·4 + 2·9)/196 = −34/196.
    expect(modularity(twoTriangles, Int32Array.from([0, 1, 2, 3, 4, 5]))).toBeCloseTo(-34 / 196, 15);
  });

  it('uses weights: path 0–1–2–3 with weights 10, 1, 10 split into {0,1} {2,3}', () => {
    // m = 21; each side L_c = 10, d_c = 10 + 11 = 21: Q = 2 × (10/21 − (21/42)²) = 20/21 − 1/2.
    const path = graph(4, [
      [0, 1, 10],
      [1, 2, 1],
      [2, 3, 10],
    ]);
    expect(modularity(path, Int32Array.from([0, 0, 1, 1]))).toBeCloseTo(20 / 21 - 1 / 2, 15);
  });

  it('labels need not be dense; a graph without ties gives NaN; bad input throws', () => {
    expect(modularity(twoTriangles, Int32Array.from([7, 7, 7, 2, 2, 2]))).toBeCloseTo(5 / 14, 15);
    expect(modularity(graph(3, []), new Int32Array(3))).toBeNaN();
    expect(() => modularity(twoTriangles, new Int32Array(5))).toThrow(RangeError);
    expect(() => modularity(twoTriangles, Int32Array.from([0, 0, 0, 1, 1, -1]))).toThrow(RangeError);
  });
});

describe('Louvain', () => {
  it('two triangles: the two sides, Q = 5/14, for any seed', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = louvain(twoTriangles, { rng: mulberry32(seed) });
      expect(Array.from(r.communities)).toEqual([0, 0, 0, 1, 1, 1]);
      expect(r.count).toBe(2);
      expect(r.modularity).toBeCloseTo(5 / 14, 15);
    }
  });

  it('ring of 6 cliques K5 joined by single ties: one community per clique (needs aggregation)', () => {
    const edges: number[][] = [];
    for (let c = 0; c < 6; c++) {
      for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push([5 * c + i, 5 * c + j]);
      edges.push([5 * c + 4, (5 * (c + 1)) % 30]);
    }
    const csr = graph(30, edges);
    const r = louvain(csr, { rng: mulberry32(5) });
    expect(r.count).toBe(6);
    for (let i = 0; i < 30; i++) expect(r.communities[i]).toBe(Math.floor(i / 5));
    // Each clique: L_c = 10, d_c = 22; m = 66: Q = 6 × (10/66 − (22/132)²) = 60/66 − 1/6.
    expect(r.modularity).toBeCloseTo(60 / 66 - 1 / 6, 12);
  });

  it('weights decide: heavy ties 0–1 and 2–3 keep their ends together', () => {
    const path = graph(4, [
      [0, 1, 10],
      [1, 2, 1],
      [2, 3, 10],
    ]);
    const r = louvain(path, { rng: mulberry32(1) });
    expect(Array.from(r.communities)).toEqual([0, 0, 1, 1]);
  });

  it('isolated nodes are communities of their own; no ties → singletons and NaN modularity', () => {
    const csr = graph(5, [
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    const r = louvain(csr, { rng: mulberry32(1) });
    expect(Array.from(r.communities)).toEqual([0, 0, 0, 1, 2]);
    expect(r.count).toBe(3);
    const none = louvain(graph(3, []), { rng: mulberry32(1) });
    expect(Array.from(none.communities)).toEqual([0, 1, 2]);
    expect(none.modularity).toBeNaN();
    expect(none.levels).toBe(0);
  });

  it('same seed, same partition; higher resolution, more communities', () => {
    const rng = mulberry32(77);
    const edges: number[][] = [];
    for (let u = 0; u < 200; u++) {
      for (let v = u + 1; v < 200; v++)
        if (rng() < (Math.floor(u / 40) === Math.floor(v / 40) ? 0.2 : 0.01)) edges.push([u, v]);
    }
    const csr = graph(200, edges);
    const a = louvain(csr, { rng: mulberry32(3) });
    const b = louvain(csr, { rng: mulberry32(3) });
    expect(Array.from(a.communities)).toEqual(Array.from(b.communities));
    expect(a.modularity).toBe(modularity(csr, a.communities));
    const fine = louvain(csr, { rng: mulberry32(3), resolution: 4 });
    expect(fine.count).toBeGreaterThan(a.count);
    expect(() => louvain(csr, { rng: mulberry32(3), resolution: 0 })).toThrow(RangeError);
  });
});
