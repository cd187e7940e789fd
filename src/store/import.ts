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
import { InputError, type InputIssue } from '../errors.ts';
import { type OutputOptions, writeFileSafely } from '../io/output-target.ts';
import type { Progress, Reader } from '../io/reader.ts';
import { columnsOf, TABLE_NAMES, type TableName } from '../model/index.ts';
import { MILIEU_VERSION } from '../version.ts';
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
  await createStageTables(connection);
  try {
    const summary = await reader({ connection, path, onProgress: options.onProgress });
    if (summary.fileIssues.length > 0) throw new InputError('import', summary.fileIssues);

    await connection.run('BEGIN TRANSACTION');
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
      let issues = await validateStaged(connection, { currentYear: options.currentYear });
      const rejected: StagedIssue[] = [...readerRejects];
      if (issues.length + readerRejects.length > 0 && !options.skipInvalid) {
        throw new InputError('import', sortIssues([...readerRejects, ...issues]));
      }
      // With skipInvalid, dropping a row can orphan others (a tie to a rejected organisation), so
      // drop and re-check until the stage is clean.
      while (issues.length > 0) {
        rejected.push(...issues);
        await dropRows(store, issues);
        issues = await validateStaged(connection, { currentYear: options.currentYear });
      }
      options.onProgress?.('validating', 1, 1);

      const rowCounts: Partial<Record<TableName, number>> = {};
      let step = 0;
      for (const table of TABLE_NAMES) {
        options.onProgress?.(`writing ${table}`, step++, TABLE_NAMES.length);
        const cols = columnsOf(table);
        const result = await connection.run(
          `INSERT INTO ${ident(table)} (${cols.map(([n]) => ident(n)).join(', ')}, import_id)
           SELECT ${cols.map(([n, spec]) => castExpr(n, spec)).join(', ')}, ${importId}
           FROM ${stageName(table)} ORDER BY _file, _line`,
        );
        const n = Number(result.rowsChanged);
        if (n > 0) rowCounts[table] = n;
      }
      options.onProgress?.('writing', TABLE_NAMES.length, TABLE_NAMES.length);
      await connection.run(
        `INSERT INTO imports VALUES (${importId}, ${literal(source)}, ${literal(format)}, ${literal(summary.contentHash)},
          now()::TIMESTAMP, ${literal(MILIEU_VERSION)}, ${literal(JSON.stringify(rowCounts))})`,
      );
      if (options.skipInvalid && options.rejectsPath)
        writeRejects(options.rejectsPath, rejected, {
          ...options.rejectsTarget,
          protect: [store.path, path, ...(options.rejectsTarget?.protect ?? [])],
        });
      await connection.run('COMMIT');
      return { importId, rowCounts, rejected, replacedImports, notes: summary.notes };
    } catch (e) {
      await connection.run('ROLLBACK');
      throw e;
    }
  } finally {
    await dropStageTables(connection);
  }
}

function sortIssues<T extends InputIssue>(issues: T[]): T[] {
  return issues.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

async function dropRows(store: Store, issues: StagedIssue[]): Promise<void> {
  const byTable = new Map<TableName, StagedIssue[]>();
  for (const i of issues) byTable.set(i.table, [...(byTable.get(i.table) ?? []), i]);
  for (const [table, list] of byTable) {
    const keys = list.map((i) => literal(`${i.file}:${i.line}`)).join(', ');
    await store.connection.run(`DELETE FROM ${stageName(table)} WHERE _file || ':' || _line IN (${keys})`);
  }
}

function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes rejected rows, one line per problem, as CSV. */
export function writeRejects(
  path: string,
  issues: (InputIssue & { table?: string })[],
  target: OutputOptions = {},
): void {
  const lines = ['table,file,line,column,reason'];
  for (const i of issues)
    lines.push([i.table ?? '', i.file, i.line, i.column, i.reason].map(csvField).join(','));
  writeFileSafely(path, `${lines.join('\n')}\n`, { label: 'rejects file', ...target });
}
