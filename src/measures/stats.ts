/**
 * Small statistics for measures: a seeded pseudo-random generator (mulberry32 of src/graph/rng.ts),
 * the mean and sample standard deviation, percentile-bootstrap confidence intervals and Student-t intervals for a mean.
 *
 * Randomness is always passed in: every function that draws takes a seed (or a generator built from
 * one), so the same seed gives the same output on every run and platform. Nothing here reads
 * Math.random or any other global state.
 */
import { mulberry32, type Rng } from '../graph/rng.ts';

/** A source of uniform numbers in [0, 1) (the graph kernels' `Rng`). */
export type Random = Rng;

/**
 * The seeded generator of the statistics: mulberry32 from src/graph/rng.ts (the one RNG module),
 * with the seed checked and truncated to an integer, taken modulo 2³² (so −1 and 4294967295 give
 * the same stream).
 *
 * Cost: O(1) per draw. Example: rng(1)() → 0.6270739405881613 (the first draw of seed 1).
 */
export function rng(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return mulberry32(Math.trunc(seed));
}

/** A uniform integer in [0, n) from a generator. */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/**
 * Arithmetic mean Σx/n; NaN for an empty input (callers turn that into "not available").
 * Example: mean([1, 2, 6]) → 3.
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  return s / n;
}

/**
 * Sample standard deviation with Bessel's correction, √(Σ(x − x̄)² / (n − 1)); NaN when n < 2.
 * Two passes (mean first) for accuracy. Example: sampleSd([2, 4, 4, 4, 5, 5, 7, 9]) → √(32/7) ≈ 2.138.
 */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - m) * (values[i] - m);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Quantile of an ascending-sorted array by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7; R's default): h = (n − 1)p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * NaN for an empty array. Example: quantileSorted([1, 2, 3, 4], 0.5) → 2.5.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (p <= 0) return sorted[0];
  if (p >= 1) return sorted[n - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface BootstrapOptions {
  /** Number of bootstrap resamples B (default 2000). */
  samples?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

export interface Interval {
  /** The statistic on the data itself. */
  estimate: number;
  lower: number;
  upper: number;
}

export interface BootstrapInterval extends Interval {
  /** Resamples whose statistic was finite (non-finite replicates are dropped). */
  samples: number;
  level: number;
}

/**
 * Percentile bootstrap confidence interval (Efron & Tibshirani 1993, *An Introduction to the
 * Bootstrap*, §13.3): draw B resamples of size n with replacement from the values, compute the
 * statistic on each, and take the (1 − level)/2 and (1 + level)/2 quantiles (definition 7, see
 * quantileSorted) of the B replicates. Null when there are no values or no replicate is finite.
 *
 * Cost: O(B·(n + cost of the statistic) + B log B). Deterministic for a given seed.
 * Example: values [0, 1], statistic mean, B = 10 000: replicates are 0, ½ or 1 with probabilities
 * ¼, ½, ¼, so the 2.5 % and 97.5 % quantiles are 0 and 1 → { estimate 0.5, lower 0, upper 1 }.
 */
export function bootstrapCI(
  values: ArrayLike<number>,
  statistic: (sample: Float64Array) => number,
  options: BootstrapOptions = {},
): BootstrapInterval | null {
  const samples = options.samples ?? 2000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(samples) || samples < 1)
    throw new RangeError(`samples must be a positive integer, got ${samples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = values.length;
  if (n === 0) return null;
  const data = Float64Array.from(values as ArrayLike<number>);
  const random = rng(options.seed ?? 1);
  const sample = new Float64Array(n);
  const replicates = new Float64Array(samples);
  let kept = 0;
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < n; i++) sample[i] = data[randomIndex(random, n)];
    const s = statistic(sample);
    if (Number.isFinite(s)) replicates[kept++] = s;
  }
  if (kept === 0) return null;
  const sorted = replicates.subarray(0, kept).sort();
  const alpha = (1 - level) / 2;
  return {
    estimate: statistic(Float64Array.from(data)),
    lower: quantileSorted(sorted, alpha),
    upper: quantileSorted(sorted, 1 - alpha),
    samples: kept,
    level,
  };
}

/**
 * Two-sided 95 % critical values t₀.₉₇₅,ν of Student's t distribution for ν = 1 … 30 degrees of
 * freedom (standard tables, e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2; checked in the tests against
 * the exact finite-series distribution function of Abramowitz & Stegun 26.7.3–4).
 */
export const T_975: readonly number[] = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572,
  2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.100922, 2.0930241,
  2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518307, 2.0484071,
  2.0452296, 2.0422725,
];

/** z₀.₉₇₅, the 97.5 % point of the standard normal distribution. */
export const Z_975 = 1.959963984540054;

/**
 * The 97.5 % point of Student's t with ν degrees of freedom (the critical value of a two-sided 95 %
 * interval). ν ≤ 30: the table T_975. ν > 30: the Cornish–Fisher expansion of Abramowitz & Stegun
 * 26.7.5, t ≈ z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴ with z = z₀.₉₇₅ and
 * g₁ = (z³ + z)/4, g₂ = (5z⁵ + 16z³ + 3z)/96, g₃ = (3z⁷ + 19z⁵ + 17z³ − 15z)/384,
 * g₄ = (79z⁹ + 776z⁷ + 1482z⁵ − 1920z³ − 945z)/92160; its error is below 1e-6 from ν = 30 on.
 * Throws on ν < 1 or a fractional ν. Example: tCritical95(4) → 2.7764451; tCritical95(60) → 2.0002978.
 */
export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  if (df <= T_975.length) return T_975[df - 1];
  const z = Z_975;
  const z2 = z * z;
  const z3 = z2 * z;
  const z5 = z3 * z2;
  const z7 = z5 * z2;
  const z9 = z7 * z2;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

export interface TInterval extends Interval {
  n: number;
  sd: number;
  /** t₀.₉₇₅,n−1 × sd / √n. */
  halfWidth: number;
}

/**
 * Student-t 95 % confidence interval for a mean (Student 1908): x̄ ± t₀.₉₇₅,n−1 · s/√n with s the
 * sample standard deviation. Null when n < 2 (no spread can be estimated). Assumes roughly normal
 * values or a large enough n; for 1–5 survey scores the interval may reach beyond the scale.
 *
 * Cost: O(n). Example: [5, 4, 3, 5] → x̄ 4.25, s = √(2.75/3) ≈ 0.9574, t₀.₉₇₅,₃ = 3.1824463,
 * half-width 3.1824463 × 0.9574 / 2 ≈ 1.5235 → [2.7265, 5.7735].
 */
export function tInterval95(values: ArrayLike<number>): TInterval | null {
  const n = values.length;
  if (n < 2) return null;
  const m = mean(values);
  const sd = sampleSd(values);
  const halfWidth = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return { estimate: m, lower: m - halfWidth, upper: m + halfWidth, n, sd, halfWidth };
}
