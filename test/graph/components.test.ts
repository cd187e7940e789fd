import { describe, expect, it } from 'vitest';
import { connectedComponents } from '../../src/graph/components.ts';
import { buildUndirectedCsr } from '../../src/graph/csr.ts';
import { gnp } from './random.ts';

const graph = (n: number, edges: [number, number][]) =>
  buildUndirectedCsr(n, Int32Array.from(edges.map((e) => e[0])), Int32Array.from(edges.map((e) => e[1])));

describe('connectedComponents', () => {
  it('labels components by their smallest node (doc example)', () => {
    // Ties {0,3} {3,4} on 5 nodes: {0,3,4} gets label 0 (it holds node 0), then the isolates
    // 1 and 2 get labels 1 and 2.
    const c = connectedComponents(
      graph(5, [
        [0, 3],
        [3, 4],
      ]),
    );
    expect(Array.from(c.labels)).toEqual([0, 1, 2, 0, 0]);
    expect(Array.from(c.sizes)).toEqual([3, 1, 1]);
    expect(c.count).toBe(3);
    expect(c.largest).toBe(3);
  });

  it('triangle plus pendant plus an isolate', () => {
    // Ties 01 02 12 23 and node 4 alone → two components of sizes 4 and 1.
    const c = connectedComponents(
      graph(5, [
        [0, 1],
        [0, 2],
        [1, 2],
        [2, 3],
      ]),
    );
    expect(c.count).toBe(2);
    expect(Array.from(c.labels)).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(c.sizes)).toEqual([4, 1]);
    expect(c.largest).toBe(4);
  });

  it('numbers a later-started component after an earlier one even if its nodes are larger', () => {
    // Components {1,5} and {2,3}; 0 and 4 are isolates: labels follow smallest members 0,1,2,4.
    const c = connectedComponents(
      graph(6, [
        [5, 1],
        [3, 2],
      ]),
    );
    expect(Array.from(c.labels)).toEqual([0, 1, 2, 2, 3, 1]);
    expect(Array.from(c.sizes)).toEqual([1, 2, 2, 1]);
  });

  it('handles the empty graph and the edgeless graph', () => {
    const empty = connectedComponents(graph(0, []));
    expect(empty.count).toBe(0);
    expect(empty.largest).toBe(0);
    expect(empty.sizes.length).toBe(0);
    const edgeless = connectedComponents(graph(3, []));
    expect(edgeless.count).toBe(3);
    expect(Array.from(edgeless.labels)).toEqual([0, 1, 2]);
    expect(edgeless.largest).toBe(1);
  });

  it('labels are consistent with every tie and sizes add up', () => {
    const { n, sources, targets } = gnp(400, 0.004, 7);
    const g = buildUndirectedCsr(n, sources, targets);
    const c = connectedComponents(g);
    for (let k = 0; k < sources.length; k++) expect(c.labels[sources[k]]).toBe(c.labels[targets[k]]);
    expect(c.sizes.reduce((a, b) => a + b, 0)).toBe(n);
    // First appearance of each label is in increasing order.
    let next = 0;
    for (let i = 0; i < n; i++) {
      if (c.labels[i] === next) next++;
      else expect(c.labels[i]).toBeLessThan(next);
    }
    expect(next).toBe(c.count);
  });
});
