/**
 * Compressed sparse row (CSR) storage for undirected simple graphs, built from raw edge lists.
 *
 * Layout (Saad, "Iterative Methods for Sparse Linear Systems", 2nd ed., §3.4; the same layout as
 * scipy.sparse.csr_matrix): the neighbours of node i are `targets[offsets[i] .. offsets[i+1])`,
 * with the weight of each tie at the same position of `weights`.
 */

/** Undirected simple graph in compressed sparse row form: every edge stored in both directions, each node's neighbours sorted ascending, no self-loops, no duplicate pairs. */
export interface Csr {
  /** Number of nodes; node ids are 0 … n-1. */
  n: number;
  /** Row starts, length n+1; offsets[0] = 0 and offsets[n] = 2m. */
  offsets: Int32Array;
  /** Neighbour ids, length 2m; each row strictly ascending. */
  targets: Int32Array;
  /** Tie weights, parallel to targets; the weight of {u,v} appears in both rows u and v. */
  weights: Float64Array;
}

/** Largest number of directed arcs an Int32 offsets array can address. */
const MAX_ARCS = 0x7fffffff;

/**
 * Build the undirected simple graph of an edge list.
 *
 * Input: edge k joins `sources[k]` and `targets[k]` (any orientation, possibly repeated, possibly a
 * self-loop), with weight `weights[k]` (1 when omitted). Output: one tie per distinct unordered pair
 * {u,v}, u ≠ v, with weight w(u,v) = Σ_{k : {s_k,t_k} = {u,v}} weights[k] — so without weights the
 * weight is the multiplicity of the pair. Self-loops are dropped.
 *
 * Method: a two-pass bucket (counting) sort, i.e. LSD radix sort with radix n. Pass 1 scatters
 * every non-loop edge into both endpoint rows (an unsorted adjacency list). Because the arc set is
 * symmetric, transposing that adjacency — walking rows i = 0 … n-1 in order and appending i to the
 * row of each neighbour — reproduces the same rows, now ascending. A final linear sweep merges the
 * now-adjacent duplicates in place, summing weights. Source: counting sort, Cormen et al.,
 * "Introduction to Algorithms", 3rd ed., §8.2; sorting by transposition as in Gustavson, "Two fast
 * algorithms for sparse matrices", ACM TOMS 4(3), 1978.
 *
 * Cost: O(n + E) time for E input edges, no comparison sort; memory about 2 × 2E Int32 (+ 2 × 2E
 * Float64 when weights are given). Throws RangeError on a node id outside [0, n) or mismatched lengths.
 *
 * Example: n = 4, edges (0,1) (1,0) (1,2) (2,2) (2,0) →
 * offsets [0,2,4,6,6], targets [1,2, 0,2, 0,1], weights [2,1, 2,1, 1,1]: (0,1) and (1,0) merge into
 * one tie of weight 2, the loop (2,2) is dropped, node 3 is isolated.
 */
export function buildUndirectedCsr(
  n: number,
  sources: Int32Array,
  targets: Int32Array,
  weights?: Float64Array,
): Csr {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`node count must be a non-negative integer, got ${n}`);
  const e = sources.length;
  if (targets.length !== e) {
    throw new RangeError(`sources and targets differ in length (${e} vs ${targets.length})`);
  }
  if (weights !== undefined && weights.length !== e) {
    throw new RangeError(`weights length ${weights.length} does not match edge count ${e}`);
  }

  // Degree count (with multiplicity) and id validation.
  const offsets = new Int32Array(n + 1);
  let arcs = 0;
  for (let k = 0; k < e; k++) {
    const u = sources[k];
    const v = targets[k];
    if (u < 0 || u >= n || v < 0 || v >= n) {
      throw new RangeError(`edge ${k} (${u}, ${v}) has a node id outside [0, ${n})`);
    }
    if (u !== v) {
      offsets[u + 1]++;
      offsets[v + 1]++;
      arcs += 2;
    }
  }
  if (arcs > MAX_ARCS) throw new RangeError(`${arcs} arcs exceed the Int32 CSR limit`);
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];

  // Pass 1: unsorted adjacency. Pass 2: symmetric transpose, which sorts every row.
  const cursor = offsets.slice(0, n);
  const rough = new Int32Array(arcs);
  const sorted = new Int32Array(arcs);
  let sortedW: Float64Array | null = null;
  if (weights === undefined) {
    for (let k = 0; k < e; k++) {
      const u = sources[k];
      const v = targets[k];
      if (u !== v) {
        rough[cursor[u]++] = v;
        rough[cursor[v]++] = u;
      }
    }
    cursor.set(offsets.subarray(0, n));
    for (let i = 0; i < n; i++) {
      const end = offsets[i + 1];
      for (let a = offsets[i]; a < end; a++) sorted[cursor[rough[a]]++] = i;
    }
  } else {
    const roughW = new Float64Array(arcs);
    sortedW = new Float64Array(arcs);
    for (let k = 0; k < e; k++) {
      const u = sources[k];
      const v = targets[k];
      if (u !== v) {
        const w = weights[k];
        let a = cursor[u]++;
        rough[a] = v;
        roughW[a] = w;
        a = cursor[v]++;
        rough[a] = u;
        roughW[a] = w;
      }
    }
    cursor.set(offsets.subarray(0, n));
    for (let i = 0; i < n; i++) {
      const end = offsets[i + 1];
      for (let a = offsets[i]; a < end; a++) {
        const b = cursor[rough[a]]++;
        sorted[b] = i;
        sortedW[b] = roughW[a];
      }
    }
  }

  // Merge runs of equal targets in place; the write position never passes the read position.
  const outW = sortedW ?? new Float64Array(arcs);
  let write = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    offsets[i] = write;
    let a = start;
    while (a < end) {
      const t = sorted[a];
      let w = sortedW === null ? 1 : sortedW[a];
      a++;
      while (a < end && sorted[a] === t) {
        w += sortedW === null ? 1 : sortedW[a];
        a++;
      }
      sorted[write] = t;
      outW[write] = w;
      write++;
    }
    start = end;
  }
  offsets[n] = write;
  if (write === arcs) return { n, offsets, targets: sorted, weights: outW };
  return { n, offsets, targets: sorted.slice(0, write), weights: outW.slice(0, write) };
}

/**
 * Number of distinct undirected ties m = offsets[n] / 2 (each tie is stored twice).
 * Cost O(1). Example: the triangle {0,1,2} has targets of length 6, so edgeCount = 3.
 */
export function edgeCount(csr: Csr): number {
  return csr.offsets[csr.n] / 2;
}

/**
 * Degree of every node, d_i = offsets[i+1] − offsets[i] (number of distinct neighbours; weights
 * ignored). Cost O(n). Example: the path 0–1–2 gives [1, 2, 1].
 */
export function degrees(csr: Csr): Int32Array {
  const { n, offsets } = csr;
  const d = new Int32Array(n);
  for (let i = 0; i < n; i++) d[i] = offsets[i + 1] - offsets[i];
  return d;
}
