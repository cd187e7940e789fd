/**
 * Benchmark: the whole measure suite on a synthetic region of 100,000 firms and 1,000,000 ties
 * (seeded), family by family, with peak memory. Run: node --import tsx bench/measures.ts [firms] [ties]
 */
import { buildDataset } from '../src/dataset/build.ts';
import type { RawTables } from '../src/dataset/raw.ts';
import { mulberry32 } from '../src/graph/rng.ts';
import { FAMILIES } from '../src/measures/index.ts';

const firms = Number(process.argv[2] ?? 100_000);
const tieCount = Number(process.argv[3] ?? 1_000_000);

const rand = mulberry32(12345);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

const t0 = performance.now();
const countries = ['DE', 'FR', 'UK', 'IT', 'NL'];
const kinds = [
  'sme',
  'sme',
  'sme',
  'sme',
  'firm',
  'large-firm',
  'university',
  'research-institute',
  'technology-centre',
];
const sectors = ['26.11', '26.51', '62.01', '62.02', '72.11', '72.19', '21.20', '28.99', '70.22', '71.12'];
const n = firms;
const id = Array.from({ length: n }, (_, i) => `o${i}`);
const country = id.map(() => pick(countries));
// 10 NUTS-3 areas per country; area 0 of DE is the study region
const nuts = country.map((c) => `${c}${Math.floor(rand() * 10)}0${c === 'UK' ? 'A' : '1'}`);
const founded = id.map(() => 1950 + Math.floor(rand() * 70));
const closed = founded.map((f) => (rand() < 0.2 ? Math.min(2020, f + 1 + Math.floor(rand() * 30)) : null));
const raw: RawTables = {
  organisations: {
    rowCount: n,
    columns: {
      id,
      kind: id.map(() => pick(kinds)),
      sector: id.map(() => pick(sectors)),
      founded,
      closed,
      country,
      nuts,
      sme: id.map(() => rand() < 0.8),
    },
  },
  regions: {
    rowCount: 1,
    columns: { id: ['study'], name: ['Study region'], kind: ['cluster'], nuts: [['DE001']] },
  },
};
// Ties: three in four between organisations of the same country (local buzz), the rest anywhere.
const src: string[] = [];
const dst: string[] = [];
const tieKinds: string[] = [];
const start: number[] = [];
const byCountry = new Map<string, number[]>();
for (const [i, c] of country.entries()) {
  const list = byCountry.get(c);
  if (list) list.push(i);
  else byCountry.set(c, [i]);
}
for (let k = 0; k < tieCount; k++) {
  const u = Math.floor(rand() * n);
  let v = rand() < 0.75 ? pick(byCountry.get(country[u])!) : Math.floor(rand() * n);
  if (v === u) v = (u + 1) % n;
  src.push(id[u]);
  dst.push(id[v]);
  tieKinds.push(pick(['customer', 'supplier', 'collaboration', 'rd-project', 'service']));
  start.push(1980 + Math.floor(rand() * 40));
}
raw.ties = { rowCount: tieCount, columns: { source: src, target: dst, kind: tieKinds, start } };
const spin = Math.floor(n / 10);
raw.spinoffs = {
  rowCount: spin,
  columns: {
    child: Array.from({ length: spin }, (_, k) => id[n - 1 - k]),
    parent: Array.from({ length: spin }, () => id[Math.floor(rand() * (n - spin))]),
    year: Array.from({ length: spin }, (_, k) => founded[n - 1 - k]),
  },
};
raw.employment = {
  rowCount: n,
  columns: {
    organisation: id,
    year: id.map(() => 2015),
    employees: id.map(() => 1 + Math.floor(rand() * 200)),
  },
};
const moveCount = Math.floor(n / 2);
raw.moves = {
  rowCount: moveCount,
  columns: {
    from: Array.from({ length: moveCount }, () => id[Math.floor(rand() * n)]),
    to: Array.from({ length: moveCount }, () => id[Math.floor(rand() * n)]),
    year: Array.from({ length: moveCount }, () => 1990 + Math.floor(rand() * 30)),
  },
};
const tGenerate = (performance.now() - t0) / 1000;
const t1 = performance.now();
const dataset = buildDataset(raw, { source: 'synthetic' });
const tBuild = (performance.now() - t1) / 1000;

console.log(
  `synthetic region: ${n.toLocaleString('en')} organisations, ${tieCount.toLocaleString('en')} ties (generated in ${tGenerate.toFixed(2)} s, Dataset built in ${tBuild.toFixed(2)} s)`,
);
for (const selection of [{}, { region: 'study' }]) {
  console.log(`selection ${JSON.stringify(selection)}`);
  let total = 0;
  for (const [name, family] of Object.entries(FAMILIES)) {
    const t = performance.now();
    family(dataset, selection, { seed: 1 });
    const s = (performance.now() - t) / 1000;
    total += s;
    console.log(`  ${name.padEnd(12)} ${s.toFixed(2)} s`);
  }
  console.log(`  ${'all'.padEnd(12)} ${total.toFixed(2)} s`);
}
console.log(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
