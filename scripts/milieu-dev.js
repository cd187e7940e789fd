#!/usr/bin/env node
// The CLI straight from the TypeScript sources through tsx: what the tests run, so that a stale or
// missing dist/ can neither pass nor fail them. Users run bin/milieu.js (compiled, starts faster).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
await run(process.argv.slice(2));
