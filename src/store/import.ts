/**
 * One import = one transaction. A reader stages the source's rows; validation runs over the stage;
 * only then are the rows cast and copied into the store and the import recorded. Any problem (or a
 * crash, or a kill) before COMMIT leaves the store exactly as it was.
 *
 * Re-importing: an input whose content hash matches an earlier import is refused; `replace: true`
 * first deletes the rows of every earlier import from the same source path (or with the same
 * content), then imports, all in the same transaction.
 */
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatIssue, InputError, type InputIssue } from '../errors.ts';
import { type ColumnSpec, columnsOf, TABLE_NAMES, TABLES, type TableName } from '../model/index.ts';
import { type OutputOptions, writeFileSafely } from '../output-target.ts';
import type { Progress, Reader, ReadSummary } from '../store/reader.ts';
import { MILIEU_VERSION } from '../version.ts';
import { DuckDBDataChunk, VARCHAR } from './duckdb.ts';
import { ident, literal } from './sql.ts';
import { createStageTables, dropStageTables, stageName } from './stage.ts';
import type { Store } from './store.ts';
import { castExpr, type StagedIssue, validateStaged } from './validate.ts';

export interface ImportOptions {
  /** Import the valid rows and write the rejected ones to `rejectsPath` instead of failing. */
  skipInvalid?: boolean;
  /** Where rejected rows go with `skipInvalid` (CSV: table, file, line, column, reason). */
  rejectsPath?: string;
  /** How the rejects file may be written (`force` to replace one; the store is always protected). */
  rejectsTarget?: OutputOptions;
  /** Replace earlier imports of the same source instead of refusing. */
  replace?: boolean;
  currentYear?: number;
  onProgress?: Progress;
}

export interface ImportResult {
  importId: number;
  rowCounts: Partial<Record<TableName, number>>;
  rejected: StagedIssue[];
  replacedImports: number[];
  notes: string[];
}

/** Runs one import; throws `InputError` with every issue when the input is invalid. */
export async function importSource(
  store: Store,
  format: string,
  path: string,
  reader: Reader,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { connection } = store;
  const source = resolve(path);
  const restoreCompression = await plainText(connection);
  await createStageTables(connection);
  try {
    const summary = await reader({ connection, path, onProgress: options.onProgress });
    if (summary.fileIssues.length > 0) throw new InputError('import', summary.fileIssues);

    await connection.run('BEGIN TRANSACTION');
    let committed = false;
    try {
      const earlier = (
        await connection.runAndReadAll(
          `SELECT id, source, content_hash, imported_at::VARCHAR FROM imports
           WHERE content_hash = ${literal(summary.contentHash)} OR source = ${literal(source)} ORDER BY id`,
        )
      ).getRows();
      const sameContent = earlier.find((r) => r[2] === summary.contentHash);
      if (sameContent && !options.replace) {
        throw new InputError('import', [
          {
            file: path,
            line: null,
            column: null,
            reason: `already imported as import #${sameContent[0]} on ${sameContent[3]} (same content); nothing written. Use --replace to import it again in its place`,
          },
        ]);
      }
      // Numbered before replaced imports are deleted, so an id is never reused.
      const importId = Number(
        (await connection.runAndReadAll('SELECT coalesce(max(id), 0) + 1 FROM imports')).getRows()[0][0],
      );
      const replacedImports = options.replace ? earlier.map((r) => Number(r[0])) : [];
      for (const id of replacedImports) {
        for (const table of TABLE_NAMES)
          await connection.run(`DELETE FROM ${ident(table)} WHERE import_id = ${id}`);
        await connection.run(`DELETE FROM imports WHERE id = ${id}`);
      }

      options.onProgress?.('validating', 0, 1);
      const readerRejects: StagedIssue[] = summary.rowIssues ?? [];
      if (readerRejects.length === 0 && (await stagedRowCount(store)) === 0) {
        throw new InputError('import', [
          { file: path, line: null, column: null, reason: 'no rows to import: the input holds no data rows' },
        ]);
      }
      const rejectedIds = new RejectedIds();
      rejectedIds.add(readerRejects);
      let issues = await withValues(
        store,
        await validateStaged(connection, { currentYear: options.currentYear }),
      );
      rejectedIds.explain(issues);
      let rejected: StagedIssue[] = [...readerRejects];
      const labelled = (list: StagedIssue[]) => labelIssues(list, summary.rowLabels);
      if (issues.length + readerRejects.length > 0 && !options.skipInvalid) {
        throw new InputError('import', sortIssues(labelled([...readerRejects, ...issues])));
      }
      // With skipInvalid, dropping a row can orphan others (a tie to a rejected organisation), so
      // drop and re-check until the stage is clean; an orphan's reason names the row it lost.
      while (issues.length > 0) {
        for (const i of issues) rejected.push(i);
        rejectedIds.add(issues);
        await dropRows(store, issues);
        issues = await withValues(
          store,
          await validateStaged(connection, { currentYear: options.currentYear }),
        );
        rejectedIds.explain(issues);
      }
      if ((await stagedRowCount(store)) === 0) {
        throw new InputError('import', [
          {
            file: path,
            line: null,
            column: null,
            reason: `every row was rejected (${rejected.length} problem${rejected.length === 1 ? '' : 's'}): nothing to import`,
          },
          ...sortIssues(labelled(rejected)),
        ]);
      }
      options.onProgress?.('validating', 1, 1);

      const rowCounts: Partial<Record<TableName, number>> = {};
      const inOrder = new Set(summary.stagedInOrder ?? []);
      let step = 0;
      for (const table of TABLE_NAMES) {
        options.onProgress?.(`writing ${table}`, step++, TABLE_NAMES.length);
        const cols = columnsOf(table);
        const result = await connection.run(
          `INSERT INTO ${ident(table)} (${cols.map(([n]) => ident(n)).join(', ')}, import_id)
           SELECT ${cols.map(([n, spec]) => castExpr(n, spec)).join(', ')}, ${importId}
           FROM ${stageName(table)}${inOrder.has(table) ? '' : ' ORDER BY _file, _line'}`,
        );
        const n = Number(result.rowsChanged);
        if (n > 0) rowCounts[table] = n;
      }
      options.onProgress?.('writing', TABLE_NAMES.length, TABLE_NAMES.length);
      await connection.run(
        `INSERT INTO imports VALUES (${importId}, ${literal(source)}, ${literal(format)}, ${literal(summary.contentHash)},
          now()::TIMESTAMP, ${literal(MILIEU_VERSION)}, ${literal(JSON.stringify(rowCounts))},
          ${new Set(rejected.map((i) => `${i.table}\0${i.file}\0${i.line}`)).size})`,
      );
      rejected = labelled(rejected);
      if (options.skipInvalid && options.rejectsPath)
        writeRejects(options.rejectsPath, rejected, {
          ...options.rejectsTarget,
          protect: [store.path, path, ...(options.rejectsTarget?.protect ?? [])],
        });
      await connection.run('COMMIT');
      committed = true;
      // The rows go into the file now, while text is stored plain, rather than when the store is
      // closed. Should this fail, the import stands: it is committed, in DuckDB's log.
      await connection.run('CHECKPOINT').catch(() => {});
      return { importId, rowCounts, rejected, replacedImports, notes: summary.notes };
    } catch (e) {
      if (!committed) await connection.run('ROLLBACK');
      throw e;
    }
  } finally {
    await dropStageTables(connection);
    await connection.run('DROP TABLE IF EXISTS temp.milieu_issue_keys');
    await restoreCompression();
  }
}

/**
 * Text columns written without dictionary or FSST compression while an import runs; returns what
 * puts DuckDB's setting back. Choosing those compressions took half of the time of writing the
 * H2020 rows into the store, about 0.1 s of a 1.1 s import (in the insert and at the checkpoint),
 * and the file is about twice as large without them (12 MB instead of 5.5 MB); reading it back is as
 * fast (docs/benchmarks.md). The setting is DuckDB's, for the whole database, hence put back.
 */
async function plainText(connection: DuckDBConnection): Promise<() => Promise<void>> {
  const before = String(
    (
      await connection.runAndReadAll("SELECT current_setting('disabled_compression_methods')")
    ).getRows()[0][0],
  );
  const methods = new Set(before.split(',').filter((m) => m !== ''));
  for (const m of TEXT_COMPRESSIONS) methods.add(m);
  await connection.run(`SET disabled_compression_methods = ${literal([...methods].join(','))}`);
  return async () => {
    await connection.run(`SET disabled_compression_methods = ${literal(before)}`);
  };
}

/** DuckDB's compressions for text that cost the most to choose (see plainText). */
const TEXT_COMPRESSIONS = ['dictionary', 'fsst', 'dict_fsst'];

function sortIssues<T extends InputIssue>(issues: T[]): T[] {
  return issues.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Issues with the reader's name for their row (`node 'a'`) before the column. */
function labelIssues(issues: StagedIssue[], labels: ReadSummary['rowLabels']): StagedIssue[] {
  if (!labels) return issues;
  return issues.map((i) => {
    const label = i.line === null ? undefined : labels[i.table]?.get(i.line);
    return label === undefined ? i : { ...i, column: i.column === null ? label : `${label}, ${i.column}` };
  });
}

/** Rows in all stage tables together. */
async function stagedRowCount(store: Store): Promise<number> {
  const sql = TABLE_NAMES.map((t) => `SELECT count(*) AS n FROM ${stageName(t)}`).join(' UNION ALL ');
  return Number((await store.connection.runAndReadAll(`SELECT sum(n) FROM (${sql})`)).getRows()[0][0]);
}

/**
 * Attaches to each issue the values of its staged row (every column, as staged), for the rejects
 * file and for explaining rows that depend on rejected ones.
 */
async function withValues(store: Store, issues: StagedIssue[]): Promise<StagedIssue[]> {
  for (const [table, list] of issuesByTable(issues)) {
    const names = columnsOf(table).map(([n]) => n);
    await issueKeys(store, list);
    const rows = (
      await store.connection.runAndReadAll(
        `SELECT s._file, s._line, ${names.map((n) => `s.${ident(n)}`).join(', ')}
         FROM ${stageName(table)} s JOIN milieu_issue_keys k ON s._file = k._file AND s._line = k._line`,
      )
    ).getRows();
    const values = new Map<string, Record<string, string | null>>();
    for (const r of rows)
      values.set(
        `${r[0]}\0${r[1]}`,
        Object.fromEntries(names.map((n, k) => [n, r[k + 2] === null ? null : String(r[k + 2])])),
      );
    for (const i of list) i.values = values.get(`${i.file}\0${i.line}`);
  }
  return issues;
}

/** Issues with a line, grouped by table. */
function issuesByTable(issues: StagedIssue[]): Map<TableName, StagedIssue[]> {
  const byTable = new Map<TableName, StagedIssue[]>();
  for (const i of issues) {
    if (i.line === null) continue;
    const list = byTable.get(i.table);
    if (list) list.push(i);
    else byTable.set(i.table, [i]);
  }
  return byTable;
}

/**
 * The (file, line) keys of some issues' rows in a temporary table, for joins: a literal list of a
 * few hundred thousand keys would make a query that takes DuckDB minutes to plan.
 */
async function issueKeys(store: Store, issues: StagedIssue[]): Promise<void> {
  const { connection } = store;
  await connection.run('CREATE OR REPLACE TEMP TABLE milieu_issue_keys (_file VARCHAR, _line BIGINT)');
  const seen = new Set<string>();
  const files: string[] = [];
  const lines: string[] = [];
  for (const i of issues) {
    const key = `${i.file}\0${i.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    files.push(i.file);
    lines.push(String(i.line));
  }
  const appender = await connection.createAppender('milieu_issue_keys', 'main', 'temp');
  for (let start = 0; start < files.length; start += 2048) {
    const end = Math.min(files.length, start + 2048);
    const chunk = DuckDBDataChunk.create([VARCHAR, VARCHAR], end - start);
    chunk.setColumns([files.slice(start, end), lines.slice(start, end)]);
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

/**
 * Identifiers of rejected rows (organisations, projects, people, regions), so that a row failing
 * only because it points to one of them says so instead of calling the identifier unknown.
 */
class RejectedIds {
  private readonly byTable = new Map<TableName, Map<string, StagedIssue>>();

  add(issues: StagedIssue[]): void {
    for (const i of issues) {
      if (TABLES[i.table].key.length !== 1 || TABLES[i.table].key[0] !== 'id') continue;
      const id = i.values?.id;
      if (id === undefined || id === null) continue;
      // A duplicate id rejects the later row only: the id itself still exists.
      if (i.column === 'id' && i.reason.startsWith('duplicate id')) continue;
      let ids = this.byTable.get(i.table);
      if (!ids) this.byTable.set(i.table, (ids = new Map()));
      if (!ids.has(id)) ids.set(id, i);
    }
  }

  explain(issues: StagedIssue[]): void {
    for (const i of issues) {
      if (i.column === null || !i.values) continue;
      const spec = TABLES[i.table].columns[i.column as keyof (typeof TABLES)[typeof i.table]['columns']] as
        | ColumnSpec
        | undefined;
      if (spec?.type !== 'ref') continue;
      const value = i.values[i.column];
      const cause =
        value === null || value === undefined ? undefined : this.byTable.get(spec.ref!)?.get(value);
      if (!cause) continue;
      const what = spec.ref === 'people' ? 'person' : spec.ref!.slice(0, -1);
      i.reason = `${what} '${value}' was rejected (${formatIssue(cause)})`;
    }
  }
}

async function dropRows(store: Store, issues: StagedIssue[]): Promise<void> {
  for (const [table, list] of issuesByTable(issues)) {
    await issueKeys(store, list);
    await store.connection.run(
      `DELETE FROM ${stageName(table)} s USING milieu_issue_keys k WHERE s._file = k._file AND s._line = k._line`,
    );
  }
}

function csvField(value: string | number | null | undefined): string {
  const s = value === null ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Rejected rows as CSV, one line per problem: where, why, and the row's own values as a JSON object
 * of its columns (`values`; the tables differ in their columns, so one CSV cannot give each its own).
 */
export function rejectsCsv(
  issues: (InputIssue & { table?: string; values?: Record<string, string | null> })[],
): string {
  const lines = ['table,file,line,column,reason,values'];
  for (const i of issues) {
    const values = i.values ? JSON.stringify(i.values) : '';
    lines.push([i.table ?? '', i.file, i.line, i.column, i.reason, values].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes rejected rows, one line per problem, as CSV (see rejectsCsv). */
export function writeRejects(
  path: string,
  issues: (InputIssue & { table?: string })[],
  target: OutputOptions = {},
): void {
  writeFileSafely(path, rejectsCsv(issues), { label: 'rejects file', ...target });
}
