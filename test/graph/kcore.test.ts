import { describe, expect, it } from 'vitest';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { coreNumbers, kCoreSizes } from '../../src/graph/kcore.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

function graph(n: number, edges: [number, number][]): Csr {
  return buildUndirectedCsr(
    n,
    Int32Array.from(edges, (e) => e[0]),
    Int32Array.from(edges, (e) => e[1]),
  );
}

/** Textbook peeling: repeatedly delete a node of minimum remaining degree (O(n²), for checking). */
function peel(csr: Csr): number[] {
  const { n, offsets, targets } = csr;
  const deg = Array.from({ length: n }, (_, i) => offsets[i + 1] - offsets[i]);
  const gone = new Array<boolean>(n).fill(false);
  const core = new Array<number>(n).fill(0);
  let k = 0;
  for (let step = 0; step < n; step++) {
    let v = -1;
    for (let i = 0; i < n; i++) if (!gone[i] && (v < 0 || deg[i] < deg[v])) v = i;
    k = Math.max(k, deg[v]);
    core[v] = k;
    gone[v] = true;
    for (let a = offsets[v]; a < offsets[v + 1]; a++) if (!gone[targets[a]]) deg[targets[a]]--;
  }
  return core;
}

describe('core numbers (Batagelj–Zaversnik)', () => {
  it('triangle with a pendant and an isolate', () => {
    // Triangle {0,1,2} is a 2-core; 3 hangs on 2 (core 1); 4 has no ties (core 0).
    const csr = graph(5, [
      [0, 1],
      [1, 2],
      [0, 2],
      [2, 3],
    ]);
    expect(Array.from(coreNumbers(csr))).toEqual([2, 2, 2, 1, 0]);
    expect(Array.from(kCoreSizes(coreNumbers(csr)))).toEqual([5, 4, 3]);
  });

  it('complete graph K5 is a 4-core; a 5-cycle a 2-core', () => {
    const k5: [number, number][] = [];
    for (let u = 0; u < 5; u++) for (let v = u + 1; v < 5; v++) k5.push([u, v]);
    expect(Array.from(coreNumbers(graph(5, k5)))).toEqual([4, 4, 4, 4, 4]);
    const cycle = graph(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 0],
    ]);
    expect(Array.from(coreNumbers(cycle))).toEqual([2, 2, 2, 2, 2]);
  });

  it('a star is a 1-core even though its centre has degree 6', () => {
    const star = graph(
      7,
      [1, 2, 3, 4, 5, 6].map((v): [number, number] => [0, v]),
    );
    expect(Array.from(coreNumbers(star))).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('empty graph and kCoreSizes of nothing', () => {
    expect(coreNumbers(graph(0, [])).length).toBe(0);
    expect(kCoreSizes(new Int32Array(0)).length).toBe(0);
    expect(Array.from(coreNumbers(graph(3, [])))).toEqual([0, 0, 0]);
    expect(Array.from(kCoreSizes(new Int32Array(3)))).toEqual([3]);
  });

  it('matches textbook peeling on random graphs', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 5; trial++) {
      const n = 80;
      const edges: [number, number][] = [];
      for (let u = 0; u < n; u++)
        for (let v = u + 1; v < n; v++) if (rng() < 0.03 + 0.05 * trial) edges.push([u, v]);
      const csr = graph(n, edges);
      expect(Array.from(coreNumbers(csr))).toEqual(peel(csr));
    }
  });
});
