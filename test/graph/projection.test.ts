import { describe, expect, it } from 'vitest';
import { edgeCount } from '../../src/graph/csr.ts';
import { projectBipartite, projectTopology } from '../../src/graph/projection.ts';
import { randomParticipations } from './random.ts';

const i32 = (xs: number[]) => Int32Array.from(xs);

describe('projectBipartite', () => {
  it('three projects with a repeated participation (doc example)', () => {
    // Project 0 = {0,1,2}, project 1 = {0,1} with (1,1) listed twice, project 2 = {2,3}.
    // Shared projects: {0,1} → 0 and 1 (weight 2); {0,2} → 0; {1,2} → 0; {2,3} → 2.
    // The repeated (1,1) must not raise {0,1} to 3.
    const g = projectBipartite(4, 3, i32([0, 1, 2, 0, 1, 1, 2, 3]), i32([0, 0, 0, 1, 1, 1, 2, 2]));
    expect(Array.from(g.offsets)).toEqual([0, 2, 4, 7, 8]);
    expect(Array.from(g.targets)).toEqual([1, 2, 0, 2, 0, 1, 3, 2]);
    expect(Array.from(g.weights)).toEqual([2, 1, 2, 1, 1, 1, 1, 1]);
    expect(edgeCount(g)).toBe(4);
  });

  it('is independent of participation order', () => {
    // Same example listed backwards.
    const g = projectBipartite(4, 3, i32([3, 2, 1, 1, 0, 2, 1, 0]), i32([2, 2, 1, 1, 1, 0, 0, 0]));
    expect(Array.from(g.targets)).toEqual([1, 2, 0, 2, 0, 1, 3, 2]);
    expect(Array.from(g.weights)).toEqual([2, 1, 2, 1, 1, 1, 1, 1]);
  });

  it('single-member projects and inactive orgs give isolates', () => {
    // Org 0 alone in project 0, org 2 never participates; orgs 1 and 3 share project 1.
    const g = projectBipartite(4, 2, i32([0, 1, 3]), i32([0, 1, 1]));
    expect(Array.from(g.offsets)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(g.targets)).toEqual([3, 1]);
    expect(Array.from(g.weights)).toEqual([1, 1]);
  });

  it('handles empty input and rejects bad ids', () => {
    const g = projectBipartite(2, 0, i32([]), i32([]));
    expect(Array.from(g.offsets)).toEqual([0, 0, 0]);
    expect(() => projectBipartite(2, 1, i32([2]), i32([0]))).toThrow(RangeError);
    expect(() => projectBipartite(2, 1, i32([0]), i32([1]))).toThrow(RangeError);
    expect(() => projectBipartite(2, 1, i32([0, 1]), i32([0]))).toThrow(RangeError);
  });

  it('agrees with a naive B·Bᵀ on random participations', () => {
    for (const seed of [11, 12, 13]) {
      const nOrgs = 150;
      const nProjects = 120;
      const { org, project } = randomParticipations(nOrgs, nProjects, 12, seed);
      const members: Set<number>[] = Array.from({ length: nProjects }, () => new Set<number>());
      for (let k = 0; k < org.length; k++) members[project[k]].add(org[k]);
      const shared = new Map<number, number>();
      for (const set of members) {
        for (const u of set) {
          for (const v of set) if (u !== v) shared.set(u * nOrgs + v, (shared.get(u * nOrgs + v) ?? 0) + 1);
        }
      }
      const g = projectBipartite(nOrgs, nProjects, org, project);
      expect(g.targets.length).toBe(shared.size);
      const got: number[][] = [];
      const want: number[][] = [];
      for (let u = 0; u < nOrgs; u++) {
        for (let a = g.offsets[u]; a < g.offsets[u + 1]; a++) got.push([u, g.targets[a], g.weights[a]]);
      }
      for (const [key, weight] of shared) want.push([Math.floor(key / nOrgs), key % nOrgs, weight]);
      want.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      expect(got).toEqual(want);
    }
  });

  it('projectTopology gives the same ties without weights (doc example, random participations)', () => {
    const t = projectTopology(4, 3, i32([0, 1, 2, 0, 1, 1, 2, 3]), i32([0, 0, 0, 1, 1, 1, 2, 2]));
    expect(Array.from(t.offsets)).toEqual([0, 2, 4, 7, 8]);
    expect(Array.from(t.targets)).toEqual([1, 2, 0, 2, 0, 1, 3, 2]);
    expect('weights' in t).toBe(false);
    for (const seed of [21, 22]) {
      const { org, project } = randomParticipations(300, 200, 15, seed);
      const g = projectBipartite(300, 200, org, project);
      const top = projectTopology(300, 200, org, project);
      expect(top.targets.length).toBeGreaterThan(0);
      expect(Array.from(top.offsets)).toEqual(Array.from(g.offsets));
      expect(Array.from(top.targets)).toEqual(Array.from(g.targets));
    }
    expect(() => projectTopology(2, 1, i32([2]), i32([0]))).toThrow(RangeError);
  });
});
