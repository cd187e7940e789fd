/**
 * Issue 7 §1, "never destroy data", through the real CLI: no command writes onto a database or an
 * input, onto an existing file without --force, or deletes files it did not write; a killed export
 * leaves the old output; a failed import leaves no new database. Also the bad option values of §2.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.ts';
import { BIN, EXAMPLE, ROOT, runCli, spawn, tempDir } from '../helpers.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let work: string;
let db: string;
let dbHash: string;
let organisations: number;

function expectStoreIntact(): void {
  expect(sha(db)).toBe(dbHash);
  const r = runCli(['info', db, '--json']);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).rows.organisations).toBe(organisations);
}

beforeAll(() => {
  work = tempDir();
  db = join(work, 'c.duckdb');
  expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
  dbHash = sha(db);
  organisations = JSON.parse(runCli(['info', db, '--json']).stdout).rows.organisations;
});

describe('never onto a database', () => {
  it('export DB DB refuses, with and without --force, however the path is spelled', () => {
    const link = join(work, 'link.duckdb');
    symlinkSync(db, link);
    const cases: [string[], string][] = [
      [['export', db, db, '--format', 'json'], db],
      [['export', db, db, '--format', 'json', '--force'], db],
      [['export', db, relative(ROOT, db), '--format', 'gexf', '--force'], relative(ROOT, db)],
      [['export', db, link, '--format', 'graphml', '--force'], link],
      [['export', db, db, '--format', 'package', '--force'], db],
      [['export', db, `${db}.wal`, '--format', 'json'], `${db}.wal`],
    ];
    for (const [args, named] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(named);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expectStoreIntact();
  });

  it('export onto another DuckDB database refuses even with --force', async () => {
    const other = join(work, 'other.store');
    (await openStore(other)).close();
    const before = sha(other);
    const r = runCli(['export', db, other, '--format', 'json', '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/other\.store: it is a DuckDB database/);
    expect(sha(other)).toBe(before);
  });

  it('rtd --html/--markdown DB and import --rejects DB refuse', () => {
    for (const flag of ['--html', '--markdown']) {
      const r = runCli(['rtd', db, '--regions', 'UKH1', flag, db, '--force']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(db);
    }
    const r = runCli([
      'import',
      db,
      EXAMPLE,
      '--replace',
      '--skip-invalid',
      '--rejects',
      db,
      '--force',
      '-q',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rejects file .*c\.duckdb: it is a file this command reads/);
    expectStoreIntact();
  });

  it('init and demo --fenland --db refuse an existing database even with --force', () => {
    for (const args of [
      ['init', db, '--force'],
      ['demo', '--fenland', '--db', db, '--force'],
    ]) {
      const r = runCli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(db);
    }
    expectStoreIntact();
  });
});

describe('never over an existing file or into a non-empty folder without --force', () => {
  it('json and gexf over an existing file: refused, then replaced with --force', () => {
    for (const format of ['json', 'gexf']) {
      const out = join(work, `existing.${format}`);
      writeFileSync(out, 'my own file\n');
      const r = runCli(['export', db, out, '--format', format]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/refusing to overwrite .*: it exists \(use --force/);
      expect(readFileSync(out, 'utf8')).toBe('my own file\n');
      expect(runCli(['export', db, out, '--format', format, '--force']).status).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(format === 'json' ? /^\{\n "regions": \[/ : /^<\?xml/);
      // written table by table, yet the same text as one JSON.stringify of the whole document
      if (format === 'json') {
        const text = readFileSync(out, 'utf8');
        expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 1)}\n`);
      }
    }
  });

  it('package export keeps a foreign file with and without --force, and never replaces a file by a folder', () => {
    const out = join(work, 'pkg');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    const refused = runCli(['export', db, out, '--format', 'package']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/the folder is not empty \(notes\.txt\)/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    for (let run = 0; run < 2; run++) {
      // twice: the second run replaces the first one's files
      expect(runCli(['export', db, out, '--format', 'package', '--force']).status).toBe(0);
      expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
      expect(readdirSync(out)).toContain('organisations.csv');
    }
    // the folder, notes.txt included, still imports as a package (the reader reads only *.csv)
    const db2 = join(work, 'back.duckdb');
    expect(runCli(['import', db2, out, '-q']).status).toBe(0);
    expect(JSON.parse(runCli(['info', db2, '--json']).stdout).rows.organisations).toBe(organisations);
    // a hand-written organisations.csv is not Milieu's: refused even with --force
    const theirs = join(work, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'organisations.csv'), 'id,kind\nx,sme\n');
    const r = runCli(['export', db, theirs, '--format', 'package', '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/refusing to replace .*organisations\.csv: Milieu did not write it/);
    expect(readFileSync(join(theirs, 'organisations.csv'), 'utf8')).toBe('id,kind\nx,sme\n');
    // a regular file where the folder goes
    const file = join(work, 'a-file');
    writeFileSync(file, 'data');
    for (const format of ['package', 'parquet']) {
      const f = runCli(['export', db, file, '--format', format, '--force']);
      expect(f.status).toBe(2);
      expect(f.stderr).toMatch(/a file is never replaced by a folder/);
    }
    expect(readFileSync(file, 'utf8')).toBe('data');
  });

  it('rtd --html over an existing file is refused without --force', () => {
    const html = join(work, 'report.html');
    writeFileSync(html, 'mine');
    const r = runCli(['rtd', db, '--regions', 'UKH1', '--html', html]);
    expect(r.status).toBe(2);
    expect(readFileSync(html, 'utf8')).toBe('mine');
  });
});

describe('bad output paths and option values exit 2 with a message', () => {
  it('an output in a missing or unwritable folder names the folder', () => {
    const missing = join(work, 'no', 'such');
    const cases = [
      ['export', db, join(missing, 'x.json'), '--format', 'json'],
      ['export', db, join(missing, 'pkg'), '--format', 'package'],
      ['rtd', db, '--regions', 'UKH1', '--markdown', join(missing, 'r.md')],
      ['init', join(missing, 'n.duckdb')],
      ['import', join(missing, 'n.duckdb'), EXAMPLE, '-q'],
    ];
    for (const args of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`the folder ${missing} does not exist`);
    }
    // /proc takes no new files, even for root
    const r = runCli(['export', db, '/proc/milieu.json', '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write the json export \/proc\/milieu\.json in \/proc/);
  });

  it('rtd --top -3 (and other non-counts, and resolve --top -3) exit 2', () => {
    for (const top of ['-3', '2.5', 'five']) {
      const r = runCli(['rtd', db, '--regions', 'UKH1', '--top', top]);
      expect(r.status, top).toBe(2);
      expect(r.stderr).toContain(`--top takes a whole number ≥ 0, got '${top}'`);
    }
    const r = runCli(['resolve', db, '--nuts', 'unused.geojson', '--top', '-3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--top takes a whole number ≥ 0, got '-3'");
  });

  it('--indicators on a file that is not an indicator table exits 2 naming the file and what is missing', () => {
    const orgs = join(EXAMPLE, 'organisations.csv');
    const r = runCli(['rtd', db, '--regions', 'UKH1', '--indicators', orgs]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `--indicators ${orgs} is not a NUTS-2 indicator table: no row with a NUTS-2 code`,
    );
    const noHrht = join(work, 'no-hrht.csv');
    writeFileSync(noHrht, 'id,tertiary\nDE21,40\n');
    const h = runCli(['rtd', db, '--regions', 'UKH1', '--indicators', noHrht]);
    expect(h.status).toBe(2);
    expect(h.stderr).toContain(`--indicators ${noHrht} has no column 'hrht'`);
  });
});

/** A store big enough (300,000 organisations) that an export is still writing when a kill lands. */
let bigStorePath: string | undefined;
async function bigStore(): Promise<string> {
  if (bigStorePath) return bigStorePath;
  const path = join(tempDir(), 'big.duckdb');
  const store = await openStore(path);
  await store.connection.run(
    `INSERT INTO organisations (id, name, kind, founded, import_id)
     SELECT 'o' || i, 'Firm ' || i, 'sme', 1950 + i % 70, 1 FROM range(300000) t(i)`,
  );
  store.close();
  bigStorePath = path;
  return path;
}

/** Runs `milieu args`, SIGKILLs it as soon as `folder` holds `temp(pid)`; true when the kill landed. */
async function killWhenTempAppears(args: string[], folder: string, temp: (pid: number) => string) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
  const name = temp(child.pid!);
  const killed = await new Promise<boolean>((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(join(folder, name))) {
        child.kill('SIGKILL');
        clearInterval(poll);
        resolve(true);
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(poll);
      resolve(false);
    });
  });
  await new Promise((r) =>
    child.exitCode === null && child.signalCode === null ? child.on('close', r) : r(0),
  );
  return { killed: killed && child.signalCode === 'SIGKILL', temp: join(folder, name) };
}

describe('a failed or killed command leaves the old output and no new database', () => {
  it('a failed import into a new path leaves no file and no .wal', () => {
    const pkg = join(work, 'bad');
    mkdirSync(pkg);
    writeFileSync(join(pkg, 'organisations.csv'), 'id,kind\na,sme\na,sme\n');
    const folder = join(work, 'fresh');
    mkdirSync(folder);
    const r = runCli(['import', join(folder, 'new.duckdb'), pkg, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("duplicate id 'a'");
    expect(r.stderr).toContain('nothing was imported: no database was created.');
    expect(readdirSync(folder)).toEqual([]);
    // and the same path works once the input is good
    expect(runCli(['import', join(folder, 'new.duckdb'), EXAMPLE, '-q']).status).toBe(0);
    expect(readdirSync(folder)).toEqual(['new.duckdb']);
  });

  it('an import into a new path killed mid-way leaves no database; the next run clears the temporary', async () => {
    const pkg = join(tempDir(), 'big');
    mkdirSync(pkg);
    const n = 200_000;
    const orgs = ['id,name,kind,founded'];
    for (let i = 0; i < n; i++) orgs.push(`o${i},Firm ${i},sme,${1950 + (i % 70)}`);
    writeFileSync(join(pkg, 'organisations.csv'), `${orgs.join('\n')}\n`);
    const folder = tempDir();
    const target = join(folder, 'k.duckdb');
    const child = spawn(process.execPath, [BIN, 'import', target, pkg], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // killed once the rows are staged, inside the import's work
        if (/validating|writing/.test(stderr) && !child.killed) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    await new Promise((r) =>
      child.exitCode === null && child.signalCode === null ? child.on('close', r) : r(0),
    );
    expect(killed).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(folder).every((f) => f.startsWith(`.k.duckdb.milieu-tmp-${child.pid}`))).toBe(true);
    expect(runCli(['import', target, EXAMPLE, '-q']).status).toBe(0);
    expect(readdirSync(folder)).toEqual(['k.duckdb']);
  });

  it('an export killed mid-write leaves the old file; the next run clears the temporary', async () => {
    const big = await bigStore();
    const folder = tempDir();
    const out = join(folder, 'big.json');
    writeFileSync(out, 'the old export\n');
    const { killed, temp } = await killWhenTempAppears(
      ['export', big, out, '--format', 'json', '--force'],
      folder,
      (pid) => `.big.json.milieu-tmp-${pid}`,
    );
    expect(killed).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe('the old export\n');
    expect(existsSync(temp)).toBe(true);
    // the next export to the same place removes the dead run's temporary
    expect(runCli(['export', big, out, '--format', 'json', '--force']).status).toBe(0);
    expect(readdirSync(folder)).toEqual(['big.json']);
    expect(JSON.parse(readFileSync(out, 'utf8')).organisations).toHaveLength(300000);
  });

  it('a package export killed mid-write leaves the old files and the foreign ones', async () => {
    const big = await bigStore();
    const out = join(tempDir(), 'pkg');
    expect(runCli(['export', db, out, '--format', 'package']).status).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, sha(join(out, f))]));
    const { killed, temp } = await killWhenTempAppears(
      ['export', big, out, '--format', 'package', '--force'],
      out,
      (pid) => `.milieu-tmp-${pid}`,
    );
    expect(killed).toBe(true);
    expect(existsSync(temp)).toBe(true);
    const after = Object.fromEntries(
      readdirSync(out)
        .filter((f) => !f.startsWith('.milieu-tmp-'))
        .map((f) => [f, sha(join(out, f))]),
    );
    expect(after).toEqual(before);
    // the next run clears the dead run's folder and replaces Milieu's files, keeping notes.txt
    expect(runCli(['export', big, out, '--format', 'package', '--force']).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['milieu-export.json', 'notes.txt', 'organisations.csv']);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(out, 'organisations.csv'), 'utf8').trim().split('\n')).toHaveLength(300_001);
  });
});
