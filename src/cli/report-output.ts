/** Renders measure results as text, JSON or CSV, each with what is needed to reproduce them. */
import type { Dataset } from '../dataset/dataset.ts';
import { UsageError } from '../errors.ts';
import type { Cell, FamilyReport, MeasureResult } from '../measures/common.ts';
import { isAvailable } from '../measures/common.ts';
import type { Comparison } from '../measures/index.ts';
import { checkFileTarget, type OutputOptions, realPath } from '../output-target.ts';
import { formatNumber, MISSING, numberStyle, renderTable } from '../report/format.ts';
import { formatTable, outputWidth } from './output.ts';

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
  const { columns, rows } = sharesAsPercent(result.columns, shown);
  return `${head}\n${formatTable(columns, rows)}${more}${notes}`;
}

const isShareName = (name: string) => /(^s|S)hare$/.test(name);

/** Share columns (0–1, named `share` or `…Share`) shown as percentages, their header marked %. */
function sharesAsPercent(columns: string[], rows: Cell[][]): { columns: string[]; rows: Cell[][] } {
  const convert = columns.map(
    (c, i) =>
      isShareName(c) &&
      rows.every((r) => r[i] === null || (typeof r[i] === 'number' && r[i] >= 0 && r[i] <= 1)),
  );
  if (!convert.some(Boolean)) return { columns, rows };
  return {
    columns: columns.map((c, i) => (convert[i] ? `${c} %` : c)),
    rows: rows.map((r) => r.map((v, i) => (convert[i] && typeof v === 'number' ? 100 * v : v))),
  };
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

/**
 * One row per measure, one column per region. Each row has its own precision (a row is one
 * measure); shares show as percentages. An empty cell carries a numbered marker whose reason is
 * listed under the table, so every gap says why.
 */
export function comparisonText(c: Comparison, width = outputWidth()): string {
  const reasons: string[] = [];
  const marker = (reason: string | null, region: string) => {
    if (!reason) return MISSING;
    // the same reason for several regions is one footnote: the region's own id is left out of it
    reason = reason.replaceAll(`region ${region}`, 'the region').replaceAll(region, 'the region');
    let k = reasons.indexOf(reason);
    if (k < 0) k = reasons.push(reason) - 1;
    return `${MISSING} [${k + 1}]`;
  };
  const rows = c.rows.flatMap((r) => {
    const percent = r.unit === 'share';
    const values = percent ? r.values.map((v) => (v === null ? null : 100 * v)) : r.values;
    const unit = percent ? '%' : (r.unit ?? '');
    const style = numberStyle(percent ? '%' : unit, values);
    const row = [
      r.name,
      unit,
      ...values.map((v, i) => (v === null ? marker(r.notes[i], c.regions[i]) : formatNumber(v, style))),
    ];
    if (!r.standardErrors) return [row];
    // A sampled figure's standard error on the line below it, in the figure's own style.
    const errors = r.standardErrors.map((e) => (e === null ? null : percent ? 100 * e : e));
    return [
      row,
      [`  ± standard error`, unit, ...errors.map((e) => (e === null ? '' : formatNumber(e, style)))],
    ];
  });
  const table = renderTable(['measure', 'unit', ...c.regions], rows, width, {
    rightAlign: [false, false, ...c.regions.map(() => true)],
  });
  if (reasons.length === 0) return table;
  return `${table}\n\nnot available:\n${reasons.map((r, k) => `  [${k + 1}] ${r}`).join('\n')}`;
}

/**
 * What a reader of the collective learning index must know: a region's index that rests on fewer
 * than its three parts, and z-scores that only rank two regions (with two values each z is ±1).
 */
export function learningWarnings(c: Comparison): string[] {
  const warnings: string[] = [];
  const parts = [
    ['zSpinoff', 'spin-offs'],
    ['zNetworking', 'networking'],
    ['zMobility', 'mobility'],
  ] as const;
  // regions missing the same parts share one warning
  const byMissing = new Map<string, string[]>();
  c.learning.forEach((row, i) => {
    if (row.index === null) return;
    const missing = parts.filter(([key]) => row[key] === null).map(([, name]) => name);
    if (missing.length === 0) return;
    const key = missing.join(', ');
    byMissing.set(key, [...(byMissing.get(key) ?? []), c.regions[i]]);
  });
  for (const [missing, regions] of byMissing) {
    const left = 3 - missing.split(', ').length;
    warnings.push(
      `the collective learning index of ${regions.join(', ')} rests on ${left} of its 3 parts (no z-score for ${missing})`,
    );
  }
  for (const [key, name] of parts) {
    const present = c.learning.filter((row) => row[key] !== null).length;
    if (present === 2) {
      warnings.push(
        `the ${name} z-scores compare only two regions, so each is +1 or −1: they rank the regions and say nothing of the distance between them`,
      );
    }
  }
  return warnings;
}

export function comparisonCsv(c: Comparison): string {
  const lines = [['measure', 'unit', ...c.regions].map(csvCell).join(',')];
  for (const r of c.rows) {
    lines.push([r.name, r.unit, ...r.values].map(csvCell).join(','));
    if (r.standardErrors)
      lines.push([`${r.name}.standardError`, r.unit, ...r.standardErrors].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Checks a report command's --markdown and --html before any work: never the database or an input
 * (`inputs`), never each other; an existing file only with --force.
 */
export function checkReportTargets(
  command: string,
  db: string,
  opts: Record<string, unknown>,
  inputs: unknown[] = [],
): { markdown: OutputOptions; html: OutputOptions } {
  const protect = [db, ...inputs].map((p) => (typeof p === 'string' ? p : undefined));
  const markdown: OutputOptions = { force: Boolean(opts.force), protect, label: 'Markdown report' };
  const html: OutputOptions = { ...markdown, label: 'HTML report' };
  if (typeof opts.markdown === 'string') checkFileTarget(opts.markdown, markdown);
  if (typeof opts.html === 'string') checkFileTarget(opts.html, html);
  if (typeof opts.markdown === 'string' && typeof opts.html === 'string')
    if (realPath(opts.markdown) === realPath(opts.html))
      throw new UsageError(command, `--markdown and --html name the same file (${opts.html})`);
  return { markdown, html };
}
