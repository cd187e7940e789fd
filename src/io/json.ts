/**
 * Reader for the package format as one JSON file: `{ "organisations": [ {...}, ... ], "ties": [...] }`
 * with the same table and column names as the CSV package (lists as JSON arrays). Each row is
 * checked against its zod schema; rows that pass are staged as text for the same SQL validation as
 * CSV rows. Line numbers are those of each row's opening brace.
 */
import { readFileSync } from 'node:fs';
import { type InputIssue, UsageError } from '../errors.ts';
import { columnsOf, TABLE_NAMES, type TableName } from '../model/index.ts';
import { rowSchema } from '../model/row-schema.ts';
import type { ReadContext, ReadSummary } from '../store/reader.ts';
import { appendStaged, type StagedColumns } from '../store/stage.ts';
import type { StagedIssue } from '../store/validate.ts';
import { findInvalidUtf8, hashFiles } from './text.ts';

/**
 * Line of every element of the arrays directly under the top-level object, keyed by table name.
 * A single pass over the text tracking depth and strings; JSON.parse does the real parsing.
 */
export function elementLines(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let depth = 0;
  let line = 1;
  let inString = false;
  let lastKey = '';
  let keyStart = -1;
  let current: number[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) {
        inString = false;
        if (depth === 1 && keyStart >= 0) lastKey = text.slice(keyStart, i);
      } else if (ch === 10) line++;
      continue;
    }
    switch (ch) {
      case 10:
        line++;
        break;
      case 34:
        inString = true;
        keyStart = depth === 1 ? i + 1 : -1;
        break;
      case 91: // [
        depth++;
        if (depth === 2) {
          current = [];
          out.set(lastKey, current);
        }
        break;
      case 123: // {
        depth++;
        if (depth === 3 && current) current.push(line);
        break;
      case 93:
      case 125:
        depth--;
        break;
    }
  }
  return out;
}

/**
 * A JSON syntax error with line and column (1-based, in characters) instead of the parser's
 * character position: `Expected ',' … in JSON at position 42` → line 3, column `char 7`.
 */
export function jsonSyntaxIssue(file: string, text: string, message: string): InputIssue {
  const m = / in JSON at position (\d+)/.exec(message);
  // Without a position the text ended early: the error is at its end.
  const at = m ? Number(m[1]) : text.length;
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  const reason = (m ? message.slice(0, m.index) : message).replace(/, ".*" is not valid JSON$/s, '');
  return { file, line, column: `char ${at - lineStart + 1}`, reason: `not valid JSON: ${reason}` };
}

/** A JSON row's fields as text, for the rejects file (null when the row is not an object). */
function rowValues(row: unknown): Record<string, string | null> | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : toText(v)]),
  );
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join('|');
  return String(value);
}

export async function readJson(context: ReadContext): Promise<ReadSummary> {
  const { connection, path } = context;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError('io/json', `cannot read ${path}`);
  }
  const fileIssues: InputIssue[] = [];
  const rowIssues: StagedIssue[] = [];
  const bad = findInvalidUtf8(bytes);
  if (bad) {
    return {
      files: [path],
      contentHash: '',
      fileIssues: [{ file: path, line: bad.line, column: `byte ${bad.column}`, reason: 'not valid UTF-8' }],
      notes: [],
    };
  }
  // A byte-order mark is accepted, as in CSV files (JSON.parse refuses it).
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return {
      files: [path],
      contentHash: '',
      fileIssues: [jsonSyntaxIssue(path, text, (e as Error).message)],
      notes: [],
    };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return {
      files: [path],
      contentHash: '',
      fileIssues: [
        { file: path, line: 1, column: null, reason: 'expected an object whose keys are table names' },
      ],
      notes: [],
    };
  }
  const lines = elementLines(text);
  const record = doc as Record<string, unknown>;
  if (!Array.isArray(record.organisations)) {
    fileIssues.push({
      file: path,
      line: 1,
      column: 'organisations',
      reason: 'missing: a package needs an "organisations" array',
    });
  }
  for (const key of Object.keys(record)) {
    const table = key.replace('-', '_') as TableName;
    if (!TABLE_NAMES.includes(table)) {
      fileIssues.push({
        file: path,
        line: null,
        column: key,
        reason: `unknown table (expected one of: ${TABLE_NAMES.join(', ')})`,
      });
      continue;
    }
    const rows = record[key];
    if (!Array.isArray(rows)) {
      fileIssues.push({ file: path, line: null, column: key, reason: 'expected an array of row objects' });
      continue;
    }
    const schema = rowSchema(table);
    const rowLines = lines.get(key) ?? [];
    const staged: StagedColumns = { file: path, lines: [], values: {} };
    const names = columnsOf(table).map(([n]) => n);
    for (const n of names) staged.values[n] = [];
    rows.forEach((row, i) => {
      const line = rowLines[i] ?? null;
      const parsed = schema.safeParse(row);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          rowIssues.push({
            table,
            file: path,
            line,
            column: `${key}[${i}]${issue.path.length ? `.${issue.path.join('.')}` : ''}`,
            reason: issue.message,
            values: rowValues(row),
          });
        }
        return;
      }
      staged.lines.push(line ?? i + 1);
      const obj = parsed.data as Record<string, unknown>;
      for (const n of names) staged.values[n].push(toText(obj[n]));
    });
    await appendStaged(connection, table, staged);
  }
  return { files: [path], contentHash: hashFiles([path]), fileIssues, rowIssues, notes: [] };
}
