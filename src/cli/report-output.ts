/** Renders measure results as text, JSON or CSV, each with what is needed to reproduce them. */
import type { Dataset } from '../dataset/dataset.ts';
import type { Cell, FamilyReport, MeasureResult } from '../measures/common.ts';
import { isAvailable } from '../measures/common.ts';
import type { Comparison } from '../measures/index.ts';
import { formatTable } from './output.ts';

export function provenance(dataset: Dataset, parameters: Record<string, unknown>) {
  return { milieuVersion: dataset.meta.milieuVersion, inputHashes: dataset.meta.inputHashes, parameters };
}

const MAX_TEXT_ROWS = 25;

function tableText(result: MeasureResult): string {
  const head = `${result.measure} — ${result.description}`;
  if (!isAvailable(result)) return `${head}\n  not available: ${result.notAvailable}`;
  const shown = result.rows.slice(0, MAX_TEXT_ROWS);
  const more =
    result.rows.length > shown.length
      ? `\n… ${result.rows.length - shown.length} more rows (--json or --csv for all)`
      : '';
  const notes = result.notes?.length ? `\n${result.notes.map((n) => `note: ${n}`).join('\n')}` : '';
  return `${head}\n${formatTable(result.columns, shown)}${more}${notes}`;
}

export function reportsText(reports: FamilyReport[]): string {
  return reports.map((r) => [`== ${r.family} ==`, ...r.tables.map(tableText)].join('\n\n')).join('\n\n');
}

function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Long format: one line per cell, so tables of any shape fit one CSV. */
export function reportsCsv(reports: FamilyReport[]): string {
  const lines = ['family,measure,row,column,value'];
  for (const r of reports) {
    for (const t of r.tables) {
      if (!isAvailable(t)) {
        lines.push([r.family, t.measure, '', 'notAvailable', t.notAvailable].map(csvCell).join(','));
        continue;
      }
      for (const [i, row] of t.rows.entries()) {
        for (const [c, cell] of row.entries()) {
          lines.push([r.family, t.measure, i + 1, t.columns[c], cell].map(csvCell).join(','));
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

export function comparisonText(c: Comparison): string {
  return formatTable(
    ['measure', 'unit', ...c.regions],
    c.rows.map((r) => [r.name, r.unit, ...r.values.map((v) => (v === null ? '–' : v))]),
  );
}

export function comparisonCsv(c: Comparison): string {
  const lines = [['measure', 'unit', ...c.regions].map(csvCell).join(',')];
  for (const r of c.rows) lines.push([r.name, r.unit, ...r.values].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
