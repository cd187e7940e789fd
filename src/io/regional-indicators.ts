/**
 * Regional context: NUTS-2 indicator tables (one row per NUTS-2 region, one numeric column per
 * indicator), such as the Eurostat figures packaged as `nuts2-indicators.csv` (233 EU NUTS-2
 * regions). Header names are matched case-insensitively. The id column (`id`, `nuts`, `nuts_id`,
 * `nuts2`, `geo` or `code`) holds NUTS-2 codes; `name` is the region's name (a leading "CODE - " is
 * dropped); `region` (a row number in that file) is not an indicator; every other column is.
 * Missing values (blank, `NA`, `:`) are null. The year of such figures is whatever the table says;
 * nuts2-indicators.csv does not say it (two-year averages, year not documented).
 *
 * `regionContext` gives a study region the values of the NUTS-2 region(s) holding its NUTS codes.
 * See docs/acquisitions.md.
 */
import { readFileSync } from 'node:fs';
import type { RegionDefinition } from '../dataset/regions.ts';
import { type InputIssue, UsageError } from '../errors.ts';
import { nutsLevel } from '../model/index.ts';
import type { Cell, FamilyReport, Indicator, MeasureTable } from '../model/results.ts';
import { indicator, notAvailable } from '../model/results.ts';
import { detectDelimiter, findInvalidUtf8, headerKey, parseCsvText } from './text.ts';

/**
 * What the columns of nuts2-indicators.csv hold, as documented where the table was packaged
 * (fabiosepulveda/INDEX, R/NUTS2.R, data from Eurostat). Units as given there.
 */
export const NUTS2_INDICATOR_DOCS: Readonly<Record<string, string>> = {
  munemp: 'male unemployment rate, ages 20–64 (%)',
  funemp: 'female unemployment rate, ages 20–64 (%)',
  migrant: 'crude rate of net migration plus statistical adjustment',
  assault: 'deaths by assault and homicide per 100,000 inhabitants (crude death rate)',
  tertiary: 'people aged 25–64 who completed tertiary education (ISCED 2011 levels 5–8), % of that age group',
  hrht: 'human resources in science and technology: persons employed in science and technology, % of the active population',
  rcd: 'registered community designs per billion GDP (purchasing power standards)',
  gdp_gini:
    'regional GDP per inhabitant (purchasing power standards) adjusted by the country Gini index of disposable household income',
};

export interface RegionalIndicatorTable {
  file: string;
  /** Indicator columns, lower-case, in file order. */
  columns: string[];
  /** NUTS-2 code → indicator values (null when missing). */
  rows: Map<string, Record<string, number | null>>;
  /** NUTS-2 code → name, when the table has a name column. */
  names: Map<string, string>;
  /** Problems: the table is unusable when there are any. */
  issues: InputIssue[];
}

const ID_COLUMNS = ['id', 'nuts', 'nutsid', 'nuts2', 'nutscode', 'geo', 'code'];
const NOT_INDICATORS = new Set(['region', 'name', 'label', 'index']);
const MISSING = new Set(['', 'na', 'n/a', ':', '-']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a NUTS-2 indicator table. Never throws on content: a missing id column, a code that is not
 * NUTS-2, a repeated code or text in an indicator column become issues with file, line and column.
 * Cost O(size of the file).
 * Example: on nuts2-indicators.csv, rows.get('DE21').hrht → 45.35 (Oberbayern).
 */
export function readRegionalIndicators(path: string): RegionalIndicatorTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError('io/regional-indicators', `cannot read ${path}`);
  }
  const out: RegionalIndicatorTable = {
    file: path,
    columns: [],
    rows: new Map(),
    names: new Map(),
    issues: [],
  };
  const bad = findInvalidUtf8(bytes);
  if (bad) {
    out.issues.push({
      file: path,
      line: bad.line,
      column: `byte ${bad.column}`,
      reason: 'not valid UTF-8 (save the file as UTF-8)',
    });
    return out;
  }
  const text = bytes.toString('utf8');
  const nl = text.indexOf('\n');
  const headerLine = (nl < 0 ? text : text.slice(0, nl)).replace(/^\ufeff/, '');
  if (headerLine.trim() === '') {
    out.issues.push({
      file: path,
      line: 1,
      column: null,
      reason: 'empty file: the first line must name the columns',
    });
    return out;
  }
  const csv = parseCsvText(text, detectDelimiter(headerLine));
  for (const p of csv.problems)
    out.issues.push({ file: path, line: p.line, column: p.column, reason: p.reason });
  const keys = csv.header.map(headerKey);
  const idCol = keys.findIndex((k) => ID_COLUMNS.includes(k));
  if (idCol < 0) {
    out.issues.push({
      file: path,
      line: 1,
      column: 'id',
      reason: `no column of NUTS-2 codes (expected one named ${ID_COLUMNS.join(', ')})`,
    });
    return out;
  }
  const nameCol = keys.indexOf('name');
  const indicatorCols: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    if (k !== idCol && !NOT_INDICATORS.has(keys[k]) && keys[k] !== '') indicatorCols.push(k);
  }
  out.columns = indicatorCols.map((k) => csv.header[k].trim().toLowerCase());
  if (out.issues.length > 0) return out;
  const firstLine = new Map<string, number>();
  for (const r of csv.records) {
    const code = (r.fields[idCol] ?? '').trim().toUpperCase();
    if (code === '') {
      out.issues.push({ file: path, line: r.line, column: csv.header[idCol], reason: 'missing NUTS-2 code' });
      continue;
    }
    if (nutsLevel(code) !== 2) {
      out.issues.push({
        file: path,
        line: r.line,
        column: csv.header[idCol],
        reason: `not a NUTS-2 code: '${code}' (expected a country code and two characters, e.g. DE21)`,
      });
      continue;
    }
    const earlier = firstLine.get(code);
    if (earlier !== undefined) {
      out.issues.push({
        file: path,
        line: r.line,
        column: csv.header[idCol],
        reason: `duplicate NUTS-2 code '${code}' (first at line ${earlier})`,
      });
      continue;
    }
    firstLine.set(code, r.line);
    const values: Record<string, number | null> = {};
    indicatorCols.forEach((k, j) => {
      const raw = (r.fields[k] ?? '').trim();
      if (MISSING.has(raw.toLowerCase())) values[out.columns[j]] = null;
      else if (NUMBER.test(raw)) values[out.columns[j]] = Number(raw);
      else {
        values[out.columns[j]] = null;
        out.issues.push({
          file: path,
          line: r.line,
          column: csv.header[k],
          reason: `not a number: '${raw}'`,
        });
      }
    });
    out.rows.set(code, values);
    if (nameCol >= 0) {
      const name = (r.fields[nameCol] ?? '').trim().replace(/^[A-Z]{2}[0-9A-Z]{2}\s*-\s*/, '');
      if (name !== '') out.names.set(code, name);
    }
  }
  return out;
}

const MEASURE = 'context.nuts2-indicators';
const DESCRIPTION =
  "Regional indicators of the NUTS-2 region(s) holding the study region's NUTS codes; with several, an unweighted mean.";

/**
 * The regional context of a study region: the indicator values of the NUTS-2 regions that hold its
 * NUTS codes (a NUTS-3 code's NUTS-2 parent is its first four characters; a NUTS-0 or NUTS-1 code
 * brings every NUTS-2 region of the table inside it). One row per NUTS-2 region found; when there
 * are several, a last row `mean` holds the unweighted mean of each indicator over the regions that
 * have a value (not weighted by population or workforce). Indicators `context.<column>` carry the
 * single region's value or that mean. Not available when the region has no NUTS codes or none of its
 * NUTS-2 regions is in the table. Cost O(k·c) for k NUTS codes and c columns (O(r·c) for NUTS-0/1).
 * Example: Randstad (NL31, NL32, NL33) on nuts2-indicators.csv → hrht 49.95, 46.25, 42.8, mean 46.333….
 */
export function regionContext(
  table: RegionalIndicatorTable,
  region: Pick<RegionDefinition, 'id' | 'nuts'>,
): FamilyReport {
  const family = 'regional-context';
  const none = (reason: string): FamilyReport => ({
    family,
    tables: [notAvailable(MEASURE, DESCRIPTION, reason)],
    indicators: table.columns.map((c) => indicator(`context.${c}`, null, undefined, reason)),
  });
  if (table.issues.length > 0)
    return none(`the indicator table ${table.file} has problems (${table.issues.length})`);
  if (region.nuts.length === 0) return none(`region '${region.id}' has no NUTS codes`);
  const found: string[] = [];
  const missing: string[] = [];
  for (const raw of region.nuts) {
    const code = raw.trim().toUpperCase();
    const level = nutsLevel(code);
    if (level === null) {
      missing.push(code);
      continue;
    }
    const inside = level >= 2 ? [code.slice(0, 4)] : [...table.rows.keys()].filter((k) => k.startsWith(code));
    const present = inside.filter((k) => table.rows.has(k));
    if (present.length === 0) missing.push(code);
    for (const k of present) if (!found.includes(k)) found.push(k);
  }
  const countries = new Set([...table.rows.keys()].map((k) => k.slice(0, 2)));
  if (found.length === 0) {
    const absent = [...new Set(region.nuts.map((c) => c.trim().toUpperCase().slice(0, 2)))].filter(
      (c) => !countries.has(c),
    );
    return none(
      `none of region '${region.id}''s NUTS-2 regions (${region.nuts.join(', ')}) is in ${table.file}${absent.length ? ` (the table has no region of ${absent.join(', ')})` : ''}`,
    );
  }
  found.sort();
  const rows: Cell[][] = found.map((k) => [
    k,
    table.names.get(k) ?? null,
    ...table.columns.map((c) => table.rows.get(k)![c]),
  ]);
  const means = table.columns.map((c) => {
    let sum = 0;
    let n = 0;
    for (const k of found) {
      const v = table.rows.get(k)![c];
      if (v !== null) {
        sum += v;
        n++;
      }
    }
    return n > 0 ? sum / n : null;
  });
  if (found.length > 1) rows.push(['mean', null, ...means]);
  const notes: string[] = [];
  if (found.length > 1)
    notes.push(
      `the row 'mean' is the unweighted mean over ${found.length} NUTS-2 regions (not weighted by size)`,
    );
  if (missing.length > 0) notes.push(`not in the table: ${missing.join(', ')}`);
  const result: MeasureTable = {
    measure: MEASURE,
    description: DESCRIPTION,
    columns: ['nuts2', 'name', ...table.columns],
    rows,
    notes,
  };
  const indicators: Indicator[] = table.columns.map((c, j) =>
    indicator(`context.${c}`, means[j], undefined, `no value of ${c} for ${found.join(', ')}`),
  );
  return { family, tables: [result], indicators };
}
