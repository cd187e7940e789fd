/** k-core decomposition of an undirected simple CSR graph (weights ignored). */

import type { Csr } from './csr.ts';

/**
 * Core number of every node: the largest k such that the node belongs to the k-core, the maximal
 * subgraph in which every node has at least k neighbours (Seidman, "Network structure and minimum
 * degree", Social Networks 5, 1983). Same values as networkx.core_number and igraph coreness().
 *
 * Method: Batagelj & Zaversnik, "An O(m) algorithm for cores decomposition of networks" (2003).
 * Nodes are bucket-sorted by degree into one array `vert` with `bin[d]` the first position of degree
 * d; nodes are then taken in that order, and each node v taken fixes its core number at its current
 * degree; every neighbour u with a larger current degree loses one, which moves u one bucket down by
 * swapping it with the first node of its bucket — so the array stays sorted with O(1) work per arc.
 *
 * Cost: O(n + m) time, four Int32Arrays of length ≤ n + 1.
 *
 * Example: triangle {0,1,2} with a pendant 3 on node 2 → [2, 2, 2, 1]; an isolated node has core 0.
 */
export function coreNumbers(csr: Csr): Int32Array {
  const { n, offsets, targets } = csr;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    const d = offsets[v + 1] - offsets[v];
    deg[v] = d;
    if (d > maxDeg) maxDeg = d;
  }
  // bin[d] = first position of degree d in vert.
  const bin = new Int32Array(maxDeg + 1);
  for (let v = 0; v < n; v++) bin[deg[v]]++;
  let start = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const count = bin[d];
    bin[d] = start;
    start += count;
  }
  const pos = new Int32Array(n);
  const vert = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const p = bin[deg[v]]++;
    pos[v] = p;
    vert[p] = v;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1];
  bin[0] = 0;

  for (let i = 0; i < n; i++) {
    const v = vert[i];
    const dv = deg[v];
    const end = offsets[v + 1];
    for (let a = offsets[v]; a < end; a++) {
      const u = targets[a];
      const du = deg[u];
      if (du > dv) {
        const pu = pos[u];
        const pw = bin[du];
        const w = vert[pw];
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du]++;
        deg[u] = du - 1;
      }
    }
  }
  return deg;
}

/**
 * Sizes of the nested k-cores: sizes[k] = |{v : core(v) ≥ k}| for k = 0 … max core, so sizes[0] = n
 * and sizes is non-increasing. Cost O(n). Example: core numbers [2, 2, 2, 1, 0] → [5, 4, 3].
 */
export function kCoreSizes(core: Int32Array): Int32Array {
  let maxCore = 0;
  for (let i = 0; i < core.length; i++) if (core[i] > maxCore) maxCore = core[i];
  const sizes = new Int32Array(maxCore + 1);
  for (let i = 0; i < core.length; i++) sizes[core[i]]++;
  for (let k = maxCore - 1; k >= 0; k--) sizes[k] += sizes[k + 1];
  return core.length === 0 ? new Int32Array(0) : sizes;
}
