import type { Command } from 'commander';
import { formatIssue, InputError, UsageError } from '../../errors.ts';
import { writeFileSafely } from '../../output-target.ts';
import { formatPercent, formatValue } from '../../report/format.ts';
import { openStore } from '../../store/store.ts';
import { addClusterOptions, wholeNumberOption } from '../option-values.ts';
import { outputWidth, printJson } from '../output.ts';
import { checkReportTargets, provenance } from '../report-output.ts';
import { optionFile } from '../sources.ts';

export function register(program: Command): void {
  const command = program
    .command('rtd')
    .description('European R&D linkages of study regions from Framework Programme participations')
    .argument('<db>', 'database file with CORDIS data (run milieu resolve first to place organisations)')
    .option(
      '-r, --regions <list>',
      "'ten' for the ten study clusters, or comma-separated region ids / NUTS 2021 codes",
      'ten',
    )
    .option(
      '--indicators <file>',
      'NUTS-2 indicator table (e.g. nuts2-indicators.csv, - for stdin) for HRST beside each cluster',
    );
  addClusterOptions(command, { maxProjectSize: '30' })
    .option('--top <n>', 'gatekeepers and central organisations listed per cluster', '5')
    .option('--json', 'print JSON', false)
    .option('--csv', 'print the cluster table as CSV', false)
    .option('--markdown <file>', 'also write the report as a Markdown section')
    .option('--html <file>', 'also write the report as an HTML page')
    .option('--force', 'replace existing --markdown/--html files (never a database or an input)', false)
    .addHelpText(
      'after',
      '\nExample:\n  $ milieu rtd h2020.duckdb --regions ten --indicators ../shared/data/regional/nuts2-indicators.csv',
    )
    .action(async (db: string, opts) => {
      const top = wholeNumberOption(opts.top, '--top');
      const outputs = checkReportTargets('rtd', db, opts, [opts.indicators, opts.regionsFile]);
      const indicatorTable = opts.indicators ? await readIndicators(opts.indicators) : undefined;
      const { loadDataset } = await import('../../dataset/load.ts');
      const { parseMultiSiteMode, parseRegionArgument, withRegionContext } = await import(
        '../../regions/arguments.ts'
      );
      const { loadResolutions } = await import('../../store/resolutions.ts');
      const { rtdLinkages } = await import('../../report/rtd.ts');
      const { rtdText, rtdMarkdown, rtdHtml, rtdHeaders, rtdRows } = await import(
        '../../report/rtd-format.ts'
      );
      const multiSite = parseMultiSiteMode(opts.multiSite);
      const store = await openStore(db, { create: false, readOnly: true });
      try {
        const dataset = withRegionContext(await loadDataset(store), {
          regionsFile: opts.regionsFile,
          multiSite,
        });
        const chosen = parseRegionArgument(dataset, String(opts.regions));
        const resolutions = await loadResolutions(store);
        const resolution = resolutions
          ? describeResolution(resolutions.method, resolutions.stale)
          : 'not resolved (run milieu resolve): organisations are placed by their NUTS code or locality name only';
        const { networkNote, parseMaxProjectSize, parseWeighting } = await import('../../measures/index.ts');
        const co = {
          weighting: parseWeighting(String(opts.weighting)),
          maxProjectSize: parseMaxProjectSize(String(opts.maxProjectSize)),
        };
        const rows = rtdLinkages(dataset, chosen, { top, ...co });
        const { simulatedBanner, simulatedImports } = await import('../../report/comparative.ts');
        const formats = (await store.connection.runAndReadAll('SELECT format FROM imports')).getRows();
        const simulated = simulatedImports(formats.map(([f]) => String(f)));
        const context: {
          resolution: string;
          network: string;
          hrst?: Map<string, number | null>;
          simulated?: string;
        } = {
          resolution,
          network: networkNote(co),
          ...(simulated ? { simulated: simulatedBanner(simulated) } : {}),
        };
        if (indicatorTable) {
          const { regionContext } = await import('../../io/regional-indicators.ts');
          const table = indicatorTable;
          context.hrst = new Map(
            chosen.map((r) => {
              const ind = regionContext(table, r).indicators.find((i) => i.name === 'context.hrht');
              return [r.id, ind?.value ?? null];
            }),
          );
        }
        if (opts.markdown) writeFileSafely(opts.markdown, rtdMarkdown(rows, context), outputs.markdown);
        if (opts.html) writeFileSafely(opts.html, rtdHtml(rows, context), outputs.html);
        if (opts.json) {
          printJson({
            ...provenance(dataset, {
              regions: chosen.map((r) => r.id),
              top,
              multiSite,
              weighting: co.weighting,
              maxProjectSize: Number.isFinite(co.maxProjectSize) ? co.maxProjectSize : 'none',
            }),
            resolution,
            network: context.network,
            clusters: rows,
            hrst: context.hrst ? Object.fromEntries(context.hrst) : undefined,
          });
        } else if (opts.csv) {
          const lines = [rtdHeaders(context), ...rtdRows(rows, context)].map((r) =>
            r
              .map((v) =>
                v === null ? '' : /[",]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v),
              )
              .join(','),
          );
          process.stdout.write(`${lines.join('\n')}\n`);
        } else process.stdout.write(`${rtdText(rows, context, outputWidth())}\n`);
      } finally {
        store.close();
      }
    });
}

/**
 * Reads the --indicators table and insists that it is one: NUTS-2 codes in an id column, the `hrht`
 * column rtd shows, and no problem in any row (otherwise the column would be silently empty).
 */
async function readIndicators(file: string) {
  const { readRegionalIndicators } = await import('../../io/regional-indicators.ts');
  const input = optionFile(file, 'csv');
  let table: ReturnType<typeof readRegionalIndicators>;
  try {
    table = readRegionalIndicators(input.path);
  } finally {
    input.done();
  }
  if (table.rows.size === 0) {
    const first = table.issues[0];
    const why = first
      ? `no row with a NUTS-2 code; first problem: ${formatIssue(first)}`
      : 'no rows (it needs a column of NUTS-2 codes and one row per region)';
    throw new UsageError('rtd', `--indicators ${file} is not a NUTS-2 indicator table: ${why}`);
  }
  if (table.issues.length > 0) throw new InputError('rtd', table.issues);
  if (!table.columns.includes('hrht'))
    throw new UsageError(
      'rtd',
      `--indicators ${file} has no column 'hrht' (human resources in science and technology, % of the active population), the indicator rtd shows; its columns: ${table.columns.join(', ') || 'none'}`,
    );
  return table;
}

function describeResolution(methods: string[], stale: boolean): string {
  const counts = new Map<string, number>();
  for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);
  const total = methods.length || 1;
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${formatValue(n)} (${formatPercent(n / total)})`);
  return `${parts.join(', ')}${stale ? ' — stale: the store changed since milieu resolve ran' : ''}`;
}
