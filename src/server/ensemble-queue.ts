/**
 * The queue behind `POST /api/ensembles`: jobs wait in arrival order and run one at a time, so 50
 * clients asking at once get 50 job ids and the server stays responsive between replicates. The
 * queue is bounded (a full queue refuses with 503 rather than growing without limit) and forgets
 * finished jobs after `keepFinished` newer ones.
 *
 * This is the seam for the ensemble library: a job is any `JobRunner`; today's runner
 * (src/server/simulation.ts) runs `simulate()` replicates in-process, and the lead can switch it to
 * the worker-pool ensemble runner without touching the routes.
 */

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** Reports progress: `done` of `total` steps. */
export type JobProgress = (done: number, total: number) => void;

export type JobRunner<R> = (progress: JobProgress) => Promise<R>;

export interface JobStatus<R> {
  id: string;
  state: JobState;
  /** Steps done and total (replicates); total 0 until the job starts. */
  done: number;
  total: number;
  /** Jobs ahead of this one while queued. */
  position: number;
  result: R | null;
  error: string | null;
}

interface Job<R> {
  id: string;
  state: JobState;
  done: number;
  total: number;
  run: JobRunner<R>;
  result: R | null;
  error: string | null;
}

export interface QueueOptions {
  /** Most jobs waiting or running at once (default 200). */
  maxPending?: number;
  /** Finished jobs kept for status queries (default 500). */
  keepFinished?: number;
}

export class QueueFullError extends Error {}

export class EnsembleQueue<R> {
  private readonly jobs = new Map<string, Job<R>>();
  private readonly waiting: Job<R>[] = [];
  private readonly finished: string[] = [];
  private running: Job<R> | null = null;
  private next = 1;
  private readonly maxPending: number;
  private readonly keepFinished: number;
  private idle: Promise<void> = Promise.resolve();
  private settle: (() => void) | null = null;

  constructor(options: QueueOptions = {}) {
    this.maxPending = options.maxPending ?? 200;
    this.keepFinished = options.keepFinished ?? 500;
  }

  /** Adds a job; throws QueueFullError when `maxPending` jobs are already waiting or running. */
  submit(run: JobRunner<R>): string {
    const pending = this.waiting.length + (this.running ? 1 : 0);
    if (pending >= this.maxPending)
      throw new QueueFullError(
        `the ensemble queue is full (${pending} jobs waiting or running); try again later`,
      );
    const id = `job-${this.next++}`;
    const job: Job<R> = { id, state: 'queued', done: 0, total: 0, run, result: null, error: null };
    this.jobs.set(id, job);
    this.waiting.push(job);
    if (!this.running && this.waiting.length === 1) {
      this.idle = new Promise((resolve) => {
        this.settle = resolve;
      });
      setImmediate(() => void this.pump());
    }
    return id;
  }

  status(id: string): JobStatus<R> | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    return {
      id: job.id,
      state: job.state,
      done: job.done,
      total: job.total,
      position: job.state === 'queued' ? this.waiting.indexOf(job) : 0,
      result: job.result,
      error: job.error,
    };
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  /** Resolves when every submitted job has finished (for shutdown and tests). */
  drained(): Promise<void> {
    return this.idle;
  }

  private async pump(): Promise<void> {
    while (this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running = job;
      job.state = 'running';
      try {
        job.result = await job.run((done, total) => {
          job.done = done;
          job.total = total;
        });
        job.state = 'done';
      } catch (e) {
        job.state = 'failed';
        job.error = (e as Error).message;
      }
      this.running = null;
      this.finished.push(job.id);
      while (this.finished.length > this.keepFinished) this.jobs.delete(this.finished.shift()!);
    }
    this.settle?.();
    this.settle = null;
  }
}
