/**
 * The CORDIS reader with its parsing on a second thread, for the command line: `startCordisRead`
 * starts a worker (read-worker.ts) that parses the folder and writes the staging files while the
 * main thread loads DuckDB's client and opens the store — about 0.15 s of each, which ran one after
 * the other before (docs/benchmarks.md). The reader it returns runs the worker's loading statements
 * as they come, so DuckDB loads one table while the worker writes the next. What is staged, and so
 * what is imported, is exactly what `readCordis` stages in one thread (a test compares the stores).
 */
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InputError, type InputIssue, UsageError } from '../../errors.ts';
import type { TableName } from '../../model/index.ts';
import type { Reader, ReadSummary } from '../../store/reader.ts';
import { workerBootstrap } from '../../worker-bootstrap.ts';
import { hashFiles } from '../text.ts';
import { findLayout, layoutFiles } from './files.ts';
import { makeStagingFolder } from './stage-files.ts';

/** What the worker posts, in this order: progress, then (when the files parsed) staging and each table's statement, then done. */
export type WorkerMessage =
  | { kind: 'progress'; phase: string; done: number; total: number }
  | { kind: 'staging' }
  | { kind: 'table'; sql: string | null }
  | {
      kind: 'done';
      files: string[];
      notes: string[];
      issues: InputIssue[];
      stagedInOrder: TableName[];
    }
  | {
      kind: 'failed';
      error:
        | { input: true; part: string; issues: InputIssue[] }
        | { input: false; part: string; message: string };
    };

/** The worker's messages as an async queue; a worker error or an early exit rejects the next take. */
class Messages {
  private readonly queue: WorkerMessage[] = [];
  private waiting: { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(worker: Worker) {
    worker.on('message', (m: WorkerMessage) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve(m);
      } else this.queue.push(m);
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w.reject(this.failure);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the CORDIS reader's worker stopped (exit code ${code})`)));
  }

  take(): Promise<WorkerMessage> {
    const next = this.queue.shift();
    if (next) return Promise.resolve(next);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }
}

/**
 * The content hash of the files the worker is about to parse, taken on this thread while it waits
 * for the worker (it has nothing else to do then): on the H2020 files 60 ms of hashing that the
 * worker did after its last table, while DuckDB loaded that table. Null when the folder cannot be
 * read here; the worker then reports why, and the hash is taken from the files it read.
 */
function hashEarly(path: string): { files: string[]; hash: string } | null {
  try {
    const files = layoutFiles(findLayout(path));
    return files.length === 0 ? null : { files, hash: hashFiles(files) };
  } catch {
    return null;
  }
}

/** Whether two lists hold the same files (hashFiles sorts them). */
function sameFiles(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((f, k) => f === sorted[k]);
}

export interface StartedRead {
  /** The temporary folder of the staging files (removed when the reader is done, or by cancel). */
  readonly dir: string;
  /** For `importSource`: stages what the worker produces. Progress reported before it is called is passed on then. */
  reader: Reader;
  /** Stops the worker and removes its files, when the reader will not be called (the store did not open). */
  cancel(): Promise<void>;
}

/**
 * Starts reading the CORDIS folder at `path` on a worker thread now. The staging files go to a
 * temporary folder made here, so that it is removed whatever becomes of the worker (and by the next
 * import when this process is killed: makeStagingFolder). Throws when no temporary folder can be
 * made; the caller then reads in one thread (`readCordis`, which stages row by row without one).
 */
export function startCordisRead(path: string): StartedRead {
  const dir = makeStagingFolder();
  const worker = new Worker(workerBootstrap(import.meta.url, 'read-worker'), {
    eval: true,
    workerData: { path, dir },
  });
  const messages = new Messages(worker);
  const cancel = async () => {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  };
  const reader: Reader = async (context): Promise<ReadSummary> => {
    let staging = false;
    let tables = 0;
    let loading: Promise<unknown> = Promise.resolve();
    try {
      const early = hashEarly(path);
      for (;;) {
        const m = await messages.take();
        if (m.kind === 'progress') context.onProgress?.(m.phase, m.done, m.total);
        else if (m.kind === 'failed') {
          const e = m.error;
          throw e.input ? new InputError(e.part, e.issues) : new UsageError(e.part, e.message);
        } else if (m.kind === 'staging') {
          staging = true;
          context.onProgress?.('staging', 0, 3);
        } else if (m.kind === 'table') {
          await loading;
          if (tables > 0) context.onProgress?.('staging', tables, 3);
          tables++;
          const statement = m.sql === null ? Promise.resolve() : context.connection.run(m.sql);
          // Awaited with the next message or in `finally`; until then a failure must not count as
          // unhandled (Node would end the process before the cleanup below).
          statement.catch(() => {});
          loading = statement;
        } else {
          await loading;
          if (staging) context.onProgress?.('staging', 3, 3);
          return {
            files: m.files,
            contentHash: early !== null && sameFiles(early.files, m.files) ? early.hash : hashFiles(m.files),
            fileIssues: m.issues,
            notes: m.notes,
            stagedInOrder: m.stagedInOrder,
          };
        }
      }
    } finally {
      // A statement still running (one failed) must finish before its files go.
      await loading.catch(() => {});
      await cancel();
    }
  };
  return { dir, reader, cancel };
}
