import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROKERAGE_ROLES, brokerageRoles } from '../../src/graph/brokerage.ts';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

function graph(n: number, edges: [number, number][]): Csr {
  return buildUndirectedCsr(
    n,
    Int32Array.from(edges, (e) => e[0]),
    Int32Array.from(edges, (e) => e[1]),
  );
}

const path3 = graph(3, [
  [0, 1],
  [1, 2],
]);

/** Star with centre 0 and leaves 1 … 4. */
const star = graph(5, [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
]);

const roles = (csr: Csr, groups: number[]) => brokerageRoles(csr, Int32Array.from(groups));

/**
 * The published definition written out (Gould & Fernandez 1989, directed): every ordered two-path
 * a → b → c over the symmetrised graph, a ≠ c, with a → c absent, classified by the groups.
 */
function bruteForce(csr: Csr, group: Int32Array): Record<string, number[]> {
  const { n, offsets, targets } = csr;
  const tied = (a: number, c: number) => {
    for (let k = offsets[a]; k < offsets[a + 1]; k++) if (targets[k] === c) return true;
    return false;
  };
  const out: Record<string, number[]> = Object.fromEntries(
    BROKERAGE_ROLES.map((r) => [r, new Array(n).fill(0)]),
  );
  for (let b = 0; b < n; b++) {
    if (group[b] < 0) continue;
    const nb = Array.from(targets.subarray(offsets[b], offsets[b + 1])).filter((v) => group[v] >= 0);
    for (const a of nb) {
      for (const c of nb) {
        if (a === c || tied(a, c)) continue;
        const [ga, gb, gc] = [group[a], group[b], group[c]];
        if (ga === gb && gb === gc) out.coordinator[b]++;
        else if (ga === gc) out.itinerant[b]++;
        else if (gb === gc) out.gatekeeper[b]++;
        else if (ga === gb) out.representative[b]++;
        else out.liaison[b]++;
      }
    }
  }
  return out;
}

describe('Gould–Fernandez brokerage roles', () => {
  it('the path a–b–c in each of the five configurations', () => {
    // b = node 1 brokers the single open pair {0, 2}: the ordered paths 0 → 1 → 2 and 2 → 1 → 0.
    const gk = roles(path3, [0, 0, 1]);
    expect(Array.from(gk.gatekeeper)).toEqual([0, 1, 0]); // 2 → 1 → 0 enters group 0
    expect(Array.from(gk.representative)).toEqual([0, 1, 0]); // 0 → 1 → 2 leaves it
    expect(gk.coordinator[1] + gk.itinerant[1] + gk.liaison[1]).toBe(0);
    // One scale for all five roles (issue 7): the same pair is two paths of a same-class role.
    expect(Array.from(roles(path3, [0, 1, 0]).itinerant)).toEqual([0, 2, 0]);
    expect(Array.from(roles(path3, [0, 0, 0]).coordinator)).toEqual([0, 2, 0]);
    expect(Array.from(roles(path3, [0, 1, 2]).liaison)).toEqual([0, 2, 0]);
    // b in the group of c but not of a: the same pair, so also gatekeeper and representative.
    expect(Array.from(roles(path3, [1, 0, 0]).gatekeeper)).toEqual([0, 1, 0]);
  });

  it('a closed triangle brokers nothing', () => {
    const triangle = graph(3, [
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    const r = roles(triangle, [0, 1, 2]);
    for (const role of BROKERAGE_ROLES) expect(Array.from(r[role])).toEqual([0, 0, 0]);
  });

  it('star with groups [0,0,0,1,1]: the centre has 6 open pairs', () => {
    // Leaves 1, 2 share the centre's group; 3, 4 are outside.
    // 12 ordered paths: 1→0→2, 2→0→1 coordinator; 3→0→4, 4→0→3 itinerant; 3→0→1, 3→0→2, 4→0→1,
    // 4→0→2 gatekeeper; the four reverse paths representative.
    const r = roles(star, [0, 0, 0, 1, 1]);
    expect(r.coordinator[0]).toBe(2);
    expect(r.itinerant[0]).toBe(2);
    expect(r.gatekeeper[0]).toBe(4);
    expect(r.representative[0]).toBe(4);
    expect(r.liaison[0]).toBe(0);
    for (let leaf = 1; leaf <= 4; leaf++) for (const role of BROKERAGE_ROLES) expect(r[role][leaf]).toBe(0);
  });

  it('closing a pair removes it; unknown groups leave pairs out', () => {
    // Tie 1–3 closes the mixed pair {1,3}: gatekeeper 3.
    const closed = graph(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
      [1, 3],
    ]);
    expect(roles(closed, [0, 0, 0, 1, 1]).gatekeeper[0]).toBe(3);
    // Leaf 4 unknown: pairs {1,4} {2,4} {3,4} are not counted → coordinator 2, gatekeeper 2, itinerant 0.
    const r = roles(star, [0, 0, 0, 1, -1]);
    expect([r.coordinator[0], r.itinerant[0], r.gatekeeper[0], r.liaison[0]]).toEqual([2, 0, 2, 0]);
    // Centre unknown: nothing at all.
    const none = roles(star, [-1, 0, 0, 1, 1]);
    for (const role of BROKERAGE_ROLES) expect(none[role][0]).toBe(0);
  });

  it('matches the pair-by-pair definition on random graphs', () => {
    const rng = mulberry32(8);
    for (let trial = 0; trial < 4; trial++) {
      const n = 120;
      const edges: [number, number][] = [];
      for (let u = 0; u < n; u++)
        for (let v = u + 1; v < n; v++) if (rng() < 0.04 + 0.03 * trial) edges.push([u, v]);
      const csr = graph(n, edges);
      const group = Int32Array.from({ length: n }, () =>
        rng() < 0.1 ? -1 : Math.floor(rng() * (2 + trial)),
      );
      const fast = brokerageRoles(csr, group);
      const slow = bruteForce(csr, group);
      for (const role of BROKERAGE_ROLES) expect(Array.from(fast[role])).toEqual(slow[role]);
    }
  });

  it('matches an independent brute force over networkx (Python) on a random graph', () => {
    // test/graph/brokerage_reference.py walks every ordered two-path of the symmetrised DiGraph
    const rng = mulberry32(21);
    const n = 80;
    const edges: [number, number][] = [];
    for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (rng() < 0.08) edges.push([u, v]);
    const groups = Array.from({ length: n }, () => (rng() < 0.1 ? -1 : Math.floor(rng() * 4)));
    const run = spawnSync(
      '/usr/bin/python3',
      [fileURLToPath(new URL('./brokerage_reference.py', import.meta.url))],
      { input: JSON.stringify({ n, edges, groups }), encoding: 'utf8' },
    );
    if (run.error || run.status !== 0)
      throw new Error(`brokerage_reference.py failed: ${run.error?.message ?? run.stderr}`);
    const reference = JSON.parse(run.stdout) as Record<string, number[]>;
    const fast = brokerageRoles(graph(n, edges), Int32Array.from(groups));
    let paths = 0;
    for (const role of BROKERAGE_ROLES) {
      expect(Array.from(fast[role])).toEqual(reference[role]);
      paths += reference[role].reduce((a, b) => a + b, 0);
    }
    expect(paths).toBeGreaterThan(1000); // the graph is not trivially small
  });

  it('rejects labels of the wrong length', () => {
    expect(() => roles(path3, [0, 1])).toThrow(RangeError);
  });
});
