/**
 * Benchmark of the network-structure kernels against igraph and NetworkX, on the same graphs in
 * one run (the Python peer bench/peers/network_reference.py --bench times its own work):
 *  - exact betweenness on a seeded 5,000-node, 25,000-tie uniform random graph;
 *  - k-core numbers, Louvain and clustering (transitivity + average clustering) on the H2020
 *    co-participation network (35,871 organisations, 796,670 ties) when the data file exists.
 * Milieu times are medians of `repeats` runs after a warm-up; the peers run each task once (igraph
 * and NetworkX single-threaded). Betweenness is also timed with betweennessParallel on 2 worker
 * threads. Ratios are peer time / Milieu time (above 1: Milieu is faster). On a shared machine run it
 * when it is otherwise idle: the figures are wall-clock times.
 *
 *   node --import tsx bench/network-structure.ts [--repeats N] [--skip-networkx-betweenness]
 *
 * NetworkX's exact betweenness on the 5,000-node graph takes a few minutes; skip it with the flag.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { betweenness, betweennessParallel } from '../src/graph/betweenness.ts';
import { clusteringSummary } from '../src/graph/clustering.ts';
import { buildUndirectedCsr, type Csr } from '../src/graph/csr.ts';
import { coreNumbers } from '../src/graph/kcore.ts';
import { louvain } from '../src/graph/louvain.ts';
import { projectBipartite } from '../src/graph/projection.ts';
import { mulberry32 } from '../src/graph/rng.ts';

const PYTHON = '/usr/bin/python3';
const PEER = fileURLToPath(new URL('./peers/network_reference.py', import.meta.url));
const H2020 = fileURLToPath(new URL('../../shared/data/cordis/h2020-participations.csv.gz', import.meta.url));

const args = process.argv.slice(2);
const repeatsAt = args.indexOf('--repeats');
const repeats = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 3;
const skipNetworkxBetweenness = args.includes('--skip-networkx-betweenness');

/** `count` distinct uniformly random pairs of [0, n), no loops. */
function uniformGraph(n: number, count: number, seed: number): { sources: Int32Array; targets: Int32Array } {
  const rng = mulberry32(seed);
  const seen = new Set<number>();
  const sources = new Int32Array(count);
  const targets = new Int32Array(count);
  let k = 0;
  while (k < count) {
    const u = Math.floor(rng() * n);
    const v = Math.floor(rng() * n);
    if (u === v) continue;
    const key = Math.min(u, v) * n + Math.max(u, v);
    if (seen.has(key)) continue;
    seen.add(key);
    sources[k] = u;
    targets[k++] = v;
  }
  return { sources, targets };
}

/** The H2020 co-participation network, organisations numbered by their pic sorted as strings. */
function h2020Network(): Csr {
  const lines = gunzipSync(readFileSync(H2020)).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const iRcn = header.indexOf('rcn');
  const iPic = header.indexOf('pic');
  const rcns: string[] = [];
  const pics: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const f = lines[i].split(',');
    rcns.push(f[iRcn]);
    pics.push(f[iPic]);
  }
  const picIndex = new Map([...new Set(pics)].sort().map((p, i) => [p, i]));
  const rcnIndex = new Map<string, number>();
  for (const r of rcns) if (!rcnIndex.has(r)) rcnIndex.set(r, rcnIndex.size);
  return projectBipartite(
    picIndex.size,
    rcnIndex.size,
    Int32Array.from(pics, (p) => picIndex.get(p)!),
    Int32Array.from(rcns, (r) => rcnIndex.get(r)!),
  );
}

function median<T>(f: () => T): { seconds: number; result: T } {
  let result = f(); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    result = f();
    samples.push((performance.now() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { seconds: samples[Math.floor(samples.length / 2)], result };
}

const n = 5000;
const { sources, targets } = uniformGraph(n, 25_000, 1);
const sparse = buildUndirectedCsr(n, sources, targets);
console.log(`node ${process.version}; Milieu: median of ${repeats} runs after a warm-up`);

const milieu: Record<string, number> = {};
const bc = median(() => betweenness(sparse));
milieu.betweenness = bc.seconds;
let maxBc = 0;
for (const x of bc.result) maxBc = Math.max(maxBc, x);
const notes: string[] = [`betweenness: 5,000 nodes, 25,000 ties, max normalised value ${maxBc}`];
{
  // Two worker threads (async): timed the same way, awaited one run at a time.
  await betweennessParallel(sparse, { threads: 2 });
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await betweennessParallel(sparse, { threads: 2 });
    samples.push((performance.now() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  milieu['betweenness (2 threads)'] = samples[Math.floor(samples.length / 2)];
}

const haveH2020 = existsSync(H2020);
if (haveH2020) {
  const h = h2020Network();
  const core = median(() => coreNumbers(h));
  milieu.kcore = core.seconds;
  const lv = median(() => louvain(h, { rng: mulberry32(1) }));
  milieu.louvain = lv.seconds;
  const cs = median(() => clusteringSummary(h));
  milieu.clustering = cs.seconds;
  let maxCore = 0;
  for (const c of core.result) maxCore = Math.max(maxCore, c);
  notes.push(
    `H2020: ${h.n} organisations, ${h.offsets[h.n] / 2} ties; max core ${maxCore}; Louvain Q ${lv.result.modularity} (${lv.result.count} communities); transitivity ${cs.result.transitivity}, average clustering ${cs.result.averageClustering}`,
  );
} else {
  notes.push(`H2020 file missing (${H2020}): k-core, Louvain and clustering skipped`);
}

const peerArgs = [
  PEER,
  '--bench',
  H2020,
  ...(skipNetworkxBetweenness ? ['--skip-networkx-betweenness'] : []),
];
const edges = Array.from(sources, (u, k) => [u, targets[k]]);
const run = spawnSync(PYTHON, peerArgs, {
  input: JSON.stringify({ n, edges }),
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
if (run.status !== 0) throw new Error(`peer failed (${run.status}): ${run.stderr}`);
const peer = JSON.parse(run.stdout) as {
  networkx: string;
  igraph: string;
  seconds: Record<string, number>;
  values: Record<string, unknown>;
};
notes.push(`peers: igraph ${peer.igraph}, networkx ${peer.networkx}; ${JSON.stringify(peer.values)}`);

const fmt = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
const ratio = (peerSeconds: number | undefined, ours: number | undefined) =>
  peerSeconds === undefined || ours === undefined ? '—' : (peerSeconds / ours).toFixed(2);
const rows: string[][] = [['task', 'milieu s', 'igraph s', 'networkx s', 'igraph/milieu', 'networkx/milieu']];
for (const task of ['betweenness', 'betweenness (2 threads)', 'kcore', 'louvain', 'clustering']) {
  const key = task.split(' ')[0];
  const ig = peer.seconds[`${key}_igraph`];
  const nx = peer.seconds[`${key}_networkx`];
  rows.push([task, fmt(milieu[task]), fmt(ig), fmt(nx), ratio(ig, milieu[task]), ratio(nx, milieu[task])]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows)
  console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
for (const note of notes) console.log(note);
