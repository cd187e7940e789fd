import { readFileSync } from 'node:fs';

/** The version in package.json, recorded in every store, import and computed output. */
export const MILIEU_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
