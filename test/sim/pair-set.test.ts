import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/graph/rng.ts';
import { PairSet } from '../../src/sim/pair-set.ts';

describe('PairSet', () => {
  it('agrees with a Set of "min-max" strings on 20,000 random pairs and lookups, through several growths', () => {
    const rng = mulberry32(3);
    const ours = new PairSet(4);
    const reference = new Set<string>();
    const key = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;
    for (let k = 0; k < 20000; k++) {
      const [a, b] = [Math.floor(rng() * 500), Math.floor(rng() * 60000000)];
      if (rng() < 0.5) {
        ours.add(a, b);
        reference.add(key(a, b));
      } else expect(ours.has(b, a)).toBe(reference.has(key(a, b)));
    }
    expect(ours.size).toBe(reference.size);
    for (const k of reference) {
      const [a, b] = k.split('-').map(Number);
      expect(ours.has(a, b)).toBe(true);
    }
    ours.clear();
    expect(ours.size).toBe(0);
    expect(ours.has(0, 0)).toBe(false);
  });

  it('is unordered: (2, 7) and (7, 2) are one pair', () => {
    const s = new PairSet();
    s.add(7, 2);
    s.add(2, 7);
    expect(s.size).toBe(1);
    expect(s.has(2, 7)).toBe(true);
    expect(s.has(2, 8)).toBe(false);
  });
});
