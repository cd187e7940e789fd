/**
 * Logistic regression by Newton's method (iteratively reweighted least squares) with a small ridge
 * penalty, for fitting the bridging model's weights on an earlier split (model.ts). Small and
 * dependency-free: p ≤ 20 features, rows in one Float64Array.
 *
 * Model: P(y = 1 | x) = σ(β₀ + βᵀx), σ(t) = 1 / (1 + e^(−t)). Each feature is standardised
 * (mean 0, sd 1) for the fit and the coefficients are mapped back to the original units; a feature
 * with no variance gets β = 0. Newton step on the penalised log-likelihood
 * ℓ(β) − (λ/2)‖β‖² (intercept unpenalised): β ← β + (XᵀWX + λI)⁻¹ (Xᵀ(y − p) − λβ), W = diag(p(1 − p)),
 * until the step is below 1e-10 or 50 iterations (Hastie, Tibshirani & Friedman, "The Elements of
 * Statistical Learning", 2nd ed., 2009, §4.4).
 */

export interface LogisticFit {
  intercept: number;
  beta: Float64Array;
  iterations: number;
  logLikelihood: number;
}

/** x: rows × p features row-major; y: 0/1 outcomes. */
export function fitLogistic(x: Float64Array, y: Uint8Array, p: number, lambda = 1e-3): LogisticFit {
  const n = y.length;
  if (x.length !== n * p) throw new RangeError(`x has ${x.length} values, expected ${n} × ${p}`);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += x[i * p + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) sd[j] += (x[i * p + j] - mean[j]) ** 2 / n;
  // a constant column's computed sd is rounding noise, not variance: treat it as none
  for (let j = 0; j < p; j++)
    sd[j] = Math.sqrt(sd[j]) > 1e-9 * Math.max(1, Math.abs(mean[j])) ? Math.sqrt(sd[j]) : 0;
  const q = p + 1; // intercept first
  const b = new Float64Array(q);
  const z = new Float64Array(q);
  const h = new Float64Array(q * q);
  const g = new Float64Array(q);
  let iterations = 0;
  let ll = 0;
  for (; iterations < 50; iterations++) {
    h.fill(0);
    g.fill(0);
    ll = 0;
    for (let i = 0; i < n; i++) {
      z[0] = 1;
      for (let j = 0; j < p; j++) z[j + 1] = sd[j] > 0 ? (x[i * p + j] - mean[j]) / sd[j] : 0;
      let t = 0;
      for (let j = 0; j < q; j++) t += b[j] * z[j];
      const pr = 1 / (1 + Math.exp(-t));
      ll += y[i] ? Math.log(pr + 1e-300) : Math.log(1 - pr + 1e-300);
      const w = pr * (1 - pr);
      const r = y[i] - pr;
      for (let a = 0; a < q; a++) {
        g[a] += z[a] * r;
        const wa = w * z[a];
        for (let c = a; c < q; c++) h[a * q + c] += wa * z[c];
      }
    }
    for (let a = 0; a < q; a++) for (let c = 0; c < a; c++) h[a * q + c] = h[c * q + a];
    for (let a = 1; a < q; a++) {
      h[a * q + a] += lambda * n;
      g[a] -= lambda * n * b[a];
    }
    const step = solve(h, g, q);
    let size = 0;
    for (let a = 0; a < q; a++) {
      b[a] += step[a];
      size = Math.max(size, Math.abs(step[a]));
    }
    if (size < 1e-10) break;
  }
  const beta = new Float64Array(p);
  let intercept = b[0];
  for (let j = 0; j < p; j++) {
    if (sd[j] === 0) continue;
    beta[j] = b[j + 1] / sd[j];
    intercept -= beta[j] * mean[j];
  }
  return { intercept, beta, iterations: iterations + 1, logLikelihood: ll };
}

/** Solves the symmetric positive definite system A s = g (Cholesky; A is q × q, overwritten). */
function solve(a: Float64Array, g: Float64Array, q: number): Float64Array {
  const l = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * q + j];
      for (let k = 0; k < j; k++) s -= l[i * q + k] * l[j * q + k];
      l[i * q + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * q + j];
    }
  }
  const y = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= l[i * q + k] * y[k];
    y[i] = s / l[i * q + i];
  }
  const x = new Float64Array(q);
  for (let i = q - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < q; k++) s -= l[k * q + i] * x[k];
    x[i] = s / l[i * q + i];
  }
  return x;
}
