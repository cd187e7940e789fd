import type { Command } from 'commander';
import { formatIssue, InputError } from '../../errors.ts';
import { checkFileTarget } from '../../output-target.ts';
import { openStoreForWriting, type WritableStore } from '../../store/open-for-writing.ts';
import type { Reader } from '../../store/reader.ts';
import { note } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { FORMATS, guessFormat, inputPath, readerFor } from '../sources.ts';

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'import a package, JSON file, CORDIS export, acquisition list or GEXF/GraphML network into a database, all or nothing',
    )
    .argument('<db>', 'database file (created when missing)')
    .argument(
      '<path>',
      'package folder, JSON file, CORDIS folder/file, acquisition list, .gexf or .graphml file; - reads one file from stdin',
    )
    .option(
      '-f, --format <format>',
      `input format: ${FORMATS.join('|')} (default: json for *.json, gexf for *.gexf, graphml for *.graphml, else package)`,
    )
    .option('--skip-invalid', 'import the valid rows and write rejected rows to the rejects file', false)
    .option('--rejects <file>', 'where --skip-invalid writes rejected rows (CSV)', 'rejects.csv')
    .option(
      '--force',
      'with --skip-invalid, replace an existing rejects file (never a database or an input)',
      false,
    )
    .option('--replace', 'replace an earlier import of the same source instead of refusing', false)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ milieu import cluster.duckdb examples/fenland\n  $ milieu import h2020.duckdb ../shared/data/cordis --format cordis',
    )
    .action(async (db: string, argPath: string, opts) => {
      const format = opts.format ?? guessFormat(argPath);
      const input = inputPath(argPath, format);
      const path = input.path;
      const protect = [db, path];
      if (opts.skipInvalid)
        checkFileTarget(opts.rejects, { force: opts.force, protect, label: 'rejects file' });
      // CORDIS files are parsed on a second thread while this one loads DuckDB (with store/import.ts)
      // and opens the store.
      const started = format === 'cordis' ? await startCordisReadIfPossible(path) : null;
      let opened: WritableStore;
      let importSource: typeof import('../../store/import.ts').importSource;
      let reader: Reader;
      try {
        reader = started?.reader ?? (await readerFor(format));
        ({ importSource } = await import('../../store/import.ts'));
        opened = await openStoreForWriting(db, { protect: [path] });
      } catch (e) {
        await started?.cancel();
        input.done();
        throw e;
      }
      const { store, created, finish } = opened;
      const progress = terminalProgress(opts.quiet);
      let ok = false;
      try {
        const result = await importSource(store, format, path, reader, {
          skipInvalid: opts.skipInvalid,
          rejectsPath: opts.rejects,
          rejectsTarget: { force: opts.force, protect },
          replace: opts.replace,
          onProgress: progress,
        });
        progress.stop();
        const counts = Object.entries(result.rowCounts)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ');
        process.stdout.write(`import #${result.importId}: ${counts || 'no rows'}\n`);
        if (result.replacedImports.length)
          process.stdout.write(`replaced import(s) #${result.replacedImports.join(', #')}\n`);
        for (const n of result.notes) note(n);
        if (result.rejected.length > 0) {
          process.stderr.write(
            `${result.rejected.length} problem(s) in rejected rows, listed in ${opts.rejects}; first ones:\n`,
          );
          for (const i of result.rejected.slice(0, 10)) process.stderr.write(`  ${formatIssue(i)}\n`);
        }
        ok = true;
      } catch (e) {
        progress.stop();
        if (e instanceof InputError)
          process.stderr.write(
            `nothing was imported: ${created ? 'no database was created' : 'the database is unchanged'}.\n`,
          );
        throw e;
      } finally {
        // The reader stops its worker when it runs; this covers an import that failed before.
        await started?.cancel();
        finish(ok);
        input.done();
      }
    });
}

/** The CORDIS reader on a worker thread, or null (one thread, then) when it has no temporary folder. */
async function startCordisReadIfPossible(path: string) {
  const { startCordisRead } = await import('../../io/cordis/read-in-worker.ts');
  try {
    return startCordisRead(path);
  } catch {
    return null;
  }
}
