import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { openStore } from '../../store/store.ts';
import { terminalProgress } from '../progress.ts';

const FORMATS = ['package', 'json', 'parquet', 'gexf', 'graphml'];

export function register(program: Command): void {
  program
    .command('export')
    .description('write a database out as a package, JSON, Parquet files, or its network as GEXF/GraphML')
    .argument('<db>', 'database file')
    .argument('<out>', 'output folder (package, parquet) or file (json, gexf, graphml)')
    .requiredOption('-f, --format <format>', `output format: ${FORMATS.join('|')}`)
    .option(
      '--force',
      'replace an existing output file, or the files an earlier export wrote in the folder (other files are kept; never a database)',
      false,
    )
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ milieu export cluster.duckdb out/ --format package\n  $ milieu export cluster.duckdb cluster.gexf --format gexf',
    )
    .action(async (db: string, out: string, opts) => {
      if (!FORMATS.includes(opts.format)) {
        throw new UsageError(
          'cli',
          `unknown export format '${opts.format}' (expected one of: ${FORMATS.join(', ')})`,
        );
      }
      const { exportFileNames, exportNetwork, exportTables } = await import('../../io/export.ts');
      const { checkFileTarget, checkFolderTarget } = await import('../../output-target.ts');
      const target = { force: opts.force, protect: [db], label: `${opts.format} export` };
      if (opts.format === 'package' || opts.format === 'parquet')
        checkFolderTarget(out, exportFileNames(opts.format), target);
      else checkFileTarget(out, target);
      const store = await openStore(db, { create: false, readOnly: true });
      const progress = terminalProgress(opts.quiet);
      try {
        if (opts.format === 'gexf' || opts.format === 'graphml') {
          const { loadDataset } = await import('../../dataset/load.ts');
          progress('loading the network', 0, 2);
          const dataset = await loadDataset(store);
          progress(`writing ${opts.format}`, 1, 2);
          exportNetwork(dataset, out, opts.format, target);
          progress(`writing ${opts.format}`, 2, 2);
          progress.stop();
          process.stdout.write(`wrote ${out}\n`);
        } else {
          const { written, notes } = await exportTables(store, out, opts.format, target, progress);
          progress.stop();
          process.stdout.write(`wrote ${out}: ${written.join(', ')}\n`);
          for (const note of notes) process.stderr.write(`note: ${note}\n`);
        }
      } finally {
        progress.stop();
        store.close();
      }
    });
}
