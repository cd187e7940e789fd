import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadDataset } from '../../dataset/load.ts';
import { readPackage } from '../../io/package.ts';
import { networkSummary } from '../../measures/network-summary.ts';
import { importSource } from '../../store/import.ts';
import { storeInfo } from '../../store/info.ts';
import { openStoreForWriting } from '../../store/open-for-writing.ts';
import { formatTable, printText } from '../output.ts';
import { formatNetworkSummary } from './network.ts';

export const EXAMPLE_PACKAGE = fileURLToPath(new URL('../../../examples/fenland', import.meta.url));

export function register(program: Command): void {
  program
    .command('demo')
    .description('import the bundled example cluster (Fenland) into a database and summarise it')
    .option('--db <file>', 'database file to use (default: in memory, nothing written)', ':memory:')
    .option('--force', 'with --db, replace an existing file that is not a database (never a database)', false)
    .addHelpText('after', '\nExample:\n  $ milieu demo')
    .action(async (opts) => {
      const { store, finish } = await openStoreForWriting(opts.db, { mustBeNew: true, force: opts.force });
      let ok = false;
      try {
        const result = await importSource(store, 'package', EXAMPLE_PACKAGE, readPackage, { replace: true });
        const info = await storeInfo(store);
        const summary = networkSummary(await loadDataset(store));
        const out = [
          `Milieu demo: the Fenland example package (${EXAMPLE_PACKAGE}), import #${result.importId}`,
          '',
          formatTable(
            ['table', 'rows'],
            Object.entries(info.rows).map(([t, n]) => [t, n]),
          ),
          '',
          `years covered: ${info.years ? `${info.years.first}–${info.years.last}` : 'none'}`,
          `countries: ${info.countries.map((c) => `${c.country} ${c.organisations}`).join(', ')}`,
          '',
          'Tie network (stored ties + co-participation in projects):',
          formatNetworkSummary(summary),
        ];
        printText(out.join('\n'));
        ok = true;
      } finally {
        finish(ok);
      }
    });
}
