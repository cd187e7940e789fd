/**
 * Validation of staged rows, as SQL over the stage tables plus one graph check (spin-off cycles) in
 * JS. Each problem becomes an `InputIssue` naming file, line, column and reason, tagged with its
 * table so that `--skip-invalid` can drop exactly the offending rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { InputIssue } from '../errors.ts';
import {
  type ColumnSpec,
  columnsOf,
  NUTS_SQL_PATTERN,
  parseNace,
  TABLE_NAMES,
  TABLES,
  type TableName,
} from '../model/index.ts';
import { ident, literal } from './sql.ts';
import { stageName } from './stage.ts';

export interface StagedIssue extends InputIssue {
  table: TableName;
  /** The row's values, column by column, as read (filled in for the rejects file). */
  values?: Record<string, string | null>;
}

export interface ValidateOptions {
  /** Years after this one are "in the future" (default: the current calendar year). */
  currentYear?: number;
}

/** Whole numbers as the package format writes them: optional sign, decimal digits. */
export const WHOLE_NUMBER_SQL = '[+-]?[0-9]+';
/** Decimal numbers: optional sign, digits with an optional fraction, optional exponent. */
export const DECIMAL_SQL = '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?';

/** The range of each whole-number column's storage type (INTEGER, SMALLINT; see schema.ts). */
export const STORAGE_RANGE = { int: [-2147483648, 2147483647], year: [-32768, 32767] } as const;

const TRUE_WORDS = ['true', '1', 'yes', 'y', 't'];
const FALSE_WORDS = ['false', '0', 'no', 'n', 'f'];
export const BOOL_WORDS = [...TRUE_WORDS, ...FALSE_WORDS];

/**
 * SQL expression that casts a staged text column to its typed value (used when committing). Staged
 * values are already trimmed, with blanks as NULL (see stage.ts).
 */
export function castExpr(column: string, spec: ColumnSpec): string {
  const v = ident(column);
  switch (spec.type) {
    case 'int':
      return `CAST(${v} AS INTEGER)`;
    case 'year':
      return `CAST(${v} AS SMALLINT)`;
    case 'number':
      return `CAST(${v} AS DOUBLE)`;
    case 'date':
      return `CAST(${v} AS DATE)`;
    case 'bool':
      return `CASE WHEN lower(${v}) IN (${TRUE_WORDS.map(literal).join(',')}) THEN true WHEN ${v} IS NULL THEN NULL ELSE false END`;
    case 'list':
      return `CASE WHEN ${v} IS NULL THEN NULL ELSE list_filter(list_transform(string_split(${v}, '|'), x -> trim(x)), x -> x <> '') END`;
    case 'enum':
      return `lower(${v})`;
    case 'nuts':
    case 'country':
      return `upper(${v})`;
    default:
      return v;
  }
}

interface Check {
  column: string | null;
  /** SQL condition over the stage row that is true when the row is invalid. */
  when: string;
  /** SQL expression giving the reason text. */
  reason: string;
}

function columnChecks(table: TableName, currentYear: number): Check[] {
  const checks: Check[] = [];
  for (const [name, spec] of columnsOf(table)) {
    const v = ident(name);
    const shown = `'''' || ${v} || ''''`;
    if (spec.required)
      checks.push({ column: name, when: `${v} IS NULL`, reason: literal('missing required value') });
    switch (spec.type) {
      case 'int':
      case 'year': {
        // Digits only: a cast would round `1990.5` and read `0x7C6` or `1_990` as numbers.
        const [low, high] = STORAGE_RANGE[spec.type];
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND NOT regexp_full_match(${v}, ${literal(WHOLE_NUMBER_SQL)})`,
          reason: `'not a whole number: ' || ${shown}`,
        });
        // The storage type's range, so that a value never fails later, at commit time.
        checks.push({
          column: name,
          when: `regexp_full_match(${v}, ${literal(WHOLE_NUMBER_SQL)}) AND coalesce(TRY_CAST(${v} AS HUGEINT) NOT BETWEEN ${low} AND ${high}, true)`,
          reason: `'out of range for a ${spec.type === 'year' ? 'year' : 'whole number'} (${low} to ${high}): ' || ${shown}`,
        });
        break;
      }
      case 'number':
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND (NOT regexp_full_match(${v}, ${literal(DECIMAL_SQL)}) OR NOT isfinite(TRY_CAST(${v} AS DOUBLE)))`,
          reason: `'not a number: ' || ${shown}`,
        });
        break;
      case 'date':
        // The shape first (a cast also takes `2021/01/01`), then the calendar (the cast refuses 02-30).
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND (NOT regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR TRY_CAST(${v} AS DATE) IS NULL)`,
          reason: `'not a date (YYYY-MM-DD): ' || ${shown}`,
        });
        checks.push({
          column: name,
          when: `year(TRY_CAST(${v} AS DATE)) > ${currentYear + 10}`,
          reason: `'date too far in the future: ' || ${shown}`,
        });
        break;
      case 'list':
        // An empty item is a typo (`A||B`, a trailing `|`), not a value: the cast would drop it.
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND list_contains(list_transform(string_split(${v}, '|'), x -> trim(x)), '')`,
          reason: `'empty item in the list: ' || ${shown} || ' (two | in a row, or one at an end)'`,
        });
        if (spec.items === 'nuts') {
          const bad = `list_filter(string_split(${v}, '|'), x -> trim(x) <> '' AND NOT regexp_full_match(upper(trim(x)), ${literal(NUTS_SQL_PATTERN)}))`;
          checks.push({
            column: name,
            when: `${v} IS NOT NULL AND len(${bad}) > 0`,
            reason: `'malformed NUTS code in the list: ''' || trim(${bad}[1]) || ''' (expected a country code and up to three level characters, e.g. DE212)'`,
          });
        }
        break;
      case 'bool':
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND lower(${v}) NOT IN (${BOOL_WORDS.map(literal).join(',')})`,
          reason: `'not true/false: ' || ${shown}`,
        });
        break;
      case 'enum':
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND lower(${v}) NOT IN (${spec.values!.map(literal).join(',')})`,
          reason: `'unknown ${name} ' || ${shown} || ' (expected one of: ${spec.values!.join(', ')})'`,
        });
        break;
      case 'nuts':
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND NOT regexp_full_match(upper(${v}), ${literal(NUTS_SQL_PATTERN)})`,
          reason: `'malformed NUTS code: ' || ${shown} || ' (expected a country code and up to three level characters, e.g. DE212)'`,
        });
        break;
      case 'country':
        checks.push({
          column: name,
          when: `${v} IS NOT NULL AND NOT regexp_full_match(upper(${v}), '[A-Z]{2}')`,
          reason: `'malformed country code: ' || ${shown} || ' (expected two letters, e.g. DE)'`,
        });
        break;
      case 'nace':
        checks.push({
          column: name,
          when: `${v} IN (SELECT code FROM milieu_bad_nace)`,
          reason: `'not a NACE Rev.2 code: ' || ${shown}`,
        });
        break;
    }
    const num = `TRY_CAST(${v} AS DOUBLE)`;
    if (spec.type === 'year') {
      checks.push({
        column: name,
        when: `${num} > ${currentYear}`,
        reason: `'year in the future: ' || ${shown}`,
      });
    }
    if (spec.min !== undefined) {
      checks.push({
        column: name,
        when: `${num} < ${spec.min}`,
        reason: `'below the minimum ${spec.min}: ' || ${shown}`,
      });
    }
    if (spec.max !== undefined) {
      checks.push({
        column: name,
        when: `${num} > ${spec.max}`,
        reason: `'above the maximum ${spec.max}: ' || ${shown}`,
      });
    }
  }
  // An end before a start, in every table that has such a pair.
  const names = columnsOf(table).map(([n]) => n);
  for (const [a, b] of [
    ['start', 'end'],
    ['founded', 'closed'],
  ] as const) {
    if (names.includes(a) && names.includes(b)) {
      const cast = columnsOf(table).find(([n]) => n === a)![1].type === 'date' ? 'DATE' : 'DOUBLE';
      const av = `TRY_CAST(${ident(a)} AS ${cast})`;
      const bv = `TRY_CAST(${ident(b)} AS ${cast})`;
      checks.push({
        column: b,
        when: `${bv} < ${av}`,
        reason: `'${b} ' || ${ident(b)} || ' is before ${a} ' || ${ident(a)}`,
      });
    }
  }
  return checks;
}

/** Duplicate keys inside the stage, and keys that already exist in the store. */
function keyChecks(table: TableName): string[] {
  const key = TABLES[table].key;
  if (key.length === 0) return [];
  const keyCols = key.map((k) => ident(k));
  const keyText = keyCols.join(` || '|' || `);
  const stage = stageName(table);
  const cols = key.join(', ');
  const lowerIfEnum = (k: string) =>
    columnsOf(table).find(([n]) => n === k)![1].type === 'enum' ? `lower(${ident(k)})` : ident(k);
  const normalised = key.map(lowerIfEnum);
  return [
    // Duplicated keys are found by a hash aggregate first, so the window runs only over their rows.
    `WITH dup AS (SELECT ${normalised.map((x, i) => `${x} AS k${i}`).join(', ')} FROM ${stage}
                  WHERE ${keyCols.map((c) => `${c} IS NOT NULL`).join(' AND ')}
                  GROUP BY ALL HAVING count(*) > 1)
     SELECT _file, _line, ${literal(cols)} AS col, 'duplicate ${key.length > 1 ? 'key' : 'id'} ' || ${literal("'")} || ${keyText} || ${literal("'")} || ' (first at line ' || first_line || ')' AS reason
     FROM (SELECT s.*, min(_line) OVER (PARTITION BY _file, ${normalised.join(', ')}) AS first_line,
                  row_number() OVER (PARTITION BY ${normalised.join(', ')} ORDER BY _file, _line) AS k
           FROM ${stage} s JOIN dup ON ${normalised.map((x, i) => `${x} = dup.k${i}`).join(' AND ')})
     WHERE k > 1`,
    `SELECT s._file, s._line, ${literal(cols)}, 'duplicate ${key.length > 1 ? 'key' : 'id'} ' || ${literal("'")} || ${key
      .map((k) => `s.${ident(k)}`)
      .join(
        ` || '|' || `,
      )} || ${literal("'")} || ' is already in the store (import #' || t.import_id || '; use --replace to replace that import)'
     FROM ${stage} s JOIN ${ident(table)} t ON ${key
       .map((k, i) => `${normalised[i].replaceAll(ident(k), `s.${ident(k)}`)} = t.${ident(k)}`)
       .join(' AND ')}`,
  ];
}

/** References to organisations, projects or people that exist neither in the stage nor in the store. */
function refChecks(table: TableName): string[] {
  const out: string[] = [];
  for (const [name, spec] of columnsOf(table)) {
    if (spec.type !== 'ref') continue;
    const target = spec.ref!;
    const v = `s.${ident(name)}`;
    out.push(
      `SELECT s._file, s._line, ${literal(name)}, 'unknown ${target === 'people' ? 'person' : target.slice(0, -1)} ' || ${literal("'")} || ${v} || ${literal("'")} || ' (not in ${TABLES[target].file} nor in the store)'
       FROM ${stageName(table)} s
       WHERE ${v} IS NOT NULL
         AND ${v} NOT IN (SELECT id FROM ${stageName(target)} WHERE id IS NOT NULL)
         AND ${v} NOT IN (SELECT id FROM ${ident(target)})`,
    );
  }
  return out;
}

/** Every issue in the stage, sorted by file and line. */
export async function validateStaged(
  connection: DuckDBConnection,
  options: ValidateOptions = {},
): Promise<StagedIssue[]> {
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  await registerNace(connection);
  const parts: string[] = [];
  // Empty stage tables need no checks (and their reference checks would still hash the targets).
  const counts = (
    await connection.runAndReadAll(
      TABLE_NAMES.map((t) => `SELECT count(*) FROM ${stageName(t)}`).join(' UNION ALL '),
    )
  ).getRows();
  for (const [k, table] of TABLE_NAMES.entries()) {
    if (Number(counts[k][0]) === 0) continue;
    const stage = stageName(table);
    // All column checks of a table in one scan: each check yields a {col, reason} struct or NULL.
    const checks = columnChecks(table, currentYear);
    if (checks.length > 0) {
      const structs = checks.map(
        (c) =>
          `CASE WHEN ${c.when} THEN {'col': ${c.column === null ? 'NULL' : literal(c.column)}, 'reason': ${c.reason}} END`,
      );
      parts.push(
        `SELECT ${literal(table)} AS tbl, _file, _line, issue.col AS col, issue.reason AS reason
         FROM (SELECT _file, _line, unnest(list_filter([${structs.join(', ')}], x -> x IS NOT NULL)) AS issue
               FROM ${stage} WHERE ${checks.map((c) => `coalesce(${c.when}, false)`).join(' OR ')})`,
      );
    }
    for (const q of [...keyChecks(table), ...refChecks(table)])
      parts.push(`SELECT ${literal(table)} AS tbl, * FROM (${q})`);
  }
  // Nothing staged (or every row dropped by --skip-invalid): no query to run.
  if (parts.length === 0) return spinoffCycles(connection);
  const sql = `SELECT * FROM (${parts.join('\nUNION ALL\n')}) ORDER BY _file, _line, col`;
  const reader = await connection.runAndReadAll(sql);
  const issues: StagedIssue[] = reader.getRows().map((r) => ({
    table: r[0] as TableName,
    file: String(r[1]),
    line: r[2] === null ? null : Number(r[2]),
    column: r[3] === null ? null : String(r[3]),
    reason: String(r[4]),
  }));
  issues.push(...(await spinoffCycles(connection)));
  return issues;
}

/**
 * NACE codes are checked by the same parser the rest of Milieu uses, once per distinct value: the
 * invalid ones go to a temporary table that the column checks look up.
 */
async function registerNace(connection: DuckDBConnection): Promise<void> {
  const values = new Set<string>();
  for (const table of TABLE_NAMES) {
    for (const [name, spec] of columnsOf(table)) {
      if (spec.type !== 'nace') continue;
      const v = ident(name);
      const reader = await connection.runAndReadAll(
        `SELECT DISTINCT ${v} FROM ${stageName(table)} WHERE ${v} IS NOT NULL`,
      );
      for (const [code] of reader.getRows()) values.add(String(code));
    }
  }
  await connection.run('CREATE OR REPLACE TEMP TABLE milieu_bad_nace (code VARCHAR)');
  const bad = [...values].filter((code) => parseNace(code) === null);
  if (bad.length > 0) {
    await connection.run(
      `INSERT INTO milieu_bad_nace VALUES ${bad.map((b) => `(${literal(b)})`).join(', ')}`,
    );
  }
}

/** Spin-off lineage must be a forest: no organisation may be its own ancestor. */
async function spinoffCycles(connection: DuckDBConnection): Promise<StagedIssue[]> {
  const reader = await connection.runAndReadAll(
    `SELECT child, parent, _file, _line FROM ${stageName('spinoffs')}
     WHERE child IS NOT NULL AND parent IS NOT NULL
     UNION ALL SELECT child, parent, NULL, NULL FROM spinoffs`,
  );
  const rows = reader.getRows();
  if (rows.length === 0) return [];
  const parentsOf = new Map<string, string[]>();
  for (const [child, parent] of rows) {
    const list = parentsOf.get(String(child));
    if (list) list.push(String(parent));
    else parentsOf.set(String(child), [String(parent)]);
  }
  // Iterative three-colour DFS over child → parent edges; a grey node met again closes a cycle.
  const colour = new Map<string, 1 | 2>();
  const onCycle = new Set<string>();
  for (const start of parentsOf.keys()) {
    if (colour.has(start)) continue;
    const path: string[] = [start];
    const next: number[] = [0];
    colour.set(start, 1);
    while (path.length > 0) {
      const node = path[path.length - 1];
      const parents = parentsOf.get(node) ?? [];
      const i = next[next.length - 1]++;
      if (i >= parents.length) {
        colour.set(node, 2);
        path.pop();
        next.pop();
        continue;
      }
      const p = parents[i];
      const c = colour.get(p);
      if (c === 1) {
        for (let k = path.lastIndexOf(p); k < path.length; k++) onCycle.add(path[k]);
      } else if (c === undefined) {
        colour.set(p, 1);
        path.push(p);
        next.push(0);
      }
    }
  }
  const issues: StagedIssue[] = [];
  for (const [child, parent, file, line] of rows) {
    if (file === null || !onCycle.has(String(child)) || !onCycle.has(String(parent))) continue;
    issues.push({
      table: 'spinoffs',
      file: String(file),
      line: Number(line),
      column: 'parent',
      reason: `spin-off cycle: '${child}' would be its own ancestor through '${parent}'`,
    });
  }
  return issues;
}
