/**
 * `milieu calibrate`: fits scenario parameters to an observed region's measures by approximate
 * Bayesian computation (rejection with regression adjustment; docs/ensembles.md). The target
 * database is opened read-only; the region is chosen as `milieu measure --region` chooses it.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { formatValue } from '../../report/format.ts';
import { wholeNumberOption } from '../option-values.ts';
import { formatTable, printJson, printText } from '../output.ts';
import { listOption, runOptionValues, runsProgress } from '../sim-runs-options.ts';

export function register(program: Command): void {
  program
    .command('calibrate')
    .description(
      "fit a scenario's parameters to an observed region's measures by approximate Bayesian computation (docs/ensembles.md)",
    )
    .requiredOption('--scenario <file>', 'scenario JSON file (docs/scenarios.md)')
    .requiredOption('--target <db>', 'database holding the observed cluster (opened read-only)')
    .requiredOption(
      '-r, --region <region>',
      'the observed region: region id from the regions table, or a NUTS code',
    )
    .requiredOption(
      '--fit <list>',
      'comma-separated parameters to fit: PARAM (uniform prior over its whole range) or PARAM=a:b',
    )
    .requiredOption(
      '--measures <list>',
      'comma-separated indicator names to match, as `milieu compare` prints them',
    )
    .option('--samples <n>', 'draws from the prior, one run each (draw i with seed + i)', '1000')
    .option('--accept <q>', 'fraction of the draws accepted (closest to the observation)', '0.1')
    .option(
      '--rounds <n>',
      'rounds: 1 = rejection; more = sequential ABC (each round draws --samples near the last one)',
      '1',
    )
    .option('--no-adjust', 'plain rejection: no local-linear regression adjustment of the accepted draws')
    .option('--workers <n>', 'worker threads (default: one per core); results do not depend on it')
    .option('--seed <n>', 'seed of the prior draws and of the first run', '1')
    .option('--years <range>', "simulated years FIRST-LAST instead of the scenario's, e.g. 1980-2000")
    .option('--regions-file <file>', 'JSON file of extra study regions (see docs/regions.md)')
    .option('--json', 'print JSON (with the manifest and the accepted draws)', false)
    .addHelpText(
      'after',
      [
        '',
        "Priors are uniform over each parameter's range (docs/model.md) or the range given; the distance is the",
        "Euclidean distance of the measures' differences, each divided by its median absolute deviation over the runs.",
        'Posterior: mean, median and 90% interval of each parameter; fit: each measure observed vs the accepted runs.',
        '',
        'Examples:',
        '  $ milieu simulate --scenario examples/scenarios/baseline.json --seed 99 --out observed.duckdb',
        '  $ milieu calibrate --scenario examples/scenarios/baseline.json --target observed.duckdb \\',
        '      --region cambridge --fit spinoffRateUniversity=0:0.03,mobilityRate=0:0.2 \\',
        '      --measures spinoffs.count,mobility.localMovesPer100Employees',
        '  $ milieu calibrate --scenario base.json --target cluster.duckdb --region UKH12 \\',
        '      --fit tieFormationRate --measures ties.localShare,ties.count --samples 2000 --json',
        '  $ milieu calibrate --scenario base.json --target observed.duckdb --region cambridge \\',
        '      --fit mobilityRate=0:0.2 --measures mobility.localMovesPer100Employees --rounds 3',
      ].join('\n'),
    )
    .action(async (opts) => {
      const values = runOptionValues({ ...opts, replicates: '1' });
      const samples = wholeNumberOption(opts.samples, '--samples');
      const rounds = wholeNumberOption(opts.rounds, '--rounds');
      const accept = Number(opts.accept);
      if (!/^\s*(0?\.\d+|1(\.0*)?|0)\s*$/.test(String(opts.accept)) || !(accept > 0))
        throw new UsageError('cli', `--accept takes a fraction in (0, 1], got '${opts.accept}'`);
      const measures = listOption(String(opts.measures), '--measures');
      const { parseRange } = await import('../../sim/runs/parameter-space.ts');
      const fit = listOption(String(opts.fit), '--fit').map(parseRange);
      const { loadScenario } = await import('../../sim/scenario.ts');
      const scenario = loadScenario(opts.scenario);
      const { checkMeasures, measureRun } = await import('../../sim/runs/indicators.ts');
      checkMeasures(measures);

      // the observation, as `milieu measure --region` would compute it
      const { openStore } = await import('../../store/store.ts');
      const { loadDataset } = await import('../../dataset/load.ts');
      const { parseRegionArgument, withRegionContext } = await import('../../regions/arguments.ts');
      const store = await openStore(opts.target, { create: false, readOnly: true });
      let observed: (number | null)[];
      let target: Record<string, unknown>;
      try {
        const dataset = withRegionContext(await loadDataset(store), { regionsFile: opts.regionsFile });
        const [region] = parseRegionArgument(dataset, String(opts.region), {
          single: true,
          option: '--region',
        });
        observed = measureRun(dataset, region.id, measures, values.seed);
        target = { db: opts.target, region: region.id, inputHashes: dataset.meta.inputHashes, observed };
      } finally {
        store.close();
      }

      const { calibrate } = await import('../../sim/runs/abc.ts');
      const progress = runsProgress(opts.json, 'calibration runs');
      let result: Awaited<ReturnType<typeof calibrate>>;
      try {
        result = await calibrate(scenario, {
          fit,
          measures,
          observed,
          samples,
          accept,
          adjust: opts.adjust,
          rounds,
          seed: values.seed,
          ...(values.workers === undefined ? {} : { workers: values.workers }),
          ...(values.years === undefined ? {} : { years: values.years }),
          onProgress: progress.onProgress,
        });
      } finally {
        progress.stop();
      }
      if (opts.json) {
        printJson({ ...result, manifest: { ...result.manifest, file: opts.scenario, target } });
        return;
      }
      const f = (x: number | null) => (x === null ? '—' : formatValue(x));
      const m = result.manifest;
      printText(
        [
          `${m.method}: ${m.accepted} of ${m.samples} runs accepted${m.rounds > 1 ? ' in the last round' : ''} (distance ≤ ${f(result.tolerance)}), seeds ${m.firstSeed}–${m.lastSeed}`,
          `scenario ${opts.scenario} (sha256:${m.scenario.hash.slice(0, 16)}…), target ${opts.target} region ${String(target.region)}; Milieu ${m.milieuVersion}`,
          '',
          'posterior',
          formatTable(
            ['parameter', 'prior', 'mean', 'median', '90% interval'],
            result.posterior.map((p) => [
              p.parameter,
              `${f(p.prior.min)} – ${f(p.prior.max)}`,
              f(p.mean),
              f(p.median),
              `${f(p.low)} – ${f(p.high)}`,
            ]),
          ),
          '',
          'fit',
          formatTable(
            ['measure', 'observed', 'accepted runs: mean', '5–95%'],
            result.fit.map((r) => [r.measure, f(r.observed), f(r.mean), `${f(r.low)} – ${f(r.high)}`]),
          ),
        ].join('\n'),
      );
    });
}
