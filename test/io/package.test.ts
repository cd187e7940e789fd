/** The package reader's reports on malformed CSV files: line, column and reason, not DuckDB's bare line. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { readPackage } from '../../src/io/package.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore } from '../../src/store/store.ts';
import { tempDir } from '../helpers.ts';

async function problems(organisations: string): Promise<string[]> {
  const dir = join(tempDir(), 'pkg');
  mkdirSync(dir);
  writeFileSync(join(dir, 'organisations.csv'), organisations);
  const store = await openStore(':memory:');
  try {
    const e = await importSource(store, 'package', dir, readPackage).catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).issues.map((i) => {
      expect(i.file).toBe(join(dir, 'organisations.csv'));
      return `${i.line} ${i.column}: ${i.reason}`;
    });
  } finally {
    store.close();
  }
}

describe('malformed CSV in a package', () => {
  it('an unclosed quote: the line where it opens and its column', async () => {
    expect(await problems('id,name,kind\na,"Alpha,sme\nb,Beta,sme\n')).toEqual([
      '2 name: malformed CSV: a quoted field is never closed',
    ]);
  });

  it('a short row: the first missing column', async () => {
    expect(await problems('id,name,kind\na,Alpha,sme\nb,Beta\n')).toEqual([
      '3 kind: malformed CSV: 2 fields where the header has 3',
    ]);
  });

  it('a long row: the first field past the header', async () => {
    expect(await problems('id,name,kind\na,Alpha,sme,extra\n')).toEqual([
      '2 field 4: malformed CSV: 4 fields where the header has 3',
    ]);
  });

  it('mixed separators: says which separator the row uses', async () => {
    expect(await problems('id,name,kind\na,Alpha,sme\nb;Beta;sme\n')).toEqual([
      '3 name: malformed CSV: 1 field where the header has 3 (the header is separated by commas, this row by semicolons)',
    ]);
  });

  it('a quote inside quotes that is not doubled', async () => {
    expect(await problems('id,name,kind\na,Alpha,sme\nb,"Beta "B" Ltd",sme\n')).toEqual([
      '3 null: malformed CSV: a quote inside a quoted field is not doubled (write "" for a quote inside quotes)',
    ]);
  });

  it('counts lines inside quoted fields that span lines', async () => {
    expect(await problems('id,name,kind\na,"Alpha\nLtd",sme\nb,Beta\n')).toEqual([
      '4 kind: malformed CSV: 2 fields where the header has 3',
    ]);
  });
});
