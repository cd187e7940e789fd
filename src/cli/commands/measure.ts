import type { Command } from 'commander';
import { openStore } from '../../store/store.ts';
import { addClusterOptions } from '../option-values.ts';
import { printJson, printText } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { provenance, reportsCsv, reportsText } from '../report-output.ts';

export function register(program: Command): void {
  const command = program
    .command('measure')
    .description('compute every measure family (or one) for a region and a period')
    .argument('<db>', 'database file')
    .option('-r, --region <region>', 'region id from the regions table, or a NUTS code (default: everything)')
    .option('-y, --years <range>', 'year range, e.g. 1985-2000 (default: all years)')
    .option(
      '-f, --family <name...>',
      'only these families (evolution, sectors, knowledge, spinoffs, ties, network, large-firms, mobility, learning)',
    );
  addClusterOptions(command, { maxProjectSize: 'none' })
    .option('--seed <n>', 'seed for randomised measures (bootstrap, permutation nulls, Louvain)', '1')
    .option('--json', 'print JSON (with version, input hashes and parameters)', false)
    .option('--csv', 'print CSV in long format: family,measure,row,column,value', false)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ milieu measure cluster.duckdb --region fenland --years 1985-2005\n  $ milieu measure cluster.duckdb --family spinoffs --json',
    )
    .action(async (db: string, opts) => {
      // loaded here so that other commands start without the measure families
      const { measureAll, parseMaxProjectSize, parseWeighting, parseYears } = await import(
        '../../measures/index.ts'
      );
      const { loadDataset } = await import('../../dataset/load.ts');
      const { parseMultiSiteMode, parseRegionArgument, withRegionContext, multiSiteByRegion, multiSiteText } =
        await import('../../regions/arguments.ts');
      const multiSite = parseMultiSiteMode(opts.multiSite);
      const years = {
        ...(opts.years ? { years: parseYears(String(opts.years)) } : {}),
        weighting: parseWeighting(String(opts.weighting)),
        maxProjectSize: parseMaxProjectSize(String(opts.maxProjectSize)),
      };
      const seed = Number(opts.seed);
      const store = await openStore(db, { create: false, readOnly: true });
      const progress = terminalProgress(opts.quiet || opts.json || opts.csv ? !process.stderr.isTTY : false);
      try {
        // the ten clusters (and a user's regions file) can be named like the store's own regions
        const dataset = withRegionContext(await loadDataset(store), {
          regionsFile: opts.regionsFile,
          multiSite,
        });
        const chosen = opts.region
          ? parseRegionArgument(dataset, String(opts.region), { single: true, option: '--region' })
          : [];
        const selection = { ...(chosen.length > 0 ? { region: chosen[0].id } : {}), ...years };
        const reports = measureAll(dataset, selection, opts.family, { seed, onProgress: progress });
        progress.stop();
        if (opts.json)
          printJson({
            ...provenance(dataset, {
              selection: shown(selection),
              families: opts.family ?? 'all',
              seed,
              multiSite,
            }),
            reports,
            multiSite: multiSiteByRegion(dataset, chosen),
          });
        else if (opts.csv) {
          process.stdout.write(reportsCsv(reports));
          process.stderr.write(multiSiteText(dataset, chosen));
        } else printText(`${reportsText(reports)}\n${multiSiteText(dataset, chosen)}`.trimEnd());
      } finally {
        progress.stop();
        store.close();
      }
    });
}

/** The selection as JSON can hold it: no cap is 'none' (JSON has no Infinity). */
function shown<T extends { maxProjectSize: number }>(selection: T) {
  return {
    ...selection,
    maxProjectSize: Number.isFinite(selection.maxProjectSize) ? selection.maxProjectSize : 'none',
  };
}
