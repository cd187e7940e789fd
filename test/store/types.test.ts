/**
 * Inputs held to their types (issue 7, section 2): whole numbers, storage ranges, list items, dates,
 * inputs without valid rows, the rejects file and JSON syntax errors.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { jsonSyntaxIssue, readJson } from '../../src/io/json.ts';
import { readPackage } from '../../src/io/package.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { runCli, tempDir } from '../helpers.ts';

let open: Store[] = [];
afterEach(() => {
  for (const s of open) s.close();
  open = [];
});

async function memoryStore(): Promise<Store> {
  const s = await openStore(':memory:');
  open.push(s);
  return s;
}

function pkg(files: Record<string, string>): string {
  const dir = join(tempDir(), 'pkg');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function jsonFile(doc: unknown): string {
  const file = join(tempDir(), 'in.json');
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 1));
  return file;
}

async function issuesOf(format: 'package' | 'json', path: string): Promise<string[]> {
  const store = await memoryStore();
  const e = await importSource(store, format, path, format === 'json' ? readJson : readPackage, {
    currentYear: 2026,
  }).catch((x) => x);
  expect(e).toBeInstanceOf(InputError);
  const n = Number(
    (await store.connection.runAndReadAll('SELECT count(*) FROM organisations')).getRows()[0][0],
  );
  expect(n).toBe(0);
  return (e as InputError).issues.map((i) => `${i.line} ${i.column}: ${i.reason}`);
}

describe('whole numbers, ranges, lists and dates in a package', () => {
  it('refuses fractions, hex and digit separators in whole-number columns', async () => {
    const dir = pkg({
      'organisations.csv':
        'id,kind,founded\na,sme,1990.5\nb,sme,0x7C6\nc,sme,1_990\nd,sme,1990\ne,sme,+1990\n',
      'spinoffs.csv': 'child,parent,founders\nb,a,2.5\n',
    });
    expect(await issuesOf('package', dir)).toEqual([
      "2 founded: not a whole number: '1990.5'",
      "3 founded: not a whole number: '0x7C6'",
      "4 founded: not a whole number: '1_990'",
      "2 founders: not a whole number: '2.5'",
    ]);
  });

  it('range-checks whole numbers against their storage type (INTEGER, SMALLINT)', async () => {
    const dir = pkg({
      'organisations.csv': 'id,kind,founded\na,sme,1990\nb,sme,40000\n',
      'spinoffs.csv': 'child,parent,founders\nb,a,9999999999\na,b,2147483647\n',
    });
    const got = await issuesOf('package', dir);
    expect(got).toContain("3 founded: out of range for a year (-32768 to 32767): '40000'");
    expect(got).toContain(
      "2 founders: out of range for a whole number (-2147483648 to 2147483647): '9999999999'",
    );
    // 2^31 − 1 is the largest INTEGER: accepted
    expect(got.filter((g) => g.startsWith('3 founders'))).toEqual([]);
  });

  it('refuses a number that is not written as a decimal number', async () => {
    const dir = pkg({ 'organisations.csv': 'id,kind,lat,lon\na,sme,0x10,1e1\nb,sme,1_0,-.5\n' });
    expect(await issuesOf('package', dir)).toEqual([
      "2 lat: not a number: '0x10'",
      "3 lat: not a number: '1_0'",
    ]);
  });

  it('checks every item of a NUTS list, and refuses empty items in any list', async () => {
    const dir = pkg({
      'organisations.csv': 'id,kind\na,sme\n',
      'regions.csv':
        'id,name,kind,nuts,localities\nr1,R1,cluster,UKH12|bogus!,\nr2,R2,cluster,UKH12| ukh14 ,A|B\nr3,R3,cluster,UKH12|,A||B\n',
    });
    expect(await issuesOf('package', dir)).toEqual([
      "2 nuts: malformed NUTS code in the list: 'bogus!' (expected a country code and up to three level characters, e.g. DE212)",
      "4 localities: empty item in the list: 'A||B' (two | in a row, or one at an end)",
      "4 nuts: empty item in the list: 'UKH12|' (two | in a row, or one at an end)",
    ]);
  });

  it('takes dates only as YYYY-MM-DD and only on the calendar', async () => {
    const dir = pkg({
      'organisations.csv': 'id,kind\na,sme\n',
      'projects.csv': 'id,start,end\np1,2021/01/01,\np2,2021-02-30,\np3,20210101,\np4,2020-02-29,2021-1-5\n',
    });
    expect(await issuesOf('package', dir)).toEqual([
      "2 start: not a date (YYYY-MM-DD): '2021/01/01'",
      "3 start: not a date (YYYY-MM-DD): '2021-02-30'",
      "4 start: not a date (YYYY-MM-DD): '20210101'",
      "5 end: not a date (YYYY-MM-DD): '2021-1-5'",
    ]);
  });

  it('stores the accepted values exactly', async () => {
    const dir = pkg({
      'organisations.csv': 'id,kind,founded\na,sme,+1990\nb,sme,01991\n',
      'spinoffs.csv': 'child,parent,founders\nb,a,2147483647\n',
    });
    const store = await memoryStore();
    await importSource(store, 'package', dir, readPackage);
    const rows = (
      await store.connection.runAndReadAll(
        'SELECT o.founded, s.founders FROM organisations o LEFT JOIN spinoffs s ON s.child = o.id ORDER BY o.id',
      )
    ).getRowsJS();
    expect(rows).toEqual([
      [1990, null],
      [1991, 2147483647],
    ]);
  });
});

describe('the same types in JSON', () => {
  it('refuses fractions, out-of-range numbers, a list item holding | and a slashed date', async () => {
    const file = jsonFile({
      organisations: [
        { id: 'a', kind: 'sme', founded: 1990.5 },
        { id: 'b', kind: 'sme' },
      ],
      spinoffs: [{ child: 'b', parent: 'b', founders: 9999999999 }],
      regions: [{ id: 'r', name: 'R', kind: 'cluster', nuts: ['UKH12', 'UKH14|DE212'] }],
      projects: [{ id: 'p', start: '2021/01/01' }],
    });
    const got = await issuesOf('json', file);
    expect(got).toEqual([
      '3 organisations[0].founded: Invalid input: expected int, received number',
      '14 spinoffs[0].founders: Too big: expected number to be <=2147483647',
      '21 regions[0].nuts.1: a list item may not contain |',
      "32 start: not a date (YYYY-MM-DD): '2021/01/01'",
    ]);
  });
});

describe('inputs without a valid row', () => {
  it('a header-only organisations.csv: exit 2 with "no rows", not a DuckDB syntax error', async () => {
    const dir = pkg({ 'organisations.csv': 'id,kind\n' });
    expect(await issuesOf('package', dir)).toEqual([
      'null null: no rows to import: the input holds no data rows',
    ]);
    const r = runCli(['import', join(tempDir(), 'x.duckdb'), dir, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no rows to import');
  });

  it('JSON whose only rows fail gives the row errors', async () => {
    const file = jsonFile({ organisations: [{ id: 'a', kind: 'unicorn' }] });
    const got = await issuesOf('json', file);
    expect(got).toEqual([expect.stringMatching(/^3 organisations\[0\]\.kind: /)]);
  });

  it('--skip-invalid with every row rejected imports nothing and lists why', async () => {
    const dir = pkg({ 'organisations.csv': 'id,kind\na,unicorn\nb,dragon\n' });
    const store = await memoryStore();
    const e = (await importSource(store, 'package', dir, readPackage, { skipInvalid: true }).catch(
      (x) => x,
    )) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues.map((i) => [i.line, i.reason.split(' (')[0]])).toEqual([
      [null, 'every row was rejected'],
      [2, "unknown kind 'unicorn'"],
      [3, "unknown kind 'dragon'"],
    ]);
    const r = runCli(['import', join(tempDir(), 'x.duckdb'), dir, '-q', '--skip-invalid']);
    expect(r.status).toBe(2);
  });

  it('spinoffs.founders = 9999999999 is a row error with exit 2, not a failed commit', () => {
    const dir = pkg({
      'organisations.csv': 'id,kind\na,sme\nb,sme\n',
      'spinoffs.csv': 'child,parent,founders\nb,a,9999999999\n',
    });
    const r = runCli(['import', join(tempDir(), 'x.duckdb'), dir, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/spinoffs\.csv:2 \[founders\]: out of range/);
  });
});

describe('the rejects file', () => {
  it('carries each rejected row with its values, and says which rejected row an orphan lost', async () => {
    const dir = pkg({
      'organisations.csv': 'id,name,kind\na,Alpha,sme\nbad,"Bad, Inc",unicorn\n',
      'ties.csv': 'source,target,kind\na,bad,collaboration\n',
    });
    const rejects = join(tempDir(), 'rejects.csv');
    const store = await memoryStore();
    const result = await importSource(store, 'package', dir, readPackage, {
      skipInvalid: true,
      rejectsPath: rejects,
    });
    expect(result.rowCounts).toEqual({ organisations: 1 });
    const orgs = join(dir, 'organisations.csv');
    expect(result.rejected.map((i) => [i.table, i.line, i.column, i.reason])).toEqual([
      ['organisations', 3, 'kind', expect.stringMatching(/^unknown kind 'unicorn'/)],
      [
        'ties',
        2,
        'target',
        expect.stringMatching(
          new RegExp(`^organisation 'bad' was rejected \\(${orgs}:3 \\[kind\\]: unknown kind 'unicorn'`),
        ),
      ],
    ]);
    // the import records how many rows it left out (schema version 2)
    expect(
      await store.connection.runAndReadAll('SELECT rejected_rows FROM imports').then((r) => r.getRowsJS()),
    ).toEqual([[2]]);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('table,file,line,column,reason,values');
    // the values column: the whole row as a JSON object (CSV-quoted)
    expect(lines[1]).toContain('"{""id"":""bad"",""name"":""Bad, Inc"",""kind"":""unicorn""');
    expect(lines[2]).toContain('"{""source"":""a"",""target"":""bad"",""kind"":""collaboration""');
  });

  it('lists 200,000 rejected rows (one spread call too many crashed with exit 1 before)', async () => {
    const n = 200_000;
    const lines = ['id,kind', 'ok,sme'];
    for (let i = 0; i < n; i++) lines.push(`x${i},unicorn`);
    const dir = pkg({ 'organisations.csv': `${lines.join('\n')}\n` });
    const store = await memoryStore();
    const result = await importSource(store, 'package', dir, readPackage, { skipInvalid: true });
    expect(result.rowCounts).toEqual({ organisations: 1 });
    expect(result.rejected).toHaveLength(n);
    expect(result.rejected[n - 1]).toMatchObject({
      line: n + 2,
      values: { id: `x${n - 1}`, kind: 'unicorn' },
    });
  });

  it('a JSON row refused by its schema is named as the cause of its orphans', async () => {
    const file = jsonFile({
      organisations: [
        { id: 'a', kind: 'sme' },
        { id: 'bad', kind: 'sme', founded: 1990.5 },
      ],
      ties: [{ source: 'a', target: 'bad', kind: 'collaboration' }],
    });
    const store = await memoryStore();
    const result = await importSource(store, 'json', file, readJson, { skipInvalid: true });
    expect(result.rejected.map((i) => [i.table, i.reason.split(' (')[0]])).toEqual([
      ['organisations', 'Invalid input: expected int, received number'],
      ['ties', "organisation 'bad' was rejected"],
    ]);
    expect(result.rejected[0].values).toEqual({ id: 'bad', kind: 'sme', founded: '1990.5' });
  });
});

describe('JSON syntax', () => {
  it('names the line and column of a syntax error', async () => {
    const file = jsonFile('{\n "organisations": [\n  {"id": "a", "kind": "sme",}\n ]\n}\n');
    const store = await memoryStore();
    const e = (await importSource(store, 'json', file, readJson).catch((x) => x)) as InputError;
    expect(e.issues).toEqual([
      {
        file,
        line: 3,
        column: 'char 29',
        reason: 'not valid JSON: Expected double-quoted property name',
      },
    ]);
  });

  it('puts an early end of the text at its end', () => {
    expect(jsonSyntaxIssue('f', '{\n"a": [1', 'Unexpected end of JSON input')).toMatchObject({
      line: 2,
      column: 'char 8',
    });
  });

  it('accepts a byte-order mark', async () => {
    const file = jsonFile(`\ufeff${JSON.stringify({ organisations: [{ id: 'a', kind: 'sme' }] })}`);
    const store = await memoryStore();
    const result = await importSource(store, 'json', file, readJson);
    expect(result.rowCounts).toEqual({ organisations: 1 });
  });
});
