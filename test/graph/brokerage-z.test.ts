import { describe, expect, it } from 'vitest';
import { BROKERAGE_ROLES, brokerageRoles } from '../../src/graph/brokerage.ts';
import { brokerageZScores } from '../../src/graph/brokerage-z.ts';
import { buildUndirectedCsr } from '../../src/graph/csr.ts';
import { mulberry32 } from '../../src/graph/rng.ts';

/** Star with centre 0 and leaves 1 … 4. */
const star = buildUndirectedCsr(5, Int32Array.from([0, 0, 0, 0]), Int32Array.from([1, 2, 3, 4]));

describe('brokerage z-scores against label permutations', () => {
  it('star: the centre’s gatekeeping null mean tends to 0.6 × 4 + 0.4 × 3 = 3.6', () => {
    // The centre keeps a group of 3 (prob 3/5; 2 own leaves × 2 others = 4 pairs) or of 2
    // (prob 2/5; 1 × 3 = 3 pairs): mean 3.6, sd √(0.24) ≈ 0.49, z = 0.4 / 0.49 ≈ 0.82.
    const group = Int32Array.from([0, 0, 0, 1, 1]);
    const z = brokerageZScores(star, group, { permutations: 4000, rng: mulberry32(5) });
    expect(z.observed.gatekeeper[0]).toBe(4);
    expect(z.mean.gatekeeper[0]).toBeCloseTo(3.6, 1);
    expect(z.sd.gatekeeper[0]).toBeCloseTo(Math.sqrt(0.24), 1);
    expect(z.z.gatekeeper[0]).toBeGreaterThan(0.7);
    expect(z.z.gatekeeper[0]).toBeLessThan(0.95);
    // Leaves never broker: no variation, z undefined.
    expect(z.sd.gatekeeper[1]).toBe(0);
    expect(z.z.gatekeeper[1]).toBeNaN();
    // Totals over all nodes equal the centre's figures here.
    expect(z.totals.gatekeeper.observed).toBe(4);
    expect(z.totals.gatekeeper.mean).toBeCloseTo(z.mean.gatekeeper[0], 12);
  });

  it('stored triangles and re-listing give identical statistics; progress counts permutations', () => {
    const rng = mulberry32(9);
    const n = 150;
    const s: number[] = [];
    const t: number[] = [];
    for (let u = 0; u < n; u++)
      for (let v = u + 1; v < n; v++)
        if (rng() < 0.06) {
          s.push(u);
          t.push(v);
        }
    const csr = buildUndirectedCsr(n, Int32Array.from(s), Int32Array.from(t));
    const group = Int32Array.from({ length: n }, () => (rng() < 0.1 ? -1 : Math.floor(rng() * 3)));
    const calls: number[] = [];
    const stored = brokerageZScores(csr, group, {
      permutations: 25,
      rng: mulberry32(1),
      onProgress: (done, total) => {
        expect(total).toBe(25);
        calls.push(done);
      },
    });
    const relisted = brokerageZScores(csr, group, {
      permutations: 25,
      rng: mulberry32(1),
      maxStoredTriangles: 0,
    });
    expect(calls).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const role of BROKERAGE_ROLES) {
      expect(Array.from(stored.observed[role])).toEqual(Array.from(brokerageRoles(csr, group)[role]));
      expect(Array.from(stored.mean[role])).toEqual(Array.from(relisted.mean[role]));
      expect(Array.from(stored.sd[role])).toEqual(Array.from(relisted.sd[role]));
      expect(stored.totals[role]).toEqual(relisted.totals[role]);
    }
  });

  it('focus restricts the totals; permutations < 2 are rejected', () => {
    const group = Int32Array.from([0, 0, 0, 1, 1]);
    const z = brokerageZScores(star, group, {
      permutations: 10,
      rng: mulberry32(2),
      focus: Uint8Array.from([0, 1, 1, 1, 1]),
    });
    expect(z.totals.gatekeeper.observed).toBe(0);
    expect(z.totals.gatekeeper.z).toBeNaN();
    expect(() => brokerageZScores(star, group, { permutations: 1, rng: mulberry32(2) })).toThrow(RangeError);
  });
});

describe('brokerage z-scores with two groups (a region and its partners)', () => {
  it('the two-group triangle pass gives the same counts, means and sds as the general listing', () => {
    // Random graph with clustered blocks, labels 0 / 1 and a few unknown (−1).
    const rng = mulberry32(21);
    const n = 160;
    const s: number[] = [];
    const t: number[] = [];
    for (let u = 0; u < n; u++)
      for (let v = u + 1; v < n; v++) {
        const p = Math.floor(u / 20) === Math.floor(v / 20) ? 0.5 : 0.03;
        if (rng() < p) {
          s.push(u);
          t.push(v);
        }
      }
    const csr = buildUndirectedCsr(n, Int32Array.from(s), Int32Array.from(t));
    const group = Int32Array.from({ length: n }, (_, i) => (i % 17 === 0 ? -1 : rng() < 0.4 ? 1 : 0));
    const stored = brokerageZScores(csr, group, { permutations: 30, rng: mulberry32(5) });
    const listed = brokerageZScores(csr, group, {
      permutations: 30,
      rng: mulberry32(5),
      maxStoredTriangles: 0,
    });
    for (const role of BROKERAGE_ROLES) {
      expect(Array.from(stored.observed[role])).toEqual(Array.from(listed.observed[role]));
      expect(Array.from(stored.mean[role])).toEqual(Array.from(listed.mean[role]));
      expect(Array.from(stored.sd[role])).toEqual(Array.from(listed.sd[role]));
      expect(stored.totals[role]).toEqual(listed.totals[role]);
    }
    expect(stored.totals.gatekeeper.sd).toBeGreaterThan(0);
  });
});
