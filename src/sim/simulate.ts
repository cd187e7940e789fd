/**
 * The library entry point: `simulate(scenario, { seed })` builds the initial world, runs the
 * scheduler and returns the package tables, a Dataset built from them in memory (no DuckDB), the
 * final state and a manifest (Milieu version, scenario hash, seed, run id, output hash).
 */
import { createHash } from 'node:crypto';
import { buildDataset } from '../dataset/build.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { RawTables } from '../dataset/raw.ts';
import { UsageError } from '../errors.ts';
import { MILIEU_VERSION } from '../version.ts';
import type { Scenario } from './scenario.ts';
import { type RunOptions, run, streamFor } from './scheduler.ts';
import { setup } from './setup.ts';
import type { SimState } from './state.ts';
import { toRawTables } from './tables.ts';
import { prebuiltColumns } from './tables-typed.ts';

export interface SimulateOptions extends RunOptions {
  /** The run's seed: an integer in [0, 2^32). */
  seed: number;
  /** Prefix of every id (default `s<first 8 hex digits of the scenario hash>-<seed>`). */
  runId?: string;
  /** Years to run instead of the scenario's. */
  years?: { from: number; to: number };
  /**
   * Compute the manifest's output hash (default true). Ensembles, sweeps and calibrations, which
   * keep only a run's indicators, turn it off: hashing the tables as JSON costs as much CPU as
   * the model itself.
   */
  hash?: boolean;
}

export interface SimulationManifest {
  simulated: true;
  milieuVersion: string;
  scenario: string;
  scenarioHash: string;
  seed: number;
  runId: string;
  years: { from: number; to: number };
  /** SHA-256 of the tables as canonical JSON; null when the run was made with `hash: false`. */
  outputHash: string | null;
}

export interface SimulationResult {
  raw: RawTables;
  dataset: Dataset;
  state: SimState;
  manifest: SimulationManifest;
}

export function simulate(scenario: Scenario, options: SimulateOptions): SimulationResult {
  const { seed } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new UsageError('sim', `invalid seed: ${seed} (expected an integer in [0, 4294967295])`);
  const years = options.years ?? scenario.years;
  if (!Number.isInteger(years.from) || !Number.isInteger(years.to) || years.from > years.to)
    throw new UsageError(
      'sim',
      `invalid years: ${years.from}-${years.to} (expected FIRST-LAST with FIRST ≤ LAST)`,
    );
  const run_ = { ...scenario, years };
  const runId = options.runId ?? `s${scenario.hash.slice(0, 8)}-${seed}`;
  const { state, places } = setup(run_, streamFor(seed, 'setup'));
  run(state, run_, seed, options);
  const raw = toRawTables(state, run_, places, { runId, seed });
  const outputHash =
    options.hash === false ? null : createHash('sha256').update(JSON.stringify(raw)).digest('hex');
  const manifest: SimulationManifest = {
    simulated: true,
    milieuVersion: MILIEU_VERSION,
    scenario: scenario.name,
    scenarioHash: scenario.hash,
    seed,
    runId,
    years,
    outputHash,
  };
  // the typed columns straight from the state: the raw tables' id strings are then built only if
  // something reads them (the output hash, an import), never for an ensemble's measures
  const dataset = buildDataset(
    raw,
    { source: `simulation ${runId}`, inputHashes: outputHash === null ? [] : [outputHash] },
    prebuiltColumns(state),
  );
  return { raw, dataset, state, manifest };
}
