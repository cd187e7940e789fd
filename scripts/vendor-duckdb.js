#!/usr/bin/env node
// Part of `npm run build`: bundles DuckDB's client, `@duckdb/node-api` (CommonJS in some 120 files),
// into one file, dist/vendor/duckdb-node-api.cjs, which src/store/duckdb.ts loads when it matches the
// installed version. Every command that opens a store loads the client; one file instead of 120
// spares Node a resolution, a read and a wrapper per file, about 35 ms of each start (measured with
// farm-bench, docs/benchmarks.md). The native bindings stay outside the bundle.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'rolldown';

const require = createRequire(import.meta.url);
const entry = require.resolve('@duckdb/node-api');
const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
const out = new URL('../dist/vendor/duckdb-node-api.cjs', import.meta.url).pathname;
mkdirSync(dirname(out), { recursive: true });
await build({
  input: entry,
  external: ['@duckdb/node-bindings'],
  platform: 'node',
  logLevel: 'warn',
  output: {
    file: out,
    format: 'cjs',
    // The version it was built from, checked at load time (a client upgraded without a rebuild
    // falls back to the package itself).
    banner: `// @duckdb/node-api ${version}, bundled by scripts/vendor-duckdb.js\nexports.BUNDLED_VERSION = ${JSON.stringify(version)};`,
  },
});
