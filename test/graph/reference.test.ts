/**
 * Cross-check of the network-structure kernels against NetworkX, igraph and a plain-Python
 * Gould–Fernandez count, through bench/peers/network_reference.py run with the Debian interpreter
 * /usr/bin/python3 (python3-networkx, python3-igraph). A missing module is a failure with an
 * explanatory message, not a skip: CI installs the Debian packages. The part on the real H2020
 * network is skipped when the data file is absent.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { betweenness } from '../../src/graph/betweenness.ts';
import { BROKERAGE_ROLES, brokerageRoles } from '../../src/graph/brokerage.ts';
import { clusteringSummary } from '../../src/graph/clustering.ts';
import { buildUndirectedCsr, type Csr } from '../../src/graph/csr.ts';
import { coreNumbers } from '../../src/graph/kcore.ts';
import { louvain, modularity } from '../../src/graph/louvain.ts';
import { projectBipartite } from '../../src/graph/projection.ts';
import { averageShortestPathLength } from '../../src/graph/randomize.ts';
import { mulberry32, type Rng } from '../../src/graph/rng.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../bench/peers/network_reference.py', import.meta.url));
const H2020 = fileURLToPath(
  new URL('../../../shared/data/cordis/h2020-participations.csv.gz', import.meta.url),
);

interface GraphReference {
  core_networkx: number[];
  core_igraph: number[];
  betweenness_networkx: number[];
  betweenness_igraph: number[];
  transitivity_networkx: number;
  transitivity_igraph: number;
  average_clustering_networkx: number;
  average_clustering_igraph: number;
  path_length_networkx: number;
  multilevel_igraph: number;
  louvain_networkx: number;
  modularity_networkx?: number;
  modularity_igraph?: number;
  brokerage?: Record<string, number[]>;
}

interface Generated {
  n: number;
  sources: number[];
  targets: number[];
  weights?: number[];
}

function runPython(args: string[], input: string): string {
  const run = spawnSync(PYTHON, [SCRIPT, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.error) throw new Error(`cannot run ${PYTHON}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`network_reference.py exited with ${run.status}: ${run.stderr}`);
  return run.stdout;
}

function reference(g: Generated, partition?: Int32Array, groups?: Int32Array): GraphReference {
  const edges = g.sources.map((u, k) => (g.weights ? [u, g.targets[k], g.weights[k]] : [u, g.targets[k]]));
  const input = JSON.stringify({
    n: g.n,
    edges,
    partition: partition ? Array.from(partition) : undefined,
    groups: groups ? Array.from(groups) : undefined,
  });
  return JSON.parse(runPython([], input)) as GraphReference;
}

/** Simple graph: each distinct pair once (the generators below never repeat a pair). */
function toCsr(g: Generated): Csr {
  return buildUndirectedCsr(
    g.n,
    Int32Array.from(g.sources),
    Int32Array.from(g.targets),
    g.weights ? Float64Array.from(g.weights) : undefined,
  );
}

/** Stochastic block model: `blocks` equal blocks, tie probability pIn inside, pOut across. */
function plantedPartition(blocks: number, size: number, pIn: number, pOut: number, rng: Rng): Generated {
  const n = blocks * size;
  const sources: number[] = [];
  const targets: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      const p = Math.floor(u / size) === Math.floor(v / size) ? pIn : pOut;
      if (rng() < p) {
        sources.push(u);
        targets.push(v);
      }
    }
  }
  return { n, sources, targets };
}

/** Chung–Lu graph with expected degrees ∝ (i+1)^(-alpha), scaled to mean degree `mean` (hubs, leaves). */
function chungLu(n: number, mean: number, alpha: number, rng: Rng): Generated {
  const w = Array.from({ length: n }, (_, i) => (i + 1) ** -alpha);
  const total = w.reduce((a, b) => a + b, 0);
  const scale = (mean * n) / total;
  const sources: number[] = [];
  const targets: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (rng() < Math.min(1, (w[u] * scale * w[v] * scale) / (mean * n))) {
        sources.push(u);
        targets.push(v);
      }
    }
  }
  return { n, sources, targets };
}

function randomLabels(n: number, k: number, unknownShare: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: n }, () => (rng() < unknownShare ? -1 : Math.floor(rng() * k)));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Every check on one generated graph. */
function compare(g: Generated, partition: Int32Array, groups: Int32Array): GraphReference {
  const csr = toCsr(g);
  const ref = reference(g, partition, groups);
  const core = Array.from(coreNumbers(csr));
  expect(core).toEqual(ref.core_networkx);
  expect(core).toEqual(ref.core_igraph);
  const bc = betweenness(csr, { normalized: true });
  expect(maxAbsDiff(bc, ref.betweenness_networkx)).toBeLessThan(1e-9);
  expect(maxAbsDiff(bc, ref.betweenness_igraph)).toBeLessThan(1e-9);
  const s = clusteringSummary(csr);
  expect(Math.abs(s.transitivity - ref.transitivity_networkx)).toBeLessThan(1e-12);
  expect(Math.abs(s.transitivity - ref.transitivity_igraph)).toBeLessThan(1e-12);
  expect(Math.abs(s.averageClustering - ref.average_clustering_networkx)).toBeLessThan(1e-12);
  expect(Math.abs(s.averageClustering - ref.average_clustering_igraph)).toBeLessThan(1e-12);
  expect(averageShortestPathLength(csr).length).toBeCloseTo(ref.path_length_networkx, 12);
  const q = modularity(csr, partition);
  expect(Math.abs(q - ref.modularity_networkx!)).toBeLessThan(1e-12);
  expect(Math.abs(q - ref.modularity_igraph!)).toBeLessThan(1e-12);
  const roles = brokerageRoles(csr, groups);
  for (const role of BROKERAGE_ROLES) expect(Array.from(roles[role])).toEqual(ref.brokerage![role]);
  return ref;
}

describe('cross-check with networkx, igraph and a plain-Python brokerage count', () => {
  beforeAll(() => {
    const probe = spawnSync(PYTHON, ['-c', 'import networkx, igraph'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error(
        `${PYTHON} cannot import networkx and igraph (${probe.error?.message ?? probe.stderr.trim()}). ` +
          'Install the Debian packages python3-networkx and python3-igraph; the pyenv python3 on PATH is not used.',
      );
    }
  });

  it('planted partition (4 × 75 nodes): every kernel, and Louvain ≥ 0.97 × igraph multilevel', () => {
    const rng = mulberry32(101);
    const g = plantedPartition(4, 75, 0.15, 0.01, rng);
    const planted = Int32Array.from({ length: g.n }, (_, i) => Math.floor(i / 75));
    const ref = compare(g, planted, randomLabels(g.n, 3, 0, rng));
    const csr = toCsr(g);
    for (const seed of [1, 2, 3]) {
      const result = louvain(csr, { rng: mulberry32(seed) });
      expect(result.modularity).toBeGreaterThanOrEqual(0.97 * ref.multilevel_igraph);
      expect(result.modularity).toBeGreaterThanOrEqual(0.97 * ref.louvain_networkx);
      expect(Math.abs(result.modularity - modularity(csr, result.communities))).toBeLessThan(1e-12);
    }
  });

  it('weighted planted partition: weighted modularity and weighted Louvain', () => {
    const rng = mulberry32(102);
    const g = plantedPartition(5, 50, 0.2, 0.02, rng);
    g.weights = g.sources.map(() => 1 + Math.floor(rng() * 5));
    // A deliberately poor partition, to test the formula away from the optimum.
    const partition = Int32Array.from({ length: g.n }, (_, i) => (i * 7) % 6);
    const ref = compare(g, partition, randomLabels(g.n, 4, 0.1, rng));
    const result = louvain(toCsr(g), { rng: mulberry32(9) });
    expect(result.modularity).toBeGreaterThanOrEqual(0.97 * ref.multilevel_igraph);
  });

  it('Chung–Lu power-law graph (hubs, leaves, isolates) with unknown groups', () => {
    const rng = mulberry32(103);
    const g = chungLu(400, 6, 0.8, rng);
    const partition = Int32Array.from({ length: g.n }, () => Math.floor(rng() * 8));
    const ref = compare(g, partition, randomLabels(g.n, 5, 0.2, rng));
    expect(Math.max(...ref.core_networkx)).toBeGreaterThan(3);
  });

  it('sparse G(n, p) with many components', () => {
    const rng = mulberry32(104);
    const n = 300;
    const g: Generated = { n, sources: [], targets: [] };
    for (let u = 0; u < n; u++) {
      for (let v = u + 1; v < n; v++) {
        if (rng() < 0.006) {
          g.sources.push(u);
          g.targets.push(v);
        }
      }
    }
    compare(
      g,
      Int32Array.from({ length: n }, (_, i) => i % 3),
      randomLabels(n, 2, 0, rng),
    );
  });

  it.skipIf(!existsSync(H2020))(
    'real H2020 co-participation network: core numbers and transitivity vs igraph',
    () => {
      const ref = JSON.parse(runPython(['--h2020', H2020], '')) as {
        pics: string[];
        core_igraph: number[];
        transitivity_igraph: number;
        average_clustering_igraph: number;
        edges: number;
      };
      const csr = h2020Network(ref.pics);
      expect(csr.offsets[csr.n] / 2).toBe(ref.edges);
      expect(Array.from(coreNumbers(csr))).toEqual(ref.core_igraph);
      const s = clusteringSummary(csr);
      expect(Math.abs(s.transitivity - ref.transitivity_igraph)).toBeLessThan(1e-12);
      expect(Math.abs(s.averageClustering - ref.average_clustering_igraph)).toBeLessThan(1e-12);
    },
  );
});

/** The H2020 co-participation network with nodes numbered by the given (sorted) pic list. */
function h2020Network(pics: string[]): Csr {
  const lines = gunzipSync(readFileSync(H2020)).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const iRcn = header.indexOf('rcn');
  const iPic = header.indexOf('pic');
  const picIndex = new Map(pics.map((p, i) => [p, i]));
  const rcnIndex = new Map<string, number>();
  const org: number[] = [];
  const project: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fields = lines[i].split(',');
    const rcn = fields[iRcn];
    let p = rcnIndex.get(rcn);
    if (p === undefined) {
      p = rcnIndex.size;
      rcnIndex.set(rcn, p);
    }
    const o = picIndex.get(fields[iPic]);
    if (o === undefined) throw new Error(`pic ${fields[iPic]} missing from the reference list`);
    org.push(o);
    project.push(p);
  }
  return projectBipartite(pics.length, rcnIndex.size, Int32Array.from(org), Int32Array.from(project));
}
