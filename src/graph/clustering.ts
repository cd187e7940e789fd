/**
 * Triangles and clustering coefficients of an undirected simple CSR graph, with the conventions of
 * networkx (triangles, clustering, transitivity, average_clustering). Weights are ignored.
 */

import type { Topology } from './csr.ts';

/** Every triangle statistic from one count, so callers needing several do not count twice. */
export interface ClusteringSummary {
  /** Number of distinct triangles T = Σ_i t_i / 3. */
  triangles: number;
  /** Triangles through each node, t_i. */
  nodeTriangles: Float64Array;
  /** Local clustering C_i = 2 t_i / (d_i (d_i − 1)), 0 when d_i < 2. */
  local: Float64Array;
  /** Global clustering 3T / (connected triples), 0 when there are no triangles. */
  transitivity: number;
  /** Mean of C_i over all n nodes, isolates and leaves included as 0; 0 for the empty graph. */
  averageClustering: number;
}

/**
 * Number of triangles each node belongs to, t_i = |{ {j,k} : ij, ik, jk are ties }|
 * (networkx.triangles).
 *
 * Method: compact-forward (Latapy, "Main-memory triangle computations for very large (sparse
 * (power-law)) graphs", TCS 407, 2008; Schank & Wagner, WEA 2005). Nodes are ranked by (degree, id)
 * with a counting sort and relabelled by rank; every tie is oriented from lower to higher rank, so
 * each node has d⁺ ≤ √(2m) out-neighbours. Each triangle r < v < w (ranks) is found once, at its
 * middle node v: the out-neighbours of v are marked, then for each in-neighbour r of v the part of
 * out(r) above v is scanned and every marked w closes a triangle. The out-lists are built ascending
 * (a transposition, no comparison sort) and v is visited in ascending order, so the position of v in
 * out(r) only moves forward: one cursor per node skips the entries ≤ v, halving the scans of the
 * plain forward algorithm (Σ d⁺(r)²/2 instead of Σ d⁺(r)²).
 *
 * The inner loop has no branch: a slot per node holds the mark in bit 0 and, above it, how many
 * triangles v–w closed so far; a probe adds (mark << 1) to its own slot, so hits and misses cost
 * the same (on the H2020 network, 15.1 M hits in 20.4 M probes: a branch would often be
 * mispredicted). The credits of w are added once per (v, w) when v's marks are cleared.
 *
 * Cost: O(n + m + Σ_r d⁺(r)²/2) ⊆ O(m^{3/2}) time, O(n + m) memory (two m-long Int32 lists).
 *
 * Example: triangle {0,1,2} with pendant 3 on node 2 (ties 01 02 12 23) → [1, 1, 1, 0].
 */
export function trianglesPerNode(csr: Topology): Float64Array {
  const { n, offsets } = csr;
  const rank = degreeRanks(n, offsets);
  const { inOff, inAdj, outOff, outAdj } = orientByRank(csr, rank);
  const t = countCompactForward(n, inOff, inAdj, outOff, outAdj);
  const perNode = new Float64Array(n);
  for (let i = 0; i < n; i++) perNode[i] = t[rank[i]];
  return perNode;
}

/** Rank of every node by (degree, id): a stable counting sort on degree. O(n + max degree). */
function degreeRanks(n: number, offsets: Int32Array): Int32Array {
  let maxDeg = 0;
  for (let i = 0; i < n; i++) {
    const d = offsets[i + 1] - offsets[i];
    if (d > maxDeg) maxDeg = d;
  }
  const bucket = new Int32Array(maxDeg + 2);
  for (let i = 0; i < n; i++) bucket[offsets[i + 1] - offsets[i] + 1]++;
  for (let d = 0; d <= maxDeg; d++) bucket[d + 1] += bucket[d];
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = bucket[offsets[i + 1] - offsets[i]]++;
  return rank;
}

/**
 * The graph in rank space, each tie oriented upwards: in-lists (lower-ranked neighbours, in any
 * order) and out-lists (higher-ranked neighbours, ascending). The in-lists are filled straight from
 * the CSR; the out-lists by transposing them in ascending order of their owner, which leaves every
 * out-list sorted (Gustavson, ACM TOMS 4(3), 1978).
 */
function orientByRank(
  csr: Topology,
  rank: Int32Array,
): { inOff: Int32Array; inAdj: Int32Array; outOff: Int32Array; outAdj: Int32Array } {
  const { n, offsets, targets } = csr;
  const m = offsets[n] / 2;
  const inOff = new Int32Array(n + 1);
  const outOff = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const r = rank[i];
    const end = offsets[i + 1];
    let lower = 0;
    for (let a = offsets[i]; a < end; a++) if (rank[targets[a]] < r) lower++;
    inOff[r + 1] = lower;
    outOff[r + 1] = end - offsets[i] - lower;
  }
  for (let r = 0; r < n; r++) {
    inOff[r + 1] += inOff[r];
    outOff[r + 1] += outOff[r];
  }
  const inAdj = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const r = rank[i];
    const end = offsets[i + 1];
    let w = inOff[r];
    for (let a = offsets[i]; a < end; a++) {
      const s = rank[targets[a]];
      if (s < r) inAdj[w++] = s;
    }
  }
  const outAdj = new Int32Array(m);
  const cursor = outOff.slice(0, n);
  for (let v = 0; v < n; v++) {
    const end = inOff[v + 1];
    for (let a = inOff[v]; a < end; a++) outAdj[cursor[inAdj[a]]++] = v;
  }
  return { inOff, inAdj, outOff, outAdj };
}

/**
 * Number of distinct triangles, T = Σ_i t_i / 3 (networkx: sum(nx.triangles(G).values()) / 3).
 * Cost as trianglesPerNode. Example: the complete graph K4 has 4 triangles.
 */
export function totalTriangles(csr: Topology): number {
  return sumOf(trianglesPerNode(csr)) / 3;
}

/**
 * Local clustering coefficient C_i = 2 t_i / (d_i (d_i − 1)), the share of pairs of neighbours of i
 * that are themselves tied; 0 when d_i < 2 (networkx.clustering; Watts & Strogatz, Nature 393, 1998).
 * Cost as trianglesPerNode. Example: triangle {0,1,2} plus pendant 3 on node 2 →
 * [1, 1, 2·1/(3·2) = 1/3, 0].
 */
export function localClustering(csr: Topology): Float64Array {
  return clusteringSummary(csr).local;
}

/**
 * Transitivity (global clustering) = 3 × triangles / connected triples
 * = Σ_i t_i / Σ_i d_i(d_i − 1)/2, 0 when there are no triangles (networkx.transitivity; Newman,
 * "Networks", 2nd ed., 2018, section "Transitivity and the clustering coefficient").
 * Cost as trianglesPerNode. Example: triangle {0,1,2} plus pendant 3 on node 2 has degrees 2,2,3,1,
 * so triples 1 + 1 + 3 + 0 = 5 and transitivity = 3·1 / 5 = 0.6.
 */
export function transitivity(csr: Topology): number {
  return clusteringSummary(csr).transitivity;
}

/**
 * Average clustering C̄ = (1/n) Σ_i C_i over all n nodes, isolates and degree-1 nodes counting 0
 * (networkx.average_clustering with count_zeros=True). Cost as trianglesPerNode. Example: triangle
 * {0,1,2} plus pendant 3 on node 2 → (1 + 1 + 1/3 + 0) / 4 = 7/12.
 */
export function averageClustering(csr: Topology): number {
  return clusteringSummary(csr).averageClustering;
}

/**
 * Triangles, local clustering, transitivity and average clustering from a single triangle count
 * (formulas as in trianglesPerNode, localClustering, transitivity and averageClustering).
 * Cost as trianglesPerNode plus O(n). Example: triangle {0,1,2} plus pendant 3 on node 2 →
 * { triangles 1, nodeTriangles [1,1,1,0], local [1,1,1/3,0], transitivity 0.6, averageClustering 7/12 }.
 */
export function clusteringSummary(csr: Topology): ClusteringSummary {
  const { n, offsets } = csr;
  const nodeTriangles = trianglesPerNode(csr);
  const local = new Float64Array(n);
  let twiceTriangles = 0; // Σ 2 t_i
  let triples = 0; // Σ d_i (d_i − 1)
  let sumLocal = 0;
  for (let i = 0; i < n; i++) {
    const d = offsets[i + 1] - offsets[i];
    if (d < 2) continue;
    const t2 = 2 * nodeTriangles[i];
    const pairs = d * (d - 1);
    twiceTriangles += t2;
    triples += pairs;
    const c = t2 / pairs;
    local[i] = c;
    sumLocal += c;
  }
  return {
    triangles: twiceTriangles / 6,
    nodeTriangles,
    local,
    transitivity: twiceTriangles === 0 ? 0 : twiceTriangles / triples,
    averageClustering: n === 0 ? 0 : sumLocal / n,
  };
}

/**
 * Triangle credits in rank space (see trianglesPerNode): each triangle r < v < w is found at its
 * middle node v and credited to r, v and w. `next[r]` is the position in out(r) just past the last
 * middle node visited from r. Kept separate so the engine optimises the hot loop on its own.
 */
function countCompactForward(
  n: number,
  inOff: Int32Array,
  inAdj: Int32Array,
  outOff: Int32Array,
  outAdj: Int32Array,
): Float64Array {
  // slot[w] = mark (bit 0) + 2 × triangles v–w closed so far; it stays far below 2^31 (≤ 2 d(v) + 1).
  const slot = new Int32Array(n);
  const t = new Float64Array(n);
  const next = outOff.slice(0, n);
  for (let v = 0; v < n; v++) {
    const in0 = inOff[v];
    const in1 = inOff[v + 1];
    const out0 = outOff[v];
    const out1 = outOff[v + 1];
    if (out0 === out1) {
      // v closes no triangle as the middle node, but each r must still step past v.
      for (let a = in0; a < in1; a++) next[inAdj[a]]++;
      continue;
    }
    for (let a = out0; a < out1; a++) slot[outAdj[a]] = 1;
    let tv = 0;
    for (let a = in0; a < in1; a++) {
      const r = inAdj[a];
      const end = outOff[r + 1];
      let tr = 0;
      for (let b = ++next[r]; b < end; b++) {
        const w = outAdj[b];
        const s = slot[w];
        const mark = s & 1;
        tr += mark;
        slot[w] = s + (mark << 1);
      }
      t[r] += tr;
      tv += tr;
    }
    t[v] += tv;
    for (let a = out0; a < out1; a++) {
      const w = outAdj[a];
      t[w] += slot[w] >>> 1;
      slot[w] = 0;
    }
  }
  return t;
}

function sumOf(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
