/**
 * Gould–Fernandez brokerage roles on an undirected CSR graph with a group label per node (Gould &
 * Fernandez, "Structures of mediation: a formal approach to brokerage in transaction networks",
 * Sociological Methodology 19, 1989). The closed pairs they subtract come from
 * brokerage-triangles.ts; their z-scores against a label-permutation null are brokerage-z.ts.
 */

import {
  type Closed,
  closedPairs,
  closedPairsStored,
  closedPairsStoredTwoGroups,
  type Oriented,
  orient,
  type TriangleStore,
} from './brokerage-triangles.ts';
import type { Csr } from './csr.ts';

/** One count (or statistic) per node for each of the five brokerage roles. */
export interface BrokerageRoles {
  /** a, b, c all in one group: b brokers inside its own group. */
  coordinator: Float64Array;
  /** a and c in one group, b in another: b brokers for an outside group. */
  itinerant: Float64Array;
  /** b in c's group, a outside: b controls access into its group (a → b → c). */
  gatekeeper: Float64Array;
  /** b in a's group, c outside: b speaks for its group to the outside (a → b → c). */
  representative: Float64Array;
  /** a, b, c in three different groups. */
  liaison: Float64Array;
}

/** The role names, in the order used by tables and loops. */
export const BROKERAGE_ROLES = [
  'coordinator',
  'itinerant',
  'gatekeeper',
  'representative',
  'liaison',
] as const;
export type BrokerageRole = (typeof BROKERAGE_ROLES)[number];

/** Working storage of countRoles, reused across the permutations of brokerage-z.ts. */
export interface Workspace {
  oriented: Oriented;
  closed: Closed;
  flag: Uint8Array;
  groupCount: Float64Array;
  touched: Int32Array;
  /** Stored triangles (permutation runs only, when few enough), else null: list them each time. */
  store: TriangleStore | null;
  /** With labels in {−1, 0, 1} only: per node, triangles by its other corners in group 1 (3 slots). */
  byOthers: Int32Array | null;
}

/**
 * Storage for counting the roles on `csr` with labels below `groups`: the oriented graph, and the
 * three slots per node of closedPairsStoredTwoGroups when there are at most two groups. No triangles
 * are stored (`store` null); brokerage-z.ts stores them for its permutations.
 */
export function workspace(csr: Csr, groups: number): Workspace {
  const n = csr.n;
  return {
    oriented: orient(csr),
    closed: {
      all: new Float64Array(n),
      sameOwn: new Float64Array(n),
      sameOther: new Float64Array(n),
      mixedOwn: new Float64Array(n),
    },
    flag: new Uint8Array(n),
    groupCount: new Float64Array(groups),
    touched: new Int32Array(n),
    store: null,
    byOthers: groups <= 2 ? new Int32Array(3 * n) : null,
  };
}

/** Five arrays of n zeros, one per role. */
export function emptyRoles(n: number): BrokerageRoles {
  return {
    coordinator: new Float64Array(n),
    itinerant: new Float64Array(n),
    gatekeeper: new Float64Array(n),
    representative: new Float64Array(n),
    liaison: new Float64Array(n),
  };
}

/** The number of groups (largest label + 1) after checking that `group` has one label per node. */
export function checkGroups(csr: Csr, group: Int32Array): number {
  if (group.length !== csr.n) throw new RangeError(`group has length ${group.length}, expected ${csr.n}`);
  let max = -1;
  for (let i = 0; i < group.length; i++) if (group[i] > max) max = group[i];
  return max + 1;
}

/** C(k, 2), and +0 (not −0) for k < 2. */
function halfPairs(k: number): number {
  return k > 1 ? (k * (k - 1)) / 2 : 0;
}

/** Role counts for one labelling, written into `out`. */
export function countRoles(csr: Csr, group: Int32Array, ws: Workspace, out: BrokerageRoles): void {
  const { n, offsets, targets } = csr;
  if (ws.store !== null && ws.byOthers !== null)
    closedPairsStoredTwoGroups(ws.oriented, ws.store, group, ws.byOthers, ws.closed);
  else if (ws.store !== null) closedPairsStored(ws.oriented, ws.store, group, ws.closed);
  else closedPairs(ws.oriented, group, ws.flag, ws.closed);
  const { all, sameOwn, sameOther, mixedOwn } = ws.closed;
  const { groupCount, touched } = ws;
  for (let b = 0; b < n; b++) {
    const gb = group[b];
    if (gb < 0) {
      out.coordinator[b] = 0;
      out.itinerant[b] = 0;
      out.gatekeeper[b] = 0;
      out.representative[b] = 0;
      out.liaison[b] = 0;
      continue;
    }
    // Neighbours by group: known-group degree d, own-group count, Σ_g C(n_g, 2).
    let t = 0;
    let d = 0;
    const end = offsets[b + 1];
    for (let a = offsets[b]; a < end; a++) {
      const g = group[targets[a]];
      if (g < 0) continue;
      d++;
      if (groupCount[g] === 0) touched[t++] = g;
      groupCount[g]++;
    }
    const own = groupCount[gb];
    let samePairs = 0;
    for (let k = 0; k < t; k++) {
      const c = groupCount[touched[k]];
      samePairs += halfPairs(c);
      groupCount[touched[k]] = 0;
    }
    const coordinator = halfPairs(own) - sameOwn[b];
    const itinerant = samePairs - halfPairs(own) - sameOther[b];
    const mixed = own * (d - own) - mixedOwn[b];
    const open = halfPairs(d) - all[b];
    // Ordered two-paths (see brokerageRoles): a same-class unordered pair is two ordered paths of
    // one role; a mixed pair is one gatekeeper path and one representative path.
    out.coordinator[b] = 2 * coordinator;
    out.itinerant[b] = 2 * itinerant;
    out.gatekeeper[b] = mixed;
    out.representative[b] = mixed;
    out.liaison[b] = 2 * (open - coordinator - itinerant - mixed);
  }
}

/**
 * Gould–Fernandez brokerage role counts of every node b over its open two-paths a – b – c (a ≠ c,
 * a and c tied to b but not to each other), with groups `group[i]` (non-negative integers; a
 * negative label means unknown, and two-paths with an unknown corner are not counted):
 *
 *  - coordinator: g(a) = g(b) = g(c)
 *  - itinerant (consultant): g(a) = g(c) ≠ g(b)
 *  - gatekeeper: g(b) = g(c) ≠ g(a) — on the directed path a → b → c
 *  - representative: g(a) = g(b) ≠ g(c) — on the directed path a → b → c
 *  - liaison: g(a), g(b), g(c) all different
 *
 * Counting convention (Gould & Fernandez 1989, for directed networks): every role counts ordered
 * two-paths a → b → c with a ≠ c, a → b and b → c present and a → c absent. The undirected graph is
 * symmetrised — each tie {u, v} is the two arcs u → v and v → u — so an open unordered pair {a, c}
 * around b is the two ordered paths a → b → c and c → b → a, and all five roles are on that one
 * scale: a pair with a, b, c in one group is 2 coordinator paths (likewise 2 itinerant, 2 liaison
 * paths), and a pair with exactly one end in b's group is 1 gatekeeper path (entering b's group)
 * plus 1 representative path (leaving it), so the two arrays are equal on an undirected graph.
 * Summed over roles, a node's counts are 2 × its open pairs of known groups.
 *
 * Method: no pair is listed. Per node, open pairs of each class = all neighbour pairs of that class
 * (from the counts of neighbours per group: C(n_own, 2), Σ_g C(n_g, 2), n_own (d − n_own), C(d, 2))
 * minus the closed ones, which come from one listing of the triangles (degree-ordered forward
 * algorithm, each triangle credited to its corners by the class its other two corners form).
 *
 * Cost: O(n + m + Σ_r d⁺(r)²) ⊆ O(m^{3/2}) time, O(n + m) memory.
 *
 * Example: the path 0 – 1 – 2 with groups [0, 0, 1]: node 1's only open pair {0, 2} has one end in
 * its group → 2 → 1 → 0 enters the group (gatekeeper [0, 1, 0]), 0 → 1 → 2 leaves it
 * (representative [0, 1, 0]), every other role 0. With groups [0, 1, 0] node 1 is itinerant on both
 * paths (itinerant [0, 2, 0]); with [0, 0, 0] coordinator 2; with [0, 1, 2] liaison 2.
 */
export function brokerageRoles(csr: Csr, group: Int32Array): BrokerageRoles {
  const groups = checkGroups(csr, group);
  const out = emptyRoles(csr.n);
  countRoles(csr, group, workspace(csr, groups), out);
  return out;
}
