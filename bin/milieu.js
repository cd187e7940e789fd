#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci`, `npm install`
// and `npm pack` run through the `prepare` script). To run the TypeScript sources instead, without
// a build: node scripts/milieu-dev.js.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
