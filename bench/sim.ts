/**
 * Benchmark: the cluster simulator's speed in person-steps per second (a person-step is one person
 * in the region passing through one year of every process, the organisations' updates included in
 * the time) on a region of about 1,000 organisations and 10,000 people over 30 years, and side by
 * side in the same run the reduced model of bench/peers/reduced-model.md (spin-offs, hiring, tie
 * formation) three ways: Milieu's simulator with the other processes off, flocc
 * (bench/peers/reduced-flocc.ts) and Mesa-style Python objects (bench/peers/reduced_mesa_style.py,
 * Debian's python3). Prints each one's rate, outcome (spin-offs, ties, moves per year: the three
 * must do comparable work for the ratios to mean anything) and Milieu's ratios to the peers.
 *
 * Times are medians after warm-up runs, as wall clock and as CPU time of this process (user +
 * system; for Python, the peer's own process CPU time without the interpreter's start-up): on a
 * shared machine the CPU time is the steadier figure. Single thread.
 *
 * Run: node --import tsx bench/sim.ts [runs (default 9)] [--peer-runs N (default 2)] [--no-peers]
 *      [--dist (time the compiled simulator in dist/; run npm run build first)]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessName } from '../src/sim/scheduler.ts';
import type { SimState } from '../src/sim/state.ts';
import { type PeerOutcome, runFlocc } from './peers/reduced-flocc.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
// --dist: the compiled simulator (npm run build), as `node bin/milieu.js` runs it, instead of the
// sources through tsx, whose transform costs the simulator about a third more time.
const from = flag('--dist') ? '../dist/sim' : '../src/sim';
const ext = flag('--dist') ? 'js' : 'ts';
const { parseScenario, simulate, PROCESS_NAMES, run, streamFor }: typeof import('../src/sim/index.ts') =
  await import(`${from}/index.${ext}`);
const { setup }: typeof import('../src/sim/setup.ts') = await import(`${from}/setup.${ext}`);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const runs = Number(args.find((a, k) => /^\d+$/.test(a) && !args[k - 1]?.startsWith('--')) ?? 9);
const peerRuns = option('--peer-runs', 2);
const WARM_UP = 3;
const YEARS = { from: 1971, to: 2000 };
const YEAR_COUNT = YEARS.to - YEARS.from + 1;

const initial = {
  university: { count: 2, size: 1000 },
  'research-institute': { count: 4, size: 250 },
  'large-firm': { count: 10, size: 300 },
  sme: { count: 900, size: 4 },
  'mnc-rd-lab': { count: 4, size: 50 },
};
const outsidePartners = { count: 200, national: 0.4, international: 0.45, global: 0.15 };
const full = parseScenario({
  name: 'bench',
  region: 'cambridge',
  years: YEARS,
  initial,
  outsidePartners,
  demand: [
    { from: 1990, to: 1992, level: 0.75 },
    { from: 1993, level: 1.15 },
  ],
});
/** The reduced model: no de novo entry, no demand calendar, only the three processes below. */
const reduced = parseScenario({
  name: 'bench-reduced',
  region: 'cambridge',
  years: YEARS,
  initial,
  outsidePartners,
  parameters: { deNovoPerYear: 0 },
});
const REDUCED_PROCESSES: readonly ProcessName[] = ['founding', 'hiring', 'partnering'];
const reducedOff = PROCESS_NAMES.filter((name) => !REDUCED_PROCESSES.includes(name));

interface Timed {
  wall: number;
  cpu: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
function timed(f: () => void): Timed {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  return { wall: performance.now() - t0, cpu: cpuMs(c0) };
}
function medians(xs: Timed[]): Timed {
  return { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) };
}

/** People in the region at the start of each year, summed, and the run's outcome. */
function milieuOutcome(scenario: typeof full, seed: number, off: readonly ProcessName[]): PeerOutcome {
  let personSteps = 0;
  const { state } = setup(scenario, streamFor(seed, 'setup'));
  const count = (st: SimState) => {
    for (let k = 0; k < st.peopleCount; k++) if (st.personEmployer[st.people[k]] !== -2) personSteps++;
  };
  run(state, scenario, seed, { off, onYear: count });
  let peopleAtEnd = 0;
  for (let i = 0; i < state.personCount; i++) if (state.personEmployer[i] !== -2) peopleAtEnd++;
  return {
    personSteps,
    spinoffs: state.spinoffs.count,
    ties: state.tieCount,
    moves: state.moves.count,
    peopleAtEnd,
  };
}

function milieu(scenario: typeof full, off: readonly ProcessName[]): Timed {
  const times: Timed[] = [];
  for (let r = 0; r < WARM_UP + runs; r++) {
    const seed = 100 + (r % 5);
    const t = timed(() => {
      const { state } = setup(scenario, streamFor(seed, 'setup'));
      run(state, scenario, seed, { off });
    });
    if (r >= WARM_UP) times.push(t);
  }
  return medians(times);
}

const rate = (steps: number, ms: number) => (steps / ms) * 1000;
const millions = (x: number) => `${(x / 1e6).toFixed(2)} M`;
const perYear = (o: PeerOutcome) =>
  `${(o.spinoffs / YEAR_COUNT).toFixed(1)} spin-offs, ${(o.ties / YEAR_COUNT).toFixed(0)} ties, ${(o.moves / YEAR_COUNT).toFixed(0)} moves per year; ${o.peopleAtEnd} people at the end`;

const rows: { name: string; outcome: PeerOutcome; time: Timed }[] = [];

const fullOutcome = milieuOutcome(full, 100, []);
const fullTime = milieu(full, []);
rows.push({ name: 'Milieu, full model', outcome: fullOutcome, time: fullTime });
const reducedOutcome = milieuOutcome(reduced, 100, reducedOff);
const reducedTime = milieu(reduced, reducedOff);
rows.push({ name: 'Milieu, reduced model', outcome: reducedOutcome, time: reducedTime });

if (!flag('--no-peers')) {
  const flocc: Timed[] = [];
  let floccOutcome: PeerOutcome | null = null;
  for (let r = 0; r < peerRuns; r++)
    flocc.push(
      timed(() => {
        floccOutcome = runFlocc(100 + r, YEARS.from, YEARS.to);
      }),
    );
  if (floccOutcome)
    rows.push({ name: 'flocc 0.7.0, reduced model', outcome: floccOutcome, time: medians(flocc) });

  const peer = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'reduced_mesa_style.py');
  const python: Timed[] = [];
  let pythonOutcome: PeerOutcome | null = null;
  let pythonVersion = '';
  for (let r = 0; r < peerRuns; r++) {
    const t0 = performance.now();
    const p = spawnSync('/usr/bin/python3', [peer, String(100 + r), String(YEARS.from), String(YEARS.to)], {
      encoding: 'utf8',
    });
    const wall = performance.now() - t0;
    if (p.status !== 0) throw new Error(`the Python peer failed: ${p.stderr}`);
    const o = JSON.parse(p.stdout);
    pythonVersion = o.python;
    pythonOutcome = {
      personSteps: o.person_steps,
      spinoffs: o.spinoffs,
      ties: o.ties,
      moves: o.moves,
      peopleAtEnd: o.people_at_end,
    };
    python.push({ wall, cpu: o.seconds * 1000 });
  }
  if (pythonOutcome)
    rows.push({
      name: `Python ${pythonVersion}, Mesa-style objects, reduced model`,
      outcome: pythonOutcome,
      time: medians(python),
    });
}

console.log(
  `Region: ${920 + 200} organisations at the start (920 local, 200 outside partners), 9,800 people, ${YEAR_COUNT} years.`,
);
console.log(`Medians of ${runs} runs after ${WARM_UP} warm-up runs (Milieu), of ${peerRuns} runs (peers).`);
console.log(`Milieu's simulator from ${flag('--dist') ? 'dist/ (compiled)' : 'src/ (through tsx)'}.\n`);
for (const { name, outcome, time } of rows) {
  console.log(`${name}`);
  console.log(`  ${outcome.personSteps} person-steps; ${perYear(outcome)}`);
  console.log(
    `  ${time.wall.toFixed(0)} ms wall → ${millions(rate(outcome.personSteps, time.wall))} person-steps/s; ` +
      `${time.cpu.toFixed(0)} ms CPU → ${millions(rate(outcome.personSteps, time.cpu))} person-steps/s per core`,
  );
}
const base = rows[1];
for (const row of rows.slice(2)) {
  const ratio = (k: keyof Timed) =>
    rate(base.outcome.personSteps, base.time[k]) / rate(row.outcome.personSteps, row.time[k]);
  console.log(
    `Milieu (reduced) vs ${row.name}: ${ratio('cpu').toFixed(0)}× by CPU time, ${ratio('wall').toFixed(0)}× by wall clock`,
  );
}

const tables = timed(() => simulate(full, { seed: 100 }));
const again: Timed[] = [];
for (let r = 0; r < 3; r++) again.push(timed(() => simulate(full, { seed: 100 + r })));
console.log(
  `\nsimulate() of the full model with package tables + Dataset + output hash: ${medians(again).wall.toFixed(0)} ms wall (first call ${tables.wall.toFixed(0)} ms)`,
);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
