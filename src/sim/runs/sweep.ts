/**
 * Sweeps: one scenario run R times at each point of a grid or a Latin hypercube over its
 * parameters, the chosen measures summarised per point (mean, 5–95% interval). Replicate r at every
 * point runs with seed + r, so the points are compared with common random numbers, as the
 * scenarios of an ensemble are.
 */
import { UsageError } from '../../errors.ts';
import { MILIEU_VERSION } from '../../version.ts';
import type { Scenario } from '../scenario.ts';
import { type RunsManifest, type RunsOptions, runScenarios } from './ensemble.ts';
import { indicatorCatalogue } from './indicators.ts';
import { withParameters } from './parameter-space.ts';
import { type Summary, summarise } from './stats.ts';

export interface SweepResult {
  manifest: RunsManifest & {
    kind: 'sweep';
    scenario: {
      name: string;
      hash: string;
      parameters: Scenario['parameters'];
      years: { from: number; to: number };
    };
    design: string;
    parameters: string[];
  };
  units: (string | null)[];
  points: {
    /** The swept parameters' values at this point. */
    parameters: Record<string, number>;
    /** Hash of the scenario with these values (what `milieu simulate` would record). */
    scenarioHash: string;
    /** One per measure, in the manifest's order. */
    summaries: Summary[];
  }[];
}

/** Runs a sweep over `points` (from gridPoints or latinHypercube); `design` says which, for the manifest. */
export async function runSweep(
  scenario: Scenario,
  points: readonly Record<string, number>[],
  options: RunsOptions & { design?: string },
): Promise<SweepResult> {
  if (points.length === 0) throw new UsageError('sim', 'a sweep needs at least one point');
  const scenarios = points.map((p) => withParameters(scenario, p));
  const { measures, values, seed, replicates } = await runScenarios(scenarios, options);
  const catalogue = indicatorCatalogue();
  return {
    manifest: {
      kind: 'sweep',
      milieuVersion: MILIEU_VERSION,
      replicates,
      firstSeed: seed,
      lastSeed: seed + replicates - 1,
      measures,
      scenario: {
        name: scenario.name,
        hash: scenario.hash,
        parameters: scenario.parameters,
        years: options.years ?? scenario.years,
      },
      design: options.design ?? 'points',
      parameters: Object.keys(points[0]),
    },
    units: measures.map((m) => catalogue.get(m)?.unit ?? null),
    points: points.map((p, i) => ({
      parameters: p,
      scenarioHash: scenarios[i].hash,
      summaries: values[i].map((v) => summarise(v)),
    })),
  };
}
