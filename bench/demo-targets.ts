/**
 * The figure the ten demo scenarios are calibrated to (docs/demo.md, "Calibration"): for each study
 * cluster, the share of its co-participation ties (distinct pairs of organisations sharing an R&D
 * project, projects of at most 30 organisations) that lie inside the cluster — `milieu rtd`'s
 * "intra-cluster %" — on the real Horizon 2020 participations and on the cluster's simulated demo
 * run (its scenario file, seed 1, all its years). Beside it, not fitted, the share of the cluster's
 * firm–university co-participation ties that lie inside it, real and simulated.
 *
 *   node bin/milieu.js import h2020.duckdb ../shared/data/cordis --format cordis -q
 *   node --import tsx bench/demo-targets.ts h2020.duckdb      # real and simulated, side by side
 *   node --import tsx bench/demo-targets.ts                   # simulated only
 *   node --import tsx bench/demo-targets.ts h2020.duckdb --search
 *
 * `--search` is how the scenarios' `projectExternalShare` was chosen: for each cluster with real
 * share r, it simulates (seed 1) q = 1 − r·m for m = 0.5, 0.6, …, 2.0 (a project partner is local
 * with chance about 1 − q, and with few local partners the intra-cluster share is about that
 * chance) and prints the q whose simulated share lands nearest r.
 *
 * The real figures are recorded in test/demo/calibration.test.ts; never commit the data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../src/dataset/dataset.ts';
import { loadDataset } from '../src/dataset/load.ts';
import { findRegion } from '../src/dataset/regions.ts';
import { DEMO_SCENARIOS, DEMO_SEED, demoScenarios } from '../src/demo/build.ts';
import { withRegionContext } from '../src/regions/arguments.ts';
import { rtdLinkages } from '../src/report/rtd.ts';
import { parseScenario } from '../src/sim/scenario.ts';
import { simulate } from '../src/sim/simulate.ts';
import { openStore } from '../src/store/store.ts';

/** The two figures of one study region: the calibrated one and an unfitted check beside it. */
export interface RegionFigures {
  /** Intra-cluster share of its co-participation ties (calibrated), or null with no ties. */
  intra: number | null;
  /** Share of its firm–university co-participation ties that lie inside it (not fitted). */
  firmUniversityInside: number | null;
}

export function regionFigures(dataset: Dataset, region: string): RegionFigures {
  const withRegions = withRegionContext(dataset);
  const [row] = rtdLinkages(withRegions, [findRegion(withRegions, region)], { top: 0 });
  const fu = row.firmUniversityInside + row.firmUniversityAcross;
  return {
    intra: row.scopeShares?.intraCluster ?? null,
    firmUniversityInside: fu === 0 ? null : row.firmUniversityInside / fu,
  };
}

/** The intra-cluster share of co-participation ties of one study region, or null with no ties. */
export function intraClusterShare(dataset: Dataset, region: string): number | null {
  return regionFigures(dataset, region).intra;
}

async function realFigures(db: string): Promise<Map<string, RegionFigures>> {
  const store = await openStore(db, { create: false, readOnly: true });
  try {
    const dataset = await loadDataset(store);
    return new Map(
      demoScenarios().map(({ scenario: s }) => [s.region.id, regionFigures(dataset, s.region.id)]),
    );
  } finally {
    store.close();
  }
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (100 * v).toFixed(2));
/** The simulated share of one demo scenario file with `projectExternalShare` set to q. */
function simulatedWith(file: string, q: number): number | null {
  const json = JSON.parse(readFileSync(join(DEMO_SCENARIOS, file), 'utf8'));
  json.parameters = { ...json.parameters, projectExternalShare: q };
  const scenario = parseScenario(json, file);
  return intraClusterShare(simulate(scenario, { seed: DEMO_SEED }).dataset, scenario.region.id);
}

const db = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (process.argv.includes('--search')) {
  if (!db) throw new Error('--search needs the real store: demo-targets.ts h2020.duckdb --search');
  const real = new Map([...(await realFigures(db))].map(([id, f]) => [id, f.intra]));
  console.log(['cluster', 'real %', 'best projectExternalShare', 'simulated %'].join('\t'));
  for (const { file, scenario } of demoScenarios()) {
    const r = real.get(scenario.region.id) ?? Number.NaN;
    let best = { q: Number.NaN, sim: Number.NaN };
    for (let m = 0.5; m <= 2.0001; m += 0.1) {
      const q = Number((1 - r * m).toFixed(4));
      const sim = simulatedWith(file, q) ?? Number.NaN;
      if (!(Math.abs(sim - r) >= Math.abs(best.sim - r))) best = { q, sim };
    }
    console.log([scenario.region.id, pct(r), best.q, pct(best.sim)].join('\t'));
  }
  process.exit(0);
}
const real = db ? await realFigures(db) : new Map<string, RegionFigures>();
console.log(
  [
    'cluster',
    'real intra-cluster %',
    'simulated intra-cluster % (seed 1)',
    'difference (points)',
    'simulated ties',
    'real firm–university inside %',
    'simulated firm–university inside % (not fitted)',
  ].join('\t'),
);
for (const { scenario } of demoScenarios()) {
  const ds = withRegionContext(simulate(scenario, { seed: DEMO_SEED }).dataset);
  const [row] = rtdLinkages(ds, [findRegion(ds, scenario.region.id)], { top: 0 });
  const sim = regionFigures(ds, scenario.region.id);
  const r = real.get(scenario.region.id);
  const diff =
    sim.intra !== null && r?.intra !== undefined && r.intra !== null
      ? (100 * (sim.intra - r.intra)).toFixed(2)
      : '—';
  console.log(
    [
      scenario.region.id,
      pct(r?.intra),
      pct(sim.intra),
      diff,
      row.ties,
      pct(r?.firmUniversityInside),
      pct(sim.firmUniversityInside),
    ].join('\t'),
  );
}
