/**
 * Beaumont, Zhang & Balding's (2002) local-linear regression adjustment of an ABC rejection sample.
 * The accepted draws are weighted by the Epanechnikov kernel of their distance,
 * w_i = 1 − (d_i / ε)², and each parameter is regressed (weighted least squares) on the differences
 * between the run's measures and the observed ones, x_i = (s_i − s_obs) / scale:
 * θ_i = α + βᵀx_i + e_i. The adjusted value θ*_i = θ_i − βᵀx_i is what θ_i would have been had the
 * run matched the observation exactly, to first order. As Beaumont et al. suggest for bounded
 * parameters, the regression is done on the logit of the parameter's position in its prior range,
 * so adjusted values stay inside the range.
 */

/** Solves A x = b (n × n, row-major) by Gaussian elimination with partial pivoting; null when singular. */
export function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[pivot * n + c])) pivot = r;
    if (Math.abs(m[pivot * n + c]) < 1e-12) return null;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[pivot * n + k]] = [m[pivot * n + k], m[c * n + k]];
      [x[c], x[pivot]] = [x[pivot], x[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let k = r + 1; k < n; k++) s -= m[r * n + k] * x[k];
    x[r] = s / m[r * n + r];
  }
  return x;
}

/**
 * Weighted least squares of y on [1, x]: the coefficients (intercept first), or null when the
 * design is singular (e.g. fewer accepted draws with weight than coefficients).
 */
export function weightedLeastSquares(
  x: readonly (readonly number[])[],
  y: readonly number[],
  w: readonly number[],
): Float64Array | null {
  const p = (x[0]?.length ?? 0) + 1;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < y.length; i++) {
    const row = [1, ...x[i]];
    for (let a = 0; a < p; a++) {
      xty[a] += w[i] * row[a] * y[i];
      for (let b = 0; b < p; b++) xtx[a * p + b] += w[i] * row[a] * row[b];
    }
  }
  return solve(xtx, xty, p);
}

const EDGE = 1e-9;
const logit = (t: number, min: number, max: number) => {
  const u = Math.min(1 - EDGE, Math.max(EDGE, (t - min) / (max - min)));
  return Math.log(u / (1 - u));
};
const inverseLogit = (z: number, min: number, max: number) => min + (max - min) / (1 + Math.exp(-z));

/**
 * The adjusted values of one parameter for the accepted draws (same order), and the kernel weights.
 * `x` holds each draw's scaled differences, `distances` its distance, `tolerance` ε, `base` the
 * draws' importance weights (default equal). When every weight is 0 or the regression is singular,
 * the values are returned unadjusted with their base weights.
 */
export function adjust(
  values: readonly number[],
  x: readonly (readonly number[])[],
  distances: readonly number[],
  tolerance: number,
  range: { min: number; max: number },
  base?: readonly number[],
): { values: number[]; weights: number[] } {
  // kernel weights, times the draws' importance weights when they come from a proposal (smc.ts)
  const weights = distances.map(
    (d, i) => (tolerance > 0 ? Math.max(0, 1 - (d / tolerance) ** 2) : 1) * (base ? base[i] : 1),
  );
  const z = values.map((t) => logit(t, range.min, range.max));
  const beta = range.max > range.min ? weightedLeastSquares(x, z, weights) : null;
  if (beta === null || weights.every((w) => w === 0))
    return { values: [...values], weights: values.map(() => 1) };
  const adjusted = z.map((zi, i) => {
    let shift = 0;
    for (let k = 0; k < x[i].length; k++) shift += beta[k + 1] * x[i][k];
    return inverseLogit(zi - shift, range.min, range.max);
  });
  return { values: adjusted, weights };
}

/**
 * The q-quantile of weighted values: the smallest value whose cumulative weight share reaches q
 * (interpolated between neighbours at the midpoints of their weights).
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values
    .map((_, i) => i)
    .filter((i) => weights[i] > 0)
    .sort((a, b) => values[a] - values[b]);
  const total = order.reduce((s, i) => s + weights[i], 0);
  if (order.length === 0 || total === 0) return Number.NaN;
  // the midpoint of each value's weight is its position on [0, 1]
  let cum = 0;
  const pos = order.map((i) => {
    const p = (cum + weights[i] / 2) / total;
    cum += weights[i];
    return p;
  });
  if (q <= pos[0]) return values[order[0]];
  for (let k = 1; k < order.length; k++)
    if (q <= pos[k]) {
      const f = (q - pos[k - 1]) / (pos[k] - pos[k - 1]);
      return values[order[k - 1]] + f * (values[order[k]] - values[order[k - 1]]);
    }
  return values[order[order.length - 1]];
}
