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

/**
 * The ties of a Csr without their weights, for kernels that read only who is tied to whom
 * (triangles, clustering, components); every Csr is one.
 */
export type Topology = Pick<Csr, 'n' | 'offsets' | 'targets'>;

/** Largest number of directed arcs an Int32 offsets array can address. */
const MAX_ARCS = 0x7fffffff;

/** Up to this many nodes the transposition sort's per-node cursor fits in cache (2^17 → 512 KB). */
const TRANSPOSE_MAX_NODES = 1 << 17;

/** Widest radix digit, in bits: at most 2048 buckets keep each pass's write streams cache-resident. */
const MAX_DIGIT_BITS = 11;

/** log2 of the average number of arcs per source bucket aimed for (2^14 arcs ≈ 128–256 KB). */
const LOCAL_LOG2 = 14;

/**
 * Build the undirected simple graph of an edge list.
 *
 * Input: edge k joins `sources[k]` and `targets[k]` (any orientation, possibly repeated, possibly a
 * self-loop), with weight `weights[k]` (1 when omitted). Output: one tie per distinct unordered pair
 * {u,v}, u ≠ v, with weight w(u,v) = Σ_{k : {s_k,t_k} = {u,v}} weights[k] — so without weights the
 * weight is the multiplicity of the pair. Self-loops are dropped.
 *
 * Method: every non-loop edge becomes the two arcs u→v and v→u, which are put in CSR order (rows by
 * source, each row's targets ascending) without any comparison sort, after which runs of equal
 * targets are adjacent and one linear sweep merges them in place, summing weights. Row offsets come
 * from the degree count taken while validating ids. Two orderings, same result:
 *  - n ≤ 2^17: transposition sort — scatter the arcs into their rows unsorted, then, walking rows
 *    i = 0 … n-1 in order, append i to the row of each neighbour; since the arc set is symmetric
 *    this rebuilds the same rows in ascending order (Gustavson, "Two fast algorithms for sparse
 *    matrices", ACM TOMS 4(3), 1978). Two passes, random access over a cache-resident cursor.
 *  - larger n: one streaming pass buckets the arcs by the top ≤ 11 bits of the source (each bucket
 *    is the CSR region of a block of consecutive rows), then each cache-sized bucket is finished
 *    locally by LSD radix passes over ≤ 11-bit target digits and a counting sort by source
 *    (Cormen et al., "Introduction to Algorithms", 3rd ed., §8.2–8.3).
 *
 * Cost: O(n + E) time for E input edges (times ⌈log₂ n / 11⌉ cache-local passes for large n);
 * peak memory about 2 × 2E Int32 (+ 2 × 2E Float64 when weights are given) plus the result's
 * weights. Throws RangeError on a node id outside [0, n), a negative or fractional n, or arrays of
 * mismatched length.
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
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`node count must be a non-negative integer, got ${n}`);
  }
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

  if (arcs === 0) {
    offsets.fill(0);
    return { n, offsets, targets: new Int32Array(0), weights: new Float64Array(0) };
  }

  // Arcs u→v and v→u of every edge, in CSR order with each row's targets ascending.
  const w = weights ?? null;
  const { target, weight } =
    n <= TRANSPOSE_MAX_NODES
      ? transposeSort(n, sources, targets, w, offsets, arcs)
      : bucketSort(n, sources, targets, w, offsets, arcs);

  // Merge runs of equal targets in place; the write position never passes the read position.
  const outW = weight ?? new Float64Array(arcs);
  let write = 0;
  let from = 0;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    offsets[i] = write;
    let a = from;
    if (weight === null) {
      while (a < end) {
        const t = target[a];
        const run = a;
        a++;
        while (a < end && target[a] === t) a++;
        target[write] = t;
        outW[write] = a - run;
        write++;
      }
    } else {
      while (a < end) {
        const t = target[a];
        let sum = weight[a];
        a++;
        while (a < end && target[a] === t) sum += weight[a++];
        target[write] = t;
        outW[write] = sum;
        write++;
      }
    }
    from = end;
  }
  offsets[n] = write;
  if (write === arcs) return { n, offsets, targets: target, weights: outW };
  return { n, offsets, targets: target.slice(0, write), weights: outW.slice(0, write) };
}

/**
 * The union of a CSR graph and an edge list: one tie per distinct pair, weights summed where the two
 * share a pair (w(u,v) = w_csr(u,v) + Σ weights of the edges joining u and v). Edges with an end
 * of −1 (an unknown organisation) are left out; other ids must lie in [0, n).
 *
 * Method: the CSR's upper triangle (u < v, in row order) followed by the edges, through
 * buildUndirectedCsr; so the sums on a shared pair add the CSR's weight first, then the edges' in
 * their order. Cost as buildUndirectedCsr over m + E edges.
 *
 * Example: the path 0–1 (weight 2) and edges (1,0,0.5) (1,2,1) (−1,2,1) → ties {0,1} 2.5, {1,2} 1.
 */
export function mergeEdges(csr: Csr, source: Int32Array, target: Int32Array, weight: Float64Array): Csr {
  const { n, offsets, targets, weights } = csr;
  const upper = offsets[n] / 2;
  const total = upper + source.length;
  const s = new Int32Array(total);
  const t = new Int32Array(total);
  const w = new Float64Array(total);
  let e = 0;
  for (let u = 0; u < n; u++) {
    const end = offsets[u + 1];
    for (let k = offsets[u]; k < end; k++) {
      if (targets[k] > u) {
        s[e] = u;
        t[e] = targets[k];
        w[e++] = weights[k];
      }
    }
  }
  for (let i = 0; i < source.length; i++) {
    if (source[i] < 0 || target[i] < 0) continue;
    s[e] = source[i];
    t[e] = target[i];
    w[e++] = weight[i];
  }
  return buildUndirectedCsr(n, s.subarray(0, e), t.subarray(0, e), w.subarray(0, e));
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

/**
 * Arcs in CSR order with sorted rows, for n small enough that a per-node cursor stays in cache.
 * Pass 1 scatters both orientations of every non-loop edge into their source rows (unsorted).
 * Because the arc set is symmetric, walking rows i = 0 … n-1 in order and appending i to the row
 * of each neighbour rebuilds the same rows, now ascending (transposition sort, Gustavson 1978).
 */
function transposeSort(
  n: number,
  sources: Int32Array,
  targets: Int32Array,
  weights: Float64Array | null,
  offsets: Int32Array,
  arcs: number,
): { target: Int32Array; weight: Float64Array | null } {
  const cursor = offsets.slice(0, n);
  const rough = new Int32Array(arcs);
  const sorted = new Int32Array(arcs);
  const e = sources.length;
  if (weights === null) {
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
    return { target: sorted, weight: null };
  }
  const roughW = new Float64Array(arcs);
  const sortedW = new Float64Array(arcs);
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
  return { target: sorted, weight: sortedW };
}

/**
 * Arcs in CSR order with sorted rows, for large n where random writes over n rows miss the cache.
 *
 * One streaming pass scatters the arcs into at most 2^MAX_DIGIT_BITS buckets of consecutive source
 * ids (most-significant-digit bucketing); bucket j is exactly the CSR region of its rows, read off
 * the degree prefix sums. Each bucket is then small enough to stay in cache and is finished
 * locally: LSD radix passes over the target digits into scratch buffers, then a counting sort by
 * source back into the bucket's region. Returns the sorted targets (sources are implied by the
 * offsets) and, when weighted, the weights in the same order.
 */
function bucketSort(
  n: number,
  sources: Int32Array,
  targets: Int32Array,
  weights: Float64Array | null,
  offsets: Int32Array,
  arcs: number,
): { target: Int32Array; weight: Float64Array | null } {
  const bits = n <= 2 ? 1 : 32 - Math.clz32(n - 1);
  let bucketBits = 0;
  while (bucketBits < MAX_DIGIT_BITS && bucketBits < bits && arcs >>> (bucketBits + LOCAL_LOG2) > 0) {
    bucketBits++;
  }
  const shift = bits - bucketBits;
  const span = 2 ** shift; // rows per bucket
  const buckets = Math.ceil(n / span);
  const cursor = new Int32Array(Math.max(buckets, n));
  let largest = 0;
  for (let j = 0; j < buckets; j++) {
    const lo = offsets[j * span];
    cursor[j] = lo;
    largest = Math.max(largest, offsets[Math.min(n, (j + 1) * span)] - lo);
  }

  // Streaming pass: arcs into source buckets.
  const src = new Int32Array(arcs);
  const tgt = new Int32Array(arcs);
  const wt = weights === null ? null : new Float64Array(arcs);
  const e = sources.length;
  if (weights === null || wt === null) {
    for (let k = 0; k < e; k++) {
      const u = sources[k];
      const v = targets[k];
      if (u !== v) {
        let p = cursor[u >>> shift]++;
        src[p] = u;
        tgt[p] = v;
        p = cursor[v >>> shift]++;
        src[p] = v;
        tgt[p] = u;
      }
    }
  } else {
    for (let k = 0; k < e; k++) {
      const u = sources[k];
      const v = targets[k];
      if (u !== v) {
        const w = weights[k];
        let p = cursor[u >>> shift]++;
        src[p] = u;
        tgt[p] = v;
        wt[p] = w;
        p = cursor[v >>> shift]++;
        src[p] = v;
        tgt[p] = u;
        wt[p] = w;
      }
    }
  }

  // Per bucket: LSD passes over target digits, then a counting sort by source.
  const passes = Math.ceil(bits / MAX_DIGIT_BITS);
  const digit = Math.ceil(bits / passes);
  const mask = (1 << digit) - 1;
  const start = new Int32Array(mask + 1);
  let srcA = new Int32Array(largest);
  let tgtA = new Int32Array(largest);
  let wA = wt === null ? null : new Float64Array(largest);
  let srcB = new Int32Array(largest);
  let tgtB = new Int32Array(largest);
  let wB = wt === null ? null : new Float64Array(largest);
  cursor.set(offsets.subarray(0, n));
  for (let j = 0; j < buckets; j++) {
    const lo = j * span;
    const base = offsets[lo];
    const len = offsets[Math.min(n, (j + 1) * span)] - base;
    if (len === 0) continue;
    for (let pass = 0; pass < passes; pass++) {
      const sh = pass * digit;
      // Pass 0 reads the bucket's region of the big arrays; later passes read scratch A.
      const inSrc = pass === 0 ? src : srcA;
      const inTgt = pass === 0 ? tgt : tgtA;
      const inW = pass === 0 ? wt : wA;
      const from = pass === 0 ? base : 0;
      const to = from + len;
      start.fill(0);
      for (let a = from; a < to; a++) start[(inTgt[a] >>> sh) & mask]++;
      exclusivePrefix(start);
      if (inW === null || wB === null) {
        for (let a = from; a < to; a++) {
          const t = inTgt[a];
          const p = start[(t >>> sh) & mask]++;
          srcB[p] = inSrc[a];
          tgtB[p] = t;
        }
      } else {
        for (let a = from; a < to; a++) {
          const t = inTgt[a];
          const p = start[(t >>> sh) & mask]++;
          srcB[p] = inSrc[a];
          tgtB[p] = t;
          wB[p] = inW[a];
        }
      }
      [srcA, srcB] = [srcB, srcA];
      [tgtA, tgtB] = [tgtB, tgtA];
      [wA, wB] = [wB, wA];
    }
    if (wt === null || wA === null) {
      for (let a = 0; a < len; a++) tgt[cursor[srcA[a]]++] = tgtA[a];
    } else {
      for (let a = 0; a < len; a++) {
        const p = cursor[srcA[a]]++;
        tgt[p] = tgtA[a];
        wt[p] = wA[a];
      }
    }
  }
  return { target: tgt, weight: wt };
}

/** Turn bucket counts into bucket starts, in place. */
function exclusivePrefix(counts: Int32Array): void {
  let sum = 0;
  for (let d = 0; d < counts.length; d++) {
    const c = counts[d];
    counts[d] = sum;
    sum += c;
  }
}
