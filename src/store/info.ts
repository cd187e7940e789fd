/**
 * What a store holds: rows per table, the years covered, countries and regions, and the imports.
 */
import { TABLE_NAMES, type TableName } from '../model/index.ts';
import { ident } from './sql.ts';
import type { Store } from './store.ts';

export interface StoreInfo {
  path: string;
  rows: Record<TableName, number>;
  /** Earliest and latest year mentioned by any dated column, or null when there is none. */
  years: { first: number; last: number } | null;
  countries: { country: string; organisations: number }[];
  regions: { id: string; name: string; kind: string }[];
  nuts2: { nuts2: string; organisations: number }[];
  imports: { id: number; source: string; format: string; importedAt: string; rows: Record<string, number> }[];
}

const YEAR_COLUMNS: [TableName, string][] = [
  ['organisations', 'founded'],
  ['organisations', 'closed'],
  ['employment', 'year'],
  ['ties', 'start'],
  ['ties', 'end'],
  ['projects', 'year(start)'],
  ['projects', 'year("end")'],
  ['spinoffs', 'year'],
  ['acquisitions', 'year'],
  ['moves', 'year'],
  ['initiatives', 'start'],
  ['initiatives', 'end'],
];

export async function storeInfo(store: Store): Promise<StoreInfo> {
  const c = store.connection;
  const one = async (sql: string) => (await c.runAndReadAll(sql)).getRows();
  const counts = await one(TABLE_NAMES.map((t) => `SELECT count(*) FROM ${ident(t)}`).join(' UNION ALL '));
  const rows = Object.fromEntries(TABLE_NAMES.map((t, i) => [t, Number(counts[i][0])])) as Record<
    TableName,
    number
  >;
  const yearSql = YEAR_COLUMNS.map(
    ([t, expr]) => `SELECT ${expr.includes('(') ? expr : ident(expr)}::INTEGER AS y FROM ${ident(t)}`,
  ).join(' UNION ALL ');
  const [[first, last]] = await one(`SELECT min(y), max(y) FROM (${yearSql})`);
  const countries = await one(
    'SELECT country, count(*) FROM organisations WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC, country',
  );
  const regions = await one('SELECT id, name, kind FROM regions ORDER BY id');
  const nuts2 = await one(
    `SELECT left(nuts, 4), count(*) FROM organisations WHERE length(nuts) >= 4 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
  );
  const imports = await one(
    'SELECT id, source, format, imported_at::VARCHAR, row_counts FROM imports ORDER BY id',
  );
  return {
    path: store.path,
    rows,
    years: first === null ? null : { first: Number(first), last: Number(last) },
    countries: countries.map(([k, v]) => ({ country: String(k), organisations: Number(v) })),
    regions: regions.map(([id, name, kind]) => ({ id: String(id), name: String(name), kind: String(kind) })),
    nuts2: nuts2.map(([k, v]) => ({ nuts2: String(k), organisations: Number(v) })),
    imports: imports.map(([id, source, format, at, rc]) => ({
      id: Number(id),
      source: String(source),
      format: String(format),
      importedAt: String(at),
      rows: JSON.parse(String(rc)),
    })),
  };
}
