/**
 * Small-world sigma on a worker thread while this thread goes on with other figures: the network
 * family starts it before its other steps and takes the result at the end. The worker runs the very
 * smallWorldSigma of randomize.ts with the same seed, so the result is the same, to the bit, as a
 * call on this thread; the waiting is synchronous (Atomics.wait), and whatever the worker has not
 * claimed, or failed at, is computed here.
 */

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
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
}

export interface PendingSmallWorld {
  /**
   * The result, waiting for the worker if it is still at work (progress as (graphs done, graphs in
   * total) while waiting), or computing it here if no worker took the job.
   */
  take(onProgress?: (done: number, total: number) => void): { value: SmallWorld; byWorker: boolean };
}

export interface StartOptions {
  /**
   * 'always' starts a worker, 'never' leaves the job to take(), 'auto' (the default) starts one when
   * the machine has two cores or more and the job has at least 2 million swaps.
   */
  thread?: 'auto' | 'always' | 'never';
  /** take() waits up to 60 s for the worker to claim the job rather than claiming it first (tests). */
  waitForWorker?: boolean;
}

/** Below this many swaps (random graphs × swaps per tie × ties) a worker's start-up costs more than it saves. */
const THREAD_MIN_SWAPS = 2_000_000;

// control[0]: the job's state; control[1]: random graphs done.
const PENDING = 0;
const CLAIMED = 1;
const DONE = 2;
const FAILED = 3;
const HERE = 4;

/**
 * The worker's bootstrap: import small-world-worker.js beside this module, or, when running from the
 * TypeScript sources (tests, benchmarks), register tsx's loader in the worker first and import
 * small-world-worker.ts (Node 20 does not carry `--import tsx` hooks into a worker reliably).
 */
function workerSource(): string {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return `import(${JSON.stringify(new URL('./small-world-worker.js', here).href)});`;
  const tsx = join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const entry = new URL('./small-world-worker.ts', here).href;
  return `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
}

/** The same call on this thread. */
export function smallWorldJob(
  csr: Csr,
  job: SmallWorldJob,
  onProgress?: (done: number, total: number) => void,
): SmallWorld {
  return smallWorldSigma(csr, {
    rng: mulberry32(job.seed),
    randomGraphs: job.randomGraphs,
    ...(job.swapsPerEdge === undefined ? {} : { swapsPerEdge: job.swapsPerEdge }),
    ...(job.pathSources === undefined ? {} : { pathSources: job.pathSources }),
    ...(job.clustering === undefined ? {} : { clustering: job.clustering }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
}

/**
 * Start smallWorldJob(csr, job) on a worker thread when options.thread is 'always', or when it is
 * 'auto' (the default), the machine has two cores or more and the job is worth a thread (at least 2
 * million swaps); else it runs on this thread at take(). The worker module is small-world-worker.js
 * next to this file (small-world-worker.ts through tsx when running from the sources).
 *
 * Cost: the job's cost on another thread, plus a copy of the graph (8 bytes per tie end) and the
 * worker's start-up (tens of ms from compiled JavaScript).
 */
export function startSmallWorldSigma(
  csr: Csr,
  job: SmallWorldJob,
  options: StartOptions = {},
): PendingSmallWorld {
  const thread = options.thread ?? 'auto';
  const control = new Int32Array(new SharedArrayBuffer(8));
  const m = csr.offsets[csr.n] / 2;
  const wanted =
    thread === 'always' ||
    (thread === 'auto' &&
      availableParallelism() > 1 &&
      job.randomGraphs * (job.swapsPerEdge ?? 10) * m >= THREAD_MIN_SWAPS);
  let worker: Worker | null = null;
  let port: MessagePort | null = null;
  if (wanted) {
    try {
      const share = (a: Int32Array): SharedArrayBuffer => {
        const buffer = new SharedArrayBuffer(a.byteLength);
        new Int32Array(buffer).set(a);
        return buffer;
      };
      const channel = new MessageChannel();
      const data = {
        n: csr.n,
        offsets: share(csr.offsets),
        targets: share(csr.targets),
        job,
        control: control.buffer,
        port: channel.port2,
      };
      worker = new Worker(workerSource(), { eval: true, workerData: data, transferList: [channel.port2] });
      worker.unref();
      worker.on('error', () => {});
      port = channel.port1;
    } catch {
      worker = null;
    }
  }
  return {
    take(onProgress) {
      const stop = () => {
        if (worker !== null) void worker.terminate();
        port?.close();
      };
      if (options.waitForWorker && worker !== null) {
        for (let waited = 0; waited < 60_000 && Atomics.load(control, 0) === PENDING; waited += 50)
          Atomics.wait(control, 0, PENDING, 50);
      }
      if (Atomics.compareExchange(control, 0, PENDING, HERE) === PENDING) {
        stop();
        return { value: smallWorldJob(csr, job, onProgress), byWorker: false };
      }
      let state = Atomics.load(control, 0);
      while (state === CLAIMED) {
        Atomics.wait(control, 0, CLAIMED, 50);
        onProgress?.(Atomics.load(control, 1), job.randomGraphs);
        state = Atomics.load(control, 0);
      }
      const message = state === DONE && port !== null ? receiveMessageOnPort(port) : undefined;
      stop();
      if (message === undefined) return { value: smallWorldJob(csr, job, onProgress), byWorker: false };
      onProgress?.(job.randomGraphs, job.randomGraphs);
      return { value: message.message as SmallWorld, byWorker: true };
    },
  };
}

/** The worker's side (small-world-worker.ts calls it with its workerData). */
export function runSmallWorldWorker(data: {
  n: number;
  offsets: SharedArrayBuffer;
  targets: SharedArrayBuffer;
  job: SmallWorldJob;
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
    const value = smallWorldJob(csr, data.job, (done) => Atomics.store(control, 1, done));
    data.port.postMessage(value);
    state = DONE;
  } catch {
    // left to the calling thread
  }
  Atomics.store(control, 0, state);
  Atomics.notify(control, 0);
  data.port.close();
}
