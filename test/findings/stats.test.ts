import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  bootstrapPValue,
  bootstrapUnits,
  normalCdf,
  normalQuantile,
  permutationPValue,
  poissonRateTest,
  proportionTest,
  tostProportion,
  twoProportions,
  wilson,
} from '../../src/findings/stats.ts';

// Reference values from Python's math module (erf, comb) by the closed forms in the comments.
describe('the statistics of the findings', () => {
  it('normal distribution function and quantile', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6); // ½(1 + erf(z/√2))
    expect(normalCdf(-2)).toBeCloseTo(0.02275013194817921, 6);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
  });

  it('Wilson score intervals', () => {
    const w = wilson(3, 10);
    expect(w.low).toBeCloseTo(0.10779126740630102, 5);
    expect(w.high).toBeCloseTo(0.6032218525388546, 5);
    const z = wilson(0, 20);
    expect(z.low).toBe(0);
    expect(z.high).toBeGreaterThan(0.1);
  });

  it('score test of a proportion', () => {
    expect(proportionTest(60, 100, 0.5, 'greater')).toBeCloseTo(0.02275013194817921, 6);
    expect(proportionTest(40, 100, 0.5, 'less')).toBeCloseTo(0.02275013194817921, 6);
  });

  it('two one-sided tests: equivalence exactly when the 90 % Wilson interval is inside the margin', () => {
    const eq = tostProportion(170, 1000, 0.17, 0.05);
    expect(eq.pValue).toBeCloseTo(6.756805763341589e-5, 7);
    expect(eq.low).toBeCloseTo(0.15135801208718214, 5);
    expect(eq.high).toBeCloseTo(0.1904228284510598, 5);
    expect(eq.level).toBeCloseTo(0.9, 12);
    // 10 % of 1000: the lower test fails
    expect(tostProportion(100, 1000, 0.17, 0.05).pValue).toBeGreaterThan(0.5);
  });

  it('exact binomial tail and the conditional Poisson test', () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
    expect(binomialUpperTail(10, 12, 0.5)).toBeCloseTo(79 / 4096, 12);
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0);
    // large n stays finite: P(X ≥ 2600 | 5000, ½) is small but positive
    const big = binomialUpperTail(2600, 5000, 0.5);
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(0.01);
    const t = poissonRateTest(30, 6, 8, 4);
    expect(t.ratio).toBeCloseTo(2.5, 12);
    expect(t.pValue).toBeCloseTo(0.01103804123313436, 10);
    expect(t.low).toBeCloseTo(2.5 * Math.exp(-1.959964 * Math.sqrt(1 / 30 + 1 / 8)), 4);
  });

  it('two proportions: pooled z-test and Newcombe interval', () => {
    const t = twoProportions(15, 20, 5, 20);
    expect(t.difference).toBeCloseTo(0.5, 12);
    expect(t.pValue).toBeCloseTo(0.0007827011290012509, 6);
    const w1 = wilson(15, 20);
    const w2 = wilson(5, 20);
    expect(t.low).toBeCloseTo(0.5 - Math.sqrt((0.75 - w1.low) ** 2 + (w2.high - 0.25) ** 2), 12);
  });

  it('seeded bootstrap and permutation: the same seed gives the same numbers', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const mean = (pick: Int32Array) => pick.reduce((s, i) => s + values[i], 0) / pick.length;
    const a = bootstrapUnits(8, mean, { seed: 3 })!;
    const b = bootstrapUnits(8, mean, { seed: 3 })!;
    expect(a.low).toBe(b.low);
    expect(a.low).toBeLessThan(4.5);
    expect(a.high).toBeGreaterThan(4.5);
    expect(bootstrapPValue(Float64Array.from([1, 2, 3]), 0)).toBeCloseTo(1 / 4, 12);
    expect(bootstrapPValue(Float64Array.from([-1, 2, 3]), 0)).toBeCloseTo(2 / 4, 12);
    // a perfectly separated pair of groups: no shuffle of 10 labels does better than the data (1/252 chance)
    const x = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const diff = (l: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < 10; i++) s += l[i] ? x[i] : -x[i];
      return s;
    };
    const p = permutationPValue(diff(Int32Array.from(x)), Int32Array.from(x), diff, {
      seed: 1,
      samples: 999,
    });
    expect(p).toBeLessThan(0.02);
    expect(p).toBeGreaterThanOrEqual(1 / 1000);
  });
});
