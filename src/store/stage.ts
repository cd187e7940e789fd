/**
 * Staging: every reader first writes its rows, as text, into temporary `stage_<table>` tables that
 * carry each row's file and line. Validation then runs as SQL over the staged rows, and only a
 * fully valid stage is copied into the store, inside one transaction.
 *
 * Invariant: staged values are trimmed, and blank values are NULL (an empty field and a missing one
 * mean the same), so the checks need not trim every value again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { columnsOf, TABLE_NAMES, type TableName } from '../model/index.ts';
import { DuckDBDataChunk, VARCHAR } from './duckdb.ts';
import { ident } from './sql.ts';
import { stageName } from './stage-name.ts';

export { stageName };

export async function createStageTables(connection: DuckDBConnection): Promise<void> {
  for (const table of TABLE_NAMES) {
    const cols = columnsOf(table).map(([name]) => `${ident(name)} VARCHAR`);
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${stageName(table)} (_file VARCHAR, _line BIGINT, ${cols.join(', ')})`,
    );
  }
}

export async function dropStageTables(connection: DuckDBConnection): Promise<void> {
  for (const table of TABLE_NAMES) await connection.run(`DROP TABLE IF EXISTS temp.${stageName(table)}`);
}

/** Rows for one staged table in columns: `values[c][i]` is column c of row i (null = missing). */
export interface StagedColumns {
  file: string;
  lines: number[];
  values: Record<string, (string | null)[]>;
}

const CHUNK = 2048;

/** Appends rows to a stage table in chunks (far fewer native calls than row-by-row appends). */
export async function appendStaged(
  connection: DuckDBConnection,
  table: TableName,
  rows: StagedColumns,
): Promise<void> {
  const names = columnsOf(table).map(([name]) => name);
  const n = rows.lines.length;
  if (n === 0) return;
  const appender = await connection.createAppender(stageName(table), 'main', 'temp');
  const types = [VARCHAR, VARCHAR, ...names.map(() => VARCHAR)];
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const chunk = DuckDBDataChunk.create(types, end - start);
    const fileCol = new Array<string>(end - start).fill(rows.file);
    const lineCol = rows.lines.slice(start, end).map(String);
    const cols = names.map((name) => {
      const col = rows.values[name];
      if (!col) return new Array<null>(end - start).fill(null);
      const out = new Array<string | null>(end - start);
      for (let i = start; i < end; i++) {
        const v = col[i];
        const t = v === null ? null : v.trim();
        out[i - start] = t === null || t === '' ? null : t;
      }
      return out;
    });
    chunk.setColumns([fileCol, lineCol, ...cols]);
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

/** Convenience for readers that produce row objects. */
export function columnsFromRecords(
  table: TableName,
  file: string,
  records: { line: number; row: Record<string, string | null | undefined> }[],
): StagedColumns {
  const values: Record<string, (string | null)[]> = {};
  for (const [name] of columnsOf(table)) values[name] = records.map((r) => r.row[name] ?? null);
  return { file, lines: records.map((r) => r.line), values };
}
