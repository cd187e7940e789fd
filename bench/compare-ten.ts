/**
 * Benchmark: `milieu compare STORE --regions ten -q` as a whole process, wall and CPU seconds, and
 * side by side with another Milieu (`--baseline`, an earlier build) taken in turn A B A B …, so that
 * each ratio is a pair from the same moment on a shared machine.
 *
 *   node --import tsx bench/compare-ten.ts STORE.duckdb [--runs 3] [--milieu 'node bin/milieu.js'] [--baseline 'node OTHER/bin/milieu.js']
 *
 * STORE is an H2020 store after `resolve` (init, import ../shared/data/cordis --format cordis,
 * resolve --nuts NUTS_RG_10M_2021_4326.geojson). CPU seconds are the reaped children's own
 * accounting (all threads), which a loaded machine disturbs less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { childCpu, median, option, spread } from './processes.ts';

const root = new URL('..', import.meta.url).pathname;
const db = process.argv[2];
if (!db || db.startsWith('--')) throw new Error('usage: bench/compare-ten.ts STORE.duckdb [--runs N] …');

const runs = Number(option('--runs', '3'));
const milieu = option('--milieu', `node ${join(root, 'bin/milieu.js')}`).split(' ');
const baselineOption = option('--baseline', '');
const baseline = baselineOption === '' ? null : baselineOption.split(' ');

/** Wall and CPU seconds of one compare run (it must exit 0). */
function compare(command: string[]): { wall: number; cpu: number } {
  const c0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(command[0], [...command.slice(1), 'compare', db, '--regions', 'ten', '-q'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${command.join(' ')} compare exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: childCpu() - c0 };
}

const now: { wall: number; cpu: number }[] = [];
const before: { wall: number; cpu: number }[] = [];
for (let r = 0; r < runs; r++) {
  now.push(compare(milieu));
  if (baseline !== null) before.push(compare(baseline));
}
console.log(`milieu compare --regions ten, ${runs} runs (median, min, max)`);
console.log(`  milieu     wall ${spread(now.map((x) => x.wall))}`);
console.log(`  milieu     CPU  ${spread(now.map((x) => x.cpu))}`);
if (baseline !== null) {
  console.log(`  baseline   wall ${spread(before.map((x) => x.wall))}  (${baseline.join(' ')})`);
  console.log(`  baseline   CPU  ${spread(before.map((x) => x.cpu))}`);
  const wall = now.map((x, k) => x.wall / before[k].wall);
  const cpu = now.map((x, k) => x.cpu / before[k].cpu);
  console.log(
    `  ratio milieu / baseline, wall: ${median(wall).toFixed(2)} (pairs ${wall.map((x) => x.toFixed(2)).join(', ')})`,
  );
  console.log(
    `  ratio milieu / baseline, CPU:  ${median(cpu).toFixed(2)} (pairs ${cpu.map((x) => x.toFixed(2)).join(', ')})`,
  );
}
