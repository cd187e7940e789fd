import { describe, expect, it } from 'vitest';
import { F1, F2, F3, P1, R1, small, U1, Y1 } from './fixtures.ts';
import { candidatePairs, computeComponents, regionMask, snapshotAt } from './imports.ts';

const d = small();
const snap = snapshotAt(d, 2017);
const members = regionMask(d, 'fen');

/** Components of the listed pairs, in the order given (each pair scored as a one-pair candidate set). */
function of(u: number, v: number) {
  const c = computeComponents(d, snap, members, {
    count: 1,
    left: Int32Array.of(u),
    right: Int32Array.of(v),
  });
  return Object.fromEntries(Object.entries(c).map(([k, a]) => [k, a[0]]));
}

describe('snapshot at T', () => {
  it('holds the network, degrees, activity and programme profiles known by the end of 2017', () => {
    expect(Array.from(snap.degree)).toEqual([3, 2, 1, 3, 1, 2, 5, 1]);
    expect(snap.recent[F1]).toBe(2);
    expect(snap.recent[R1]).toBe(1);
    // f2's 2019 project (P5) is not known in 2017
    expect(snap.projects[F2]).toBe(2);
    const part = (u: number, name: string) => snap.profile[u * snap.parts.length + snap.parts.indexOf(name)];
    expect(part(F1, 'SC1')).toBe(2);
    expect(part(U1, 'LEIT')).toBe(1);
  });
});

describe('components, worked out by hand (see fixtures.ts)', () => {
  it('f1–f2: two shared partners u1 (3 partners) and x1 (5)', () => {
    const c = of(F1, F2);
    expect(c.commonPartners).toBe(2);
    expect(c.adamicAdar).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(5), 12);
    expect(c.resourceAllocation).toBeCloseTo(8 / 15, 12);
    expect(c.sector).toBe(0.5); // divisions 26 and 28, both in section C
    // profiles f1 {SC1: 2}, f2 {SC1: 1, LEIT: 1, SC4: 1}: 2 / (2·√3)
    expect(c.programme).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(c.sameNuts3).toBe(1);
    expect(c.bothInside).toBe(1);
    expect(c.sameCountry).toBe(1);
    expect(c.complementarity).toBe(0);
    expect(c.openness).toBeCloseTo(Math.log(4) + Math.log(3), 12);
    expect(c.activity).toBeCloseTo(2 * Math.log(3), 12);
  });

  it('f1–r1: one shared partner x1; same NACE division; no programme in common; firm with research institute', () => {
    const c = of(F1, R1);
    expect(c.commonPartners).toBe(1);
    expect(c.adamicAdar).toBeCloseTo(1 / Math.log(5), 12);
    expect(c.resourceAllocation).toBeCloseTo(1 / 5, 12);
    expect(c.sector).toBe(1);
    expect(c.programme).toBe(0);
    expect(c.complementarity).toBe(1);
    expect(c.openness).toBeCloseTo(Math.log(4) + Math.log(2), 12);
    expect(c.activity).toBeCloseTo(Math.log(3) + Math.log(2), 12);
  });

  it('f1–f3: shared partner p1 (2 partners); different sections; u1–r1 in different NUTS-3', () => {
    const c = of(F1, F3);
    expect(c.adamicAdar).toBeCloseTo(1 / Math.log(2), 12);
    expect(c.resourceAllocation).toBeCloseTo(1 / 2, 12);
    expect(c.sector).toBe(0); // C and J
    expect(of(U1, R1).sameNuts3).toBe(0); // UKH14 and UKH12
    // u1 {SC1: 2, LEIT: 1}, r1 {LEIT: 1}: 1 / √5
    expect(of(U1, R1).programme).toBeCloseTo(1 / Math.sqrt(5), 12);
  });

  it('an unknown sector is not available (NaN), never 0; an outside partner is not inside nor same country', () => {
    expect(of(F1, P1).sector).toBeNaN();
    const c = of(F1, Y1);
    expect(c.bothInside).toBe(0);
    expect(c.sameCountry).toBe(0);
    expect(c.sameNuts3).toBe(0);
    expect(c.complementarity).toBe(1);
  });

  it('gives the same values when pairs are scored together, grouped by their left organisation', () => {
    const cands = candidatePairs(d, snap, members, { pairs: 'any', scope: 'inside' });
    const all = computeComponents(d, snap, members, cands);
    for (let i = 0; i < cands.count; i++) {
      const one = of(cands.left[i], cands.right[i]);
      for (const [k, v] of Object.entries(one)) expect(all[k as keyof typeof all][i]).toEqual(v);
    }
  });
});
