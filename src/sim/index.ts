/** The cluster simulator (docs/model.md): scenario, parameters, state, processes, scheduler, tables. */
export * from './import-run.ts';
export * from './parameters.ts';
export * from './scenario.ts';
export * from './scheduler.ts';
export * from './simulate.ts';
export { SimState } from './state.ts';
export { toRawTables } from './tables.ts';
