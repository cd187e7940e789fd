import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { openStore } from '../../store/store.ts';
import { addClusterOptions } from '../option-values.ts';
import { printJson, printText, warn } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { comparisonCsv, comparisonText, learningWarnings, provenance } from '../report-output.ts';

export function register(program: Command): void {
  const command = program
    .command('compare')
    .description(
      'regions side by side: one row per measure, one column per region, with the collective learning index',
    )
    .argument('<db>', 'database file')
    .requiredOption(
      '-r, --regions <list>',
      "'ten' for the ten study clusters, or comma-separated region ids / NUTS 2021 codes, e.g. fenland,DE21",
    )
    .option('-y, --years <range>', 'year range, e.g. 1985-2000 (default: all years)');
  addClusterOptions(command, { maxProjectSize: '30' })
    .option('--seed <n>', 'seed for randomised measures', '1')
    .option('--json', 'print JSON', false)
    .option('--csv', 'print CSV', false)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText('after', '\nExample:\n  $ milieu compare cluster.duckdb --regions fenland,UKH1,DE21')
    .action(async (db: string, opts) => {
      // loaded here so that other commands start without the measure families
      const { compareRegions, parseMaxProjectSize, parseWeighting, parseYears } = await import(
        '../../measures/index.ts'
      );
      const { loadDataset } = await import('../../dataset/load.ts');
      const { parseMultiSiteMode, parseRegionArgument, withRegionContext, multiSiteByRegion, multiSiteText } =
        await import('../../regions/arguments.ts');
      const multiSite = parseMultiSiteMode(opts.multiSite);
      if (!String(opts.regions).trim()) throw new UsageError('cli', '--regions needs at least one region');
      const selection = {
        ...(opts.years ? { years: parseYears(String(opts.years)) } : {}),
        weighting: parseWeighting(String(opts.weighting)),
        maxProjectSize: parseMaxProjectSize(String(opts.maxProjectSize)),
      };
      const seed = Number(opts.seed);
      const store = await openStore(db, { create: false, readOnly: true });
      const progress = terminalProgress(opts.quiet);
      try {
        // the ten clusters (and a user's regions file) can be named like the store's own regions
        const dataset = withRegionContext(await loadDataset(store), {
          regionsFile: opts.regionsFile,
          multiSite,
        });
        const chosen = parseRegionArgument(dataset, String(opts.regions));
        const regions = chosen.map((r) => r.id);
        const comparison = compareRegions(dataset, regions, selection, { seed, onProgress: progress });
        progress.stop();
        for (const w of learningWarnings(comparison)) warn(w);
        if (opts.json)
          printJson({
            ...provenance(dataset, { regions, selection: shown(selection), seed, multiSite }),
            ...comparison,
            multiSite: multiSiteByRegion(dataset, chosen),
          });
        else if (opts.csv) {
          process.stdout.write(comparisonCsv(comparison));
          process.stderr.write(multiSiteText(dataset, chosen));
        } else {
          const notes = comparison.notes.map((n) => `note: ${n}\n`).join('');
          printText(`${comparisonText(comparison)}\n${notes}${multiSiteText(dataset, chosen)}`.trimEnd());
        }
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
