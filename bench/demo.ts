/**
 * Where the main job's time goes (`node --import tsx bench/demo.ts`): the ten simulations, their
 * imports through the validated path, loading the Dataset, the comparison of the ten regions and the
 * report with its charts, each timed in one process (wall and CPU), on a fresh temporary folder.
 * The whole process from outside, as a user runs it, is timed with farm-bench (docs/benchmarks.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../src/dataset/load.ts';
import { DEMO_SCENARIOS, DEMO_SEED, demoScenarios } from '../src/demo/build.ts';
import { compareRegions } from '../src/measures/index.ts';
import { withRegionContext } from '../src/regions/arguments.ts';
import { buildReport } from '../src/report/comparative-html.ts';
import { importSimulation } from '../src/sim/import-run.ts';
import { simulate } from '../src/sim/simulate.ts';
import { openStoreForWriting } from '../src/store/open-for-writing.ts';

const rows: [string, number, number][] = [];
function timed<T>(name: string, f: () => T): T {
  const t = performance.now();
  const c = process.cpuUsage();
  const out = f();
  const u = process.cpuUsage(c);
  rows.push([name, (performance.now() - t) / 1000, (u.user + u.system) / 1e6]);
  return out;
}
async function timedAsync<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const c = process.cpuUsage();
  const out = await f();
  const u = process.cpuUsage(c);
  rows.push([name, (performance.now() - t) / 1000, (u.user + u.system) / 1e6]);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'milieu-bench-demo-'));
try {
  const scenarios = timed('read scenarios', () => demoScenarios());
  const runs = timed('simulate 10 runs', () =>
    scenarios.map(({ scenario }) => simulate(scenario, { seed: DEMO_SEED })),
  );
  const { store, finish } = await openStoreForWriting(join(dir, 'demo.duckdb'), { mustBeNew: true });
  await timedAsync('import 10 runs', async () => {
    for (const [i, run] of runs.entries())
      await importSimulation(store, join(DEMO_SCENARIOS, scenarios[i].file), run.raw, run.manifest);
  });
  const dataset = await timedAsync('load Dataset', async () => withRegionContext(await loadDataset(store)));
  finish(true);
  const regions = scenarios.map((s) => s.scenario.region.id);
  const comparison = timed('compare 10 regions', () => compareRegions(dataset, regions, {}, { seed: 1 }));
  timed('report (Markdown + HTML, 6 charts)', () =>
    buildReport({
      title: 'bench',
      source: 'bench',
      comparison,
      regionNames: regions,
      simulated: { runs: 10, imports: 10 },
      provenance: { milieuVersion: '', inputHashes: [], parameters: {} },
    }),
  );
  const organisations = dataset.organisations.count;
  console.log(
    `ten demo clusters: ${organisations} organisations, ${dataset.network.targets.length / 2} ties`,
  );
  console.log('phase                                 wall s   cpu s');
  for (const [name, wall, cpu] of rows)
    console.log(`${name.padEnd(36)} ${wall.toFixed(2).padStart(7)} ${cpu.toFixed(2).padStart(7)}`);
  const total = rows.reduce((a, r) => [a[0] + r[1], a[1] + r[2]], [0, 0]);
  console.log(`${'total'.padEnd(36)} ${total[0].toFixed(2).padStart(7)} ${total[1].toFixed(2).padStart(7)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
