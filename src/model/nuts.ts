/**
 * NUTS (Nomenclature of Territorial Units for Statistics) codes: a two-letter country code followed
 * by one character per level, so the level is the length minus two (`DE` 0, `DE2` 1, `DE21` 2,
 * `DE212` 3). Eurostat uses `EL` for Greece and `UK` for the United Kingdom. Source: Regulation (EC)
 * No 1059/2003 and its amendments; NUTS 2021.
 */
export const NUTS_PATTERN = /^[A-Z]{2}[0-9A-Z]{0,3}$/;

/** Level 0–3 of a well-formed NUTS code, or null when the code is malformed. Extra-regio `ZZ` codes count. */
export function nutsLevel(code: string): number | null {
  return NUTS_PATTERN.test(code) ? code.length - 2 : null;
}

/** The ancestor of a code at a coarser level: nutsAncestor('DE212', 1) → 'DE2'. */
export function nutsAncestor(code: string, level: number): string {
  return code.slice(0, 2 + level);
}

/** SQL (DuckDB) regular expression equal to NUTS_PATTERN, for validation inside the store. */
export const NUTS_SQL_PATTERN = '^[A-Z]{2}[0-9A-Z]{0,3}$';
