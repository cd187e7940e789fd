/**
 * The pool of worker threads that runs replicates (piscina). Tasks are posted all at once and their
 * results put back in the order of the tasks, so what comes out does not depend on the number of
 * workers or on which worker finished first: each replicate is a pure function of its task.
 *
 * From the compiled package the workers load worker.js beside this module; from the TypeScript
 * sources (tests, benchmarks) they load worker.ts with tsx's loader in their execArgv, the way
 * graph/null-model-thread.ts tells the two apart.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { UsageError } from '../../errors.ts';
import type { ReplicateResult, ReplicateTask } from './replicate.ts';

/** Where the worker module is, and how a worker must start to load it. */
function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { filename: fileURLToPath(new URL('./worker.js', here)), execArgv: [] };
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return { filename: fileURLToPath(new URL('./worker.ts', here)), execArgv: ['--import', tsx] };
}

/** The default number of workers: one per core, at least one. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Checks a worker count: a whole number from 1 to 256. */
export function checkWorkers(workers: number | undefined): number {
  const n = workers ?? defaultWorkers();
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError('sim', `invalid number of workers: ${n} (expected a whole number from 1 to 256)`);
  return n;
}

/**
 * Runs every task on `workers` threads; `onDone(done, total)` after each one. Results in the
 * tasks' order. The pool is closed when the last task is done (or one fails: its error is thrown).
 */
export async function runTasks(
  tasks: readonly ReplicateTask[],
  options: { workers?: number; onDone?: (done: number, total: number) => void } = {},
): Promise<ReplicateResult[]> {
  const workers = checkWorkers(options.workers);
  const { filename, execArgv } = workerEntry();
  const pool = new Piscina<ReplicateTask, ReplicateResult>({
    filename,
    execArgv,
    minThreads: workers,
    maxThreads: workers,
    // every task is queued at once: the queue holds them all
    maxQueue: tasks.length + 1,
  });
  let done = 0;
  try {
    return await Promise.all(
      tasks.map((task) =>
        pool.run(task).then((result) => {
          done++;
          options.onDone?.(done, tasks.length);
          return result;
        }),
      ),
    );
  } finally {
    await pool.destroy();
  }
}
