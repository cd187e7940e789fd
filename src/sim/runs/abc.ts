/**
 * Calibration by approximate Bayesian computation, rejection sampler (Pritchard et al. 1999;
 * Beaumont, Zhang & Balding 2002, "Approximate Bayesian computation in population genetics",
 * Genetics 162: 2025–2035):
 *
 * 1. draw N parameter vectors θ_i from the prior: independent uniforms over each fitted
 *    parameter's range (its whole range in parameters.ts, or a narrower one the user gives);
 * 2. run the scenario with θ_i once (seed + i) and compute the chosen measures s_i;
 * 3. distance d_i = √Σ_m ((s_im − s_obs,m) / scale_m)², each measure scaled by its median absolute
 *    deviation over the N runs (its standard deviation when the MAD is 0), so that measures in
 *    different units weigh alike; a run where a measure is not available is never accepted;
 * 4. keep the fraction Q of runs closest to the observation: the accepted θ's are a sample of the
 *    approximate posterior p(θ | d(s, s_obs) ≤ ε), ε the Q-quantile of the distances.
 *
 * With `rounds` > 1 the rejection step is repeated as sequential ABC (population Monte Carlo,
 * smc.ts): each round draws from the previous round's weighted particles instead of the prior,
 * keeps the same fraction, and so lowers the tolerance where the posterior is.
 *
 * 5. by default, adjust the accepted θ's by local-linear regression on the measures (Beaumont et
 *    al. 2002; regression-adjustment.ts), which corrects for the accepted runs not matching the
 *    observation exactly and narrows the posterior for the same number of runs.
 *
 * The posterior of each parameter is reported as mean, median and 90% interval (5% and 95%
 * quantiles of the accepted, adjusted, kernel-weighted values); the fit of each measure as the
 * observed value beside the accepted runs' mean and 5–95% interval.
 */

import { UsageError } from '../../errors.ts';
import { mulberry32 } from '../../graph/rng.ts';
import { MILIEU_VERSION } from '../../version.ts';
import type { Scenario } from '../scenario.ts';
import { type RunsOptions, type ScenarioRecord, scenarioRecord } from './ensemble.ts';
import { checkMeasures } from './indicators.ts';
import { type Range, withParameters } from './parameter-space.ts';
import { checkWorkers, runTasks } from './pool.ts';
import { adjust, weightedQuantile } from './regression-adjustment.ts';
import { importanceWeights, type Particles, propose, stepSizes } from './smc.ts';
import { quantileSorted, summarise } from './stats.ts';

export interface CalibrateOptions extends Omit<RunsOptions, 'replicates' | 'measures'> {
  /** The parameters to fit and their prior ranges (parseRange gives a parameter's whole range). */
  fit: readonly Range[];
  /** The measures compared (indicator names), at least one. */
  measures: readonly string[];
  /** Their observed values, in the same order (null is refused: the target must have every measure). */
  observed: readonly (number | null)[];
  /** Draws from the prior (default 1000). */
  samples?: number;
  /** Fraction of draws accepted, in (0, 1] (default 0.1). */
  accept?: number;
  /** Regression adjustment of the accepted draws (default true). */
  adjust?: boolean;
  /**
   * Rounds (default 1: rejection). Each later round draws `samples` from the previous round's
   * accepted particles (ABC-PMC, smc.ts) and keeps the same fraction, so the tolerance shrinks.
   */
  rounds?: number;
}

export interface PosteriorRow {
  parameter: string;
  prior: { min: number; max: number };
  mean: number;
  median: number;
  /** 5% quantile of the accepted values (lower end of the 90% interval). */
  low: number;
  /** 95% quantile. */
  high: number;
}

export interface FitRow {
  measure: string;
  observed: number;
  /** The scale the measure's differences were divided by. */
  scale: number;
  /** The accepted runs' values: mean and 5–95% interval. */
  mean: number | null;
  low: number | null;
  high: number | null;
}

export interface CalibrationResult {
  manifest: {
    kind: 'calibration';
    method: string;
    milieuVersion: string;
    /** Draws per round. */
    samples: number;
    rounds: number;
    accept: number;
    accepted: number;
    /** The largest accepted distance of each round. */
    tolerances: number[];
    /** All draws come from mulberry32(seed); draw i of round t runs with seed + t · samples + i. */
    firstSeed: number;
    lastSeed: number;
    measures: string[];
    scenario: ScenarioRecord;
    priors: Range[];
  };
  /** The largest accepted distance (ε). */
  tolerance: number;
  posterior: PosteriorRow[];
  fit: FitRow[];
  /** The accepted draws (parameter values, adjusted ones too when adjusted) and their distances, closest first. */
  draws: {
    parameters: Record<string, number>;
    /** Importance weight (equal after one round). */
    weight: number;
    adjusted?: Record<string, number>;
    distance: number;
  }[];
}

/** Median absolute deviation from the median (unscaled). */
function mad(xs: readonly number[]): number {
  const sorted = Float64Array.from(xs).sort();
  const median = quantileSorted(sorted, 0.5);
  const dev = Float64Array.from(xs, (x) => Math.abs(x - median)).sort();
  return quantileSorted(dev, 0.5);
}

function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

export async function calibrate(scenario: Scenario, options: CalibrateOptions): Promise<CalibrationResult> {
  const samples = options.samples ?? 1000;
  const accept = options.accept ?? 0.1;
  if (!Number.isInteger(samples) || samples < 2)
    throw new UsageError('sim', `invalid number of samples: ${samples} (expected a whole number ≥ 2)`);
  if (!(accept > 0 && accept <= 1))
    throw new UsageError('sim', `invalid acceptance fraction: ${accept} (expected a number in (0, 1])`);
  if (options.fit.length === 0) throw new UsageError('sim', 'nothing to fit: name at least one parameter');
  const names = options.fit.map((r) => r.name);
  if (new Set(names).size !== names.length)
    throw new UsageError('sim', 'a parameter is named twice in the fit');
  if (options.measures.length === 0) throw new UsageError('sim', 'calibration needs at least one measure');
  const measures = checkMeasures(options.measures);
  if (measures.length !== options.measures.length) throw new UsageError('sim', 'a measure is named twice');
  if (options.observed.length !== measures.length)
    throw new UsageError('sim', `${options.observed.length} observed values for ${measures.length} measures`);
  const missing = measures.filter(
    (_, m) => options.observed[m] === null || !Number.isFinite(options.observed[m]),
  );
  if (missing.length > 0)
    throw new UsageError('sim', `the target has no value for ${missing.join(', ')}: choose measures it has`);
  const observed = options.observed as number[];
  const seed = options.seed ?? 1;

  const rounds = options.rounds ?? 1;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20)
    throw new UsageError('sim', `invalid number of rounds: ${rounds} (expected a whole number from 1 to 20)`);
  if (seed + rounds * samples - 1 > 0xffffffff)
    throw new UsageError(
      'sim',
      `invalid seed: ${seed} (seed + rounds · samples − 1 must be at most 4294967295)`,
    );
  const keepCount = Math.max(1, Math.round(accept * samples));
  const rng = mulberry32(seed);
  const ranges = options.fit;
  let scales: number[] = [];
  let particles: Particles | null = null;
  let kept: { point: number[]; values: (number | null)[]; distance: number }[] = [];
  const tolerances: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // round 0 draws from the prior; later rounds from the previous round's particles (smc.ts)
    const previous: Particles | null = particles;
    const sigma = previous ? stepSizes(previous, ranges) : [];
    const points: number[][] = Array.from({ length: samples }, (): number[] =>
      previous ? propose(previous, sigma, ranges, rng) : ranges.map((r) => r.min + (r.max - r.min) * rng()),
    );
    const { values } = await runDraws(
      points.map((p) => withParameters(scenario, pointRecord(ranges, p))),
      seed + round * samples,
      measures,
      options,
      round * samples,
      rounds * samples,
    );
    // the scales are fixed by the prior's runs, so every round measures distance alike
    if (round === 0) scales = measureScales(values, measures.length);
    const distances = values.map((v) => distance(v, observed, scales));
    const order = distances.map((_, i) => i).sort((a, b) => distances[a] - distances[b] || a - b);
    const keep = order.slice(0, keepCount).filter((i) => Number.isFinite(distances[i]));
    if (keep.length === 0)
      throw new UsageError(
        'sim',
        'no run gave every chosen measure: choose measures the simulated runs have',
      );
    const weights: number[] = previous
      ? importanceWeights(
          keep.map((i) => points[i]),
          previous,
          sigma,
          ranges,
        )
      : keep.map(() => 1 / keep.length);
    particles = { points: keep.map((i) => points[i]), weights };
    kept = keep.map((i) => ({ point: points[i], values: values[i], distance: distances[i] }));
    tolerances.push(distances[keep[keep.length - 1]]);
  }
  const final = particles as Particles;

  const adjusting = options.adjust ?? true;
  const tolerance = tolerances[tolerances.length - 1];
  const x = kept.map((k) => measures.map((_, m) => ((k.values[m] as number) - observed[m]) / scales[m]));
  const accepted = ranges.map((range, k) => {
    const raw = kept.map((d) => d.point[k]);
    return adjusting
      ? adjust(
          raw,
          x,
          kept.map((d) => d.distance),
          tolerance,
          range,
          final.weights,
        )
      : { values: raw, weights: final.weights };
  });
  const posterior = ranges.map((range, k) => {
    const { values: xs, weights: ws } = accepted[k];
    const total = ws.reduce((a, b) => a + b, 0);
    return {
      parameter: range.name,
      prior: { min: range.min, max: range.max },
      mean: xs.reduce((a, v, i) => a + v * ws[i], 0) / total,
      median: weightedQuantile(xs, ws, 0.5),
      low: weightedQuantile(xs, ws, 0.05),
      high: weightedQuantile(xs, ws, 0.95),
    };
  });
  const fit = measures.map((measure, m) => {
    const s = summarise(kept.map((d) => d.values[m]));
    return { measure, observed: observed[m], scale: scales[m], mean: s.mean, low: s.low, high: s.high };
  });
  const base = rounds > 1 ? `sequential ABC (population Monte Carlo, ${rounds} rounds)` : 'rejection ABC';
  return {
    manifest: {
      kind: 'calibration',
      method: adjusting ? `${base} with local-linear regression adjustment` : base,
      milieuVersion: MILIEU_VERSION,
      samples,
      rounds,
      accept,
      accepted: kept.length,
      firstSeed: seed,
      lastSeed: seed + rounds * samples - 1,
      measures,
      scenario: scenarioRecord(scenario, scenario.name, options.years),
      priors: ranges.map((r) => ({ ...r })),
      tolerances,
    },
    tolerance,
    posterior,
    fit,
    draws: kept.map((d, j) => ({
      parameters: pointRecord(ranges, d.point),
      weight: final.weights[j],
      ...(adjusting
        ? { adjusted: Object.fromEntries(ranges.map((r, k) => [r.name, accepted[k].values[j]])) }
        : {}),
      distance: d.distance,
    })),
  };
}

function pointRecord(ranges: readonly Range[], point: readonly number[]): Record<string, number> {
  return Object.fromEntries(ranges.map((r, k) => [r.name, point[k]]));
}

/** Each measure's scale: its median absolute deviation over the runs, else its sd, else 1. */
function measureScales(values: readonly (number | null)[][], count: number): number[] {
  return Array.from({ length: count }, (_, m) => {
    const xs = values.map((v) => v[m]).filter((x): x is number => x !== null && Number.isFinite(x));
    const s = mad(xs);
    return s > 0 ? s : sd(xs) > 0 ? sd(xs) : 1;
  });
}

/** √Σ ((s_m − s_obs,m) / scale_m)²; infinite when a measure is not available in the run. */
function distance(
  values: readonly (number | null)[],
  observed: readonly number[],
  scales: readonly number[],
): number {
  let sum = 0;
  for (let m = 0; m < observed.length; m++) {
    const x = values[m];
    if (x === null || !Number.isFinite(x)) return Number.POSITIVE_INFINITY;
    sum += ((x - observed[m]) / scales[m]) ** 2;
  }
  return Math.sqrt(sum);
}

/** Runs draw i of a round with seed + i: one run per draw, each with its own seed. */
async function runDraws(
  scenarios: readonly Scenario[],
  seed: number,
  measures: string[],
  options: CalibrateOptions,
  doneBefore: number,
  total: number,
): Promise<{ values: (number | null)[][] }> {
  const onProgress = options.onProgress;
  const results = await runTasks(
    scenarios.map((scenario, i) => ({
      scenario,
      seed: seed + i,
      measures,
      ...(options.years ? { years: options.years } : {}),
    })),
    {
      workers: checkWorkers(options.workers),
      ...(onProgress ? { onDone: (done: number) => onProgress(doneBefore + done, total) } : {}),
    },
  );
  return { values: results.map((r) => r.values) };
}
