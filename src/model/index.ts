export * from './nace.ts';
export * from './nuts.ts';
export * from './tables.ts';
export * from './vocabulary.ts';
