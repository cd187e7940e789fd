/**
 * The DuckDB client, loaded with `require`. `@duckdb/node-api` is CommonJS of some 120 files: loaded
 * through `import`, Node's ES module loader scans each file for its exports first, which costs about
 * 0.2 s of CPU at every start of a command that opens a store (0.5 s against 0.3 s, measured with
 * `node -e`); `require` loads the same code without that scan. The build also bundles the client
 * into one file (scripts/vendor-duckdb.js), used when it was built from the installed version: one
 * file instead of 120 takes another 35 ms off every start. Import DuckDB's values from here, and its
 * types from '@duckdb/node-api' with `import type`.
 */
import { createRequire } from 'node:module';
import type * as Api from '@duckdb/node-api';

const require = createRequire(import.meta.url);

function loadClient(): typeof Api {
  try {
    // Present only in the compiled tree (dist/store → dist/vendor); the sources use the package.
    const bundled = require('../vendor/duckdb-node-api.cjs') as typeof Api & { BUNDLED_VERSION: string };
    const installed = (require('@duckdb/node-api/package.json') as { version: string }).version;
    if (bundled.BUNDLED_VERSION === installed) return bundled;
  } catch {
    // no bundle (running from the sources) or its bindings not found: the package itself
  }
  return require('@duckdb/node-api');
}

const api = loadClient();

export const { DOUBLE, DuckDBDataChunk, DuckDBInstance, VARCHAR } = api;
export type DuckDBInstance = Api.DuckDBInstance;
