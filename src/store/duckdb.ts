/**
 * The DuckDB client, loaded with `require`. `@duckdb/node-api` is CommonJS of some 120 files: loaded
 * through `import`, Node's ES module loader scans each file for its exports first, which costs about
 * 0.2 s of CPU at every start of a command that opens a store (0.5 s against 0.3 s, measured with
 * `node -e`); `require` loads the same code without that scan. Import DuckDB's values from here,
 * and its types from '@duckdb/node-api' with `import type`.
 */
import { createRequire } from 'node:module';
import type * as Api from '@duckdb/node-api';

const api: typeof Api = createRequire(import.meta.url)('@duckdb/node-api');

export const { DOUBLE, DuckDBDataChunk, DuckDBInstance, VARCHAR } = api;
export type DuckDBInstance = Api.DuckDBInstance;
