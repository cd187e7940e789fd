/**
 * NUTS (Nomenclature of Territorial Units for Statistics) codes: a two-letter country code followed
 * by one character per level, so the level is the length minus two (`DE` 0, `DE2` 1, `DE21` 2,
 * `DE212` 3). Eurostat uses `EL` for Greece and `UK` for the United Kingdom. Source: Regulation (EC)
 * No 1059/2003 and its amendments; NUTS 2021.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';

export const NUTS_PATTERN = /^[A-Z]{2}[0-9A-Z]{0,3}$/;

/** Level 0–3 of a well-formed NUTS code, or null when the code is malformed. Extra-regio `ZZ` codes count. */
export function nutsLevel(code: string): number | null {
  return NUTS_PATTERN.test(code) ? code.length - 2 : null;
}

/** The ancestor of a code at a coarser level: nutsAncestor('DE212', 1) → 'DE2'. */
export function nutsAncestor(code: string, level: number): string {
  return code.slice(0, 2 + level);
}

/** SQL (DuckDB) regular expression equal to NUTS_PATTERN, for validation inside the store. */
export const NUTS_SQL_PATTERN = '^[A-Z]{2}[0-9A-Z]{0,3}$';

// ---------------------------------------------------------------------------------------------
// The NUTS 2021 code list

export interface NutsCode {
  level: number;
  country: string;
  name: string;
}

export type NutsCodeList = ReadonlyMap<string, NutsCode>;

/**
 * The NUTS 2021 code list shipped with Milieu (`regions/nuts2021-codes.csv`: code, level, country,
 * Latin-script name of all 2,010 codes; Eurostat's classification, © European Union, reused with
 * attribution — see `regions/README.md`).
 */
export const NUTS_2021_CODES_PATH = fileURLToPath(
  new URL('../../regions/nuts2021-codes.csv', import.meta.url),
);

let nuts2021: NutsCodeList | null = null;

/** The shipped NUTS 2021 code list, read once. */
export function nuts2021Codes(): NutsCodeList {
  nuts2021 ??= loadNutsCodes(NUTS_2021_CODES_PATH);
  return nuts2021;
}

/**
 * Reads a NUTS code list: a CSV with columns `NUTS_ID`, `LEVL_CODE`, `CNTR_CODE` and a name
 * (`NAME_LATN`, else `NUTS_NAME`), like Eurostat's `nuts2021-codes.csv` or the shipped list.
 */
export function loadNutsCodes(path: string): NutsCodeList {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  } catch (e) {
    throw new UsageError('regions', `cannot read the NUTS code list ${path}: ${(e as Error).message}`);
  }
  const records = csvRecords(text);
  const header = records[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const id = col('NUTS_ID');
  const level = col('LEVL_CODE');
  const country = col('CNTR_CODE');
  const name = col('NAME_LATN') >= 0 ? col('NAME_LATN') : col('NUTS_NAME');
  if (id < 0 || name < 0)
    throw new UsageError('regions', `${path}: expected the columns NUTS_ID and NAME_LATN (or NUTS_NAME)`);
  const out = new Map<string, NutsCode>();
  for (const f of records.slice(1)) {
    const code = f[id];
    if (!code) continue;
    out.set(code, {
      level: level >= 0 ? Number(f[level]) : code.length - 2,
      country: country >= 0 ? f[country] : code.slice(0, 2),
      name: f[name].replace(/\s+/g, ' ').trim(),
    });
  }
  return out;
}

/** Comma-separated records with double-quoted fields, which may hold commas, quotes (doubled) and newlines. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
