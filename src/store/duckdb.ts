/**
 * The DuckDB client, loaded with `require`. `@duckdb/node-api` is CommonJS of some 120 files: loaded
 * through `import`, Node's ES module loader scans each file for its exports first, which costs about
 * 0.2 s of CPU at every start of a command that opens a store (0.5 s against 0.3 s, measured with
 * `node -e`); `require` loads the same code without that scan.
 *
 * The command line (bin/milieu.js, which sets `USE_BUNDLE`) loads instead the one-file bundle the
 * build makes (scripts/vendor-duckdb.js), when it was built from the installed version: 35 ms off
 * every start. A program using Milieu as a library gets the package itself, the same copy it gets
 * from `@duckdb/node-api`, so that connections, values and types mix. Import DuckDB's values from
 * here, and its types from '@duckdb/node-api' with `import type`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Api from '@duckdb/node-api';

/** Set (to true) on globalThis by bin/milieu.js before it loads the command line. */
export const USE_BUNDLE = Symbol.for('milieu.duckdb-bundle');

const require = createRequire(import.meta.url);

function bundledVersion(): string | null {
  try {
    const label = new URL('../vendor/duckdb-node-api.json', import.meta.url);
    return (JSON.parse(readFileSync(label, 'utf8')) as { version: string }).version;
  } catch {
    return null; // no bundle: running from the sources
  }
}

function loadClient(): typeof Api {
  if ((globalThis as Record<symbol, unknown>)[USE_BUNDLE] === true) {
    const installed = (require('@duckdb/node-api/package.json') as { version: string }).version;
    if (bundledVersion() === installed) return require('../vendor/duckdb-node-api.cjs') as typeof Api;
  }
  return require('@duckdb/node-api');
}

const api = loadClient();

export const { DOUBLE, DuckDBDataChunk, DuckDBInstance, VARCHAR } = api;
export type DuckDBInstance = Api.DuckDBInstance;
