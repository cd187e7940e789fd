// The dashboard end to end in headless Chromium (Debian's `chromium`, driven by playwright-core):
// the front end is built afresh from web/ with Vite into a temporary folder, served by the real
// server on the demo database over loopback. Each view loads without console errors, shows the
// numbers SQL on the store or the library computes, and answers interaction. Screenshots go to
// test-results/dashboard/ (the README's, of the ten-cluster demo, come from scripts/screenshots.ts).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/findings/index.ts';
import { compareRegions, measureAll } from '../../src/measures/index.ts';
import { buildApp, type DashboardApp } from '../../src/server/app.ts';
import { loadServerContext, type ServerContext } from '../../src/server/context.ts';
import { warmOverview } from '../../src/server/warm.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { buildDemoDatabase } from '../server/fixture-store.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-results', 'dashboard');
const REGION = 'cambridge';
const MEMBERS = "(SELECT id FROM organisations WHERE nuts LIKE 'UKH12%')";

// Every tie the network shows: stored ties and co-participation pairs (two organisations in one
// project), as the measures' network holds them with no project-size cap.
const ALL_TIES =
  "(SELECT source, target, kind FROM ties UNION ALL SELECT a.organisation, b.organisation, 'co-participation' FROM participations a JOIN participations b ON a.project = b.project AND a.organisation < b.organisation)";

let db: string;
let context: ServerContext;
let server: DashboardApp;
let base: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function sql(query: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(query)).getRowsJS() as unknown[][];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function open(view: string, extra = ''): Promise<void> {
  problems.length = 0;
  await page.goto(`${base}/#/${view}?region=${REGION}${extra}`);
  await page.waitForSelector('main[data-state="ready"], main[data-state="error"]', { timeout: 120_000 });
  expect(await page.getAttribute('main', 'data-state')).toBe('ready');
}

async function shoot(view: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${view}.png`) });
}

describe.skipIf(!existsSync(CHROMIUM))('the dashboard in headless Chromium', () => {
  beforeAll(async () => {
    const dir = tempDir();
    db = join(dir, 'demo.duckdb');
    await buildDemoDatabase(db);
    const web = join(dir, 'web');
    const { build } = await import('vite');
    await build({
      configFile: join(ROOT, 'web', 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: web },
    });
    context = await loadServerContext(db);
    server = buildApp(context, { webRoot: web });
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // WebGL for sigma.js through SwiftShader, the software renderer (no GPU here)
      args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  it("the server's warm-up computes every answer the first Overview asks for", async () => {
    await warmOverview(server.app);
    const computed = context.cache.size;
    problems.length = 0;
    await page.goto(`${base}/`);
    await page.waitForSelector('main[data-state="ready"]', { timeout: 120_000 });
    expect(await page.locator('.card[data-indicator="spinoffs.count"]').count()).toBe(1);
    expect(context.cache.size).toBe(computed);
    expect(problems).toEqual([]);
  });

  it('Overview shows the headline measures and the learning index, and the findings verdicts', async () => {
    await open('overview');
    const families = measureAll(context.dataset, { region: REGION }, ['spinoffs', 'ties', 'evolution']);
    const value = (name: string) => families.flatMap((f) => f.indicators).find((i) => i.name === name)?.value;
    for (const name of ['spinoffs.count', 'ties.localShare', 'evolution.births']) {
      const shown = await page.getAttribute(`.card[data-indicator="${name}"] .value`, 'data-value');
      expect(Number(shown), name).toBe(value(name));
    }
    const [[births]] = await sql(
      `SELECT count(*)::INT FROM organisations WHERE id IN ${MEMBERS} AND founded IS NOT NULL`,
    );
    expect(value('evolution.births')).toBeLessThanOrEqual(births as number);
    // one verdict row per finding of the catalogue
    expect(await page.locator(`table[data-table="${REGION}-findings"] tbody tr`).count()).toBe(
      CATALOGUE.length,
    );
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    await shoot('overview');
    expect(problems).toEqual([]);
  });

  it('Compare lays the regions side by side, sorts, and downloads the table as CSV', async () => {
    await open('compare');
    // the view starts with every study cluster that has organisations (the four simulated, and
    // clusters where the simulated outside partners happen to lie)
    const listed = (await (await fetch(`${base}/api/regions`)).json()) as {
      id: string;
      study: boolean;
      organisations: number;
    }[];
    const regions = listed.filter((r) => r.study && r.organisations > 0).map((r) => r.id);
    expect(regions).toEqual(expect.arrayContaining(['cambridge', 'grenoble', 'munich', 'sophia-antipolis']));
    const c = compareRegions(context.dataset, regions);
    const header = await page.locator('table[data-table="compare"] thead th').allTextContents();
    expect(header).toEqual(['indicator', 'unit', ...regions]);
    const row = page.locator('table[data-table="compare"] tbody tr', { hasText: 'spinoffs.count' }).first();
    const cells = await row
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
    const expected = c.rows.find((r) => r.name === 'spinoffs.count')!.values;
    expect(cells.slice(2).map(Number)).toEqual(expected);
    // sort by Grenoble, descending: the first numeric cell is then the largest
    const grenoble = page.locator('table[data-table="compare"] thead th button', { hasText: 'grenoble' });
    await grenoble.click();
    await grenoble.press('Enter'); // keyboard: the header buttons take Enter
    const first = await page
      .locator('table[data-table="compare"] tbody tr')
      .first()
      .locator('td')
      .nth(3)
      .getAttribute('data-value');
    const max = Math.max(...c.rows.map((r) => r.values[1]).filter((v): v is number => v !== null));
    expect(Number(first)).toBe(max);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.table-box', { hasText: 'Every indicator' }).getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = await download.path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')));
    expect(csv.split('\n')[0]).toBe(`indicator,unit,${regions.join(',')}`);
    await shoot('compare');
    expect(problems).toEqual([]);
  });

  it('Network draws the region and its partners, filters by tie kind, opens a node', async () => {
    await open('network');
    const touching = `FROM ${ALL_TIES} WHERE source <> target AND (source IN ${MEMBERS} OR target IN ${MEMBERS})`;
    const pairs = (where = '') =>
      sql(
        `SELECT count(DISTINCT least(source, target) || '|' || greatest(source, target))::INT ${touching} ${where}`,
      );
    const [[all]] = await pairs();
    const status = page.locator('#network-status');
    expect(Number(await status.getAttribute('data-edges'))).toBe(all);
    expect(await page.locator('#sigma canvas').count()).toBeGreaterThan(0);
    // leave out supplier ties: a pair stays when it has a tie of another kind
    await page.locator('input[data-tie-kind="supplier"]').uncheck();
    const [[left]] = await pairs("AND kind <> 'supplier'");
    expect(Number(await status.getAttribute('data-edges'))).toBe(left);
    expect(left).toBeLessThan(all as number);
    await page.locator('input[data-tie-kind="supplier"]').check();
    // open the university by searching its name
    const [[id, name, partners]] = await sql(
      `SELECT o.id, o.name, (SELECT count(DISTINCT CASE WHEN t.source = o.id THEN t.target ELSE t.source END) FROM ${ALL_TIES} t WHERE (t.source = o.id OR t.target = o.id) AND t.source <> t.target)::INT FROM organisations o WHERE o.id IN ${MEMBERS} AND o.kind = 'university' ORDER BY o.id LIMIT 1`,
    );
    await page.fill('#network-search', String(name));
    await page.press('#network-search', 'Enter');
    await page.locator('#network-search').dispatchEvent('change');
    await page.waitForSelector(`#node-panel[data-node="${id}"]`);
    expect(await page.textContent('#node-panel h4')).toBe(`${partners} ties`);
    const [[children]] = await sql(`SELECT count(*)::INT FROM spinoffs WHERE parent = '${id}'`);
    if ((children as number) > 0)
      expect(await page.textContent('#node-panel .descendants')).toMatch(/direct:/);
    expect(await page.textContent('#node-panel .role')).toMatch(/Brokerage role: /);
    await shoot('network');
    await open('network', '&aggregate=nuts2');
    expect(Number(await status.getAttribute('data-nodes'))).toBeGreaterThan(1);
    await shoot('network-aggregated');
    // communities as nodes through the view's control: as many as the API's Louvain (seed 1) finds
    await page.selectOption('#aggregate', 'communities');
    await page.waitForSelector('#network-status:has-text("Louvain communities")');
    const communities = (await (
      await fetch(`${base}/api/regions/${REGION}/network?aggregate=communities`)
    ).json()) as { nodes: unknown[] };
    expect(Number(await status.getAttribute('data-nodes'))).toBe(communities.nodes.length);
    expect(await page.inputValue('#aggregate')).toBe('communities');
    await open('network', '&scope=all');
    const [[organisations]] = await sql('SELECT count(*)::INT FROM organisations');
    expect(await status.textContent()).toContain(
      `${(organisations as number).toLocaleString('en-GB')} organisations`,
    );
    expect(problems).toEqual([]);
  });

  it('Family trees draws the chosen genealogy with its descendants', async () => {
    await open('trees');
    const options = await page.locator('#tree-pick option').count();
    expect(options).toBeGreaterThan(1);
    await page.selectOption('#tree-pick', '1');
    const root = await page.getAttribute('.tree-holder', 'data-root');
    const [[n]] = await sql(
      `WITH RECURSIVE d(id) AS (SELECT child FROM spinoffs WHERE parent = '${root}' UNION SELECT s.child FROM spinoffs s JOIN d ON s.parent = d.id) SELECT count(*)::INT FROM d`,
    );
    expect(Number(await page.getAttribute('.tree-holder', 'data-descendants'))).toBe(n);
    // one circle per organisation of the tree: the root and its descendants
    expect(await page.locator('.tree-holder svg.family-tree circle').count()).toBe((n as number) + 1);
    await page.selectOption('#tree-pick', '0');
    await shoot('trees');
    expect(problems).toEqual([]);
  });

  it('Map shades the NUTS regions and names the boundaries’ source', async () => {
    await open('map');
    expect(await page.locator('figure.chart svg path').count()).toBeGreaterThan(300);
    expect(await page.textContent('.attribution')).toMatch(/© EuroGeographics/);
    const [[ukh1]] = await sql("SELECT count(*)::INT FROM organisations WHERE nuts LIKE 'UKH1%'");
    const cell = page.locator('table[data-table="map-organisations"] tbody tr', { hasText: 'UKH1' }).first();
    expect(Number(await cell.locator('td').nth(1).getAttribute('data-value'))).toBe(ukh1);
    await page.selectOption('#map-measure', 'spinoffs');
    await page.waitForSelector('table[data-table="map-spinoffs"]');
    await shoot('map');
    expect(problems).toEqual([]);
  });

  it('Scenarios runs a small ensemble to completion with live progress and shows intervals', async () => {
    await open('scenarios');
    await page.selectOption('#lever', 'spinoffRateUniversity');
    await page.fill('#lever-value', '0.02');
    await page.fill('#replicates', '3');
    await page.fill('#years-from', '1970');
    await page.fill('#years-to', '1976');
    await page.click('#run-ensemble');
    await page.waitForSelector('#ensemble-status[data-state="done"]', { timeout: 120_000 });
    expect(await page.getAttribute('#ensemble-progress', 'value')).toBe('3');
    const rows = await page.locator('table[data-table="ensemble"] tbody tr').count();
    expect(rows).toBe(10);
    expect(await page.locator('.small-multiples figure.chart').count()).toBe(10);
    await shoot('scenarios');
    expect(problems).toEqual([]);
  });
});
