import { describe, expect, it } from 'vitest';
import {
  averageClustering,
  clusteringSummary,
  localClustering,
  totalTriangles,
  transitivity,
  trianglesPerNode,
} from '../../src/graph/clustering.ts';
import { buildUndirectedCsr } from '../../src/graph/csr.ts';
import { projectBipartite } from '../../src/graph/projection.ts';
import { powerLaw, randomParticipations } from './random.ts';

const graph = (n: number, edges: [number, number][]) =>
  buildUndirectedCsr(n, Int32Array.from(edges.map((e) => e[0])), Int32Array.from(edges.map((e) => e[1])));

describe('triangles and clustering', () => {
  it('triangle plus pendant', () => {
    // Ties 01 02 12 23. One triangle {0,1,2}; degrees 2,2,3,1.
    // Connected triples Σ d(d-1)/2 = 1 + 1 + 3 + 0 = 5, so transitivity = 3·1/5 = 0.6.
    // Local: nodes 0 and 1 have their one neighbour pair tied → 1; node 2 has pairs
    // {0,1} {0,3} {1,3}, one tied → 1/3; node 3 has degree 1 → 0. Average (1+1+1/3+0)/4 = 7/12.
    const g = graph(4, [
      [0, 1],
      [0, 2],
      [1, 2],
      [2, 3],
    ]);
    expect(Array.from(trianglesPerNode(g))).toEqual([1, 1, 1, 0]);
    expect(totalTriangles(g)).toBe(1);
    expect(transitivity(g)).toBeCloseTo(0.6, 15);
    const local = localClustering(g);
    expect(local[0]).toBe(1);
    expect(local[1]).toBe(1);
    expect(local[2]).toBeCloseTo(1 / 3, 15);
    expect(local[3]).toBe(0);
    expect(averageClustering(g)).toBeCloseTo(7 / 12, 15);
  });

  it('complete graph K4 and K5', () => {
    // K4: C(4,3) = 4 triangles, each node in C(3,2) = 3 of them; everything clusters to 1.
    const k4 = graph(4, [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    const s = clusteringSummary(k4);
    expect(s.triangles).toBe(4);
    expect(Array.from(s.nodeTriangles)).toEqual([3, 3, 3, 3]);
    expect(Array.from(s.local)).toEqual([1, 1, 1, 1]);
    expect(s.transitivity).toBe(1);
    expect(s.averageClustering).toBe(1);
    // K5: C(5,3) = 10 triangles, 6 per node.
    const edges: [number, number][] = [];
    for (let u = 0; u < 5; u++) for (let v = u + 1; v < 5; v++) edges.push([v, u]);
    expect(totalTriangles(graph(5, edges))).toBe(10);
    expect(Array.from(trianglesPerNode(graph(5, edges)))).toEqual([6, 6, 6, 6, 6]);
  });

  it('two triangles sharing an edge (a "diamond") plus isolates', () => {
    // Ties 01 02 12 13 23: triangles {0,1,2} and {1,2,3}; degrees 2,3,3,2; node 4 isolated.
    // t = [1,2,2,1]; local = [1, 2·2/(3·2), 2·2/(3·2), 1, 0] = [1, 2/3, 2/3, 1, 0].
    // Triples 1+3+3+1 = 8, transitivity 3·2/8 = 0.75; average (1+2/3+2/3+1+0)/5 = 2/3.
    const g = graph(5, [
      [0, 1],
      [0, 2],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    const s = clusteringSummary(g);
    expect(s.triangles).toBe(2);
    expect(Array.from(s.nodeTriangles)).toEqual([1, 2, 2, 1, 0]);
    expect(s.local[1]).toBeCloseTo(2 / 3, 15);
    expect(s.transitivity).toBeCloseTo(0.75, 15);
    expect(s.averageClustering).toBeCloseTo(2 / 3, 15);
  });

  it('graphs without triangles or nodes', () => {
    // A star has triples but no triangles → transitivity 0 (networkx returns 0 too).
    const star = clusteringSummary(
      graph(5, [
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
      ]),
    );
    expect(star.triangles).toBe(0);
    expect(star.transitivity).toBe(0);
    expect(star.averageClustering).toBe(0);
    const empty = clusteringSummary(graph(0, []));
    expect(empty.triangles).toBe(0);
    expect(empty.transitivity).toBe(0);
    expect(empty.averageClustering).toBe(0);
    expect(empty.local.length).toBe(0);
  });

  it('single functions agree with the summary and with brute force', () => {
    const cases = [
      (() => {
        const { n, sources, targets } = powerLaw(120, 900, 0.9, 5);
        return buildUndirectedCsr(n, sources, targets);
      })(),
      (() => {
        const { org, project } = randomParticipations(80, 40, 8, 6);
        return projectBipartite(80, 40, org, project);
      })(),
    ];
    for (const g of cases) {
      const n = g.n;
      const adjacent = (u: number, v: number) => {
        for (let a = g.offsets[u]; a < g.offsets[u + 1]; a++) if (g.targets[a] === v) return true;
        return false;
      };
      const brute = new Float64Array(n);
      let total = 0;
      for (let u = 0; u < n; u++) {
        for (let v = u + 1; v < n; v++) {
          if (!adjacent(u, v)) continue;
          for (let w = v + 1; w < n; w++) {
            if (adjacent(u, w) && adjacent(v, w)) {
              brute[u]++;
              brute[v]++;
              brute[w]++;
              total++;
            }
          }
        }
      }
      const s = clusteringSummary(g);
      expect(total).toBeGreaterThan(0);
      expect(s.triangles).toBe(total);
      expect(Array.from(s.nodeTriangles)).toEqual(Array.from(brute));
      expect(Array.from(trianglesPerNode(g))).toEqual(Array.from(brute));
      expect(totalTriangles(g)).toBe(total);
      expect(Array.from(localClustering(g))).toEqual(Array.from(s.local));
      expect(transitivity(g)).toBe(s.transitivity);
      expect(averageClustering(g)).toBe(s.averageClustering);
    }
  });
});
