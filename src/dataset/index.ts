export * from './build.ts';
export * from './dataset.ts';
export * from './load.ts';
export * from './raw.ts';
