/**
 * `milieu simulate`: runs a scenario with a seed and stores the run through the validated import
 * path (a new store, or a new import in an existing one; never an overwrite), or writes it as a
 * package folder (validated the same way, in memory, then written by the package exporter).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import type { SimulationResult } from '../../sim/simulate.ts';
import { wholeNumberOption } from '../option-values.ts';

export function register(program: Command): void {
  program
    .command('simulate')
    .description('run the cluster simulator on a scenario and store the run as a dataset (docs/model.md)')
    .requiredOption('--scenario <file>', 'scenario JSON file (docs/scenarios.md)')
    .requiredOption('--seed <n>', 'random seed: a whole number in [0, 4294967295]')
    .option('--from <year>', "first simulated year (default: the scenario's)")
    .option('--to <year>', "last simulated year (default: the scenario's)")
    .option('--out <db>', 'database file: created, or a new import added to an existing one')
    .option('--package <dir>', 'write the run as a package folder (CSV files) instead')
    .option('--events <file>', 'also write the event log as JSON lines (docs/model.md, "Event log")')
    .option(
      '--force',
      'replace an existing --events file; with --package, the files an earlier export wrote in the folder',
      false,
    )
    .addHelpText(
      'after',
      [
        '',
        'Exactly one of --out and --package. The run is recorded with its scenario hash, seed, years and Milieu',
        "version (the import's format in the database; simulation.json in a package folder). --events writes one",
        'JSON object per event (found, arrive, hire, move, leave, tie, tie-end, acquire, exit, policy, project), so',
        'you can trace why any organisation exists; an existing file is refused unless --force.',
        '',
        'Examples:',
        '  $ milieu simulate --scenario examples/scenarios/baseline.json --seed 1 --out sim.duckdb',
        '  $ milieu simulate --scenario examples/scenarios/baseline.json --seed 2 --from 1980 --to 1995 --package sim-run/',
        '  $ milieu simulate --scenario examples/scenarios/policy-mix.json --seed 1 --out mix.duckdb --events mix-events.jsonl',
        '  $ milieu measure sim.duckdb --region cambridge',
      ].join('\n'),
    )
    .action(async (opts) => {
      if ((opts.out === undefined) === (opts.package === undefined))
        throw new UsageError('cli', 'give exactly one of --out <db> and --package <dir>');
      const seed = wholeNumberOption(opts.seed, '--seed');
      if (seed > 0xffffffff)
        throw new UsageError('cli', `--seed must be at most 4294967295, got ${opts.seed}`);
      const { loadScenario, simulate, importSimulation } = await import('../../sim/index.ts');
      const scenario = loadScenario(opts.scenario);
      const from = opts.from === undefined ? scenario.years.from : wholeNumberOption(opts.from, '--from');
      const to = opts.to === undefined ? scenario.years.to : wholeNumberOption(opts.to, '--to');
      if (from > to) throw new UsageError('cli', `--from ${from} is after --to ${to}`);
      const { openStoreForWriting } = await import('../../store/open-for-writing.ts');
      const { checkFileTarget, writeFileSafely } = await import('../../output-target.ts');
      const events =
        opts.events === undefined
          ? undefined
          : {
              force: opts.force,
              protect: [opts.scenario, opts.out, opts.package],
              label: 'event log',
            };
      if (events) checkFileTarget(opts.events, events);
      const writeEvents = async (run: SimulationResult) => {
        if (!events) return;
        const { eventLog } = await import('../../sim/events.ts');
        const log = eventLog(run, scenario);
        writeFileSafely(opts.events, log, events);
        let lines = 0;
        for (let k = log.indexOf('\n'); k >= 0; k = log.indexOf('\n', k + 1)) lines++;
        return `event log: ${opts.events} (${lines} events)\n`;
      };

      if (opts.out !== undefined) {
        const { store, created, finish } = await openStoreForWriting(opts.out, { protect: [opts.scenario] });
        let ok = false;
        try {
          const run = simulate(scenario, { seed, years: { from, to } });
          const result = await importSimulation(store, opts.scenario, run.raw, run.manifest);
          const logged = await writeEvents(run);
          ok = true;
          process.stdout.write(
            `${created ? 'created' : 'updated'} ${opts.out}: simulated run ${run.manifest.runId} (seed ${seed}, ${from}–${to}) as import #${result.importId}\n${summary(result.rowCounts)}\n${logged ?? ''}`,
          );
        } finally {
          finish(ok);
        }
        return;
      }

      const { exportFileNames, exportTables } = await import('../../io/export.ts');
      const { checkFolderTarget } = await import('../../output-target.ts');
      const target = { force: opts.force, protect: [opts.scenario], label: 'simulated package' };
      checkFolderTarget(opts.package, [...exportFileNames('package'), 'simulation.json'], target);
      const run = simulate(scenario, { seed, years: { from, to } });
      const { store, finish } = await openStoreForWriting(':memory:');
      try {
        await importSimulation(store, opts.scenario, run.raw, run.manifest);
        const { written } = await exportTables(store, opts.package, 'package', target);
        writeFileSafely(join(opts.package, 'simulation.json'), `${JSON.stringify(run.manifest, null, 1)}\n`, {
          ...target,
          force: true,
        });
        const logged = await writeEvents(run);
        process.stdout.write(
          `wrote ${opts.package}: simulated run ${run.manifest.runId} (seed ${seed}, ${from}–${to}): ${written.join(', ')}, simulation.json\n${logged ?? ''}`,
        );
      } finally {
        finish(true);
      }
    });
}

function summary(rowCounts: Record<string, number | undefined>): string {
  return Object.entries(rowCounts)
    .map(([table, n]) => `  ${table}: ${n}`)
    .join('\n');
}
