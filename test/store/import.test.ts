import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { readPackage } from '../../src/io/package.ts';
import { importSource } from '../../src/store/import.ts';
import { storeInfo } from '../../src/store/info.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { copyExample, EXAMPLE, tempDir } from '../helpers.ts';

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

/** Data rows of a CSV file of the example (lines minus the header). */
function dataRows(file: string): number {
  return readFileSync(join(EXAMPLE, file), 'utf8').trim().split('\n').length - 1;
}

async function importError(dir: string, currentYear?: number): Promise<InputError> {
  const store = await memoryStore();
  try {
    await importSource(store, 'package', dir, readPackage, { currentYear });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const info = await storeInfo(store);
    // nothing was written: every table is still empty
    expect(Object.values(info.rows).every((n) => n === 0)).toBe(true);
    return e as InputError;
  }
  throw new Error('expected the import to fail');
}

describe('package import', () => {
  it('imports every table of the example package, row for row', async () => {
    const store = await memoryStore();
    const result = await importSource(store, 'package', EXAMPLE, readPackage);
    expect(result.rowCounts).toEqual({
      regions: dataRows('regions.csv'),
      organisations: 18,
      employment: 13,
      ties: 13,
      projects: 2,
      participations: 6,
      spinoffs: 8,
      acquisitions: 2,
      people: 5,
      moves: 6,
      innovation_sources: 8,
      initiatives: 3,
    });
    const rows = (
      await store.connection.runAndReadAll(
        "SELECT founded, closed, sme, lat, nuts FROM organisations WHERE id = 'sme-sinclair'",
      )
    ).getRows();
    expect(rows).toEqual([[1981, 1998, true, 52.19, 'UKH12']]);
    const regions = (
      await store.connection.runAndReadAll('SELECT nuts, localities FROM regions')
    ).getRowsJS();
    expect(regions).toEqual([
      [
        ['UKH12', 'UKH14'],
        ['Fenbridge', 'Newmarket'],
      ],
    ]);
    const info = await storeInfo(store);
    expect(info.years).toEqual({ first: 1284, last: 2010 });
    expect(info.countries[0]).toEqual({ country: 'UK', organisations: 15 });
  });

  it('refuses the same package twice, and --replace does not duplicate rows', async () => {
    const store = await memoryStore();
    await importSource(store, 'package', EXAMPLE, readPackage);
    await expect(importSource(store, 'package', EXAMPLE, readPackage)).rejects.toThrow(
      /already imported as import #1/,
    );
    const again = await importSource(store, 'package', EXAMPLE, readPackage, { replace: true });
    expect(again.replacedImports).toEqual([1]);
    const info = await storeInfo(store);
    expect(info.rows.organisations).toBe(18);
    expect(info.rows.ties).toBe(13);
    expect(info.imports.map((i) => i.id)).toEqual([2]);
  });

  it('refuses an organisation id that is already in the store from another import', async () => {
    const store = await memoryStore();
    await importSource(store, 'package', EXAMPLE, readPackage);
    const dir = join(tempDir(), 'more');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'organisations.csv'), 'id,kind\nsme-prism,sme\nnew-firm,sme\n');
    const err = (await importSource(store, 'package', dir, readPackage).catch((e) => e)) as InputError;
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ line: 2, column: 'id' });
    expect(err.issues[0].reason).toMatch(/'sme-prism' is already in the store \(import #1/);
  });

  it('reports a duplicate id with both lines', async () => {
    const dir = copyExample();
    appendFileSync(join(dir, 'organisations.csv'), 'sme-prism,Prism Again,sme,,,,,,,,,\n');
    const err = await importError(dir);
    expect(err.issues).toEqual([
      expect.objectContaining({
        line: 20,
        column: 'id',
        reason: "duplicate id 'sme-prism' (first at line 8)",
      }),
    ]);
    expect(err.issues[0].file).toBe(join(dir, 'organisations.csv'));
  });

  it('reports a tie to a missing organisation', async () => {
    const dir = copyExample();
    appendFileSync(join(dir, 'ties.csv'), 'sme-arcus,no-such-firm,collaboration,,,\n');
    const err = await importError(dir);
    expect(err.issues).toEqual([
      expect.objectContaining({
        file: join(dir, 'ties.csv'),
        line: 15,
        column: 'target',
        reason: "unknown organisation 'no-such-firm' (not in organisations.csv nor in the store)",
      }),
    ]);
  });

  it('reports text in a year column, a future year, a bad NUTS code, a bad kind and an end before a start', async () => {
    const dir = copyExample();
    const orgs = readFileSync(join(dir, 'organisations.csv'), 'utf8')
      .replace('sme-lumen,Lumen Displays,sme,26.11,1999', 'sme-lumen,Lumen Displays,sme,26.11,nineteen')
      .replace(
        'sme-arcus,Arcus Software,sme,62.01,1995,',
        'sme-arcus,Arcus Software,startup,62.01,1995,1990',
      );
    writeFileSync(join(dir, 'organisations.csv'), `${orgs}sme-x,X,sme,J62,2031,,UK,UKH1234,,,,maybe\n`);
    const err = await importError(dir, 2026);
    const got = err.issues.map((i) => `${i.line} ${i.column}: ${i.reason}`);
    expect(got).toEqual([
      '12 closed: closed 1990 is before founded 1995',
      "12 kind: unknown kind 'startup' (expected one of: sme, large-firm, firm, mnc-subsidiary, mnc-rd-lab, university, research-institute, technology-centre, science-park, agency, public-body, collective-agent, other)",
      "13 founded: not a whole number: 'nineteen'",
      "20 founded: year in the future: '2031'",
      "20 nuts: malformed NUTS code: 'UKH1234' (expected a country code and up to three level characters, e.g. DE212)",
      "20 sme: not true/false: 'maybe'",
    ]);
  });

  it('reports a spin-off cycle', async () => {
    const dir = copyExample();
    // ri-mrc → sme-cellgen → sme-helix already; making ri-mrc a spin-off of sme-helix closes a loop
    appendFileSync(join(dir, 'spinoffs.csv'), 'ri-mrc,sme-helix,2005,1\n');
    const err = await importError(dir);
    // every row on the loop is named, so the user sees the whole cycle
    expect(err.issues.map((i) => [i.line, i.column, i.reason])).toEqual([
      [5, 'parent', "spin-off cycle: 'sme-cellgen' would be its own ancestor through 'ri-mrc'"],
      [8, 'parent', "spin-off cycle: 'sme-helix' would be its own ancestor through 'sme-cellgen'"],
      [10, 'parent', "spin-off cycle: 'ri-mrc' would be its own ancestor through 'sme-helix'"],
    ]);
  });

  it('reports bad encoding with line and byte', async () => {
    const dir = copyExample();
    const bytes = Buffer.concat([
      readFileSync(join(dir, 'organisations.csv')),
      Buffer.from('sme-y,Caf'),
      Buffer.from([0xe9]), // Latin-1 é: not UTF-8
      Buffer.from(',sme,,,,,,,,,\n'),
    ]);
    writeFileSync(join(dir, 'organisations.csv'), bytes);
    const err = await importError(dir);
    expect(err.issues).toEqual([
      expect.objectContaining({
        line: 20,
        column: 'byte 10',
        reason: 'not valid UTF-8 (save the file as UTF-8)',
      }),
    ]);
  });

  it('reports unknown and missing columns on line 1', async () => {
    const dir = copyExample();
    writeFileSync(join(dir, 'ties.csv'), 'source,target,knd\nsme-prism,lf-acorn,supplier\n');
    const err = await importError(dir);
    expect(err.issues.map((i) => [i.line, i.column, i.reason.split(' (')[0]])).toEqual([
      [1, 'knd', 'unknown column'],
      [1, 'kind', 'required column is missing'],
    ]);
  });

  it('reads semicolon-separated files with headers in any case', async () => {
    const dir = join(tempDir(), 'semi');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'organisations.csv'),
      'ID;Name;Kind;Founded\na;"Alpha; Ltd";SME;1990\nb;Beta;university;\n',
    );
    const store = await memoryStore();
    await importSource(store, 'package', dir, readPackage);
    const rows = (
      await store.connection.runAndReadAll('SELECT id, name, kind, founded FROM organisations ORDER BY id')
    ).getRows();
    expect(rows).toEqual([
      ['a', 'Alpha; Ltd', 'sme', 1990],
      ['b', 'Beta', 'university', null],
    ]);
  });

  it('with skipInvalid imports the valid rows, drops rows that depend on rejected ones, and writes rejects', async () => {
    const dir = copyExample();
    appendFileSync(join(dir, 'organisations.csv'), 'bad-org,Bad,unicorn,,,,,,,,,\n');
    appendFileSync(join(dir, 'ties.csv'), 'bad-org,sme-prism,collaboration,,,\n');
    const rejects = join(tempDir(), 'rejects.csv');
    const store = await memoryStore();
    const result = await importSource(store, 'package', dir, readPackage, {
      skipInvalid: true,
      rejectsPath: rejects,
    });
    expect(result.rowCounts.organisations).toBe(18);
    expect(result.rowCounts.ties).toBe(13);
    expect(result.rejected.map((i) => [i.table, i.line, i.column])).toEqual([
      ['organisations', 20, 'kind'],
      ['ties', 15, 'source'],
    ]);
    const text = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(text[0]).toBe('table,file,line,column,reason,values');
    expect(text).toHaveLength(3);
    expect(text[2]).toContain("organisation 'bad-org' was rejected (");
  });
});

describe('how an import writes the store', () => {
  const textCompressions = async (store: Store) =>
    (
      await store.connection.runAndReadAll(
        `SELECT DISTINCT compression FROM pragma_storage_info('organisations')
         WHERE column_name IN ('id', 'name', 'kind', 'country', 'locality') AND segment_type = 'VARCHAR'`,
      )
    ).getRows();
  const setting = async (store: Store) =>
    String(
      (
        await store.connection.runAndReadAll("SELECT current_setting('disabled_compression_methods')")
      ).getRows()[0][0],
    ).toLowerCase();

  it('stores text plain and checkpoints, then puts back the compression setting it found', async () => {
    const store = await openStore(join(tempDir(), 'plain.duckdb'));
    open.push(store);
    await store.connection.run("SET disabled_compression_methods = 'rle'");
    await importSource(store, 'package', EXAMPLE, readPackage);
    // written to the file by the import's own checkpoint (not by closing), text uncompressed
    expect(await textCompressions(store)).toEqual([['Uncompressed']]);
    expect(await setting(store)).toBe('rle');
    // a failed import puts it back too
    const bad = copyExample();
    appendFileSync(join(bad, 'organisations.csv'), 'bad-row,,not-a-kind\n');
    await expect(importSource(store, 'package', bad, readPackage)).rejects.toBeInstanceOf(InputError);
    expect(await setting(store)).toBe('rle');
  });

  it('leaves DuckDB to choose compressions outside imports', async () => {
    const store = await openStore(join(tempDir(), 'chosen.duckdb'));
    open.push(store);
    await store.connection.run(
      "CREATE TABLE t AS SELECT (['firm', 'university'])[1 + i % 2] AS kind FROM range(200000) r(i)",
    );
    await store.connection.run('CHECKPOINT');
    const used = (
      await store.connection.runAndReadAll("SELECT DISTINCT compression FROM pragma_storage_info('t')")
    ).getRows();
    expect(used.flat()).not.toContain('Uncompressed');
    expect(await setting(store)).toBe('');
  });
});
