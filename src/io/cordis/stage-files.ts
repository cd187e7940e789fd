/**
 * The CORDIS rows as the files DuckDB's CSV reader stages them from: one CSV file per column, a
 * single field per record, and the statement that loads them (see stage.ts). Free of DuckDB's
 * client, so that a worker thread can write the files while the main thread opens the store
 * (read-in-worker.ts).
 *
 * The staged values keep the stage's invariant (store/stage.ts): trimmed, and blank values NULL
 * (an unquoted empty CSV field is NULL to DuckDB, and a non-empty value is never written empty).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Value } from '../../dataset/raw.ts';
import { columnsOf, type TableName } from '../../model/index.ts';
import { ident, literal } from '../../store/sql.ts';
import { stageName } from '../../store/stage-name.ts';
import { stagedText } from '../staged-text.ts';
import type { CordisTable } from './types.ts';

export { stagedText };

const NEEDS_QUOTES = /[",\r\n]/;

const LF = 10;
const DOT = 46;

/**
 * Below this, a number that is a whole count of hundredths (an amount in euros and cents) is written
 * from that count: any other decimal of at most two places lies at least 0.01 away, far more than
 * the spacing of doubles here (at most 2^-13), so the count's decimal is the shortest one that reads back as
 * the number, which is what String() writes. String() itself cost about 0.2 µs a value: 25 ms for
 * the H2020 participations' contributions, 56,000 of them in cents.
 */
const HUNDREDTHS_BELOW = 2 ** 40;

/** DuckDB's CSV reader refuses longer lines unless told (`max_line_size`, 2 MB by default). */
const DUCKDB_MAX_LINE = 2_097_152;

/** The longest record (in bytes, its line end included) of each column file, for `max_line_size`. */
const longestRecord = new WeakMap<Buffer, number>();

/** One CSV field for a staged value: empty for null or blank, quoted (quotes doubled) where needed. */
export function csvCell(value: Value | undefined): string {
  const text = stagedText(value);
  if (text === null) return '';
  const t = text.trim();
  if (t === '') return '';
  return NEEDS_QUOTES.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

/**
 * A column's CSV text as bytes, one field per line, written straight into a growing buffer: joining
 * an array of 144,726 strings (and encoding the result) cost 0.1–0.2 s per column of the H2020
 * participations, the buffer a tenth of that. Whole numbers (file indices, lines) are written digit
 * by digit; other values as csvCell gives them.
 */
class ColumnBytes {
  private bytes: Buffer;
  private length = 0;
  private longest = 0;

  constructor(rows: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(64, rows * 8));
  }

  private room(needed: number): void {
    if (this.length + needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.length + needed));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** A non-negative whole number and a newline. */
  wholeNumber(value: number): void {
    this.room(12);
    this.digits(value);
    this.bytes[this.length++] = LF;
  }

  /**
   * `hundredths / 100` as String() writes it, and a newline: `12.5` for 1250, `0.07` for 7, `3` for
   * 300. For a non-negative whole `hundredths` below 2^53.
   */
  hundredths(hundredths: number): void {
    this.room(24);
    const whole = Math.floor(hundredths / 100);
    const cents = hundredths - 100 * whole;
    this.digits(whole);
    const b = this.bytes;
    if (cents > 0) {
      b[this.length++] = DOT;
      b[this.length++] = 48 + Math.floor(cents / 10);
      if (cents % 10 !== 0) b[this.length++] = 48 + (cents % 10);
    }
    b[this.length++] = LF;
  }

  /** The digits of a non-negative whole number below 2^53 (room made by the caller). */
  private digits(value: number): void {
    const b = this.bytes;
    let v = value;
    let count = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) count++;
    let at = this.length + count;
    this.length = at;
    do {
      b[--at] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  /** A field (already a CSV cell) and a newline. */
  cell(text: string): void {
    const n = text.length;
    this.room(3 * n + 1);
    const b = this.bytes;
    let at = this.length;
    // ASCII byte by byte (a native write per value costs more than the copy); anything else through
    // Buffer's UTF-8 encoder.
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0x80) {
        at = this.length + b.write(text, this.length, 'utf8');
        break;
      }
      b[at++] = c;
    }
    b[at++] = LF;
    if (at - this.length > this.longest) this.longest = at - this.length;
    this.length = at;
  }

  done(): Buffer {
    const out = this.bytes.subarray(0, this.length);
    longestRecord.set(out, Math.max(this.longest, 12));
    return out;
  }
}

/** A column of raw values as CSV bytes (see ColumnBytes); distinct values converted once. */
function csvColumn(values: Value[], n: number): Buffer {
  const out = new ColumnBytes(n);
  let last: Value | undefined;
  let lastCell = '';
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      out.cell('');
      continue;
    }
    if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= 0 && v < 2 ** 31) {
        out.wholeNumber(v);
        continue;
      }
      if (v > 0 && v < HUNDREDTHS_BELOW) {
        const hundredths = Math.round(v * 100);
        if (hundredths / 100 === v) {
          out.hundredths(hundredths);
          continue;
        }
      }
    }
    // Roles, kinds and countries repeat from row to row: the previous value's cell is reused.
    if (v !== last) {
      lastCell = csvCell(v);
      last = Array.isArray(v) ? undefined : v;
    }
    out.cell(lastCell);
  }
  return out.done();
}

/** Whole numbers (file indices, lines) as CSV bytes. */
function wholeNumbers(values: ArrayLike<number>, n: number): Buffer {
  const out = new ColumnBytes(n);
  for (let i = 0; i < n; i++) out.wholeNumber(values[i]);
  return out.done();
}

/**
 * The CSV files of a table, one per column (a single field per record): the file index, the line,
 * then the staged columns present. One file per column spares building a string per row, which is
 * what the time went into; DuckDB puts the columns side by side again with a positional join.
 */
export function stagingColumns(table: CordisTable, columns: string[], withFile = true): Buffer[] {
  const n = table.rowCount;
  const { file, line } = table.provenance;
  return [
    ...(withFile ? [wholeNumbers(file, n)] : []),
    wholeNumbers(line, n),
    ...columns.map((c) => csvColumn(table.columns[c], n)),
  ];
}

/** The one file all of a table's rows come from (its index in `files`), or -1 when they come from several. */
export function onlyFile(table: CordisTable): number {
  const { file } = table.provenance;
  if (table.rowCount === 0) return -1;
  const first = file[0];
  for (let i = 1; i < table.rowCount; i++) if (file[i] !== first) return -1;
  return first;
}

/**
 * Writes a table's column files into `dir` and returns the statement that loads them into its stage
 * table (DuckDB's CSV reader, the columns put side by side by a positional join). When every row
 * comes from one file (the H2020 tables all come from the participations file) the file is a
 * constant of the statement rather than a column of its own.
 */
export function stagingStatement(dir: string, name: TableName, table: CordisTable): string {
  const columns = columnsOf(name)
    .map(([c]) => c)
    .filter((c) => table.columns[c] !== undefined);
  const { files } = table.provenance;
  const only = onlyFile(table);
  const first = only >= 0 ? 1 : 0;
  const scans: string[] = [];
  const values = stagingColumns(table, columns, only < 0).map((bytes, j) => {
    const k = j + first;
    // A column with no value in any row (every record an empty line) is NULL without a file: on
    // the H2020 files, 5 of the 17 columns, each a scan less for DuckDB.
    if (k >= 2 && bytes.length === table.rowCount) return 'NULL';
    const path = join(dir, `${name}-${k}.csv`);
    writeFileSync(path, bytes);
    const type = k === 0 ? 'INTEGER' : k === 1 ? 'BIGINT' : 'VARCHAR';
    // A value may be as long as its source field was: past DuckDB's default limit, the reader is
    // told the longest record (its buffers grow with the limit, so only then).
    const longest = longestRecord.get(bytes) ?? 0;
    const limit = longest > DUCKDB_MAX_LINE ? `, max_line_size = ${longest + 1}` : '';
    scans.push(`read_csv(${literal(path)}, header = false, auto_detect = false, delim = ',', quote = '"',
                     escape = '"'${limit}, columns = {'c${k}': '${type}'})`);
    return `c${k}`;
  });
  const file = only >= 0 ? literal(files[only]) : `[${files.map(literal).join(', ')}][c0 + 1]`;
  return `INSERT INTO temp.${stageName(name)} (_file, _line, ${columns.map(ident).join(', ')})
          SELECT ${file}, ${values.slice(1 - first).join(', ')}
          FROM ${scans.join(' POSITIONAL JOIN ')}`;
}

/**
 * Whether a table's rows are in the order the commit would sort them into, (file, line): file paths
 * compared byte by byte as DuckDB compares VARCHAR, then line numbers.
 */
export function inFileLineOrder(table: CordisTable): boolean {
  const { files, file, line } = table.provenance;
  const ranked = files.map((name, index) => ({ bytes: Buffer.from(name), index }));
  ranked.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const rank = new Int32Array(files.length);
  for (let r = 0; r < ranked.length; r++) rank[ranked[r].index] = r;
  for (let i = 1; i < table.rowCount; i++) {
    const before = rank[file[i - 1]];
    const here = rank[file[i]];
    if (here < before || (here === before && line[i] < line[i - 1])) return false;
  }
  return true;
}

const STAGING_PREFIX = 'milieu-stage-';

/** Whether a process with this id is running (a signal 0 probes without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A new temporary folder for staging files, named with this process's id. Folders a killed import
 * left behind (their process no longer runs) are removed first: an interrupted command cannot clean
 * up after itself, the next one does. Throws when no folder can be made there.
 */
export function makeStagingFolder(): string {
  const root = tmpdir();
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    // an unreadable temporary folder: nothing to clean up
  }
  for (const name of names) {
    const m = /^milieu-stage-(\d+)-/.exec(name);
    if (m && Number(m[1]) !== process.pid && !running(Number(m[1])))
      rmSync(join(root, name), { recursive: true, force: true });
  }
  return mkdtempSync(join(root, `${STAGING_PREFIX}${process.pid}-`));
}
