/** Shared output helpers: plain tables for people, JSON for programs. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Renders rows as an aligned text table; numbers right-aligned. */
export function formatTable(headers: string[], rows: (string | number | boolean | null)[][]): string {
  const cells = rows.map((r) =>
    headers.map((_, i) => {
      const c = r[i];
      return c === null || c === undefined ? '' : typeof c === 'number' ? formatNumber(c) : String(c);
    }),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const numeric = headers.map((_, i) => rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(1) : String(Number(x.toPrecision(4)));
}
