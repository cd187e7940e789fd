import type { Command } from 'commander';
import { openStore } from '../../store/store.ts';
import { printJson, printText } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { provenance, reportsCsv, reportsText } from '../report-output.ts';

export function register(program: Command): void {
  program
    .command('measure')
    .description('compute every measure family (or one) for a region and a period')
    .argument('<db>', 'database file')
    .option('-r, --region <region>', 'region id from the regions table, or a NUTS code (default: everything)')
    .option('-y, --years <range>', 'year range, e.g. 1985-2000 (default: all years)')
    .option(
      '-f, --family <name...>',
      'only these families (evolution, sectors, knowledge, spinoffs, ties, network, large-firms, mobility, learning)',
    )
    .option('--regions-file <file>', 'JSON file of extra study regions (see docs/regions.md)')
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
      const { measureAll, parseYears } = await import('../../measures/index.ts');
      const { loadDataset } = await import('../../dataset/load.ts');
      const selection = {
        ...(opts.region ? { region: String(opts.region) } : {}),
        ...(opts.years ? { years: parseYears(String(opts.years)) } : {}),
      };
      const seed = Number(opts.seed);
      const store = await openStore(db, { create: false, readOnly: true });
      const progress = terminalProgress(opts.quiet || opts.json || opts.csv ? !process.stderr.isTTY : false);
      try {
        const { loadStudyRegions, withStudyRegions } = await import('../../regions/definitions.ts');
        // the ten clusters (and a user's regions file) can be named like the store's own regions
        const dataset = withStudyRegions(
          await loadDataset(store),
          loadStudyRegions({ regionsFile: opts.regionsFile }),
        );
        const reports = measureAll(dataset, selection, opts.family, { seed, onProgress: progress });
        progress.stop();
        if (opts.json)
          printJson({ ...provenance(dataset, { selection, families: opts.family ?? 'all', seed }), reports });
        else if (opts.csv) process.stdout.write(reportsCsv(reports));
        else printText(reportsText(reports));
      } finally {
        progress.stop();
        store.close();
      }
    });
}
