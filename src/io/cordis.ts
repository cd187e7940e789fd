/**
 * Reader for CORDIS (EU Framework Programme) participation data, parsed in JS. Two layouts are
 * recognised by the file names in the folder (case-insensitive):
 *
 * - official: the CORDIS exports users download, `organization.csv` (one row per participation,
 *   with the organisation's details) and `project.csv`; `;`-separated, quoted.
 * - republished: `h2020-participations.csv.gz` (one row per participation, `NA` for missing values)
 *   joined on the PIC with `h2020-organisations-2017.csv` and `fp7-organisations.csv` for names and
 *   cities, plus `h2020-programme-parts.csv.gz` for each project's programme part.
 *
 * Only organisations that take part in a project become rows. Every row remembers the file and line
 * it comes from (`provenance`), so that staging and validation can point at it. Values that do not
 * parse (text in a number column) are kept as the original text for the store's validator.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RawTable, Value } from '../dataset/raw.ts';
import { type InputIssue, UsageError } from '../errors.ts';
import { NUTS_PATTERN, type OrganisationKind, type PARTICIPATION_ROLES, type TableName } from '../model/index.ts';
import { appendStaged } from '../store/stage.ts';
import type { Progress, ReadContext, Reader, ReadSummary } from './reader.ts';
import { detectDelimiter, findInvalidUtf8, hashFiles, headerKey, repairDoubleUtf8, splitCsvLine } from './text.ts';

type Role = (typeof PARTICIPATION_ROLES)[number];

/** Where each row of a table comes from. */
export interface Provenance {
  /** The files read, in reading order (shared by the three tables). */
  files: string[];
  /** Per row: index into `files`. */
  file: Uint16Array;
  /** Per row: 1-based line of the file where the row's record starts (the header is line 1). */
  line: Int32Array;
}

/** A raw table whose rows know their source file and line. */
export interface CordisTable extends RawTable {
  provenance: Provenance;
}

export interface CordisTables {
  organisations: CordisTable;
  projects: CordisTable;
  participations: CordisTable;
}

export interface CordisStats {
  layout: 'official' | 'republished' | 'none';
  /** Participation rows read, before duplicate (project, organisation) pairs are merged. */
  participationRows: number;
  /** Rows merged into an earlier row with the same (project, organisation) pair. */
  duplicateRows: number;
  organisations: number;
  projects: number;
  participations: number;
  /** Participations whose organisation has a locality. */
  participationsWithCity: number;
}

export interface CordisResult {
  tables: CordisTables;
  /** Files read, in reading order. */
  files: string[];
  /** What the user should know about the source (rows merged or left out, values dropped). */
  notes: string[];
  /** Problems that make a file unreadable; when there are any the tables are not to be imported. */
  issues: InputIssue[];
  stats: CordisStats;
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Columns of a parsed CSV text. */
export interface CsvColumns {
  /** Header fields as written. */
  header: string[];
  /** Values of the requested fields the header has, keyed by the requested name; absent fields are missing. */
  columns: Record<string, string[]>;
  /** Per record: the line where it starts (the header is line 1). */
  lines: Int32Array;
  rowCount: number;
  /** Malformed records (wrong field count, unclosed quote, text after a closing quote); the first 20. */
  problems: { line: number; reason: string }[];
  problemCount: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const MAX_PROBLEMS = 20;

/**
 * Parses CSV text (RFC 4180: `"` quotes, doubled inside; separators and newlines inside quotes;
 * `\n` or `\r\n` line ends) and returns only the requested fields, matched on the header with
 * headerKey. A leading BOM and blank lines are skipped. Records without quotes take a fast path
 * that finds fields with indexOf; a quote that does not open a field is kept as text.
 * Example: parseCsvColumns('a;b\n"x;1";2\n', ';', ['b']).columns.b → ['2'].
 */
export function parseCsvColumns(text: string, delimiter: string, fields: readonly string[]): CsvColumns {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Position of the next quote at or after the current record, n when there is none.
  let nextQuote = -1;
  let sinks: (string[] | null)[] = [];
  let collect: string[] | null = null;
  let fieldCount = 0;
  const problems: { line: number; reason: string }[] = [];
  let problemCount = 0;
  const problem = (at: number, reason: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line: at, reason });
  };
  const put = (f: number, value: string) => {
    if (collect !== null) collect.push(value);
    else if (f < sinks.length) sinks[f]?.push(value);
  };
  const newlines = (from: number, to: number) => {
    let count = 0;
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
    return count;
  };
  // End of an unquoted field: the next separator, `\n`, `\r\n` or the end of the text.
  const fieldEnd = (from: number) => {
    let i = from;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === delim || c === LF) break;
      if (c === CR && (i + 1 === n || text.charCodeAt(i + 1) === LF)) break;
    }
    return i;
  };

  const quotedRecord = (start: number): number => {
    let i = start;
    let f = 0;
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        let s = i + 1;
        value = '';
        for (;;) {
          const q = text.indexOf('"', s);
          if (q < 0) {
            problem(fieldLine, 'a quoted field is never closed');
            value += text.slice(s);
            line += newlines(i, n);
            i = n;
            break;
          }
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(s, q + 1);
            s = q + 2;
            continue;
          }
          value += text.slice(s, q);
          line += newlines(i, q);
          i = q + 1;
          break;
        }
        if (i < n) {
          const c = text.charCodeAt(i);
          const ends = c === delim || c === LF || (c === CR && (i + 1 === n || text.charCodeAt(i + 1) === LF));
          if (!ends) {
            const e = fieldEnd(i);
            problem(line, `text after a closing quote: ${JSON.stringify(text.slice(i, Math.min(e, i + 20)))}`);
            value += text.slice(i, e);
            i = e;
          }
        }
      } else {
        const e = fieldEnd(i);
        value = text.slice(i, e);
        i = e;
      }
      put(f++, value);
      if (i >= n) {
        fieldCount = f;
        return n;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      i += c === CR ? 2 : 1;
      fieldCount = f;
      line++;
      return i;
    }
  };

  // Reads the record starting at `start`; returns the position after it.
  const record = (start: number): number => {
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = n;
    if (nextQuote < start) {
      nextQuote = text.indexOf('"', start);
      if (nextQuote < 0) nextQuote = n;
    }
    if (nextQuote < lineEnd) return quotedRecord(start);
    let end = lineEnd;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    let f = 0;
    let s = start;
    for (;;) {
      let e = text.indexOf(delimiter, s);
      if (e < 0 || e > end) e = end;
      put(f++, text.slice(s, e));
      if (e === end) break;
      s = e + 1;
    }
    fieldCount = f;
    line++;
    return lineEnd + 1;
  };

  const header: string[] = [];
  if (pos < n) {
    collect = header;
    pos = record(pos);
    collect = null;
  }
  const headerKeys = header.map(headerKey);
  sinks = header.map(() => null);
  const columns: Record<string, string[]> = {};
  for (const name of fields) {
    const index = headerKeys.indexOf(headerKey(name));
    if (index < 0) continue;
    sinks[index] ??= [];
    columns[name] = sinks[index];
  }
  const expected = header.length;
  const lines: number[] = [];
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === LF || (c === CR && (pos + 1 === n || text.charCodeAt(pos + 1) === LF))) {
      pos += c === CR ? 2 : 1;
      line++;
      continue;
    }
    const recordLine = line;
    pos = record(pos);
    lines.push(recordLine);
    if (fieldCount !== expected) {
      problem(recordLine, `${fieldCount} fields where the header has ${expected}`);
      for (let f = fieldCount; f < expected; f++) sinks[f]?.push('');
    }
  }
  return { header, columns, lines: Int32Array.from(lines), rowCount: lines.length, problems, problemCount };
}

// ---------------------------------------------------------------------------------------------
// Values

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d*,\d+$/;

/** A number from `12345.5`, `12345,5` or `1.2E5`; null when blank or `NA`; the original text otherwise. */
export function parseNumber(raw: string | undefined): number | string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (s === '' || s === 'NA') return null;
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (COMMA_DECIMAL.test(s)) return Number(s.replace(',', '.'));
  return raw;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[ T])/;

/** `YYYY-MM-DD` from a date or date-time; null when blank or `NA`; the original text otherwise. */
function parseDate(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (s === '' || s === 'NA') return null;
  const m = ISO_DATE.exec(s);
  return m ? m[1] : raw;
}

/** True/false from `true`/`false`/`1`/`0` (any case); null when blank; the original text otherwise. */
function parseFlag(raw: string | undefined): boolean | string | null {
  if (raw === undefined) return null;
  const s = raw.trim().toLowerCase();
  if (s === '' || s === 'na') return null;
  if (s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no') return false;
  return raw;
}

/** Trimmed text, null when blank. `NA` is kept: it is also Namibia's country code. */
function text(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  return s === '' ? null : s;
}

/** Trimmed text with double-encoded UTF-8 repaired, null when blank or `NA`. */
function label(raw: string | undefined): string | null {
  const s = text(raw);
  return s === null || s === 'NA' ? null : repairDoubleUtf8(s);
}

/** A name; the FP7 list quotes some names twice (`"ACME ""X"" SRL"`), so one layer of quoting is undone. */
function cleanName(raw: string | undefined): string | null {
  let s = label(raw);
  if (s !== null && s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    s = s.slice(1, -1).replaceAll('""', '"').trim();
  }
  return s === '' ? null : s;
}

const MISSING_WORDS = new Set(['-', '--', '.', 'na', 'n/a', 'n.a.', 'none', 'null', 'nil', 'not applicable']);
const LETTER = /\p{L}/u;

/** A city name, or null for blanks, placeholders (`-`, `N/A`) and text without letters (a postcode). */
function cleanCity(raw: string | undefined): string | null {
  const s = label(raw);
  if (s === null || MISSING_WORDS.has(s.toLowerCase()) || !LETTER.test(s)) return null;
  return s;
}

const POSTCODE_LIKE = /\d/;

/**
 * The city of an FP7 address "street, city, postcode" (parts may be quoted when they contain a
 * comma). With three or more parts the last is the postcode slot, whatever it holds (a code, `-`,
 * `N/A`, a county), so the city is the second-to-last; with two parts the city is the first when
 * the last looks like a postcode (has a digit), else the last.
 * Example: cityFromAddress('Parc des Cèdres, Vourles, 69390') → 'Vourles'.
 */
export function cityFromAddress(address: string | undefined): string | null {
  const s = text(address);
  if (s === null) return null;
  const parts = splitCsvLine(s, ',').map((p) => p.trim());
  let city: string;
  if (parts.length >= 3) city = parts[parts.length - 2];
  else if (parts.length === 2) city = POSTCODE_LIKE.test(parts[1]) || MISSING_WORDS.has(parts[1].toLowerCase()) ? parts[0] : parts[1];
  else city = parts[0];
  return cleanCity(city);
}

const ROLES: Record<string, Role> = {
  coordinator: 'coordinator',
  participant: 'participant',
  beneficiary: 'participant',
  partner: 'partner',
  associatedpartner: 'partner',
  internationalpartner: 'partner',
  thirdparty: 'third-party',
};

/** A CORDIS role in the vocabulary's words; null when blank; `other` (counted) when unknown. */
function mapRole(raw: string | undefined, unknown: Map<string, number>): Role | null {
  const s = text(raw);
  if (s === null || s === 'NA') return null;
  const role = ROLES[headerKey(s)];
  if (role !== undefined) return role;
  unknown.set(s, (unknown.get(s) ?? 0) + 1);
  return 'other';
}

/** Organisation kind from a CORDIS activity type and SME flag; unknown or missing types are `other`. */
function kindOf(type: string | null, sme: boolean | string | null): OrganisationKind {
  switch (type?.toUpperCase()) {
    case 'HES':
      return 'university';
    case 'REC':
      return 'research-institute';
    case 'PRC':
      return sme === true ? 'sme' : 'firm';
    case 'PUB':
      return 'public-body';
    default:
      return 'other';
  }
}

const KNOWN_TYPES = new Set(['HES', 'REC', 'PRC', 'PUB', 'OTH']);

function activityType(raw: string | undefined): string | null {
  const s = text(raw);
  return s === null || s === 'NA' ? null : s.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Table building

const ORGANISATION_COLUMNS = ['id', 'name', 'kind', 'country', 'nuts', 'locality', 'lat', 'lon', 'sme'] as const;
const PROJECT_COLUMNS = ['id', 'acronym', 'programme', 'start', 'end', 'cost'] as const;

interface Organisation {
  id: string;
  file: number;
  line: number;
  type: string | null;
  /** Set when the rows give more than one activity type. */
  otherType: boolean;
  sme: boolean | string | null;
  country: string | null;
  /** Country counts, created when a second country turns up. */
  countries: Map<string, number> | null;
  name: string | null;
  locality: string | null;
  nuts: string | null;
  lat: number | string | null;
  lon: number | string | null;
}

function newOrganisation(id: string, file: number, line: number): Organisation {
  return {
    id,
    file,
    line,
    type: null,
    otherType: false,
    sme: null,
    country: null,
    countries: null,
    name: null,
    locality: null,
    nuts: null,
    lat: null,
    lon: null,
  };
}

function countCountry(org: Organisation, country: string | null): void {
  if (country === null) return;
  if (org.country === null) {
    org.country = country;
    return;
  }
  if (org.countries === null) {
    if (country === org.country) return;
    org.countries = new Map([[org.country, 1]]);
  }
  org.countries.set(country, (org.countries.get(country) ?? 0) + 1);
}

function setType(org: Organisation, type: string | null): void {
  if (type === null) return;
  if (org.type === null) org.type = type;
  else if (org.type !== type) org.otherType = true;
}

/** The most frequent country of an organisation's rows (the first seen on a tie). */
function mainCountry(org: Organisation): string | null {
  if (org.countries === null) return org.country;
  let best = org.country;
  let bestCount = 0;
  for (const [c, k] of org.countries) {
    if (k > bestCount) {
      best = c;
      bestCount = k;
    }
  }
  return best;
}

/** Participation rows, merged on (project, organisation). */
class Participations {
  readonly project: (string | null)[] = [];
  readonly organisation: (string | null)[] = [];
  readonly role: (Role | null)[] = [];
  readonly contribution: (number | string | null)[] = [];
  readonly file: number[] = [];
  readonly line: number[] = [];
  readonly unknownRoles = new Map<string, number>();
  rows = 0;
  duplicates = 0;
  readonly examples: string[] = [];
  private readonly index = new Map<string, number>();

  add(
    file: number,
    fileName: string,
    line: number,
    project: string | null,
    organisation: string | null,
    role: Role | null,
    contribution: number | string | null,
  ): void {
    this.rows++;
    if (project !== null && organisation !== null) {
      const key = `${project}\u0000${organisation}`;
      const first = this.index.get(key);
      if (first !== undefined) {
        this.duplicates++;
        if (this.examples.length < 5) {
          this.examples.push(
            `project ${project} / organisation ${organisation} at ${basename(fileName)}:${line} (first at line ${this.line[first]})`,
          );
        }
        const sum = this.contribution[first];
        if (typeof contribution === 'number') {
          if (sum === null) this.contribution[first] = contribution;
          else if (typeof sum === 'number') this.contribution[first] = sum + contribution;
        }
        return;
      }
      this.index.set(key, this.project.length);
    }
    this.project.push(project);
    this.organisation.push(organisation);
    this.role.push(role);
    this.contribution.push(contribution);
    this.file.push(file);
    this.line.push(line);
  }

  notes(): string[] {
    const out: string[] = [];
    if (this.duplicates > 0) {
      out.push(
        `${this.duplicates} participation row(s) repeat an (organisation, project) pair: kept the first row of each pair and summed the contributions (e.g. ${this.examples.join('; ')})`,
      );
    }
    if (this.unknownRoles.size > 0) {
      const list = [...this.unknownRoles].map(([r, k]) => `'${r}' ×${k}`).join(', ');
      out.push(`unknown participation roles stored as 'other': ${list}`);
    }
    return out;
  }

  table(files: string[]): CordisTable {
    return {
      rowCount: this.project.length,
      columns: {
        project: this.project,
        organisation: this.organisation,
        role: this.role,
        contribution: this.contribution,
      },
      provenance: { files, file: Uint16Array.from(this.file), line: Int32Array.from(this.line) },
    };
  }
}

function organisationTable(orgs: Map<string, Organisation>, files: string[]): CordisTable {
  const columns: Record<string, Value[]> = Object.fromEntries(ORGANISATION_COLUMNS.map((c) => [c, []]));
  const file = new Uint16Array(orgs.size);
  const line = new Int32Array(orgs.size);
  let i = 0;
  for (const org of orgs.values()) {
    columns.id.push(org.id);
    columns.name.push(org.name);
    columns.kind.push(kindOf(org.type, org.sme));
    columns.country.push(mainCountry(org));
    columns.nuts.push(org.nuts);
    columns.locality.push(org.locality);
    columns.lat.push(org.lat);
    columns.lon.push(org.lon);
    columns.sme.push(org.sme);
    file[i] = org.file;
    line[i] = org.line;
    i++;
  }
  return { rowCount: orgs.size, columns, provenance: { files, file, line } };
}

interface Project {
  id: string;
  file: number;
  line: number;
  acronym: string | null;
  programme: string | null;
  start: string | null;
  end: string | null;
  cost: number | string | null;
}

function projectTable(projects: Project[], files: string[]): CordisTable {
  const columns: Record<string, Value[]> = Object.fromEntries(PROJECT_COLUMNS.map((c) => [c, []]));
  for (const p of projects) {
    columns.id.push(p.id);
    columns.acronym.push(p.acronym);
    columns.programme.push(p.programme);
    columns.start.push(p.start);
    columns.end.push(p.end);
    columns.cost.push(p.cost);
  }
  return {
    rowCount: projects.length,
    columns,
    provenance: {
      files,
      file: Uint16Array.from(projects, (p) => p.file),
      line: Int32Array.from(projects, (p) => p.line),
    },
  };
}

function emptyTable(columns: readonly string[], files: string[]): CordisTable {
  return {
    rowCount: 0,
    columns: Object.fromEntries(columns.map((c) => [c, []])),
    provenance: { files, file: new Uint16Array(0), line: new Int32Array(0) },
  };
}

// ---------------------------------------------------------------------------------------------
// Files

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A file's text (gunzipped when it ends in `.gz`), or the issue that makes it unreadable. */
function readText(file: string): { text: string } | { issue: InputIssue } {
  let bytes: Uint8Array = readFileSync(file);
  if (/\.gz$/i.test(file)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      return { issue: { file, line: null, column: null, reason: `not a readable gzip file: ${(e as Error).message}` } };
    }
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const bad = findInvalidUtf8(bytes);
    return {
      issue: {
        file,
        line: bad?.line ?? null,
        column: bad ? `byte ${bad.column}` : null,
        reason: 'not valid UTF-8 (save the file as UTF-8)',
      },
    };
  }
}

interface CsvFile {
  file: string;
  csv: CsvColumns;
}

/**
 * Reads and parses one CSV file for the given fields; the separator is detected on the header line.
 * Missing required fields and malformed records become issues.
 */
function readCsv(
  file: string,
  fields: readonly string[],
  required: readonly string[],
  issues: InputIssue[],
): CsvFile | null {
  const read = readText(file);
  if ('issue' in read) {
    issues.push(read.issue);
    return null;
  }
  const { text: content } = read;
  const firstNewline = content.indexOf('\n');
  const headerLine = (firstNewline < 0 ? content : content.slice(0, firstNewline)).replace(/^\ufeff/, '');
  if (headerLine.trim() === '') {
    issues.push({ file, line: 1, column: null, reason: 'empty file: the first line must name the columns' });
    return null;
  }
  const csv = parseCsvColumns(content, detectDelimiter(headerLine), fields);
  let ok = true;
  for (const name of required) {
    if (csv.columns[name] === undefined) {
      issues.push({ file, line: 1, column: name, reason: 'required column is missing' });
      ok = false;
    }
  }
  for (const p of csv.problems) issues.push({ file, line: p.line, column: null, reason: `malformed CSV: ${p.reason}` });
  if (csv.problemCount > csv.problems.length) {
    issues.push({
      file,
      line: null,
      column: null,
      reason: `malformed CSV: ${csv.problemCount - csv.problems.length} more malformed records`,
    });
  }
  return ok && csv.problemCount === 0 ? { file, csv } : null;
}

/** The first of `names` the file has, for alternative header spellings. */
function pick(csv: CsvColumns, ...names: string[]): string[] | undefined {
  for (const name of names) if (csv.columns[name] !== undefined) return csv.columns[name];
  return undefined;
}

interface Layout {
  kind: 'official' | 'republished' | 'none';
  organisation?: string;
  project?: string;
  participations?: string;
  h2020Organisations?: string;
  fp7Organisations?: string;
  programmeParts?: string;
}

const PATTERNS = {
  participations: /participations?\.csv(\.gz)?$/i,
  h2020Organisations: /^h2020-organi[sz]ations.*\.csv(\.gz)?$/i,
  fp7Organisations: /^fp7-organi[sz]ations.*\.csv(\.gz)?$/i,
  programmeParts: /programme-parts?\.csv(\.gz)?$/i,
  organisation: /(^|[-_])organi[sz]ations?\.csv(\.gz)?$/i,
  project: /(^|[-_])projects?\.csv(\.gz)?$/i,
};

/** Which files of a folder (or which single file) make up which layout. */
function findLayout(path: string): Layout {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError('io/cordis', `no such file or folder: ${path}`);
  }
  const files = st.isDirectory()
    ? readdirSync(path)
        .sort()
        .map((f) => join(path, f))
    : [path];
  const find = (pattern: RegExp) => files.find((f) => pattern.test(basename(f)));
  const participations = find(PATTERNS.participations);
  if (participations !== undefined) {
    return {
      kind: 'republished',
      participations,
      programmeParts: find(PATTERNS.programmeParts),
      h2020Organisations: find(PATTERNS.h2020Organisations),
      fp7Organisations: find(PATTERNS.fp7Organisations),
    };
  }
  const organisation = find(PATTERNS.organisation);
  if (organisation !== undefined) return { kind: 'official', organisation, project: find(PATTERNS.project) };
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Layouts

interface Parsed {
  organisations: Map<string, Organisation>;
  projects: Project[];
  participations: Participations;
  notes: string[];
}

const pct = (k: number, n: number) => `${n === 0 ? 0 : ((100 * k) / n).toFixed(1)}%`;

/** Official exports: organization.csv (participations with organisation details) and project.csv. */
function parseOfficial(layout: Layout, files: string[], issues: InputIssue[], progress: (file: string) => void): Parsed | null {
  const orgFile = layout.organisation!;
  progress(orgFile);
  const orgCsv = readCsv(
    orgFile,
    [
      'projectID',
      'projectAcronym',
      'organisationID',
      'organizationID',
      'id',
      'name',
      'SME',
      'activityType',
      'city',
      'country',
      'nutsCode',
      'geolocation',
      'role',
      'ecContribution',
      'netEcContribution',
    ],
    [],
    issues,
  );
  files.push(orgFile);
  let projCsv: CsvFile | null = null;
  if (layout.project !== undefined) {
    progress(layout.project);
    projCsv = readCsv(
      layout.project,
      ['id', 'projectID', 'acronym', 'startDate', 'endDate', 'totalCost', 'legalBasis', 'programme', 'frameworkProgramme'],
      [],
      issues,
    );
    files.push(layout.project);
    if (projCsv !== null && pick(projCsv.csv, 'id', 'projectID') === undefined) {
      issues.push({ file: layout.project, line: 1, column: 'id', reason: 'required column is missing' });
      projCsv = null;
    }
  }
  if (orgCsv === null) return null;
  const o = orgCsv.csv;
  const projectIds = o.columns.projectID;
  const orgIds = pick(o, 'organisationID', 'organizationID', 'id');
  if (projectIds === undefined || orgIds === undefined) {
    if (projectIds === undefined) issues.push({ file: orgFile, line: 1, column: 'projectID', reason: 'required column is missing' });
    if (orgIds === undefined) issues.push({ file: orgFile, line: 1, column: 'organisationID', reason: 'required column is missing' });
    return null;
  }
  if (layout.project !== undefined && projCsv === null) return null;

  const notes: string[] = [];
  const fileIndex = files.indexOf(orgFile);
  const organisations = new Map<string, Organisation>();
  const participations = new Participations();
  const acronyms = new Map<string, { acronym: string | null; line: number }>();
  const badNuts: string[] = [];
  let badNutsCount = 0;
  const unknownTypes = new Map<string, number>();
  const c = o.columns;
  const contributions = c.ecContribution ?? c.netEcContribution;
  for (let i = 0; i < o.rowCount; i++) {
    const line = o.lines[i];
    const project = text(projectIds[i]);
    const id = text(orgIds[i]);
    if (project !== null && !acronyms.has(project)) acronyms.set(project, { acronym: text(c.projectAcronym?.[i]), line });
    if (id !== null) {
      let org = organisations.get(id);
      if (org === undefined) {
        org = newOrganisation(id, fileIndex, line);
        organisations.set(id, org);
      }
      const type = activityType(c.activityType?.[i]);
      if (type !== null && !KNOWN_TYPES.has(type)) unknownTypes.set(type, (unknownTypes.get(type) ?? 0) + 1);
      setType(org, type);
      countCountry(org, text(c.country?.[i]));
      if (org.sme === null) org.sme = parseFlag(c.SME?.[i]);
      org.name ??= cleanName(c.name?.[i]);
      org.locality ??= cleanCity(c.city?.[i]);
      if (org.nuts === null) {
        const nuts = text(c.nutsCode?.[i]);
        if (nuts !== null) {
          if (NUTS_PATTERN.test(nuts.toUpperCase())) org.nuts = nuts.toUpperCase();
          else {
            badNutsCount++;
            if (badNuts.length < 5) badNuts.push(`'${nuts}' at line ${line}`);
          }
        }
      }
      if (org.lat === null && org.lon === null) {
        const geo = text(c.geolocation?.[i]);
        if (geo !== null) {
          const parts = geo.split(',');
          if (parts.length === 2) {
            org.lat = parseNumber(parts[0]);
            org.lon = parseNumber(parts[1]);
          } else org.lat = geo;
        }
      }
    }
    const contribution = parseNumber(contributions?.[i]);
    participations.add(
      fileIndex,
      orgFile,
      line,
      project,
      id,
      mapRole(c.role?.[i], participations.unknownRoles),
      contribution,
    );
  }
  if (badNutsCount > 0) {
    notes.push(`${badNutsCount} nutsCode value(s) are not NUTS codes and were dropped (e.g. ${badNuts.join(', ')})`);
  }
  if (unknownTypes.size > 0) {
    notes.push(
      `unknown activity types, organisations stored as 'other': ${[...unknownTypes].map(([t, k]) => `'${t}' ×${k}`).join(', ')}`,
    );
  }
  const conflicting = [...organisations.values()].filter((org) => org.otherType).length;
  if (conflicting > 0) notes.push(`${conflicting} organisation(s) have rows with different activity types; the first was used`);

  const projects: Project[] = [];
  const seen = new Set<string>();
  if (projCsv !== null) {
    const p = projCsv.csv;
    const pf = files.indexOf(projCsv.file);
    const ids = pick(p, 'id', 'projectID')!;
    const programmes = pick(p, 'legalBasis', 'programme', 'frameworkProgramme');
    const frameworks = p.columns.frameworkProgramme;
    for (let i = 0; i < p.rowCount; i++) {
      const id = text(ids[i]);
      if (id !== null) seen.add(id);
      projects.push({
        id: id ?? '',
        file: pf,
        line: p.lines[i],
        acronym: text(p.columns.acronym?.[i]),
        programme: text(programmes?.[i]) ?? text(frameworks?.[i]),
        start: parseDate(p.columns.startDate?.[i]),
        end: parseDate(p.columns.endDate?.[i]),
        cost: parseNumber(p.columns.totalCost?.[i]),
      });
    }
  }
  let added = 0;
  for (const [id, { acronym, line }] of acronyms) {
    if (seen.has(id)) continue;
    added++;
    projects.push({ id, file: fileIndex, line, acronym, programme: null, start: null, end: null, cost: null });
  }
  if (projCsv === null) {
    notes.push(`no project.csv: the ${added} projects come from ${basename(orgFile)} (id and acronym only)`);
  } else if (added > 0) {
    notes.push(`${added} project(s) of ${basename(orgFile)} are not in ${basename(projCsv.file)}: kept with id and acronym only`);
  }
  return { organisations, projects, participations, notes };
}

/** Republished files: participations (gz) joined with the 2017 H2020 and the FP7 organisation lists. */
function parseRepublished(
  layout: Layout,
  files: string[],
  issues: InputIssue[],
  progress: (file: string) => void,
): Parsed | null {
  const partFile = layout.participations!;
  progress(partFile);
  const partCsv = readCsv(
    partFile,
    ['rcn', 'role', 'pic', 'type', 'contribution', 'country', 'start_date', 'end_date', 'total_cost'],
    ['rcn', 'pic'],
    issues,
  );
  files.push(partFile);
  const lists: { file: string; csv: CsvFile | null; kind: 'h2020' | 'fp7' | 'parts' }[] = [];
  const more: [string | undefined, 'h2020' | 'fp7' | 'parts', string[], string[]][] = [
    [layout.programmeParts, 'parts', ['rcn', 'programme_part'], ['rcn', 'programme_part']],
    [layout.h2020Organisations, 'h2020', ['orgId', 'name', 'activityType', 'city', 'country'], ['orgId']],
    [layout.fp7Organisations, 'fp7', ['idOrganization', 'name', 'country', 'address'], ['idOrganization']],
  ];
  for (const [file, kind, fields, required] of more) {
    if (file === undefined) continue;
    progress(file);
    lists.push({ file, kind, csv: readCsv(file, fields, required, issues) });
    files.push(file);
  }
  if (partCsv === null || lists.some((l) => l.csv === null)) return null;

  const notes: string[] = [];
  const p = partCsv.csv;
  const c = p.columns;
  const pf = files.indexOf(partFile);
  const organisations = new Map<string, Organisation>();
  const projectIndex = new Map<string, Project>();
  const participations = new Participations();
  const unknownTypes = new Map<string, number>();
  for (let i = 0; i < p.rowCount; i++) {
    const line = p.lines[i];
    const project = text(c.rcn[i]);
    const pic = text(c.pic[i]);
    if (pic !== null) {
      let org = organisations.get(pic);
      if (org === undefined) {
        org = newOrganisation(pic, pf, line);
        organisations.set(pic, org);
      }
      const type = activityType(c.type?.[i]);
      if (type !== null && !KNOWN_TYPES.has(type)) unknownTypes.set(type, (unknownTypes.get(type) ?? 0) + 1);
      setType(org, type);
      countCountry(org, text(c.country?.[i]));
    }
    if (project !== null && !projectIndex.has(project)) {
      projectIndex.set(project, {
        id: project,
        file: pf,
        line,
        acronym: null,
        programme: null,
        start: parseDate(c.start_date?.[i]),
        end: parseDate(c.end_date?.[i]),
        cost: parseNumber(c.total_cost?.[i]),
      });
    }
    participations.add(
      pf,
      partFile,
      line,
      project,
      pic,
      mapRole(c.role?.[i], participations.unknownRoles),
      parseNumber(c.contribution?.[i]),
    );
  }
  if (unknownTypes.size > 0) {
    notes.push(
      `unknown activity types, organisations stored as 'other': ${[...unknownTypes].map(([t, k]) => `'${t}' ×${k}`).join(', ')}`,
    );
  }

  // Names, cities (and missing types and countries) from the lists: the 2017 H2020 list first, FP7 after.
  let typeDisagreements = 0;
  for (const kind of ['parts', 'h2020', 'fp7'] as const) {
    const list = lists.find((l) => l.kind === kind);
    if (list === undefined) continue;
    const l = list.csv!.csv;
    const lc = l.columns;
    const name = basename(list.file);
    if (kind === 'parts') {
      let unknown = 0;
      for (let i = 0; i < l.rowCount; i++) {
        const project = projectIndex.get(lc.rcn[i].trim());
        if (project === undefined) unknown++;
        else project.programme ??= label(lc.programme_part[i]);
      }
      let without = 0;
      for (const project of projectIndex.values()) if (project.programme === null) without++;
      if (without > 0) notes.push(`${without} of ${projectIndex.size} projects have no programme part in ${name}`);
      if (unknown > 0) notes.push(`${unknown} row(s) of ${name} name projects without participations: left out`);
      continue;
    }
    const ids = kind === 'h2020' ? lc.orgId : lc.idOrganization;
    let matched = 0;
    let unused = 0;
    for (let i = 0; i < l.rowCount; i++) {
      const org = organisations.get(ids[i].trim());
      if (org === undefined) {
        unused++;
        continue;
      }
      matched++;
      org.name ??= cleanName(lc.name?.[i]);
      org.locality ??= kind === 'h2020' ? cleanCity(lc.city?.[i]) : cityFromAddress(lc.address?.[i]);
      if (org.country === null) countCountry(org, text(lc.country?.[i]));
      if (kind === 'h2020') {
        const type = activityType(lc.activityType?.[i]);
        if (org.type === null) org.type = type;
        else if (type !== null && type !== org.type) typeDisagreements++;
      }
    }
    notes.push(
      `${name}: ${matched} of its ${l.rowCount} organisations take part in a project; the other ${unused} are left out`,
    );
  }
  if (typeDisagreements > 0) {
    notes.push(
      `${typeDisagreements} organisation(s) have another activity type in the 2017 H2020 list than in the participations; the participations' type was used`,
    );
  }
  const conflicting = [...organisations.values()].filter((org) => org.otherType).length;
  if (conflicting > 0) notes.push(`${conflicting} organisation(s) have rows with different activity types; the first was used`);
  let unnamed = 0;
  for (const org of organisations.values()) if (org.name === null) unnamed++;
  if (unnamed > 0) notes.push(`${unnamed} of ${organisations.size} organisations are in neither organisation list: no name`);
  notes.push('these files carry no SME flag: private companies (PRC) are stored as kind firm');
  return { organisations, projects: [...projectIndex.values()], participations, notes };
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Parses CORDIS Framework Programme files into raw tables (organisations, projects, participations), all in JS. */
export function parseCordis(path: string, options: { onProgress?: Progress } = {}): CordisResult {
  const layout = findLayout(path);
  const files: string[] = [];
  const issues: InputIssue[] = [];
  const expected = [
    layout.organisation,
    layout.project,
    layout.participations,
    layout.programmeParts,
    layout.h2020Organisations,
    layout.fp7Organisations,
  ].filter((f) => f !== undefined).length;
  let done = 0;
  const progress = (_file: string) => options.onProgress?.('reading', done++, expected);
  let parsed: Parsed | null = null;
  if (layout.kind === 'official') parsed = parseOfficial(layout, files, issues, progress);
  else if (layout.kind === 'republished') parsed = parseRepublished(layout, files, issues, progress);
  else {
    issues.push({
      file: path,
      line: null,
      column: null,
      reason:
        'no CORDIS files found: expected organization.csv (and project.csv) from a CORDIS export, or h2020-participations.csv.gz (with h2020-organisations-2017.csv, fp7-organisations.csv)',
    });
  }
  options.onProgress?.('reading', expected, expected);
  const stats: CordisStats = {
    layout: layout.kind,
    participationRows: 0,
    duplicateRows: 0,
    organisations: 0,
    projects: 0,
    participations: 0,
    participationsWithCity: 0,
  };
  if (parsed === null) {
    return {
      tables: {
        organisations: emptyTable(ORGANISATION_COLUMNS, files),
        projects: emptyTable(PROJECT_COLUMNS, files),
        participations: emptyTable(['project', 'organisation', 'role', 'contribution'], files),
      },
      files,
      notes: [],
      issues,
      stats,
    };
  }
  const { organisations, projects, participations } = parsed;
  const tables: CordisTables = {
    organisations: organisationTable(organisations, files),
    projects: projectTable(projects, files),
    participations: participations.table(files),
  };
  let withCity = 0;
  for (const id of participations.organisation) if (id !== null && organisations.get(id)?.locality != null) withCity++;
  stats.participationRows = participations.rows;
  stats.duplicateRows = participations.duplicates;
  stats.organisations = organisations.size;
  stats.projects = projects.length;
  stats.participations = participations.project.length;
  stats.participationsWithCity = withCity;
  const notes = [
    `${stats.participationRows} participation rows: ${stats.participations} participations of ${stats.organisations} organisations in ${stats.projects} projects; ${pct(withCity, stats.participations)} of the participations have a city`,
    ...participations.notes(),
    ...parsed.notes,
  ];
  return { tables, files, notes, issues, stats };
}

/** A raw value as staged text: numbers with String(), booleans `true`/`false`, lists joined with `|`. */
function stagedText(value: Value): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value.join('|');
}

/** Stages one table, one appendStaged call per source file, rows in their order. */
async function stageTable(connection: DuckDBConnection, name: TableName, table: CordisTable): Promise<void> {
  const { files, file, line } = table.provenance;
  for (let f = 0; f < files.length; f++) {
    const rows: number[] = [];
    for (let i = 0; i < table.rowCount; i++) if (file[i] === f) rows.push(i);
    if (rows.length === 0) continue;
    const values: Record<string, (string | null)[]> = {};
    for (const [column, data] of Object.entries(table.columns)) values[column] = rows.map((i) => stagedText(data[i]));
    await appendStaged(connection, name, { file: files[f], lines: rows.map((i) => line[i]), values });
  }
}

/** Reader for `milieu import --format cordis`: parseCordis, then stage the three tables with appendStaged. */
export const readCordis: Reader = async (context: ReadContext): Promise<ReadSummary> => {
  const result = parseCordis(context.path, { onProgress: context.onProgress });
  if (result.issues.length === 0) {
    const { tables } = result;
    context.onProgress?.('staging', 0, 3);
    await stageTable(context.connection, 'organisations', tables.organisations);
    context.onProgress?.('staging', 1, 3);
    await stageTable(context.connection, 'projects', tables.projects);
    context.onProgress?.('staging', 2, 3);
    await stageTable(context.connection, 'participations', tables.participations);
    context.onProgress?.('staging', 3, 3);
  }
  return {
    files: result.files,
    contentHash: hashFiles(result.files),
    fileIssues: result.issues,
    notes: result.notes,
  };
};
