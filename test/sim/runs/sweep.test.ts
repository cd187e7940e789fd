/** Parameter points (grid, Latin hypercube, changed scenarios) and sweeps on the pool. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.ts';
import { loadScenario, PARAMETER_SPECS, parseScenario } from '../../../src/sim/index.ts';
import {
  gridPoints,
  latinHypercube,
  parseGridAxis,
  parseRange,
  runReplicate,
  runSweep,
  withParameters,
} from '../../../src/sim/runs/index.ts';
import { ROOT } from '../../helpers.ts';

const file = join(ROOT, 'examples/scenarios/baseline.json');
const baseline = loadScenario(file);

describe('parameter points', () => {
  it('a changed scenario is the one parseScenario gives for the same file with those values', () => {
    expect(withParameters(baseline, {}).hash).toBe(baseline.hash);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const edited = parseScenario({
      ...json,
      parameters: { ...json.parameters, mobilityRate: 0.1, exitRate: 0.07 },
    });
    const changed = withParameters(baseline, { exitRate: 0.07, mobilityRate: 0.1 });
    expect(changed).toEqual(edited);
    expect(baseline.parameters.mobilityRate).toBe(0.06); // the original is left alone
  });

  it('refuses unknown parameters and values out of range, naming the field and the range', () => {
    expect(() => withParameters(baseline, { noSuch: 1 })).toThrow(
      /unknown parameter noSuch \(parameters: spinoffRateUniversity,/,
    );
    expect(() => withParameters(baseline, { mobilityRate: 1.5 })).toThrow(
      'parameters.mobilityRate: 1.5 is out of range: expected a number in [0, 1] (1/person/year)',
    );
    expect(() => parseGridAxis('exitRate=0:2:3')).toThrow(UsageError);
    expect(() => parseGridAxis('exitRate=0:0.1')).toThrow(/PARAM=a:b:n/);
  });

  it('grids: n evenly spaced values per axis, every combination, the last axis fastest', () => {
    expect(parseGridAxis('mobilityRate=0.02:0.1:5').values.map((v) => +v.toFixed(12))).toEqual([
      0.02, 0.04, 0.06, 0.08, 0.1,
    ]);
    expect(parseGridAxis('exitRate=0.05:0.2:1').values).toEqual([0.05]);
    const points = gridPoints([parseGridAxis('exitRate=0:0.1:2'), parseGridAxis('mobilityRate=0:1:3')]);
    expect(points).toEqual([
      { exitRate: 0, mobilityRate: 0 },
      { exitRate: 0, mobilityRate: 0.5 },
      { exitRate: 0, mobilityRate: 1 },
      { exitRate: 0.1, mobilityRate: 0 },
      { exitRate: 0.1, mobilityRate: 0.5 },
      { exitRate: 0.1, mobilityRate: 1 },
    ]);
  });

  it('a Latin hypercube puts exactly one point in each of the n strata of every range', () => {
    const ranges = [parseRange('mobilityRate'), parseRange('tieFormationRate=0.1:0.5')];
    expect(ranges[0]).toEqual({
      name: 'mobilityRate',
      min: PARAMETER_SPECS.mobilityRate.min,
      max: PARAMETER_SPECS.mobilityRate.max,
    });
    const n = 20;
    const points = latinHypercube(ranges, n, 3);
    for (const r of ranges) {
      const strata = points
        .map((p) => Math.floor(((p[r.name] - r.min) / (r.max - r.min)) * n))
        .sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(latinHypercube(ranges, n, 3)).toEqual(points);
    expect(latinHypercube(ranges, n, 4)).not.toEqual(points);
  });
});

describe('runSweep', () => {
  it('summarises, at each point, the runs of the scenario with that point’s values', async () => {
    const years = { from: 1980, to: 1984 };
    const measures = ['spinoffs.count', 'evolution.births'];
    const points = gridPoints([parseGridAxis('spinoffRateUniversity=0:0.02:2')]);
    const result = await runSweep(baseline, points, { replicates: 2, seed: 9, workers: 2, measures, years });
    expect(result.manifest.parameters).toEqual(['spinoffRateUniversity']);
    for (const [i, point] of points.entries()) {
      const scenario = withParameters(baseline, point);
      expect(result.points[i].scenarioHash).toBe(scenario.hash);
      const runs = [9, 10].map((seed) => runReplicate({ scenario, seed, years, measures }).values);
      for (let m = 0; m < measures.length; m++)
        expect(result.points[i].summaries[m].mean).toBeCloseTo(
          ((runs[0][m] as number) + (runs[1][m] as number)) / 2,
          12,
        );
    }
    // no university spin-offs at rate 0, more at 0.02 (the same seeds)
    expect(result.points[1].summaries[0].mean as number).toBeGreaterThan(
      result.points[0].summaries[0].mean as number,
    );
  });
});
