/** Small helpers for writing DuckDB SQL safely. */

/** Quotes an identifier: some column names (`end`, `from`, `to`) are SQL keywords. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `NULL` for blank text so that empty strings and missing values mean the same thing. */
export function blankToNull(expr: string): string {
  return `NULLIF(trim(${expr}), '')`;
}
