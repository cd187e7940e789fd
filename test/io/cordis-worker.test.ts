/**
 * The CORDIS reader the command line uses, parsing on a worker thread (read-in-worker.ts), against
 * the one-thread reader: the same stores, the same errors, nothing left behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.ts';
import { readCordis } from '../../src/io/cordis/index.ts';
import { startCordisRead } from '../../src/io/cordis/read-in-worker.ts';
import { makeStagingFolder } from '../../src/io/cordis/stage-files.ts';
import { hashFiles } from '../../src/io/text.ts';
import { importSource } from '../../src/store/import.ts';
import type { Reader } from '../../src/store/reader.ts';
import { openStore } from '../../src/store/store.ts';
import { BIN, ROOT, SHARED_DATA, tempDir } from '../helpers.ts';

const FIXTURE = join(ROOT, 'test/fixtures/cordis-official');
const H2020 = join(SHARED_DATA, 'cordis');

/**
 * Every row of the three tables in stored order, the import's record (with its content hash, which
 * the worker path takes on the main thread while the worker parses), the result, and the progress
 * phases.
 */
async function imported(path: string, reader: Reader) {
  const store = await openStore(':memory:');
  const phases: string[] = [];
  try {
    const result = await importSource(store, 'cordis', path, reader, {
      onProgress: (phase) => {
        if (phases.at(-1) !== phase) phases.push(phase);
      },
    });
    const rows: Record<string, unknown[][]> = {};
    for (const table of ['organisations', 'projects', 'participations', 'imports'])
      rows[table] = (
        await store.connection.runAndReadAll(
          table === 'imports'
            ? 'SELECT id, source, format, content_hash, row_counts, rejected_rows FROM imports'
            : `SELECT * FROM ${table}`,
        )
      ).getRows();
    return { rows, counts: result.rowCounts, notes: result.notes, phases };
  } finally {
    store.close();
  }
}

describe('the CORDIS reader on a worker thread', () => {
  it('imports the official export exactly as the one-thread reader does', async () => {
    const started = startCordisRead(FIXTURE);
    const inWorker = await imported(FIXTURE, started.reader);
    const inThread = await imported(FIXTURE, readCordis);
    expect(inWorker.counts).toEqual({ organisations: 8, projects: 4, participations: 13 });
    expect(inWorker.rows.imports[0][3]).toBe(hashFiles(readdirSync(FIXTURE).map((f) => join(FIXTURE, f))));
    expect(inWorker).toEqual(inThread);
    expect(inWorker.phases).toEqual(['reading', 'staging', 'validating', ...inWorker.phases.slice(3)]);
    expect(existsSync(started.dir)).toBe(false);
  });

  it.skipIf(!existsSync(H2020))(
    'imports the real H2020 files exactly as the one-thread reader does',
    async () => {
      const inWorker = await imported(H2020, startCordisRead(H2020).reader);
      const inThread = await imported(H2020, readCordis);
      expect(inWorker.counts).toEqual({ organisations: 35871, projects: 31451, participations: 144726 });
      expect(inWorker).toEqual(inThread);
    },
    120_000,
  );

  it("passes Milieu's errors across the thread as what they are, and removes its files", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'readme.txt'), 'nothing here');
    const noFiles = startCordisRead(dir);
    const store = await openStore(':memory:');
    try {
      const error = await importSource(store, 'cordis', dir, noFiles.reader).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues[0].reason).toMatch(/^no CORDIS files found/);
      expect(existsSync(noFiles.dir)).toBe(false);

      const missing = startCordisRead(join(dir, 'nope'));
      const usage = await importSource(store, 'cordis', dir, missing.reader).catch((e: unknown) => e);
      expect(usage).toBeInstanceOf(UsageError);
      expect((usage as UsageError).message).toContain('nope');
      expect(existsSync(missing.dir)).toBe(false);
    } finally {
      store.close();
    }
  });

  it('stops and cleans up when the reader is never called', async () => {
    const started = startCordisRead(FIXTURE);
    expect(existsSync(started.dir)).toBe(true);
    await started.cancel();
    expect(existsSync(started.dir)).toBe(false);
  });

  it("a staging statement that fails is the import's error, and the files still go", async () => {
    // On the real files the worker still hashes them after its last statement, so the reader is
    // waiting for its next message when that statement fails.
    const source = existsSync(H2020) ? H2020 : FIXTURE;
    const started = startCordisRead(source);
    // A connection whose statements fail a moment after they start, while the reader waits for the
    // worker's next message: the failure must reach the reader, not end the process unhandled.
    const failing = {
      run: () => new Promise((_, reject) => setTimeout(() => reject(new Error('statement failed')), 1)),
    };
    const context = { connection: failing, path: source } as unknown as Parameters<Reader>[0];
    await expect(started.reader(context)).rejects.toThrow('statement failed');
    expect(existsSync(started.dir)).toBe(false);
  });

  it('clears the staging folders of killed imports, and imports in one thread without a temporary folder', () => {
    const tmp = tempDir();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      // a process that has ended, and one that runs (this one's parent)
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
      mkdirSync(join(tmp, `milieu-stage-${dead}-abc`));
      mkdirSync(join(tmp, `milieu-stage-${process.ppid}-def`));
      const made = makeStagingFolder();
      expect(readdirSync(tmp).sort()).toEqual(
        [`milieu-stage-${process.ppid}-def`, made.slice(tmp.length + 1)].sort(),
      );
      expect(made.startsWith(join(tmp, `milieu-stage-${process.pid}-`))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    const db = join(tempDir(), 'x.duckdb');
    const r = spawnSync(process.execPath, [BIN, 'import', db, FIXTURE, '--format', 'cordis', '-q'], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: join(tmp, 'missing') },
    });
    expect(r.stderr).not.toMatch(/internal/);
    expect(r.stdout).toMatch(/import #1: organisations 8, projects 4, participations 13/);
    expect(r.status).toBe(0);
  });
});
