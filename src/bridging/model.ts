/**
 * The score of a candidate pair: a linear model over transformed components,
 *
 *   score(u, v) = β₀ + Σ_j β_j x_j(u, v)
 *
 * with x = (ln(1 + CN), AA, RA, ln(1 + shared consortia), sector, programme, sameNuts3, bothInside, sameCountry,
 * complementarity, openness, activity) — the components of components.ts, the common-partner count
 * on a log scale (the tenth shared partner says less than the first), and an unknown (NaN) sector,
 * NUTS-3 or country counted as 0 ("not known to be the same"). β_j x_j is the component's
 * contribution, shown beside every recommendation.
 *
 * Two sets of weights: `hand`, set by judgment before looking at any outcome (closure first, then
 * shared programmes, then place and kinds), and `fitted`, a logistic regression (logistic.ts) fitted
 * on the T = 2016 split of the H2020 data (pairs of the ten study clusters untied at the end of 2016;
 * outcome: a first co-participation in a project starting in 2017) and then frozen; its score is the
 * log-odds of a new tie. `bench/bridging.ts --fit` refits and prints the coefficients pasted here;
 * docs/bridging.md reports both models on the T = 2017 hold-out and why `fitted` is the default.
 */
import { COMPONENTS, type Component, type ComponentValues } from './components.ts';

export const MODEL_NAMES = ['fitted', 'hand'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface Weights {
  intercept: number;
  /** β of each component, in the units of its transformed value x_j. */
  beta: Record<Component, number>;
}

/** The transformed value x_j of a component value (see the module comment). */
export function feature(component: Component, value: number): number {
  if (Number.isNaN(value)) return 0;
  return component === 'commonPartners' || component === 'sharedConsortia' ? Math.log1p(value) : value;
}

export const HAND_WEIGHTS: Weights = {
  intercept: 0,
  beta: {
    commonPartners: 1,
    adamicAdar: 0.5,
    resourceAllocation: 2,
    sharedConsortia: 0.5,
    sector: 0.5,
    programme: 1.5,
    sameNuts3: 0.5,
    bothInside: 0.5,
    sameCountry: 0.5,
    complementarity: 0.5,
    openness: 0.3,
    activity: 0.3,
  },
};

/**
 * Fitted on T = 2016 → 2017 (bench/bridging.ts prints these), then frozen. bothInside and
 * sameCountry are 1 for every pair inside a cluster, so the fit cannot weigh them (β = 0); sector is 0
 * because the H2020 files carry no NACE codes.
 */
export const FITTED_WEIGHTS: Weights = {
  intercept: -10.7671,
  beta: {
    commonPartners: 0.712975,
    adamicAdar: -0.329639,
    resourceAllocation: 6.53954,
    sharedConsortia: 1.62311,
    sector: 0,
    programme: 1.31412,
    sameNuts3: 0.715803,
    bothInside: 0,
    sameCountry: 0,
    complementarity: -0.270786,
    openness: 0.191703,
    activity: 0.579796,
  },
};

export function weightsOf(model: ModelName | Weights): Weights {
  if (typeof model !== 'string') return model;
  return model === 'hand' ? HAND_WEIGHTS : FITTED_WEIGHTS;
}

/** The score of every candidate: β₀ + Σ_j β_j x_j. */
export function scorePairs(values: ComponentValues, weights: Weights): Float64Array {
  const count = values.commonPartners.length;
  const score = new Float64Array(count).fill(weights.intercept);
  for (const c of COMPONENTS) {
    const b = weights.beta[c];
    if (b === 0) continue;
    const col = values[c];
    for (let i = 0; i < count; i++) score[i] += b * feature(c, col[i]);
  }
  return score;
}

/** The contribution β_j x_j of each component to candidate i's score. */
export function contributions(
  values: ComponentValues,
  weights: Weights,
  i: number,
): Record<Component, number> {
  return Object.fromEntries(COMPONENTS.map((c) => [c, weights.beta[c] * feature(c, values[c][i])])) as Record<
    Component,
    number
  >;
}
