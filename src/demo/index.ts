/** The ten-cluster demo (docs/demo.md): its database builder and Milieu's main job. */
export * from './build.ts';
export * from './main-job.ts';
