/**
 * The small statistics of ensembles, sweeps and calibration: a sample's mean and 5–95% interval
 * (empirical quantiles, linear interpolation between order statistics: Hyndman & Fan 1996, type 7,
 * the default of R and numpy), and the paired difference of two samples drawn with common random
 * numbers (replicate r of both scenarios ran with the same seed).
 */

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, type 7: x[h] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)q. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** A distribution over replicates: how many replicates gave a value, their mean and 5–95% interval. */
export interface Summary {
  /** Replicates with a value (a measure can be "not available" in some runs). */
  n: number;
  mean: number | null;
  /** 5% quantile. */
  low: number | null;
  /** 95% quantile. */
  high: number | null;
}

/** Mean and [lowQ, highQ] quantiles of the values that are not null (nulls are skipped and not counted). */
export function summarise(values: readonly (number | null)[], lowQ = 0.05, highQ = 0.95): Summary {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return { n: 0, mean: null, low: null, high: null };
  const sorted = Float64Array.from(xs).sort();
  let sum = 0;
  for (const x of xs) sum += x;
  return {
    n: xs.length,
    mean: sum / xs.length,
    low: quantileSorted(sorted, lowQ),
    high: quantileSorted(sorted, highQ),
  };
}

/**
 * b_r − a_r for every replicate r where both have a value (null elsewhere). With common random
 * numbers the two runs share their random streams, so the noise common to both cancels and the
 * spread of the differences is smaller than that of two independent runs' difference.
 */
export function pairedDifferences(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): (number | null)[] {
  return b.map((v, r) => (v === null || a[r] === null || a[r] === undefined ? null : v - (a[r] as number)));
}

/** Sample mean and standard deviation (n − 1 in the denominator) of the values that are not null. */
export function meanSd(values: readonly (number | null)[]): { n: number; mean: number; sd: number } {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}
