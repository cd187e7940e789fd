/**
 * The worker thread of `startCordisRead` (read-in-worker.ts): parses a CORDIS folder and writes the
 * staging files of its three tables, posting each table's loading statement as soon as its files
 * are written. It never touches the store: the main thread runs the statements, and hashes the
 * files while this thread parses them (read-in-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError, UsageError } from '../../errors.ts';
import type { TableName } from '../../model/index.ts';
import { parseCordis } from './parse.ts';
import type { WorkerMessage } from './read-in-worker.ts';
import { inFileLineOrder, stagingStatement } from './stage-files.ts';

const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const { path, dir } = workerData as { path: string; dir: string };

try {
  read();
} catch (e) {
  // Milieu's own errors cross the thread as what they are (a worker's thrown error arrives as a
  // plain Error, which the command line would report as a crash).
  if (!(e instanceof InputError || e instanceof UsageError)) throw e;
  post({
    kind: 'failed',
    error:
      e instanceof InputError
        ? { input: true, part: e.part, issues: e.issues }
        : { input: false, part: e.part, message: e.message },
  });
}

function read(): void {
  const result = parseCordis(path, {
    onProgress: (phase, done, total) => post({ kind: 'progress', phase, done, total }),
  });
  const stagedInOrder: TableName[] = [];
  if (result.issues.length === 0) {
    post({ kind: 'staging' });
    const tables: [TableName, (typeof result.tables)[keyof typeof result.tables]][] = [
      ['organisations', result.tables.organisations],
      ['projects', result.tables.projects],
      ['participations', result.tables.participations],
    ];
    for (const [name, table] of tables) {
      if (inFileLineOrder(table)) stagedInOrder.push(name);
      post({ kind: 'table', sql: table.rowCount === 0 ? null : stagingStatement(dir, name, table) });
    }
  }
  post({
    kind: 'done',
    files: result.files,
    notes: result.notes,
    issues: result.issues,
    stagedInOrder,
  });
}
