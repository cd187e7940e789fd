import type { Command } from 'commander';
import { initStore } from '../../store/open-for-writing.ts';

export function register(program: Command): void {
  program
    .command('init')
    .description('create an empty Milieu database file')
    .argument('<db>', 'path of the DuckDB database file to create')
    .option(
      '--force',
      'replace an existing file that is not a database (a database is never replaced)',
      false,
    )
    .addHelpText('after', '\nExample:\n  $ milieu init cluster.duckdb')
    .action(async (db: string, opts) => {
      await initStore(db, { force: opts.force });
      process.stdout.write(`created ${db}\n`);
    });
}
