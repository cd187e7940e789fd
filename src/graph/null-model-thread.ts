/**
 * The network family's null models on worker threads while this thread goes on with the other
 * figures: small-world sigma's random graphs and the brokerage label permutations are started
 * before the other steps and taken at the end. A worker runs the very smallWorldSigma or
 * brokerageZScores of this library with the same seed, so the result is the same, to the bit, as a
 * call on this thread; the waiting is synchronous (Atomics.wait), and a job that no worker has
 * claimed, or that failed, is computed here.
 */

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type BrokerageRoles, brokerageRoles } from './brokerage.ts';
import { type BrokerageZ, brokerageZScores } from './brokerage-z.ts';
import { type ClusteringSummary, clusteringSummary } from './clustering.ts';
import type { Csr } from './csr.ts';
import { type SmallWorld, smallWorldSigma } from './randomize.ts';
import { mulberry32 } from './rng.ts';

/** What smallWorldSigma needs besides the graph; the random source is mulberry32(seed). */
export interface SmallWorldJob {
  seed: number;
  randomGraphs: number;
  swapsPerEdge?: number;
  pathSources?: number;
  clustering?: 'transitivity' | 'average';
  /** C of the graph when the caller has it (see SmallWorldOptions.observedClustering). */
  observedClustering?: number;
}

/** What brokerageZScores needs besides the graph; the random source is mulberry32(seed). */
export interface BrokerageJob {
  seed: number;
  permutations: number;
  group: Int32Array;
  focus?: Uint8Array;
}

type Job =
  | ({ kind: 'smallWorld' } & SmallWorldJob)
  | ({ kind: 'brokerage' } & BrokerageJob)
  | { kind: 'roles'; group: Int32Array }
  | { kind: 'clustering' };

type JobResult = SmallWorld | BrokerageZ | BrokerageRoles | ClusteringSummary;

export interface Pending<T> {
  /**
   * The result, waiting for the worker if it is still at work (progress as (steps done, steps in
   * total) while waiting: random graphs or permutations), or computing it here if no worker took
   * the job.
   */
  take(onProgress?: (done: number, total: number) => void): { value: T; byWorker: boolean };
}

export interface StartOptions {
  /**
   * 'always' starts a worker, 'never' leaves the job to take(), 'auto' (the default) starts one when
   * the machine has two cores or more and the job is worth a thread (see THREAD_MIN_WORK).
   */
  thread?: 'auto' | 'always' | 'never';
  /** take() waits up to 60 s for the worker to claim the job rather than claiming it first (tests). */
  waitForWorker?: boolean;
}

/**
 * Below this much work the copy of the graph and the message cost more than a worker saves (the
 * pool's start-up is paid once per process): swaps (random graphs × swaps per tie × ties) for
 * sigma, permutations × ties for brokerage.
 */
const THREAD_MIN_WORK = 200_000;

/**
 * From this many ties one O(m^1.5) pass over the observed graph — the brokerage counts or the
 * triangles, each about a quarter of a second at 100,000 ties — is worth a worker: the network family's other figures go on meanwhile.
 */
const OBSERVED_THREAD_MIN_TIES = 50_000;

// control[0]: the job's state; control[1]: steps done.
const PENDING = 0;
const CLAIMED = 1;
const DONE = 2;
const FAILED = 3;
const HERE = 4;

/**
 * The worker's bootstrap: import null-model-worker.js beside this module, or, when running from the
 * TypeScript sources (tests, benchmarks), register tsx's loader in the worker first and import
 * null-model-worker.ts (Node 20 does not carry `--import tsx` hooks into a worker reliably).
 */
function workerSource(): string {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return `import(${JSON.stringify(new URL('./null-model-worker.js', here).href)});`;
  const tsx = join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const entry = new URL('./null-model-worker.ts', here).href;
  return `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
}

function steps(job: Job): number {
  return job.kind === 'smallWorld' ? job.randomGraphs : job.kind === 'brokerage' ? job.permutations : 1;
}

/** The job on this thread. */
function runJob(csr: Csr, job: Job, onProgress?: (done: number, total: number) => void): JobResult {
  const progress = onProgress === undefined ? {} : { onProgress };
  if (job.kind === 'clustering') {
    const summary = clusteringSummary(csr);
    onProgress?.(1, 1);
    return summary;
  }
  if (job.kind === 'roles') {
    const roles = brokerageRoles(csr, job.group);
    onProgress?.(1, 1);
    return roles;
  }
  if (job.kind === 'brokerage') {
    return brokerageZScores(csr, job.group, {
      permutations: job.permutations,
      rng: mulberry32(job.seed),
      ...(job.focus === undefined ? {} : { focus: job.focus }),
      ...progress,
    });
  }
  return smallWorldSigma(csr, {
    rng: mulberry32(job.seed),
    randomGraphs: job.randomGraphs,
    ...(job.swapsPerEdge === undefined ? {} : { swapsPerEdge: job.swapsPerEdge }),
    ...(job.pathSources === undefined ? {} : { pathSources: job.pathSources }),
    ...(job.clustering === undefined ? {} : { clustering: job.clustering }),
    ...(job.observedClustering === undefined ? {} : { observedClustering: job.observedClustering }),
    ...progress,
  });
}

/** smallWorldSigma(csr, { rng: mulberry32(job.seed), … }), on a worker thread when worth one (see start). */
export function startSmallWorldSigma(
  csr: Csr,
  job: SmallWorldJob,
  options: StartOptions = {},
): Pending<SmallWorld> {
  const m = csr.offsets[csr.n] / 2;
  return start(
    csr,
    { kind: 'smallWorld', ...job },
    job.randomGraphs * (job.swapsPerEdge ?? 10) * m,
    options,
  ) as Pending<SmallWorld>;
}

/** brokerageZScores(csr, job.group, { rng: mulberry32(job.seed), … }), on a worker thread when worth one. */
export function startBrokerageZScores(
  csr: Csr,
  job: BrokerageJob,
  options: StartOptions = {},
): Pending<BrokerageZ> {
  const m = csr.offsets[csr.n] / 2;
  return start(csr, { kind: 'brokerage', ...job }, job.permutations * m, options) as Pending<BrokerageZ>;
}

/**
 * brokerageRoles(csr, group) — the observed Gould–Fernandez counts, for a network whose null model
 * is skipped — on a worker thread from OBSERVED_THREAD_MIN_TIES ties (with 'auto').
 */
export function startBrokerageRoles(
  csr: Csr,
  group: Int32Array,
  options: StartOptions = {},
): Pending<BrokerageRoles> {
  const m = csr.offsets[csr.n] / 2;
  const work = m >= OBSERVED_THREAD_MIN_TIES ? THREAD_MIN_WORK : 0;
  return start(csr, { kind: 'roles', group }, work, options) as Pending<BrokerageRoles>;
}

/**
 * clusteringSummary(csr) on a worker thread from OBSERVED_THREAD_MIN_TIES ties (with 'auto'), for a
 * caller with other figures to compute meanwhile.
 */
export function startClusteringSummary(csr: Csr, options: StartOptions = {}): Pending<ClusteringSummary> {
  const m = csr.offsets[csr.n] / 2;
  const work = m >= OBSERVED_THREAD_MIN_TIES ? THREAD_MIN_WORK : 0;
  return start(csr, { kind: 'clustering' }, work, options) as Pending<ClusteringSummary>;
}

/**
 * The worker threads this process keeps for these jobs: started at the first job worth one, one
 * fewer than the cores (at most MAX_WORKERS; this thread is the other core), unref'ed so that they
 * never keep the process alive. A job goes to the worker with the fewest jobs not yet taken; jobs
 * queue on it in order, and take() runs a job here when no worker has claimed it yet, so that both
 * threads stay busy without either waiting on a queue.
 */
const MAX_WORKERS = 3;
interface PoolWorker {
  worker: Worker;
  /** Jobs posted and not yet taken. */
  queued: number;
  /** False once the worker failed or exited (seen between commands, not during a synchronous wait). */
  alive: boolean;
}
let pool: PoolWorker[] | null = null;

function poolWorker(): PoolWorker | null {
  if (pool === null) {
    pool = [];
    const size = Math.min(MAX_WORKERS, availableParallelism() - 1);
    for (let k = 0; k < size; k++) {
      try {
        const worker = new Worker(workerSource(), { eval: true });
        worker.unref();
        const entry: PoolWorker = { worker, queued: 0, alive: true };
        worker.on('error', () => {
          entry.alive = false;
        });
        worker.on('exit', () => {
          entry.alive = false;
        });
        pool.push(entry);
      } catch {
        // fewer workers; with none every job runs at take()
      }
    }
  }
  let best: PoolWorker | null = null;
  for (const entry of pool) if (entry.alive && (best === null || entry.queued < best.queued)) best = entry;
  return best;
}

/** The graph in shared memory, once per graph however many jobs it is given to. */
const sharedGraphs = new WeakMap<Csr, { offsets: SharedArrayBuffer; targets: SharedArrayBuffer }>();

function sharedGraph(csr: Csr): { offsets: SharedArrayBuffer; targets: SharedArrayBuffer } {
  let shared = sharedGraphs.get(csr);
  if (shared === undefined) {
    const share = (a: Int32Array): SharedArrayBuffer => {
      const buffer = new SharedArrayBuffer(a.byteLength);
      new Int32Array(buffer).set(a);
      return buffer;
    };
    shared = { offsets: share(csr.offsets), targets: share(csr.targets) };
    sharedGraphs.set(csr, shared);
  }
  return shared;
}

/**
 * Start the job on a worker thread when options.thread is 'always', or when it is 'auto' (the
 * default), the machine has two cores or more and the job's work is at least THREAD_MIN_WORK; else
 * it runs on this thread at take(). A worker that cannot start leaves the job to take().
 *
 * Cost: the job's cost on another thread, plus a copy of the graph (8 bytes per tie end, once per
 * graph) and, at the first job, the workers' start-up (tens of ms from compiled JavaScript, about
 * 0.4 s through tsx).
 */
function start(csr: Csr, job: Job, work: number, options: StartOptions): Pending<JobResult> {
  const thread = options.thread ?? 'auto';
  const control = new Int32Array(new SharedArrayBuffer(8));
  const wanted =
    thread === 'always' || (thread === 'auto' && availableParallelism() > 1 && work >= THREAD_MIN_WORK);
  let entry: PoolWorker | null = null;
  let port: MessagePort | null = null;
  if (wanted) {
    entry = poolWorker();
    if (entry !== null) {
      try {
        const channel = new MessageChannel();
        const graph = sharedGraph(csr);
        const data = { n: csr.n, ...graph, job, control: control.buffer, port: channel.port2 };
        entry.worker.postMessage(data, [channel.port2]);
        entry.queued++;
        port = channel.port1;
      } catch {
        entry = null;
      }
    }
  }
  const total = steps(job);
  let taken = false;
  return {
    take(onProgress) {
      const stop = () => {
        if (entry !== null && !taken) entry.queued--;
        taken = true;
        port?.close();
      };
      if (options.waitForWorker && entry !== null) {
        for (let waited = 0; waited < 60_000 && Atomics.load(control, 0) === PENDING; waited += 50)
          Atomics.wait(control, 0, PENDING, 50);
      }
      if (Atomics.compareExchange(control, 0, PENDING, HERE) === PENDING) {
        stop();
        return { value: runJob(csr, job, onProgress), byWorker: false };
      }
      let state = Atomics.load(control, 0);
      while (state === CLAIMED && entry?.alive) {
        Atomics.wait(control, 0, CLAIMED, 50);
        onProgress?.(Atomics.load(control, 1), total);
        state = Atomics.load(control, 0);
      }
      const message = state === DONE && port !== null ? receiveMessageOnPort(port) : undefined;
      stop();
      if (message === undefined) return { value: runJob(csr, job, onProgress), byWorker: false };
      onProgress?.(total, total);
      return { value: message.message as JobResult, byWorker: true };
    },
  };
}

/** The worker's side (null-model-worker.ts calls it with each job it is posted). */
export function runNullModelWorker(data: {
  n: number;
  offsets: SharedArrayBuffer;
  targets: SharedArrayBuffer;
  job: Job;
  control: SharedArrayBuffer;
  port: MessagePort;
}): void {
  const control = new Int32Array(data.control);
  if (Atomics.compareExchange(control, 0, PENDING, CLAIMED) !== PENDING) return;
  let state = FAILED;
  try {
    const csr: Csr = {
      n: data.n,
      offsets: new Int32Array(data.offsets),
      targets: new Int32Array(data.targets),
      weights: new Float64Array(0),
    };
    const value = runJob(csr, data.job, (done) => Atomics.store(control, 1, done));
    data.port.postMessage(value);
    state = DONE;
  } catch {
    // left to the calling thread
  }
  Atomics.store(control, 0, state);
  Atomics.notify(control, 0);
  data.port.close();
}
