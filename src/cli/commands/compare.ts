import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { openStore } from '../../store/store.ts';
import { printJson, printText, warn } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { comparisonCsv, comparisonText, learningWarnings, provenance } from '../report-output.ts';

export function register(program: Command): void {
  program
    .command('compare')
    .description(
      'regions side by side: one row per measure, one column per region, with the collective learning index',
    )
    .argument('<db>', 'database file')
    .requiredOption('-r, --regions <list>', 'comma-separated region ids or NUTS codes, e.g. fenland,DE21')
    .option('-y, --years <range>', 'year range, e.g. 1985-2000 (default: all years)')
    .option('--regions-file <file>', 'JSON file of extra study regions (see docs/regions.md)')
    .option('--seed <n>', 'seed for randomised measures', '1')
    .option('--json', 'print JSON', false)
    .option('--csv', 'print CSV', false)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText('after', '\nExample:\n  $ milieu compare cluster.duckdb --regions fenland,UKH1,DE21')
    .action(async (db: string, opts) => {
      // loaded here so that other commands start without the measure families
      const { compareRegions, parseYears } = await import('../../measures/index.ts');
      const { loadDataset } = await import('../../dataset/load.ts');
      const regions = String(opts.regions)
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      if (regions.length === 0) throw new UsageError('cli', '--regions needs at least one region');
      const selection = opts.years ? { years: parseYears(String(opts.years)) } : {};
      const seed = Number(opts.seed);
      const store = await openStore(db, { create: false, readOnly: true });
      const progress = terminalProgress(opts.quiet);
      try {
        const { loadStudyRegions, withStudyRegions } = await import('../../regions/definitions.ts');
        // the ten clusters (and a user's regions file) can be named like the store's own regions
        const dataset = withStudyRegions(
          await loadDataset(store),
          loadStudyRegions({ regionsFile: opts.regionsFile }),
        );
        const comparison = compareRegions(dataset, regions, selection, { seed, onProgress: progress });
        progress.stop();
        for (const w of learningWarnings(comparison)) warn(w);
        if (opts.json) printJson({ ...provenance(dataset, { regions, selection, seed }), ...comparison });
        else if (opts.csv) process.stdout.write(comparisonCsv(comparison));
        else printText(comparisonText(comparison));
      } finally {
        progress.stop();
        store.close();
      }
    });
}
