#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci`, `npm install`
// and `npm pack` run through the `prepare` script). To run the TypeScript sources instead, without
// a build: node scripts/milieu-dev.js.
//
// The command line uses the build's one-file bundle of DuckDB's client (src/store/duckdb.ts); the
// flag is set before the modules load, hence the dynamic import.
globalThis[Symbol.for('milieu.duckdb-bundle')] = true;
const { run } = await import('../dist/cli/main.js');

await run(process.argv.slice(2));
