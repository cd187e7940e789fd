/**
 * The verdict table for people and programs: text fitted to a width (src/report/format.ts's table),
 * Markdown and CSV. One row per finding and region: the verdict, the effect with its interval, the
 * p-value, the units n and the values behind it; the notes follow the table.
 */
import type { VerdictRow } from '../model/findings.ts';
import { formatValue, MISSING, renderTable, wrapText } from './format.ts';

/** `0.17 [0.15, 0.19]` (90 % or 95 % as the row says), or "–". */
export function effectText(row: VerdictRow): string {
  if (row.effect === null) return MISSING;
  const e = formatValue(row.effect);
  if (row.low === null || row.high === null) return e;
  return `${e} [${formatValue(row.low)}, ${formatValue(row.high)}]`;
}

/** A p-value with two significant digits, "<0.001" below that. */
export function pText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return MISSING;
  if (p < 0.001) return '<0.001';
  return p.toPrecision(2);
}

/** The values behind a verdict as `name value; …`. */
export function valuesText(row: VerdictRow): string {
  return Object.entries(row.values)
    .map(([k, v]) => `${k} ${v === null ? MISSING : typeof v === 'number' ? formatValue(v) : v}`)
    .join('; ');
}

const HEADERS = ['finding', 'verdict', 'effect [interval]', 'p', 'n', 'values'];

function cells(row: VerdictRow): string[] {
  return [row.finding, row.verdict, effectText(row), pText(row.pValue), String(row.n), valuesText(row)];
}

/** Group rows by region, keeping first-seen order. */
function byRegion(rows: readonly VerdictRow[]): [string | null, VerdictRow[]][] {
  const groups = new Map<string | null, VerdictRow[]>();
  for (const r of rows) {
    const g = groups.get(r.region) ?? [];
    g.push(r);
    groups.set(r.region, g);
  }
  return [...groups];
}

/** Text: per region a heading, the table fitted to `width`, then each finding's note. */
export function verdictText(rows: readonly VerdictRow[], width: number): string {
  return byRegion(rows)
    .map(([region, group]) => {
      const head = region === null ? 'Findings — the whole dataset' : `Findings — ${region}`;
      const table = renderTable(HEADERS, group.map(cells), width, {
        rightAlign: [false, false, true, true, true, false],
      });
      const notes = group.filter((r) => r.note).map((r) => `- ${r.finding}: ${r.note}`);
      return `${head}\n${table}\n${wrapText(notes.join('\n'), width)}`;
    })
    .join('\n\n');
}

const mdCell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** What a written table records so that it can be reproduced: version, inputs, parameters (seed included). */
export interface VerdictProvenance {
  milieuVersion: string;
  inputHashes: string[];
  parameters: Record<string, unknown>;
}

/** Markdown: per region a section with the table and the notes; the provenance first when given. */
export function verdictMarkdown(rows: readonly VerdictRow[], provenance?: VerdictProvenance): string {
  const sections = byRegion(rows).map(([region, group]) => {
    const head = `## ${region === null ? 'The whole dataset' : region}`;
    const lines = [
      `| ${[...HEADERS, 'note'].join(' | ')} |`,
      `|${[...HEADERS, 'note'].map(() => '---').join('|')}|`,
      ...group.map((r) => `| ${[...cells(r), r.note].map(mdCell).join(' | ')} |`),
    ];
    return `${head}\n\n${lines.join('\n')}\n`;
  });
  const made = provenance
    ? `Milieu ${provenance.milieuVersion}; inputs ${provenance.inputHashes.join(', ') || 'none'}; parameters ${JSON.stringify(provenance.parameters)}.\n\n`
    : '';
  return `# Findings checked\n\n${made}${sections.join('\n')}`;
}

const CSV_COLUMNS = [
  'region',
  'finding',
  'verdict',
  'effect',
  'effect_name',
  'low',
  'high',
  'level',
  'p_value',
  'n',
  'values',
  'note',
] as const;

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV: one line per row; `values` as a JSON object. */
export function verdictCsv(rows: readonly VerdictRow[]): string {
  const lines = rows.map((r) =>
    [
      r.region,
      r.finding,
      r.verdict,
      r.effect,
      r.effectName,
      r.low,
      r.high,
      r.level,
      r.pValue,
      r.n,
      JSON.stringify(r.values),
      r.note,
    ]
      .map(csvField)
      .join(','),
  );
  return `${CSV_COLUMNS.join(',')}\n${lines.join('\n')}\n`;
}
