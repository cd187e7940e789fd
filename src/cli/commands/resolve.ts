import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { formatPercent, formatValue } from '../../report/format.ts';
import { openStore } from '../../store/store.ts';
import { wholeNumberOption } from '../option-values.ts';
import { formatTable, printJson, printText } from '../output.ts';
import { terminalProgress } from '../progress.ts';

export function register(program: Command): void {
  program
    .command('resolve')
    .description(
      "find every organisation's NUTS-3 region (source code, coordinates, or city name) and store it",
    )
    .argument('<db>', 'database file')
    .requiredOption(
      '--nuts <path>',
      'NUTS 2021 polygons, GISCO GeoJSON in WGS84 (e.g. NUTS_RG_60M_2021_4326.geojson)',
    )
    .option(
      '--max-distance <km>',
      'place points outside every polygon in the nearest one within this distance',
      '10',
    )
    .option('--no-gazetteer', 'do not look city names up (only NUTS codes and coordinates)')
    .option('--top <n>', 'unresolved localities to list', '20')
    .option('--dry-run', 'compute and report, do not store', false)
    .option('--json', 'print JSON (rates, unresolved organisations)', false)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ milieu resolve h2020.duckdb --nuts ../shared/data/nuts/NUTS_RG_60M_2021_4326.geojson\n  $ milieu resolve h2020.duckdb --nuts NUTS_RG_01M_2021_4326.geojson --json',
    )
    .action(async (db: string, opts) => {
      const { loadRawTables } = await import('../../dataset/load.ts');
      const { buildDataset } = await import('../../dataset/build.ts');
      const { loadNutsPolygons } = await import('../../regions/nuts-polygons.ts');
      const { loadGazetteer } = await import('../../regions/gazetteer.ts');
      const { resolveRegions, resolutionReport } = await import('../../regions/resolve.ts');
      const { saveResolutions } = await import('../../store/resolutions.ts');
      const maxDistanceKm = Number(opts.maxDistance);
      if (!(maxDistanceKm >= 0)) throw new UsageError('resolve', '--max-distance must be a number of km ≥ 0');
      const top = wholeNumberOption(opts.top, '--top');
      const store = await openStore(db, { create: false, readOnly: Boolean(opts.dryRun) });
      const progress = terminalProgress(opts.quiet);
      try {
        progress('loading', 0, 3);
        // The organisations as imported (not with earlier resolutions filled in).
        const dataset = buildDataset(await loadRawTables(store), { source: store.path });
        progress('loading', 1, 3);
        const polygons = loadNutsPolygons(String(opts.nuts));
        progress('loading', 2, 3);
        const gazetteer = opts.gazetteer ? loadGazetteer() : null;
        progress('loading', 3, 3);
        const resolution = resolveRegions(dataset, {
          nutsGeojson: polygons,
          gazetteer,
          maxDistanceKm,
          onProgress: (done, total) => progress('placing organisations', done, total),
        });
        const report = resolutionReport(dataset, resolution, { top });
        if (!opts.dryRun) progress('storing', 0, 1);
        const stored = opts.dryRun
          ? 0
          : await saveResolutions(store, dataset, resolution, { nutsPath: String(opts.nuts) });
        progress.stop();
        if (opts.json) return printJson({ stored, ...report });
        const pct = formatPercent;
        const int = formatValue;
        const out = [
          formatTable(
            ['method', 'organisations', 'share %'],
            [
              ...Object.entries(report.byMethod).map(([m, n]) => [
                m,
                n,
                100 * report.rates[m as keyof typeof report.rates],
              ]),
              ['total', report.total, 100],
            ],
          ),
          '',
          `resolved: ${int(report.resolved)} of ${int(report.total)} (${pct(report.resolvedRate)}); of the ${int(report.withLocality)} with a locality: ${int(report.resolvedWithLocality)} (${pct(report.withLocality ? report.resolvedWithLocality / report.withLocality : 0)})`,
          `placed in the nearest region within ${maxDistanceKm} km (point outside the generalised polygons): ${report.nearestFallback}`,
          `unresolved: ${Object.entries(report.unresolvedByReason)
            .map(([r, n]) => `${r} ${int(n)}`)
            .join(', ')}`,
        ];
        if (report.topUnresolvedLocalities.length > 0) {
          out.push(
            '',
            'most frequent unresolved localities:',
            formatTable(
              ['locality', 'country', 'organisations', 'reason'],
              report.topUnresolvedLocalities.map((u) => [u.locality, u.country, u.organisations, u.reason]),
            ),
          );
        }
        out.push(
          '',
          opts.dryRun
            ? 'dry run: nothing stored'
            : `stored ${int(stored)} resolutions in ${db} (table resolutions)`,
        );
        printText(out.join('\n'));
      } finally {
        progress.stop();
        store.close();
      }
    });
}
