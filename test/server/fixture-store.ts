/**
 * The server tests' store: the shipped baseline scenario (examples/scenarios/baseline.json)
 * simulated in four of the study clusters, one seed each, stored through the validated import path
 * (src/sim/import-run.ts) — smaller and quicker to build than the ten-cluster demo that
 * `milieu serve --demo` serves, with the same tables.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importSimulation } from '../../src/sim/import-run.ts';
import { parseScenario } from '../../src/sim/scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { openStoreForWriting } from '../../src/store/open-for-writing.ts';

const BASELINE = fileURLToPath(new URL('../../examples/scenarios/baseline.json', import.meta.url));

/** The clusters the interim demo simulates, with the seed of each run. */
export const DEMO_RUNS: readonly { region: string; seed: number }[] = [
  { region: 'cambridge', seed: 1 },
  { region: 'grenoble', seed: 2 },
  { region: 'munich', seed: 3 },
  { region: 'sophia-antipolis', seed: 4 },
];

/** Creates the demo database at `path` (refused if the path exists: see open-for-writing.ts). */
export async function buildDemoDatabase(path: string, onRun?: (region: string) => void): Promise<void> {
  const json = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, unknown>;
  const { store, finish } = await openStoreForWriting(path, { mustBeNew: true });
  let ok = false;
  try {
    for (const { region, seed } of DEMO_RUNS) {
      onRun?.(region);
      const scenario = parseScenario({ ...json, name: `baseline in ${region}`, region }, BASELINE);
      const run = simulate(scenario, { seed });
      await importSimulation(store, BASELINE, run.raw, run.manifest);
    }
    ok = true;
  } finally {
    finish(ok);
  }
}
