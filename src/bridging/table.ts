/**
 * Recommendations as one plain table (columns and rows of cells), for CSV and for callers who want
 * the scored pairs without the nested facts: one row per recommendation, every component and its
 * contribution, and the explanation.
 */
import { COMPONENTS } from './components.ts';
import type { Introductions } from './recommend.ts';

export type TableCell = string | number | boolean | null;

export function introductionsTable(results: readonly Introductions[]): {
  columns: string[];
  rows: TableCell[][];
} {
  const columns = [
    'region',
    'asOf',
    'rank',
    'aId',
    'aName',
    'aKind',
    'aInside',
    'bId',
    'bName',
    'bKind',
    'bInside',
    'score',
    ...COMPONENTS,
    ...COMPONENTS.map((c) => `${c}Contribution`),
    'explanation',
  ];
  const rows: TableCell[][] = [];
  for (const r of results)
    for (const x of r.recommendations)
      rows.push([
        r.region,
        r.asOf,
        x.rank,
        x.a.id,
        x.a.name,
        x.a.kind,
        x.a.inside,
        x.b.id,
        x.b.name,
        x.b.kind,
        x.b.inside,
        x.score,
        ...COMPONENTS.map((c) => x.components[c]),
        ...COMPONENTS.map((c) => x.contributions[c]),
        x.explanation,
      ]);
  return { columns, rows };
}

/** The table as CSV text: a header line, fields quoted where they hold a comma, quote or newline. */
export function introductionsCsv(results: readonly Introductions[]): string {
  const cell = (v: TableCell) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const { columns, rows } = introductionsTable(results);
  return `${[columns, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
