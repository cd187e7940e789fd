/**
 * Benchmark: the command-line path a user runs, `milieu init`, `milieu import … --format cordis` and
 * `milieu network`, as three processes (start-up included), against the pandas + igraph script
 * (bench/peers/h2020_network.py, also a whole process), run in turn A B A B … so that each ratio is
 * taken pair by pair while the machine's speed drifts.
 *
 *   node --import tsx bench/cli-path.ts [--runs 5] [--milieu 'node bin/milieu.js'] [--baseline 'node OTHER/bin/milieu.js']
 *
 * `--milieu` is the command that starts Milieu (split on spaces): today `node bin/milieu.js`, which
 * compiles the TypeScript through tsx at every start. The start-up alone is timed too (`milieu
 * --version`, three times per run), so the path can also be given with start-up subtracted.
 * `--baseline` adds a second Milieu (an earlier version, say) to every round, for before/after
 * figures taken side by side. Prints min/median/max of each and the median of the paired ratios;
 * record them in docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childCpu, median, option, spread } from './processes.ts';

const root = new URL('..', import.meta.url).pathname;
const CORDIS = join(root, '../shared/data/cordis');
const PEER = join(root, 'bench/peers/h2020_network.py');

const runs = Number(option('--runs', '5'));
const milieu = option('--milieu', `node ${join(root, 'bin/milieu.js')}`).split(' ');
const baselineOption = option('--baseline', '');
const baseline = baselineOption === '' ? null : baselineOption.split(' ');

/** CPU seconds of the commands timed so far (see timed). */
let cpuTotal = 0;

/** Runs a command to its end; its wall time in seconds (it must exit 0). Adds its CPU to cpuTotal. */
function timed(command: string[]): number {
  const c0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const t = (performance.now() - t0) / 1000;
  cpuTotal += childCpu() - c0;
  if (r.status !== 0) throw new Error(`${command.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t;
}

/** Wall and CPU seconds of f's commands. */
function measured<T>(f: () => T): [T, number] {
  const c0 = cpuTotal;
  const value = f();
  return [value, cpuTotal - c0];
}

interface PathTimes {
  init: number;
  import: number;
  network: number;
  total: number;
}

function milieuPath(command: string[] = milieu): PathTimes {
  const dir = mkdtempSync(join(tmpdir(), 'milieu-cli-bench-'));
  try {
    const db = join(dir, 'h2020.duckdb');
    const init = timed([...command, 'init', db]);
    const imp = timed([...command, 'import', db, CORDIS, '--format', 'cordis']);
    const network = timed([...command, 'network', db]);
    return { init, import: imp, network, total: init + imp + network };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const peer = () => timed(['/usr/bin/python3', PEER, join(CORDIS, 'h2020-participations.csv.gz')]);
const startup = () => timed([...milieu, '--version']);

// One warm-up of each (file cache, Python's byte code), not counted.
milieuPath();
peer();
const paths: PathTimes[] = [];
const peers: number[] = [];
const starts: number[] = [];
const ratios: number[] = [];
const ratiosNoStart: number[] = [];
const baselines: number[] = [];
const baselineRatios: number[] = [];
const cpu = { milieu: [] as number[], peer: [] as number[], baseline: [] as number[], ratio: [] as number[] };
for (let r = 0; r < runs; r++) {
  const [m, mc] = measured(() => milieuPath());
  const [p, pc] = measured(peer);
  cpu.milieu.push(mc);
  cpu.peer.push(pc);
  cpu.ratio.push(mc / pc);
  if (baseline !== null) {
    const [b, bc] = measured(() => milieuPath(baseline).total);
    baselines.push(b);
    baselineRatios.push(b / p);
    cpu.baseline.push(bc);
  }
  const s = median([startup(), startup(), startup()]);
  paths.push(m);
  peers.push(p);
  starts.push(s);
  ratios.push(m.total / p);
  ratiosNoStart.push((m.total - 3 * s) / p);
}

console.log(`Command-line path on the H2020 files, ${runs} paired runs (median, min, max)`);
console.log(`  milieu init              ${spread(paths.map((p) => p.init))}`);
console.log(`  milieu import (cordis)   ${spread(paths.map((p) => p.import))}`);
console.log(`  milieu network           ${spread(paths.map((p) => p.network))}`);
console.log(`  milieu: three commands   ${spread(paths.map((p) => p.total))}`);
console.log(`  milieu start-up alone    ${spread(starts)}  (milieu --version)`);
console.log(`  pandas + igraph script   ${spread(peers)}`);
if (baseline !== null) {
  console.log(`  baseline: three commands ${spread(baselines)}  (${baseline.join(' ')})`);
  console.log(
    `  ratio baseline / peer: ${median(baselineRatios).toFixed(2)} (pairs ${baselineRatios.map((r) => r.toFixed(2)).join(', ')})`,
  );
}
console.log(
  `  ratio milieu / peer: ${median(ratios).toFixed(2)} (pairs ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
);
console.log(
  `  ratio with the three start-ups subtracted: ${median(ratiosNoStart).toFixed(2)} (pairs ${ratiosNoStart.map((r) => r.toFixed(2)).join(', ')})`,
);
console.log('CPU seconds (user + system, all threads), same runs:');
console.log(`  milieu: three commands   ${spread(cpu.milieu)}`);
console.log(`  pandas + igraph script   ${spread(cpu.peer)}`);
if (baseline !== null) console.log(`  baseline: three commands ${spread(cpu.baseline)}`);
console.log(
  `  CPU ratio milieu / peer: ${median(cpu.ratio).toFixed(2)} (pairs ${cpu.ratio.map((r) => r.toFixed(2)).join(', ')})`,
);
