/**
 * Text helpers shared by the readers: UTF-8 checks that say where the bad byte is, repair of
 * double-encoded UTF-8, delimiter detection and header matching.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Line (1-based) and byte column of the first invalid UTF-8 sequence, or null when the bytes are valid. */
export function findInvalidUtf8(bytes: Uint8Array): { line: number; column: number } | null {
  if (isUtf8(bytes)) return null;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b === 10) {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return { line, column: i - lineStart + 1 };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { line, column: i - lineStart + 1 };
    }
    i += need + 1;
  }
  return { line, column: 1 };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf]/;

/**
 * Repairs text that was UTF-8, decoded as Latin-1/Windows-1252 and encoded again
 * (`CÃ¨dres` → `Cèdres`). Text that does not decode cleanly is returned unchanged, so correct
 * text is never damaged.
 * Example: repairDoubleUtf8('MÃ¼nchen') → 'München'.
 */
export function repairDoubleUtf8(text: string): string {
  if (!MOJIBAKE.test(text)) return text;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return text;
  const bytes = Buffer.from(text, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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

/** Splits one CSV line (no embedded newlines) into fields, honouring double quotes. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
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
