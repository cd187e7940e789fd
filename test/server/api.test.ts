// The dashboard's JSON API over real HTTP on loopback, on the demo database (simulated clusters
// stored through the validated import). Expected numbers come from SQL on the store (DuckDB, not
// the Dataset code) or from hand-worked values; the bad-request cases check status and message.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, checkFindings } from '../../src/findings/index.ts';
import { CLUSTER_COMPARISON_DEFAULTS } from '../../src/measures/index.ts';
import type { VerdictRow } from '../../src/model/findings.ts';
import { buildApp, type DashboardApp } from '../../src/server/app.ts';
import { loadServerContext, type ServerContext } from '../../src/server/context.ts';
import { quantile } from '../../src/server/simulation.ts';
import { tempDir } from '../helpers.ts';
import { buildDemoDatabase } from './fixture-store.ts';

// Every tie the network shows: stored ties and co-participation pairs (two organisations in one
// project), as the measures' network holds them with no project-size cap.
const ALL_TIES =
  "(SELECT source, target, kind FROM ties UNION ALL SELECT a.organisation, b.organisation, 'co-participation' FROM participations a JOIN participations b ON a.project = b.project AND a.organisation < b.organisation)";

let context: ServerContext;
let server: DashboardApp;
let base: string;
let db: string;
let web: string;

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

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${base}${path}`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** A GET with the given headers, the body as received (fetch would decompress it). */
function rawRequest(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const dir = tempDir();
  db = join(dir, 'demo.duckdb');
  await buildDemoDatabase(db);
  // a stand-in for the built dashboard, so the static route is tested without a Vite build
  web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Milieu</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not to be served');
  context = await loadServerContext(db);
  server = buildApp(context, { webRoot: web });
  base = await server.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.app.close();
});

describe('read-only routes', () => {
  it('lists the regions with their organisations, as SQL counts them', async () => {
    const { status, body } = await getJson('/api/regions');
    expect(status).toBe(200);
    const regions = body as unknown as { id: string; organisations: number; study: boolean }[];
    const [[cambridge]] = await sql("SELECT count(*)::INT FROM organisations WHERE nuts LIKE 'UKH12%'");
    const [[grenoble]] = await sql("SELECT count(*)::INT FROM organisations WHERE nuts LIKE 'FRK24%'");
    expect(regions.find((r) => r.id === 'cambridge')).toMatchObject({
      organisations: cambridge,
      study: true,
    });
    expect(regions.find((r) => r.id === 'grenoble')?.organisations).toBe(grenoble);
    expect(regions.find((r) => r.id === 'oxford')?.organisations).toBe(0);
    expect(cambridge).toBeGreaterThan(100);
  });

  it("draws a region's network: members and partners as nodes, the ties touching a member as edges", async () => {
    const { status, body } = await getJson('/api/regions/cambridge/network');
    expect(status).toBe(200);
    const nodes = body.nodes as { id: string; local: boolean; kind: string }[];
    const edges = body.edges as { source: number; target: number; local: boolean; kinds: string[] }[];
    const members = "(SELECT id FROM organisations WHERE nuts LIKE 'UKH12%')";
    const touching = `FROM ${ALL_TIES} WHERE source <> target AND (source IN ${members} OR target IN ${members})`;
    const [[pairs]] = await sql(
      `SELECT count(DISTINCT least(source, target) || '|' || greatest(source, target))::INT ${touching}`,
    );
    const [[orgs]] = await sql(
      `SELECT count(*)::INT FROM (${members.slice(1, -1)} UNION SELECT source ${touching} UNION SELECT target ${touching})`,
    );
    const [[localPairs]] = await sql(
      `SELECT count(DISTINCT least(source, target) || '|' || greatest(source, target))::INT FROM ${ALL_TIES} WHERE source <> target AND source IN ${members} AND target IN ${members}`,
    );
    expect(body.aggregated).toBe(false);
    expect(edges.length).toBe(pairs);
    expect(nodes.length).toBe(orgs);
    expect(edges.filter((e) => e.local).length).toBe(localPairs);
    // every edge's ends exist; a local edge joins two local nodes
    for (const e of edges) {
      expect(nodes[e.source] && nodes[e.target]).toBeTruthy();
      if (e.local) expect(nodes[e.source].local && nodes[e.target].local).toBe(true);
    }
  });

  it('aggregates to NUTS-2 regions when asked, keeping every organisation and tie', async () => {
    const full = await getJson('/api/regions/cambridge/network');
    const { status, body } = await getJson('/api/regions/cambridge/network?aggregate=nuts2');
    expect(status).toBe(200);
    expect(body.aggregated).toBe(true);
    expect(body.organisations).toBe((full.body.nodes as unknown[]).length);
    expect(body.ties).toBe((full.body.edges as unknown[]).length);
    const nodes = body.nodes as { id: string; organisations: number; local: number }[];
    expect(nodes.reduce((a, n) => a + n.organisations, 0)).toBe(body.organisations);
    const edges = body.edges as { ties: number }[];
    expect(edges.reduce((a, e) => a + e.ties, 0)).toBe(body.ties);
    expect(nodes.find((n) => n.id === 'UKH1')?.local).toBeGreaterThan(0);
  });

  it('aggregates the whole network to NUTS-2 regions: every organisation and tie counted once', async () => {
    const { status, body } = await getJson('/api/network');
    expect(status).toBe(200);
    const [[orgs]] = await sql('SELECT count(*)::INT FROM organisations');
    const [[pairs]] = await sql(
      `SELECT count(DISTINCT least(source, target) || '|' || greatest(source, target))::INT FROM ${ALL_TIES} WHERE source <> target`,
    );
    expect(body.organisations).toBe(orgs);
    expect(body.ties).toBe(pairs);
    const nodes = body.nodes as { id: string; organisations: number; local: number }[];
    const edges = body.edges as { source: number; target: number; ties: number }[];
    expect(nodes.reduce((a, x) => a + x.organisations, 0)).toBe(orgs);
    expect(nodes.reduce((a, x) => a + x.local, 0) + edges.reduce((a, e) => a + e.ties, 0)).toBe(pairs);
    for (const e of edges) expect(e.source).not.toBe(e.target);
    const [[ukh1]] = await sql("SELECT count(*)::INT FROM organisations WHERE nuts LIKE 'UKH1%'");
    expect(nodes.find((x) => x.id === 'UKH1')?.organisations).toBe(ukh1);
  });

  /** Modularity Q = Σ_c [L_c/m − (d_c/2m)²] of the partition an aggregated network stands for. */
  function modularityOf(edges: { source: number; target: number; weight: number }[], k: number): number {
    const inside = new Float64Array(k);
    const degree = new Float64Array(k);
    let m = 0;
    for (const e of edges) {
      m += e.weight;
      degree[e.source] += e.weight;
      degree[e.target] += e.weight;
      if (e.source === e.target) inside[e.source] += e.weight;
    }
    let q = 0;
    for (let c = 0; c < k; c++) q += inside[c] / m - (degree[c] / (2 * m)) ** 2;
    return q;
  }

  it('aggregates to Louvain communities, seeded: every organisation and tie counted once', async () => {
    const full = await getJson('/api/regions/cambridge/network');
    const { status, body } = await getJson('/api/regions/cambridge/network?aggregate=communities&seed=7');
    expect(status).toBe(200);
    expect(body.aggregated).toBe(true);
    expect(body.by).toBe('communities');
    const fullNodes = full.body.nodes as {
      id: string;
      name: string | null;
      local: boolean;
      degree: number;
    }[];
    expect(body.organisations).toBe(fullNodes.length);
    expect(body.ties).toBe((full.body.edges as unknown[]).length);
    const nodes = body.nodes as { id: string; organisations: number; local: number; hub: string }[];
    const edges = body.edges as { source: number; target: number; weight: number; ties: number }[];
    expect(nodes.reduce((a, n) => a + n.organisations, 0)).toBe(body.organisations);
    expect(nodes.reduce((a, n) => a + n.local, 0)).toBe(fullNodes.filter((n) => n.local).length);
    expect(edges.reduce((a, e) => a + e.ties, 0)).toBe(body.ties);
    // each pair of communities once; numbered C1, C2, … largest first; named by a member
    expect(new Set(edges.map((e) => `${e.source}|${e.target}`)).size).toBe(edges.length);
    expect(nodes.map((n) => n.id)).toEqual(nodes.map((_, i) => `C${i + 1}`));
    for (let i = 1; i < nodes.length; i++)
      expect(nodes[i].organisations).toBeLessThanOrEqual(nodes[i - 1].organisations);
    const names = new Set(fullNodes.map((n) => n.name ?? n.id));
    for (const n of nodes) expect(names.has(n.hub)).toBe(true);
    // the summed weights are the region network's: the same total as the NUTS-2 aggregation
    const nuts = await getJson('/api/regions/cambridge/network?aggregate=nuts2');
    const nutsEdges = nuts.body.edges as { source: number; target: number; weight: number }[];
    const total = (es: { weight: number }[]) => es.reduce((a, e) => a + e.weight, 0);
    expect(total(edges)).toBeCloseTo(total(nutsEdges), 6);
    // Louvain maximises modularity: its partition beats grouping by place, and is a real one
    const q = modularityOf(edges, nodes.length);
    expect(q).toBeGreaterThan(modularityOf(nutsEdges, (nuts.body.nodes as unknown[]).length));
    expect(q).toBeGreaterThan(0.2);
    // the same seed gives the same communities
    const again = await fetch(`${base}/api/regions/cambridge/network?seed=7&aggregate=communities`);
    expect(await again.json()).toEqual(body);
    expect((await getJson('/api/regions/cambridge/network?aggregate=communities&seed=-1')).status).toBe(400);
  });

  it('aggregates the whole network to communities: every organisation and tie counted once', async () => {
    const { status, body } = await getJson('/api/network?aggregate=communities');
    expect(status).toBe(200);
    expect(body.by).toBe('communities');
    const [[orgs]] = await sql('SELECT count(*)::INT FROM organisations');
    const [[pairs]] = await sql(
      `SELECT count(DISTINCT least(source, target) || '|' || greatest(source, target))::INT FROM ${ALL_TIES} WHERE source <> target`,
    );
    expect(body.organisations).toBe(orgs);
    expect(body.ties).toBe(pairs);
    const nodes = body.nodes as { organisations: number; local: number }[];
    const edges = body.edges as { source: number; target: number; ties: number }[];
    expect(nodes.reduce((a, x) => a + x.organisations, 0)).toBe(orgs);
    expect(nodes.reduce((a, x) => a + x.local, 0) + edges.reduce((a, e) => a + e.ties, 0)).toBe(pairs);
    for (const e of edges) expect(e.source).not.toBe(e.target);
  });

  it('sends cached answers as prepared bytes: an ETag, 304 on a match, Brotli or gzip when accepted', async () => {
    const path = '/api/regions/cambridge/measures?families=ties,spinoffs';
    const plain = await rawRequest(path, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const text = plain.body.toString('utf8');
    expect(JSON.parse(text).region).toBe('cambridge');
    // the ETag is the SHA-1 of the uncompressed bytes
    const etag = `"${createHash('sha1').update(plain.body).digest('base64url')}"`;
    expect(plain.headers.etag).toBe(etag);
    const gz = await rawRequest(path, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(text);
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    const br = await rawRequest(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(text);
    expect(br.headers.etag).toBe(etag);
    // br refused with q=0: gzip instead
    const noBr = await rawRequest(path, { 'accept-encoding': 'br;q=0, gzip' });
    expect(noBr.headers['content-encoding']).toBe('gzip');
    const again = await rawRequest(path, { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await rawRequest(path, { 'if-none-match': '"x"' });
    expect(stale.status).toBe(200);
    expect(stale.body.toString('utf8')).toBe(text);
    // static files too; an answer under 1 KB stays plain
    const page = await rawRequest('/', { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers.etag).toMatch(/^"[\w-]+"$/);
  });

  it("gives the spin-off family trees, each root's descendants as a recursive SQL query counts them", async () => {
    const { status, body } = await getJson('/api/regions/cambridge/genealogy');
    expect(status).toBe(200);
    const trees = body.trees as { root: { id: string }; descendants: number; direct: number }[];
    expect(trees.length).toBeGreaterThan(0);
    for (const t of trees.slice(0, 3)) {
      const [[n]] = await sql(
        `WITH RECURSIVE d(id) AS (SELECT child FROM spinoffs WHERE parent = '${t.root.id}' UNION SELECT s.child FROM spinoffs s JOIN d ON s.parent = d.id) SELECT count(*)::INT FROM d`,
      );
      const [[direct]] = await sql(
        `SELECT count(DISTINCT child)::INT FROM spinoffs WHERE parent = '${t.root.id}'`,
      );
      expect(t.descendants).toBe(n);
      expect(t.direct).toBe(direct);
    }
    expect(trees[0].descendants).toBeGreaterThanOrEqual(trees[trees.length - 1].descendants);
  });

  it('answers measures, comparison, learning index and map', async () => {
    const m = await getJson('/api/regions/cambridge/measures?families=ties');
    expect(m.status).toBe(200);
    const ties = (m.body.families as { family: string; indicators: { name: string; value: number }[] }[])[0];
    expect(ties.family).toBe('ties');
    const c = await getJson('/api/compare?regions=cambridge,grenoble');
    expect(c.status).toBe(200);
    expect(c.body.regions).toEqual(['cambridge', 'grenoble']);
    const l = await getJson('/api/learning?regions=cambridge,grenoble');
    // with two regions every z-score is ±1 (README): the index parts of the two are opposite
    const rows = l.body.learning as { zSpinoff: number }[];
    expect(Math.abs(rows[0].zSpinoff)).toBeCloseTo(1, 12);
    expect(rows[0].zSpinoff + rows[1].zSpinoff).toBeCloseTo(0, 12);
    const map = await getJson('/api/map?measure=organisations&level=3');
    const [[ukh12]] = await sql("SELECT count(*)::INT FROM organisations WHERE nuts LIKE 'UKH12%'");
    expect((map.body.values as Record<string, number>).UKH12).toBe(ukh12);
    expect(String(map.body.attribution)).toContain('EuroGeographics');
    const nuts = await fetch(`${base}/api/nuts.geojson`);
    expect(nuts.status).toBe(200);
    expect(((await nuts.json()) as { features: unknown[] }).features.length).toBe(2010);
  });

  it('answers the findings of a region as milieu check computes them', async () => {
    const { status, body } = await getJson('/api/regions/cambridge/findings');
    expect(status).toBe(200);
    const verdicts = body.verdicts as unknown as VerdictRow[];
    // one verdict per finding of the catalogue, in its order, for this region only
    expect(verdicts.map((v) => v.finding)).toEqual(CATALOGUE.map((f) => f.id));
    expect(new Set(verdicts.map((v) => v.region))).toEqual(new Set(['cambridge']));
    // the same rows as the library with check's selection (cap 30) and seed
    const expected = checkFindings(
      context.dataset,
      { ...CLUSTER_COMPARISON_DEFAULTS, region: 'cambridge' },
      { seed: 1 },
    );
    expect(verdicts).toEqual(JSON.parse(JSON.stringify(expected)));
    expect((await getJson('/api/info')).body.findings).toBe(true);
  });
});

describe('bad requests', () => {
  it.each([
    ['/api/regions/cambridge/measures?years=abc', /query\.years: expected a year/],
    ['/api/regions/cambridge/measures?years=2000-1990', /first year after last/],
    ['/api/regions/cambridge/measures?families=nope', /query\.families/],
    ['/api/regions/cambridge/measures?colour=red', /query: Unrecognized key/i],
    ['/api/regions/cambridge/network?maxEdges=-1', /query\.maxEdges/],
    ['/api/regions/cambridge/network?maxProjectSize=1', /whole number ≥ 2/],
    ['/api/compare', /query\.regions/],
    ['/api/map?measure=gdp', /query\.measure/],
    ['/api/jobs/12', /path\.id: expected a job id/],
  ])('%s → 400', async (path, message) => {
    const { status, body } = await getJson(path);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });

  it('unknown region → 404 naming the known ones', async () => {
    for (const path of [
      '/api/regions/atlantis',
      '/api/regions/atlantis/network',
      '/api/compare?regions=cambridge,atlantis',
    ]) {
      const { status, body } = await getJson(path);
      expect(status).toBe(404);
      expect(body.message).toMatch(/unknown region 'atlantis'.*cambridge/);
    }
    expect((await getJson('/api/jobs/job-999')).status).toBe(404);
  });

  it('serves only the built files: path traversal → 404', async () => {
    expect((await rawGet('/')).body).toContain('<title>Milieu</title>');
    expect((await rawGet('/assets/app.js')).status).toBe(200);
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '//etc/passwd',
      '/index.html/../../secret.txt',
    ]) {
      const r = await rawGet(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('not to be served');
    }
  });

  it('refuses request bodies over the bound (413) and malformed ensemble requests (400)', async () => {
    const big = JSON.stringify({ scenario: 'baseline', pad: 'x'.repeat(100 * 1024) });
    const r = await fetch(`${base}/api/ensembles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(r.status).toBe(413);
    const post = (body: unknown) =>
      fetch(`${base}/api/ensembles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const cases: [unknown, RegExp][] = [
      [{ scenario: 'nowhere' }, /unknown scenario 'nowhere'/],
      [{ scenario: '../baseline' }, /unknown scenario/],
      [{ scenario: 'baseline', replicates: 0 }, /body\.replicates/],
      [{ scenario: 'baseline', parameters: { warpSpeed: 1 } }, /unknown parameter 'warpSpeed'/],
      [{ scenario: 'baseline', parameters: { mobilityRate: 7 } }, /mobilityRate/],
      [{ scenario: 'baseline', years: { from: 1990, to: 1980 } }, /years\.from must not be after/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    const notJson = await fetch(`${base}/api/ensembles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
  });
});

describe('ensembles', () => {
  it('queues 50 concurrent ensemble requests and runs every one to completion', async () => {
    const request = { scenario: 'baseline', replicates: 1, seed: 7, years: { from: 1970, to: 1972 } };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${base}/api/ensembles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...request, parameters: { mobilityRate: 0.01 + (i % 5) * 0.01 } }),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(50);
    // the server answers other requests while the queue works
    expect((await getJson('/api/info')).status).toBe(200);
    await server.queue.drained();
    const jobs = await Promise.all(ids.map((id) => getJson(`/api/jobs/${id}`)));
    for (const j of jobs) expect(j.body).toMatchObject({ state: 'done', done: 1, total: 1, error: null });
    // same request and seed → same outcomes (jobs 0 and 5 asked for the same lever value)
    expect(jobs[0].body.result).toEqual(jobs[5].body.result);
    expect(jobs[0].body.result).not.toEqual(jobs[1].body.result);
  });

  it('reports each outcome with its mean and interval against the baseline', async () => {
    const res = await fetch(`${base}/api/ensembles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'baseline', replicates: 3, seed: 1, years: { from: 1970, to: 1973 } }),
    });
    const { id } = (await res.json()) as { id: string };
    await server.queue.drained();
    const { body } = await getJson(`/api/jobs/${id}`);
    const result = body.result as {
      seeds: number[];
      outcomes: {
        outcome: string;
        values: number[];
        baseline: number[];
        mean: number;
        low: number;
        high: number;
      }[];
    };
    expect(result.seeds).toEqual([1, 2, 3]);
    for (const o of result.outcomes) {
      // no lever: the scenario and its baseline are the same runs
      expect(o.values).toEqual(o.baseline);
      const xs = o.values.filter((v) => v !== null).sort((a, b) => a - b);
      if (xs.length === 3) {
        expect(o.mean).toBeCloseTo((xs[0] + xs[1] + xs[2]) / 3, 12);
        // type-7 quantile of three values: h = 2q
        expect(o.low).toBeCloseTo(xs[0] + 0.05 * (xs[1] - xs[0]), 12);
        expect(o.high).toBeCloseTo(xs[1] + 0.95 * (xs[2] - xs[1]), 12);
      }
    }
  });

  it('refuses new jobs with 503 when the queue is full', async () => {
    const full = buildApp(context, { maxQueued: 0, webRoot: null });
    const url = await full.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${url}/api/ensembles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'baseline', replicates: 1 }),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { message: string }).message).toMatch(/queue is full/);
    } finally {
      await full.app.close();
    }
  });

  it('quantile interpolates linearly between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantile([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
    expect(quantile([5], 0.5)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});
