/**
 * Text helpers shared by the readers: UTF-8 checks that say where the bad byte is, repair of
 * double-encoded UTF-8, delimiter detection, header matching, and the one CSV parser that every
 * reader but the CORDIS byte scanner uses (package headers and malformed-file reports, acquisition
 * lists, regional indicator tables).
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Line (1-based) and byte column (1-based, from the line's start) of the first invalid UTF-8
 * sequence, or null when the bytes are valid. Invalid as for TextDecoder's fatal mode: stray
 * continuation bytes, truncated sequences, overlong forms, surrogates and code points past U+10FFFF.
 * Example: findInvalidUtf8(Buffer.from([0x61, 0x0a, 0x62, 0xe9])) → { line: 2, column: 2 }.
 */
export function findInvalidUtf8(bytes: Uint8Array): { line: number; column: number } | null {
  if (isUtf8(bytes)) return null;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 10) {
        line++;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    // The sequence's length and the range of its second byte (Unicode table 3-7).
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return { line, column: i - lineStart + 1 };
    for (let k = 1; k <= need; k++) {
      const c = i + k < n ? bytes[i + k] : -1;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return { line, column: i - lineStart + 1 };
    }
    i += need + 1;
  }
  return { line, column: 1 };
}

/**
 * The characters Windows-1252 puts at bytes 0x80–0x9F (where Latin-1 has control characters), by
 * code point, with the byte each stands for. Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined
 * in Windows-1252; decoders pass them through as U+0081 … U+009D, which map back like Latin-1.
 */
const WINDOWS_1252 = new Map<number, number>([
  [0x20ac, 0x80], // €
  [0x201a, 0x82], // ‚
  [0x0192, 0x83], // ƒ
  [0x201e, 0x84], // „
  [0x2026, 0x85], // …
  [0x2020, 0x86], // †
  [0x2021, 0x87], // ‡
  [0x02c6, 0x88], // ˆ
  [0x2030, 0x89], // ‰
  [0x0160, 0x8a], // Š
  [0x2039, 0x8b], // ‹
  [0x0152, 0x8c], // Œ
  [0x017d, 0x8e], // Ž
  [0x2018, 0x91], // ‘
  [0x2019, 0x92], // ’
  [0x201c, 0x93], // “
  [0x201d, 0x94], // ”
  [0x2022, 0x95], // •
  [0x2013, 0x96], // –
  [0x2014, 0x97], // —
  [0x02dc, 0x98], // ˜
  [0x2122, 0x99], // ™
  [0x0161, 0x9a], // š
  [0x203a, 0x9b], // ›
  [0x0153, 0x9c], // œ
  [0x017e, 0x9e], // ž
  [0x0178, 0x9f], // Ÿ
]);

/**
 * A UTF-8 lead byte (0xC2–0xF4) followed by a continuation byte (0x80–0xBF), both read as Latin-1
 * or Windows-1252 characters: the mark of UTF-8 decoded with the wrong code page.
 */
const MOJIBAKE =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether text looks like UTF-8 read as Latin-1 or Windows-1252 (`MÃ¼nchen`, `GÃ–TEBORG`). */
export function hasMojibake(text: string): boolean {
  return MOJIBAKE.test(text);
}

/**
 * Repairs text that was UTF-8, decoded as Latin-1 or Windows-1252 and encoded again
 * (`CÃ¨dres` → `Cèdres`, `BiaÅ‚ystok` → `Białystok`, `GÃ–TEBORG` → `GÖTEBORG`): each character
 * goes back to the byte it was read from, and the bytes are decoded as UTF-8. Text with a
 * character no such byte gives, or whose bytes are not valid UTF-8, is returned unchanged, so
 * correct text is never damaged (`München`, `Ærø`, `d’Azur` stay).
 * Example: repairDoubleUtf8('MÃ¼nchen') → 'München'.
 */
export function repairDoubleUtf8(text: string): string {
  if (!MOJIBAKE.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0xff) bytes[i] = c;
    else {
      const byte = WINDOWS_1252.get(c);
      if (byte === undefined) return text;
      bytes[i] = byte;
    }
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return text;
  }
}

/** The most frequent of `,` `;` and tab outside quotes in the header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, c] of counts) if (c > counts.get(best)!) best = d;
  return best;
}

/**
 * Splits one line (no line breaks) into fields with the shared CSV parser: quotes honoured, spaces
 * before an opening quote dropped (`a, "b, c"` → `a`, `b, c`). Used for header lines and for
 * comma-separated addresses.
 */
export function splitCsvLine(line: string, delimiter: string): string[] {
  if (line.trim() === '') return [line];
  return parseCsvText(line, delimiter).header;
}

/** The first line of a file without BOM and line ending. */
export function firstLine(bytes: Uint8Array): string {
  let end = bytes.indexOf(10);
  if (end < 0) end = bytes.length;
  let text = Buffer.from(bytes.subarray(0, end)).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r$/, '');
}

/** SHA-256 of files' names and contents, to recognise an input imported before. */
export function hashFiles(paths: string[]): string {
  const h = createHash('sha256');
  for (const p of [...paths].sort()) {
    h.update(p.split('/').pop()!);
    h.update('\0');
    h.update(readFileSync(p));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Normalises a header name for case-insensitive matching (`Organisation ID` → `organisationid`). */
export function headerKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]/g, '');
}

/** Extracts the line number from a DuckDB CSV error message, when it names one. */
export function duckdbErrorLine(message: string): number | null {
  const m = /on line:? (\d+)/i.exec(message) ?? /line (\d+)/i.exec(message);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// The CSV parser shared by every reader except the CORDIS byte scanner

const LF = 10;
const CR = 13;
const QUOTE = 34;
const MAX_PROBLEMS = 20;
const SPACE = 32;

/** One CSV record: its fields and the lines it spans (1-based; the header is line 1). */
export interface CsvRecord {
  line: number;
  endLine: number;
  fields: string[];
}

export interface CsvText {
  header: string[];
  records: CsvRecord[];
  /** Malformed records (unclosed quote, wrong field count); the first 20, with the column concerned. */
  problems: { line: number; column: string; reason: string }[];
  problemCount: number;
  /** Lines of quoted fields holding quotes that are not doubled (read as text). */
  strayQuoteLines: number[];
}

/**
 * Parses CSV text into records of strings (RFC 4180: `"` quotes, doubled inside, separators and
 * line breaks inside quotes, `\n` or `\r\n` line ends; spaces before an opening quote are
 * dropped). A leading BOM and blank lines are skipped. A
 * quote inside a quoted field that is neither doubled nor followed by a separator or line end is
 * kept as text (and its line reported). Cost O(length of the text).
 * Example: parseCsvText('a,b\n"x,1",2\n', ',').records[0].fields → ['x,1', '2'].
 */
export function parseCsvText(text: string, delimiter: string): CsvText {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const problems: CsvText['problems'] = [];
  let problemCount = 0;
  const strayQuoteLines: number[] = [];
  let header: string[] | null = null;
  const records: CsvRecord[] = [];
  const columnName = (k: number) => header?.[k] ?? `field ${k + 1}`;
  const problem = (line: number, column: string, reason: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, column, reason });
  };
  const newlinesBetween = (from: number, to: number) => {
    let count = 0;
    for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) count++;
    return count;
  };

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let nextDelim = -1;
  let nextLf = -1;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (c0 === LF) {
      i++;
      line++;
      continue;
    }
    if (c0 === CR && text.charCodeAt(i + 1) === LF) {
      i += 2;
      line++;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    let endLine = line;
    // An unclosed quote swallows the rest of the file: its field count says nothing more.
    let unclosed = false;
    for (;;) {
      let value: string;
      // Spaces before an opening quote are layout (`a, "b, c"`), not part of the field.
      let first = i;
      while (text.charCodeAt(first) === SPACE) first++;
      if (text.charCodeAt(first) === QUOTE) {
        i = first;
        const openLine = line;
        let s = i + 1;
        value = '';
        let stray = false;
        for (;;) {
          const q = text.indexOf('"', s);
          if (q < 0) {
            problem(openLine, columnName(fields.length), 'malformed CSV: a quoted field is never closed');
            unclosed = true;
            value += text.slice(s);
            line += newlinesBetween(s, n);
            i = n;
            break;
          }
          line += newlinesBetween(s, q);
          value += text.slice(s, q);
          const next = text.charCodeAt(q + 1);
          if (!stray && next === QUOTE) {
            value += '"';
            s = q + 2;
            continue;
          }
          if (q + 1 >= n || next === delim || next === LF || (next === CR && text.charCodeAt(q + 2) === LF)) {
            i = q + 1;
            break;
          }
          if (!stray) {
            stray = true;
            if (strayQuoteLines.length < MAX_PROBLEMS) strayQuoteLines.push(openLine);
          }
          value += '"';
          s = q + 1;
        }
      } else {
        // the next separator or line end, whichever comes first (both positions cached)
        if (nextDelim < i) {
          nextDelim = text.indexOf(delimiter, i);
          if (nextDelim < 0) nextDelim = n;
        }
        if (nextLf < i) {
          nextLf = text.indexOf('\n', i);
          if (nextLf < 0) nextLf = n;
        }
        const e = Math.min(nextDelim, nextLf);
        value = text.slice(i, e > i && e < n && text.charCodeAt(e - 1) === CR ? e - 1 : e);
        i = e;
      }
      fields.push(value);
      endLine = line;
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      // a line end (`\n`, or `\r\n` after a quoted field)
      i += c === CR ? 2 : 1;
      line++;
      break;
    }
    if (header === null) header = fields;
    else {
      if (fields.length !== header.length && !unclosed) {
        const column =
          fields.length < header.length ? columnName(fields.length) : `field ${header.length + 1}`;
        problem(
          recordLine,
          column,
          `malformed CSV: ${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${header.length}`,
        );
      }
      records.push({ line: recordLine, endLine, fields });
    }
  }
  return { header: header ?? [], records, problems, problemCount, strayQuoteLines };
}
