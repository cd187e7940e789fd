/**
 * One replicate: a scenario run with a seed, then the chosen indicators of its region. This is the
 * task every worker of the pool runs (worker.ts), and what a test calls directly on its own thread
 * to check that the pool gives the same numbers.
 */
import type { Scenario } from '../scenario.ts';
import { simulate } from '../simulate.ts';
import { familiesOf, measureRun } from './indicators.ts';

export interface ReplicateTask {
  scenario: Scenario;
  seed: number;
  years?: { from: number; to: number };
  /** Indicator names (checked by checkMeasures before the task is posted). */
  measures: string[];
  /** The families that give them (familiesOf(measures)); worked out in the worker when absent. */
  families?: string[];
}

export interface ReplicateResult {
  /** One value per measure, in the task's order; null = not available in this run. */
  values: (number | null)[];
}

export function runReplicate(task: ReplicateTask): ReplicateResult {
  // no output hash: only the indicators leave the worker, and the hash cost as much as the model
  const run = simulate(task.scenario, {
    seed: task.seed,
    hash: false,
    ...(task.years ? { years: task.years } : {}),
  });
  return {
    values: measureRun(
      run.dataset,
      run.manifest.runId,
      task.measures,
      task.seed,
      task.families ?? familiesOf(task.measures),
    ),
  };
}
