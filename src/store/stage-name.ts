import type { TableName } from '../model/index.ts';

/**
 * The temporary table a reader stages a table's rows into. In a module of its own, without DuckDB's
 * client, for code that only writes staging statements (the CORDIS reader's worker thread).
 */
export const stageName = (table: TableName) => `stage_${table}`;
