import type { Command } from 'commander';
import { storeInfo } from '../../store/info.ts';
import { openStore } from '../../store/store.ts';
import { formatTable, printJson, printText } from '../output.ts';

export function register(program: Command): void {
  program
    .command('info')
    .description('row counts per table, years covered, countries, regions and imports of a database')
    .argument('<db>', 'database file')
    .option('--json', 'print one JSON object', false)
    .addHelpText('after', '\nExample:\n  $ milieu info cluster.duckdb --json')
    .action(async (db: string, opts) => {
      const store = await openStore(db, { create: false, readOnly: true });
      try {
        const info = await storeInfo(store);
        if (opts.json) return printJson(info);
        const out: string[] = [`${info.path}`, ''];
        out.push(
          formatTable(
            ['table', 'rows'],
            Object.entries(info.rows).map(([t, n]) => [t, n]),
          ),
        );
        out.push('', `years covered: ${info.years ? `${info.years.first}–${info.years.last}` : 'none'}`);
        const top = info.countries.slice(0, 15);
        out.push(
          `countries (${info.countries.length}): ${top.map((c) => `${c.country} ${c.organisations}`).join(', ')}${info.countries.length > top.length ? ', …' : ''}`,
        );
        out.push(
          `regions: ${info.regions.length ? info.regions.map((r) => `${r.id} (${r.kind})`).join(', ') : 'none defined'}`,
        );
        if (info.nuts2.length)
          out.push(`top NUTS-2: ${info.nuts2.map((r) => `${r.nuts2} ${r.organisations}`).join(', ')}`);
        out.push(
          '',
          formatTable(
            ['import', 'format', 'when', 'source'],
            info.imports.map((i) => [i.id, i.format, i.importedAt, i.source]),
          ),
        );
        printText(out.join('\n'));
      } finally {
        store.close();
      }
    });
}
