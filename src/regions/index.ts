/** Study regions and region resolution: see docs/regions.md. */

export * from './arguments.ts';
export * from './definitions.ts';
export * from './gazetteer.ts';
export * from './multi-site.ts';
export * from './nuts-polygons.ts';
export * from './resolve.ts';
