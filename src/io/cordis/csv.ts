/**
 * The CORDIS byte scanner: parses CSV straight from bytes, keeping field offsets instead of strings
 * and interning values by a hash of their bytes (the measured-fast path; see docs/benchmarks.md).
 */
import { headerKey } from '../text.ts';
import { parseNumber } from './values.ts';

export const LF = 10;
export const CR = 13;
export const QUOTE = 34;
export const MAX_PROBLEMS = 20;

/** Hash of bytes s..e, for the value dictionaries. */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = e - s;
  for (let k = s; k < e; k++) h = (Math.imul(h, 31) + b[k]) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

export function sameBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
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
export function estimateRecords(b: Buffer, start: number): number {
  const end = Math.min(b.length, start + (1 << 16));
  let lines = 1;
  for (let i = start; i < end; i++) if (b[i] === LF) lines++;
  return Math.ceil(((lines * (b.length - start)) / Math.max(1, end - start)) * 1.05) + 16;
}

/** The outcome of reading one quoted field (see readQuoted). */
export interface QuotedField {
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
export function readQuoted(b: Buffer, start: number, delim: number, out: QuotedField): void {
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
export class CsvLog {
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
export function readHeader(
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
export interface CsvRecords {
  offsets: Int32Array;
  lines: Int32Array;
  rowCount: number;
}

/**
 * Reads the records from `pos` (on `line`) on: per record its line, and the start and end offsets
 * of each field whose header position has a slot (slotOf[position] ≥ 0) at 2 × slot in the record's
 * `stride` offsets; values that differ from their bytes go to unescaped[slot] instead (start -1).
 */
export function readRecords(
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

/** A conversion of a column's values memoised per distinct value (see CsvField.code). */
export class Memo<T> {
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
