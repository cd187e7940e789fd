/**
 * Benchmark: power and false-positive rate of every finding of src/findings/ at the sample size its
 * plant documents (test/findings/planted.ts). For each finding, N seeds with the effect planted and
 * N with it absent; a detection is the verdict "supported" ("inconclusive" counts as a miss when the
 * effect is planted and as quiet when it is absent). Rates with Wilson 95 % intervals, printed as a
 * Markdown table for docs/findings.md, with the seconds each finding took.
 * Run: node --import tsx bench/findings-power.ts [seeds=200] [finding…]
 */
import { checkFindings, FINDINGS } from '../src/findings/index.ts';
import { wilson } from '../src/findings/stats.ts';
import { PLANTS, plantedDataset } from '../test/findings/planted.ts';

const seeds = Number(process.argv[2] ?? 200);
const only = process.argv.slice(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}`;
const rate = (x: number, n: number) => {
  const w = wilson(x, n);
  return `${pct(x / n)} [${pct(w.low)}, ${pct(w.high)}]`;
};

console.log(`${seeds} seeds per finding and condition; rates in %, Wilson 95 % intervals\n`);
console.log('| finding | sample size | power | false positives | inconclusive (planted / absent) | s |');
console.log('|---|---|---|---|---|---|');
for (const f of FINDINGS) {
  if (only.length > 0 && !only.includes(f.id)) continue;
  const plant = PLANTS[f.id];
  const t0 = performance.now();
  const count = { hit: 0, alarm: 0, quietPlanted: 0, quietAbsent: 0 };
  for (let seed = 1; seed <= seeds; seed++) {
    for (const effect of [true, false]) {
      const [row] = checkFindings(
        plantedDataset(f.id, effect, seed),
        { region: 'r' },
        { seed, findings: [f.id] },
      );
      if (row.verdict === 'supported') {
        if (effect) count.hit++;
        else count.alarm++;
      } else if (row.verdict === 'inconclusive') {
        if (effect) count.quietPlanted++;
        else count.quietAbsent++;
      }
    }
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    `| \`${f.id}\` | ${plant.size} | ${rate(count.hit, seeds)} | ${rate(count.alarm, seeds)} | ${count.quietPlanted} / ${count.quietAbsent} | ${s.toFixed(1)} |`,
  );
}
