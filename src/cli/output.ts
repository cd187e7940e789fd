/**
 * Shared output helpers: tables for people (fitted to the terminal), JSON for programs. Data goes to
 * stdout; progress, notes and warnings go to stderr (`note`, `warn`), so `milieu … > file` keeps only
 * the data.
 */
import { formatValue, renderTable, type TableCell, wrapText } from '../report/format.ts';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The width text output must fit: `COLUMNS` when set (as `ls` does, so a user or a test can choose),
 * else the terminal's width, else 100 (output to a file or a pipe).
 */
export function outputWidth(): number {
  const env = Number(process.env.COLUMNS);
  if (Number.isInteger(env) && env >= 20) return env;
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  return 100;
}

/** Renders rows as an aligned text table no wider than the output; numbers right-aligned. */
export function formatTable(headers: string[], rows: readonly (readonly TableCell[])[]): string {
  return renderTable(headers, rows, outputWidth());
}

/**
 * A two-column table of named figures, each a different quantity: every value formatted on its own
 * (a density and a node count do not share a precision), right-aligned.
 */
export function formatFigures(headers: [string, string], figures: [string, TableCell][]): string {
  return renderTable(
    headers,
    figures.map(([k, v]) => [k, typeof v === 'number' ? formatValue(v) : v]),
    outputWidth(),
    { rightAlign: [false, true] },
  );
}

/** Writes text for people to stdout, with lines longer than the output width wrapped. */
export function printText(text: string): void {
  process.stdout.write(`${wrapText(text, outputWidth())}\n`);
}

/** A note for the reader, on stderr so that it never mixes with the data on stdout. */
export function note(message: string): void {
  process.stderr.write(`${wrapText(`note: ${message}`, outputWidth())}\n`);
}

/** A warning: a figure printed on stdout rests on less than it should. */
export function warn(message: string): void {
  process.stderr.write(`${wrapText(`warning: ${message}`, outputWidth())}\n`);
}
