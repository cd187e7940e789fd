/**
 * Benchmark: the dashboard (`milieu serve`, compiled: run `npm run build` first).
 *
 *   node --import tsx bench/dashboard.ts [--h2020] [--skip-demo] [--endpoints] [--duration S]
 *
 * 1. Time to a usable dashboard on the demo database: server start (process spawn to URL printed),
 *    then in headless Chromium the Overview from navigation to ready, cold (first request computes)
 *    and warm (cached answers).
 * 2. Network view frame time while panning, in headless Chromium with software WebGL (SwiftShader):
 *    60 camera moves, each followed by a synchronous sigma render (render cost) and the interval
 *    between animation frames (frame time, capped by the browser's 60 Hz clock).
 * 3. Endpoints' latency with 50 concurrent clients on loopback (autocannon, `--duration` seconds
 *    per endpoint, default 5): p50, p95, p99 from every response's time; once without
 *    Accept-Encoding and once as a browser asks (`gzip, deflate, br`), with the bytes per answer.
 *    `--endpoints` measures only these.
 * With --h2020 (needs ../shared/data): the H2020 store (import + resolve), and the Munich network
 *    drawn whole and aggregated to NUTS-2 regions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { chromium, type Page } from 'playwright-core';
import { buildDemoDatabase } from '../test/server/fixture-store.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/milieu.js');
const SHARED = join(ROOT, '../shared/data');
const durationArg = process.argv.indexOf('--duration');
const DURATION = durationArg > 0 ? Number(process.argv[durationArg + 1]) : 5;
const H2020 = process.argv.includes('--h2020');
const SKIP_DEMO = process.argv.includes('--skip-demo');
const ENDPOINTS_ONLY = process.argv.includes('--endpoints');
const BROWSER_ENCODING = 'gzip, deflate, br';

function serve(
  db: string,
  extra: string[] = [],
): Promise<{ url: string; startMs: number; stop: () => void }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', db, '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /(http:\/\/\S+)\/\n/.exec(out);
      if (m) resolve({ url: m[1], startMs: performance.now() - t0, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

async function ready(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url);
  await page.waitForSelector('main[data-state="ready"]', { timeout: 600_000 });
  return performance.now() - t0;
}

/**
 * Pans the sigma camera 60 times: per move the synchronous render time and the frame interval. The
 * page script is a string: tsx would otherwise add helpers that do not exist in the page.
 */
const PAN_SCRIPT = `(async () => {
  const sigma = window.milieuSigma;
  const camera = sigma.getCamera();
  const renders = [];
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
    const s = camera.getState();
    camera.setState({ ...s, x: s.x + (i % 20 < 10 ? 0.01 : -0.01), y: s.y + 0.005 * Math.sin(i) });
    const t = performance.now();
    sigma.refresh();
    renders.push(performance.now() - t);
  }
  frames.shift();
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1];
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { renderMean: mean(renders), renderP95: p95(renders), frameMean: mean(frames), frameP95: p95(frames) };
})()`;

function panning(
  page: Page,
): Promise<{ renderMean: number; renderP95: number; frameMean: number; frameP95: number }> {
  return page.evaluate(PAN_SCRIPT);
}

async function latency(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ requests: number; p50: number; p95: number; p99: number; errors: number }> {
  const times: number[] = [];
  const result = await autocannon({
    url,
    headers,
    connections: 50,
    duration: DURATION,
    setupClient: (client) =>
      client.on('response', (_status: number, _bytes: number, ms: number) => times.push(ms)),
  } as autocannon.Options);
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  return {
    requests: times.length,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    errors: result.errors + result.non2xx,
  };
}

const fmt = (x: number) => x.toFixed(1);

/** Thrown to skip the demo measurements (--skip-demo). */
class Skip extends Error {}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'milieu-bench-dashboard-'));
  const demo = join(dir, 'demo.duckdb');
  const t0 = performance.now();
  await buildDemoDatabase(demo);
  console.log(`demo database built in ${fmt((performance.now() - t0) / 1000)} s`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const server = await serve(demo);
  try {
    if (SKIP_DEMO) throw new Skip();
    if (!ENDPOINTS_ONLY) await pageFigures(page, server);
    await endpointFigures(server);
  } catch (e) {
    if (!(e instanceof Skip)) throw e;
  } finally {
    server.stop();
  }
  await h2020Figures(page, dir);
  await browser.close();
}

async function pageFigures(page: Page, server: { url: string; startMs: number }): Promise<void> {
  const cold = await ready(page, `${server.url}/#/overview?region=cambridge`);
  const warm = await ready(page, `${server.url}/#/overview?region=grenoble`);
  await page.goto('about:blank');
  const warmAgain = await ready(page, `${server.url}/#/overview?region=cambridge`);
  console.log(
    `\n1. usable dashboard (demo): server start ${fmt(server.startMs)} ms; Overview ready cold ${fmt(cold)} ms, another region ${fmt(warm)} ms, reopened (cached) ${fmt(warmAgain)} ms`,
  );

  console.log('\n2. network view, panning (60 moves)');
  for (const [label, hash] of [
    ['demo, Cambridge (307 organisations, 745 ties)', '#/network?region=cambridge'],
    ['demo, Cambridge aggregated to NUTS-2', '#/network?region=cambridge&aggregate=nuts2'],
  ]) {
    const load = await ready(page, `${server.url}/${hash}`);
    const p = await panning(page);
    console.log(
      `  ${label}: view ready ${fmt(load)} ms; render mean ${fmt(p.renderMean)} ms, p95 ${fmt(p.renderP95)} ms; frame mean ${fmt(p.frameMean)} ms, p95 ${fmt(p.frameP95)} ms`,
    );
  }
}

async function endpointFigures(server: { url: string }): Promise<void> {
  console.log(`\n3. endpoints, 50 concurrent clients, ${DURATION} s each (answers cached after the first)`);
  for (const path of [
    '/api/regions',
    '/api/regions/cambridge/measures?families=evolution,spinoffs,ties,mobility,knowledge,learning',
    '/api/learning?regions=cambridge,grenoble,munich,sophia-antipolis',
    '/api/regions/cambridge/network',
    '/api/regions/cambridge/genealogy',
    '/api/map?measure=organisations&level=2',
    '/',
  ]) {
    // warm the cache: the benchmark measures serving, not first computation
    const plainBytes = (await (await fetch(`${server.url}${path}`)).arrayBuffer()).byteLength;
    const wire = await sizeOnTheWire(`${server.url}${path}`, BROWSER_ENCODING);
    for (const [label, headers] of [
      [`plain, ${plainBytes} B`, {}],
      [
        `${BROWSER_ENCODING} → ${wire.encoding ?? 'plain'}, ${wire.bytes} B`,
        { 'accept-encoding': BROWSER_ENCODING },
      ],
    ] as const) {
      const r = await latency(`${server.url}${path}`, headers);
      console.log(
        `  ${path} (${label}): ${r.requests} requests, p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, p99 ${fmt(r.p99)} ms, errors ${r.errors}`,
      );
    }
  }
}

/** The bytes of an answer as sent for an Accept-Encoding (fetch would decompress them). */
function sizeOnTheWire(url: string, encoding: string): Promise<{ bytes: number; encoding: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, encoding: (res.headers['content-encoding'] as string) ?? null }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function h2020Figures(page: Page, dir: string): Promise<void> {
  if (H2020 && existsSync(join(SHARED, 'cordis'))) {
    const h2020 = join(dir, 'h2020.duckdb');
    const t1 = performance.now();
    spawnSync(process.execPath, [BIN, 'import', h2020, join(SHARED, 'cordis'), '--format', 'cordis', '-q'], {
      stdio: 'inherit',
    });
    spawnSync(
      process.execPath,
      [BIN, 'resolve', h2020, '--nuts', join(SHARED, 'nuts/NUTS_RG_10M_2021_4326.geojson'), '-q'],
      { stdio: 'inherit' },
    );
    console.log(`\nH2020 store built in ${fmt((performance.now() - t1) / 1000)} s`);
    const big = await serve(h2020);
    try {
      for (const [label, hash] of [
        [
          'H2020, the whole network aggregated to NUTS-2 (3,000 strongest links drawn)',
          '#/network?region=munich&scope=all',
        ],
        [
          'H2020, the whole network aggregated to NUTS-2 (every link drawn)',
          '#/network?region=munich&scope=all&links=1000000',
        ],
        ['H2020 Munich, aggregated to NUTS-2', '#/network?region=munich&aggregate=nuts2'],
        ['H2020 Munich, whole', '#/network?region=munich&maxEdges=500000'],
      ]) {
        const load = await ready(page, `${big.url}/${hash}`);
        const status = await page.textContent('#network-status');
        const p = await panning(page);
        console.log(
          `  ${label} (${status}): view ready ${fmt(load)} ms; render mean ${fmt(p.renderMean)} ms, p95 ${fmt(p.renderP95)} ms; frame mean ${fmt(p.frameMean)} ms, p95 ${fmt(p.frameP95)} ms`,
        );
      }
    } finally {
      big.stop();
    }
  }
}

await main();
