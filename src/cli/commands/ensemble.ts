/**
 * `milieu ensemble`: several scenarios, each run R times on worker threads, compared as paired
 * counterfactuals with common random numbers (docs/ensembles.md).
 */
import type { Command } from 'commander';
import { formatValue } from '../../report/format.ts';
import { formatTable, printJson, printText } from '../output.ts';
import { addRunOptions, listOption, runOptionValues, runsProgress } from '../sim-runs-options.ts';

export function register(program: Command): void {
  const command = program
    .command('ensemble')
    .description(
      'run scenarios many times on worker threads and compare them as paired counterfactuals (docs/ensembles.md)',
    )
    .requiredOption('--scenarios <files>', 'comma-separated scenario files; the first is the reference');
  addRunOptions(command, '100')
    .option('--json', 'print JSON (with the manifest: version, scenario hashes, parameters, seeds)', false)
    .addHelpText(
      'after',
      [
        '',
        'Replicate r of every scenario runs with the same seed (seed + r), so differences to the first scenario are',
        'paired: the noise the runs share cancels. Each measure: mean and 5–95% interval over the replicates, and for',
        'every other scenario the paired difference to the first (its mean, 5–95% interval, 90% interval of the mean).',
        '',
        'Examples:',
        '  $ milieu ensemble --replicates 100 \\',
        '      --scenarios examples/scenarios/baseline.json,examples/scenarios/university-spinoffs.json',
        '  $ milieu ensemble --scenarios a.json,b.json --replicates 50 --workers 2 \\',
        '      --measures spinoffs.count,ties.localShare --json',
        '  $ milieu ensemble --scenarios a.json --replicates 20 --years 1980-1995 --seed 7',
      ].join('\n'),
    )
    .action(async (opts) => {
      const values = runOptionValues(opts);
      const files = listOption(String(opts.scenarios), '--scenarios');
      const { loadScenario } = await import('../../sim/scenario.ts');
      const { runEnsemble } = await import('../../sim/runs/ensemble.ts');
      const scenarios = files.map((f) => loadScenario(f));
      // scenarios are labelled by name, or by file when two share a name
      const names = scenarios.map((s) => s.name);
      const labels = new Set(names).size === names.length ? names : files;
      const progress = runsProgress(opts.json, 'ensemble runs');
      let result: Awaited<ReturnType<typeof runEnsemble>>;
      try {
        result = await runEnsemble(scenarios, { ...values, labels, onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      if (opts.json) {
        printJson({ manifest: { ...result.manifest, files }, rows: result.rows });
        return;
      }
      const f = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatValue(x));
      const table = result.rows.flatMap((row) =>
        row.scenarios.map((s, i) => [
          i === 0 ? row.measure : '',
          s.label,
          s.summary.n,
          f(s.summary.mean),
          `${f(s.summary.low)} – ${f(s.summary.high)}`,
          s.difference ? f(s.difference.mean) : '',
          s.difference ? `${f(s.difference.low)} – ${f(s.difference.high)}` : '',
        ]),
      );
      const m = result.manifest;
      printText(
        [
          `${m.replicates} replicates per scenario (seeds ${m.firstSeed}–${m.lastSeed}, the same for every scenario); Milieu ${m.milieuVersion}`,
          ...m.scenarios.map(
            (s, i) =>
              `  ${s.label}: ${files[i]}, sha256:${s.hash.slice(0, 16)}…, ${s.years.from}–${s.years.to}`,
          ),
          '',
          formatTable(['measure', 'scenario', 'n', 'mean', '5–95%', 'Δ paired', 'Δ 5–95%'], table),
        ].join('\n'),
      );
    });
}
