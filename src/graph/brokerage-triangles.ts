/**
 * Closed neighbour pairs by group class, the triangle half of Gould–Fernandez brokerage
 * (brokerage.ts): every triangle of an undirected graph whose three corners have a known group is
 * listed once, by the degree-ordered forward algorithm (as in clustering.ts: Schank & Wagner 2005,
 * Latapy 2008), and credited to each corner v by the class its two other corners form: both in
 * g(v), both in one other group, or exactly one in g(v). brokerage.ts subtracts these closed pairs
 * from all neighbour pairs to get the open two-paths of each role. For the permutation null of
 * brokerage-z.ts the triangles can be stored once and recounted for every relabelling.
 *
 * Cost: orientation O(n + m); one listing O(Σ_r d⁺(r)²) ⊆ O(m^{3/2}); a stored recount O(n + T)
 * for T triangles.
 */

import type { Topology } from './csr.ts';

/**
 * Degree-ordered orientation of the graph for triangle listing (as in clustering.ts: Schank & Wagner
 * 2005, Latapy 2008): nodes relabelled by rank (degree, id); row r holds its lower-ranked neighbours
 * in [off[r], split[r]) and its higher-ranked ones in [split[r], off[r+1]).
 */
export interface Oriented {
  n: number;
  /** Node id of each rank. */
  node: Int32Array;
  off: Int32Array;
  split: Int32Array;
  adj: Int32Array;
}

export function orient(csr: Topology): Oriented {
  const { n, offsets, targets } = csr;
  let maxDeg = 0;
  for (let i = 0; i < n; i++) maxDeg = Math.max(maxDeg, offsets[i + 1] - offsets[i]);
  const bucket = new Int32Array(maxDeg + 2);
  for (let i = 0; i < n; i++) bucket[offsets[i + 1] - offsets[i] + 1]++;
  for (let d = 0; d <= maxDeg; d++) bucket[d + 1] += bucket[d];
  const rank = new Int32Array(n);
  const node = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = bucket[offsets[i + 1] - offsets[i]]++;
    rank[i] = r;
    node[r] = i;
  }
  const off = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) off[rank[i] + 1] = offsets[i + 1] - offsets[i];
  for (let r = 0; r < n; r++) off[r + 1] += off[r];
  const split = new Int32Array(n);
  const adj = new Int32Array(off[n]);
  for (let i = 0; i < n; i++) {
    const r = rank[i];
    let lo = off[r];
    let hi = off[r + 1];
    for (let a = offsets[i]; a < offsets[i + 1]; a++) {
      const s = rank[targets[a]];
      if (s < r) adj[lo++] = s;
      else adj[--hi] = s;
    }
    split[r] = lo;
  }
  return { n, node, off, split, adj };
}

/** Per-node closed-pair (triangle) counts by class, indexed by node id. */
export interface Closed {
  all: Float64Array;
  sameOwn: Float64Array;
  sameOther: Float64Array;
  mixedOwn: Float64Array;
}

/**
 * For every node b, the neighbour pairs {a, c} (both with a known group) that are themselves tied,
 * split by class: all, both in b's group, both in one other group, exactly one in b's group.
 * Each triangle is listed once at its middle-ranked node and credited to its three corners.
 */
export function closedPairs(o: Oriented, group: Int32Array, flag: Uint8Array, out: Closed): void {
  const { n, node, off, split, adj } = o;
  const { all, sameOwn, sameOther, mixedOwn } = out;
  all.fill(0);
  sameOwn.fill(0);
  sameOther.fill(0);
  mixedOwn.fill(0);
  for (let v = 0; v < n; v++) {
    const in0 = off[v];
    const out0 = split[v];
    const out1 = off[v + 1];
    if (in0 === out0 || out0 === out1) continue;
    const y = node[v];
    const gy = group[y];
    if (gy < 0) continue; // every triangle through v has an unknown corner
    for (let a = out0; a < out1; a++) flag[adj[a]] = 1;
    for (let a = in0; a < out0; a++) {
      const r = adj[a];
      const x = node[r];
      const gx = group[x];
      if (gx < 0) continue;
      const end = off[r + 1];
      for (let b = split[r]; b < end; b++) {
        const w = adj[b];
        if (flag[w] === 0) continue;
        const z = node[w];
        const gz = group[z];
        if (gz < 0) continue;
        all[x]++;
        all[y]++;
        all[z]++;
        if (gx === gy) {
          if (gy === gz) {
            sameOwn[x]++;
            sameOwn[y]++;
            sameOwn[z]++;
          } else {
            sameOther[z]++;
            mixedOwn[x]++;
            mixedOwn[y]++;
          }
        } else if (gx === gz) {
          sameOther[y]++;
          mixedOwn[x]++;
          mixedOwn[z]++;
        } else if (gy === gz) {
          sameOther[x]++;
          mixedOwn[y]++;
          mixedOwn[z]++;
        }
      }
    }
    for (let a = out0; a < out1; a++) flag[adj[a]] = 0;
  }
}

/**
 * The triangles whose three corners have a known group, stored as corner pairs (x, z) grouped by
 * the middle-ranked corner y = node[v]: pairs k ∈ [start[v], start[v+1]). Unknown labels are never
 * permuted, so this list serves every relabelling.
 */
export interface TriangleStore {
  start: Int32Array;
  x: Int32Array;
  z: Int32Array;
}

/** List (and store) the triangles with known corners; null when there are more than `limit`. */
export function storeTriangles(
  o: Oriented,
  group: Int32Array,
  flag: Uint8Array,
  limit: number,
): TriangleStore | null {
  const { n, node, off, split, adj } = o;
  // Pass 1: count, to allocate exactly.
  let total = 0;
  for (let v = 0; v < n; v++) {
    const out0 = split[v];
    const out1 = off[v + 1];
    if (off[v] === out0 || out0 === out1 || group[node[v]] < 0) continue;
    for (let a = out0; a < out1; a++) flag[adj[a]] = 1;
    for (let a = off[v]; a < out0; a++) {
      const r = adj[a];
      if (group[node[r]] < 0) continue;
      for (let b = split[r]; b < off[r + 1]; b++) {
        const w = adj[b];
        if (flag[w] !== 0 && group[node[w]] >= 0) total++;
      }
    }
    for (let a = out0; a < out1; a++) flag[adj[a]] = 0;
    if (total > limit) return null;
  }
  const start = new Int32Array(n + 1);
  const x = new Int32Array(total);
  const z = new Int32Array(total);
  let k = 0;
  for (let v = 0; v < n; v++) {
    start[v] = k;
    const out0 = split[v];
    const out1 = off[v + 1];
    if (off[v] === out0 || out0 === out1 || group[node[v]] < 0) continue;
    for (let a = out0; a < out1; a++) flag[adj[a]] = 1;
    for (let a = off[v]; a < out0; a++) {
      const r = adj[a];
      if (group[node[r]] < 0) continue;
      for (let b = split[r]; b < off[r + 1]; b++) {
        const w = adj[b];
        if (flag[w] !== 0 && group[node[w]] >= 0) {
          x[k] = node[r];
          z[k++] = node[w];
        }
      }
    }
    for (let a = out0; a < out1; a++) flag[adj[a]] = 0;
  }
  start[n] = k;
  return { start, x, z };
}

/** closedPairs from a stored triangle list: one streaming pass, O(T). */
export function closedPairsStored(o: Oriented, store: TriangleStore, group: Int32Array, out: Closed): void {
  const { n, node } = o;
  const { start, x: xs, z: zs } = store;
  const { all, sameOwn, sameOther, mixedOwn } = out;
  all.fill(0);
  sameOwn.fill(0);
  sameOther.fill(0);
  mixedOwn.fill(0);
  for (let v = 0; v < n; v++) {
    const k1 = start[v + 1];
    if (start[v] === k1) continue;
    const y = node[v];
    const gy = group[y];
    for (let k = start[v]; k < k1; k++) {
      const x = xs[k];
      const z = zs[k];
      const gx = group[x];
      const gz = group[z];
      all[x]++;
      all[y]++;
      all[z]++;
      if (gx === gy) {
        if (gy === gz) {
          sameOwn[x]++;
          sameOwn[y]++;
          sameOwn[z]++;
        } else {
          sameOther[z]++;
          mixedOwn[x]++;
          mixedOwn[y]++;
        }
      } else if (gx === gz) {
        sameOther[y]++;
        mixedOwn[x]++;
        mixedOwn[z]++;
      } else if (gy === gz) {
        sameOther[x]++;
        mixedOwn[y]++;
        mixedOwn[z]++;
      }
    }
  }
}

/**
 * closedPairsStored for labels in {0, 1} (every stored corner is known): each corner v of a
 * triangle counts how many of its two other corners are in group 1 (k − g(v), k the triangle's
 * count of group-1 corners), in slot 3v + (k − g(v)) of `byOthers`, with no branch on the labels;
 * then both others in v's group is slot 2 (g(v) = 1) or 0 (g(v) = 0), both in the other group the
 * opposite slot, exactly one in v's group slot 1. Same counts as closedPairsStored (integers, exact),
 * and faster: the random labels of a permutation make its branches unpredictable. Counts stay
 * exact in 32 bits since at most brokerageZScores's maxStoredTriangles (≤ 2^31) triangles are stored.
 */
export function closedPairsStoredTwoGroups(
  o: Oriented,
  store: TriangleStore,
  group: Int32Array,
  byOthers: Int32Array,
  out: Closed,
): void {
  const { n, node } = o;
  const { start, x: xs, z: zs } = store;
  const { all, sameOwn, sameOther, mixedOwn } = out;
  byOthers.fill(0);
  for (let v = 0; v < n; v++) {
    const k1 = start[v + 1];
    if (start[v] === k1) continue;
    const y = node[v];
    const gy = group[y];
    const y3 = 3 * y;
    for (let k = start[v]; k < k1; k++) {
      const x = xs[k];
      const z = zs[k];
      const gx = group[x];
      const gz = group[z];
      byOthers[3 * x + gy + gz]++;
      byOthers[3 * z + gx + gy]++;
      byOthers[y3 + gx + gz]++;
    }
  }
  for (let v = 0; v < n; v++) {
    const none = byOthers[3 * v];
    const one = byOthers[3 * v + 1];
    const two = byOthers[3 * v + 2];
    all[v] = none + one + two;
    if (group[v] === 1) {
      sameOwn[v] = two;
      sameOther[v] = none;
    } else {
      sameOwn[v] = none;
      sameOther[v] = two;
    }
    mixedOwn[v] = one;
  }
}
