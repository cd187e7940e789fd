import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { networkSummary } from '../../src/measures/network-summary.ts';
import { ROOT, runCli, SHARED_DATA, tempDir } from '../helpers.ts';

describe('networkSummary', () => {
  it('a triangle with a pendant, an isolate, one project and one stored tie — worked by hand', () => {
    // a, b, c form a triangle: a–b stored tie; a, b and c share project P (co-participation a–b, a–c, b–c).
    // d hangs on c by a stored tie; e has no tie.
    const dataset = buildDataset({
      organisations: {
        rowCount: 5,
        columns: { id: ['a', 'b', 'c', 'd', 'e'], kind: ['sme', 'university', 'sme', 'large-firm', 'sme'] },
      },
      ties: {
        rowCount: 2,
        columns: { source: ['a', 'c'], target: ['b', 'd'], kind: ['collaboration', 'supplier'] },
      },
      projects: { rowCount: 1, columns: { id: ['P'] } },
      participations: { rowCount: 3, columns: { project: ['P', 'P', 'P'], organisation: ['a', 'b', 'c'] } },
    });
    const s = networkSummary(dataset);
    // edges a–b (stored + shared project, one pair), a–c, b–c, c–d: 4 distinct pairs
    expect(s.nodes).toBe(5);
    expect(s.edges).toBe(4);
    expect(s.isolates).toBe(1);
    expect(s.components).toBe(2); // {a,b,c,d} and {e}
    expect(s.largestComponent).toBe(4);
    expect(s.density).toBeCloseTo((2 * 4) / (5 * 4), 12);
    // degrees 2,2,3,1,0 → triples 1+1+3 = 5; one triangle → 3/5
    expect(s.transitivity).toBeCloseTo(0.6, 12);
    // local clustering 1, 1, 1/3, 0, 0 → mean over 5 nodes
    expect(s.averageClustering).toBeCloseTo((1 + 1 + 1 / 3) / 5, 12);
    expect(s.meanDegree).toBeCloseTo(8 / 5, 12);
    expect(s.maxDegree).toBe(3);
    expect(s.edgesByKindPair).toEqual({ 'sme|university': 2, 'sme|sme': 1, 'large-firm|sme': 1 });
    // the a–b pair carries weight 2: one stored tie plus one shared project
    const { offsets, targets, weights } = dataset.network;
    const k = Array.from(targets.subarray(offsets[0], offsets[1])).indexOf(1);
    expect(weights[offsets[0] + k]).toBe(2);
  });

  it('an empty dataset gives zeros, not NaN', () => {
    const s = networkSummary(buildDataset({}));
    expect(s).toMatchObject({
      nodes: 0,
      edges: 0,
      density: 0,
      transitivity: 0,
      averageClustering: 0,
      meanDegree: 0,
    });
  });
});

const PARTICIPATIONS = join(SHARED_DATA, 'cordis/h2020-participations.csv.gz');

describe.skipIf(!existsSync(PARTICIPATIONS))('milieu network on the real H2020 data', () => {
  it('equals an independent pandas + igraph computation (counts exactly, clustering to 1e-9)', () => {
    const db = join(tempDir(), 'h2020.duckdb');
    const imported = runCli(['import', db, join(SHARED_DATA, 'cordis'), '--format', 'cordis', '-q']);
    expect(imported.status).toBe(0);
    const ours = JSON.parse(runCli(['network', db, '--json']).stdout);
    const peer = spawnSync('/usr/bin/python3', [join(ROOT, 'bench/peers/h2020_network.py'), PARTICIPATIONS], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(peer.stderr).toBe('');
    const { figures } = JSON.parse(peer.stdout);
    for (const key of ['nodes', 'edges', 'isolates', 'components', 'largestComponent', 'maxDegree']) {
      expect([key, ours[key]]).toEqual([key, figures[key]]);
    }
    for (const key of ['density', 'transitivity', 'averageClustering', 'meanDegree']) {
      expect(Math.abs(ours[key] - figures[key]), key).toBeLessThan(1e-9);
    }
    expect(ours.edgesByKindPair).toEqual(figures.edgesByKindPair);
    // the figures themselves, as first computed with igraph 0.10 on this file
    expect(ours.nodes).toBe(35871);
    expect(ours.edges).toBe(796670);
  });
});
