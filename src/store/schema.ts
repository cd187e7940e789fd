/**
 * The store's DDL, generated from the table specs in `src/model/tables.ts`. Every data table also has
 * `import_id`, the import that brought the row, so an import can be replaced as a whole.
 */
import { type ColumnSpec, columnsOf, TABLE_NAMES, type TableName } from '../model/index.ts';
import { ident } from './sql.ts';

export const SCHEMA_VERSION = 1;

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
     imported_at TIMESTAMP NOT NULL, milieu_version VARCHAR NOT NULL, row_counts VARCHAR NOT NULL)`,
];

export function allCreateSql(): string[] {
  return [...CREATE_META_SQL, ...TABLE_NAMES.map(createTableSql)];
}
