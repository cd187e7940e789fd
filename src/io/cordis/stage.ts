/**
 * Staging the CORDIS tables in bulk: the rows are written once as CSV files that DuckDB's own
 * reader loads into the stage table in one statement (stage-files.ts). Handing DuckDB 1.4 million
 * strings one by one through the appender (what `appendStaged` does) took about 1.2 s of the H2020
 * import; writing and reading the files takes about a fifth of that.
 */
import { rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableName } from '../../model/index.ts';
import { appendStaged } from '../../store/stage.ts';
import { inFileLineOrder, makeStagingFolder, stagedText, stagingStatement } from './stage-files.ts';
import type { CordisTable } from './types.ts';

export { csvCell, inFileLineOrder, stagedText, stagingColumns } from './stage-files.ts';

/**
 * Stages CORDIS tables into their `stage_<name>` tables through temporary CSV files read by DuckDB,
 * in the order given: while DuckDB loads one table (on its own threads), this thread writes the
 * next one's files. Row by row through the appender (slower, same rows) when no temporary folder
 * can be made. `onStaged(k)` is called as the k-th table is handed to DuckDB. Returns the tables
 * staged in (file, line) order (see `ReadSummary.stagedInOrder`): the positional join of DuckDB's
 * CSV scans keeps the files' row order, the appender the order of its calls.
 */
export async function stageTables(
  connection: DuckDBConnection,
  tables: [TableName, CordisTable][],
  onStaged?: (k: number) => void,
): Promise<TableName[]> {
  const ordered = tables.filter(([, table]) => inFileLineOrder(table)).map(([name]) => name);
  let dir: string;
  try {
    dir = makeStagingFolder();
  } catch {
    for (const [k, [name, table]] of tables.entries()) {
      await stageByRows(connection, name, table);
      onStaged?.(k);
    }
    // The appender path stages file by file: in order only when it was in order already.
    return ordered;
  }
  let loading: Promise<unknown> = Promise.resolve();
  try {
    for (const [k, [name, table]] of tables.entries()) {
      const sql = table.rowCount === 0 ? null : stagingStatement(dir, name, table);
      await loading;
      onStaged?.(k);
      loading = sql === null ? Promise.resolve() : connection.run(sql);
    }
    await loading;
    return ordered;
  } finally {
    // A statement still running (this one failed) must finish before its files go.
    await loading.catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stages one CORDIS table (see stageTables). */
export async function stageTable(
  connection: DuckDBConnection,
  name: TableName,
  table: CordisTable,
): Promise<void> {
  if (table.rowCount === 0) return;
  await stageTables(connection, [[name, table]]);
}

/** The appender path: one appendStaged call per source file, rows in their order. */
async function stageByRows(connection: DuckDBConnection, name: TableName, table: CordisTable): Promise<void> {
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
