/**
 * Opening the store a command writes (import, init, demo --db). An existing store is opened in place:
 * its imports are transactions, so a failure leaves it as it was. A new one is created under a
 * temporary name beside its path and renamed into place only when the command succeeds, so a failed
 * or killed command leaves no new empty database (nor its `.wal`) behind; a killed run's temporary is
 * removed by the next run writing to the same path.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { checkFileTarget, placeFile, removeStaleTemps, tempPath } from '../output-target.ts';
import { openStore, type Store } from './store.ts';

export interface WritableStore {
  store: Store;
  /** True when the command is creating the database (it appears only if the command succeeds). */
  created: boolean;
  /** Closes the store; a new one is put in place when `ok`, removed otherwise. */
  finish(ok: boolean): void;
}

export interface WriteOptions {
  /** The command only creates databases (init, demo): an existing path is refused unless `force`. */
  mustBeNew?: boolean;
  /** With `mustBeNew`, replace an existing file that is not a database. */
  force?: boolean;
  /** Files the command reads, never replaced. */
  protect?: readonly (string | undefined)[];
}

export async function openStoreForWriting(path: string, options: WriteOptions = {}): Promise<WritableStore> {
  if (path === ':memory:') {
    const store = await openStore(path);
    return { store, created: false, finish: () => store.close() };
  }
  removeStaleTemps(path);
  const exists = existsSync(path);
  if (options.mustBeNew || !exists)
    checkFileTarget(path, { force: options.force, protect: options.protect, label: 'database' });
  if (exists && !options.mustBeNew) {
    const store = await openStore(path);
    return { store, created: false, finish: () => store.close() };
  }
  const tmp = tempPath(path);
  const discard = () => {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
  };
  discard();
  let store: Store;
  try {
    store = await openStore(tmp);
  } catch (e) {
    discard();
    if (!(e instanceof UsageError)) throw e;
    throw new UsageError('store', `cannot create the database ${path}: ${e.message.replaceAll(tmp, path)}`);
  }
  let finished = false;
  return {
    store,
    created: true,
    finish(ok: boolean) {
      if (finished) return;
      finished = true;
      try {
        store.close();
        if (!ok) return;
        placeFile(tmp, path, options.force ?? false);
        // DuckDB checkpoints on close; a log left over must travel with its database
        if (existsSync(`${tmp}.wal`)) renameSync(`${tmp}.wal`, `${path}.wal`);
      } finally {
        discard();
      }
    },
  };
}
