/**
 * Benchmark: the cluster simulator's speed in person-steps per second (a person-step is one person's
 * yearly pass through every process, the organisations' updates included in the time) on a region
 * of about 1,000 organisations and 10,000 people over 30 years, then the cost of turning the run
 * into tables and a Dataset. Single thread. Run: node --import tsx bench/sim.ts [runs]
 */
import { parseScenario, simulate } from '../src/sim/index.ts';
import { run, streamFor } from '../src/sim/scheduler.ts';
import { setup } from '../src/sim/setup.ts';

const runs = Number(process.argv[2] ?? 5);
const scenario = parseScenario({
  name: 'bench',
  region: 'cambridge',
  years: { from: 1971, to: 2000 },
  initial: {
    university: { count: 2, size: 1000 },
    'research-institute': { count: 4, size: 250 },
    'large-firm': { count: 10, size: 300 },
    sme: { count: 900, size: 4 },
    'mnc-rd-lab': { count: 4, size: 50 },
  },
  outsidePartners: { count: 200, national: 0.4, international: 0.45, global: 0.15 },
  demand: [
    { from: 1990, to: 1992, level: 0.75 },
    { from: 1993, level: 1.15 },
  ],
});

/** People in the region (employed or looking) at the start of each year, summed over the years. */
function personSteps(seed: number): number {
  let steps = 0;
  const { state } = setup(scenario, streamFor(seed, 'setup'));
  run(state, scenario, seed, {
    onYear: (st) => {
      for (let i = 0; i < st.personCount; i++) if (st.personEmployer[i] !== -2) steps++;
    },
  });
  return steps;
}

const times: number[] = [];
const total: number[] = [];
let steps = 0;
let last: ReturnType<typeof simulate> | null = null;
for (let r = 0; r < runs; r++) {
  const seed = 100 + r;
  const t0 = performance.now();
  const { state } = setup(scenario, streamFor(seed, 'setup'));
  run(state, scenario, seed);
  times.push(performance.now() - t0);
  const t1 = performance.now();
  last = simulate(scenario, { seed });
  total.push(performance.now() - t1);
  if (r === 0) steps = personSteps(seed);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = last?.state;
console.log(`organisations at start: ${1020 + 200}, people at start: ${2000 + 1000 + 3000 + 3600 + 200}`);
console.log(
  `after 30 years (last run): ${s?.orgCount} organisations, ${s?.personCount} people ever, ${s?.tieCount} ties`,
);
console.log(
  `person-steps per run (people in the region at the start of each year, summed; first seed): ${steps}`,
);
console.log(`model only (setup + 30 years), median of ${runs}: ${median(times).toFixed(0)} ms`);
console.log(
  `  → ${(((steps / median(times)) * 1000) / 1e6).toFixed(2)} million person-steps per second (one core)`,
);
console.log(`simulate() with tables + Dataset, median of ${runs}: ${median(total).toFixed(0)} ms`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
