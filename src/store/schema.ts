/**
 * The store's DDL, generated from the table specs in `src/model/tables.ts`. Every data table also has
 * `import_id`, the import that brought the row, so an import can be replaced as a whole.
 *
 * Versions: a store records the schema version it was written with (`milieu_meta.schema_version`).
 * A change to the DDL bumps `SCHEMA_VERSION` (schema-version.ts) and adds a step to `MIGRATIONS` that turns a store of
 * the previous version into one of the new version; `openStore` runs the missing steps in one
 * transaction. Test: test/store/versions.test.ts opens a store built from a frozen copy of each
 * released DDL (test/fixtures/store-v1.sql).
 */
import { type ColumnSpec, columnsOf, TABLE_NAMES, type TableName } from '../model/index.ts';
import { SCHEMA_VERSION } from './schema-version.ts';
import { ident } from './sql.ts';

export { SCHEMA_VERSION };

export function sqlType(spec: ColumnSpec): string {
  switch (spec.type) {
    case 'int':
      return 'INTEGER';
    case 'year':
      return 'SMALLINT';
    case 'number':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'list':
      return 'VARCHAR[]';
    default:
      return 'VARCHAR';
  }
}

export function createTableSql(table: TableName): string {
  const cols = columnsOf(table).map(([name, spec]) => `${ident(name)} ${sqlType(spec)}`);
  cols.push('import_id INTEGER NOT NULL');
  return `CREATE TABLE IF NOT EXISTS ${ident(table)} (${cols.join(', ')})`;
}

export const CREATE_META_SQL = [
  'CREATE TABLE IF NOT EXISTS milieu_meta (key VARCHAR PRIMARY KEY, value VARCHAR)',
  `CREATE TABLE IF NOT EXISTS imports (
     id INTEGER PRIMARY KEY, source VARCHAR NOT NULL, format VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
     imported_at TIMESTAMP NOT NULL, milieu_version VARCHAR NOT NULL, row_counts VARCHAR NOT NULL,
     rejected_rows INTEGER DEFAULT 0)`,
];

export interface Migration {
  /** The version this step migrates from; it yields `from + 1`. */
  from: number;
  /** What changes, in words (shown by nothing yet; for readers of the code and the changelog). */
  change: string;
  sql: string[];
}

/** Every step from each released schema version to the next, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    change:
      'imports.rejected_rows: how many rows an import left out with --skip-invalid (0 for earlier imports)',
    sql: ['ALTER TABLE imports ADD COLUMN rejected_rows INTEGER DEFAULT 0'],
  },
];

export function allCreateSql(): string[] {
  return [...CREATE_META_SQL, ...TABLE_NAMES.map(createTableSql)];
}
