/** Shortest-path betweenness centrality of an undirected unweighted CSR graph (weights ignored). */

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Csr } from './csr.ts';
import { type Rng, sampleWithoutReplacement } from './rng.ts';

export interface BetweennessOptions {
  /**
   * Divide by the number of ordered pairs of other nodes, (n−1)(n−2), as networkx does for
   * undirected graphs with normalized=True (default true). Unnormalised values count each unordered
   * pair {s, t} once.
   */
  normalized?: boolean;
  /** Called after every `progressEvery` sources with (sources done, sources in total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Exact betweenness centrality, c_B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st over unordered pairs {s, t},
 * with σ_st the number of shortest s–t paths and σ_st(v) those through v (Freeman, Sociometry 40,
 * 1977). Normalised: c_B(v) · 2 / ((n−1)(n−2)) (0 when n ≤ 2). Same values as
 * networkx.betweenness_centrality(G, normalized=…) for an unweighted undirected graph.
 *
 * Method: Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25, 2001. One
 * breadth-first search per source s counts σ_sv level by level into typed arrays (the BFS queue
 * doubles as the stack of nodes by non-decreasing distance); walking that order backwards, the
 * dependency δ_s(v) = Σ_{w : d(s,w) = d(s,v)+1, vw tie} σ_sv/σ_sw (1 + δ_s(w)) is gathered from
 * the successors of v in the same CSR row, so no predecessor lists are stored. c_B(v) = ½ Σ_s δ_s(v)
 * (each unordered pair is seen from both ends).
 *
 * Cost: O(n m) time, O(n) memory besides the graph.
 *
 * Example: the path 0–1–2–3: node 1 lies on the shortest paths 0–2 and 0–3, node 2 on 0–3 and 1–3,
 * so raw values [0, 2, 2, 0]; normalised by 2/(3·2) → [0, 2/3, 2/3, 0].
 */
export function betweenness(csr: Csr, options: BetweennessOptions = {}): Float64Array {
  const n = csr.n;
  const sources = new Int32Array(n);
  for (let i = 0; i < n; i++) sources[i] = i;
  const sums = accumulateDependencies(csr, sources, null, options.onProgress);
  const scale = rescale(n, options.normalized ?? true);
  for (let i = 0; i < n; i++) sums[i] *= scale;
  return sums;
}

export interface SampledBetweennessOptions extends BetweennessOptions {
  /** Number of pivot sources k, 1 ≤ k ≤ n (k = n gives the exact values). */
  samples: number;
  /** Source of randomness for drawing the pivots. */
  rng: Rng;
  /** Error probability of the simultaneous Hoeffding bound (default 0.05). */
  alpha?: number;
}

export interface SampledBetweenness {
  /** Estimated betweenness, in the same units as betweenness(csr, { normalized }). */
  values: Float64Array;
  /**
   * Standard error of each estimate: n · √(S²_v / k · (1 − k/n)) in the same units, with S²_v the
   * sample variance of the pivots' dependencies δ_s(v) and (1 − k/n) the finite-population correction
   * of sampling pivots without replacement (Cochran, "Sampling Techniques", 3rd ed., 1977, §2.5).
   * An approximation: the dependencies of one node are very skewed (most sources give little, a
   * few give much), so few pivots tend to miss the large ones and understate the spread. On a
   * 400-node random graph ±2 standard errors covered the exact value for 66% of the estimates
   * with k = n/20, 80% with k = n/5, 88% with k = n/2 and 93% with k = 7n/8 (95% would be ideal).
   */
  standardError: Float64Array;
  /**
   * Half-width t of a simultaneous Hoeffding interval: with probability ≥ 1 − alpha, every node's
   * estimate is within ±bound of its exact value. Each δ_s(v) lies in [0, n − 2], so by Hoeffding's
   * inequality (which also holds for sampling without replacement, Hoeffding 1963 §6) and a union
   * bound over the n nodes, the mean of k pivots is within (n−2)·√(ln(2n/α) / 2k) of its expectation;
   * multiplied by n and the normalisation. Distribution-free and therefore loose; 0 when k = n.
   */
  bound: number;
  /** 1 − alpha, the probability attached to `bound`. */
  confidence: number;
  /** Number of pivots used. */
  samples: number;
}

/**
 * Betweenness estimated from k random pivot sources (Brandes & Pich, "Centrality estimation in large
 * networks", Int. J. Bifurcation and Chaos 17, 2007): the single-source dependencies δ_s(v) of k
 * sources drawn uniformly without replacement are summed and scaled by n/k, an unbiased estimate of
 * Σ_s δ_s(v); then halved or normalised as in betweenness(). Returns the estimate with a per-node
 * standard error and a simultaneous Hoeffding bound (see SampledBetweenness).
 *
 * Cost: O(k m) time, O(n) memory.
 *
 * Example: on the path 0–1–2–3 with samples = 4 = n every source is used, so values equal the
 * exact [0, 2/3, 2/3, 0] and standardError and bound are 0.
 */
export function sampledBetweenness(csr: Csr, options: SampledBetweennessOptions): SampledBetweenness {
  const n = csr.n;
  const k = options.samples;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`samples must be an integer in [1, ${n}], got ${k}`);
  }
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);
  const pivots = sampleWithoutReplacement(n, k, options.rng);
  const squares = new Float64Array(n);
  const sums = accumulateDependencies(csr, pivots, squares, options.onProgress);
  const scale = rescale(n, options.normalized ?? true) * (n / k);
  const values = new Float64Array(n);
  const standardError = new Float64Array(n);
  const fpc = 1 - k / n;
  for (let v = 0; v < n; v++) {
    const s = sums[v];
    values[v] = s * scale;
    if (k > 1 && fpc > 0) {
      const mean = s / k;
      const variance = Math.max(0, (squares[v] - k * mean * mean) / (k - 1));
      standardError[v] = scale * k * Math.sqrt((variance / k) * fpc);
    }
  }
  const bound = fpc > 0 && n > 2 ? scale * k * (n - 2) * Math.sqrt(Math.log((2 * n) / alpha) / (2 * k)) : 0;
  return { values, standardError, bound, confidence: 1 - alpha, samples: k };
}

export interface ParallelBetweennessOptions extends BetweennessOptions {
  /** Worker threads (default: the number of cores, at most 4); 1 runs betweenness() in this thread. */
  threads?: number;
}

/** Below this many nodes a worker's start-up costs more than it saves. */
const PARALLEL_MIN_NODES = 500;

/**
 * Exact betweenness as betweenness(), with the sources split over worker threads: worker t takes
 * the sources s ≡ t (mod threads), which balances the work; the graph is shared with the workers
 * through SharedArrayBuffers (no copy per worker) and each returns its Σ δ_s(v), which are summed
 * here. The workers run the very code of accumulateDependencies (its compiled source), so the result
 * equals the single-thread one up to the order of floating-point additions. Falls back to the
 * single-thread path for small graphs or threads = 1, and when a worker cannot start.
 *
 * Cost: O(n m / threads) time per thread plus worker start-up (tens of ms); O(threads · n) memory.
 *
 * Example: `await betweennessParallel(path, { threads: 2 })` on the path 0–1–2–3 gives [0, 2/3, 2/3, 0]
 * (computed in this thread, the graph being small).
 */
export async function betweennessParallel(
  csr: Csr,
  options: ParallelBetweennessOptions = {},
): Promise<Float64Array> {
  const n = csr.n;
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(4, availableParallelism()), n));
  if (!Number.isInteger(threads)) throw new RangeError(`threads must be an integer, got ${options.threads}`);
  if (threads === 1 || n < PARALLEL_MIN_NODES) return betweenness(csr, options);
  const share = <T extends Int32Array>(a: T): SharedArrayBuffer => {
    const buffer = new SharedArrayBuffer(a.byteLength);
    new Int32Array(buffer).set(a);
    return buffer;
  };
  const offsets = share(csr.offsets);
  const targets = share(csr.targets);
  const code = [
    "const { parentPort, workerData } = require('node:worker_threads');",
    `const accumulate = ${accumulateDependencies.toString()};`,
    'const { n, offsets, targets, sources } = workerData;',
    'const graph = { n, offsets: new Int32Array(offsets), targets: new Int32Array(targets), weights: new Float64Array(0) };',
    'const result = accumulate(graph, sources, null, (done) => parentPort.postMessage({ done }));',
    'parentPort.postMessage({ result }, [result.buffer]);',
  ].join('\n');
  const done = new Int32Array(threads);
  const run = (t: number): Promise<Float64Array> => {
    const sources = new Int32Array(Math.ceil((n - t) / threads));
    for (let s = t, k = 0; s < n; s += threads) sources[k++] = s;
    return new Promise((resolve, reject) => {
      const worker = new Worker(code, { eval: true, workerData: { n, offsets, targets, sources } });
      worker.on('message', (message: { done?: number; result?: Float64Array }) => {
        if (message.result !== undefined) {
          resolve(message.result);
          void worker.terminate();
        } else if (message.done !== undefined && options.onProgress !== undefined) {
          done[t] = message.done;
          let total = 0;
          for (let i = 0; i < threads; i++) total += done[i];
          options.onProgress(total, n);
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`betweenness worker exited with code ${code}`));
      });
    });
  };
  let parts: Float64Array[];
  try {
    parts = await Promise.all(Array.from({ length: threads }, (_, t) => run(t)));
  } catch {
    return betweenness(csr, options);
  }
  const sums = new Float64Array(n);
  for (const part of parts) for (let v = 0; v < n; v++) sums[v] += part[v];
  const scale = rescale(n, options.normalized ?? true);
  for (let v = 0; v < n; v++) sums[v] *= scale;
  return sums;
}

export interface BetweennessPlanOptions {
  /** Work cap in source × tie visits (one BFS from a source walks every tie about twice). */
  budget: number;
  /** Most pivots a sampled estimate uses. */
  samples: number;
  /** Exact betweenness never above this many nodes, whatever the budget. */
  exactLimit?: number;
}

export interface BetweennessPlan {
  exact: boolean;
  /** Sources used: n when exact. */
  pivots: number;
  /** Estimated work, sources × ties. */
  work: number;
}

/**
 * Chooses exact or sampled betweenness by the work each costs, not by the node count: Brandes'
 * algorithm costs one breadth-first search per source, about n·m visits in all, and k pivots cost
 * k·m. Exact when n·m ≤ budget (and n ≤ exactLimit); otherwise k = min(samples, max(10, ⌊budget /
 * m⌋)) pivots, and exact again when that k reaches n. So 3,846 organisations with 197,000 ties (7.6
 * · 10⁸ visits) are sampled with ⌊2·10⁷ / 197,000⌋ = 101 pivots, while 2,000 with 5,000 ties (10⁷)
 * are computed exactly.
 */
export function planBetweenness(n: number, m: number, options: BetweennessPlanOptions): BetweennessPlan {
  const ties = Math.max(1, m);
  if (n <= (options.exactLimit ?? Number.POSITIVE_INFINITY) && n * ties <= options.budget) {
    return { exact: true, pivots: n, work: n * ties };
  }
  const pivots = Math.min(options.samples, n, Math.max(10, Math.floor(options.budget / ties)));
  if (pivots >= n && n <= (options.exactLimit ?? Number.POSITIVE_INFINITY)) {
    return { exact: true, pivots: n, work: n * ties };
  }
  return { exact: false, pivots, work: pivots * ties };
}

export interface EstimateOptions {
  plan: BetweennessPlan;
  /** Draws the pivots (unused when exact). */
  rng: Rng;
  normalized?: boolean;
  /** Threads, this one included (default: the cores, at most 4); the result does not depend on it. */
  threads?: number;
  /** Pivot batches for the jackknife standard error of the centralization (default 10). */
  batches?: number;
  /** Leave every batch to the workers, this thread only waiting (tests use it to exercise them). */
  workersOnly?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface BetweennessEstimate {
  values: Float64Array;
  /** Per-node standard error (see SampledBetweenness); null when exact. */
  standardError: Float64Array | null;
  /** Freeman's centralization Σ_i (c_max − c_i) / (n − 1) of `values`. */
  centralization: number;
  /**
   * Jackknife standard error of the centralization over the pivot batches: with B batches and
   * θ_(b) the centralization computed without batch b, SE = √((B−1)/B · Σ_b (θ_(b) − θ̄)²)
   * (Efron & Stein 1981; the delete-a-group jackknife). Null when exact or with fewer than 2 batches.
   * It measures the spread, not the bias: the centralization rests on the largest estimate, and the
   * largest of many noisy estimates overstates the largest value, so with few pivots the estimate is
   * too high. On G(300, 0.01) ±2 errors covered the exact centralization in 85%, 95% and 100% of 40
   * seeds with 20, 60 and 150 pivots; on the flatter G(1000, 0.005) in 18%, 53% and 98%.
   */
  centralizationError: number | null;
  /** Simultaneous Hoeffding half-width and its confidence (see SampledBetweenness); 0 when exact. */
  bound: number;
  confidence: number;
  exact: boolean;
  pivots: number;
  batches: number;
  /** Batches computed by worker threads (the rest by this one). */
  workerBatches: number;
}

/** Freeman's betweenness centralization of normalised values: Σ_i (max − c_i) / (n − 1). */
export function centralization(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return 0;
  let max = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] > max) max = values[i];
    sum += values[i];
  }
  return (n * max - sum) / (n - 1);
}

/**
 * Below this many visits (sources × ties) a worker's start-up costs more than it saves. At 4
 * million, `compare` (5 million visits per region) started a worker for each of the ten regions:
 * side by side, two rounds at load 5–7, 4 million took 26.6 s wall and 14.0 s CPU against 21.4 s and
 * 12.4 s with 8 million (ratios 0.88 and 1.71 wall, both pairs in favour of 8 million).
 */
const PARALLEL_MIN_WORK = 8_000_000;

/**
 * Betweenness as planned by planBetweenness: exact (Brandes 2001) or from k pivots (Brandes & Pich
 * 2007, see sampledBetweenness), the sources split into fixed batches that this thread and worker
 * threads take in turn. Each batch's Σ δ_s(v) is kept apart and the batches are added in their
 * order, so the result is the same, to the bit, whatever the number of threads and whichever thread
 * took which batch. The waiting is synchronous (Atomics.wait), so the caller need not be async; a
 * worker that fails leaves its batch to this thread.
 *
 * Cost: O(k m / threads) time, O(batches · n) memory.
 */
export function estimateBetweenness(csr: Csr, options: EstimateOptions): BetweennessEstimate {
  const n = csr.n;
  const { plan } = options;
  const k = plan.exact ? n : plan.pivots;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new RangeError(`pivots must be an integer in [1, ${n}], got ${k}`);
  let sources: Int32Array;
  if (plan.exact) {
    sources = new Int32Array(n);
    for (let i = 0; i < n; i++) sources[i] = i;
  } else {
    sources = sampleWithoutReplacement(n, k, options.rng);
  }
  const batches = Math.max(1, Math.min(options.batches ?? 10, k));
  const starts = new Int32Array(batches + 1);
  for (let b = 0; b <= batches; b++) starts[b] = Math.round((b * k) / batches);
  const m = csr.offsets[n] / 2;
  const threads =
    k * m < PARALLEL_MIN_WORK && !options.workersOnly
      ? 1
      : Math.max(1, Math.min(options.threads ?? Math.min(4, availableParallelism()), batches));
  const { out: parts, workerBatches } = runBatches(csr, sources, starts, threads, options);

  const sums = new Float64Array(n);
  const squares = new Float64Array(n);
  for (let b = 0; b < batches; b++) {
    const part = parts.subarray(2 * b * n, (2 * b + 1) * n);
    const sq = parts.subarray((2 * b + 1) * n, (2 * b + 2) * n);
    for (let v = 0; v < n; v++) {
      sums[v] += part[v];
      squares[v] += sq[v];
    }
  }
  const base = rescale(n, options.normalized ?? true);
  const values = new Float64Array(n);
  const scale = base * (n / k);
  for (let v = 0; v < n; v++) values[v] = sums[v] * scale;
  const result: BetweennessEstimate = {
    values,
    standardError: null,
    centralization: centralization(values),
    centralizationError: null,
    bound: 0,
    confidence: 1,
    exact: plan.exact,
    pivots: k,
    batches,
    workerBatches,
  };
  if (plan.exact) return result;

  const alpha = 0.05;
  const fpc = 1 - k / n;
  const standardError = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    if (k > 1 && fpc > 0) {
      const mean = sums[v] / k;
      const variance = Math.max(0, (squares[v] - k * mean * mean) / (k - 1));
      standardError[v] = scale * k * Math.sqrt((variance / k) * fpc);
    }
  }
  result.standardError = standardError;
  result.bound = fpc > 0 && n > 2 ? scale * k * (n - 2) * Math.sqrt(Math.log((2 * n) / alpha) / (2 * k)) : 0;
  result.confidence = 1 - alpha;
  if (batches >= 2) {
    const thetas = new Float64Array(batches);
    const without = new Float64Array(n);
    for (let b = 0; b < batches; b++) {
      const part = parts.subarray(2 * b * n, (2 * b + 1) * n);
      const kb = k - (starts[b + 1] - starts[b]);
      const s = base * (n / kb);
      for (let v = 0; v < n; v++) without[v] = (sums[v] - part[v]) * s;
      thetas[b] = centralization(without);
    }
    let mean = 0;
    for (const t of thetas) mean += t / batches;
    let ss = 0;
    for (const t of thetas) ss += (t - mean) ** 2;
    result.centralizationError = Math.sqrt(((batches - 1) / batches) * ss);
  }
  return result;
}

/**
 * Σ δ_s(v) and Σ δ_s(v)² of each batch of sources (batch b: sources[starts[b] … starts[b+1])), laid
 * out as [sums of batch 0, squares of batch 0, sums of batch 1, …]. Batches are claimed through a
 * shared counter by this thread and `threads − 1` workers.
 */
function runBatches(
  csr: Csr,
  sources: Int32Array,
  starts: Int32Array,
  threads: number,
  options: Pick<EstimateOptions, 'onProgress' | 'workersOnly'>,
): { out: Float64Array; workerBatches: number } {
  const { onProgress } = options;
  const n = csr.n;
  const batches = starts.length - 1;
  const total = sources.length;
  // control[0]: next batch to claim; control[1]: sources done; control[2 + b]: batch b's state.
  const control = new Int32Array(new SharedArrayBuffer(4 * (2 + batches)));
  const out = new Float64Array(new SharedArrayBuffer(8 * 2 * batches * n));
  const PENDING = 0;
  const CLAIMED = 1;
  const DONE = 2;
  const FAILED = 3;
  const workers: Worker[] = [];
  if (threads > 1) {
    const share = (a: Int32Array): SharedArrayBuffer => {
      const buffer = new SharedArrayBuffer(a.byteLength);
      new Int32Array(buffer).set(a);
      return buffer;
    };
    const workerData = {
      n,
      offsets: share(csr.offsets),
      targets: share(csr.targets),
      sources: share(sources),
      starts: share(starts),
      control: control.buffer,
      out: out.buffer,
    };
    const code = [
      "const { workerData } = require('node:worker_threads');",
      `const accumulate = ${accumulateDependencies.toString()};`,
      'const { n } = workerData;',
      'const graph = { n, offsets: new Int32Array(workerData.offsets), targets: new Int32Array(workerData.targets), weights: new Float64Array(0) };',
      'const sources = new Int32Array(workerData.sources);',
      'const starts = new Int32Array(workerData.starts);',
      'const control = new Int32Array(workerData.control);',
      'const out = new Float64Array(workerData.out);',
      'const batches = starts.length - 1;',
      'for (;;) {',
      '  const b = Atomics.add(control, 0, 1);',
      '  if (b >= batches) break;',
      `  Atomics.store(control, 2 + b, ${CLAIMED});`,
      '  let state = 3;',
      '  try {',
      '    const squares = new Float64Array(n);',
      '    let last = 0;',
      '    const sums = accumulate(graph, sources.subarray(starts[b], starts[b + 1]), squares, (done) => { Atomics.add(control, 1, done - last); last = done; });',
      '    out.set(sums, 2 * b * n);',
      '    out.set(squares, (2 * b + 1) * n);',
      `    state = ${DONE};`,
      '  } catch {}',
      '  Atomics.store(control, 2 + b, state);',
      '  Atomics.notify(control, 2 + b);',
      '}',
    ].join('\n');
    for (let t = 1; t < threads; t++) {
      try {
        const worker = new Worker(code, { eval: true, workerData });
        worker.unref();
        worker.on('error', () => {});
        workers.push(worker);
      } catch {
        break;
      }
    }
  }
  const compute = (b: number) => {
    const squares = new Float64Array(n);
    let last = 0;
    const sums = accumulateDependencies(csr, sources.subarray(starts[b], starts[b + 1]), squares, (done) => {
      Atomics.add(control, 1, done - last);
      last = done;
      onProgress?.(Math.min(total, Atomics.load(control, 1)), total);
    });
    out.set(sums, 2 * b * n);
    out.set(squares, (2 * b + 1) * n);
  };
  const mine = new Uint8Array(batches);
  while (!(options.workersOnly && workers.length > 0)) {
    const b = Atomics.add(control, 0, 1);
    if (b >= batches) break;
    Atomics.store(control, 2 + b, CLAIMED);
    compute(b);
    Atomics.store(control, 2 + b, DONE);
    mine[b] = 1;
  }
  // Wait for the batches the workers took; one that failed is computed here.
  for (let b = 0; b < batches; b++) {
    if (mine[b]) continue;
    let state = Atomics.load(control, 2 + b);
    while (state === PENDING || state === CLAIMED) {
      Atomics.wait(control, 2 + b, state, 50);
      state = Atomics.load(control, 2 + b);
    }
    if (state === FAILED) {
      compute(b);
      mine[b] = 1;
    }
  }
  for (const worker of workers) void worker.terminate();
  onProgress?.(total, total);
  let workerBatches = batches;
  for (const b of mine) workerBatches -= b;
  return { out, workerBatches };
}

/** Factor turning Σ_s δ_s(v) into networkx's betweenness. */
function rescale(n: number, normalized: boolean): number {
  if (!normalized) return 0.5;
  return n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
}

/**
 * Σ_{s ∈ sources} δ_s(v) for every v (and Σ δ_s(v)² into `squares` when given): the Brandes
 * accumulation over the given sources.
 */
export function accumulateDependencies(
  csr: Csr,
  sources: Int32Array,
  squares: Float64Array | null,
  onProgress?: (done: number, total: number) => void,
): Float64Array {
  const { n, offsets, targets } = csr;
  const result = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const queue = new Int32Array(n);
  const total = sources.length;
  const every = Math.max(1, Math.ceil(total / 100));
  for (let k = 0; k < total; k++) {
    const s = sources[k];
    dist[s] = 0;
    sigma[s] = 1;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++];
      const next = dist[v] + 1;
      const sv = sigma[v];
      const end = offsets[v + 1];
      for (let a = offsets[v]; a < end; a++) {
        const w = targets[a];
        const dw = dist[w];
        if (dw < 0) {
          dist[w] = next;
          sigma[w] = sv;
          queue[tail++] = w;
        } else if (dw === next) {
          sigma[w] += sv;
        }
      }
    }
    // Backwards by non-increasing distance; delta[w] holds (1 + δ_s(w)) / σ_sw once w is done.
    for (let i = tail - 1; i > 0; i--) {
      const v = queue[i];
      const next = dist[v] + 1;
      let acc = 0;
      const end = offsets[v + 1];
      for (let a = offsets[v]; a < end; a++) {
        const w = targets[a];
        if (dist[w] === next) acc += delta[w];
      }
      const dv = sigma[v] * acc;
      delta[v] = (1 + dv) / sigma[v];
      result[v] += dv;
      if (squares !== null) squares[v] += dv * dv;
    }
    for (let i = 0; i < tail; i++) {
      const v = queue[i];
      dist[v] = -1;
      delta[v] = 0;
    }
    if (onProgress !== undefined && ((k + 1) % every === 0 || k + 1 === total)) onProgress(k + 1, total);
  }
  return result;
}
