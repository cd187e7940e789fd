import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { openStore } from '../../store/store.ts';

export function register(program: Command): void {
  program
    .command('init')
    .description('create an empty Milieu database file')
    .argument('<db>', 'path of the DuckDB database file to create')
    .addHelpText('after', '\nExample:\n  $ milieu init cluster.duckdb')
    .action(async (db: string) => {
      if (existsSync(db)) throw new UsageError('cli', `${db} already exists`);
      const store = await openStore(db);
      store.close();
      process.stdout.write(`created ${db}\n`);
    });
}
