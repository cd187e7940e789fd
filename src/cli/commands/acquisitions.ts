import type { Command } from 'commander';
import { openStore } from '../../store/store.ts';
import { formatTable, printJson, printText } from '../output.ts';
import { provenance } from '../report-output.ts';

export function register(program: Command): void {
  program
    .command('acquisitions')
    .description(
      "acquisitions of each study region's firms: per year, foreign share, acquirers' home countries",
    )
    .argument(
      '<db>',
      'database with an imported acquisition list (milieu import DB FILE --format acquisitions)',
    )
    .option(
      '-r, --regions <list>',
      "'ten' for the ten study clusters, or comma-separated region ids / NUTS 2021 codes",
      'ten',
    )
    .option('--regions-file <file>', 'JSON file of extra study regions (see docs/regions.md)')
    .option('--json', 'print JSON with every table', false)
    .addHelpText(
      'after',
      '\nExample:\n  $ milieu import deals.duckdb crunchbase-acquisitions.csv --format acquisitions\n  $ milieu acquisitions deals.duckdb --regions cambridge,munich',
    )
    .action(async (db: string, opts) => {
      const { loadDataset } = await import('../../dataset/load.ts');
      const { parseRegionArgument, withRegionContext } = await import('../../regions/arguments.ts');
      const { clusterAcquisitions } = await import('../../measures/acquisitions.ts');
      const store = await openStore(db, { create: false, readOnly: true });
      try {
        const dataset = withRegionContext(await loadDataset(store), { regionsFile: opts.regionsFile });
        const chosen = parseRegionArgument(dataset, String(opts.regions));
        const ids = chosen.map((r) => r.id);
        const reports = chosen.map((r) => ({ region: r, report: clusterAcquisitions(dataset, r) }));
        if (opts.json) {
          printJson({
            ...provenance(dataset, { regions: ids }),
            clusters: reports.map((x) => ({ id: x.region.id, ...x.report })),
          });
          return;
        }
        const value = (r: (typeof reports)[number]['report'], name: string) =>
          r.indicators.find((i) => i.name === name)?.value ?? null;
        const countriesOf = (r: (typeof reports)[number]['report']) => {
          const t = r.tables.find((x) => x.measure === 'acquisitions.acquirer-countries');
          return t && 'rows' in t
            ? t.rows
                .slice(0, 4)
                .map((row) => `${row[0]} ${row[1]}`)
                .join(', ')
            : '';
        };
        const percent = (x: number | null) => (x === null ? null : 100 * x);
        const rows = reports.map(({ region, report }) => [
          region.name,
          value(report, 'acquisitions.count'),
          percent(value(report, 'acquisitions.foreignShare')),
          percent(value(report, 'acquisitions.outsideRegionShare')),
          countriesOf(report),
        ]);
        printText(
          formatTable(
            [
              'cluster',
              'acquisitions of local firms',
              'foreign acquirer %',
              'acquirer outside region %',
              "acquirers' home countries",
            ],
            rows,
          ),
        );
      } finally {
        store.close();
      }
    });
}
