/**
 * Cross-check against NetworkX through bench/peers/graph_reference.py, run with the Debian
 * interpreter /usr/bin/python3 (python3-networkx). Not skipped when networkx is missing: CI installs
 * the Debian packages, so a missing module is a failure with an explanatory message.
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusteringSummary } from '../../src/graph/clustering.ts';
import { connectedComponents } from '../../src/graph/components.ts';
import { buildUndirectedCsr } from '../../src/graph/csr.ts';
import { projectBipartite } from '../../src/graph/projection.ts';
import { blocksWithIsolates, type EdgeList, gnp, powerLaw, randomParticipations } from './random.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../bench/peers/graph_reference.py', import.meta.url));

interface Reference {
  components: number;
  largest_component: number;
  triangles: number;
  node_triangles: number[];
  transitivity: number;
  average_clustering: number;
  clustering: number[];
}

function reference(n: number, edges: [number, number][]): Reference {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({ n, edges }),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.error) throw new Error(`cannot run ${PYTHON}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`graph_reference.py exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Reference;
}

function edgePairs(list: EdgeList): [number, number][] {
  return Array.from(list.sources, (u, k): [number, number] => [u, list.targets[k]]);
}

/** Compare every statistic on one edge list; returns the reference for extra checks. */
function compare(list: EdgeList): Reference {
  const { n, sources, targets } = list;
  const csr = buildUndirectedCsr(n, sources, targets);
  const ref = reference(n, edgePairs(list));
  const comps = connectedComponents(csr);
  const s = clusteringSummary(csr);
  expect(comps.count).toBe(ref.components);
  expect(comps.largest).toBe(ref.largest_component);
  expect(s.triangles).toBe(ref.triangles);
  expect(Array.from(s.nodeTriangles)).toEqual(ref.node_triangles);
  expect(Math.abs(s.transitivity - ref.transitivity)).toBeLessThan(1e-9);
  expect(Math.abs(s.averageClustering - ref.average_clustering)).toBeLessThan(1e-9);
  expect(s.local.length).toBe(ref.clustering.length);
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(s.local[i] - ref.clustering[i]));
  expect(worst).toBeLessThan(1e-9);
  return ref;
}

describe('cross-check with networkx', () => {
  beforeAll(() => {
    const probe = spawnSync(PYTHON, ['-c', 'import networkx'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error(
        `${PYTHON} cannot import networkx (${probe.error?.message ?? probe.stderr.trim()}). ` +
          'Install the Debian package python3-networkx (apt-get install python3-networkx); ' +
          'the pyenv python3 on PATH is not used.',
      );
    }
  });

  it('G(n, p) with n = 300, p = 0.03', () => {
    const ref = compare(gnp(300, 0.03, 42));
    expect(ref.triangles).toBeGreaterThan(50);
  });

  it('power-law multigraph with hubs, repeats and self-loops', () => {
    const ref = compare(powerLaw(400, 4000, 0.9, 43));
    expect(ref.triangles).toBeGreaterThan(1000);
  });

  it('dense blocks with isolates, reversed duplicates and loops', () => {
    const ref = compare(blocksWithIsolates(250, 30, 44));
    expect(ref.components).toBeGreaterThan(30);
    expect(ref.triangles).toBeGreaterThan(0);
  });

  it('sparse G(n, p) with many components', () => {
    const ref = compare(gnp(300, 0.004, 45));
    expect(ref.components).toBeGreaterThan(10);
  });

  it('co-participation projection (clique-rich)', () => {
    const nOrgs = 300;
    const { org, project } = randomParticipations(nOrgs, 150, 15, 46);
    const p = projectBipartite(nOrgs, 150, org, project);
    const sources: number[] = [];
    const targets: number[] = [];
    for (let u = 0; u < nOrgs; u++) {
      for (let a = p.offsets[u]; a < p.offsets[u + 1]; a++) {
        if (p.targets[a] > u) {
          sources.push(u);
          targets.push(p.targets[a]);
        }
      }
    }
    const ref = compare({ n: nOrgs, sources: Int32Array.from(sources), targets: Int32Array.from(targets) });
    expect(ref.transitivity).toBeGreaterThan(0.3);
  });

  it('reference script is wired correctly (triangle plus pendant)', () => {
    const ref = reference(4, [
      [0, 1],
      [0, 2],
      [1, 2],
      [2, 3],
    ]);
    expect(ref.triangles).toBe(1);
    expect(ref.transitivity).toBeCloseTo(0.6, 15);
    expect(ref.clustering).toEqual([1, 1, 1 / 3, 0]);
  });
});
