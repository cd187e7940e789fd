/**
 * Timings of the typed-array graph kernels (src/graph) on seeded random graphs:
 *  - sparse: G(n, m)-style, 5,000 nodes and 25,000 uniformly drawn pairs;
 *  - dense: Chung–Lu power-law graph, ~36k nodes and a few million ties, very skewed degrees;
 *  - projection: a synthetic organisation–project bipartite graph the size of H2020 (35,871 orgs,
 *    31,451 projects, 144,726 participations) with skewed project sizes, projected to co-participation.
 *
 * Run: node --import tsx bench/graph.ts [repeats]
 */

import {
  buildUndirectedCsr,
  type Csr,
  clusteringSummary,
  connectedComponents,
  edgeCount,
  projectBipartite,
} from '../src/graph/index.ts';
import { mulberry32 } from '../src/graph/rng.ts';

interface EdgeList {
  n: number;
  sources: Int32Array;
  targets: Int32Array;
}

function uniformPairs(n: number, count: number, seed: number): EdgeList {
  const rnd = mulberry32(seed);
  const sources = new Int32Array(count);
  const targets = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    sources[k] = Math.floor(rnd() * n);
    targets[k] = Math.floor(rnd() * n);
  }
  return { n, sources, targets };
}

/** Index drawn from the cumulative weights `cum` (binary search). */
function pick(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Cumulative power-law weights w_i = (i + 1)^(-alpha), normalised to total 1. */
function powerLawCumulative(n: number, alpha: number): Float64Array {
  const cum = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += (i + 1) ** -alpha;
    cum[i] = s;
  }
  for (let i = 0; i < n; i++) cum[i] /= s;
  return cum;
}

/** Chung–Lu-style multigraph: each endpoint drawn independently with power-law node weights. */
function chungLu(n: number, count: number, alpha: number, seed: number): EdgeList {
  const rnd = mulberry32(seed);
  const cum = powerLawCumulative(n, alpha);
  const sources = new Int32Array(count);
  const targets = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    sources[k] = pick(cum, rnd());
    targets[k] = pick(cum, rnd());
  }
  return { n, sources, targets };
}

interface Participations {
  nOrgs: number;
  nProjects: number;
  org: Int32Array;
  project: Int32Array;
}

/**
 * H2020-like participations: 60% single-participant projects, the rest of Pareto size 2 + 4·U^(-1/2)
 * capped at 200 (mean ≈ 10), members drawn with power-law org activity (w_i ∝ (i+1)^-0.7).
 */
function syntheticParticipations(
  nOrgs: number,
  nProjects: number,
  total: number,
  seed: number,
): Participations {
  const rnd = mulberry32(seed);
  const cum = powerLawCumulative(nOrgs, 0.7);
  const org = new Int32Array(total);
  const project = new Int32Array(total);
  let k = 0;
  for (let p = 0; p < nProjects && k < total; p++) {
    const size = rnd() < 0.6 ? 1 : Math.min(200, Math.floor(2 + 4 * (1 - rnd()) ** -0.5));
    const last = Math.min(total - k, size);
    for (let j = 0; j < last; j++) {
      org[k] = pick(cum, rnd());
      project[k] = p;
      k++;
    }
  }
  return { nOrgs, nProjects, org: org.subarray(0, k), project: project.subarray(0, k) };
}

function time<T>(repeats: number, f: () => T): { ms: number; result: T } {
  const samples: number[] = [];
  let result = f(); // warm-up
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    result = f();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], result };
}

function describe(csr: Csr): string {
  let maxDeg = 0;
  for (let i = 0; i < csr.n; i++) maxDeg = Math.max(maxDeg, csr.offsets[i + 1] - csr.offsets[i]);
  return `n=${csr.n} m=${edgeCount(csr)} maxDegree=${maxDeg}`;
}

function benchGraph(name: string, repeats: number, build: () => Csr, inputLabel: string): void {
  const built = time(repeats, build);
  const csr = built.result;
  const comps = time(repeats, () => connectedComponents(csr));
  const clus = time(repeats, () => clusteringSummary(csr));
  const c = comps.result;
  const s = clus.result;
  console.log(`${name}: ${inputLabel}; ${describe(csr)}`);
  console.log(`  build              ${built.ms.toFixed(1).padStart(8)} ms`);
  console.log(
    `  connectedComponents${comps.ms.toFixed(1).padStart(8)} ms  (${c.count} components, largest ${c.largest})`,
  );
  console.log(
    `  clusteringSummary  ${clus.ms.toFixed(1).padStart(8)} ms  (triangles ${s.triangles}, transitivity ${s.transitivity.toFixed(6)}, average ${s.averageClustering.toFixed(6)})`,
  );
}

const repeats = Number(process.argv[2] ?? 5);
console.log(`median of ${repeats} runs after one warm-up; node ${process.version}`);

const sparse = uniformPairs(5_000, 25_000, 1);
benchGraph(
  'sparse',
  repeats,
  () => buildUndirectedCsr(sparse.n, sparse.sources, sparse.targets),
  'buildUndirectedCsr of 25,000 pairs',
);

const dense = chungLu(36_000, 4_000_000, 0.7, 2);
benchGraph(
  'dense',
  repeats,
  () => buildUndirectedCsr(dense.n, dense.sources, dense.targets),
  'buildUndirectedCsr of 4,000,000 pairs',
);

const parts = syntheticParticipations(35_871, 31_451, 144_726, 3);
benchGraph(
  'projection',
  repeats,
  () => projectBipartite(parts.nOrgs, parts.nProjects, parts.org, parts.project),
  `projectBipartite of ${parts.org.length} participations`,
);
