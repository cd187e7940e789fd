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
import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RawTable, Value } from '../dataset/raw.ts';
import { type InputIssue, UsageError } from '../errors.ts';
import { NUTS_PATTERN, type OrganisationKind, PARTICIPATION_ROLES, type TableName } from '../model/index.ts';
import { appendStaged } from '../store/stage.ts';
import type { Progress, ReadContext, Reader, ReadSummary } from './reader.ts';
import {
  detectDelimiter,
  findInvalidUtf8,
  firstLine,
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

/** Hash of bytes s..e, for the value dictionaries. */
function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = e - s;
  for (let k = s; k < e; k++) h = (Math.imul(h, 31) + b[k]) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

function sameBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let k = 0; k < e1 - s1; k++) if (b[s1 + k] !== b[s2 + k]) return false;
  return true;
}

/**
 * One requested column of a parsed CSV file. Values are kept as byte offsets into the file and
 * turned into strings only when asked for: creating a string per field is what makes JS CSV parsing
 * slow. Values that differ from their bytes (quoted with doubled or stray quotes) are kept as text.
 */
export class CsvField {
  /** Distinct values, by code. */
  private readonly values: string[] = [];
  private readonly codeOfValue = new Map<string, number>();
  /**
   * Values of up to 3 bytes (codes such as `PRC`, `DE`, `NA`) packed with their length into one
   * number: per slot two numbers, the packed value + 1 (0 when empty) and its code.
   */
  private shortSlots = new Int32Array(2 * 64);
  private shortCount = 0;
  /** Open-addressing table of distinct longer byte spans: entry + 1 per slot, 0 when empty. */
  private slots = new Int32Array(64);
  private readonly entryHash: number[] = [];
  private readonly entryStart: number[] = [];
  private readonly entryEnd: number[] = [];
  private readonly entryCode: number[] = [];
  /** The entry found last: neighbouring rows often repeat a value (a role, a date). */
  private lastEntry = -1;

  /**
   * @param offsets per record `stride` numbers; `column` and `column + 1` are the start and end of
   *   this field's bytes, the start -1 when the value is in `unescaped`.
   */
  constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Int32Array,
    private readonly stride: number,
    private readonly column: number,
    readonly length: number,
    private readonly unescaped: Map<number, string>,
  ) {}

  /** The value of record i. */
  text(i: number): string {
    const at = i * this.stride + this.column;
    const s = this.offsets[at];
    return s < 0 ? this.unescaped.get(i)! : this.bytes.toString('utf8', s, this.offsets[at + 1]);
  }

  /**
   * A small integer per distinct value of the column (0, 1, 2, … in the order values are first
   * asked for), found from the bytes without making a string; value(code) gives the text.
   */
  code(i: number): number {
    const at = i * this.stride + this.column;
    const s = this.offsets[at];
    if (s < 0) return this.codeOf(this.unescaped.get(i)!);
    const e = this.offsets[at + 1];
    const b = this.bytes;
    const length = e - s;
    if (length <= 3) {
      const packed =
        (length << 24) |
        (length > 0 ? b[s] << 16 : 0) |
        (length > 1 ? b[s + 1] << 8 : 0) |
        (length > 2 ? b[s + 2] : 0);
      return this.shortCode(packed, s, e);
    }
    const last = this.lastEntry;
    if (last >= 0 && sameBytes(b, this.entryStart[last], this.entryEnd[last], s, e))
      return this.entryCode[last];
    const h = hashBytes(b, s, e);
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = h & mask;
    for (let entry = slots[slot] - 1; entry >= 0; entry = slots[slot] - 1) {
      if (this.entryHash[entry] === h && sameBytes(b, this.entryStart[entry], this.entryEnd[entry], s, e)) {
        this.lastEntry = entry;
        return this.entryCode[entry];
      }
      slot = (slot + 1) & mask;
    }
    const code = this.codeOf(b.toString('utf8', s, e));
    const entry = this.entryHash.length;
    this.entryHash.push(h);
    this.entryStart.push(s);
    this.entryEnd.push(e);
    this.entryCode.push(code);
    this.lastEntry = entry;
    slots[slot] = entry + 1;
    if (2 * (entry + 1) > slots.length) this.rehash();
    return code;
  }

  /** The text of a code from code(). */
  value(code: number): string {
    return this.values[code];
  }

  /** The value of record i, one shared string per distinct value (for repetitive columns: ids, codes, dates). */
  interned(i: number): string {
    return this.values[this.code(i)];
  }

  /**
   * Record i as a map key without making a string where possible: a number for 1–9 digits without a
   * leading zero (String(key) gives the text back), else the text.
   */
  key(i: number): number | string {
    const at = i * this.stride + this.column;
    const s = this.offsets[at];
    const e = this.offsets[at + 1];
    if (s >= 0 && e > s && e - s <= 9) {
      const b = this.bytes;
      if (b[s] !== 48 || e - s === 1) {
        let value = 0;
        let k = s;
        for (; k < e; k++) {
          const c = b[k];
          if (c < 48 || c > 57) break;
          value = value * 10 + (c - 48);
        }
        if (k === e) return value;
      }
    }
    return this.text(i);
  }

  /** Record i as a number (see parseNumber), read straight from the bytes when it is plain digits. */
  number(i: number): number | string | null {
    const at = i * this.stride + this.column;
    const s = this.offsets[at];
    const e = this.offsets[at + 1];
    if (s >= 0 && e - s <= 16) {
      const b = this.bytes;
      if (e === s || (e - s === 2 && b[s] === 78 && b[s + 1] === 65)) return null; // blank or NA
      let k = s;
      const negative = b[k] === 45;
      if (negative) k++;
      let mantissa = 0;
      let digits = 0;
      let decimals = -1;
      for (; k < e; k++) {
        const c = b[k];
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

  private shortCode(packed: number, s: number, e: number): number {
    const slots = this.shortSlots;
    const mask = slots.length - 2;
    let at = (Math.imul(packed, 0x9e3779b1) >>> 16) & mask;
    for (let k = slots[at]; k !== 0; k = slots[at]) {
      if (k === packed + 1) return slots[at + 1];
      at = (at + 2) & mask;
    }
    const code = this.codeOf(this.bytes.toString('utf8', s, e));
    slots[at] = packed + 1;
    slots[at + 1] = code;
    if (4 * ++this.shortCount > slots.length) {
      const grown = new Int32Array(2 * slots.length);
      const grownMask = grown.length - 2;
      for (let old = 0; old < slots.length; old += 2) {
        const k = slots[old];
        if (k === 0) continue;
        let to = (Math.imul(k - 1, 0x9e3779b1) >>> 16) & grownMask;
        while (grown[to] !== 0) to = (to + 2) & grownMask;
        grown[to] = k;
        grown[to + 1] = slots[old + 1];
      }
      this.shortSlots = grown;
    }
    return code;
  }

  private codeOf(value: string): number {
    let code = this.codeOfValue.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codeOfValue.set(value, code);
    }
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.entryHash.length; entry++) {
      let slot = this.entryHash[entry] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

/** Columns of a parsed CSV file. */
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

/** Records in b from `start` on, estimated from the line ends in its first 64 KiB, and some. */
function estimateRecords(b: Buffer, start: number): number {
  const end = Math.min(b.length, start + (1 << 16));
  let lines = 1;
  for (let i = start; i < end; i++) if (b[i] === LF) lines++;
  return Math.ceil(((lines * (b.length - start)) / Math.max(1, end - start)) * 1.05) + 16;
}

/** The outcome of reading one quoted field (see readQuoted). */
interface QuotedField {
  /** Position of the closing quote (the field's bytes are start + 1 … end), or the end of the input. */
  end: number;
  /** The value when it differs from those bytes (doubled or stray quotes, never closed), else null. */
  value: string | null;
  /** Line ends inside the quotes. */
  newlines: number;
  stray: boolean;
  unclosed: boolean;
}

/**
 * Reads the quoted field whose opening quote is at `start`. A quote followed by the separator, a
 * line end or the end of the input closes it; a doubled quote is a quote; any other quote is text
 * (stray), and after a stray quote doubled quotes are no longer undone either.
 */
function readQuoted(b: Buffer, start: number, delim: number, out: QuotedField): void {
  const n = b.length;
  let i = start + 1;
  let from = i;
  let value: string | null = null;
  let newlines = 0;
  let stray = false;
  for (;;) {
    let q = i;
    for (; q < n; q++) {
      const c = b[q];
      // Most bytes are above both, so one comparison rules them out.
      if (c <= QUOTE) {
        if (c === QUOTE) break;
        if (c === LF) newlines++;
      }
    }
    if (q >= n) {
      out.end = n;
      out.value = (value ?? '') + b.toString('utf8', from, n);
      out.unclosed = true;
      break;
    }
    const after = q + 1;
    const c = after < n ? b[after] : LF;
    if (c === delim || c === LF || (c === CR && (after + 1 >= n || b[after + 1] === LF))) {
      out.end = q;
      out.value = value === null ? null : value + b.toString('utf8', from, q);
      out.unclosed = false;
      break;
    }
    if (!stray && c === QUOTE) {
      value = (value ?? '') + b.toString('utf8', from, after);
      from = after + 1;
      i = after + 1;
    } else {
      stray = true;
      value = (value ?? '') + b.toString('utf8', from, after);
      from = after;
      i = after;
    }
  }
  out.newlines = newlines;
  out.stray = stray;
}

/**
 * Parses CSV text (RFC 4180: `"` quotes, doubled inside; separators and newlines inside quotes;
 * `\n` or `\r\n` line ends) and keeps only the requested fields, matched on the header with
 * headerKey. A leading BOM and blank lines are skipped. Leniency for real files: a quote that does
 * not open a field is text, and inside a quoted field a quote not followed by a quote, separator or
 * line end is text too; after such a stray quote the writer evidently did not double quotes, so from
 * there on only a quote before a separator or line end closes the field (`"A "B""` → `A "B"`).
 * Example: parseCsvColumns('a;b\n"x;1";2\n', ';', ['b']).columns.b.text(0) → '2'.
 */
export function parseCsvColumns(text: string, delimiter: string, fields: readonly string[]): CsvColumns {
  return parseCsvBytes(Buffer.from(text, 'utf8'), delimiter, fields);
}

/** Malformed records and lenient reads found while parsing, the first MAX_PROBLEMS of each kind kept. */
class CsvLog {
  readonly problems: { line: number; reason: string }[] = [];
  problemCount = 0;
  readonly strayQuotes: number[] = [];
  strayQuoteCount = 0;

  problem(line: number, reason: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line, reason });
  }

  /** Notes what readQuoted found in a field that starts on `line`: no closing quote, stray quotes. */
  quoted(field: QuotedField, line: number): void {
    if (field.unclosed) this.problem(line, 'a quoted field is never closed');
    if (field.stray) {
      this.strayQuoteCount++;
      if (this.strayQuotes.length < MAX_PROBLEMS) this.strayQuotes.push(line);
    }
  }
}

/** The header record at `pos` (after a BOM) as strings, and the position and line after it. */
function readHeader(
  b: Buffer,
  pos: number,
  delim: number,
  log: CsvLog,
): { names: string[]; pos: number; line: number } {
  const n = b.length;
  const quoted: QuotedField = { end: 0, value: null, newlines: 0, stray: false, unclosed: false };
  const names: string[] = [];
  let line = 1;
  while (pos < n) {
    if (b[pos] === QUOTE) {
      readQuoted(b, pos, delim, quoted);
      log.quoted(quoted, line);
      names.push(quoted.value ?? b.toString('utf8', pos + 1, quoted.end));
      line += quoted.newlines;
      pos = quoted.end + 1;
    } else {
      let e = pos;
      while (e < n && b[e] !== delim && b[e] !== LF) e++;
      const end = (e === n || b[e] === LF) && e > pos && b[e - 1] === CR ? e - 1 : e;
      names.push(b.toString('utf8', pos, end));
      pos = e;
    }
    if (pos >= n) break;
    if (b[pos] === delim) {
      pos++;
      if (pos === n) names.push('');
      continue;
    }
    pos += b[pos] === CR ? 2 : 1;
    line++;
    break;
  }
  return { names, pos, line };
}

/** Where the records' requested fields are: `stride` offsets per record (see CsvField). */
interface CsvRecords {
  offsets: Int32Array;
  lines: Int32Array;
  rowCount: number;
}

/**
 * Reads the records from `pos` (on `line`) on: per record its line, and the start and end offsets
 * of each field whose header position has a slot (slotOf[position] ≥ 0) at 2 × slot in the record's
 * `stride` offsets; values that differ from their bytes go to unescaped[slot] instead (start -1).
 */
function readRecords(
  b: Buffer,
  pos: number,
  line: number,
  delim: number,
  slotOf: Int32Array,
  stride: number,
  unescaped: Map<number, string>[],
  log: CsvLog,
): CsvRecords {
  const n = b.length;
  const width = slotOf.length;
  const stop = Math.max(delim, LF);
  const quoted: QuotedField = { end: 0, value: null, newlines: 0, stray: false, unclosed: false };
  // Offsets for the records the size predicts; grown when it predicted too few.
  const dataStart = pos;
  let capacity = estimateRecords(b, pos);
  let offsets = new Int32Array(capacity * stride);
  let lines = new Int32Array(capacity);
  let row = 0;
  while (pos < n) {
    let c = b[pos];
    if (c === LF || (c === CR && (pos + 1 === n || b[pos + 1] === LF))) {
      pos += c === CR ? 2 : 1;
      line++;
      continue;
    }
    if (row === capacity) {
      // Grow to the row count the bytes read so far predict for the whole input, and some.
      capacity = Math.max(
        2 * capacity,
        Math.ceil((((row + 1) * (n - dataStart)) / (pos - dataStart + 1)) * 1.05),
      );
      const grownOffsets = new Int32Array(capacity * stride);
      grownOffsets.set(offsets);
      offsets = grownOffsets;
      const grownLines = new Int32Array(capacity);
      grownLines.set(lines);
      lines = grownLines;
    }
    const recordLine = line;
    lines[row] = line;
    const base = row * stride;
    let f = 0;
    for (;;) {
      const slot = f < width ? slotOf[f] : -1;
      if (pos < n && b[pos] === QUOTE) {
        readQuoted(b, pos, delim, quoted);
        log.quoted(quoted, line);
        line += quoted.newlines;
        if (slot >= 0) {
          if (quoted.value === null) {
            offsets[base + 2 * slot] = pos + 1;
            offsets[base + 2 * slot + 1] = quoted.end;
          } else {
            offsets[base + 2 * slot] = -1;
            unescaped[slot].set(row, quoted.value);
          }
        }
        pos = quoted.end + 1;
      } else {
        let e = pos;
        c = 0;
        while (e < n) {
          c = b[e];
          // Most bytes are above the separator and LF, so one comparison rules them out.
          if (c <= stop && (c === delim || c === LF)) break;
          e++;
        }
        if (slot >= 0) {
          offsets[base + 2 * slot] = pos;
          offsets[base + 2 * slot + 1] = (e === n || c === LF) && e > pos && b[e - 1] === CR ? e - 1 : e;
        }
        pos = e;
      }
      f++;
      if (pos >= n) break;
      c = b[pos];
      if (c === delim) {
        pos++;
        continue;
      }
      pos += c === CR ? 2 : 1;
      line++;
      break;
    }
    // Fields the record lacks stay empty (offsets 0, 0).
    if (f !== width) log.problem(recordLine, `${f} fields where the header has ${width}`);
    row++;
  }
  return { offsets, lines: lines.subarray(0, row), rowCount: row };
}

/**
 * parseCsvColumns on the bytes of a UTF-8 file: the bytes are scanned as they are (separators,
 * quotes and line ends are ASCII, so they never occur inside a multi-byte character) and only the
 * values asked for are decoded. `delimiter` is one ASCII character.
 */
export function parseCsvBytes(bytes: Uint8Array, delimiter: string, fields: readonly string[]): CsvColumns {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delim = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || delim >= 0x80)
    throw new Error(`not a one-character ASCII separator: '${delimiter}'`);
  const log = new CsvLog();
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const { names, pos, line } = readHeader(b, bom, delim, log);

  // Requested fields: header position → slot in the per-record offsets (-1: not requested).
  const keys = names.map(headerKey);
  const slotOf = new Int32Array(names.length).fill(-1);
  const slotNames: string[][] = [];
  for (const name of fields) {
    const index = keys.indexOf(headerKey(name));
    if (index < 0) continue;
    if (slotOf[index] < 0) {
      slotOf[index] = slotNames.length;
      slotNames.push([]);
    }
    slotNames[slotOf[index]].push(name);
  }
  const stride = Math.max(2 * slotNames.length, 1);
  const unescaped = slotNames.map(() => new Map<number, string>());
  const records = readRecords(b, pos, line, delim, slotOf, stride, unescaped, log);

  const columns: Record<string, CsvField> = {};
  for (let slot = 0; slot < slotNames.length; slot++) {
    const field = new CsvField(b, records.offsets, stride, 2 * slot, records.rowCount, unescaped[slot]);
    for (const name of slotNames[slot]) columns[name] = field;
  }
  return {
    header: names,
    columns,
    lines: records.lines,
    rowCount: records.rowCount,
    problems: log.problems,
    problemCount: log.problemCount,
    strayQuotes: log.strayQuotes,
    strayQuoteCount: log.strayQuoteCount,
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

/** A role as written (`thirdParty`, `THIRD PARTY`, …) in the vocabulary's words. */
interface RoleSpelling {
  /** 0 when blank, else 1 + the role's place in PARTICIPATION_ROLES (`other` when unknown). */
  code: number;
  /** The text of an unknown role (to be counted), else null. */
  unknown: string | null;
}

/** A CORDIS role in the vocabulary's words; null when blank; `other` (to be counted) when unknown. */
function mapRole(raw: string | undefined): RoleSpelling {
  const s = text(raw);
  if (s === null || s === 'NA') return { code: 0, unknown: null };
  const role = ROLES[headerKey(s)];
  return role === undefined
    ? { code: 1 + PARTICIPATION_ROLES.indexOf('other'), unknown: s }
    : { code: 1 + PARTICIPATION_ROLES.indexOf(role), unknown: null };
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

/** An activity type code in capitals; null when blank or `NA`. */
function activityType(raw: string | undefined): string | null {
  const s = text(raw);
  return s === null || s === 'NA' ? null : s.toUpperCase();
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

const PLAIN_ID = /^(?:0|[1-9]\d{0,8})$/;

/** An Int32Array at least `size` long with the contents of `a`; new places hold `fill`. */
function grownInt32(a: Int32Array<ArrayBuffer>, size: number, fill: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const grown = new Int32Array(Math.max(size, 2 * a.length));
  grown.set(a);
  if (fill !== 0) grown.fill(fill, a.length);
  return grown;
}

/** An array of `size` nulls. */
function nulls<T>(size: number): (T | null)[] {
  return new Array<T | null>(size).fill(null);
}

/**
 * Dense ids (0, 1, 2, … in order of first appearance) for the values of id columns, which may come
 * from several files. Plain ids (1–9 digits, no leading zero, as PICs and project numbers are) are
 * found as numbers in an open-addressing table without making a string; other ids by their trimmed
 * text. Blank and `NA` ids have no id. The table keeps key and id side by side, so that a lookup
 * touches one cache line: with tens of thousands of ids, memory latency is what lookups cost.
 */
class KeyIndex {
  /** Per slot two numbers: the numeric key + 1 (0 when the slot is empty) and its id. */
  private slots = new Int32Array(2 * 1024);
  /** 32 − log2(slot count), for Fibonacci hashing. */
  private shift = 22;
  private numeric = 0;
  private readonly byText = new Map<string, number>();
  /** Per id: the numeric key, or -1 for a text key (kept in `textOf`). */
  private keyOf = new Int32Array(1024);
  private readonly textOf = new Map<number, string>();
  size = 0;
  /** Whether the last add() made a new id. */
  added = false;

  /** The id of record i's key, made when new; -1 when the key is blank or `NA`. */
  add(field: CsvField, i: number): number {
    return this.lookup(field, i, true);
  }

  /** The id of record i's key; -1 when blank, `NA` or unknown. */
  find(field: CsvField, i: number): number {
    return this.lookup(field, i, false);
  }

  /** The key of an id as text (String(key) for numeric keys). */
  text(id: number): string {
    const key = this.keyOf[id];
    return key >= 0 ? String(key) : this.textOf.get(id)!;
  }

  /** text() of every id. */
  texts(): string[] {
    const out: string[] = new Array(this.size);
    for (let id = 0; id < this.size; id++) out[id] = this.text(id);
    return out;
  }

  private lookup(field: CsvField, i: number, insert: boolean): number {
    this.added = false;
    let key = field.key(i);
    if (typeof key !== 'number') {
      const s = key.trim();
      if (s === '' || s === 'NA') return -1;
      if (!PLAIN_ID.test(s)) {
        let id = this.byText.get(s);
        if (id === undefined) {
          if (!insert) return -1;
          id = this.newId(-1);
          this.byText.set(s, id);
          this.textOf.set(id, s);
        }
        return id;
      }
      key = Number(s);
    }
    const slots = this.slots;
    const mask = slots.length - 2;
    let at = (Math.imul(key, 0x9e3779b1) >>> this.shift) << 1;
    for (let k = slots[at]; k !== 0; k = slots[at]) {
      if (k === key + 1) return slots[at + 1];
      at = (at + 2) & mask;
    }
    if (!insert) return -1;
    const id = this.newId(key);
    slots[at] = key + 1;
    slots[at + 1] = id;
    // Grown at three quarters full: a smaller table stays in cache, which matters more than probes.
    if (4 * ++this.numeric > 1.5 * slots.length) this.grow();
    return id;
  }

  private newId(key: number): number {
    const id = this.size++;
    if (id === this.keyOf.length) this.keyOf = grownInt32(this.keyOf, 2 * id, 0);
    this.keyOf[id] = key;
    this.added = true;
    return id;
  }

  /** Doubles the table. */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 2;
    this.shift--;
    for (let s = 0; s < old.length; s += 2) {
      const k = old[s];
      if (k === 0) continue;
      let at = (Math.imul(k - 1, 0x9e3779b1) >>> this.shift) << 1;
      while (slots[at] !== 0) at = (at + 2) & mask;
      slots[at] = k;
      slots[at + 1] = old[s + 1];
    }
    this.slots = slots;
  }
}

/** Small integer codes for a few distinct strings (activity types, countries). */
class Codes {
  readonly names: string[] = [];
  private readonly byName = new Map<string, number>();

  /** The code of a string; -1 for null. */
  of(name: string | null): number {
    if (name === null) return -1;
    let code = this.byName.get(name);
    if (code === undefined) {
      code = this.names.length;
      this.names.push(name);
      this.byName.set(name, code);
    }
    return code;
  }

  name(code: number): string | null {
    return code < 0 ? null : this.names[code];
  }
}

const OTHER_TYPE = 1;
const SEVERAL_COUNTRIES = 2;

/**
 * Organisations by dense id (see KeyIndex), one array per attribute. What every participation row
 * updates (activity type, country counts) is kept as small codes side by side in one typed array,
 * so that a row touches one place of memory for its organisation.
 */
class Organisations {
  readonly keys = new KeyIndex();
  readonly types = new Codes();
  /** Per type code: whether it is one of KNOWN_TYPES. */
  private readonly knownTypes: boolean[] = [];
  readonly countries = new Codes();
  file = new Uint16Array(1024);
  line = new Int32Array(1024);
  /** Per organisation 4 numbers: type code, first country code, rows with that country, flags. */
  private state = new Int32Array(4 * 1024);
  /** Row counts per country of organisations with flag SEVERAL_COUNTRIES. */
  private readonly countryCounts = new Map<number, Map<number, number>>();
  /** Attributes by organisation, for as many as withAttributes() was told. */
  sme: (boolean | string | null)[] = [];
  name: (string | null)[] = [];
  locality: (string | null)[] = [];
  nuts: (string | null)[] = [];
  lat: (number | string | null)[] = [];
  lon: (number | string | null)[] = [];

  /**
   * Makes the attribute arrays (sme, name, …) `count` long, all null: before organisations are
   * added with an upper bound, or once all are added with `size`, which spares filling arrays for
   * rows that are not organisations.
   */
  withAttributes(count: number): this {
    this.sme = nulls(count);
    this.name = nulls(count);
    this.locality = nulls(count);
    this.nuts = nulls(count);
    this.lat = nulls(count);
    this.lon = nulls(count);
    return this;
  }

  get size(): number {
    return this.keys.size;
  }

  /** The organisation of record i's id, made (at this file and line) when new; -1 when blank. */
  add(field: CsvField, i: number, file: number, line: number): number {
    const o = this.keys.add(field, i);
    if (this.keys.added) {
      if (o === this.line.length) {
        const grown = new Uint16Array(2 * o);
        grown.set(this.file);
        this.file = grown;
        this.line = grownInt32(this.line, 2 * o, 0);
        this.state = grownInt32(this.state, 8 * o, 0);
      }
      this.file[o] = file;
      this.line[o] = line;
      this.state[4 * o] = -1;
      this.state[4 * o + 1] = -1;
    }
    return o;
  }

  /** Counts a row's activity type (code from `types`) when it is not one of CORDIS' five. */
  countUnknownType(type: number, unknown: Map<string, number>): void {
    if (type < 0) return;
    let known = this.knownTypes[type];
    if (known === undefined) {
      known = KNOWN_TYPES.has(this.types.names[type]);
      this.knownTypes[type] = known;
    }
    if (!known) unknown.set(this.types.names[type], (unknown.get(this.types.names[type]) ?? 0) + 1);
  }

  /** The activity type (code from `types`, -1: none) of an organisation's first row that has one. */
  type(o: number): number {
    return this.state[4 * o];
  }

  /** Sets the type when the organisation has none; notes a different one. */
  setType(o: number, type: number): void {
    if (type < 0) return;
    const known = this.state[4 * o];
    if (known < 0) this.state[4 * o] = type;
    else if (known !== type) this.state[4 * o + 3] |= OTHER_TYPE;
  }

  /** Sets the type when the organisation has none, without noting a different one. */
  setMissingType(o: number, type: number): void {
    if (this.state[4 * o] < 0) this.state[4 * o] = type;
  }

  hasOtherType(o: number): boolean {
    return (this.state[4 * o + 3] & OTHER_TYPE) !== 0;
  }

  hasCountry(o: number): boolean {
    return this.state[4 * o + 1] >= 0;
  }

  /** Counts a row's country (code from `countries`; -1: none). */
  countCountry(o: number, country: number): void {
    if (country < 0) return;
    const at = 4 * o;
    const first = this.state[at + 1];
    if ((this.state[at + 3] & SEVERAL_COUNTRIES) === 0) {
      if (first < 0 || first === country) {
        this.state[at + 1] = country;
        this.state[at + 2]++;
        return;
      }
      this.state[at + 3] |= SEVERAL_COUNTRIES;
      this.countryCounts.set(o, new Map([[first, this.state[at + 2]]]));
    }
    const counts = this.countryCounts.get(o)!;
    counts.set(country, (counts.get(country) ?? 0) + 1);
  }

  /** The most frequent country of an organisation's rows (the first seen on a tie). */
  mainCountry(o: number): string | null {
    let best = this.state[4 * o + 1];
    const counts = this.countryCounts.get(o);
    if (counts !== undefined) {
      let bestCount = 0;
      for (const [c, k] of counts) {
        if (k > bestCount) {
          best = c;
          bestCount = k;
        }
      }
    }
    return this.countries.name(best);
  }

  table(files: string[]): CordisTable {
    const count = this.size;
    const kind: Value[] = new Array(count);
    const country: Value[] = new Array(count);
    // The kind of each type without and with the SME flag, to spare a string per organisation.
    const kinds = this.types.names.map((t) => [kindOf(t, null), kindOf(t, true)]);
    kinds.push([kindOf(null, null), kindOf(null, true)]); // at -1: no type
    for (let o = 0; o < count; o++) {
      const type = this.type(o);
      kind[o] = kinds.at(type)![this.sme[o] === true ? 1 : 0];
      country[o] = this.mainCountry(o);
    }
    const columns: Record<string, Value[]> = {
      id: this.keys.texts(),
      name: this.name,
      kind,
      country,
      nuts: this.nuts,
      locality: this.locality,
      lat: this.lat,
      lon: this.lon,
      sme: this.sme,
    };
    for (const values of Object.values(columns)) values.length = count;
    return {
      rowCount: count,
      columns,
      provenance: { files, file: this.file.slice(0, count), line: this.line.slice(0, count) },
    };
  }
}

/**
 * Projects in reading order. Usually one per id; the official project.csv may repeat an id (kept
 * for the validator to report), in which case the id leads to the first.
 */
class Projects {
  readonly keys = new KeyIndex();
  /** Per key id: its first project, -1 when none yet. */
  private ofKey = new Int32Array(1024).fill(-1);
  size = 0;
  /** Per project: its key id, -1 for a blank id. */
  private key = new Int32Array(1024);
  file = new Uint16Array(1024);
  line = new Int32Array(1024);
  /** Attributes by project, for as many as withAttributes() was told. */
  acronym: (string | null)[] = [];
  programme: (string | null)[] = [];
  start: (string | null)[] = [];
  end: (string | null)[] = [];
  cost: (number | string | null)[] = [];

  /** Makes the attribute arrays `count` long, all null (see Organisations.withAttributes). */
  withAttributes(count: number): this {
    this.acronym = nulls(count);
    this.programme = nulls(count);
    this.start = nulls(count);
    this.end = nulls(count);
    this.cost = nulls(count);
    return this;
  }

  /** Pads attribute arrays that were filled in project order, not for all projects, with nulls. */
  padAttributes(): void {
    for (const values of [this.acronym, this.programme, this.start, this.end, this.cost])
      while (values.length < this.size) values.push(null);
  }

  /** The project of a key id from `keys`, -1 when there is none yet (or the key is -1). */
  of(key: number): number {
    return key < 0 || key >= this.ofKey.length ? -1 : this.ofKey[key];
  }

  /** A new project with key id `key` (-1: blank id), which leads to it when it has no project yet. */
  add(key: number, file: number, line: number): number {
    const p = this.size++;
    if (p === this.key.length) {
      this.key = grownInt32(this.key, 2 * p, 0);
      this.line = grownInt32(this.line, 2 * p, 0);
      const grown = new Uint16Array(2 * p);
      grown.set(this.file);
      this.file = grown;
    }
    this.key[p] = key;
    this.file[p] = file;
    this.line[p] = line;
    if (key >= 0 && this.of(key) < 0) {
      this.ofKey = grownInt32(this.ofKey, key + 1, -1);
      this.ofKey[key] = p;
    }
    return p;
  }

  /** The id of a project as text ('' when blank). */
  id(p: number): string {
    const key = this.key[p];
    return key < 0 ? '' : this.keys.text(key);
  }

  table(files: string[]): CordisTable {
    const count = this.size;
    const id: Value[] = new Array(count);
    for (let p = 0; p < count; p++) id[p] = this.id(p);
    const columns: Record<string, Value[]> = {
      id,
      acronym: this.acronym,
      programme: this.programme,
      start: this.start,
      end: this.end,
      cost: this.cost,
    };
    for (const values of Object.values(columns)) values.length = count;
    return {
      rowCount: count,
      columns,
      provenance: { files, file: this.file.slice(0, count), line: this.line.slice(0, count) },
    };
  }
}

/** Participation rows, merged on (project, organisation). */
class Participations {
  /** Rows kept. */
  count = 0;
  /** Rows read, duplicates included. */
  rows = 0;
  duplicates = 0;
  /** Per row: project and organisation number, -1 when the row has none. */
  readonly project: Int32Array;
  readonly organisation: Int32Array;
  /** Per row: 0 for no role, else 1 + the role's place in PARTICIPATION_ROLES. */
  private readonly role: Uint8Array;
  /** Per row: the contribution when `contributionKind` is NUMBER; text ones are in `contributionText`. */
  private readonly contribution: Float64Array;
  private readonly contributionKind: Uint8Array;
  private readonly contributionText = new Map<number, string>();
  readonly file: Uint16Array;
  readonly line: Int32Array;
  /** The rows of a project, as a list: its last row, and per row the one before in the same project. */
  private head = new Int32Array(1024).fill(-1);
  private readonly previous: Int32Array;
  readonly unknownRoles = new Map<string, number>();
  readonly examples: string[] = [];

  /** For at most `capacity` rows. */
  constructor(
    capacity: number,
    private readonly projects: Projects,
    private readonly organisations: Organisations,
  ) {
    this.project = new Int32Array(capacity);
    this.organisation = new Int32Array(capacity);
    this.role = new Uint8Array(capacity);
    this.contribution = new Float64Array(capacity);
    this.contributionKind = new Uint8Array(capacity);
    this.file = new Uint16Array(capacity);
    this.line = new Int32Array(capacity);
    this.previous = new Int32Array(capacity);
  }

  add(
    file: number,
    fileName: string,
    line: number,
    project: number,
    organisation: number,
    role: RoleSpelling,
    contribution: number | string | null,
  ): void {
    this.rows++;
    if (role.unknown !== null)
      this.unknownRoles.set(role.unknown, (this.unknownRoles.get(role.unknown) ?? 0) + 1);
    if (project >= 0 && organisation >= 0) {
      if (project >= this.head.length) this.head = grownInt32(this.head, project + 1, -1);
      // A project has a handful of participants, so a walk through its rows is cheap.
      for (let first = this.head[project]; first >= 0; first = this.previous[first]) {
        if (this.organisation[first] !== organisation) continue;
        this.duplicates++;
        if (this.examples.length < 5) {
          this.examples.push(
            `project ${this.projects.id(project)} / organisation ${this.organisations.keys.text(organisation)} at ${basename(fileName)}:${line} (first at line ${this.line[first]})`,
          );
        }
        // Numbers are summed; a text value (kept for the validator) stays.
        if (typeof contribution === 'number') {
          const kind = this.contributionKind[first];
          if (kind === NO_CONTRIBUTION) {
            this.contribution[first] = contribution;
            this.contributionKind[first] = NUMBER;
          } else if (kind === NUMBER) this.contribution[first] += contribution;
        }
        return;
      }
    }
    const k = this.count++;
    this.project[k] = project;
    this.organisation[k] = organisation;
    this.role[k] = role.code;
    if (typeof contribution === 'number') {
      this.contribution[k] = contribution;
      this.contributionKind[k] = NUMBER;
    } else if (contribution !== null) {
      this.contributionText.set(k, contribution);
      this.contributionKind[k] = TEXT;
    }
    this.file[k] = file;
    this.line[k] = line;
    if (project >= 0 && organisation >= 0) {
      this.previous[k] = this.head[project];
      this.head[project] = k;
    }
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

  /** Participations whose organisation has a locality. */
  withCity(): number {
    const locality = this.organisations.locality;
    let count = 0;
    for (let k = 0; k < this.count; k++) {
      const o = this.organisation[k];
      if (o >= 0 && locality[o] !== null) count++;
    }
    return count;
  }

  table(files: string[], projectIds: Value[], organisationIds: Value[]): CordisTable {
    const n = this.count;
    const project: Value[] = new Array(n);
    const organisation: Value[] = new Array(n);
    const role: Value[] = new Array(n);
    const contribution: Value[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const p = this.project[k];
      const o = this.organisation[k];
      project[k] = p < 0 ? null : projectIds[p];
      organisation[k] = o < 0 ? null : organisationIds[o];
      const r = this.role[k];
      role[k] = r === 0 ? null : PARTICIPATION_ROLES[r - 1];
      const kind = this.contributionKind[k];
      contribution[k] =
        kind === NUMBER ? this.contribution[k] : kind === TEXT ? this.contributionText.get(k)! : null;
    }
    return {
      rowCount: n,
      columns: { project, organisation, role, contribution },
      provenance: { files, file: this.file.slice(0, n), line: this.line.slice(0, n) },
    };
  }
}

const NO_CONTRIBUTION = 0;
const NUMBER = 1;
const TEXT = 2;

function emptyTable(columns: readonly string[], files: string[]): CordisTable {
  return {
    rowCount: 0,
    columns: Object.fromEntries(columns.map((c) => [c, []])),
    provenance: { files, file: new Uint16Array(0), line: new Int32Array(0) },
  };
}

// ---------------------------------------------------------------------------------------------
// Files

/**
 * Output chunk size for gunzipping `gz`: the uncompressed size its trailer gives (ISIZE, the size
 * modulo 2^32 of the last member), so that the output comes in one piece, decompressed fastest and
 * not copied. Should the trailer understate the size, the output simply comes in more chunks.
 */
function gunzipChunkSize(gz: Uint8Array): number {
  const n = gz.length;
  const size = n >= 18 ? (gz[n - 4] | (gz[n - 3] << 8) | (gz[n - 2] << 16) | (gz[n - 1] << 24)) >>> 0 : 0;
  return Math.min(Math.max(size + 64, 1 << 16), 1 << 30);
}

/** A file's bytes (gunzipped when it ends in `.gz`), checked to be UTF-8, or the issue that makes it unreadable. */
function readBytes(file: string): { bytes: Buffer } | { issue: InputIssue } {
  let bytes = readFileSync(file);
  if (/\.gz$/i.test(file)) {
    try {
      bytes = gunzipSync(bytes, { chunkSize: gunzipChunkSize(bytes) });
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
  if (isUtf8(bytes)) return { bytes };
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
  const read = readBytes(file);
  if ('issue' in read) {
    issues.push(read.issue);
    return null;
  }
  const headerLine = firstLine(read.bytes);
  if (headerLine.trim() === '') {
    issues.push({ file, line: 1, column: null, reason: 'empty file: the first line must name the columns' });
    return null;
  }
  const csv = parseCsvBytes(read.bytes, detectDelimiter(headerLine), fields);
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
  organisations: Organisations;
  projects: Projects;
  participations: Participations;
  notes: string[];
}

const pct = (k: number, n: number) => `${n === 0 ? 0 : ((100 * k) / n).toFixed(1)}%`;

const listed = (counts: Map<string, number>) => [...counts].map(([t, k]) => `'${t}' ×${k}`).join(', ');

/** A conversion of a column's values memoised per distinct value (see CsvField.code). */
class Memo<T> {
  private readonly cache: (T | undefined)[] = [];
  private readonly missing: T;

  /** `field` undefined: the column is missing, every record gives convert(undefined). */
  constructor(
    private readonly field: CsvField | undefined,
    private readonly convert: (raw: string | undefined) => T,
  ) {
    this.missing = convert(undefined);
  }

  /** convert(field.interned(i)). */
  get(i: number): T {
    const field = this.field;
    if (field === undefined) return this.missing;
    const code = field.code(i);
    let value = this.cache[code];
    if (value === undefined) {
      value = this.convert(field.value(code));
      this.cache[code] = value;
    }
    return value;
  }
}

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
  const projects = new Projects().withAttributes((projCsv?.csv.rowCount ?? 0) + o.rowCount);
  if (projCsv !== null) {
    const p = projCsv.csv;
    const pc = p.columns;
    const pf = files.indexOf(projCsv.file);
    const ids = pick(p, 'id', 'projectID')!;
    const programmes = pick(p, 'legalBasis', 'programme');
    for (let i = 0; i < p.rowCount; i++) {
      const project = projects.add(projects.keys.add(ids, i), pf, p.lines[i]);
      projects.acronym[project] = text(pc.acronym?.text(i));
      projects.programme[project] = text(programmes?.interned(i)) ?? text(pc.frameworkProgramme?.interned(i));
      projects.start[project] = parseDate(pc.startDate?.interned(i));
      projects.end[project] = parseDate(pc.endDate?.interned(i));
      projects.cost[project] = pc.totalCost?.number(i) ?? null;
    }
  }
  const listedProjects = projects.size;

  const fileIndex = files.indexOf(orgFile);
  const organisations = new Organisations().withAttributes(o.rowCount);
  const participations = new Participations(o.rowCount, projects, organisations);
  const badNuts: string[] = [];
  let badNutsCount = 0;
  const unknownTypes = new Map<string, number>();
  const c = o.columns;
  const contributions = c.ecContribution ?? c.netEcContribution;
  const types = new Memo(c.activityType, (raw) => organisations.types.of(activityType(raw)));
  const countries = new Memo(c.country, (raw) => organisations.countries.of(text(raw)));
  const roles = new Memo(c.role, mapRole);
  for (let i = 0; i < o.rowCount; i++) {
    const line = o.lines[i];
    const projectKey = projects.keys.add(projectIds, i);
    let project = -1;
    if (projectKey >= 0) {
      project = projects.of(projectKey);
      if (project < 0) {
        project = projects.add(projectKey, fileIndex, line);
        projects.acronym[project] = text(c.projectAcronym?.text(i));
      }
    }
    const org = organisations.add(orgIds, i, fileIndex, line);
    if (org >= 0) {
      const type = types.get(i);
      organisations.countUnknownType(type, unknownTypes);
      organisations.setType(org, type);
      organisations.countCountry(org, countries.get(i));
      if (organisations.sme[org] === null) organisations.sme[org] = parseFlag(c.SME?.interned(i));
      organisations.name[org] ??= cleanName(c.name?.text(i));
      organisations.locality[org] ??= cleanCity(c.city?.text(i));
      if (organisations.nuts[org] === null) {
        const nuts = text(c.nutsCode?.interned(i));
        if (nuts !== null) {
          if (NUTS_PATTERN.test(nuts.toUpperCase())) organisations.nuts[org] = nuts.toUpperCase();
          else {
            badNutsCount++;
            if (badNuts.length < 5) badNuts.push(`'${nuts}' at line ${line}`);
          }
        }
      }
      if (organisations.lat[org] === null && organisations.lon[org] === null) {
        const geo = text(c.geolocation?.text(i));
        if (geo !== null) {
          const parts = geo.split(',');
          if (parts.length === 2) {
            organisations.lat[org] = parseNumber(parts[0]);
            organisations.lon[org] = parseNumber(parts[1]);
          } else organisations.lat[org] = geo;
        }
      }
    }
    participations.add(
      fileIndex,
      orgFile,
      line,
      project,
      org,
      roles.get(i),
      contributions?.number(i) ?? null,
    );
  }
  if (badNutsCount > 0) {
    notes.push(
      `${badNutsCount} nutsCode value(s) are not NUTS codes and were dropped (e.g. ${badNuts.join(', ')})`,
    );
  }
  if (unknownTypes.size > 0)
    notes.push(`unknown activity types, organisations stored as 'other': ${listed(unknownTypes)}`);
  let conflicting = 0;
  for (let k = 0; k < organisations.size; k++) if (organisations.hasOtherType(k)) conflicting++;
  if (conflicting > 0)
    notes.push(`${conflicting} organisation(s) have rows with different activity types; the first was used`);
  const added = projects.size - listedProjects;
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
  const organisations = new Organisations();
  const projects = new Projects();
  const participations = new Participations(p.rowCount, projects, organisations);
  const unknownTypes = new Map<string, number>();
  const types = new Memo(c.type, (raw) => organisations.types.of(activityType(raw)));
  const countries = new Memo(c.country, (raw) => organisations.countries.of(text(raw)));
  const roles = new Memo(c.role, mapRole);
  const starts = new Memo(c.start_date, parseDate);
  const ends = new Memo(c.end_date, parseDate);
  // In passes: first each row's project, organisation, type and country are looked up into small
  // arrays, then organisations are updated, then participations added. Short loops whose rows do
  // not depend on each other keep several memory accesses in flight; one loop doing everything
  // would wait for each in turn.
  const n = p.rowCount;
  const projectOf = new Int32Array(n);
  const organisationOf = new Int32Array(n);
  const typeOf = new Int32Array(n);
  const countryOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = projects.keys.add(c.rcn, i);
    let project = projects.of(key);
    if (key >= 0 && project < 0) {
      // A project's dates and cost are those of its first row (appended in project order).
      project = projects.add(key, pf, p.lines[i]);
      projects.start[project] = starts.get(i);
      projects.end[project] = ends.get(i);
      projects.cost[project] = c.total_cost?.number(i) ?? null;
    }
    projectOf[i] = project;
    organisationOf[i] = organisations.add(c.pic, i, pf, p.lines[i]);
    typeOf[i] = types.get(i);
    countryOf[i] = countries.get(i);
  }
  projects.padAttributes();
  for (let i = 0; i < n; i++) {
    const org = organisationOf[i];
    if (org < 0) continue;
    organisations.countUnknownType(typeOf[i], unknownTypes);
    organisations.setType(org, typeOf[i]);
    organisations.countCountry(org, countryOf[i]);
  }
  for (let i = 0; i < n; i++) {
    participations.add(
      pf,
      partFile,
      p.lines[i],
      projectOf[i],
      organisationOf[i],
      roles.get(i),
      c.contribution?.number(i) ?? null,
    );
  }
  if (unknownTypes.size > 0)
    notes.push(`unknown activity types, organisations stored as 'other': ${listed(unknownTypes)}`);
  organisations.withAttributes(organisations.size);

  if (parts !== undefined) {
    const l = parts.csv;
    const labels = new Memo(l.columns.programme_part, label);
    const programme = projects.programme;
    let unknown = 0;
    for (let i = 0; i < l.rowCount; i++) {
      const project = projects.of(projects.keys.find(l.columns.rcn, i));
      const part = labels.get(i);
      if (project < 0) unknown++;
      else if (part !== null) {
        // A project can belong to several programme parts: all are kept, joined with `|`.
        const known = programme[project];
        if (known === null) programme[project] = part;
        else if (!known.split('|').includes(part)) programme[project] = `${known}|${part}`;
      }
    }
    let without = 0;
    let several = 0;
    for (let project = 0; project < projects.size; project++) {
      const known = programme[project];
      if (known === null) without++;
      else if (known.includes('|')) several++;
    }
    const name = basename(parts.file);
    if (several > 0) {
      notes.push(
        `${several} projects belong to several programme parts in ${name}: stored joined with '|' (e.g. 'SC4|LEIT')`,
      );
    }
    if (without > 0) notes.push(`${without} of ${projects.size} projects have no programme part in ${name}`);
    if (unknown > 0)
      notes.push(`${unknown} row(s) of ${name} name projects without participations: left out`);
  }

  // Names and cities from the lists, the 2017 H2020 list first; types and countries only where missing.
  // Only the rows of organisations that take part are looked at beyond their id.
  let typeDisagreements = 0;
  for (const list of [h2020, fp7]) {
    if (list === undefined) continue;
    const l = list.csv;
    const lc = l.columns;
    const isH2020 = list === h2020;
    const ids = isH2020 ? lc.orgId : lc.idOrganization;
    const listCountries = new Memo(lc.country, (raw) => organisations.countries.of(text(raw)));
    const listTypes = new Memo(lc.activityType, (raw) => organisations.types.of(activityType(raw)));
    // Many organisations share a city: each distinct one is cleaned once.
    const cities = new Memo(lc.city, cleanCity);
    let matched = 0;
    for (let i = 0; i < l.rowCount; i++) {
      const org = organisations.keys.find(ids, i);
      if (org < 0) continue;
      matched++;
      organisations.name[org] ??= cleanName(lc.name?.text(i));
      organisations.locality[org] ??= isH2020 ? cities.get(i) : cityFromAddress(lc.address?.text(i));
      if (!organisations.hasCountry(org)) organisations.countCountry(org, listCountries.get(i));
      if (isH2020) {
        const type = listTypes.get(i);
        const known = organisations.type(org);
        if (known < 0) organisations.setMissingType(org, type);
        else if (type >= 0 && type !== known) typeDisagreements++;
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
  for (let o = 0; o < organisations.size; o++) {
    if (organisations.hasOtherType(o)) conflicting++;
    if (organisations.name[o] === null) unnamed++;
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
  const withCity = participations.withCity();
  stats.participationRows = participations.rows;
  stats.duplicateRows = participations.duplicates;
  stats.organisations = organisations.size;
  stats.projects = projects.size;
  stats.participations = participations.count;
  stats.participationsWithCity = withCity;
  const organisationTable = organisations.table(files);
  const projectTable = projects.table(files);
  const tables: CordisTables = {
    organisations: organisationTable,
    projects: projectTable,
    participations: participations.table(files, projectTable.columns.id, organisationTable.columns.id),
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
