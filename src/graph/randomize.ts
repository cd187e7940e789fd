/**
 * Degree-preserving randomisation by double-edge swaps, average shortest path length, and the
 * small-world coefficient sigma against randomised references.
 */

import { clusteringSummary } from './clustering.ts';
import { connectedComponents } from './components.ts';
import { buildUndirectedCsr, type Csr } from './csr.ts';
import { type Rng, sampleWithoutReplacement } from './rng.ts';

export interface RandomizationOptions {
  /** Successful swaps to make per tie (default 10). */
  swapsPerEdge?: number;
  /** Source of randomness for picking ties. */
  rng: Rng;
  /**
   * How the tie set is held: a bit matrix ('bits'), a hash set ('hash'), or the bit matrix up to
   * 16,384 nodes ('auto', the default). The result is the same; tests compare the two.
   */
  tieSet?: 'auto' | 'bits' | 'hash';
}

export interface SwapResult {
  /** The randomised graph (unit weights: tie weights do not survive rewiring). */
  csr: Csr;
  /** Swaps made. Fewer than swapsPerEdge × m when the attempt cap (20 per wanted swap) was reached. */
  swaps: number;
  /** Swaps attempted, rejected ones included. */
  attempts: number;
}

/**
 * Double-edge swaps (Maslov & Sneppen, "Specificity and stability in topology of protein networks",
 * Science 296, 2002; networkx.double_edge_swap): pick two distinct ties a–b and c–d uniformly (the
 * second in a random orientation) and replace them by a–d and c–b, unless the four ends are not all
 * distinct or a–d or c–b already exists (so no self-loops and no multi-edges arise). Every degree is
 * kept. Repeats until swapsPerEdge × m swaps succeed or 20 × that many attempts were made.
 *
 * Method: the ties are an edge list plus a set of the pairs — a bit matrix up to 16,384 nodes, else
 * an open-addressing hash set (linear probing, load ≤ 1/2, deletion by backward shifting — Knuth,
 * TAOCP vol. 3, §6.4, Algorithm R) — so the existence test and the update of a swap are O(1)
 * (expected, for the hash set) whatever the degrees; the CSR is rebuilt once at the end. Both sets
 * answer alike, so the swaps, and the random graph, do not depend on which one is used.
 *
 * Cost: O(attempts + n + m) expected time; O(n + m) memory, plus n²/8 bytes for the bit matrix.
 *
 * Example: the 4-cycle 0–1–2–3–0 admits only swaps that recreate a 4-cycle or are rejected (0–1 and
 * 2–3 would become 0–3 and 2–1, which exist); the degrees [2, 2, 2, 2] are kept either way.
 */
export function doubleEdgeSwaps(csr: Csr, options: RandomizationOptions): SwapResult {
  const swapsPerEdge = options.swapsPerEdge ?? 10;
  if (!(swapsPerEdge >= 0) || !Number.isFinite(swapsPerEdge)) {
    throw new RangeError(`swapsPerEdge must be a non-negative number, got ${swapsPerEdge}`);
  }
  const { rng } = options;
  const { n, offsets, targets } = csr;
  const m = targets.length / 2;
  const endU = new Int32Array(m);
  const endV = new Int32Array(m);
  const tieSet = options.tieSet ?? 'auto';
  const useBits = tieSet === 'bits' || (tieSet === 'auto' && n <= BITSET_MAX_NODES);
  const pairs: PairLookup = useBits ? new PairBits(n) : new PairSet(m);
  let e = 0;
  for (let u = 0; u < n; u++) {
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const v = targets[a];
      if (v > u) {
        endU[e] = u;
        endV[e++] = v;
        pairs.add(u, v);
      }
    }
  }

  const wanted = Math.round(swapsPerEdge * m);
  const maxAttempts = 20 * wanted;
  let swaps = 0;
  let attempts = 0;
  if (m >= 2) {
    while (swaps < wanted && attempts < maxAttempts) {
      attempts++;
      const e1 = Math.floor(rng() * m);
      const e2 = Math.floor(rng() * m);
      if (e1 === e2) continue;
      const a = endU[e1];
      const b = endV[e1];
      const flip = rng() < 0.5;
      const c = flip ? endV[e2] : endU[e2];
      const d = flip ? endU[e2] : endV[e2];
      if (a === c || a === d || b === c || b === d) continue;
      if (pairs.has(a, d) || pairs.has(c, b)) continue;
      pairs.delete(a, b);
      pairs.delete(c, d);
      pairs.add(a, d);
      pairs.add(c, b);
      endU[e1] = a;
      endV[e1] = d;
      endU[e2] = c;
      endV[e2] = b;
      swaps++;
    }
  }
  return { csr: buildUndirectedCsr(n, endU, endV), swaps, attempts };
}

/** The tie set of the swaps: membership, insertion and removal of unordered node pairs. */
interface PairLookup {
  has(x: number, y: number): boolean;
  add(x: number, y: number): void;
  delete(x: number, y: number): void;
}

/**
 * Up to this many nodes the tie set is a bit matrix (n² bits: 32 MiB at 16,384 nodes), one memory
 * access per test or update, about three times faster than the hash set on the ten clusters'
 * networks; the swaps accepted, and so the random graph, are the same either way.
 */
const BITSET_MAX_NODES = 16_384;

/** A set of unordered node pairs as a bit matrix: bit u·n + v for u < v (and v·n + u for v < u). */
class PairBits implements PairLookup {
  private readonly n: number;
  private readonly bits: Int32Array;

  constructor(n: number) {
    this.n = n;
    this.bits = new Int32Array(Math.ceil((n * n) / 32));
  }

  has(x: number, y: number): boolean {
    const i = x < y ? x * this.n + y : y * this.n + x;
    return (this.bits[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  add(x: number, y: number): void {
    const i = x < y ? x * this.n + y : y * this.n + x;
    this.bits[i >>> 5] |= 1 << (i & 31);
  }

  delete(x: number, y: number): void {
    const i = x < y ? x * this.n + y : y * this.n + x;
    this.bits[i >>> 5] &= ~(1 << (i & 31));
  }
}

/** A set of unordered node pairs: open addressing with linear probing over two Int32Arrays. */
class PairSet implements PairLookup {
  private readonly mask: number;
  private readonly first: Int32Array;
  private readonly second: Int32Array;

  constructor(capacity: number) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.mask = size - 1;
    this.first = new Int32Array(size).fill(-1);
    this.second = new Int32Array(size);
  }

  /** Home slot of the pair u < v (murmur3-style mix of both ids). */
  private home(u: number, v: number): number {
    let h = Math.imul(u, 0x9e3779b1) ^ v;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) & this.mask;
  }

  /** Slot holding the pair, or the empty slot where it would go. */
  private find(u: number, v: number): number {
    const { first, second, mask } = this;
    let i = this.home(u, v);
    while (first[i] !== -1 && (first[i] !== u || second[i] !== v)) i = (i + 1) & mask;
    return i;
  }

  has(x: number, y: number): boolean {
    return this.first[x < y ? this.find(x, y) : this.find(y, x)] !== -1;
  }

  add(x: number, y: number): void {
    const u = Math.min(x, y);
    const v = Math.max(x, y);
    const i = this.find(u, v);
    this.first[i] = u;
    this.second[i] = v;
  }

  /** Remove the pair, then shift later members of its probe run back so no lookup stops early. */
  delete(x: number, y: number): void {
    const { first, second, mask } = this;
    let i = x < y ? this.find(x, y) : this.find(y, x);
    if (first[i] === -1) return;
    first[i] = -1;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (first[j] === -1) return;
      const k = this.home(first[j], second[j]);
      // Move j into the hole at i unless its home lies cyclically in (i, j].
      const stays = i <= j ? i < k && k <= j : i < k || k <= j;
      if (stays) continue;
      first[i] = first[j];
      second[i] = second[j];
      first[j] = -1;
      i = j;
    }
  }
}

/**
 * A degree-preserving random graph with the degree sequence of `csr`: doubleEdgeSwaps(csr, options).csr
 * (see there). Cost O(swapsPerEdge × m) swaps. Example: any graph's randomisation has the same
 * degrees; a star cannot change at all (every two of its ties share the centre, so no swap is allowed).
 */
export function degreePreservingRandomization(csr: Csr, options: RandomizationOptions): Csr {
  return doubleEdgeSwaps(csr, options).csr;
}

/**
 * A BFS level is expanded bottom-up when its nodes have more than 1/BOTTOM_UP_ALPHA of the arcs of
 * the unvisited nodes (Beamer, Asanović & Patterson, "Direction-optimizing breadth-first search",
 * SC 2012, use α = 14 on the frontier's arcs against the unexplored ones).
 */
const BOTTOM_UP_ALPHA = 14;

export interface PathLengthOptions {
  /** Use at most this many BFS sources (default: all nodes of the component, i.e. exact). */
  sources?: number;
  /** Needed when the component has more nodes than `sources`: draws the sources. */
  rng?: Rng;
}

export interface PathLength {
  /** Mean distance over ordered pairs of distinct nodes of the largest component (NaN if < 2 nodes). */
  length: number;
  /** Nodes in the largest component (the first one found on ties). */
  componentSize: number;
  /** BFS sources used. */
  sources: number;
  /** True when every node of the component was a source. */
  exact: boolean;
  /**
   * Standard error of `length` from sampling the sources: the spread of the per-source mean
   * distances over √k, with the finite-population factor √(1 − k/N) (0 when exact; NaN for < 2 sources).
   */
  standardError: number;
}

/**
 * Average shortest path length of the largest connected component, L = Σ_{s ≠ t} d(s,t) / (N(N−1))
 * over its N nodes (networkx.average_shortest_path_length on that component). With `sources` < N, L
 * is estimated from BFS of that many sources drawn uniformly without replacement: the mean of
 * d(s, t) over the sampled s and all t ≠ s (unbiased for L).
 *
 * Method: each BFS switches to bottom-up steps (every unvisited node looks for a neighbour in the
 * current level and stops at the first) when the level's arcs outnumber the unvisited nodes' arcs /
 * 14 (Beamer et al. 2012), which on the dense, shallow co-participation networks skips most arcs;
 * the distances, and so L, are the same as a plain BFS's.
 *
 * Cost: O(k (N + m)) for k sources. Example: the path 0–1–2 has distances 1, 2, 1 from each side, so
 * L = (1 + 2 + 1 + 1 + 2 + 1) / 6 = 4/3.
 */
export function averageShortestPathLength(csr: Csr, options: PathLengthOptions = {}): PathLength {
  const { n, offsets, targets } = csr;
  const comps = connectedComponents(csr);
  if (n === 0)
    return { length: Number.NaN, componentSize: 0, sources: 0, exact: true, standardError: Number.NaN };
  let label = 0;
  for (let c = 0; c < comps.count; c++)
    if (comps.sizes[c] === comps.largest) {
      label = c;
      break;
    }
  const size = comps.largest;
  const members = new Int32Array(size);
  for (let i = 0, k = 0; i < n; i++) if (comps.labels[i] === label) members[k++] = i;
  if (size < 2)
    return { length: Number.NaN, componentSize: size, sources: 0, exact: true, standardError: Number.NaN };
  const wanted = options.sources ?? size;
  if (!Number.isInteger(wanted) || wanted < 1)
    throw new RangeError(`sources must be a positive integer, got ${wanted}`);
  let sources = members;
  const exact = wanted >= size;
  if (!exact) {
    if (options.rng === undefined) throw new RangeError('an rng is needed to sample path-length sources');
    const picks = sampleWithoutReplacement(size, wanted, options.rng);
    sources = Int32Array.from(picks, (p) => members[p]);
  }
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const unvisited = new Int32Array(size);
  const componentArcs = (() => {
    let arcs = 0;
    for (let k = 0; k < size; k++) arcs += offsets[members[k] + 1] - offsets[members[k]];
    return arcs;
  })();
  let sum = 0;
  let sumSquares = 0;
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k];
    dist[s] = 0;
    queue[0] = s;
    // queue[head, tail) is the current level; the levels before it are queue[0, head).
    let head = 0;
    let tail = 1;
    let level = 0;
    let local = 0;
    // Arcs not yet leaving a visited node, and the unvisited nodes (filled at the first bottom-up step).
    let arcsLeft = componentArcs - (offsets[s + 1] - offsets[s]);
    let unvisitedCount = -1;
    while (head < tail) {
      local += level * (tail - head);
      let frontierArcs = 0;
      for (let i = head; i < tail; i++) frontierArcs += offsets[queue[i] + 1] - offsets[queue[i]];
      const levelEnd = tail;
      if (frontierArcs * BOTTOM_UP_ALPHA > arcsLeft) {
        // Bottom-up step (Beamer et al. 2012): each unvisited node looks for a parent in the level.
        if (unvisitedCount < 0) {
          unvisitedCount = 0;
          for (let i = 0; i < size; i++) if (dist[members[i]] < 0) unvisited[unvisitedCount++] = members[i];
        }
        let kept = 0;
        for (let i = 0; i < unvisitedCount; i++) {
          const v = unvisited[i];
          if (dist[v] >= 0) continue;
          let found = false;
          const end = offsets[v + 1];
          for (let a = offsets[v]; a < end; a++) {
            if (dist[targets[a]] === level) {
              found = true;
              break;
            }
          }
          if (found) {
            dist[v] = level + 1;
            queue[tail++] = v;
            arcsLeft -= end - offsets[v];
          } else unvisited[kept++] = v;
        }
        unvisitedCount = kept;
      } else {
        for (let i = head; i < levelEnd; i++) {
          const v = queue[i];
          const end = offsets[v + 1];
          for (let a = offsets[v]; a < end; a++) {
            const w = targets[a];
            if (dist[w] < 0) {
              dist[w] = level + 1;
              queue[tail++] = w;
              arcsLeft -= offsets[w + 1] - offsets[w];
            }
          }
        }
        if (unvisitedCount >= 0) {
          let kept = 0;
          for (let i = 0; i < unvisitedCount; i++)
            if (dist[unvisited[i]] < 0) unvisited[kept++] = unvisited[i];
          unvisitedCount = kept;
        }
      }
      head = levelEnd;
      level++;
    }
    sum += local;
    sumSquares += (local / (size - 1)) ** 2;
    for (let i = 0; i < tail; i++) dist[queue[i]] = -1;
  }
  const used = sources.length;
  const length = sum / (used * (size - 1));
  const spread = used >= 2 ? Math.max(0, (sumSquares - used * length * length) / (used - 1)) : Number.NaN;
  const standardError = exact ? 0 : Math.sqrt((spread / used) * (1 - used / size));
  return { length, componentSize: size, sources: used, exact, standardError };
}

export interface SmallWorldOptions {
  /** Source of randomness for the swaps and the sampled path-length sources. */
  rng: Rng;
  /** Number of degree-preserving random graphs (default 10). */
  randomGraphs?: number;
  /** Swaps per tie for each random graph (default 10). */
  swapsPerEdge?: number;
  /** Clustering coefficient used for C: 'transitivity' (default) or 'average' (mean local clustering). */
  clustering?: 'transitivity' | 'average';
  /** BFS sources for L when the largest component is bigger (default 200; sampled without replacement). */
  pathSources?: number;
  /**
   * C of the graph itself (as `clustering` asks) when the caller has counted its triangles
   * already: it is used as given rather than counted again.
   */
  observedClustering?: number;
  /** Called after each random graph with (graphs done, graphs in total). */
  onProgress?: (done: number, total: number) => void;
}

export interface SmallWorld {
  /** sigma = (C / C_r) / (L / L_r); NaN when undefined (see `reason`). */
  sigma: number;
  /** C of the graph (transitivity or average clustering, as asked). */
  clustering: number;
  /** Mean C over the random graphs. */
  randomClustering: number;
  /** L of the graph's largest component. */
  pathLength: number;
  /** Mean L over the random graphs' largest components. */
  randomPathLength: number;
  randomGraphs: number;
  /** BFS sources per graph for L, and whether every node of the component was one. */
  pathSources: number;
  exactPaths: boolean;
  /**
   * Monte Carlo standard error of sigma (see smallWorldSigma): from the spread of C_r and L_r over
   * the random graphs and the sampling error of L; NaN with a single random graph or when sigma is NaN.
   */
  standardError: number;
  /** Why sigma is NaN, when it is. */
  reason?: string;
}

/**
 * Small-world coefficient sigma (Humphries & Gurney, "Network 'small-world-ness': a quantitative
 * method for determining canonical network equivalence", PLoS ONE 3(4), 2008):
 *
 *   sigma = (C / C_r) / (L / L_r)
 *
 * with C the clustering coefficient — by default the transitivity (H&G's C^Δ, 3 × triangles /
 * connected triples), optionally the mean local clustering — and L the average shortest path length
 * of the largest component; C_r and L_r are means over `randomGraphs` degree-preserving
 * randomisations (double-edge swaps, rather than H&G's Erdős–Rényi graphs, so the degree sequence is
 * controlled for). L uses BFS from every node of the component when it has at most `pathSources`
 * nodes, else from `pathSources` sampled nodes (each graph its own sample). sigma > 1 means more
 * clustering than the reference at a comparable path length.
 *
 * NaN with a reason when the largest component has fewer than 3 nodes, when C = 0 (no triangles) or
 * C_r = 0 (the random graphs have none), or when there are fewer than 2 ties to swap.
 *
 * Monte Carlo standard error (delta method on log sigma = log C − log L − log C̄_r + log L̄_r, with
 * c_i, l_i the R random graphs' values and s² their sample variances and covariance):
 *
 *   se(sigma) = sigma · √( se(L)²/L² + [s²_c/C̄_r² + s²_l/L̄_r² − 2 s_cl/(C̄_r L̄_r)] / R )
 *
 * where se(L) is the error of L from sampled BFS sources (0 when exact); it measures how far sigma
 * may lie from its value with infinitely many random graphs (and every source), not the swaps' mixing.
 *
 * Cost: randomGraphs × (swapsPerEdge × m swaps + triangle count + k BFS of O(n + m)).
 *
 * Example: a ring lattice of 100 nodes each tied to its 2 nearest neighbours on either side
 * (transitivity 0.5, L = 12.88) against 10 randomisations (C_r ≈ 0.02–0.03, L_r ≈ 3.56) has
 * sigma ≈ 5–6.5 depending on the seed (5.21 with mulberry32(1)).
 */
export function smallWorldSigma(csr: Csr, options: SmallWorldOptions): SmallWorld {
  const randomGraphs = options.randomGraphs ?? 10;
  if (!Number.isInteger(randomGraphs) || randomGraphs < 1) {
    throw new RangeError(`randomGraphs must be a positive integer, got ${randomGraphs}`);
  }
  const pathSources = options.pathSources ?? 200;
  const useAverage = options.clustering === 'average';
  const { rng } = options;
  const coefficient = (g: Csr): number => {
    const s = clusteringSummary(g);
    return useAverage ? s.averageClustering : s.transitivity;
  };
  const c = options.observedClustering ?? coefficient(csr);
  const path = averageShortestPathLength(csr, { sources: pathSources, rng });
  const base = {
    clustering: c,
    pathLength: path.length,
    randomGraphs,
    pathSources: path.sources,
    exactPaths: path.exact,
  };
  const undefinedSigma = (reason: string): SmallWorld => ({
    ...base,
    sigma: Number.NaN,
    randomClustering: Number.NaN,
    randomPathLength: Number.NaN,
    standardError: Number.NaN,
    reason,
  });
  if (path.componentSize < 3) return undefinedSigma('the largest component has fewer than 3 nodes');
  if (csr.targets.length < 4) return undefinedSigma('fewer than 2 ties: nothing to randomise');
  if (c === 0) return undefinedSigma('the graph has no triangles (C = 0)');

  const cs = new Float64Array(randomGraphs);
  const ls = new Float64Array(randomGraphs);
  let cr = 0;
  let lr = 0;
  for (let r = 0; r < randomGraphs; r++) {
    const g = degreePreservingRandomization(csr, { swapsPerEdge: options.swapsPerEdge, rng });
    cs[r] = coefficient(g);
    ls[r] = averageShortestPathLength(g, { sources: pathSources, rng }).length;
    cr += cs[r];
    lr += ls[r];
    options.onProgress?.(r + 1, randomGraphs);
  }
  cr /= randomGraphs;
  lr /= randomGraphs;
  if (cr === 0) {
    return {
      ...undefinedSigma('the random graphs have no triangles (C_r = 0)'),
      randomClustering: 0,
      randomPathLength: lr,
    };
  }
  const sigma = c / cr / (path.length / lr);
  let standardError = Number.NaN;
  if (randomGraphs >= 2) {
    let vc = 0;
    let vl = 0;
    let cov = 0;
    for (let r = 0; r < randomGraphs; r++) {
      vc += (cs[r] - cr) ** 2;
      vl += (ls[r] - lr) ** 2;
      cov += (cs[r] - cr) * (ls[r] - lr);
    }
    const random = (vc / cr ** 2 + vl / lr ** 2 - (2 * cov) / (cr * lr)) / (randomGraphs - 1) / randomGraphs;
    standardError = sigma * Math.sqrt(Math.max(0, random) + (path.standardError / path.length) ** 2);
  }
  return { ...base, sigma, randomClustering: cr, randomPathLength: lr, standardError };
}
