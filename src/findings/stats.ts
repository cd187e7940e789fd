/**
 * The tests behind the findings: the normal distribution, Wilson score intervals and the score test
 * of a proportion, two one-sided tests (TOST) for equivalence of a proportion, the exact conditional
 * test of two Poisson rates, two-proportion z-tests, and seeded bootstrap and permutation
 * procedures over units. Randomness comes only from src/graph/rng.ts (through
 * src/measures/stats.ts), always from a seed, so a verdict is the same on every run.
 */
import { randomIndex, rng } from '../measures/stats.ts';

/**
 * Standard normal distribution function Φ(z), from the complementary error function by the
 * rational approximation of Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), Φ(z) = ½ erfc(−z/√2).
 * Example: normalCdf(1.959964) ≈ 0.975.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * The p-quantile of the standard normal distribution, by bisection on normalCdf (60 halvings of
 * [−10, 10]: far below normalCdf's own error). Example: normalQuantile(0.95) ≈ 1.6449.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Bounds {
  low: number;
  high: number;
}

/**
 * Wilson score interval of a proportion x/n (Wilson 1927; Agresti & Coull 1998): with z the
 * (1 + level)/2 normal quantile, centre (x + z²/2)/(n + z²) ± z/(n + z²) · √(x(n − x)/n + z²/4).
 * It is the set of p0 the score test does not reject, so it never leaves [0, 1] and is sensible at
 * x = 0. Example: 3 of 10 at 95 % → [0.1078, 0.6032].
 */
export function wilson(x: number, n: number, level = 0.95): Bounds {
  if (n <= 0) return { low: Number.NaN, high: Number.NaN };
  const z = normalQuantile((1 + level) / 2);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  // at x = 0 (x = n) the bound is exactly 0 (1); rounding would leave a hair above (below) it
  return { low: x === 0 ? 0 : Math.max(0, centre - half), high: x === n ? 1 : Math.min(1, centre + half) };
}

/**
 * One-sided score test of a proportion against p0: z = (x − n·p0)/√(n·p0(1 − p0)); the p-value of
 * "p > p0" is 1 − Φ(z), of "p < p0" Φ(z). Example: 60 of 100 against ½ → z = 2, p(greater) ≈ 0.0228.
 */
export function proportionTest(x: number, n: number, p0: number, direction: 'greater' | 'less'): number {
  if (n <= 0) return Number.NaN;
  const z = (x - n * p0) / Math.sqrt(n * p0 * (1 - p0));
  return direction === 'greater' ? 1 - normalCdf(z) : normalCdf(z);
}

export interface Equivalence extends Bounds {
  /** TOST p-value: the larger of the two one-sided p-values. */
  pValue: number;
  /** The interval of the two one-sided tests: a (1 − 2α) Wilson interval. */
  level: number;
}

/**
 * Two one-sided tests (Schuirmann 1987) for a proportion being within p0 ± margin: score tests of
 * "p > p0 − margin" and "p < p0 + margin"; the TOST p-value is the larger of the two. Equivalence
 * at α holds exactly when the (1 − 2α) Wilson interval lies inside [p0 − margin, p0 + margin],
 * which is the interval returned. Example: 170 of 1000 against 0.17 ± 0.05 → p ≈ 6.8e-5 (the lower test; 90 % interval [0.1514, 0.1904]).
 */
export function tostProportion(x: number, n: number, p0: number, margin: number, alpha = 0.05): Equivalence {
  const lower = proportionTest(x, n, p0 - margin, 'greater');
  const upper = proportionTest(x, n, p0 + margin, 'less');
  return { ...wilson(x, n, 1 - 2 * alpha), pValue: Math.max(lower, upper), level: 1 - 2 * alpha };
}

/**
 * Upper tail P(X ≥ k) of the binomial distribution Bin(n, p), summed exactly in log space (the
 * probability mass function by its ratio recursion, then log-sum-exp) so large n do not underflow.
 * Example: P(X ≥ 8 | 10, ½) = 56/1024 ≈ 0.0547.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let logPmf = n * lq; // log P(X = 0)
  const terms: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j >= k) terms.push(logPmf);
    logPmf += Math.log((n - j) / (j + 1)) + lp - lq;
  }
  terms.push(logPmf); // j = n
  const top = Math.max(...terms);
  let s = 0;
  for (const t of terms) s += Math.exp(t - top);
  return Math.min(1, Math.exp(top) * s);
}

/**
 * Exact conditional test of two Poisson rates (Przyborowski & Wileński 1940): given a + b events in
 * exposures ta and tb, a ~ Bin(a + b, ta/(ta + tb)) under equal rates; the p-value of "rate A >
 * rate B" is P(X ≥ a). The effect is the rate ratio (a/ta)/(b/tb), with a Wald interval on its
 * logarithm, exp(ln RR ± z·√(1/a + 1/b)) (null when a or b is 0). Example: 30 births in 6 years
 * against 8 in 4 → RR 2.5, p = P(X ≥ 30 | 38, 0.6) ≈ 0.0110.
 */
export function poissonRateTest(
  a: number,
  ta: number,
  b: number,
  tb: number,
  level = 0.95,
): { ratio: number; low: number | null; high: number | null; pValue: number } {
  const ratio = b === 0 ? (a === 0 ? Number.NaN : Number.POSITIVE_INFINITY) : a / ta / (b / tb);
  const pValue = binomialUpperTail(a, a + b, ta / (ta + tb));
  if (a === 0 || b === 0) return { ratio, low: null, high: null, pValue };
  const z = normalQuantile((1 + level) / 2);
  const se = Math.sqrt(1 / a + 1 / b);
  return { ratio, low: ratio * Math.exp(-z * se), high: ratio * Math.exp(z * se), pValue };
}

/**
 * Difference of two proportions x1/n1 − x2/n2: the pooled two-proportion z-test (one-sided, "first
 * larger") and a Newcombe (1998, method 10) interval from the two Wilson intervals.
 * Example: 30/50 − 20/50 = 0.2, z = 2.0, p ≈ 0.0228.
 */
export function twoProportions(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  level = 0.95,
): { difference: number; low: number; high: number; pValue: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const difference = p1 - p2;
  const pValue = se === 0 ? (difference > 0 ? 0 : 1) : 1 - normalCdf(difference / se);
  const w1 = wilson(x1, n1, level);
  const w2 = wilson(x2, n2, level);
  const low = difference - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const high = difference + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  return { difference, low, high, pValue };
}

export interface ResampleOptions {
  seed: number;
  /** Resamples (default 1000). */
  samples?: number;
  level?: number;
}

/**
 * Percentile bootstrap over units (Efron & Tibshirani 1993, §13.3): B resamples of the n unit
 * indices with replacement, the statistic on each, the (1 − level)/2 and (1 + level)/2 quantiles
 * (R's type 7) of the finite replicates. For statistics that are not a function of one value per
 * unit (ratios of sums, entropies, two-group contrasts). Null when no replicate is finite.
 */
export function bootstrapUnits(
  n: number,
  statistic: (units: Int32Array) => number,
  options: ResampleOptions,
): (Bounds & { replicates: Float64Array }) | null {
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  const random = rng(options.seed);
  const units = new Int32Array(n);
  const reps: number[] = [];
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < n; i++) units[i] = randomIndex(random, n);
    const s = statistic(units);
    if (Number.isFinite(s)) reps.push(s);
  }
  if (reps.length === 0) return null;
  reps.sort((x, y) => x - y);
  const q = (p: number) => {
    const h = (reps.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, reps.length - 1);
    return reps[lo] + (h - lo) * (reps[hi] - reps[lo]);
  };
  return { low: q((1 - level) / 2), high: q((1 + level) / 2), replicates: Float64Array.from(reps) };
}

/**
 * One-sided percentile-bootstrap p-value of "the statistic is above `at`": (1 + #{replicates ≤ at})
 * / (B + 1). It is below α/2 exactly when the two-sided (1 − α) percentile interval lies above `at`
 * (up to the interpolation of the quantile).
 */
export function bootstrapPValue(replicates: Float64Array, at = 0): number {
  let below = 0;
  for (let i = 0; i < replicates.length; i++) if (replicates[i] <= at) below++;
  return (1 + below) / (replicates.length + 1);
}

/**
 * One-sided Monte Carlo permutation p-value (Phipson & Smyth 2010): (1 + #{permuted ≥ observed}) /
 * (B + 1), where each permuted statistic is computed on a fresh Fisher–Yates shuffle of `labels`
 * (shuffled in place; pass a copy). Never 0, so it is a valid p-value for any B.
 */
export function permutationPValue(
  observed: number,
  labels: Int32Array | Float64Array | Uint8Array,
  statistic: (labels: Int32Array | Float64Array | Uint8Array) => number,
  options: ResampleOptions,
): number {
  const samples = options.samples ?? 1000;
  const random = rng(options.seed);
  let atLeast = 0;
  for (let b = 0; b < samples; b++) {
    for (let i = labels.length - 1; i > 0; i--) {
      const j = randomIndex(random, i + 1);
      const t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    if (statistic(labels) >= observed - 1e-12) atLeast++;
  }
  return (1 + atLeast) / (samples + 1);
}
