import type { Command } from 'commander';
import { importSource } from '../../store/import.ts';
import { openStore } from '../../store/store.ts';
import { note } from '../output.ts';
import { FORMATS, guessFormat, inputPath, readerFor } from '../sources.ts';

export function register(program: Command): void {
  program
    .command('validate')
    .description('check an input without writing anything (exit 2 and errors when invalid)')
    .argument(
      '<path>',
      'package folder, JSON file, CORDIS folder/file, acquisition list, .gexf or .graphml file; - reads one file from stdin',
    )
    .option('-f, --format <format>', `input format: ${FORMATS.join('|')}`)
    .addHelpText('after', '\nExample:\n  $ milieu validate examples/fenland')
    .action(async (argPath: string, opts) => {
      const format = opts.format ?? guessFormat(argPath);
      const reader = await readerFor(format);
      const input = inputPath(argPath, format);
      const path = input.path;
      // An in-memory store: the same checks as a real import, and nothing can be written anywhere.
      const store = await openStore(':memory:');
      try {
        const result = await importSource(store, format, path, reader, {});
        const rows = Object.values(result.rowCounts).reduce((a, b) => a + (b ?? 0), 0);
        process.stdout.write(`valid: ${rows} rows in ${Object.keys(result.rowCounts).length} tables\n`);
        for (const n of result.notes) note(n);
      } finally {
        store.close();
        input.done();
      }
    });
}
