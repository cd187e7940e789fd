/**
 * Reader for Milieu's native package format: a folder of CSV files, one per table (see
 * docs/data-format.md). DuckDB's CSV scanner reads each file straight into its stage table, every
 * value as text with its line number, so validation sees exactly what the file says.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { InputIssue } from '../errors.ts';
import { UsageError } from '../errors.ts';
import { columnsOf, TABLE_NAMES, TABLES, tableOfFile } from '../model/index.ts';
import type { ReadContext, ReadSummary } from '../store/reader.ts';
import { ident, literal } from '../store/sql.ts';
import { stageName } from '../store/stage.ts';
import {
  detectDelimiter,
  duckdbErrorLine,
  findInvalidUtf8,
  firstLine,
  hashFiles,
  headerKey,
  parseCsvText,
  splitCsvLine,
} from './text.ts';

const KNOWN_FILES = TABLE_NAMES.map((t) => TABLES[t].file);

export function packageFiles(path: string): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError('io/package', `no such file or folder: ${path}`);
  }
  if (!st.isDirectory())
    throw new UsageError('io/package', `${path} is not a folder (a package is a folder of CSV files)`);
  return readdirSync(path)
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((f) => join(path, f));
}

export async function readPackage(context: ReadContext): Promise<ReadSummary> {
  const { connection, path, onProgress } = context;
  const files = packageFiles(path);
  const fileIssues: InputIssue[] = [];
  const names = files.map((f) => basename(f));
  if (!names.includes('organisations.csv')) {
    fileIssues.push({
      file: join(path, 'organisations.csv'),
      line: null,
      column: null,
      reason: 'missing: a package needs organisations.csv',
    });
  }
  let done = 0;
  for (const file of files) {
    onProgress?.('reading', done++, files.length);
    const table = tableOfFile(basename(file));
    if (table === undefined) {
      fileIssues.push({
        file,
        line: null,
        column: null,
        reason: `unknown file name (expected one of: ${KNOWN_FILES.join(', ')})`,
      });
      continue;
    }
    const bytes = readFileSync(file);
    const bad = findInvalidUtf8(bytes);
    if (bad) {
      fileIssues.push({
        file,
        line: bad.line,
        column: `byte ${bad.column}`,
        reason: 'not valid UTF-8 (save the file as UTF-8)',
      });
      continue;
    }
    const header = firstLine(bytes);
    if (header.trim() === '') {
      fileIssues.push({
        file,
        line: 1,
        column: null,
        reason: 'empty file: the first line must name the columns',
      });
      continue;
    }
    const delimiter = detectDelimiter(header);
    const headerNames = splitCsvLine(header, delimiter).map((h) => h.trim());
    const specs = columnsOf(table);
    const byKey = new Map(specs.map(([name]) => [headerKey(name), name]));
    const mapped = new Map<string, string>(); // model column → file column
    headerNames.forEach((h, i) => {
      const model = byKey.get(headerKey(h));
      if (model === undefined) {
        fileIssues.push({
          file,
          line: 1,
          column: h || `#${i + 1}`,
          reason: `unknown column (expected: ${specs.map(([n]) => n).join(', ')})`,
        });
      } else if (mapped.has(model)) {
        fileIssues.push({ file, line: 1, column: h, reason: 'column given twice' });
      } else mapped.set(model, h);
    });
    for (const [name, spec] of specs) {
      if (spec.required && !mapped.has(name)) {
        fileIssues.push({ file, line: 1, column: name, reason: 'required column is missing' });
      }
    }
    if (fileIssues.length > 0) continue;
    const targetCols = [...mapped.keys()];
    // trimmed, blanks as NULL: the stage invariant (store/stage.ts)
    const select = targetCols.map((c) => `NULLIF(trim(${ident(mapped.get(c)!)}), '')`);
    try {
      await connection.run(
        `INSERT INTO ${stageName(table)} (_file, ${targetCols.map(ident).join(', ')})
         SELECT ${literal(file)}, ${select.join(', ')}
         FROM read_csv(${literal(file)}, header = true, all_varchar = true, delim = ${literal(delimiter)},
                       quote = '"', escape = '"', strict_mode = true, null_padding = false, auto_detect = false,
                       columns = {${headerNames.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ')}})`,
      );
      // Line numbers from the insertion order (DuckDB keeps a scan's order), which is far cheaper
      // than numbering rows with a window over the scan. This file's rows are the only ones staged
      // for its table, so rowid 0 is line 2.
      await connection.run(`UPDATE ${stageName(table)} SET _line = rowid + 2 WHERE _line IS NULL`);
    } catch (e) {
      // DuckDB's scanner stays the fast path; only a file it refuses is read again by the shared
      // parser, which says where and why (DuckDB's message names a line at best).
      fileIssues.push(...malformedCsvIssues(file, bytes.toString('utf8'), delimiter, (e as Error).message));
    }
  }
  onProgress?.('reading', files.length, files.length);
  return { files, contentHash: hashFiles(files), fileIssues, notes: [] };
}

const SEPARATOR_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * The problems of a CSV file that DuckDB refused, found by the shared parser: file, line, the
 * column (name from the header, or `field N` past its end) and the reason, with a hint when a
 * short row holds another separator (a file mixing `,` and `;`). Falls back to DuckDB's own
 * message when the parser finds nothing wrong.
 */
export function malformedCsvIssues(
  file: string,
  text: string,
  delimiter: string,
  duckdbMessage: string,
): InputIssue[] {
  const csv = parseCsvText(text, delimiter);
  const records = new Map(csv.records.map((r) => [r.line, r]));
  const issues: InputIssue[] = csv.problems.map((p) => {
    let reason = p.reason;
    const record = records.get(p.line);
    if (record && record.fields.length < csv.header.length) {
      const other = [',', ';', '\t'].find((d) => d !== delimiter && record.fields.some((f) => f.includes(d)));
      if (other)
        reason += ` (the header is separated by ${SEPARATOR_NAMES[delimiter]}s, this row by ${SEPARATOR_NAMES[other]}s)`;
    }
    return { file, line: p.line, column: p.column, reason };
  });
  if (csv.problemCount > csv.problems.length)
    issues.push({
      file,
      line: null,
      column: null,
      reason: `malformed CSV: ${csv.problemCount - csv.problems.length} more malformed rows`,
    });
  if (issues.length > 0) return issues;
  for (const line of csv.strayQuoteLines) {
    issues.push({
      file,
      line,
      column: null,
      reason:
        'malformed CSV: a quote inside a quoted field is not doubled (write "" for a quote inside quotes)',
    });
  }
  if (issues.length > 0) return issues;
  return [
    {
      file,
      line: duckdbErrorLine(duckdbMessage),
      column: null,
      reason: `malformed CSV: ${duckdbMessage.split('\n')[0].replace(/^.*?Error: /, '')}`,
    },
  ];
}
