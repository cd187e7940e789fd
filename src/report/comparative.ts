/**
 * The comparative report of `milieu report` and the main job (`npm start`): the headline measures of
 * each region side by side (from `compareRegions`), the collective learning index and its three
 * parts, the geography of ties, the findings' verdicts when they were checked, and every indicator
 * in an appendix — as Markdown and as one self-contained HTML page with charts (comparative-html.ts).
 *
 * Pure: it formats what it is given. Whether the data are simulated comes from the store's imports
 * (`simulatedImports`); a report on simulated data says so at the top, in the footer and on every
 * printed page, and its findings section says that verdicts on simulated clusters show the
 * machinery, not evidence about the regions.
 */
import type { Comparison } from '../measures/index.ts';
import type { VerdictRow } from '../model/findings.ts';
import { formatNumber, MISSING, numberStyle } from './format.ts';

export interface ReportInput {
  /** Title of the report. */
  title: string;
  /** What the data are (the store's path), shown under the title. */
  source: string;
  comparison: Comparison;
  /** Display name of each region, in the order of `comparison.regions`. */
  regionNames: string[];
  /** Simulated imports in the store, or null when it holds none. */
  simulated: SimulatedData | null;
  /** The findings' verdicts (`checkFindings`); absent: "not yet checked". */
  verdicts?: VerdictRow[];
  /** Milieu version, input hashes, parameters and seed, for reproducing the report. */
  provenance: { milieuVersion: string; inputHashes: string[]; parameters: Record<string, unknown> };
}

export interface SimulatedData {
  /** Imports that are simulation runs. */
  runs: number;
  /** All imports of the store. */
  imports: number;
}

export interface Report {
  markdown: string;
  html: string;
}

/** The simulated share of a store's imports, from their recorded formats (`simulation seed=…`). */
export function simulatedImports(formats: readonly string[]): SimulatedData | null {
  const runs = formats.filter((f) => f.startsWith('simulation ')).length;
  return runs === 0 ? null : { runs, imports: formats.length };
}

/** The indicators of the headline table and the charts, in reading order. */
export const HEADLINE_MEASURES = [
  'evolution.births',
  'evolution.creationRate',
  'knowledge.universitySpinoffShare',
  'spinoffs.count',
  'spinoffs.ratePer100ParentYears',
  'spinoffs.stayLocalShare',
  'spinoffs.tiePersistenceShare',
  'largeFirms.spinoffsFromLargeFirmsShare',
  'ties.localShare',
  'ties.verticalShare',
  'ties.eiIndex',
  'ties.firmsWithLocalAndExternalShare',
  'largeFirms.acquisitions',
  'largeFirms.autonomyRetainedShare',
  'mobility.localMovesPer100Employees',
  'mobility.hiresFromLocalFirmsShare',
  'learning.index',
] as const;

/** The parts of the collective learning index, as charted and tabulated. */
export const LEARNING_PARTS = [
  ['zSpinoff', 'spin-offs'],
  ['zNetworking', 'networking'],
  ['zMobility', 'labour mobility'],
  ['index', 'index'],
] as const;

/** Tie scope indicators, stacked local → global. */
export const SCOPE_PARTS = [
  ['ties.localShare', 'local'],
  ['ties.nationalShare', 'national'],
  ['ties.internationalShare', 'international'],
  ['ties.globalShare', 'global'],
] as const;

export type ComparisonRow = Comparison['rows'][number];

/** A row's values as shown: shares as percentages (0–100), the rest unchanged. */
export function shownValues(row: ComparisonRow): { unit: string; values: (number | null)[] } {
  const percent = row.unit === 'share';
  return {
    unit: percent ? '%' : (row.unit ?? ''),
    values: percent ? row.values.map((v) => (v === null ? null : 100 * v)) : row.values,
  };
}

/** A row's cells formatted with one style for the row (the comparison's own convention). */
export function formattedCells(row: ComparisonRow): { unit: string; cells: string[] } {
  const { unit, values } = shownValues(row);
  const style = numberStyle(unit, values);
  return { unit, cells: values.map((v) => (v === null ? MISSING : formatNumber(v, style))) };
}

export function rowByName(c: Comparison, name: string): ComparisonRow | undefined {
  return c.rows.find((r) => r.name === name);
}

/** The banner a report on simulated data carries at its top and bottom. */
export function simulatedBanner(s: SimulatedData): string {
  const which =
    s.runs === s.imports
      ? 'every import of this store is a simulation run'
      : `${s.runs} of the ${s.imports} imports of this store are simulation runs`;
  return `SIMULATED DATA — ${which}. The figures illustrate Milieu's cluster model; they are not data about the regions named.`;
}

/** What the findings section says about verdicts, before the table (or instead of it). */
export function findingsPreamble(input: Pick<ReportInput, 'verdicts' | 'simulated'>): string[] {
  const lines: string[] = [];
  if (!input.verdicts) lines.push('Findings: not yet checked.');
  if (input.simulated)
    lines.push(
      'The simulated clusters were built from the same paragraphs of the study as the findings, so verdicts on them show that the machinery works, not evidence for or against the findings. For evidence, see the verdicts of `milieu check` on the ten clusters in the real EU Framework Programme (CORDIS) data.',
    );
  return lines;
}

export const VERDICT_HEADERS = ['finding', 'region', 'verdict', 'effect', 'interval', 'p', 'n', 'note'];

/** A verdict row's cells, formatted. */
export function verdictCells(v: VerdictRow): string[] {
  // the effect and its interval share one precision, so they read alike
  const style = numberStyle('', [v.effect, v.low, v.high]);
  const f = (x: number | null) => (x === null ? MISSING : formatNumber(x, style));
  const interval =
    v.low === null || v.high === null
      ? MISSING
      : `${f(v.low)} to ${f(v.high)}${v.level === null ? '' : ` (${Math.round(100 * v.level)}%)`}`;
  return [
    v.finding,
    v.region ?? 'all',
    v.verdict,
    `${f(v.effect)} ${v.effectName}`.trim(),
    interval,
    v.pValue === null ? MISSING : formatNumber(v.pValue, { digits: 3, grouping: false }),
    formatNumber(v.n, { digits: 0, grouping: true }),
    v.note,
  ];
}

function mdCell(v: string): string {
  return v.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function mdTable(headers: string[], rows: string[][], numericFrom = 1): string[] {
  return [
    `| ${headers.map(mdCell).join(' | ')} |`,
    `|${headers.map((_, i) => (i < numericFrom ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ];
}

function measureRows(c: Comparison, names: readonly string[]): string[][] {
  return names.flatMap((name) => {
    const row = rowByName(c, name);
    if (!row) return [];
    const { unit, cells } = formattedCells(row);
    return [[name, unit, ...cells]];
  });
}

/** The report as Markdown. */
export function reportMarkdown(input: ReportInput): string {
  const c = input.comparison;
  const heads = ['measure', 'unit', ...input.regionNames];
  const banner = input.simulated ? [`> **${simulatedBanner(input.simulated)}**`, ''] : [];
  const learningHeads = ['region', ...LEARNING_PARTS.map(([, label]) => label)];
  const learningRows = c.learning.map((l, i) => [
    input.regionNames[i],
    ...LEARNING_PARTS.map(([key]) =>
      l[key] === null ? MISSING : formatNumber(l[key], { digits: 2, grouping: false }),
    ),
  ]);
  const lines = [
    `# ${input.title}`,
    '',
    ...banner,
    `Data: ${input.source}. Regions: ${input.regionNames.join(', ')}.`,
    '',
    ...c.notes.map((n) => `- ${n}`),
    '',
    '## Headline measures',
    '',
    ...mdTable(heads, measureRows(c, HEADLINE_MEASURES), 2),
    '',
    '## Collective learning',
    '',
    'The index is the mean of three z-scores across the regions compared: spin-offs per 100 firms, local ties per firm, and local moves per 100 employees (docs/measures.md). A z-score ranks a region among these regions only.',
    '',
    ...mdTable(learningHeads, learningRows),
    '',
    '## Findings',
    '',
    ...findingsPreamble(input).flatMap((l) => [l, '']),
    ...(input.verdicts ? [...mdTable(VERDICT_HEADERS, input.verdicts.map(verdictCells), 9), ''] : []),
    '## Every indicator',
    '',
    ...mdTable(
      heads,
      measureRows(
        c,
        c.rows.map((r) => r.name),
      ),
      2,
    ),
    '',
    `Milieu ${input.provenance.milieuVersion}; inputs ${input.provenance.inputHashes.map((h) => h.slice(0, 12)).join(', ') || 'none'}; parameters ${JSON.stringify(input.provenance.parameters)}.`,
    ...(input.simulated ? ['', `**${simulatedBanner(input.simulated)}**`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
