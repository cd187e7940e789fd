/** Many runs of the simulator: ensembles, sweeps and calibration on a pool of worker threads (docs/ensembles.md). */

export * from './abc.ts';
export * from './ensemble.ts';
export * from './indicators.ts';
export * from './parameter-space.ts';
export * from './pool.ts';
export * from './replicate.ts';
export * from './smc.ts';
export * from './stats.ts';
export * from './sweep.ts';
