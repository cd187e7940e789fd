/**
 * Triangles and clustering coefficients of an undirected simple CSR graph, with the conventions of
 * networkx (triangles, clustering, transitivity, average_clustering). Weights are ignored.
 */

import type { Csr } from './csr.ts';

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
 * Method: the forward / compact-forward family (Schank & Wagner, "Finding, counting and listing all
 * triangles in large graphs, an experimental study", WEA 2005; Latapy, "Main-memory triangle
 * computations for very large (sparse (power-law)) graphs", TCS 407, 2008). Nodes are ranked by
 * (degree, id) with a counting sort and relabelled by rank; every tie is oriented from lower to
 * higher rank, so each node has d⁺ ≤ √(2m) out-neighbours. Each triangle r < v < w (ranks) is found
 * once, at its middle node v: the out-neighbours of v are flagged in a byte array, then for each
 * in-neighbour r of v the out-list of r is scanned and every flagged w closes a triangle, credited
 * to r, v and w. Flags are cleared after each v, so no per-element allocation or hashing.
 *
 * Cost: O(n + m + Σ_r d⁺(r)²) ⊆ O(m^{3/2}) time (the scan of out(r) happens once per out-neighbour
 * of r), O(n + m) memory.
 *
 * Example: triangle {0,1,2} with pendant 3 on node 2 (ties 01 02 12 23) → [1, 1, 1, 0].
 */
export function trianglesPerNode(csr: Csr): Float64Array {
  const { n, offsets, targets } = csr;
  // Rank by (degree, id): stable counting sort on degree.
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

  // Adjacency relabelled to rank space; row r holds in-neighbours (lower rank) in
  // [off[r], split[r]) and out-neighbours (higher rank) in [split[r], off[r+1]).
  const off = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) off[rank[i] + 1] = offsets[i + 1] - offsets[i];
  for (let r = 0; r < n; r++) off[r + 1] += off[r];
  const split = new Int32Array(n);
  const adj = new Int32Array(off[n]);
  for (let i = 0; i < n; i++) {
    const r = rank[i];
    let lo = off[r];
    let hi = off[r + 1];
    const end = offsets[i + 1];
    for (let a = offsets[i]; a < end; a++) {
      const s = rank[targets[a]];
      if (s < r) adj[lo++] = s;
      else adj[--hi] = s;
    }
    split[r] = lo;
  }

  const t = countForward(n, off, split, adj);

  const perNode = new Float64Array(n);
  for (let i = 0; i < n; i++) perNode[i] = t[rank[i]];
  return perNode;
}

/**
 * Number of distinct triangles, T = Σ_i t_i / 3 (networkx: sum(nx.triangles(G).values()) / 3).
 * Cost as trianglesPerNode. Example: the complete graph K4 has 4 triangles.
 */
export function totalTriangles(csr: Csr): number {
  return sumOf(trianglesPerNode(csr)) / 3;
}

/**
 * Local clustering coefficient C_i = 2 t_i / (d_i (d_i − 1)), the share of pairs of neighbours of i
 * that are themselves tied; 0 when d_i < 2 (networkx.clustering; Watts & Strogatz, Nature 393, 1998).
 * Cost as trianglesPerNode. Example: triangle {0,1,2} plus pendant 3 on node 2 →
 * [1, 1, 2·1/(3·2) = 1/3, 0].
 */
export function localClustering(csr: Csr): Float64Array {
  return clusteringSummary(csr).local;
}

/**
 * Transitivity (global clustering) = 3 × triangles / connected triples
 * = Σ_i t_i / Σ_i d_i(d_i − 1)/2, 0 when there are no triangles (networkx.transitivity; Newman,
 * "Networks", 2nd ed., 2018, section "Transitivity and the clustering coefficient").
 * Cost as trianglesPerNode. Example: triangle {0,1,2} plus pendant 3 on node 2 has degrees 2,2,3,1,
 * so triples 1 + 1 + 3 + 0 = 5 and transitivity = 3·1 / 5 = 0.6.
 */
export function transitivity(csr: Csr): number {
  return clusteringSummary(csr).transitivity;
}

/**
 * Average clustering C̄ = (1/n) Σ_i C_i over all n nodes, isolates and degree-1 nodes counting 0
 * (networkx.average_clustering with count_zeros=True). Cost as trianglesPerNode. Example: triangle
 * {0,1,2} plus pendant 3 on node 2 → (1 + 1 + 1/3 + 0) / 4 = 7/12.
 */
export function averageClustering(csr: Csr): number {
  return clusteringSummary(csr).averageClustering;
}

/**
 * Triangles, local clustering, transitivity and average clustering from a single triangle count
 * (formulas as in trianglesPerNode, localClustering, transitivity and averageClustering).
 * Cost as trianglesPerNode plus O(n). Example: triangle {0,1,2} plus pendant 3 on node 2 →
 * { triangles 1, nodeTriangles [1,1,1,0], local [1,1,1/3,0], transitivity 0.6, averageClustering 7/12 }.
 */
export function clusteringSummary(csr: Csr): ClusteringSummary {
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
 * Triangle credits in rank space for the oriented adjacency of trianglesPerNode: each triangle
 * r < v < w is found at its middle node v. Kept separate so the engine optimises the hot loop on its own.
 */
function countForward(n: number, off: Int32Array, split: Int32Array, adj: Int32Array): Float64Array {
  const flag = new Uint8Array(n);
  const t = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const in0 = off[v];
    const out0 = split[v];
    const out1 = off[v + 1];
    if (in0 === out0 || out0 === out1) continue;
    for (let a = out0; a < out1; a++) flag[adj[a]] = 1;
    let tv = 0;
    for (let a = in0; a < out0; a++) {
      const r = adj[a];
      const end = off[r + 1];
      let tr = 0;
      for (let b = split[r]; b < end; b++) {
        const w = adj[b];
        if (flag[w] !== 0) {
          tr++;
          t[w]++;
        }
      }
      t[r] += tr;
      tv += tr;
    }
    t[v] += tv;
    for (let a = out0; a < out1; a++) flag[adj[a]] = 0;
  }
  return t;
}

function sumOf(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
