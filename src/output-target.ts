/**
 * Safe output: the one way every Milieu command writes a file or a folder.
 *
 * Rules (docs/architecture.md, "Writing files"):
 * - Never onto a database: not onto a file the command reads (its store, its inputs — compared by
 *   real path, so `./x.duckdb`, an absolute path and a symlink are the same file), nor onto any file
 *   whose header says it is a DuckDB database, nor onto a `.wal` beside one. `--force` does not
 *   change this.
 * - Never onto an existing file or a non-empty folder, unless `force`. A folder is never written
 *   where a regular file is, nor a file where a folder is, even with `force`.
 * - With `force`, a folder output replaces only the files Milieu wrote there (listed with their
 *   SHA-256 in the folder's manifest, `milieu-export.json`, and unchanged since); any other file is
 *   left alone, and a foreign file in the way of an output is refused.
 * - Everything is written under a temporary name in the same folder and renamed into place, so a
 *   crash or a kill leaves the old file (or no file); temporaries left by a killed run are removed
 *   by the next run writing to the same place.
 * - A missing or unwritable folder is a usage error naming the folder.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.ts';
import { MILIEU_VERSION } from './version.ts';

export interface OutputOptions {
  /** Replace an existing file, or the files Milieu wrote in an existing folder. */
  force?: boolean;
  /** Files the command reads (its database, its inputs): never written, even with `force`. */
  protect?: readonly (string | undefined)[];
  /** What the path is, for messages (default 'output'). */
  label?: string;
}

/** The manifest a folder output leaves beside its files: what Milieu wrote, with SHA-256 hashes. */
export const MANIFEST = 'milieu-export.json';
const TEMP_MARK = '.milieu-tmp-';
const PART = 'output';

/** The path with symlinks resolved; for a path that does not exist yet, its folder's real path. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** True when the file starts like a DuckDB database (the magic `DUCK` at byte 8). */
export function isDuckDbFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(12);
    return readSync(fd, head, 0, 12, 0) === 12 && head.toString('latin1', 8, 12) === 'DUCK';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function kindOf(path: string): 'missing' | 'file' | 'folder' | 'other' {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    // a dangling symlink exists but cannot be followed
    try {
      lstatSync(path);
      return 'other';
    } catch {
      return 'missing';
    }
  }
}

/** Refuses a path the command reads, a DuckDB file, or the write-ahead log of one. */
function refuseDatabase(path: string, options: OutputOptions): void {
  const label = options.label ?? PART;
  const real = realPath(path);
  for (const p of options.protect ?? []) {
    if (p === undefined || p === ':memory:') continue;
    const protectedReal = realPath(p);
    if (real === protectedReal || real === `${protectedReal}.wal`) {
      throw new UsageError(
        PART,
        `refusing to write the ${label} to ${path}: it is ${p === path ? 'a file' : `the same file as ${p}, a file`} this command reads (--force does not change this)`,
      );
    }
  }
  const wal = real.endsWith('.wal') && isDuckDbFile(real.slice(0, -4));
  if (isDuckDbFile(real) || wal) {
    throw new UsageError(
      PART,
      `refusing to write the ${label} to ${path}: it is ${wal ? 'the write-ahead log of ' : ''}a DuckDB database (--force does not change this; choose another path)`,
    );
  }
}

/** The folder a new file or folder would go into must exist and be writable. */
function checkParent(path: string, label: string): void {
  const parent = dirname(resolve(path));
  const kind = kindOf(parent);
  if (kind === 'missing')
    throw new UsageError(PART, `cannot write the ${label} ${path}: the folder ${parent} does not exist`);
  if (kind !== 'folder')
    throw new UsageError(PART, `cannot write the ${label} ${path}: ${parent} is not a folder`);
  checkWritable(parent, path, label);
}

function checkWritable(folder: string, path: string, label: string): void {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(PART, `cannot write the ${label} ${path}: the folder ${folder} is not writable`);
  }
}

/**
 * Checks that `path` may receive a file: throws `UsageError` naming the path when it is a database
 * or a file the command reads, a folder, an existing file without `force`, or in a missing or
 * unwritable folder. Call it before the work, so a refusal comes first; the writers check again.
 */
export function checkFileTarget(path: string, options: OutputOptions = {}): void {
  const label = options.label ?? PART;
  const kind = kindOf(path);
  if (kind === 'folder')
    throw new UsageError(PART, `refusing to write the ${label} to ${path}: it is a folder, not a file`);
  if (kind === 'other')
    throw new UsageError(PART, `refusing to write the ${label} to ${path}: not a regular file`);
  if (kind === 'file') {
    refuseDatabase(path, options);
    if (!options.force)
      throw new UsageError(PART, `refusing to overwrite ${path}: it exists (use --force to replace it)`);
  } else refuseDatabase(path, options);
  checkParent(path, label);
}

/** Turns a file-system failure while writing (permissions, read-only or full disk) into a usage error. */
function writeFailure(e: unknown, path: string, label: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string' || typeof err.syscall !== 'string') return e;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENOENT: 'the folder does not accept new files',
  };
  return new UsageError(
    PART,
    `cannot write the ${label} ${path} in ${dirname(resolve(path))}: ${why[err.code] ?? err.code}`,
  );
}

/** Removes temporaries that a killed Milieu process left for `path` (their process is gone). */
export function removeStaleTemps(path: string): void {
  const prefix = `.${basename(path)}${TEMP_MARK}`;
  const clean = (folder: string, start: string) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(start)) continue;
      const pid = Number.parseInt(name.slice(start.length), 10);
      if (Number.isInteger(pid) && pid !== process.pid && !alive(pid))
        rmSync(join(folder, name), { recursive: true, force: true });
    }
  };
  clean(dirname(resolve(path)), prefix);
  if (kindOf(path) === 'folder') clean(path, TEMP_MARK);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The temporary name for `path`: hidden, in the same folder (so a rename never crosses devices). */
export function tempPath(path: string): string {
  return join(dirname(resolve(path)), `.${basename(path)}${TEMP_MARK}${process.pid}`);
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves a finished temporary file to `path`. Without `force` the target must still be absent: a hard
 * link refuses an existing name atomically (file systems without hard links fall back to a rename).
 */
export function placeFile(tmp: string, path: string, force: boolean): void {
  if (force) {
    renameSync(tmp, path);
    return;
  }
  try {
    linkSync(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UsageError(PART, `refusing to overwrite ${path}: it exists (use --force to replace it)`);
    if (existsSync(path)) throw e;
    renameSync(tmp, path);
    return;
  }
  unlinkSync(tmp);
}

/**
 * Writes a file through `write(tmp)`, which fills the temporary file `tmp`, then renames it to
 * `path`. On any error the temporary is removed and `path` is untouched.
 */
export async function writeFileVia(
  path: string,
  options: OutputOptions,
  write: (tmp: string) => Promise<void> | void,
): Promise<void> {
  checkFileTarget(path, options);
  removeStaleTemps(path);
  const tmp = tempPath(path);
  rmSync(tmp, { force: true });
  try {
    await write(tmp);
    fsyncFile(tmp);
    placeFile(tmp, path, options.force ?? false);
  } catch (e) {
    throw writeFailure(e, path, options.label ?? PART);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** `writeFileVia` for text or bytes already in memory. */
export function writeFileSafely(path: string, data: string | Uint8Array, options: OutputOptions = {}): void {
  checkFileTarget(path, options);
  removeStaleTemps(path);
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, data);
    fsyncFile(tmp);
    placeFile(tmp, path, options.force ?? false);
  } catch (e) {
    throw writeFailure(e, path, options.label ?? PART);
  } finally {
    rmSync(tmp, { force: true });
  }
}

// ---- folders -------------------------------------------------------------------------------

interface Manifest {
  writtenBy: string;
  format?: string;
  /** file name → SHA-256 (hex) of the content Milieu wrote (several while an export moves files in). */
  files: Record<string, string | string[]>;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function readManifest(folder: string): Manifest | null {
  try {
    const m = JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as Manifest;
    if (typeof m.writtenBy === 'string' && m.writtenBy.startsWith('milieu') && m.files) return m;
  } catch {
    // absent or not ours: every file counts as foreign
  }
  return null;
}

/** True when `name` in `folder` is a file Milieu wrote there and nobody has changed since. */
function writtenByMilieu(folder: string, name: string, manifest: Manifest | null): boolean {
  if (name === MANIFEST) return manifest !== null;
  const hashes = [manifest?.files[name] ?? []].flat();
  return (
    hashes.length > 0 && kindOf(join(folder, name)) === 'file' && hashes.includes(sha256(join(folder, name)))
  );
}

/**
 * Checks that `path` may receive a folder output whose files may be named `names`: refuses a
 * database or a regular file (even with `force`: a file is never replaced by a folder), a non-empty
 * folder without `force`, and with `force` a folder where one of `names` is a file Milieu did not
 * write (or that changed since).
 */
export function checkFolderTarget(path: string, names: readonly string[], options: OutputOptions = {}): void {
  const label = options.label ?? PART;
  const kind = kindOf(path);
  if (kind === 'missing') {
    refuseDatabase(path, options);
    checkParent(path, label);
    return;
  }
  if (kind !== 'folder') {
    refuseDatabase(path, options);
    throw new UsageError(
      PART,
      `refusing to write the ${label} folder to ${path}: it is a file, and a file is never replaced by a folder (even with --force)`,
    );
  }
  const present = readdirSync(path).filter((n) => !n.startsWith(TEMP_MARK));
  if (present.length > 0 && !options.force) {
    const shown = present.slice(0, 5).join(', ') + (present.length > 5 ? ', …' : '');
    throw new UsageError(
      PART,
      `refusing to write into ${path}: the folder is not empty (${shown}); use --force to replace the files Milieu wrote there (other files are kept)`,
    );
  }
  const manifest = readManifest(path);
  for (const name of [...names, MANIFEST]) {
    if (!present.includes(name)) continue;
    if (!writtenByMilieu(path, name, manifest)) {
      throw new UsageError(
        PART,
        `refusing to replace ${join(path, name)}: Milieu did not write it (or it changed since), and --force replaces only files Milieu wrote; move it or choose another folder`,
      );
    }
  }
  checkWritable(path, path, label);
}

/**
 * Writes a folder output: `write(dir)` fills the empty folder `dir` and returns the names it wrote.
 * A new folder is written beside `path` and renamed into place. Into an existing folder, the files
 * are written in a hidden temporary folder inside it, then each is renamed into place; a manifest
 * naming both the old and the new versions is written first, so even a run killed half-way leaves
 * files the next `--force` recognises. Files of an earlier export that this one did not write again
 * are removed when unchanged. Returns the names written and notes (files kept).
 */
export async function writeFolderVia(
  path: string,
  format: string,
  names: readonly string[],
  options: OutputOptions,
  write: (dir: string) => Promise<string[]>,
): Promise<{ written: string[]; notes: string[] }> {
  removeStaleTemps(path);
  removeStaleTemps(join(path, MANIFEST));
  checkFolderTarget(path, names, options);
  const exists = kindOf(path) === 'folder';
  const tmp = exists ? join(path, `${TEMP_MARK}${process.pid}`) : tempPath(path);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp);
  } catch (e) {
    throw writeFailure(e, path, options.label ?? PART);
  }
  const notes: string[] = [];
  try {
    const written = await write(tmp);
    const files: Record<string, string> = {};
    for (const name of written) {
      fsyncFile(join(tmp, name));
      files[name] = sha256(join(tmp, name));
    }
    const manifest: Manifest = { writtenBy: `milieu ${MILIEU_VERSION}`, format, files };
    if (!exists) {
      writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
      renameSync(tmp, path);
      return { written, notes };
    }
    // Re-check: the folder may have changed while the export ran.
    checkFolderTarget(path, written, options);
    const old = readManifest(path);
    const oldHash = (n: string) => (writtenByMilieu(path, n, old) ? old?.files[n] : undefined);
    const stale = Object.keys(old?.files ?? {}).filter((n) => !(n in files));
    // While files move, the manifest accepts the old and the new version of each, so a run killed
    // half-way leaves only files the next --force recognises.
    const during: Record<string, string | string[]> = {};
    for (const n of stale) {
      const h = oldHash(n);
      if (h !== undefined) during[n] = h;
    }
    for (const n of written) {
      const h = oldHash(n);
      during[n] = h === undefined ? files[n] : [h, files[n]].flat();
    }
    writeManifest(path, { ...manifest, files: during });
    for (const name of written) renameSync(join(tmp, name), join(path, name));
    for (const n of stale) {
      if (during[n] !== undefined) rmSync(join(path, n), { force: true });
      else if (existsSync(join(path, n)))
        notes.push(`kept ${join(path, n)}: written by an earlier export but changed since`);
    }
    writeManifest(path, manifest);
    return { written, notes };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function writeManifest(folder: string, manifest: Manifest): void {
  const target = join(folder, MANIFEST);
  const tmp = tempPath(target);
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(tmp, target);
}
