/**
 * Gould–Fernandez brokerage roles on an undirected CSR graph with a group label per node (Gould &
 * Fernandez, "Structures of mediation: a formal approach to brokerage in transaction networks",
 * Sociological Methodology 19, 1989), and their z-scores against a label-permutation null.
 */

import {
  type Closed,
  closedPairs,
  closedPairsStored,
  closedPairsStoredTwoGroups,
  type Oriented,
  orient,
  storeTriangles,
  type TriangleStore,
} from './brokerage-triangles.ts';
import type { Csr } from './csr.ts';
import { type Rng, shuffle } from './rng.ts';

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

/** Working storage reused across permutations. */
interface Workspace {
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

function workspace(csr: Csr, groups: number): Workspace {
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

function emptyRoles(n: number): BrokerageRoles {
  return {
    coordinator: new Float64Array(n),
    itinerant: new Float64Array(n),
    gatekeeper: new Float64Array(n),
    representative: new Float64Array(n),
    liaison: new Float64Array(n),
  };
}

function checkGroups(csr: Csr, group: Int32Array): number {
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
function countRoles(csr: Csr, group: Int32Array, ws: Workspace, out: BrokerageRoles): void {
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

export interface BrokerageZOptions {
  /** Number of random relabellings (≥ 2). */
  permutations: number;
  /** Source of randomness for the shuffles. */
  rng: Rng;
  /** Nodes whose roles are summed into `totals` (default: every node with a known group). */
  focus?: Uint8Array;
  /** Called after each permutation with (permutations done, permutations in total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Store the triangles once (8 bytes each) when there are at most this many, so that each
   * permutation is one O(T) pass instead of a new listing (default 2^24 ≈ 16.8 million, 134 MB).
   */
  maxStoredTriangles?: number;
}

export interface BrokerageZ {
  /** Observed role counts (as brokerageRoles). */
  observed: BrokerageRoles;
  /** Mean count per node and role under the null. */
  mean: BrokerageRoles;
  /** Standard deviation (with n − 1) per node and role under the null. */
  sd: BrokerageRoles;
  /** z = (observed − mean) / sd per node and role; NaN where sd = 0 (no variation under the null). */
  z: BrokerageRoles;
  /**
   * Per role, the count summed over the focus nodes: observed, null mean, null sd, z (NaN if sd = 0)
   * and z's Monte Carlo standard error `zError` (see brokerageZScores; NaN where z is).
   */
  totals: Record<BrokerageRole, { observed: number; mean: number; sd: number; z: number; zError: number }>;
  permutations: number;
}

/**
 * Monte Carlo standard error of z = (x − m)/s where m and s are the mean and sample sd of the null
 * values `seen` (see brokerageZScores for the formula); NaN when z is.
 */
export function zStandardError(z: number, seen: Float64Array): number {
  const r = seen.length;
  if (!Number.isFinite(z) || r < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < r; i++) mean += seen[i];
  mean /= r;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < r; i++) {
    const d = seen[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= r;
  m3 /= r;
  m4 /= r;
  if (m2 === 0) return Number.NaN;
  const skewness = m3 / m2 ** 1.5;
  const kurtosis = m4 / (m2 * m2);
  return Math.sqrt(Math.max(0, 1 + skewness * z + ((kurtosis - 1) * z * z) / 4) / r);
}

/**
 * z-scores of brokerage role counts against a permutation null (Gould & Fernandez 1989 derive the
 * expectations analytically under random group assignment; here they are estimated by simulation):
 * the group labels of the nodes with a known group are shuffled among those nodes (Fisher–Yates,
 * so group sizes are kept and the graph is fixed), the roles recounted, and for every node and role
 *
 *   z = (observed − mean_null) / sd_null
 *
 * with the mean and the sample standard deviation (n − 1 divisor) over the permutations (Welford's
 * running update). A large positive z means the node brokers that way more than its position alone
 * would give. Also the same statistics for each role's total over the `focus` nodes, with the Monte
 * Carlo standard error of each total's z (how far it may lie from the z of infinitely many
 * permutations; delta method on z = (x − m)/s with the sample mean m and sd s of R permutations,
 * whose skewness γ and kurtosis κ are estimated from the same permutations):
 *
 *   se(z) = √( (1 + γ z + (κ − 1) z² / 4) / R )      (√((1 + z²/2)/R) for a normal null)
 *
 * Cost: two triangle listings, then O(n + m + T) per permutation for T triangles when they are
 * stored (T ≤ maxStoredTriangles; 8 bytes each), else a full listing O(m^{3/2}) per permutation;
 * O(n) memory per statistic.
 *
 * Example: the star with centre 0 and leaves 1 … 4, groups [0, 0, 0, 1, 1]: node 0 has 6 open
 * pairs (12 ordered two-paths), observed gatekeeper 2 · 2 = 4; under shuffles the centre's own group has 3 members with
 * probability 3/5 (gatekeeper 2·2 = 4) and 2 with probability 2/5 (gatekeeper 1·3 = 3), so the null
 * mean tends to 3.6 and z to a small positive value.
 */
export function brokerageZScores(csr: Csr, group: Int32Array, options: BrokerageZOptions): BrokerageZ {
  const { permutations, rng, onProgress } = options;
  if (!Number.isInteger(permutations) || permutations < 2) {
    throw new RangeError(`permutations must be an integer ≥ 2, got ${permutations}`);
  }
  const n = csr.n;
  const groups = checkGroups(csr, group);
  const ws = workspace(csr, groups);
  ws.store = storeTriangles(ws.oriented, group, ws.flag, options.maxStoredTriangles ?? 1 << 24);
  const observed = emptyRoles(n);
  countRoles(csr, group, ws, observed);
  const focus = options.focus ?? Uint8Array.from(group, (g) => (g >= 0 ? 1 : 0));
  if (focus.length !== n) throw new RangeError(`focus has length ${focus.length}, expected ${n}`);

  // Nodes with a known group and their labels, shuffled each round.
  let known = 0;
  for (let i = 0; i < n; i++) if (group[i] >= 0) known++;
  const where = new Int32Array(known);
  const labels = new Int32Array(known);
  for (let i = 0, k = 0; i < n; i++) {
    if (group[i] >= 0) {
      where[k] = i;
      labels[k++] = group[i];
    }
  }
  const permuted = Int32Array.from(group);
  const current = emptyRoles(n);
  const mean = emptyRoles(n);
  const m2 = emptyRoles(n);
  const totalMean = new Float64Array(BROKERAGE_ROLES.length);
  const totalM2 = new Float64Array(BROKERAGE_ROLES.length);
  // Each permutation's totals, role by role, for the skewness and kurtosis of zError.
  const totalsSeen = new Float64Array(BROKERAGE_ROLES.length * permutations);
  for (let p = 1; p <= permutations; p++) {
    shuffle(labels, rng);
    for (let k = 0; k < known; k++) permuted[where[k]] = labels[k];
    countRoles(csr, permuted, ws, current);
    for (let r = 0; r < BROKERAGE_ROLES.length; r++) {
      const role = BROKERAGE_ROLES[r];
      const x = current[role];
      const mu = mean[role];
      const s2 = m2[role];
      let total = 0;
      for (let i = 0; i < n; i++) {
        const value = x[i];
        const delta = value - mu[i];
        mu[i] += delta / p;
        s2[i] += delta * (value - mu[i]);
        if (focus[i] !== 0) total += value;
      }
      totalsSeen[r * permutations + p - 1] = total;
      const delta = total - totalMean[r];
      totalMean[r] += delta / p;
      totalM2[r] += delta * (total - totalMean[r]);
    }
    onProgress?.(p, permutations);
  }

  const sd = emptyRoles(n);
  const z = emptyRoles(n);
  const totals = {} as BrokerageZ['totals'];
  for (let r = 0; r < BROKERAGE_ROLES.length; r++) {
    const role = BROKERAGE_ROLES[r];
    let observedTotal = 0;
    for (let i = 0; i < n; i++) {
      const s = Math.sqrt(m2[role][i] / (permutations - 1));
      sd[role][i] = s;
      z[role][i] = s > 0 ? (observed[role][i] - mean[role][i]) / s : Number.NaN;
      if (focus[i] !== 0) observedTotal += observed[role][i];
    }
    const s = Math.sqrt(totalM2[r] / (permutations - 1));
    const zTotal = s > 0 ? (observedTotal - totalMean[r]) / s : Number.NaN;
    totals[role] = {
      observed: observedTotal,
      mean: totalMean[r],
      sd: s,
      z: zTotal,
      zError: zStandardError(zTotal, totalsSeen.subarray(r * permutations, (r + 1) * permutations)),
    };
  }
  return { observed, mean, sd, z, totals, permutations };
}
