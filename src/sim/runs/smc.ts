/**
 * The population Monte Carlo step of sequential ABC (ABC-PMC: Beaumont, Cornuet, Marin & Robert
 * 2009, Biometrika 96: 983–990; the sequential idea from Sisson, Fan & Tanaka 2007, PNAS 104:
 * 1760–1765). The particles of one round (parameter vectors with weights) become the proposal of
 * the next: pick particle j with probability w_j, move each parameter by a normal step of variance
 * twice the particles' weighted variance (Beaumont et al.'s choice), truncated to the prior range.
 * A new draw θ gets the importance weight π(θ) / q(θ) with π the uniform prior and
 * q(θ) = Σ_j w_j Π_k φ((θ_k − θ_jk)/σ_k) / (σ_k Z_jk), Z_jk the mass of the step's normal inside
 * the range, so that the weighted particles sample the ABC posterior of the round's tolerance.
 */
import type { Rng } from '../../graph/rng.ts';
import type { Range } from './parameter-space.ts';

/** Particles: parameter values (points[i][k] for the k-th range) and their normalised weights. */
export interface Particles {
  points: number[][];
  weights: number[];
}

/** The standard normal CDF, through erf (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function standardNormal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** The steps' standard deviations: √(2 · weighted variance) per parameter (a tiny floor keeps them positive). */
export function stepSizes(particles: Particles, ranges: readonly Range[]): number[] {
  return ranges.map((range, k) => {
    let mean = 0;
    for (let i = 0; i < particles.points.length; i++) mean += particles.weights[i] * particles.points[i][k];
    let variance = 0;
    for (let i = 0; i < particles.points.length; i++)
      variance += particles.weights[i] * (particles.points[i][k] - mean) ** 2;
    return Math.max(Math.sqrt(2 * variance), 1e-6 * (range.max - range.min || 1));
  });
}

/** One draw from the proposal: a particle chosen by weight, moved by a truncated normal step. */
export function propose(
  particles: Particles,
  sigma: readonly number[],
  ranges: readonly Range[],
  rng: Rng,
): number[] {
  const u = rng();
  let j = 0;
  for (let c = particles.weights[0]; c < u && j < particles.weights.length - 1; c += particles.weights[++j]);
  return ranges.map((range, k) => {
    // redraw until inside the range (the truncation q accounts for); the mass inside is never tiny
    // because the step's centre, a particle, is inside the range
    for (let tries = 0; tries < 1000; tries++) {
      const v = particles.points[j][k] + sigma[k] * standardNormal(rng);
      if (v >= range.min && v <= range.max) return v;
    }
    return particles.points[j][k];
  });
}

/** Importance weights π(θ)/q(θ) of new draws under the proposal built from `previous`, normalised. */
export function importanceWeights(
  draws: readonly number[][],
  previous: Particles,
  sigma: readonly number[],
  ranges: readonly Range[],
): number[] {
  // Z_jk: the mass of particle j's step inside the range, per parameter
  const mass = previous.points.map((p) =>
    ranges.map((r, k) => normalCdf((r.max - p[k]) / sigma[k]) - normalCdf((r.min - p[k]) / sigma[k])),
  );
  const raw = draws.map((theta) => {
    let q = 0;
    for (let j = 0; j < previous.points.length; j++) {
      let density = previous.weights[j];
      for (let k = 0; k < ranges.length; k++) {
        const z = (theta[k] - previous.points[j][k]) / sigma[k];
        density *= Math.exp(-0.5 * z * z) / (sigma[k] * Math.sqrt(2 * Math.PI) * mass[j][k]);
      }
      q += density;
    }
    return q > 0 ? 1 / q : 0;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}
