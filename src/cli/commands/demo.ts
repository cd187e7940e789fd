/**
 * `milieu demo` (= `npm start`), Milieu's main job: build or reuse the ten-cluster demo database
 * (SIMULATED clusters in the ten study regions, docs/demo.md), compare the ten, and write the
 * comparative report into the demo folder. `--fenland` keeps the small example: the bundled Fenland
 * package imported into a database (in memory unless --db) and summarised.
 */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { printText } from '../output.ts';
import { terminalProgress } from '../progress.ts';

export const EXAMPLE_PACKAGE = fileURLToPath(new URL('../../../examples/fenland', import.meta.url));

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'the main job: simulate the ten-cluster demo (or reuse it), compare the clusters and write the report',
    )
    .option('--folder <dir>', 'demo folder: the database, its manifest and the report', 'milieu-demo')
    .option('--fenland', 'instead, import the small Fenland example package and summarise it', false)
    .option('--db <file>', 'with --fenland, database file to use (default: in memory, nothing written)')
    .option(
      '--force',
      'with --fenland --db, replace an existing file that is not a database (never a database)',
      false,
    )
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText(
      'after',
      [
        '',
        'The demo database holds ten SIMULATED clusters placed in the ten study regions (docs/demo.md): it',
        'illustrates the model and is not data about those regions. It is reused when the folder holds one',
        'built from the same scenarios and Milieu version; otherwise a new one is built beside it',
        '(demo-2.duckdb, …), and nothing Milieu did not write is replaced.',
        '',
        'Examples:',
        '  $ milieu demo                       # milieu-demo/report.html and report.md',
        '  $ milieu demo --folder /tmp/demo',
        '  $ milieu demo --fenland             # the small example package, summarised',
      ].join('\n'),
    )
    .action(async (opts) => {
      if (opts.fenland) return fenland(opts.db ?? ':memory:', Boolean(opts.force));
      if (opts.db !== undefined) throw new UsageError('cli', '--db goes with --fenland');
      const { mainJob } = await import('../../demo/main-job.ts');
      const progress = terminalProgress(opts.quiet);
      let result: Awaited<ReturnType<typeof mainJob>>;
      try {
        result = await mainJob({ folder: String(opts.folder), onProgress: progress });
      } finally {
        progress.stop();
      }
      const { demo } = result;
      printText(
        [
          `Milieu demo: ten SIMULATED clusters in the ten study regions (docs/demo.md), not data about them.`,
          `${demo.reused ? 'reused' : 'built'} ${demo.path} (${demo.manifest.runs.length} runs, seed ${demo.manifest.runs[0]?.seed}, Milieu ${demo.manifest.milieuVersion}; manifest ${demo.manifestPath})`,
          `report: ${result.html}`,
          `        ${result.markdown}`,
          '',
          'Next: explore it in the dashboard, open the HTML report in a browser, or look closer:',
          '  npm run dashboard',
          `  npx milieu check ${demo.path} --regions ten`,
          `  npx milieu compare ${demo.path} --regions ten`,
          `  npx milieu measure ${demo.path} --region munich`,
        ].join('\n'),
      );
    });
}

async function fenland(db: string, force: boolean): Promise<void> {
  const { loadDataset } = await import('../../dataset/load.ts');
  const { readPackage } = await import('../../io/package.ts');
  const { networkSummary } = await import('../../measures/network-summary.ts');
  const { importSource } = await import('../../store/import.ts');
  const { storeInfo } = await import('../../store/info.ts');
  const { openStoreForWriting } = await import('../../store/open-for-writing.ts');
  const { formatTable } = await import('../output.ts');
  const { formatNetworkSummary } = await import('./network.ts');
  const { store, finish } = await openStoreForWriting(db, { mustBeNew: true, force });
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
}
