/**
 * The closure components equal NetworkX's adamic_adar_index and resource_allocation_index (and the
 * degrees its preferential_attachment) on a random graph, through the same peer script the
 * benchmark runs (bench/peers/bridging_networkx.py, Debian's /usr/bin/python3 with python3-networkx).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/graph/rng.ts';
import { dataset } from '../measures/fixtures.ts';
import { candidatePairs, computeComponents, regionMask, snapshotAt } from './imports.ts';

const SCRIPT = fileURLToPath(new URL('../../bench/peers/bridging_networkx.py', import.meta.url));

describe('closure components against NetworkX', () => {
  it('Adamic–Adar and resource allocation agree to 1e-12 on every untied pair of a random graph', () => {
    // 40 organisations, each edge a two-partner project of 2015: the network at 2015 is the graph
    const n = 40;
    const rng = mulberry32(11);
    const edges: [number, number][] = [];
    for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (rng() < 0.12) edges.push([u, v]);
    const d = dataset({
      regions: [{ id: 'all', name: 'All', kind: 'cluster', nuts: ['UKH12'], localities: [], country: 'UK' }],
      organisations: Array.from({ length: n }, (_, i) => ({
        id: `o${i}`,
        kind: 'firm',
        country: 'UK',
        nuts: 'UKH12',
      })),
      projects: edges.map((_, k) => ({ id: `p${k}`, start: '2015-06-01', programme: 'LEIT' })),
      participations: edges.flatMap(([u, v], k) => [
        { project: `p${k}`, organisation: `o${u}` },
        { project: `p${k}`, organisation: `o${v}` },
      ]),
    });
    // ids o0…o39 are numbered in order, so the Dataset's numbers are the graph's
    const snap = snapshotAt(d, 2015);
    const members = regionMask(d, 'all');
    const cands = candidatePairs(d, snap, members, { pairs: 'any', scope: 'inside' });
    expect(cands.count).toBe((n * (n - 1)) / 2 - edges.length);
    const ours = computeComponents(d, snap, members, cands);
    const flat: number[] = [];
    for (let i = 0; i < cands.count; i++) flat.push(cands.left[i], cands.right[i]);
    const run = spawnSync('/usr/bin/python3', [SCRIPT], {
      input: JSON.stringify({ n, edges: edges.flat(), sets: { all: flat } }),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`bridging_networkx.py failed: ${run.stderr}`);
    const nx = JSON.parse(run.stdout).sets.all;
    let nonzero = 0;
    for (let i = 0; i < cands.count; i++) {
      expect(ours.adamicAdar[i]).toBeCloseTo(nx.adamic_adar[i], 12);
      expect(ours.resourceAllocation[i]).toBeCloseTo(nx.resource_allocation[i], 12);
      expect(snap.degree[cands.left[i]] * snap.degree[cands.right[i]]).toBe(nx.preferential_attachment[i]);
      if (ours.adamicAdar[i] > 0) nonzero++;
    }
    expect(nonzero).toBeGreaterThan(100);
  });
});
