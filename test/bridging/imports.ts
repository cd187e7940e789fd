/** What the bridging tests use, in one place. */
export * from '../../src/bridging/index.ts';
export { regionMask } from '../../src/measures/selection.ts';
