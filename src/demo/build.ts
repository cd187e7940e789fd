/**
 * The ten-cluster demo database: the ten scenario files of `examples/scenarios/ten/` (docs/demo.md),
 * each simulated with its seed and stored through the validated import path (`importSimulation`,
 * one transaction per run), in one DuckDB file, with a manifest beside it recording the scenarios'
 * hashes, the seeds, the years and the Milieu version.
 *
 * Reuse, never overwrite: in the demo folder (default `milieu-demo/`) the databases are
 * `demo.duckdb`, `demo-2.duckdb`, … each with its manifest (`demo.json`, `demo-2.json`, …). A database
 * is reused when its manifest matches what would be built now and its imports are exactly the
 * expected runs (read-only). Otherwise a new one is built under the first free name beside it: a
 * database of another Milieu version, another scenario, or one that is not Milieu's is never opened
 * for writing, replaced or deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { writeFileSafely } from '../output-target.ts';
import type { Progress } from '../progress.ts';
import { importSimulation, simulationFormat } from '../sim/import-run.ts';
import { loadScenario, type Scenario } from '../sim/scenario.ts';
import { type SimulationManifest, simulate } from '../sim/simulate.ts';
import { openStoreForWriting } from '../store/open-for-writing.ts';
import { openStore } from '../store/store.ts';
import { MILIEU_VERSION } from '../version.ts';

/** The shipped scenario folder of the demo. */
export const DEMO_SCENARIOS = fileURLToPath(new URL('../../examples/scenarios/ten', import.meta.url));
/** The folder the main job uses when none is given (relative to the working folder). */
export const DEMO_FOLDER = 'milieu-demo';
/** Every demo run uses this seed; the runs differ by scenario (their ids carry the scenario hash). */
export const DEMO_SEED = 1;
const BASE = 'demo';
const MAX_CANDIDATES = 100;

export interface DemoRun {
  file: string;
  name: string;
  region: string;
  scenarioHash: string;
  seed: number;
  years: { from: number; to: number };
  runId: string;
  /** The import format the run is recorded with in the store. */
  format: string;
}

export interface DemoManifest {
  writtenBy: string;
  simulated: true;
  about: string;
  milieuVersion: string;
  /** SHA-256 of the version and every run's scenario hash, seed and years: what decides reuse. */
  key: string;
  database: string;
  runs: DemoRun[];
}

export interface DemoOptions {
  /** The demo folder (default `milieu-demo`, created when missing). */
  folder?: string;
  /** The scenario folder (default the shipped `examples/scenarios/ten`). */
  scenarios?: string;
  seed?: number;
  onProgress?: Progress;
}

export interface DemoStore {
  /** Path of the database. */
  path: string;
  manifestPath: string;
  manifest: DemoManifest;
  /** True when an existing matching database was reused. */
  reused: boolean;
}

/** The scenarios of a folder, in file-name order, validated. */
export function demoScenarios(folder = DEMO_SCENARIOS): { file: string; scenario: Scenario }[] {
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch (e) {
    throw new UsageError('demo', `cannot read the scenario folder ${folder}: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new UsageError('demo', `no scenario files (*.json) in ${folder}`);
  return names.map((file) => ({ file, scenario: loadScenario(join(folder, file)) }));
}

/** What the demo database built from these scenarios, seed and version holds. */
export function expectedManifest(
  scenarios: { file: string; scenario: Scenario }[],
  seed: number,
  database: string,
): DemoManifest {
  const runs: DemoRun[] = scenarios.map(({ file, scenario }) => {
    const runId = `s${scenario.hash.slice(0, 8)}-${seed}`;
    // the format does not depend on the output hash, so it is known before the run
    const format = simulationFormat({
      runId,
      seed,
      scenarioHash: scenario.hash,
      years: scenario.years,
      milieuVersion: MILIEU_VERSION,
    } as SimulationManifest);
    return {
      file,
      name: scenario.name,
      region: scenario.region.id,
      scenarioHash: scenario.hash,
      seed,
      years: scenario.years,
      runId,
      format,
    };
  });
  const key = createHash('sha256')
    .update(JSON.stringify([MILIEU_VERSION, runs.map((r) => [r.scenarioHash, r.seed, r.years])]))
    .digest('hex');
  return {
    writtenBy: `milieu ${MILIEU_VERSION}`,
    simulated: true,
    about:
      'SIMULATED: ten simulated clusters placed in the ten study regions to illustrate the model (docs/demo.md); not data about those regions.',
    milieuVersion: MILIEU_VERSION,
    key,
    database: database,
    runs,
  };
}

const candidate = (folder: string, k: number) => {
  const stem = k === 1 ? BASE : `${BASE}-${k}`;
  return { db: join(folder, `${stem}.duckdb`), manifest: join(folder, `${stem}.json`) };
};

function readManifest(path: string): DemoManifest | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DemoManifest;
  } catch {
    return null;
  }
}

/** True when the store at `db` holds exactly the expected runs (opened read-only, never migrated). */
async function holdsRuns(db: string, expected: DemoManifest): Promise<boolean> {
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    store = await openStore(db, { create: false, readOnly: true });
    const rows = (await store.connection.runAndReadAll('SELECT format FROM imports ORDER BY id')).getRows();
    const formats = rows.map(([f]) => String(f)).sort();
    const wanted = expected.runs.map((r) => r.format).sort();
    return formats.length === wanted.length && formats.every((f, i) => f === wanted[i]);
  } catch {
    return false;
  } finally {
    store?.close();
  }
}

/**
 * The demo database: reused when a matching one is in the folder, else built under the first free
 * name. Reports progress as `simulate` (one step per run).
 */
export async function demoStore(options: DemoOptions = {}): Promise<DemoStore> {
  const folder = options.folder ?? DEMO_FOLDER;
  const seed = options.seed ?? DEMO_SEED;
  const scenarios = demoScenarios(options.scenarios);
  prepareFolder(folder);
  let free: { db: string; manifest: string } | null = null;
  for (let k = 1; k <= MAX_CANDIDATES; k++) {
    const c = candidate(folder, k);
    const dbThere = existsSync(c.db) || existsSync(`${c.db}.wal`);
    const manifestThere = existsSync(c.manifest);
    if (!dbThere && !manifestThere) {
      free ??= c;
      continue;
    }
    const expected = expectedManifest(scenarios, seed, basename(c.db));
    const found = dbThere ? readManifest(c.manifest) : null;
    // the manifest is checked first, so a database of another version is never even opened
    if (
      found?.key === expected.key &&
      found.milieuVersion === MILIEU_VERSION &&
      (await holdsRuns(c.db, expected))
    )
      return { path: c.db, manifestPath: c.manifest, manifest: found, reused: true };
  }
  if (!free)
    throw new UsageError(
      'demo',
      `${folder} already holds ${MAX_CANDIDATES} demo databases that do not match this version; remove old ones or choose another folder`,
    );
  return build(free, options.scenarios ?? DEMO_SCENARIOS, scenarios, seed, options.onProgress);
}

function prepareFolder(folder: string): void {
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory())
      throw new UsageError('demo', `the demo folder ${folder} is a file; choose another folder`);
    return;
  }
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new UsageError('demo', `cannot create the demo folder ${folder}: ${(e as Error).message}`);
  }
}

async function build(
  target: { db: string; manifest: string },
  scenarioFolder: string,
  scenarios: { file: string; scenario: Scenario }[],
  seed: number,
  onProgress?: Progress,
): Promise<DemoStore> {
  const manifest = expectedManifest(scenarios, seed, basename(target.db));
  const { store, finish } = await openStoreForWriting(target.db, { mustBeNew: true });
  let ok = false;
  try {
    onProgress?.('simulate', 0, scenarios.length);
    for (const [i, { file, scenario }] of scenarios.entries()) {
      const run = simulate(scenario, { seed });
      await importSimulation(store, join(scenarioFolder, file), run.raw, run.manifest);
      onProgress?.('simulate', i + 1, scenarios.length);
    }
    ok = true;
  } finally {
    finish(ok);
  }
  writeFileSafely(target.manifest, `${JSON.stringify(manifest, null, 1)}\n`, { label: 'demo manifest' });
  return { path: target.db, manifestPath: target.manifest, manifest, reused: false };
}
