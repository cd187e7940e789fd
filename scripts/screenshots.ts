// The README's screenshots (docs/screenshots/*.png), taken on what `npm run dashboard` serves: the
// ten-cluster simulated demo (`demoStore`, reused from the demo folder when it matches, else
// built), the front end built afresh from web/ with Vite, the real server on loopback and headless
// Chromium (Debian's `chromium` via playwright-core, WebGL through SwiftShader). Each view is
// opened as a user opens it (the default region, the first study cluster) and shown after the
// interaction the browser tests exercise. Same demo, same seed → the same pictures (up to
// ForceAtlas2's and the renderer's pixels).
//
//   node --import tsx scripts/screenshots.ts [--folder milieu-demo] [--out docs/screenshots]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { demoStore } from '../src/demo/build.ts';
import { buildApp } from '../src/server/app.ts';
import { loadServerContext } from '../src/server/context.ts';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    // relative, as `npm run dashboard` names it (the footer shows the database's path)
    folder: { type: 'string', default: 'milieu-demo' },
    out: { type: 'string', default: join(ROOT, 'docs', 'screenshots') },
  },
});

async function ready(page: Page, hash: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('main[data-state="ready"], main[data-state="error"]', { timeout: 300_000 });
  if ((await page.getAttribute('main', 'data-state')) !== 'ready')
    throw new Error(`${hash}: the view reported an error: ${await page.textContent('main')}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  // let sigma.js and the charts finish their frame
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, `${name}.png`) });
  process.stdout.write(`${join(out, `${name}.png`)}\n`);
}

const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const demo = await demoStore({ folder: values.folder });
process.stdout.write(`${demo.reused ? 'reusing' : 'built'} the demo ${demo.path}\n`);
const web = mkdtempSync(join(tmpdir(), 'milieu-web-'));
const { build } = await import('vite');
await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'error', build: { outDir: web } });
const context = await loadServerContext(demo.path);
const server = buildApp(context, { webRoot: web });
const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const problems: string[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  await ready(page, '#/overview');
  const region = await page.inputValue('#region');
  await shoot(page, 'overview');

  await ready(page, `#/compare?region=${region}`);
  await shoot(page, 'compare');

  await ready(page, `#/network?region=${region}`);
  // open the region's first university, as a user searching for it would
  const university = await page.evaluate(async (r) => {
    const net = (await (await fetch(`/api/regions/${r}/network`)).json()) as {
      aggregated: boolean;
      nodes?: { name: string | null; kind: string; local: boolean; degree: number }[];
    };
    const unis = (net.nodes ?? []).filter((n) => n.local && n.kind === 'university' && n.name);
    unis.sort((a, b) => b.degree - a.degree);
    return unis[0]?.name ?? null;
  }, region);
  if (university) {
    await page.fill('#network-search', university);
    await page.press('#network-search', 'Enter');
    await page.locator('#network-search').dispatchEvent('change');
    await page.waitForSelector('#node-panel[data-node]');
  }
  await shoot(page, 'network');

  // the whole demo (every cluster and its partners) aggregated to NUTS-2 regions, as the full
  // H2020 network is shown
  await ready(page, `#/network?region=${region}&scope=all`);
  await shoot(page, 'network-aggregated');

  // the region's network with Louvain communities as nodes (seed 1)
  await ready(page, `#/network?region=${region}&aggregate=communities`);
  await shoot(page, 'network-communities');

  await ready(page, `#/trees?region=${region}`);
  await shoot(page, 'trees');

  await ready(page, `#/map?region=${region}`);
  await page.selectOption('#map-measure', 'spinoffs');
  await page.waitForSelector('table[data-table="map-spinoffs"]');
  await shoot(page, 'map');

  await ready(page, `#/scenarios?region=${region}`);
  await page.selectOption('#lever', 'spinoffRateUniversity');
  await page.fill('#lever-value', '0.02');
  await page.fill('#replicates', '5');
  await page.click('#run-ensemble');
  await page.waitForSelector('#ensemble-status[data-state="done"]', { timeout: 600_000 });
  await shoot(page, 'scenarios');
} finally {
  await browser.close();
  await server.app.close();
  rmSync(web, { recursive: true, force: true });
}
if (problems.length > 0) {
  process.stderr.write(`console errors:\n${problems.join('\n')}\n`);
  process.exitCode = 1;
}
