import { describe, expect, it } from 'vitest';
import { buildUndirectedCsr, type Csr, degrees, edgeCount, mergeEdges } from '../../src/graph/csr.ts';
import { mulberry32, powerLaw, randomInt } from './random.ts';

const i32 = (xs: number[]) => Int32Array.from(xs);
const f64 = (xs: number[]) => Float64Array.from(xs);

/** Rows as plain arrays of [neighbour, weight]. */
function rows(csr: Csr): [number, number][][] {
  const out: [number, number][][] = [];
  for (let i = 0; i < csr.n; i++) {
    const row: [number, number][] = [];
    for (let a = csr.offsets[i]; a < csr.offsets[i + 1]; a++) row.push([csr.targets[a], csr.weights[a]]);
    out.push(row);
  }
  return out;
}

describe('buildUndirectedCsr', () => {
  it('merges reversed duplicates, drops self-loops, keeps isolates (doc example)', () => {
    // Edges (0,1) (1,0) (1,2) (2,2) (2,0) on 4 nodes: {0,1} is listed twice → weight 2,
    // (2,2) is a loop → dropped, node 3 has no ties.
    const g = buildUndirectedCsr(4, i32([0, 1, 1, 2, 2]), i32([1, 0, 2, 2, 0]));
    expect(g.n).toBe(4);
    expect(Array.from(g.offsets)).toEqual([0, 2, 4, 6, 6]);
    expect(Array.from(g.targets)).toEqual([1, 2, 0, 2, 0, 1]);
    expect(Array.from(g.weights)).toEqual([2, 1, 2, 1, 1, 1]);
    expect(edgeCount(g)).toBe(3);
    expect(Array.from(degrees(g))).toEqual([2, 2, 2, 0]);
  });

  it('sums given weights over repeats in either orientation', () => {
    // {0,2}: 0.5 + 1.5 + 2 = 4; {1,2}: 3; loop (1,1) with weight 100 is dropped.
    const g = buildUndirectedCsr(3, i32([0, 2, 1, 0, 1]), i32([2, 0, 2, 2, 1]), f64([0.5, 1.5, 3, 2, 100]));
    expect(rows(g)).toEqual([
      [[2, 4]],
      [[2, 3]],
      [
        [0, 4],
        [1, 3],
      ],
    ]);
    expect(edgeCount(g)).toBe(2);
  });

  it('sorts each row ascending whatever the input order', () => {
    // A star centred on 5 listed in scrambled order, plus the path 4–2–0.
    const g = buildUndirectedCsr(6, i32([5, 3, 5, 0, 5, 2, 5]), i32([4, 5, 0, 2, 1, 4, 2]));
    expect(rows(g).map((r) => r.map(([v]) => v))).toEqual([
      [2, 5],
      [5],
      [0, 4, 5],
      [5],
      [2, 5],
      [0, 1, 2, 3, 4],
    ]);
  });

  it('handles empty inputs', () => {
    const empty = buildUndirectedCsr(0, i32([]), i32([]));
    expect(Array.from(empty.offsets)).toEqual([0]);
    expect(edgeCount(empty)).toBe(0);
    const isolates = buildUndirectedCsr(3, i32([1]), i32([1]));
    expect(Array.from(isolates.offsets)).toEqual([0, 0, 0, 0]);
    expect(isolates.targets.length).toBe(0);
    expect(Array.from(degrees(isolates))).toEqual([0, 0, 0]);
  });

  it('rejects bad ids and mismatched lengths', () => {
    expect(() => buildUndirectedCsr(2, i32([0]), i32([2]))).toThrow(RangeError);
    expect(() => buildUndirectedCsr(2, i32([-1]), i32([0]))).toThrow(RangeError);
    expect(() => buildUndirectedCsr(2, i32([0, 1]), i32([1]))).toThrow(RangeError);
    expect(() => buildUndirectedCsr(2, i32([0]), i32([1]), f64([1, 2]))).toThrow(RangeError);
    expect(() => buildUndirectedCsr(-1, i32([]), i32([]))).toThrow(RangeError);
  });

  it('agrees with a naive pair dictionary on random multigraphs', () => {
    for (const seed of [1, 2, 3]) {
      const list = powerLaw(200, 3000, 0.8, seed);
      checkAgainstNaive(list.n, list.sources, list.targets, seed);
    }
  });

  it('agrees with the naive result above 2^17 nodes (cache-bucketed radix path)', () => {
    // n > TRANSPOSE_MAX_NODES switches to the bucketed radix ordering; hubs give long rows that
    // span several target digits, low ids crowd the first source bucket.
    const list = powerLaw(150_000, 50_000, 0.6, 9);
    checkAgainstNaive(list.n, list.sources, list.targets, 9);
    // Uniform pairs: every source bucket populated.
    const rnd = mulberry32(10);
    const n = 1 << 18;
    const sources = new Int32Array(30_000);
    const targets = new Int32Array(30_000);
    for (let k = 0; k < sources.length; k++) {
      sources[k] = randomInt(rnd, n);
      targets[k] = k % 7 === 0 ? sources[k] : randomInt(rnd, n);
    }
    sources.copyWithin(0, 20_000, 25_000); // repeats
    targets.copyWithin(0, 20_000, 25_000);
    checkAgainstNaive(n, sources, targets, 10);
  });
});

/** Build with and without weights and compare every row with a dictionary of unordered pairs. */
function checkAgainstNaive(n: number, sources: Int32Array, targets: Int32Array, seed: number): void {
  const rnd = mulberry32(seed + 100);
  const weights = new Float64Array(sources.length);
  for (let k = 0; k < weights.length; k++) weights[k] = 1 + randomInt(rnd, 5);
  for (const w of [undefined, weights]) {
    const expected = new Map<number, number>();
    for (let k = 0; k < sources.length; k++) {
      const u = sources[k];
      const v = targets[k];
      if (u === v) continue;
      const key = Math.min(u, v) * n + Math.max(u, v);
      expected.set(key, (expected.get(key) ?? 0) + (w ? w[k] : 1));
    }
    const g = buildUndirectedCsr(n, sources, targets, w);
    expect(edgeCount(g)).toBe(expected.size);
    // Expected arcs in CSR order: key u·n + v for both orientations, sorted numerically.
    const keys = new Float64Array(2 * expected.size);
    let k = 0;
    for (const key of expected.keys()) {
      const u = Math.floor(key / n);
      const v = key % n;
      keys[k++] = u * n + v;
      keys[k++] = v * n + u;
    }
    keys.sort();
    const offsets = new Int32Array(n + 1);
    for (const key of keys) offsets[Math.floor(key / n) + 1]++;
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    let mismatches = 0;
    for (let i = 0; i <= n; i++) if (g.offsets[i] !== offsets[i]) mismatches++;
    for (let a = 0; a < keys.length; a++) {
      const u = Math.floor(keys[a] / n);
      const v = keys[a] % n;
      const weight = expected.get(Math.min(u, v) * n + Math.max(u, v));
      if (g.targets[a] !== v || g.weights[a] !== weight) mismatches++;
    }
    expect(mismatches).toBe(0);
  }
}

describe('mergeEdges', () => {
  it('adds edges to a CSR, summing weights on shared pairs and leaving out unknown ends', () => {
    // CSR: the tie {0,1} of weight 2 on 3 nodes. Edges (1,0,0.5) joins it → 2.5; (1,2,1) is new;
    // (−1,2,1) has an unknown end and is left out.
    const csr = buildUndirectedCsr(3, i32([0]), i32([1]), f64([2]));
    const merged = mergeEdges(csr, i32([1, 1, -1]), i32([0, 2, 2]), f64([0.5, 1, 1]));
    expect(rows(merged)).toEqual([
      [[1, 2.5]],
      [
        [0, 2.5],
        [2, 1],
      ],
      [[1, 1]],
    ]);
    // The CSR's weight comes first in each sum: (0.1 + 0.2) + 0.3 = 0.6000000000000001.
    const tenth = buildUndirectedCsr(2, i32([0]), i32([1]), f64([0.1]));
    expect(rows(mergeEdges(tenth, i32([0, 1]), i32([1, 0]), f64([0.2, 0.3])))[0]).toEqual([
      [1, 0.1 + 0.2 + 0.3],
    ]);
  });
});
