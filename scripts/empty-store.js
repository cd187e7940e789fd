#!/usr/bin/env node
// Part of `npm run build` (after the compile and scripts/vendor-duckdb.js): makes the empty store
// that `milieu init` copies, dist/vendor/empty-store.duckdb, with a label of what made it
// (empty-store.json: DuckDB client, schema and Milieu versions, a hash of the DDL). `init` then needs neither DuckDB's
// client nor a database engine at run time: it copies 1 MB and renames it into place. A label that
// does not match the running Milieu (a client upgraded without a rebuild) sends `init` back to
// creating the store with DuckDB (src/store/empty-store.ts).
import { rmSync, writeFileSync } from 'node:fs';
import { emptyStoreLabel, emptyStorePaths } from '../dist/store/empty-store.js';
import { openStore } from '../dist/store/store.js';

const { database, label } = emptyStorePaths();
// The label goes first and comes back last: a build stopped half-way leaves no label, so no copy.
rmSync(label, { force: true });
rmSync(database, { force: true });
rmSync(`${database}.wal`, { force: true });
const store = await openStore(database);
store.close();
writeFileSync(label, `${JSON.stringify(emptyStoreLabel())}\n`);
