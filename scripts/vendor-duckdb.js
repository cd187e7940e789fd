#!/usr/bin/env node
// Part of `npm run build`: bundles DuckDB's client, `@duckdb/node-api` (CommonJS in some 120 files),
// into one file, dist/vendor/duckdb-node-api.cjs, with its version beside it (duckdb-node-api.json),
// which src/store/duckdb.ts loads for the command line when it matches the installed version. Every command that opens a store loads the client; one file instead of 120
// spares Node a resolution, a read and a wrapper per file, about 35 ms of each start (measured with
// farm-bench, docs/benchmarks.md). The native bindings stay outside the bundle.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'rolldown';

const require = createRequire(import.meta.url);
const entry = require.resolve('@duckdb/node-api');
const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
const out = new URL('../dist/vendor/duckdb-node-api.cjs', import.meta.url).pathname;
const label = new URL('../dist/vendor/duckdb-node-api.json', import.meta.url).pathname;
mkdirSync(dirname(out), { recursive: true });
// The label goes first and comes back last: a build stopped half-way leaves the bundle unused.
rmSync(label, { force: true });
await build({
  input: entry,
  external: ['@duckdb/node-bindings'],
  platform: 'node',
  logLevel: 'warn',
  output: {
    file: out,
    format: 'cjs',
    banner: `// @duckdb/node-api ${version}, bundled by scripts/vendor-duckdb.js`,
  },
});
// The version it was built from, checked before the bundle is loaded (a client upgraded without a
// rebuild means the package itself is used).
writeFileSync(label, `${JSON.stringify({ version })}\n`);
