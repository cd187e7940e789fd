/** The ensemble statistics against values worked out by hand (quantiles type 7, as numpy's default). */
import { describe, expect, it } from 'vitest';
import { difference } from '../../../src/sim/runs/ensemble.ts';
import { meanSd, pairedDifferences, quantileSorted, summarise } from '../../../src/sim/runs/stats.ts';

describe('ensemble statistics', () => {
  it('quantiles interpolate between order statistics: h = (n − 1)q', () => {
    const xs = [10, 20, 30, 40, 50];
    expect(quantileSorted(xs, 0)).toBe(10);
    expect(quantileSorted(xs, 1)).toBe(50);
    expect(quantileSorted(xs, 0.5)).toBe(30);
    // h = 4 · 0.05 = 0.2 → 10 + 0.2 · 10
    expect(quantileSorted(xs, 0.05)).toBeCloseTo(12, 12);
    // h = 4 · 0.95 = 3.8 → 40 + 0.8 · 10
    expect(quantileSorted(xs, 0.95)).toBeCloseTo(48, 12);
  });

  it('a summary skips runs where the measure is not available', () => {
    const s = summarise([4, null, 1, 3, 2]);
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    // sorted 1 2 3 4: h = 0.15 → 1.15; h = 2.85 → 3.85
    expect(s.low).toBeCloseTo(1.15, 12);
    expect(s.high).toBeCloseTo(3.85, 12);
    expect(summarise([null, null])).toEqual({ n: 0, mean: null, low: null, high: null });
  });

  it('paired differences keep replicates where both runs have a value', () => {
    expect(pairedDifferences([1, 2, null, 4], [2, null, 5, 10])).toEqual([1, null, null, 6]);
    const d = difference([1, 2, 3, 4], [2, 4, 5, 8]); // differences 1 2 2 4
    expect(d.n).toBe(4);
    expect(d.mean).toBe(2.25);
    const { sd } = meanSd([1, 2, 2, 4]); // √((1.5625 + 0.0625 + 0.0625 + 3.0625) / 3) = √(4.75/3)
    expect(sd).toBeCloseTo(Math.sqrt(4.75 / 3), 12);
    expect(d.meanLow).toBeCloseTo(2.25 - (1.645 * sd) / 2, 12);
    expect(d.meanHigh).toBeCloseTo(2.25 + (1.645 * sd) / 2, 12);
  });
});
