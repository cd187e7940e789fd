import { describe, expect, it } from 'vitest';
import {
  bootstrapCI,
  mean,
  quantileSorted,
  rng,
  sampleSd,
  T_975,
  tCritical95,
  tInterval95,
} from '../../src/measures/stats.ts';

/**
 * P(|T| ≤ t) for Student's t with ν degrees of freedom, by the exact finite series of Abramowitz &
 * Stegun 26.7.3 (ν odd) and 26.7.4 (ν even), with θ = atan(t/√ν). Written here independently of the
 * table so that the table is checked against the distribution itself.
 */
function tTwoSided(t: number, nu: number): number {
  const theta = Math.atan(t / Math.sqrt(nu));
  const c2 = Math.cos(theta) ** 2;
  let term = 1;
  let sum = 1;
  if (nu % 2 === 1) {
    if (nu === 1) return (2 * theta) / Math.PI;
    for (let k = 1; k <= (nu - 3) / 2; k++) {
      term *= ((2 * k) / (2 * k + 1)) * c2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta) * sum);
  }
  for (let k = 1; k <= (nu - 2) / 2; k++) {
    term *= ((2 * k - 1) / (2 * k)) * c2;
    sum += term;
  }
  return Math.sin(theta) * sum;
}

/** Mulberry32 again, in BigInt arithmetic (mod 2³² by masking), to cross-check the Int32 version. */
function mulberryBig(seed: number, draws: number): number[] {
  const M = 0xffffffffn;
  const mul = (a: bigint, b: bigint) => (a * b) & M;
  let state = BigInt(seed >>> 0);
  const out: number[] = [];
  for (let i = 0; i < draws; i++) {
    state = (state + 0x6d2b79f5n) & M;
    let z = state;
    z = mul(z ^ (z >> 15n), z | 1n);
    z = z ^ ((z + mul(z ^ (z >> 7n), z | 61n)) & M);
    z = z ^ (z >> 14n);
    out.push(Number(z) / 4294967296);
  }
  return out;
}

describe('rng (mulberry32)', () => {
  it('matches an independent BigInt implementation and is reproducible', () => {
    for (const seed of [1, 2, 42, 123456789, 4294967295]) {
      const r = rng(seed);
      const draws = Array.from({ length: 20 }, () => r());
      expect(draws).toEqual(mulberryBig(seed, 20));
      const again = rng(seed);
      expect(Array.from({ length: 20 }, () => again())).toEqual(draws);
    }
    // the documented first draw of seed 1
    expect(rng(1)()).toBe(0.6270739405881613);
    // seeds are taken modulo 2^32
    expect(rng(-1)()).toBe(rng(4294967295)());
  });

  it('draws in [0, 1) with mean near 1/2', () => {
    const r = rng(7);
    let s = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      if (!(x >= 0 && x < 1)) outside++;
      s += x;
    }
    expect(outside).toBe(0);
    // sd of the mean of 1e5 uniforms is 0.289/316 ≈ 0.0009; 0.005 is > 5 sd
    expect(Math.abs(s / 100_000 - 0.5)).toBeLessThan(0.005);
  });

  it('different seeds give different streams', () => {
    expect(rng(1)()).not.toBe(rng(2)());
  });

  it('rejects a non-finite seed', () => {
    expect(() => rng(Number.NaN)).toThrow(RangeError);
  });
});

describe('mean, sampleSd, quantileSorted', () => {
  it('hand-checked values', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
    // deviations from 5: −3 −1 −1 −1 0 0 2 4 → squares 9+1+1+1+0+0+4+16 = 32; 32/7
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([3])).toBeNaN();
    // h = 3 × 0.5 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    // h = 3 × 0.25 = 0.75 → 1 + 0.75 = 1.75
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('tCritical95', () => {
  it('has the textbook values for small df', () => {
    expect(tCritical95(1)).toBe(12.7062047);
    expect(tCritical95(2)).toBe(4.3026527);
    expect(tCritical95(10)).toBe(2.2281389);
    expect(tCritical95(30)).toBe(2.0422725);
    // ν = 1: t = tan(0.475π) exactly; ν = 2: t = (2p − 1)/√(2p(1 − p)) with p = 0.975
    expect(tCritical95(1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 6);
    expect(tCritical95(2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 6);
  });

  it('table and Cornish–Fisher expansion agree with the exact t distribution', () => {
    for (let nu = 1; nu <= 300; nu++) {
      expect(Math.abs(tTwoSided(tCritical95(nu), nu) - 0.95)).toBeLessThan(1e-7);
    }
    expect(T_975).toHaveLength(30);
    expect(tCritical95(60)).toBeCloseTo(2.0002978, 6);
    expect(tCritical95(120)).toBeCloseTo(1.9799304, 6);
    // tends to z = 1.959964 and decreases with ν
    expect(tCritical95(1_000_000)).toBeCloseTo(1.959964, 5);
    expect(tCritical95(31)).toBeLessThan(tCritical95(30));
  });

  it('rejects df < 1 or fractional df', () => {
    expect(() => tCritical95(0)).toThrow(RangeError);
    expect(() => tCritical95(2.5)).toThrow(RangeError);
  });
});

describe('tInterval95', () => {
  it('hand-checked interval for [5, 4, 3, 5]', () => {
    // x̄ = 4.25, s² = (0.5625 + 0.0625 + 1.5625 + 0.5625)/3 = 2.75/3, s/√4 = 0.478714
    // half-width = 3.1824463 × 0.478714 = 1.523480
    const ci = tInterval95([5, 4, 3, 5])!;
    expect(ci.estimate).toBe(4.25);
    expect(ci.sd).toBeCloseTo(Math.sqrt(2.75 / 3), 12);
    expect(ci.halfWidth).toBeCloseTo(1.52348, 5);
    expect(ci.lower).toBeCloseTo(2.72652, 5);
    expect(ci.upper).toBeCloseTo(5.77348, 5);
  });

  it('two values: mean ± 12.706 × s/√2', () => {
    // [2, 4]: s = √2, s/√2 = 1 → 3 ± 12.7062047
    const ci = tInterval95([2, 4])!;
    expect(ci.lower).toBeCloseTo(3 - 12.7062047, 9);
    expect(ci.upper).toBeCloseTo(3 + 12.7062047, 9);
  });

  it('equal values give a zero-width interval; fewer than 2 values give none', () => {
    expect(tInterval95([3, 3, 3])).toMatchObject({ lower: 3, upper: 3, halfWidth: 0 });
    expect(tInterval95([3])).toBeNull();
    expect(tInterval95([])).toBeNull();
  });
});

describe('bootstrapCI', () => {
  it('values [0, 1], mean: replicates 0, ½, 1 with probabilities ¼, ½, ¼ → [0, 1]', () => {
    const ci = bootstrapCI([0, 1], mean, { samples: 10_000, seed: 3 })!;
    expect(ci).toMatchObject({ estimate: 0.5, lower: 0, upper: 1, samples: 10_000, level: 0.95 });
    // a 50 % interval is inside the middle mass ½: both quartiles fall on the replicate value ½
    const half = bootstrapCI([0, 1], mean, { samples: 10_000, seed: 3, level: 0.5 })!;
    expect(half.lower).toBe(0.5);
    expect(half.upper).toBe(0.5);
  });

  it('is reproducible for a seed and changes with it', () => {
    const values = [1.2, 3.4, 0.5, 7.7, 2.2, 9.1, 4.4];
    const a = bootstrapCI(values, mean, { seed: 11, samples: 500 });
    const b = bootstrapCI(values, mean, { seed: 11, samples: 500 });
    const c = bootstrapCI(values, mean, { seed: 12, samples: 500 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    // the interval contains the estimate and lies within the range of the data
    expect(a!.lower).toBeLessThanOrEqual(a!.estimate);
    expect(a!.upper).toBeGreaterThanOrEqual(a!.estimate);
    expect(a!.lower).toBeGreaterThanOrEqual(0.5);
    expect(a!.upper).toBeLessThanOrEqual(9.1);
  });

  it('constant data give a point interval; no data give null', () => {
    expect(bootstrapCI([2, 2, 2], mean, { samples: 50 })).toMatchObject({ estimate: 2, lower: 2, upper: 2 });
    expect(bootstrapCI([], mean)).toBeNull();
  });

  it('drops non-finite replicates and rejects bad options', () => {
    expect(bootstrapCI([1, 2], () => Number.NaN, { samples: 10 })).toBeNull();
    expect(() => bootstrapCI([1], mean, { samples: 0 })).toThrow(RangeError);
    expect(() => bootstrapCI([1], mean, { level: 1 })).toThrow(RangeError);
  });
});
