/**
 * `milieu serve`: the dashboard and its JSON API on one database (read-only), on 127.0.0.1 unless
 * `--host` says otherwise. `--demo` serves the ten-cluster simulated demo instead of a given
 * database, building it first or reusing it as `npm start` does (what `npm run dashboard` runs).
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { wholeNumberOption } from '../option-values.ts';
import { note } from '../output.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard and its JSON API on a database (read-only)')
    .argument('[db]', 'Milieu database file (none with --demo)')
    .option('--port <n>', 'TCP port (0 = any free port)', '8080')
    .option(
      '--host <host>',
      'address to listen on (another than 127.0.0.1 exposes the data to the network)',
      '127.0.0.1',
    )
    .option(
      '--nuts <geojson>',
      'NUTS 2021 polygons for the map (default: the 1:60M file shipped in regions/)',
    )
    .option(
      '--demo',
      'serve the ten-cluster simulated demo (built in --folder, or reused, as npm start does)',
      false,
    )
    .option('--folder <dir>', 'with --demo: the demo folder', 'milieu-demo')
    .addHelpText(
      'after',
      [
        '',
        'The API is described in docs/api.md; the dashboard opens at the printed URL. Stop with Ctrl-C.',
        '',
        'Examples:',
        '  $ milieu serve h2020.duckdb',
        '  $ milieu serve h2020.duckdb --port 9000 --nuts NUTS_RG_10M_2021_4326.geojson',
        '  $ milieu serve --demo                     # what npm run dashboard runs',
      ].join('\n'),
    )
    .action(async (given: string | undefined, opts) => {
      const port = wholeNumberOption(opts.port, '--port');
      if (port > 65535) throw new UsageError('cli', `--port must be at most 65535, got ${opts.port}`);
      if (opts.demo && given !== undefined)
        throw new UsageError('cli', 'give a database or --demo, not both');
      if (!opts.demo && given === undefined)
        throw new UsageError('cli', 'give a database to serve, or --demo for the ten-cluster demo');
      let db = given as string;
      if (opts.demo) {
        const { demoStore } = await import('../../demo/build.ts');
        const { terminalProgress } = await import('../progress.ts');
        const progress = terminalProgress();
        let demo: Awaited<ReturnType<typeof demoStore>>;
        try {
          demo = await demoStore({ folder: String(opts.folder), onProgress: progress });
        } finally {
          progress.stop();
        }
        db = demo.path;
        note(`${demo.reused ? 'reusing' : 'built'} the simulated ten-cluster demo ${db}`);
      }
      const { loadServerContext } = await import('../../server/context.ts');
      const { buildApp } = await import('../../server/app.ts');
      const context = await loadServerContext(db, { nutsPath: opts.nuts });
      const { app } = buildApp(context);
      // the first page's answers, computed before anyone opens it
      const { warmOverview } = await import('../../server/warm.ts');
      await warmOverview(app);
      let address: string;
      try {
        address = await app.listen({ port, host: opts.host });
      } catch (e) {
        throw new UsageError('cli', `cannot listen on ${opts.host}:${port}: ${(e as Error).message}`);
      }
      process.stdout.write(`Milieu dashboard on ${db}: ${address}/\n`);
      const stop = () => {
        void app.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
