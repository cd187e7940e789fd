/**
 * Ensembles: several scenarios, each run R times, compared as paired counterfactuals with common
 * random numbers. Replicate r of every scenario runs with the same seed (seed + r); the simulator
 * draws each process from its own stream seeded by the run's seed (scheduler.ts), so two scenarios'
 * replicate r see the same random numbers wherever their states agree, and the difference between
 * them is mostly the scenarios' difference, not noise. Each measure is reported as a distribution
 * over replicates (mean, 5–95% interval) and, for every scenario after the first, the paired
 * difference to the first (the distribution of x_s,r − x_1,r, and a 90% interval for its mean).
 */
import { UsageError } from '../../errors.ts';
import { MILIEU_VERSION } from '../../version.ts';
import type { Scenario } from '../scenario.ts';
import { checkMeasures, familiesOf, indicatorCatalogue } from './indicators.ts';
import { checkWorkers, runTasks } from './pool.ts';
import type { ReplicateTask } from './replicate.ts';
import { meanSd, pairedDifferences, type Summary, summarise } from './stats.ts';

export interface RunsOptions {
  /** Replicates per scenario (or per sweep point). */
  replicates: number;
  /** Replicate r runs with seed + r (default 1). */
  seed?: number;
  /** Worker threads (default: one per core). The results do not depend on it. */
  workers?: number;
  /** Indicator names (default: the evolution, spinoffs, ties and mobility families' indicators). */
  measures?: readonly string[];
  /** Years to run instead of each scenario's. */
  years?: { from: number; to: number };
  /** Called after each run with the runs done and the runs in total. */
  onProgress?: (done: number, total: number) => void;
}

export interface EnsembleOptions extends RunsOptions {
  /** A label per scenario (default: the scenarios' names). */
  labels?: readonly string[];
}

/** A paired difference's distribution, and a 90% interval for its mean (mean ± 1.645 · sd / √n). */
export interface Difference extends Summary {
  meanLow: number | null;
  meanHigh: number | null;
}

export interface ScenarioRecord {
  label: string;
  name: string;
  hash: string;
  parameters: Scenario['parameters'];
  years: { from: number; to: number };
}

export interface RunsManifest {
  milieuVersion: string;
  replicates: number;
  /** Replicate r ran with seed firstSeed + r. */
  firstSeed: number;
  lastSeed: number;
  measures: string[];
}

export interface EnsembleResult {
  manifest: RunsManifest & { kind: 'ensemble'; scenarios: ScenarioRecord[] };
  rows: {
    measure: string;
    unit: string | null;
    /** One per scenario, in the order given; `difference` is null for the first. */
    scenarios: { label: string; summary: Summary; difference: Difference | null }[];
  }[];
  /** values[s][m][r]: scenario s, measure m, replicate r (null = not available in that run). */
  values: (number | null)[][][];
}

/** Checks replicates and seed: replicates ≥ 1 and every seed + r within [0, 2^32). */
export function checkRuns(options: RunsOptions): { replicates: number; seed: number } {
  const { replicates } = options;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > 1_000_000)
    throw new UsageError(
      'sim',
      `invalid number of replicates: ${replicates} (expected a whole number from 1)`,
    );
  if (!Number.isInteger(seed) || seed < 0 || seed + replicates - 1 > 0xffffffff)
    throw new UsageError(
      'sim',
      `invalid seed: ${seed} (expected a whole number with seed + replicates − 1 ≤ 4294967295)`,
    );
  return { replicates, seed };
}

export function scenarioRecord(
  scenario: Scenario,
  label: string,
  years?: { from: number; to: number },
): ScenarioRecord {
  return {
    label,
    name: scenario.name,
    hash: scenario.hash,
    parameters: scenario.parameters,
    years: years ?? scenario.years,
  };
}

/**
 * Runs every scenario R times on the pool and returns the values (by scenario, measure,
 * replicate): the shared engine of ensembles, sweeps and calibration.
 */
export async function runScenarios(
  scenarios: readonly Scenario[],
  options: RunsOptions,
): Promise<{ measures: string[]; values: (number | null)[][][]; seed: number; replicates: number }> {
  const { replicates, seed } = checkRuns(options);
  const measures = checkMeasures(options.measures);
  const workers = checkWorkers(options.workers);
  const families = familiesOf(measures);
  const tasks: ReplicateTask[] = [];
  for (const scenario of scenarios)
    for (let r = 0; r < replicates; r++)
      tasks.push({
        scenario,
        seed: seed + r,
        measures,
        families,
        ...(options.years ? { years: options.years } : {}),
      });
  const results = await runTasks(tasks, {
    workers,
    ...(options.onProgress ? { onDone: options.onProgress } : {}),
  });
  const values = scenarios.map((_, s) =>
    measures.map((_m, m) =>
      Array.from({ length: replicates }, (_r, r) => results[s * replicates + r].values[m]),
    ),
  );
  return { measures, values, seed, replicates };
}

export function difference(base: readonly (number | null)[], other: readonly (number | null)[]): Difference {
  const d = pairedDifferences(base, other);
  const summary = summarise(d);
  const { n, mean, sd } = meanSd(d);
  const half = n > 1 ? (1.645 * sd) / Math.sqrt(n) : Number.NaN;
  return {
    ...summary,
    meanLow: Number.isFinite(half) ? mean - half : null,
    meanHigh: Number.isFinite(half) ? mean + half : null,
  };
}

/** Runs an ensemble (see the module comment). Same scenarios, options and seed → the same result, whatever the workers. */
export async function runEnsemble(
  scenarios: readonly Scenario[],
  options: EnsembleOptions,
): Promise<EnsembleResult> {
  if (scenarios.length === 0) throw new UsageError('sim', 'an ensemble needs at least one scenario');
  const labels = options.labels ?? scenarios.map((s) => s.name);
  if (labels.length !== scenarios.length)
    throw new UsageError('sim', `${labels.length} labels for ${scenarios.length} scenarios`);
  const { measures, values, seed, replicates } = await runScenarios(scenarios, options);
  const catalogue = indicatorCatalogue();
  const rows = measures.map((measure, m) => ({
    measure,
    unit: catalogue.get(measure)?.unit ?? null,
    scenarios: scenarios.map((_, s) => ({
      label: labels[s],
      summary: summarise(values[s][m]),
      difference: s === 0 ? null : difference(values[0][m], values[s][m]),
    })),
  }));
  return {
    manifest: {
      kind: 'ensemble',
      milieuVersion: MILIEU_VERSION,
      replicates,
      firstSeed: seed,
      lastSeed: seed + replicates - 1,
      measures,
      scenarios: scenarios.map((s, i) => scenarioRecord(s, labels[i], options.years)),
    },
    rows,
    values,
  };
}
