// Regenerates docs/data-format.md from the table specs: node --import tsx scripts/data-format.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { dataFormatMarkdown } from '../src/model/docs.ts';

const intro = readFileSync(new URL('../docs/data-format.intro.md', import.meta.url), 'utf8');
writeFileSync(new URL('../docs/data-format.md', import.meta.url), dataFormatMarkdown(intro));
