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
import {
  NUTS_PATTERN,
  type OrganisationKind,
  type PARTICIPATION_ROLES,
  type TableName,
} from '../model/index.ts';
import { appendStaged } from '../store/stage.ts';
import type { Progress, ReadContext, Reader, ReadSummary } from './reader.ts';
import {
  detectDelimiter,
  findInvalidUtf8,
  hashFiles,
  headerKey,
  repairDoubleUtf8,
  splitCsvLine,
} from './text.ts';

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

const LF = 10;
const CR = 13;
const QUOTE = 34;
const MAX_PROBLEMS = 20;

interface CsvSource {
  text: string;
  /** Interned values by hash of their characters. */
  interned: Map<number, string[]>;
}

/**
 * One requested column of a parsed CSV text. Values are kept as offsets into the text and turned
 * into strings only when asked for: creating a string per field is what makes JS CSV parsing slow.
 */
export class CsvField {
  /** Per record: start and end offsets of the value in the text; -1 when the value is in `unescaped`. */
  start: Int32Array;
  end: Int32Array;
  /** Values that differ from their text span (quoted with doubled or stray quotes), by record. */
  readonly unescaped = new Map<number, string>();

  constructor(
    private readonly source: CsvSource,
    capacity: number,
  ) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  get length(): number {
    return this.start.length;
  }

  /** The value of record i. */
  text(i: number): string {
    const s = this.start[i];
    return s < 0 ? this.unescaped.get(i)! : this.source.text.slice(s, this.end[i]);
  }

  /** The value of record i, one shared string per distinct value (for repetitive columns: ids, codes, dates). */
  interned(i: number): string {
    const s = this.start[i];
    if (s < 0) return this.unescaped.get(i)!;
    const e = this.end[i];
    const { text, interned } = this.source;
    let h = e - s;
    for (let k = s; k < e; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) & 0x3fffffff;
    const bucket = interned.get(h);
    if (bucket !== undefined) {
      for (const candidate of bucket)
        if (candidate.length === e - s && text.startsWith(candidate, s)) return candidate;
    }
    const value = text.slice(s, e);
    if (bucket === undefined) interned.set(h, [value]);
    else bucket.push(value);
    return value;
  }

  /**
   * Record i as a map key without making a string where possible: a number for 1–9 digits without a
   * leading zero (String(key) gives the text back), else the text.
   */
  key(i: number): number | string {
    const s = this.start[i];
    const e = this.end[i];
    if (s >= 0 && e > s && e - s <= 9) {
      const text = this.source.text;
      if (text.charCodeAt(s) !== 48 || e - s === 1) {
        let value = 0;
        let k = s;
        for (; k < e; k++) {
          const c = text.charCodeAt(k);
          if (c < 48 || c > 57) break;
          value = value * 10 + (c - 48);
        }
        if (k === e) return value;
      }
    }
    return this.text(i);
  }

  /** Record i as a number (see parseNumber), read straight from the text when it is plain digits. */
  number(i: number): number | string | null {
    const s = this.start[i];
    const e = this.end[i];
    if (s >= 0 && e > s && e - s <= 16) {
      const text = this.source.text;
      let k = s;
      const negative = text.charCodeAt(k) === 45;
      if (negative) k++;
      let mantissa = 0;
      let digits = 0;
      let decimals = -1;
      for (; k < e; k++) {
        const c = text.charCodeAt(k);
        if (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          digits++;
          if (decimals >= 0) decimals++;
        } else if (c === 46 && decimals < 0) decimals = 0;
        else break;
      }
      // An exact mantissa (< 2^53) divided by an exact power of ten is correctly rounded, like Number().
      if (k === e && digits > 0 && digits <= 15 && decimals !== 0) {
        const value = decimals > 0 ? mantissa / 10 ** decimals : mantissa;
        return negative ? -value : value;
      }
    }
    return parseNumber(this.text(i));
  }
}

/** Columns of a parsed CSV text. */
export interface CsvColumns {
  /** Header fields as written. */
  header: string[];
  /** The requested fields the header has, keyed by the requested name; absent fields are missing. */
  columns: Record<string, CsvField>;
  /** Per record: the line where it starts (the header is line 1). */
  lines: Int32Array;
  rowCount: number;
  /** Malformed records (wrong field count, unclosed quote); the first 20. */
  problems: { line: number; reason: string }[];
  problemCount: number;
  /** Lines of quoted fields with quotes inside that are not doubled, read leniently; the first 20. */
  strayQuotes: number[];
  strayQuoteCount: number;
}

/**
 * Parses CSV text (RFC 4180: `"` quotes, doubled inside; separators and newlines inside quotes;
 * `\n` or `\r\n` line ends) and keeps only the requested fields, matched on the header with
 * headerKey. A leading BOM and blank lines are skipped. Records without quotes take a fast path that
 * finds fields with indexOf. Leniency for real files: a quote that does not open a field is text,
 * and inside a quoted field a quote not followed by a quote, separator or line end is text too;
 * after such a stray quote the writer evidently did not double quotes, so from there on only a
 * quote before a separator or line end closes the field (`"A "B""` → `A "B"`).
 * Example: parseCsvColumns('a;b\n"x;1";2\n', ';', ['b']).columns.b.text(0) → '2'.
 */
export function parseCsvColumns(text: string, delimiter: string, fields: readonly string[]): CsvColumns {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const source: CsvSource = { text, interned: new Map() };
  const problems: { line: number; reason: string }[] = [];
  let problemCount = 0;
  const strayQuotes: number[] = [];
  let strayQuoteCount = 0;
  const problem = (at: number, reason: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line: at, reason });
  };

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row = 0;
  // Where the fields of the current record go: offsets per header position (null: not requested).
  let starts: (Int32Array | null)[] = [];
  let ends: (Int32Array | null)[] = [];
  let sinks: (CsvField | null)[] = [];
  let width = 0;
  let header: string[] | null = null;
  let fieldCount = 0;

  const newlines = (from: number, to: number) => {
    let count = 0;
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
    return count;
  };
  // True when position i ends a field: a separator, `\n`, `\r\n` or the end of the text.
  const endsField = (i: number) => {
    if (i >= n) return true;
    const c = text.charCodeAt(i);
    return c === delim || c === LF || (c === CR && (i + 1 === n || text.charCodeAt(i + 1) === LF));
  };
  const putRange = (f: number, s: number, e: number) => {
    if (header !== null) header.push(text.slice(s, e));
    else if (f < width) {
      const st = starts[f];
      if (st !== null) {
        st[row] = s;
        ends[f]![row] = e;
      }
    }
  };
  const putValue = (f: number, value: string) => {
    if (header !== null) header.push(value);
    else if (f < width && sinks[f] !== null) {
      sinks[f]!.unescaped.set(row, value);
      starts[f]![row] = -1;
      ends[f]![row] = -1;
    }
  };

  // A record with a quote in its first line, read field by field; returns the position after it.
  const quotedRecord = (start: number): number => {
    let i = start;
    let f = 0;
    // Position of the next `\n` at or after i (n when none).
    let newline = -1;
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const start = i;
        const fieldLine = line;
        let s = i + 1;
        let value = '';
        let plain = true;
        let stray = false;
        for (;;) {
          const q = text.indexOf('"', s);
          if (q < 0) {
            problem(fieldLine, 'a quoted field is never closed');
            value += text.slice(s);
            plain = false;
            i = n;
            break;
          }
          if (endsField(q + 1)) {
            if (plain) putRange(f, i + 1, q);
            else value += text.slice(s, q);
            i = q + 1;
            break;
          }
          plain = false;
          if (!stray && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(s, q + 1);
            s = q + 2;
          } else {
            if (!stray) {
              stray = true;
              strayQuoteCount++;
              if (strayQuotes.length < MAX_PROBLEMS) strayQuotes.push(fieldLine);
            }
            value += text.slice(s, q + 1);
            s = q + 1;
          }
        }
        if (!plain) putValue(f, value);
        // Newlines inside the quotes move the line count on.
        if (newline < start) {
          newline = text.indexOf('\n', start);
          if (newline < 0) newline = n;
        }
        if (newline < i) {
          line += newlines(newline, i);
          newline = -1;
        }
      } else {
        if (newline < i) {
          newline = text.indexOf('\n', i);
          if (newline < 0) newline = n;
        }
        let e = text.indexOf(delimiter, i);
        if (e < 0 || e > newline)
          e = newline > i && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
        putRange(f, i, e);
        i = e;
      }
      f++;
      if (i >= n) {
        fieldCount = f;
        return n;
      }
      if (text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      i += text.charCodeAt(i) === CR ? 2 : 1;
      fieldCount = f;
      line++;
      return i;
    }
  };

  const names: string[] = [];
  if (pos < n) {
    header = names;
    pos = quotedRecord(pos);
    header = null;
  }
  // Records are at most the remaining line ends plus one.
  const capacity = newlines(pos, n) + 1;
  const keys = names.map(headerKey);
  width = names.length;
  sinks = names.map(() => null);
  const columns: Record<string, CsvField> = {};
  for (const name of fields) {
    const index = keys.indexOf(headerKey(name));
    if (index < 0) continue;
    sinks[index] ??= new CsvField(source, capacity);
    columns[name] = sinks[index];
  }
  starts = sinks.map((s) => s?.start ?? null);
  ends = sinks.map((s) => s?.end ?? null);
  const lines = new Int32Array(capacity);
  // Position of the next quote at or after the current record, n when there is none.
  let nextQuote = -1;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === LF || (c === CR && (pos + 1 === n || text.charCodeAt(pos + 1) === LF))) {
      pos += c === CR ? 2 : 1;
      line++;
      continue;
    }
    lines[row] = line;
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = n;
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0) nextQuote = n;
    }
    if (nextQuote < lineEnd) pos = quotedRecord(pos);
    else {
      // Fast path: no quote before the line end, so fields end at separators.
      let end = lineEnd;
      if (text.charCodeAt(end - 1) === CR) end--;
      let f = 0;
      let s = pos;
      for (;;) {
        let e = text.indexOf(delimiter, s);
        if (e < 0 || e > end) e = end;
        if (f < width) {
          const st = starts[f];
          if (st !== null) {
            st[row] = s;
            ends[f]![row] = e;
          }
        }
        f++;
        if (e === end) break;
        s = e + 1;
      }
      fieldCount = f;
      line++;
      pos = lineEnd + 1;
    }
    if (fieldCount !== width) {
      problem(lines[row], `${fieldCount} fields where the header has ${width}`);
      for (let f = fieldCount; f < width; f++) putRange(f, 0, 0);
    }
    row++;
  }
  for (const sink of sinks) {
    if (sink !== null && sink.start.length !== row) {
      sink.start = sink.start.subarray(0, row);
      sink.end = sink.end.subarray(0, row);
    }
  }
  return {
    header: names,
    columns,
    lines: lines.subarray(0, row),
    rowCount: row,
    problems,
    problemCount,
    strayQuotes,
    strayQuoteCount,
  };
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
  else if (parts.length === 2)
    city = POSTCODE_LIKE.test(parts[1]) || MISSING_WORDS.has(parts[1].toLowerCase()) ? parts[0] : parts[1];
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

/** Known role spellings seen so far (`thirdParty`, `THIRD PARTY`, …), to skip the normalisation per row. */
const roleSpellings = new Map<string, Role | null>();

/** A CORDIS role in the vocabulary's words; null when blank; `other` (counted) when unknown. */
function mapRole(raw: string | undefined, unknown: Map<string, number>): Role | null {
  if (raw === undefined) return null;
  const known = roleSpellings.get(raw);
  if (known !== undefined) return known;
  const s = text(raw);
  const role = s === null || s === 'NA' ? null : ROLES[headerKey(s)];
  if (role !== undefined) {
    if (roleSpellings.size < 1000) roleSpellings.set(raw, role);
    return role;
  }
  unknown.set(s!, (unknown.get(s!) ?? 0) + 1);
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

const typeSpellings = new Map<string, string | null>();

/** An activity type code in capitals; null when blank or `NA`. */
function activityType(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let type = typeSpellings.get(raw);
  if (type === undefined) {
    const s = text(raw);
    type = s === null || s === 'NA' ? null : s.toUpperCase();
    if (typeSpellings.size < 1000) typeSpellings.set(raw, type);
  }
  return type;
}

// ---------------------------------------------------------------------------------------------
// Table building

const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'kind',
  'country',
  'nuts',
  'locality',
  'lat',
  'lon',
  'sme',
] as const;
const PROJECT_COLUMNS = ['id', 'acronym', 'programme', 'start', 'end', 'cost'] as const;
const PARTICIPATION_COLUMNS = ['project', 'organisation', 'role', 'contribution'] as const;

/** An id as a map key: numbers for plain ids (no string is made per row), the text otherwise. */
type Key = number | string;

const PLAIN_ID = /^(?:0|[1-9]\d{0,8})$/;

/** Record i of an id column as a Key; null when blank or `NA`. */
function idKey(field: CsvField, i: number): Key | null {
  const key = field.key(i);
  if (typeof key === 'number') return key;
  const s = key.trim();
  if (s === '' || s === 'NA') return null;
  return PLAIN_ID.test(s) ? Number(s) : s;
}

interface Organisation {
  id: string;
  file: number;
  line: number;
  type: string | null;
  /** Set when the rows give more than one activity type. */
  otherType: boolean;
  sme: boolean | string | null;
  /** The first country seen and how often; `countries` counts all once a second one turns up. */
  country: string | null;
  countryCount: number;
  countries: Map<string, number> | null;
  name: string | null;
  locality: string | null;
  nuts: string | null;
  lat: number | string | null;
  lon: number | string | null;
}

function getOrganisation(orgs: Map<Key, Organisation>, key: Key, file: number, line: number): Organisation {
  let org = orgs.get(key);
  if (org === undefined) {
    org = {
      id: String(key),
      file,
      line,
      type: null,
      otherType: false,
      sme: null,
      country: null,
      countryCount: 0,
      countries: null,
      name: null,
      locality: null,
      nuts: null,
      lat: null,
      lon: null,
    };
    orgs.set(key, org);
  }
  return org;
}

function countCountry(org: Organisation, country: string | null): void {
  if (country === null) return;
  if (org.countries === null) {
    if (org.country === null) org.country = country;
    if (country === org.country) {
      org.countryCount++;
      return;
    }
    org.countries = new Map([[org.country, org.countryCount]]);
  }
  org.countries.set(country, (org.countries.get(country) ?? 0) + 1);
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

function setType(org: Organisation, type: string | null): void {
  if (type === null) return;
  if (org.type === null) org.type = type;
  else if (org.type !== type) org.otherType = true;
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
  /** Participation rows of this project so far, to find repeated organisations. */
  rows: number[];
}

function newProject(id: string, file: number, line: number): Project {
  return { id, file, line, acronym: null, programme: null, start: null, end: null, cost: null, rows: [] };
}

/** Participation rows, merged on (project, organisation). */
class Participations {
  readonly project: (Project | null)[] = [];
  readonly organisation: (Organisation | null)[] = [];
  readonly role: (Role | null)[] = [];
  readonly contribution: (number | string | null)[] = [];
  readonly file: number[] = [];
  readonly line: number[] = [];
  readonly unknownRoles = new Map<string, number>();
  /** Rows read, duplicates included. */
  rows = 0;
  duplicates = 0;
  readonly examples: string[] = [];

  add(
    file: number,
    fileName: string,
    line: number,
    project: Project | null,
    organisation: Organisation | null,
    role: Role | null,
    contribution: number | string | null,
  ): void {
    this.rows++;
    if (project !== null && organisation !== null) {
      // A project has a handful of participants, so a scan of its rows is cheap.
      for (const first of project.rows) {
        if (this.organisation[first] !== organisation) continue;
        this.duplicates++;
        if (this.examples.length < 5) {
          this.examples.push(
            `project ${project.id} / organisation ${organisation.id} at ${basename(fileName)}:${line} (first at line ${this.line[first]})`,
          );
        }
        const sum = this.contribution[first];
        if (typeof contribution === 'number') {
          if (sum === null) this.contribution[first] = contribution;
          else if (typeof sum === 'number') this.contribution[first] = sum + contribution;
        }
        return;
      }
      project.rows.push(this.project.length);
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
        project: this.project.map((p) => p?.id ?? null),
        organisation: this.organisation.map((o) => o?.id ?? null),
        role: this.role,
        contribution: this.contribution,
      },
      provenance: { files, file: Uint16Array.from(this.file), line: Int32Array.from(this.line) },
    };
  }
}

function organisationTable(orgs: Iterable<Organisation>, count: number, files: string[]): CordisTable {
  const columns: Record<string, Value[]> = Object.fromEntries(ORGANISATION_COLUMNS.map((c) => [c, []]));
  const file = new Uint16Array(count);
  const line = new Int32Array(count);
  let i = 0;
  for (const org of orgs) {
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
  return { rowCount: count, columns, provenance: { files, file, line } };
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
      return {
        issue: {
          file,
          line: null,
          column: null,
          reason: `not a readable gzip file: ${(e as Error).message}`,
        },
      };
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
  notes: string[],
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
  for (const p of csv.problems)
    issues.push({ file, line: p.line, column: null, reason: `malformed CSV: ${p.reason}` });
  if (csv.problemCount > csv.problems.length) {
    issues.push({
      file,
      line: null,
      column: null,
      reason: `malformed CSV: ${csv.problemCount - csv.problems.length} more malformed records`,
    });
  }
  if (csv.strayQuoteCount > 0) {
    notes.push(
      `${basename(file)}: ${csv.strayQuoteCount} quoted field(s) contain quotes that are not doubled, read leniently (line ${csv.strayQuotes.join(', ')})`,
    );
  }
  return ok && csv.problemCount === 0 ? { file, csv } : null;
}

/** The first of `names` the file has, for alternative header spellings. */
function pick(csv: CsvColumns, ...names: string[]): CsvField | undefined {
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
  // Official exports: `organization.csv` and `project.csv`, or older names such as
  // `cordis-h2020organizations.csv`; the exact names win.
  organisation: /^organi[sz]ations?\.csv(\.gz)?$/i,
  organisationLoose: /organi[sz]ations?\.csv(\.gz)?$/i,
  project: /^projects?\.csv(\.gz)?$/i,
  projectLoose: /projects?\.csv(\.gz)?$/i,
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
  const organisation = find(PATTERNS.organisation) ?? find(PATTERNS.organisationLoose);
  if (organisation !== undefined) {
    return { kind: 'official', organisation, project: find(PATTERNS.project) ?? find(PATTERNS.projectLoose) };
  }
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Layouts

interface Parsed {
  organisations: Map<Key, Organisation>;
  projects: Project[];
  participations: Participations;
  notes: string[];
}

const pct = (k: number, n: number) => `${n === 0 ? 0 : ((100 * k) / n).toFixed(1)}%`;

const listed = (counts: Map<string, number>) => [...counts].map(([t, k]) => `'${t}' ×${k}`).join(', ');

/** Official exports: organization.csv (participations with organisation details) and project.csv. */
function parseOfficial(
  layout: Layout,
  files: string[],
  issues: InputIssue[],
  progress: () => void,
): Parsed | null {
  const notes: string[] = [];
  const orgFile = layout.organisation!;
  progress();
  files.push(orgFile);
  const orgCsv = readCsv(
    orgFile,
    [
      'projectID',
      'projectAcronym',
      'organisationID',
      'organizationID',
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
    notes,
  );
  let projCsv: CsvFile | null = null;
  if (layout.project !== undefined) {
    progress();
    files.push(layout.project);
    projCsv = readCsv(
      layout.project,
      [
        'id',
        'projectID',
        'acronym',
        'startDate',
        'endDate',
        'totalCost',
        'legalBasis',
        'programme',
        'frameworkProgramme',
      ],
      [],
      issues,
      notes,
    );
    if (projCsv !== null && pick(projCsv.csv, 'id', 'projectID') === undefined) {
      issues.push({ file: layout.project, line: 1, column: 'id', reason: 'required column is missing' });
      projCsv = null;
    }
  }
  if (orgCsv === null) return null;
  const o = orgCsv.csv;
  const projectIds = o.columns.projectID;
  const orgIds = pick(o, 'organisationID', 'organizationID');
  if (projectIds === undefined)
    issues.push({ file: orgFile, line: 1, column: 'projectID', reason: 'required column is missing' });
  if (orgIds === undefined) {
    issues.push({ file: orgFile, line: 1, column: 'organisationID', reason: 'required column is missing' });
  }
  if (projectIds === undefined || orgIds === undefined || (layout.project !== undefined && projCsv === null))
    return null;

  // Projects of project.csv first, in file order; a repeated id stays for the validator to report.
  const projects: Project[] = [];
  const projectByKey = new Map<Key, Project>();
  if (projCsv !== null) {
    const p = projCsv.csv;
    const pc = p.columns;
    const pf = files.indexOf(projCsv.file);
    const ids = pick(p, 'id', 'projectID')!;
    const programmes = pick(p, 'legalBasis', 'programme');
    for (let i = 0; i < p.rowCount; i++) {
      const key = idKey(ids, i);
      const project = newProject(key === null ? '' : String(key), pf, p.lines[i]);
      project.acronym = text(pc.acronym?.text(i));
      project.programme = text(programmes?.interned(i)) ?? text(pc.frameworkProgramme?.interned(i));
      project.start = parseDate(pc.startDate?.interned(i));
      project.end = parseDate(pc.endDate?.interned(i));
      project.cost = pc.totalCost?.number(i) ?? null;
      projects.push(project);
      if (key !== null && !projectByKey.has(key)) projectByKey.set(key, project);
    }
  }
  const listedProjects = projects.length;

  const fileIndex = files.indexOf(orgFile);
  const organisations = new Map<Key, Organisation>();
  const participations = new Participations();
  const badNuts: string[] = [];
  let badNutsCount = 0;
  const unknownTypes = new Map<string, number>();
  const c = o.columns;
  const contributions = c.ecContribution ?? c.netEcContribution;
  for (let i = 0; i < o.rowCount; i++) {
    const line = o.lines[i];
    const projectKey = idKey(projectIds, i);
    let project: Project | null = null;
    if (projectKey !== null) {
      project = projectByKey.get(projectKey) ?? null;
      if (project === null) {
        project = newProject(String(projectKey), fileIndex, line);
        project.acronym = text(c.projectAcronym?.text(i));
        projectByKey.set(projectKey, project);
        projects.push(project);
      }
    }
    const orgKey = idKey(orgIds, i);
    let org: Organisation | null = null;
    if (orgKey !== null) {
      org = getOrganisation(organisations, orgKey, fileIndex, line);
      const type = activityType(c.activityType?.interned(i));
      if (type !== null && !KNOWN_TYPES.has(type)) unknownTypes.set(type, (unknownTypes.get(type) ?? 0) + 1);
      setType(org, type);
      countCountry(org, text(c.country?.interned(i)));
      if (org.sme === null) org.sme = parseFlag(c.SME?.interned(i));
      org.name ??= cleanName(c.name?.text(i));
      org.locality ??= cleanCity(c.city?.text(i));
      if (org.nuts === null) {
        const nuts = text(c.nutsCode?.interned(i));
        if (nuts !== null) {
          if (NUTS_PATTERN.test(nuts.toUpperCase())) org.nuts = nuts.toUpperCase();
          else {
            badNutsCount++;
            if (badNuts.length < 5) badNuts.push(`'${nuts}' at line ${line}`);
          }
        }
      }
      if (org.lat === null && org.lon === null) {
        const geo = text(c.geolocation?.text(i));
        if (geo !== null) {
          const parts = geo.split(',');
          if (parts.length === 2) {
            org.lat = parseNumber(parts[0]);
            org.lon = parseNumber(parts[1]);
          } else org.lat = geo;
        }
      }
    }
    const role = mapRole(c.role?.interned(i), participations.unknownRoles);
    participations.add(fileIndex, orgFile, line, project, org, role, contributions?.number(i) ?? null);
  }
  if (badNutsCount > 0) {
    notes.push(
      `${badNutsCount} nutsCode value(s) are not NUTS codes and were dropped (e.g. ${badNuts.join(', ')})`,
    );
  }
  if (unknownTypes.size > 0)
    notes.push(`unknown activity types, organisations stored as 'other': ${listed(unknownTypes)}`);
  let conflicting = 0;
  for (const org of organisations.values()) if (org.otherType) conflicting++;
  if (conflicting > 0)
    notes.push(`${conflicting} organisation(s) have rows with different activity types; the first was used`);
  const added = projects.length - listedProjects;
  if (projCsv === null) {
    notes.push(`no project.csv: the ${added} projects come from ${basename(orgFile)} (id and acronym only)`);
  } else if (added > 0) {
    notes.push(
      `${added} project(s) of ${basename(orgFile)} are not in ${basename(projCsv.file)}: kept with id and acronym only`,
    );
  }
  return { organisations, projects, participations, notes };
}

/** Republished files: participations (gz) joined with the 2017 H2020 and the FP7 organisation lists. */
function parseRepublished(
  layout: Layout,
  files: string[],
  issues: InputIssue[],
  progress: () => void,
): Parsed | null {
  const notes: string[] = [];
  const partFile = layout.participations!;
  progress();
  files.push(partFile);
  const partCsv = readCsv(
    partFile,
    ['rcn', 'role', 'pic', 'type', 'contribution', 'country', 'start_date', 'end_date', 'total_cost'],
    ['rcn', 'pic'],
    issues,
    notes,
  );
  const read = (
    file: string | undefined,
    fields: string[],
    required: string[],
  ): CsvFile | null | undefined => {
    if (file === undefined) return undefined;
    progress();
    files.push(file);
    return readCsv(file, fields, required, issues, notes);
  };
  const parts = read(layout.programmeParts, ['rcn', 'programme_part'], ['rcn', 'programme_part']);
  const h2020 = read(
    layout.h2020Organisations,
    ['orgId', 'name', 'activityType', 'city', 'country'],
    ['orgId'],
  );
  const fp7 = read(
    layout.fp7Organisations,
    ['idOrganization', 'name', 'country', 'address'],
    ['idOrganization'],
  );
  if (partCsv === null || parts === null || h2020 === null || fp7 === null) return null;

  const p = partCsv.csv;
  const c = p.columns;
  const pf = files.indexOf(partFile);
  const organisations = new Map<Key, Organisation>();
  const projectByKey = new Map<Key, Project>();
  const projects: Project[] = [];
  const participations = new Participations();
  const unknownTypes = new Map<string, number>();
  for (let i = 0; i < p.rowCount; i++) {
    const line = p.lines[i];
    const projectKey = idKey(c.rcn, i);
    let project: Project | null = null;
    if (projectKey !== null) {
      project = projectByKey.get(projectKey) ?? null;
      if (project === null) {
        project = newProject(String(projectKey), pf, line);
        project.start = parseDate(c.start_date?.interned(i));
        project.end = parseDate(c.end_date?.interned(i));
        project.cost = c.total_cost?.number(i) ?? null;
        projectByKey.set(projectKey, project);
        projects.push(project);
      }
    }
    const orgKey = idKey(c.pic, i);
    let org: Organisation | null = null;
    if (orgKey !== null) {
      org = getOrganisation(organisations, orgKey, pf, line);
      const type = activityType(c.type?.interned(i));
      if (type !== null && !KNOWN_TYPES.has(type)) unknownTypes.set(type, (unknownTypes.get(type) ?? 0) + 1);
      setType(org, type);
      countCountry(org, text(c.country?.interned(i)));
    }
    const role = mapRole(c.role?.interned(i), participations.unknownRoles);
    participations.add(pf, partFile, line, project, org, role, c.contribution?.number(i) ?? null);
  }
  if (unknownTypes.size > 0)
    notes.push(`unknown activity types, organisations stored as 'other': ${listed(unknownTypes)}`);

  if (parts !== undefined) {
    const l = parts.csv;
    let unknown = 0;
    for (let i = 0; i < l.rowCount; i++) {
      const key = idKey(l.columns.rcn, i);
      const project = key === null ? undefined : projectByKey.get(key);
      const part = label(l.columns.programme_part.interned(i));
      if (project === undefined) unknown++;
      else if (part !== null) {
        // A project can belong to several programme parts: all are kept, joined with `|`.
        if (project.programme === null) project.programme = part;
        else if (!project.programme.split('|').includes(part)) project.programme += `|${part}`;
      }
    }
    let without = 0;
    let several = 0;
    for (const project of projects) {
      if (project.programme === null) without++;
      else if (project.programme.includes('|')) several++;
    }
    const name = basename(parts.file);
    if (several > 0) {
      notes.push(
        `${several} projects belong to several programme parts in ${name}: stored joined with '|' (e.g. 'SC4|LEIT')`,
      );
    }
    if (without > 0)
      notes.push(`${without} of ${projects.length} projects have no programme part in ${name}`);
    if (unknown > 0)
      notes.push(`${unknown} row(s) of ${name} name projects without participations: left out`);
  }

  // Names and cities from the lists, the 2017 H2020 list first; types and countries only where missing.
  let typeDisagreements = 0;
  for (const list of [h2020, fp7]) {
    if (list === undefined) continue;
    const l = list.csv;
    const lc = l.columns;
    const isH2020 = list === h2020;
    const ids = isH2020 ? lc.orgId : lc.idOrganization;
    let matched = 0;
    for (let i = 0; i < l.rowCount; i++) {
      const key = idKey(ids, i);
      const org = key === null ? undefined : organisations.get(key);
      if (org === undefined) continue;
      matched++;
      org.name ??= cleanName(lc.name?.text(i));
      org.locality ??= isH2020 ? cleanCity(lc.city?.text(i)) : cityFromAddress(lc.address?.text(i));
      if (org.country === null) countCountry(org, text(lc.country?.interned(i)));
      if (isH2020) {
        const type = activityType(lc.activityType?.interned(i));
        if (org.type === null) org.type = type;
        else if (type !== null && type !== org.type) typeDisagreements++;
      }
    }
    notes.push(
      `${basename(list.file)}: ${matched} of its ${l.rowCount} organisations take part in a project; the other ${l.rowCount - matched} are left out`,
    );
  }
  if (typeDisagreements > 0) {
    notes.push(
      `${typeDisagreements} organisation(s) have another activity type in the 2017 H2020 list than in the participations; the participations' type was used`,
    );
  }
  let conflicting = 0;
  let unnamed = 0;
  for (const org of organisations.values()) {
    if (org.otherType) conflicting++;
    if (org.name === null) unnamed++;
  }
  if (conflicting > 0)
    notes.push(`${conflicting} organisation(s) have rows with different activity types; the first was used`);
  if (unnamed > 0)
    notes.push(`${unnamed} of ${organisations.size} organisations are in neither organisation list: no name`);
  notes.push('these files carry no SME flag: private companies (PRC) are stored as kind firm');
  return { organisations, projects, participations, notes };
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
  const progress = () => options.onProgress?.('reading', done++, expected);
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
  if (parsed === null || issues.length > 0) {
    return {
      tables: {
        organisations: emptyTable(ORGANISATION_COLUMNS, files),
        projects: emptyTable(PROJECT_COLUMNS, files),
        participations: emptyTable(PARTICIPATION_COLUMNS, files),
      },
      files,
      notes: parsed?.notes ?? [],
      issues,
      stats,
    };
  }
  const { organisations, projects, participations } = parsed;
  let withCity = 0;
  for (const org of participations.organisation) if (org !== null && org.locality !== null) withCity++;
  stats.participationRows = participations.rows;
  stats.duplicateRows = participations.duplicates;
  stats.organisations = organisations.size;
  stats.projects = projects.length;
  stats.participations = participations.project.length;
  stats.participationsWithCity = withCity;
  const tables: CordisTables = {
    organisations: organisationTable(organisations.values(), organisations.size, files),
    projects: projectTable(projects, files),
    participations: participations.table(files),
  };
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
    for (const [column, data] of Object.entries(table.columns))
      values[column] = rows.map((i) => stagedText(data[i]));
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
