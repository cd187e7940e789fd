/**
 * `milieu sweep`: one scenario run R times at each point of a grid or a Latin hypercube over its
 * parameters, a table of the measures per point (docs/ensembles.md).
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { formatValue } from '../../report/format.ts';
import { wholeNumberOption } from '../option-values.ts';
import { formatTable, printJson, printText } from '../output.ts';
import { addRunOptions, listOption, runOptionValues, runsProgress } from '../sim-runs-options.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command): void {
  const command = program
    .command('sweep')
    .description(
      'run a scenario at each point of a grid or Latin hypercube over its parameters (docs/ensembles.md)',
    )
    .requiredOption('--scenario <file>', 'scenario JSON file (docs/scenarios.md)')
    .option(
      '--grid <PARAM=a:b:n>',
      'n evenly spaced values of a parameter from a to b (repeat for a grid)',
      collect,
      [],
    )
    .option('--lhs <n>', 'a Latin hypercube of n points over the --vary parameters instead of a grid')
    .option('--vary <list>', 'with --lhs: comma-separated PARAM (its whole range) or PARAM=a:b');
  addRunOptions(command, '10')
    .option('--json', 'print JSON (with the manifest: version, scenario hash, parameters, seeds)', false)
    .option('--csv <file>', 'write the table as CSV (point, parameters, measure, n, mean, low, high)')
    .option('--force', 'with --csv, replace an existing file', false)
    .addHelpText(
      'after',
      [
        '',
        'Parameters are those of docs/model.md; a value outside its range is refused (exit 2) naming the range.',
        'Replicate r of every point runs with seed + r (common random numbers across points).',
        '',
        'Examples:',
        '  $ milieu sweep --scenario examples/scenarios/baseline.json \\',
        '      --grid spinoffRateUniversity=0:0.02:5 --replicates 20',
        '  $ milieu sweep --scenario base.json --grid mobilityRate=0.02:0.1:3 \\',
        '      --grid tieFormationRate=0.1:0.5:3 --csv sweep.csv',
        '  $ milieu sweep --scenario base.json --lhs 50 \\',
        '      --vary mobilityRate,externalSearchShare=0.2:0.6 --replicates 5 --json',
      ].join('\n'),
    )
    .action(async (opts) => {
      const values = runOptionValues(opts);
      const grid = opts.grid as string[];
      if (grid.length > 0 === (opts.lhs !== undefined))
        throw new UsageError('cli', 'give either --grid PARAM=a:b:n (one or more) or --lhs N with --vary');
      if (opts.lhs === undefined && opts.vary !== undefined)
        throw new UsageError('cli', '--vary goes with --lhs');
      if (opts.lhs !== undefined && opts.vary === undefined)
        throw new UsageError('cli', '--lhs needs --vary PARAM[=a:b],… (the parameters to sample)');
      const space = await import('../../sim/runs/parameter-space.ts');
      let points: Record<string, number>[];
      let design: string;
      if (opts.lhs !== undefined) {
        const n = wholeNumberOption(opts.lhs, '--lhs');
        const ranges = listOption(String(opts.vary), '--vary').map(space.parseRange);
        points = space.latinHypercube(ranges, n, values.seed);
        design = `latin hypercube of ${n} points (seed ${values.seed}) over ${ranges.map((r) => `${r.name}=${r.min}:${r.max}`).join(', ')}`;
      } else {
        const axes = grid.map(space.parseGridAxis);
        points = space.gridPoints(axes);
        design = `grid ${grid.join(' ')}`;
      }
      const { checkFileTarget, writeFileSafely } = await import('../../output-target.ts');
      const target = { force: opts.force, protect: [opts.scenario], label: 'sweep table' };
      if (opts.csv !== undefined) checkFileTarget(opts.csv, target);
      const { loadScenario } = await import('../../sim/scenario.ts');
      const { runSweep } = await import('../../sim/runs/sweep.ts');
      const scenario = loadScenario(opts.scenario);
      const progress = runsProgress(opts.json, 'sweep runs');
      let result: Awaited<ReturnType<typeof runSweep>>;
      try {
        result = await runSweep(scenario, points, { ...values, design, onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      const names = result.manifest.parameters;
      const measures = result.manifest.measures;
      if (opts.csv !== undefined) {
        const lines = [['point', ...names, 'measure', 'n', 'mean', 'low', 'high'].join(',')];
        result.points.forEach((p, i) => {
          measures.forEach((m, k) => {
            const s = p.summaries[k];
            lines.push(
              [
                i + 1,
                ...names.map((n) => p.parameters[n]),
                m,
                s.n,
                s.mean ?? '',
                s.low ?? '',
                s.high ?? '',
              ].join(','),
            );
          });
        });
        writeFileSafely(opts.csv, `${lines.join('\n')}\n`, target);
      }
      if (opts.json) {
        printJson({ ...result, manifest: { ...result.manifest, file: opts.scenario } });
        return;
      }
      const f = (x: number | null) => (x === null ? '—' : formatValue(x));
      const rows = result.points.flatMap((p, i) =>
        measures.map((m, k) => {
          const s = p.summaries[k];
          return [
            k === 0 ? i + 1 : '',
            ...names.map((n) => (k === 0 ? formatValue(p.parameters[n]) : '')),
            m,
            s.n,
            f(s.mean),
            `${f(s.low)} – ${f(s.high)}`,
          ];
        }),
      );
      const m = result.manifest;
      printText(
        [
          `${result.points.length} points × ${m.replicates} replicates (seeds ${m.firstSeed}–${m.lastSeed}) of ${opts.scenario} (sha256:${m.scenario.hash.slice(0, 16)}…); ${m.design}; Milieu ${m.milieuVersion}`,
          ...(opts.csv !== undefined ? [`wrote ${opts.csv}`] : []),
          '',
          formatTable(['point', ...names, 'measure', 'n', 'mean', '5–95%'], rows),
        ].join('\n'),
      );
    });
}
