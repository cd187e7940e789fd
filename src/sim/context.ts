/** What every process receives each year: the state, the parameters, its own random stream. */
import type { Rng } from '../graph/rng.ts';
import type { SimParameters } from './parameters.ts';
import type { Scenario } from './scenario.ts';
import type { SimState } from './state.ts';

export interface ProcessContext {
  state: SimState;
  params: SimParameters;
  scenario: Scenario;
  /** This process's own stream: no other process draws from it. */
  rng: Rng;
  year: number;
  /** Macro demand this year (1 = normal). */
  demand: number;
}

/** A Poisson draw by inversion (Knuth): fine for the small means used here (≤ ~50). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let prod = rng();
  while (prod > limit) {
    k++;
    prod *= rng();
  }
  return k;
}

/** A standard normal draw (Box–Muller, one of the pair). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
