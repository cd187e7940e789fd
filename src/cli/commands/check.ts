import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { checkFileTarget, type OutputOptions, realPath, writeFileSafely } from '../../output-target.ts';
import { openStore } from '../../store/store.ts';
import { addClusterOptions } from '../option-values.ts';
import { note, outputWidth, printJson } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { provenance } from '../report-output.ts';

export function register(program: Command): void {
  const command = program
    .command('check')
    .description(
      'check the findings of the ten-cluster study (docs/findings.md) as hypotheses: a verdict per finding and region',
    )
    .argument('<db>', 'database file')
    .option('-r, --region <region>', 'one region id or NUTS 2021 code (default: the whole dataset)')
    .option(
      '--regions <list>',
      "'ten' for the ten study clusters, or comma-separated region ids / NUTS codes",
    )
    .option(
      '-f, --finding <ids...>',
      'only these findings (ids of docs/findings.md; several, or comma-separated)',
    )
    .option('-y, --years <range>', 'year range, e.g. 1985-2000 (default: all years)');
  addClusterOptions(command, { maxProjectSize: '30' })
    .option('--seed <n>', 'seed of the bootstrap and permutation tests', '1')
    .option('--json', 'print JSON', false)
    .option('--csv <file>', 'also write the verdict table as CSV')
    .option('--markdown <file>', 'also write the verdict table as Markdown')
    .option('--force', 'replace existing --csv/--markdown files (never a database or an input)', false)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ milieu check cluster.duckdb --region fenland',
        '  $ milieu check h2020.duckdb --regions ten --finding local-and-global-together university-links-outside',
        '  $ milieu check h2020.duckdb --regions cambridge,munich --json',
        '  $ milieu check demo.duckdb --regions ten --markdown findings.md --csv findings.csv',
      ].join('\n'),
    )
    .action(async (db: string, opts) => {
      if (opts.region && opts.regions) throw new UsageError('cli', 'give --region or --regions, not both');
      const seed = Number(opts.seed);
      if (!/^-?\d+$/.test(String(opts.seed).trim()))
        throw new UsageError('cli', `--seed takes a whole number, got '${opts.seed}'`);
      const outputs = checkOutputs(db, opts);
      const { parseMaxProjectSize, parseWeighting, parseYears } = await import('../../measures/common.ts');
      const { checkFindings, selectFindings } = await import('../../findings/index.ts');
      const { verdictCsv, verdictMarkdown, verdictText } = await import('../../report/verdicts.ts');
      const { loadDataset } = await import('../../dataset/load.ts');
      const { parseMultiSiteMode, parseRegionArgument, withRegionContext } = await import(
        '../../regions/arguments.ts'
      );
      const findingIds = opts.finding
        ? (opts.finding as string[])
            .flatMap((s) => s.split(','))
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
      const findings = selectFindings(findingIds).map((f) => f.id);
      const multiSite = parseMultiSiteMode(opts.multiSite);
      const base = {
        ...(opts.years ? { years: parseYears(String(opts.years)) } : {}),
        weighting: parseWeighting(String(opts.weighting)),
        maxProjectSize: parseMaxProjectSize(String(opts.maxProjectSize)),
      };
      const store = await openStore(db, { create: false, readOnly: true });
      const progress = terminalProgress(opts.quiet || opts.json || !process.stderr.isTTY);
      try {
        const dataset = withRegionContext(await loadDataset(store), {
          regionsFile: opts.regionsFile,
          multiSite,
        });
        const argument = opts.region ?? opts.regions;
        const regions = argument
          ? parseRegionArgument(
              dataset,
              String(argument),
              opts.region ? { single: true, option: '--region' } : {},
            ).map((r) => r.id)
          : [undefined];
        const rows = regions.flatMap((region, k) =>
          checkFindings(
            dataset,
            { ...base, ...(region === undefined ? {} : { region }) },
            {
              seed,
              findings,
              onProgress: (_phase, done, total) =>
                progress('checking findings', k + done / Math.max(total, 1), regions.length),
            },
          ),
        );
        progress.stop();
        const made = provenance(dataset, {
          regions: regions.map((r) => r ?? null),
          findings,
          seed,
          multiSite,
          ...base,
          maxProjectSize: Number.isFinite(base.maxProjectSize) ? base.maxProjectSize : 'none',
        });
        if (opts.csv) writeFileSafely(opts.csv, verdictCsv(rows), outputs.csv);
        if (opts.markdown) writeFileSafely(opts.markdown, verdictMarkdown(rows, made), outputs.markdown);
        if (opts.json) printJson({ ...made, verdicts: rows });
        else {
          process.stdout.write(`${verdictText(rows, outputWidth())}\n`);
          if (opts.csv) note(`wrote ${opts.csv}`);
          if (opts.markdown) note(`wrote ${opts.markdown}`);
        }
      } finally {
        progress.stop();
        store.close();
      }
    });
}

/** Checks --csv and --markdown before any work: never the database or an input, nor each other. */
function checkOutputs(db: string, opts: Record<string, unknown>) {
  const protect = [db, opts.regionsFile].map((p) => (typeof p === 'string' ? p : undefined));
  const csv: OutputOptions = { force: Boolean(opts.force), protect, label: 'CSV verdict table' };
  const markdown: OutputOptions = { ...csv, label: 'Markdown verdict table' };
  if (typeof opts.csv === 'string') checkFileTarget(opts.csv, csv);
  if (typeof opts.markdown === 'string') checkFileTarget(opts.markdown, markdown);
  if (typeof opts.csv === 'string' && typeof opts.markdown === 'string')
    if (realPath(opts.csv) === realPath(opts.markdown))
      throw new UsageError('cli', `--csv and --markdown name the same file (${opts.csv})`);
  return { csv, markdown };
}
