/**
 * The code a worker thread starts with (`new Worker(code, { eval: true })`) to load a module that
 * sits beside the caller: the compiled `NAME.js`, or, when running from the TypeScript sources
 * (tests, benchmarks), `NAME.ts` after registering tsx's loader in the worker itself — Node 20 does
 * not carry `--import tsx` hooks into a worker reliably.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `callerUrl` is the caller's `import.meta.url`; `name` the worker module's name without extension. */
export function workerBootstrap(callerUrl: string, name: string): string {
  if (!callerUrl.endsWith('.ts'))
    return `import(${JSON.stringify(new URL(`./${name}.js`, callerUrl).href)});`;
  const tsx = join(dirname(createRequire(callerUrl).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
}
