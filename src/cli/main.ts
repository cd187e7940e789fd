/**
 * The `milieu` command line: a thin layer over the library. Each command lives in its own file,
 * listed in `registry.ts`, and is loaded only when it runs; one error path prints and sets the exit code
 * (0 ok, 1 internal error, 2 bad input or usage).
 */
import { Command, CommanderError } from 'commander';
import { formatIssue, InputError, MilieuError, UsageError } from '../errors.ts';
import { wrapText } from '../report/format.ts';
import { MILIEU_VERSION } from '../version.ts';
import { outputWidth } from './output.ts';
import { COMMANDS } from './registry.ts';

const EXAMPLES = [
  'milieu demo                                           # the bundled example cluster, in memory',
  'milieu init cluster.duckdb',
  'milieu import cluster.duckdb examples/fenland         # a package folder of CSV files',
  'milieu import h2020.duckdb ../shared/data/cordis --format cordis',
  'milieu validate my-package/                           # check without writing',
  'milieu info cluster.duckdb --json',
  'milieu network h2020.duckdb --json',
  'milieu measure cluster.duckdb --region fenland --years 1985-2005',
  'milieu compare cluster.duckdb --regions fenland,UKH1',
  'milieu regions show munich',
  'milieu resolve h2020.duckdb --nuts ../shared/data/nuts/NUTS_RG_10M_2021_4326.geojson',
  'milieu rtd h2020.duckdb --regions ten',
  'milieu export cluster.duckdb cluster.gexf --format gexf',
];

let pipeHandled = false;

export async function main(argv: string[]): Promise<number> {
  if (!pipeHandled) {
    pipeHandled = true;
    // `milieu … | head` closes the pipe early: that is the reader's choice, not an error.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const program = new Command('milieu')
    .description('Study regional clusters of high-technology firms: data, measures, findings.')
    .version(MILIEU_VERSION)
    .exitOverride()
    .configureOutput({
      // help text, examples included, wrapped to the output width like every other text
      writeOut: (s) => process.stdout.write(wrapText(s, outputWidth())),
      writeErr: (s) => process.stderr.write(wrapText(s, outputWidth())),
      getOutHelpWidth: outputWidth,
      getErrHelpWidth: outputWidth,
    })
    // wrap descriptions even in a narrow terminal (commander stops wrapping below 40 columns)
    .configureHelp({ minWidthToWrap: 16 })
    .showHelpAfterError();
  // Only the command that runs is loaded; for --help, --version or an unknown command the specs suffice.
  const named = argv[0] === 'help' ? argv[1] : argv[0];
  const spec = COMMANDS.find((c) => c.name === named);
  if (spec) (await spec.load()).register(program);
  else {
    for (const c of COMMANDS) program.command(`${c.name} ${c.usage}`.trim()).description(c.description);
  }
  for (const cmd of program.commands) cmd.exitOverride();
  program.addHelpText(
    'after',
    () => `\n${wrapText(`Examples:\n${EXAMPLES.map((e) => `  $ ${e}`).join('\n')}`, outputWidth())}\n`,
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    return reportError(e);
  }
}

/**
 * The command line as a process (bin/milieu.js, scripts/milieu-dev.js): runs `main`, then ends the
 * process as soon as what it wrote is out, with main's exit code. Left to itself, Node would first
 * take down DuckDB's instance and threads, the worker threads and a heap of some hundred MB: 15–40 ms
 * of every command on the H2020 store (docs/benchmarks.md). A command that keeps running after its
 * action (`serve`) is left to run when it succeeded.
 */
export async function run(argv: string[]): Promise<void> {
  const code = await main(argv);
  const named = argv[0] === 'help' ? argv[1] : argv[0];
  if (code === 0 && COMMANDS.find((c) => c.name === named)?.keepsRunning) {
    process.exitCode = code;
    return;
  }
  await flushed(process.stdout);
  await flushed(process.stderr);
  process.exit(code);
}

/** Resolves once everything written to the stream so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  }
  if (e instanceof InputError) {
    const shown = e.issues.slice(0, 50);
    process.stderr.write(`error: invalid input (${e.total} problem${e.total === 1 ? '' : 's'})\n`);
    for (const issue of shown) process.stderr.write(`  ${formatIssue(issue)}\n`);
    if (e.total > shown.length) process.stderr.write(`  … and ${e.total - shown.length} more\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`error (${e.part}): ${e.message}\n`);
    return 2;
  }
  const part = e instanceof MilieuError ? e.part : 'internal';
  process.stderr.write(`error (${part}): ${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}
