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
import { copyEmptyStore } from './empty-store.ts';
import type { Store } from './store.ts';

/** DuckDB's client loads with store.ts: only when a store is opened, not for `initStore`'s copy. */
async function openStore(path: string): Promise<Store> {
  return (await import('./store.ts')).openStore(path);
}

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

/**
 * Creates an empty store at `path` (what `milieu init` does), under the same rules as
 * `openStoreForWriting` with `mustBeNew`: by copying the empty store made at build time when there
 * is one made by this Milieu (see empty-store.ts), by creating it with DuckDB otherwise.
 */
export async function initStore(path: string, options: Omit<WriteOptions, 'mustBeNew'> = {}): Promise<void> {
  if (path === ':memory:') {
    (await openStoreForWriting(path)).finish(true);
    return;
  }
  removeStaleTemps(path);
  checkFileTarget(path, { force: options.force, protect: options.protect, label: 'database' });
  const tmp = tempPath(path);
  rmSync(tmp, { force: true });
  if (copyEmptyStore(tmp)) {
    try {
      placeFile(tmp, path, options.force ?? false);
    } finally {
      rmSync(tmp, { force: true });
    }
    return;
  }
  rmSync(tmp, { force: true });
  const { finish } = await openStoreForWriting(path, { ...options, mustBeNew: true });
  finish(true);
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
