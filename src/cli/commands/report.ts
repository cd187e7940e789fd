/**
 * `milieu report`: the comparative report of any store — headline measures per region, the
 * collective learning index and its parts, the geography of ties, every indicator — as a
 * self-contained HTML page with charts (inline SVG, no script, no CDN) and optionally Markdown.
 * Says SIMULATED throughout when the store holds simulation runs.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { writeFileSafely } from '../../output-target.ts';
import { openStore } from '../../store/store.ts';
import { addClusterOptions } from '../option-values.ts';
import { printText } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { checkReportTargets } from '../report-output.ts';

export function register(program: Command): void {
  const command = program
    .command('report')
    .description('a comparative report of regions (measures, learning index, charts) as HTML and Markdown')
    .argument('<db>', 'database file')
    .option('--html <file>', 'write the report as one self-contained HTML page with charts')
    .option('--markdown <file>', 'write the report as Markdown')
    .option('--region <id>', 'one region (its measures, without a learning index across regions)')
    .option(
      '-r, --regions <list>',
      "'ten' for the ten study clusters, or comma-separated region ids / NUTS 2021 codes (default: the store's regions)",
    )
    .option('-y, --years <range>', 'year range, e.g. 1985-2000 (default: all years)');
  addClusterOptions(command, { maxProjectSize: '30' })
    .option('--seed <n>', 'seed for randomised measures', '1')
    .option('--force', 'replace existing report files (never a database or an input)', false)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText(
      'after',
      [
        '',
        'At least one of --html and --markdown. The findings section holds the verdicts of `milieu check`',
        'on each region. A store holding simulation runs is labelled SIMULATED on every page.',
        '',
        'Examples:',
        '  $ milieu report milieu-demo/demo.duckdb --html report.html --markdown report.md',
        '  $ milieu report h2020.duckdb --regions ten --html ten.html',
        '  $ milieu report cluster.duckdb --regions fenland,UKH1 --html fenland.html',
      ].join('\n'),
    )
    .action(async (db: string, opts) => {
      if (opts.html === undefined && opts.markdown === undefined)
        throw new UsageError('cli', 'give --html <file> and/or --markdown <file>');
      if (opts.region !== undefined && opts.regions !== undefined)
        throw new UsageError('cli', 'give --region or --regions, not both');
      const outputs = checkReportTargets('report', db, opts, [opts.regionsFile]);
      const { parseMaxProjectSize, parseWeighting, parseYears } = await import('../../measures/index.ts');
      const { parseMultiSiteMode } = await import('../../regions/arguments.ts');
      const { reportOnStore } = await import('../../report/from-store.ts');
      const selection = {
        ...(opts.years ? { years: parseYears(String(opts.years)) } : {}),
        weighting: parseWeighting(String(opts.weighting)),
        maxProjectSize: parseMaxProjectSize(String(opts.maxProjectSize)),
      };
      const regions = opts.region ?? opts.regions;
      if (regions !== undefined && opts.region !== undefined && String(regions).includes(','))
        throw new UsageError('cli', `--region takes one region, got ${regions}; use --regions for several`);
      const store = await openStore(db, { create: false, readOnly: true });
      const progress = terminalProgress(opts.quiet);
      let report: Awaited<ReturnType<typeof reportOnStore>>;
      try {
        report = await reportOnStore(store, {
          ...(regions === undefined ? {} : { regions: String(regions) }),
          selection,
          seed: Number(opts.seed),
          multiSite: parseMultiSiteMode(opts.multiSite),
          regionsFile: opts.regionsFile,
          onProgress: progress,
        });
      } finally {
        progress.stop();
        store.close();
      }
      const wrote: string[] = [];
      if (opts.markdown !== undefined) {
        writeFileSafely(opts.markdown, report.markdown, outputs.markdown);
        wrote.push(opts.markdown);
      }
      if (opts.html !== undefined) {
        writeFileSafely(opts.html, report.html, outputs.html);
        wrote.push(opts.html);
      }
      printText(
        `${report.simulated ? 'SIMULATED data: ' : ''}report on ${report.regionNames.length} region${report.regionNames.length === 1 ? '' : 's'} (${report.comparison.regions.join(', ')}) written to ${wrote.join(' and ')}`,
      );
    });
}
