/** The R&D linkages report as a text table, Markdown and a standalone HTML section. */
import { barChart, type PartDatum, stackedShareChart } from './charts.ts';
import { formatCells, formatValue, renderTable, wrapText } from './format.ts';
import type { ClusterLinkages } from './rtd.ts';
import { multiSiteLines, RTD_CAVEATS } from './rtd.ts';

export interface RtdContext {
  /** How organisations were placed in regions, e.g. "gazetteer 49.5%, unresolved 50.5%". */
  resolution: string;
  /** How the co-participation network was built (weighting, project-size cap): networkNote(). */
  network?: string;
  /** Human resources in science and technology (% of active population) per cluster id, if known. */
  hrst?: Map<string, number | null>;
  /** The SIMULATED banner (simulatedBanner) when the store holds simulation runs. */
  simulated?: string;
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? null : Math.round(1000 * x) / 10;

export function rtdHeaders(context: RtdContext): string[] {
  const h = [
    'cluster',
    'organisations',
    'participations',
    'coordinator %',
    'EU contribution (EUR m)',
    'intra-cluster %',
    'national %',
    'other European %',
    'outside Europe %',
    'E-I index',
    'firm–university inside',
    'firm–university across',
  ];
  if (context.hrst) h.push('HRST % (NUTS-2)');
  return h;
}

export function rtdRows(rows: ClusterLinkages[], context: RtdContext): (string | number | null)[][] {
  return rows.map((r) => {
    const row: (string | number | null)[] = [
      r.name,
      r.organisations,
      r.participations,
      pct(r.coordinatorShare),
      Math.round(r.euContribution / 1e4) / 100,
      pct(r.scopeShares?.intraCluster),
      pct(r.scopeShares?.national),
      pct(r.scopeShares?.otherEuropean),
      pct(r.scopeShares?.outsideEurope),
      r.eiIndex === null ? null : Math.round(r.eiIndex * 1000) / 1000,
      r.firmUniversityInside,
      r.firmUniversityAcross,
    ];
    if (context.hrst) {
      const v = context.hrst.get(r.id);
      row.push(v === null || v === undefined ? null : Math.round(v * 100) / 100);
    }
    return row;
  });
}

function orgList(r: ClusterLinkages): string[] {
  const name = (x: { id: string; name: string | null }) => x.name ?? x.id;
  return [
    `${r.name}: gatekeepers — ${r.gatekeepers.map((g) => `${name(g)} (${g.kind}, ${formatValue(g.localOutsidePairs)} local–outside pairs)`).join('; ') || 'none'}`,
    `${r.name}: most partners — ${r.central.map((c) => `${name(c)} (${formatValue(c.partners)}, ${formatValue(c.outsidePartners)} outside)`).join('; ') || 'none'}`,
  ];
}

/** The report as text no wider than `width` (tables fitted, long lines wrapped). */
export function rtdText(rows: ClusterLinkages[], context: RtdContext, width = 100): string {
  const text = [
    ...(context.simulated ? [context.simulated, ''] : []),
    'European R&D linkages (co-participation in Framework Programme projects)',
    `Placement of organisations in regions: ${context.resolution}`,
    ...(context.network ? [context.network] : []),
    '',
    renderTable(rtdHeaders(context), rtdRows(rows, context), width),
    '',
    ...rows.flatMap(orgList),
    ...multiSiteBlock(rows, (l) => l, 'Multi-site legal entities:'),
    '',
    'What this data cannot tell:',
    ...RTD_CAVEATS.map((c) => `- ${c}`),
  ].join('\n');
  return wrapText(text, width);
}

/** The multi-site notes under a heading, or nothing when no cluster has any. */
function multiSiteBlock(rows: ClusterLinkages[], line: (l: string) => string, heading: string): string[] {
  const lines = multiSiteLines(rows);
  return lines.length === 0 ? [] : ['', heading, ...lines.map(line)];
}

function mdCell(v: string): string {
  return v.replaceAll('|', '\\|');
}

export function rtdMarkdown(rows: ClusterLinkages[], context: RtdContext): string {
  const headers = rtdHeaders(context);
  const lines = [
    '## European R&D linkages of the clusters',
    '',
    ...(context.simulated ? [`> **${context.simulated}**`, ''] : []),
    "Co-participation in EU Framework Programme projects: where each cluster's partners are, who coordinates, and which local organisations bridge local and outside partners.",
    '',
    `Placement of organisations in regions: ${context.resolution}.`,
    ...(context.network ? ['', context.network] : []),
    '',
    `| ${headers.join(' | ')} |`,
    `|${headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...formatCells(headers, rtdRows(rows, context)).cells.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    '',
    '### Gatekeepers and best-connected organisations',
    '',
    ...rows.flatMap(orgList).map((l) => `- ${l}`),
    ...multiSiteBlock(rows, (l) => `- ${l}`, '### Multi-site legal entities\n'),
    '',
    '### What this data cannot tell',
    '',
    ...RTD_CAVEATS.map((c) => `- ${c}`),
  ];
  return `${lines.join('\n')}\n`;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The charts of the HTML report: tie scope per cluster as stacked bars, and the E-I index. */
export function rtdCharts(rows: ClusterLinkages[]): string[] {
  const order = rows.map((r) => r.name);
  const parts = ['intra-cluster', 'national', 'other European', 'outside Europe'];
  const scope: PartDatum[] = rows.flatMap((r) =>
    r.scopeShares === null
      ? []
      : [
          { region: r.name, part: parts[0], value: r.scopeShares.intraCluster },
          { region: r.name, part: parts[1], value: r.scopeShares.national },
          { region: r.name, part: parts[2], value: r.scopeShares.otherEuropean },
          { region: r.name, part: parts[3], value: r.scopeShares.outsideEurope },
        ],
  );
  const ei = rows.flatMap((r) => (r.eiIndex === null ? [] : [{ region: r.name, value: r.eiIndex }]));
  const out: string[] = [];
  if (scope.length > 0)
    out.push(
      `<figure class="chart"><h3>Where the co-participation partners are</h3>${stackedShareChart(scope, { label: 'share of ties, % →', parts, order })}</figure>`,
    );
  if (ei.length > 0)
    out.push(
      `<figure class="chart"><h3>E-I index</h3>${barChart(ei, { label: 'E-I index (−1 all ties inside the cluster, +1 all outside) →', order })}</figure>`,
    );
  return out;
}

export function rtdHtml(rows: ClusterLinkages[], context: RtdContext): string {
  const headers = rtdHeaders(context);
  const body = formatCells(headers, rtdRows(rows, context))
    .cells.map(
      (r) =>
        `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${esc(v)}</th>` : `<td>${esc(v)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>European R&amp;D linkages of the clusters</title>
<style>body{font-family:system-ui,sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd}td{text-align:right}thead th{font-size:.85rem;vertical-align:bottom}.simulated{background:#F0E442;border:2px solid #000;padding:.5rem 1rem;font-weight:700}</style></head>
<body><section>
${context.simulated ? `<p class="simulated" role="note">${esc(context.simulated)}</p>\n` : ''}<h2>European R&amp;D linkages of the clusters</h2>
<p>Placement of organisations in regions: ${esc(context.resolution)}.</p>
${context.network ? `<p>${esc(context.network)}</p>\n` : ''}<table><thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
${rtdCharts(rows).join('\n')}
<h3>Gatekeepers and best-connected organisations</h3>
<ul>${rows
    .flatMap(orgList)
    .map((l) => `<li>${esc(l)}</li>`)
    .join('\n')}</ul>
${
  multiSiteLines(rows).length > 0
    ? `<h3>Multi-site legal entities</h3>\n<ul>${multiSiteLines(rows)
        .map((l) => `<li>${esc(l)}</li>`)
        .join('\n')}</ul>`
    : ''
}
<h3>What this data cannot tell</h3>
<ul>${RTD_CAVEATS.map((c) => `<li>${esc(c)}</li>`).join('\n')}</ul>
</section></body></html>
`;
}
