/**
 * The demo database builder and the main job on two short scenarios (the shipped ten, cut to five
 * years, so the test stays small): built once, reused when it matches, built anew beside a store that
 * does not match without touching it, and the report files replaced only while Milieu wrote them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS, demoStore } from '../../src/demo/build.ts';
import { mainJob } from '../../src/demo/main-job.ts';
import { UsageError } from '../../src/errors.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { openStore } from '../../src/store/store.ts';
import { MILIEU_VERSION } from '../../src/version.ts';
import { runCli, tempDir } from '../helpers.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A scenario folder with the shipped Cambridge and Munich scenarios cut to 1970–1974. */
function shortScenarios(change: Record<string, number> = {}): string {
  const dir = join(tempDir('milieu-demo-scen-'), 'ten');
  mkdirSync(dir);
  for (const id of ['cambridge', 'munich']) {
    const s = JSON.parse(readFileSync(join(DEMO_SCENARIOS, `${id}.json`), 'utf8'));
    s.years = { from: 1970, to: 1974 };
    s.parameters = { ...s.parameters, ...change };
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(s));
  }
  return dir;
}

async function importFormats(db: string): Promise<string[]> {
  const store = await openStore(db, { create: false, readOnly: true });
  try {
    const rows = (await store.connection.runAndReadAll('SELECT format FROM imports ORDER BY id')).getRows();
    return rows.map(([f]) => String(f));
  } finally {
    store.close();
  }
}

describe('the demo database', () => {
  const scenarios = shortScenarios();
  const folder = join(tempDir('milieu-demo-'), 'milieu-demo');

  it('is built through the import path with a manifest of hashes, seeds and version', async () => {
    const demo = await demoStore({ folder, scenarios });
    expect(demo.reused).toBe(false);
    expect(demo.path).toBe(join(folder, 'demo.duckdb'));
    const manifest = JSON.parse(readFileSync(join(folder, 'demo.json'), 'utf8'));
    expect(manifest.milieuVersion).toBe(MILIEU_VERSION);
    expect(manifest.simulated).toBe(true);
    expect(manifest.runs.map((r: { file: string }) => r.file)).toEqual(['cambridge.json', 'munich.json']);
    for (const run of manifest.runs) {
      expect(run.scenarioHash).toBe(loadScenario(join(scenarios, run.file)).hash);
      expect(run.seed).toBe(1);
      expect(run.years).toEqual({ from: 1970, to: 1974 });
    }
    // each run is one validated import recording its seed, scenario hash, years and version
    const formats = await importFormats(demo.path);
    expect(formats).toEqual(manifest.runs.map((r: { format: string }) => r.format));
    expect(formats[0]).toBe(
      `simulation seed=1 scenario=sha256:${manifest.runs[0].scenarioHash} years=1970-1974 run=s${manifest.runs[0].scenarioHash.slice(0, 8)}-1 milieu=${MILIEU_VERSION}`,
    );
  });

  it('is reused, untouched, when it was built from the same scenarios and version', async () => {
    const before = {
      hash: sha(join(folder, 'demo.duckdb')),
      mtime: statSync(join(folder, 'demo.duckdb')).mtimeMs,
    };
    const demo = await demoStore({ folder, scenarios });
    expect(demo.reused).toBe(true);
    expect(demo.path).toBe(join(folder, 'demo.duckdb'));
    expect(sha(demo.path)).toBe(before.hash);
    expect(statSync(demo.path).mtimeMs).toBe(before.mtime);
  });

  it('is built anew beside one built from other scenarios, which it leaves as it was', async () => {
    const old = { db: sha(join(folder, 'demo.duckdb')), manifest: sha(join(folder, 'demo.json')) };
    const demo = await demoStore({ folder, scenarios: shortScenarios({ mobilityRate: 0.2 }) });
    expect(demo.reused).toBe(false);
    expect(demo.path).toBe(join(folder, 'demo-2.duckdb'));
    expect(sha(join(folder, 'demo.duckdb'))).toBe(old.db);
    expect(sha(join(folder, 'demo.json'))).toBe(old.manifest);
    // and the first is still the one reused for the first scenarios
    expect((await demoStore({ folder, scenarios })).path).toBe(join(folder, 'demo.duckdb'));
  });

  it('never touches a file of the same name that Milieu did not write', async () => {
    const other = join(tempDir('milieu-demo-'), 'd');
    mkdirSync(other);
    writeFileSync(join(other, 'demo.duckdb'), 'my own notes\n');
    const demo = await demoStore({ folder: other, scenarios });
    expect(demo.path).toBe(join(other, 'demo-2.duckdb'));
    expect(readFileSync(join(other, 'demo.duckdb'), 'utf8')).toBe('my own notes\n');
  });

  it('refuses a folder that is a file', async () => {
    const file = join(tempDir('milieu-demo-'), 'f');
    writeFileSync(file, 'x');
    await expect(demoStore({ folder: file, scenarios })).rejects.toThrow(UsageError);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

describe('the main job', () => {
  const scenarios = shortScenarios();
  let folder: string;

  beforeAll(() => {
    folder = join(tempDir('milieu-main-'), 'milieu-demo');
  });

  it('writes the report, SIMULATED, beside the database, and rewrites only its own files', async () => {
    const first = await mainJob({ folder, scenarios });
    expect(first.html).toBe(join(folder, 'report.html'));
    const html = readFileSync(first.html, 'utf8');
    expect(html).toContain('SIMULATED DATA');
    expect(html).not.toContain('Findings: not yet checked.');
    expect(html).toContain('<table id="verdicts">');
    // one verdict row per finding and region, on every one of the study's regions
    expect(html.match(/<td>university-spinoff-share<\/td>/g)?.length).toBe(2);
    expect(html).toContain('<th scope="col">Cambridge</th><th scope="col">Munich</th>');
    const md = readFileSync(first.markdown, 'utf8');
    expect(md).toMatch(/^# Ten simulated/);
    // the same database and seed give the same bytes; Milieu's own report is replaced
    const again = await mainJob({ folder, scenarios });
    expect(again.demo.reused).toBe(true);
    expect(readFileSync(again.html, 'utf8')).toBe(html);
    // a report someone edited is not Milieu's any more: refused, left as it is
    writeFileSync(first.html, 'edited by hand\n');
    await expect(mainJob({ folder, scenarios })).rejects.toThrow(/Milieu did not write it/);
    expect(readFileSync(first.html, 'utf8')).toBe('edited by hand\n');
  });

  it('keeps the Fenland example as milieu demo --fenland', () => {
    const r = runCli(['demo', '--fenland']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/organisations\s+18\n/);
    expect(runCli(['demo', '--db', 'x.duckdb']).status).toBe(2);
  });
});
