import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt, sampleWithoutReplacement, shuffle, splitmix32 } from '../../src/graph/rng.ts';

describe('seeded random numbers', () => {
  it('mulberry32 is reproducible from its seed and stays in [0, 1)', () => {
    // The documented first draw of seed 1.
    expect(mulberry32(1)()).toBe(0.6270739405881613);
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('splitmix32 is reproducible and roughly uniform', () => {
    const r = splitmix32(7);
    const again = splitmix32(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      expect(x).toBe(again());
      sum += x;
    }
    // Mean of 10,000 uniforms: 0.5 ± 3 × 0.0029.
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.01);
  });

  it('randomInt maps a draw of 0.5 to ⌊k/2⌋', () => {
    expect(randomInt(() => 0.5, 10)).toBe(5);
    expect(randomInt(() => 0, 10)).toBe(0);
    expect(randomInt(() => 0.9999, 10)).toBe(9);
  });

  it('shuffle returns a permutation, and every order of 3 items occurs', () => {
    const rng = mulberry32(3);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const items = shuffle(Int32Array.from([0, 1, 2]), rng);
      expect(Array.from(items).sort()).toEqual([0, 1, 2]);
      seen.add(items.join(','));
    }
    expect(seen.size).toBe(6);
  });

  it('sampleWithoutReplacement draws k distinct ids in range, and n of n is a permutation', () => {
    const rng = mulberry32(4);
    const s = sampleWithoutReplacement(100, 30, rng);
    expect(s.length).toBe(30);
    expect(new Set(s).size).toBe(30);
    for (const x of s) expect(x >= 0 && x < 100).toBe(true);
    expect(Array.from(sampleWithoutReplacement(5, 5, rng)).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(() => sampleWithoutReplacement(5, 6, rng)).toThrow(RangeError);
    expect(() => sampleWithoutReplacement(5, -1, rng)).toThrow(RangeError);
  });
});
