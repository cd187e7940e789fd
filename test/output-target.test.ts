import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.ts';
import {
  checkFileTarget,
  checkFolderTarget,
  isDuckDbFile,
  MANIFEST,
  removeStaleTemps,
  writeFileSafely,
  writeFolderVia,
} from '../src/output-target.ts';
import { openStore } from '../src/store/store.ts';
import { tempDir } from './helpers.ts';

/** The message of the UsageError `f` throws (fails the test when it throws nothing or another error). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

async function database(dir: string, name = 'x.duckdb'): Promise<string> {
  const path = join(dir, name);
  (await openStore(path)).close();
  return path;
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

const writeFiles = (files: Record<string, string>) => async (dir: string) => {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files);
};

describe('output targets: files', () => {
  it('recognises a DuckDB file by its header, not its name', async () => {
    const dir = tempDir();
    const db = await database(dir, 'store.bin');
    writeFileSync(join(dir, 'fake.duckdb'), 'not a database at all');
    expect(isDuckDbFile(db)).toBe(true);
    expect(isDuckDbFile(join(dir, 'fake.duckdb'))).toBe(false);
    expect(isDuckDbFile(join(dir, 'missing'))).toBe(false);
  });

  it('refuses a DuckDB file, its .wal and a protected path even with force, however the path is spelled', async () => {
    const dir = tempDir();
    const db = await database(dir, 'store.bin');
    expect(refusal(() => checkFileTarget(db, { force: true }))).toMatch(
      /store\.bin: it is a DuckDB database/,
    );
    expect(refusal(() => checkFileTarget(`${db}.wal`, { force: true }))).toMatch(/write-ahead log/);
    // a protected input that is not a database: same file through a relative path and a symlink
    const input = join(dir, 'input.csv');
    writeFileSync(input, 'id\n1\n');
    symlinkSync(input, join(dir, 'link.csv'));
    for (const spelling of [
      relative(process.cwd(), input),
      join(dir, 'link.csv'),
      join(dir, '.', 'input.csv'),
    ])
      expect(refusal(() => checkFileTarget(spelling, { force: true, protect: [input] }))).toMatch(
        /a file this command reads/,
      );
    // a new file beside it is fine
    expect(() => checkFileTarget(join(dir, 'out.json'), { protect: [input] })).not.toThrow();
  });

  it('refuses an existing file without force, a folder always, and names a missing folder', () => {
    const dir = tempDir();
    const file = join(dir, 'a.json');
    writeFileSync(file, 'old');
    expect(refusal(() => checkFileTarget(file))).toMatch(
      /refusing to overwrite .*a\.json: it exists \(use --force/,
    );
    expect(() => checkFileTarget(file, { force: true })).not.toThrow();
    expect(refusal(() => checkFileTarget(dir, { force: true }))).toMatch(/it is a folder, not a file/);
    expect(refusal(() => checkFileTarget(join(dir, 'no', 'a.json')))).toContain(
      `the folder ${join(dir, 'no')} does not exist`,
    );
  });

  it('replaces a file only with force, atomically, leaving no temporary', () => {
    const dir = tempDir();
    const file = join(dir, 'a.json');
    writeFileSafely(file, 'one');
    expect(readFileSync(file, 'utf8')).toBe('one');
    expect(() => writeFileSafely(file, 'two')).toThrow(UsageError);
    expect(readFileSync(file, 'utf8')).toBe('one');
    writeFileSafely(file, 'two', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('a folder that refuses new files is a usage error naming it', () => {
    // /proc takes no new files even for root
    expect(refusal(() => writeFileSafely('/proc/milieu-out.json', 'x'))).toMatch(
      /cannot write the output \/proc\/milieu-out\.json in \/proc/,
    );
  });

  it.skipIf(process.getuid?.() === 0)('an unwritable folder is a usage error naming it', () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    expect(refusal(() => checkFileTarget(join(locked, 'a.json')))).toContain(
      `the folder ${locked} is not writable`,
    );
    chmodSync(locked, 0o755);
  });

  it('removes temporaries of dead Milieu processes, and nothing else', () => {
    const dir = tempDir();
    const target = join(dir, 'a.json');
    const stale = join(dir, `.a.json.milieu-tmp-${deadPid()}`);
    const live = join(dir, `.a.json.milieu-tmp-${process.pid}`);
    const other = join(dir, `.b.json.milieu-tmp-${deadPid()}`);
    for (const f of [stale, live, other]) writeFileSync(f, 'partial');
    removeStaleTemps(target);
    expect([existsSync(stale), existsSync(live), existsSync(other)]).toEqual([false, true, true]);
  });
});

describe('output targets: folders', () => {
  it('refuses a regular file where a folder goes, even with force', () => {
    const dir = tempDir();
    const file = join(dir, 'out');
    writeFileSync(file, 'mine');
    expect(refusal(() => checkFolderTarget(file, ['a.csv'], { force: true }))).toMatch(
      /it is a file, and a file is never replaced by a folder/,
    );
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('writes a new folder with a manifest of what it wrote', async () => {
    const out = join(tempDir(), 'pkg');
    const r = await writeFolderVia(out, 'package', ['a.csv', 'b.csv'], {}, writeFiles({ 'a.csv': 'A1' }));
    expect(r.written).toEqual(['a.csv']);
    expect(readdirSync(out).sort()).toEqual(['a.csv', MANIFEST]);
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'));
    // sha256 of "A1": python3 -c "import hashlib;print(hashlib.sha256(b'A1').hexdigest())"
    expect(manifest).toMatchObject({
      format: 'package',
      files: { 'a.csv': '16a36e86f6fed5d465ff332511a0ce1a863b55d364b25a7cdaa25db19abf9648' },
    });
  });

  it('with force replaces only files Milieu wrote; foreign and edited files are kept or refused', async () => {
    const out = join(tempDir(), 'pkg');
    await writeFolderVia(
      out,
      'package',
      ['a.csv', 'b.csv', 'c.csv'],
      {},
      writeFiles({ 'a.csv': 'A1', 'b.csv': 'B1' }),
    );
    writeFileSync(join(out, 'notes.txt'), 'foreign');
    // without force: refused, nothing changed
    await expect(
      writeFolderVia(out, 'package', ['a.csv'], {}, writeFiles({ 'a.csv': 'A2' })),
    ).rejects.toThrow(/the folder is not empty/);
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('A1');
    // with force: a.csv replaced, b.csv (ours, unchanged, not written again) removed, notes.txt kept
    await writeFolderVia(
      out,
      'package',
      ['a.csv', 'b.csv', 'c.csv'],
      { force: true },
      writeFiles({ 'a.csv': 'A2', 'c.csv': 'C2' }),
    );
    expect(readdirSync(out).sort()).toEqual(['a.csv', 'c.csv', MANIFEST, 'notes.txt']);
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('A2');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('foreign');
    // a file Milieu wrote but someone edited is no longer Milieu's: refused where it would be replaced
    writeFileSync(join(out, 'a.csv'), 'A2 edited by hand');
    await expect(
      writeFolderVia(out, 'package', ['a.csv'], { force: true }, writeFiles({ 'a.csv': 'A3' })),
    ).rejects.toThrow(/refusing to replace .*a\.csv: Milieu did not write it \(or it changed since\)/);
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('A2 edited by hand');
    // ... and kept, with a note, by an export that cannot write it (another format's names)
    const r = await writeFolderVia(out, 'package', ['c.csv'], { force: true }, writeFiles({ 'c.csv': 'C3' }));
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('A2 edited by hand');
    expect(r.notes.join()).toMatch(/kept .*a\.csv: written by an earlier export but changed since/);
    // a foreign file with an output's name (no manifest lists it) is refused
    writeFileSync(join(out, 'd.csv'), 'theirs');
    await expect(
      writeFolderVia(out, 'package', ['d.csv'], { force: true }, writeFiles({ 'd.csv': 'D' })),
    ).rejects.toThrow(/refusing to replace .*d\.csv/);
    expect(readFileSync(join(out, 'd.csv'), 'utf8')).toBe('theirs');
    expect(readdirSync(out).filter((n) => n.includes('milieu-tmp'))).toEqual([]);
  });

  it('an export that fails half-way leaves the folder as it was', async () => {
    const out = join(tempDir(), 'pkg');
    await writeFolderVia(out, 'package', ['a.csv'], {}, writeFiles({ 'a.csv': 'A1' }));
    const before = readdirSync(out).map((n) => [n, readFileSync(join(out, n), 'utf8')]);
    await expect(
      writeFolderVia(out, 'package', ['a.csv'], { force: true }, async (dir) => {
        writeFileSync(join(dir, 'a.csv'), 'half');
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(readdirSync(out).map((n) => [n, readFileSync(join(out, n), 'utf8')])).toEqual(before);
  });
});
