import { describe, expect, it } from 'vitest';
import { BROKERAGE_ROLES, brokerageRoles } from '../../src/graph/brokerage.ts';
import { brokerageZScores } from '../../src/graph/brokerage-z.ts';
import { clusteringSummary } from '../../src/graph/clustering.ts';
import { buildUndirectedCsr } from '../../src/graph/csr.ts';
import {
  startBrokerageRoles,
  startBrokerageZScores,
  startClusteringSummary,
  startSmallWorldSigma,
} from '../../src/graph/null-model-thread.ts';
import { smallWorldSigma } from '../../src/graph/randomize.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

/** Ring lattice of 400 nodes, each tied to its 3 nearest neighbours on either side, plus 40 random chords. */
function lattice() {
  const s: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < 400; i++)
    for (let d = 1; d <= 3; d++) {
      s.push(i);
      t.push((i + d) % 400);
    }
  const rng = mulberry32(9);
  for (let k = 0; k < 40; k++) {
    const u = Math.floor(rng() * 400);
    const v = (u + 10 + Math.floor(rng() * 380)) % 400;
    s.push(u);
    t.push(v);
  }
  return buildUndirectedCsr(400, Int32Array.from(s), Int32Array.from(t));
}

describe('null models on a worker thread', () => {
  const csr = lattice();
  const job = { seed: 12345, randomGraphs: 6, swapsPerEdge: 5, pathSources: 50 };
  const serial = smallWorldSigma(csr, {
    rng: mulberry32(12345),
    randomGraphs: 6,
    swapsPerEdge: 5,
    pathSources: 50,
  });

  it('the worker computes the same figures, to the bit, as smallWorldSigma on this thread', () => {
    const progress: number[] = [];
    const { value, byWorker } = startSmallWorldSigma(csr, job, {
      thread: 'always',
      waitForWorker: true,
    }).take((done) => progress.push(done));
    expect(byWorker).toBe(true);
    expect(value).toEqual(serial);
    expect(Object.is(value.sigma, serial.sigma)).toBe(true);
    expect(progress.at(-1)).toBe(6);
    expect(serial.sigma).toBeGreaterThan(2);
  });

  it('without a thread the job runs here at take(), with the same result', () => {
    const { value, byWorker } = startSmallWorldSigma(csr, job, { thread: 'never' }).take();
    expect(byWorker).toBe(false);
    expect(value).toEqual(serial);
  });

  it('an undefined sigma comes back with its reason', () => {
    const tree = buildUndirectedCsr(5, Int32Array.from([0, 0, 1, 1]), Int32Array.from([1, 2, 3, 4]));
    const { value, byWorker } = startSmallWorldSigma(
      tree,
      { seed: 1, randomGraphs: 2 },
      { thread: 'always', waitForWorker: true },
    ).take();
    expect(byWorker).toBe(true);
    expect(Number.isNaN(value.sigma)).toBe(true);
    expect(value.reason).toBe('the graph has no triangles (C = 0)');
  });

  it('brokerage permutations: the worker gives the same observed counts, means, sds and z-scores', () => {
    const group = Int32Array.from({ length: 400 }, (_, i) => (i % 13 === 0 ? -1 : i < 150 ? 1 : 0));
    const focus = Uint8Array.from(group, (g) => (g === 1 ? 1 : 0));
    const here = brokerageZScores(csr, group, { permutations: 20, rng: mulberry32(77), focus });
    const { value, byWorker } = startBrokerageZScores(
      csr,
      { seed: 77, permutations: 20, group, focus },
      { thread: 'always', waitForWorker: true },
    ).take();
    expect(byWorker).toBe(true);
    for (const role of BROKERAGE_ROLES) {
      expect(Array.from(value.z[role])).toEqual(Array.from(here.z[role]));
      expect(value.totals[role]).toEqual(here.totals[role]);
    }
    expect(value.totals.gatekeeper.sd).toBeGreaterThan(0);
  });

  it('observed brokerage counts: the worker gives the same counts as brokerageRoles here', () => {
    const group = Int32Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 2 : i < 200 ? 1 : 0));
    const here = brokerageRoles(csr, group);
    const { value, byWorker } = startBrokerageRoles(csr, group, {
      thread: 'always',
      waitForWorker: true,
    }).take();
    expect(byWorker).toBe(true);
    for (const role of BROKERAGE_ROLES) expect(Array.from(value[role])).toEqual(Array.from(here[role]));
    expect(here.liaison.some((x) => x > 0)).toBe(true);
  });

  it('jobs queued on the one worker, taken in any order, each give their own result', () => {
    const group = Int32Array.from({ length: 400 }, (_, i) => (i < 120 ? 1 : 0));
    const jobs = [3, 4, 5].map((randomGraphs) => ({ seed: randomGraphs, randomGraphs, swapsPerEdge: 2 }));
    const pending = jobs.map((j) => startSmallWorldSigma(csr, j, { thread: 'always' }));
    const roles = startBrokerageRoles(csr, group, { thread: 'always' });
    expect(Array.from(roles.take().value.gatekeeper)).toEqual(
      Array.from(brokerageRoles(csr, group).gatekeeper),
    );
    for (const k of [2, 0, 1]) {
      const serialK = smallWorldSigma(csr, {
        rng: mulberry32(jobs[k].seed),
        randomGraphs: jobs[k].randomGraphs,
        swapsPerEdge: 2,
      });
      expect(pending[k].take().value).toEqual(serialK);
    }
  });

  it('the clustering summary from a worker equals the one computed here', () => {
    const here = clusteringSummary(csr);
    const { value, byWorker } = startClusteringSummary(csr, { thread: 'always', waitForWorker: true }).take();
    expect(byWorker).toBe(true);
    expect(value).toEqual(here);
    expect(Array.from(value.local)).toEqual(Array.from(here.local));
    expect(here.triangles).toBeGreaterThan(300);
  });
});
