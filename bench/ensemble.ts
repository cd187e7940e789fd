/**
 * Benchmark: an ensemble of 10 scenarios × 100 replicates × 30 years on the benchmark region (about
 * 1,000 organisations and 10,000 people at the start), with the headline indicators of the
 * evolution, spinoffs, ties and mobility families for every run, on 2 worker threads: wall time, CPU
 * time of all the process's threads and its peak resident memory (worker threads included). Then,
 * on this thread, where one run's CPU goes: the model, simulate()'s tables + Dataset, the output
 * hash (which the pool skips: `hash: false`), and each family.
 * Targets (issue 8): under 60 s, under 1 GiB.
 *
 * The code timed is the compiled dist/ (what `milieu ensemble` runs: its workers load dist's
 * worker.js) when `npm run build` is newer than every source file, else — or with --src — the
 * TypeScript sources, whose workers load worker.ts through tsx (slower per run: tsx's transform
 * keeps function names, and each worker compiles the sources itself). The header says which.
 *
 * Run: node --import tsx bench/ensemble.ts [--scenarios 10] [--replicates 100] [--workers 2] [--breakdown 10] [--src]
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchScenarioInput } from './ensemble-scenario.ts';

const { values: args } = parseArgs({
  options: {
    scenarios: { type: 'string', default: '10' },
    replicates: { type: 'string', default: '100' },
    workers: { type: 'string', default: '2' },
    breakdown: { type: 'string', default: '10' },
    src: { type: 'boolean', default: false },
  },
});
const S = Number(args.scenarios);
const R = Number(args.replicates);
const W = Number(args.workers);
const B = Number(args.breakdown);

/** Why dist/ cannot stand for the sources (a source file newer than its build, or none), or null. */
function distStale(): string | null {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  for (const file of readdirSync(join(root, 'src'), { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const built = join(root, 'dist', file.replace(/\.ts$/, '.js'));
    let builtAt: number;
    try {
      builtAt = statSync(built).mtimeMs;
    } catch {
      return `dist/ has no ${file.replace(/\.ts$/, '.js')} (run npm run build)`;
    }
    if (statSync(join(root, 'src', file)).mtimeMs > builtAt) return `src/${file} is newer than its build`;
  }
  return null;
}
const stale = args.src ? '--src' : distStale();
const from = stale === null ? '../dist' : '../src';
const ext = stale === null ? 'js' : 'ts';
const sim: typeof import('../src/sim/index.ts') = await import(`${from}/sim/index.${ext}`);
const runs: typeof import('../src/sim/runs/index.ts') = await import(`${from}/sim/runs/index.${ext}`);
const families: typeof import('../src/measures/index.ts') = await import(`${from}/measures/index.${ext}`);
const { setup }: typeof import('../src/sim/setup.ts') = await import(`${from}/sim/setup.${ext}`);
const { prebuiltColumns }: typeof import('../src/sim/tables-typed.ts') = await import(
  `${from}/sim/tables-typed.${ext}`
);
const { buildDataset }: typeof import('../src/dataset/build.ts') = await import(
  `${from}/dataset/build.${ext}`
);

// ten counterfactuals: the university spin-off rate from 0.002 to 0.011
const scenarios = Array.from({ length: S }, (_, i) =>
  sim.parseScenario(
    benchScenarioInput(`rate-${i}`, { spinoffRateUniversity: 0.002 + 0.001 * i }),
    `rate-${i}`,
  ),
);
const measures = runs.checkMeasures(undefined);
console.log(
  `ensemble: ${S} scenarios × ${R} replicates × 30 years, ${measures.length} indicators of ${runs.DEFAULT_FAMILIES.join(', ')}, ${W} workers (${availableParallelism()} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);
console.log(
  stale === null
    ? '  code: dist/ (compiled, as `milieu ensemble` runs it)'
    : `  code: src/ through tsx (${stale})`,
);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await runs.runEnsemble(scenarios, { replicates: R, workers: W, seed: 1 });
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6; // every thread of the process
const peak = process.resourceUsage().maxRSS / 1024; // KiB → MiB
const total = S * R;
console.log(
  `  wall ${wall.toFixed(1)} s (target < 60 s), ${((wall * 1000 * W) / total).toFixed(0)} ms per run per worker; peak RSS ${peak.toFixed(0)} MiB (target < 1024 MiB)`,
);
const first = result.rows.find((r) => r.measure === 'spinoffs.count');
const last = first?.scenarios[S - 1];
// On a shared machine the wall time measures the other processes too; the CPU time of this
// process's threads divided by the workers is what the same ensemble takes on idle cores.
console.log(
  `  CPU ${cpuSeconds.toFixed(1)} s in all threads = ${((cpuSeconds * 1000) / total).toFixed(0)} ms per run; on ${W} idle cores ≈ ${(cpuSeconds / W).toFixed(1)} s for these ${total} runs, ${((cpuSeconds / W) * (1000 / total)).toFixed(1)} s for 1,000 runs`,
);
console.log(
  `  spinoffs.count: ${first?.scenarios[0].summary.mean?.toFixed(1)} in ${first?.scenarios[0].label}, paired difference of ${last?.label}: ${last?.difference?.mean?.toFixed(1)} [${last?.difference?.low?.toFixed(1)}, ${last?.difference?.high?.toFixed(1)}]`,
);

// where one run's CPU goes, on this thread (the pool is closed: the process's CPU is this thread's)
if (B > 0) {
  const now = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const parts: Record<string, number> = { model: 0, 'tables + Dataset': 0, 'output hash (skipped)': 0 };
  for (const f of runs.DEFAULT_FAMILIES) parts[f] = 0;
  parts['spinoffs without bootstrap'] = 0;
  // the first runs of a fresh thread run unoptimised code: ten runs warm it up, uncounted
  const warm = 10;
  for (let b = -warm; b < B; b++) {
    if (b === 0) for (const k of Object.keys(parts)) parts[k] = 0;
    const seed = 1000 + b + warm;
    const scenario = scenarios[(b + warm) % S];
    // simulate()'s steps one by one (simulate.ts), the families then reading what the pool's do
    let t = now();
    const { state, places } = setup(scenario, sim.streamFor(seed, 'setup'));
    sim.run(state, scenario, seed);
    parts.model += now() - t;
    t = now();
    const runId = `s${scenario.hash.slice(0, 8)}-${seed}`;
    const raw = sim.toRawTables(state, scenario, places, { runId, seed });
    const dataset = buildDataset(raw, { source: `simulation ${runId}` }, prebuiltColumns(state));
    parts['tables + Dataset'] += now() - t;
    const region = { region: runId };
    for (const f of runs.DEFAULT_FAMILIES) {
      t = now();
      families.FAMILIES[f](dataset, region, { seed });
      parts[f] += now() - t;
    }
    t = now();
    families.spinoffs(dataset, region, { seed, samples: 1 });
    parts['spinoffs without bootstrap'] += now() - t;
    t = now();
    createHash('sha256').update(JSON.stringify(raw)).digest('hex');
    parts['output hash (skipped)'] += now() - t;
  }
  const used =
    parts.model +
    parts['tables + Dataset'] +
    parts.evolution +
    parts['spinoffs without bootstrap'] +
    parts.ties +
    parts.mobility;
  console.log(`one run on this thread (CPU, mean of ${B}), as the pool runs it:`);
  for (const [k, v] of Object.entries(parts)) {
    const share =
      k === 'spinoffs' || k === 'output hash (skipped)' ? '(not used)' : `${((100 * v) / used).toFixed(0)}%`;
    console.log(`  ${k.padEnd(28)} ${(v / B).toFixed(0).padStart(6)} ms  ${share}`);
  }
}
