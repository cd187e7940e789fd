/**
 * The comparative report as one self-contained HTML page: styles inline, charts as inline SVG drawn
 * by Observable Plot on the server (charts.ts), no script and no external URL, so it opens offline
 * and can be mailed. Table cells carry the unrounded value in `data-value`, so a reader (or a test)
 * can check the figures against `compareRegions`.
 */
import { barChart, dotChart, type PartDatum, stackedShareChart } from './charts.ts';
import {
  type ComparisonRow,
  findingsPreamble,
  formattedCells,
  HEADLINE_MEASURES,
  LEARNING_PARTS,
  type Report,
  type ReportInput,
  reportMarkdown,
  rowByName,
  SCOPE_PARTS,
  simulatedBanner,
  VERDICT_HEADERS,
  verdictCells,
} from './comparative.ts';
import { formatNumber, MISSING } from './format.ts';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Bar charts of single indicators shown under the headline table. */
const CHARTED = [
  ['evolution.creationRate', 'new firms per 100 firms per year', false],
  ['knowledge.universitySpinoffShare', 'direct university spin-offs, % of local SMEs', true],
  ['ties.eiIndex', 'E-I index (−1 all ties local, +1 all outside)', false],
  ['mobility.localMovesPer100Employees', 'local moves per 100 employees per year', false],
] as const;

function valueCells(row: ComparisonRow): string {
  const { cells } = formattedCells(row);
  return cells
    .map((cell, i) => {
      const v = row.values[i];
      const why = v === null && row.notes[i] ? ` title="${esc(row.notes[i] ?? '')}"` : '';
      return `<td${v === null ? '' : ` data-value="${v}"`}${why}>${esc(cell)}</td>`;
    })
    .join('');
}

function measureTable(input: ReportInput, names: readonly string[], id: string): string {
  const c = input.comparison;
  const rows = names
    .map((name) => rowByName(c, name))
    .filter((r): r is ComparisonRow => r !== undefined)
    .map((row) => {
      const { unit } = formattedCells(row);
      return `<tr data-measure="${esc(row.name)}"><th scope="row">${esc(row.name)}</th><td class="unit">${esc(unit)}</td>${valueCells(row)}</tr>`;
    });
  return `<table id="${id}"><thead><tr><th scope="col">measure</th><th scope="col">unit</th>${input.regionNames
    .map((n) => `<th scope="col">${esc(n)}</th>`)
    .join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function figure(title: string, svg: string, caption?: string): string {
  return `<figure class="chart"><h3>${esc(title)}</h3>${svg}${caption ? `<figcaption>${esc(caption)}</figcaption>` : ''}</figure>`;
}

function charts(input: ReportInput): string[] {
  const c = input.comparison;
  const order = input.regionNames;
  const out: string[] = [];
  const parts = LEARNING_PARTS.map(([, label]) => label);
  const learning: PartDatum[] = c.learning.flatMap((l, i) =>
    LEARNING_PARTS.flatMap(([key, part]) =>
      l[key] === null ? [] : [{ region: order[i], part, value: l[key] as number }],
    ),
  );
  if (learning.length > 0)
    out.push(
      figure(
        'Collective learning index and its parts',
        dotChart(learning, { label: 'z-score across the regions compared →', parts, order }),
        'Each part is a z-score across these regions; the index is their mean.',
      ),
    );
  const scope: PartDatum[] = [];
  for (const [name, part] of SCOPE_PARTS) {
    const row = rowByName(c, name);
    row?.values.forEach((v, i) => {
      if (v !== null) scope.push({ region: order[i], part, value: v });
    });
  }
  if (scope.length > 0)
    out.push(
      figure(
        'Where ties go',
        stackedShareChart(scope, {
          label: 'share of ties, % →',
          parts: SCOPE_PARTS.map(([, p]) => p),
          order,
        }),
        'Local: both ends in the region; national: the other end elsewhere in the country; international: elsewhere in Europe; global: outside Europe.',
      ),
    );
  for (const [name, label, percent] of CHARTED) {
    const row = rowByName(c, name);
    if (!row) continue;
    const data = row.values.flatMap((v, i) => (v === null ? [] : [{ region: order[i], value: v }]));
    if (data.length === 0) continue;
    out.push(figure(name, barChart(data, { label: `${label} →`, percent, order })));
  }
  return out;
}

function learningTable(input: ReportInput): string {
  const rows = input.comparison.learning.map(
    (l, i) =>
      `<tr><th scope="row">${esc(input.regionNames[i])}</th>${LEARNING_PARTS.map(([key]) => {
        const v = l[key];
        return v === null
          ? `<td>${MISSING}</td>`
          : `<td data-value="${v}">${esc(formatNumber(v, { digits: 2, grouping: false }))}</td>`;
      }).join('')}</tr>`,
  );
  return `<table id="learning"><thead><tr><th scope="col">region</th>${LEARNING_PARTS.map(
    ([, label]) => `<th scope="col">${esc(label)}</th>`,
  ).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function findingsSection(input: ReportInput): string {
  const pre = findingsPreamble(input)
    .map((l) => `<p>${esc(l).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('\n');
  if (!input.verdicts) return pre;
  const rows = input.verdicts.map(
    (v) =>
      `<tr class="verdict-${esc(v.verdict.replaceAll(' ', '-'))}">${verdictCells(v)
        .map((cell) => `<td>${esc(cell)}</td>`)
        .join('')}</tr>`,
  );
  return `${pre}\n<table id="verdicts"><thead><tr>${VERDICT_HEADERS.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#111}',
  'table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}',
  'th,td{padding:.25rem .5rem;border-bottom:1px solid #ddd}td{text-align:right}',
  'thead th{vertical-align:bottom}td.unit{text-align:left;color:#555}',
  '#verdicts td{text-align:left}',
  '.simulated{background:#F0E442;border:2px solid #000;padding:.5rem 1rem;font-weight:700}',
  'figure.chart{margin:1.5rem 0}figcaption{font-size:.85rem;color:#444}',
  '.wide{overflow-x:auto}',
  // the banner is repeated on every printed page
  '@media print{.simulated.top{position:fixed;top:0;left:0;right:0}body{margin-top:4rem}}',
].join('\n');

/** The report as one self-contained HTML page. */
export function reportHtml(input: ReportInput): string {
  const banner = input.simulated ? simulatedBanner(input.simulated) : '';
  const notes = input.comparison.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(input.title)}${input.simulated ? ' (SIMULATED)' : ''}</title>
<style>${STYLE}</style></head>
<body>
${banner ? `<p class="simulated top" role="note">${esc(banner)}</p>\n` : ''}<h1>${esc(input.title)}</h1>
<p>Data: ${esc(input.source)}. Regions: ${esc(input.regionNames.join(', '))}.</p>
<ul>${notes}</ul>
<h2>Headline measures</h2>
<div class="wide">${measureTable(input, HEADLINE_MEASURES, 'headline')}</div>
${charts(input).join('\n')}
<h2>Collective learning</h2>
<p>The index is the mean of three z-scores across the regions compared: spin-offs per 100 firms, local ties per firm, and local moves per 100 employees. A z-score ranks a region among these regions only.</p>
${learningTable(input)}
<h2>Findings</h2>
${findingsSection(input)}
<h2>Every indicator</h2>
<div class="wide">${measureTable(
    input,
    input.comparison.rows.map((r) => r.name),
    'all',
  )}</div>
<footer><p>Milieu ${esc(input.provenance.milieuVersion)}; inputs ${esc(
    input.provenance.inputHashes.map((h) => h.slice(0, 12)).join(', ') || 'none',
  )}; parameters ${esc(JSON.stringify(input.provenance.parameters))}.</p>
${banner ? `<p class="simulated" role="note">${esc(banner)}</p>` : ''}</footer>
</body></html>
`;
}

/** The report in both forms. */
export function buildReport(input: ReportInput): Report {
  return { markdown: reportMarkdown(input), html: reportHtml(input) };
}
