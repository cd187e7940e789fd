import type { Command } from 'commander';
import { loadNetwork } from '../../dataset/load-network.ts';
import { networkSummary } from '../../measures/network-summary.ts';
import { openStore } from '../../store/store.ts';
import { formatFigures, formatTable, printJson, printText } from '../output.ts';

export function register(program: Command): void {
  program
    .command('network')
    .description('summary of the tie network: size, components, density, clustering, edges by kind pair')
    .argument('<db>', 'database file')
    .option('--json', 'print one JSON object', false)
    .addHelpText('after', '\nExample:\n  $ milieu network h2020.duckdb --json')
    .action(async (db: string, opts) => {
      const store = await openStore(db, { create: false, readOnly: true });
      try {
        const summary = networkSummary(await loadNetwork(store));
        if (opts.json) return printJson(summary);
        printText(formatNetworkSummary(summary));
      } finally {
        store.close();
      }
    });
}

export function formatNetworkSummary(s: ReturnType<typeof networkSummary>): string {
  const { edgesByKindPair, ...figures } = s;
  const main = formatFigures(
    ['measure', 'value'],
    Object.entries(figures).map(([k, v]) => [k, v]),
  );
  const pairs = formatTable(
    ['kind pair', 'edges'],
    Object.entries(edgesByKindPair).map(([k, v]) => [k, v]),
  );
  return `${main}\n\n${pairs}`;
}
