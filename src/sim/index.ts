/** The cluster simulator (docs/model.md): scenario, parameters, state, processes, scheduler, tables. */

export { eventLog } from './events.ts';
export * from './import-run.ts';
export * from './parameters.ts';
export {
  LEVER_SPECS,
  LEVERS,
  type Lever,
  LIAISON_STYLES,
  type PolicyCost,
  type PolicyLever,
  policyCosts,
} from './policy/levers.ts';
/** Ensembles, sweeps and calibration, with their helpers (parameter points, statistics, the pool). */
export * as runs from './runs/index.ts';
export {
  type CalibrateOptions,
  type CalibrationResult,
  calibrate,
  type EnsembleOptions,
  type EnsembleResult,
  runEnsemble,
  runSweep,
  type SweepResult,
} from './runs/index.ts';
export * from './scenario.ts';
export * from './scheduler.ts';
export * from './simulate.ts';
export { SimState } from './state.ts';
export { toRawTables } from './tables.ts';
