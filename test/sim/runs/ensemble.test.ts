/**
 * Ensembles on the worker pool: the pool gives the numbers of a run on this thread, common random
 * numbers make paired differences tighter than unpaired ones, the manifest records what ran, and
 * unknown measures are refused with the allowed names.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.ts';
import { loadScenario } from '../../../src/sim/index.ts';
import { checkMeasures, runEnsemble, runReplicate, runScenarios } from '../../../src/sim/runs/index.ts';
import { MILIEU_VERSION } from '../../../src/version.ts';
import { ROOT } from '../../helpers.ts';

const baseline = loadScenario(join(ROOT, 'examples/scenarios/baseline.json'));
const more = loadScenario(join(ROOT, 'examples/scenarios/university-spinoffs.json'));
const years = { from: 1980, to: 1987 };
const measures = ['spinoffs.count', 'evolution.births', 'mobility.moves', 'ties.localShare'];

describe('runEnsemble', () => {
  it('gives, for every scenario and replicate, the values of that run computed on this thread', async () => {
    const result = await runEnsemble([baseline, more], {
      replicates: 3,
      seed: 5,
      workers: 2,
      measures,
      years,
    });
    for (const [s, scenario] of [baseline, more].entries())
      for (let r = 0; r < 3; r++) {
        const here = runReplicate({ scenario, seed: 5 + r, years, measures });
        expect(result.values[s].map((byRep) => byRep[r])).toEqual(here.values);
      }
    // summaries and paired differences are those of the values
    const births = result.rows[1];
    expect(births.measure).toBe('evolution.births');
    const a = result.values[0][1] as number[];
    const b = result.values[1][1] as number[];
    expect(births.scenarios[0].summary.mean).toBeCloseTo((a[0] + a[1] + a[2]) / 3, 12);
    expect(births.scenarios[1].difference?.mean).toBeCloseTo(
      (b[0] - a[0] + b[1] - a[1] + b[2] - a[2]) / 3,
      12,
    );
    expect(births.scenarios[0].difference).toBeNull();
    // the manifest: version, hashes, parameters, seeds
    expect(result.manifest.milieuVersion).toBe(MILIEU_VERSION);
    expect(result.manifest.scenarios.map((s) => s.hash)).toEqual([baseline.hash, more.hash]);
    expect(result.manifest.scenarios[1].parameters.spinoffRateUniversity).toBe(0.012);
    expect([result.manifest.firstSeed, result.manifest.lastSeed]).toEqual([5, 7]);
    expect(result.manifest.scenarios[0].years).toEqual(years);
  });

  it('paired differences (common random numbers) have a narrower interval than unpaired ones', async () => {
    const R = 24;
    const { values } = await runScenarios([baseline, more], {
      replicates: R,
      seed: 1,
      workers: 2,
      measures: ['mobility.moves', 'evolution.births'],
      years,
    });
    for (let m = 0; m < 2; m++) {
      const a = values[0][m] as number[];
      const b = values[1][m] as number[];
      const paired = b.map((v, r) => v - a[r]);
      // unpaired: replicate r of b against another replicate of a (independent seeds)
      const unpaired = b.map((v, r) => v - a[(r + 1) % R]);
      const width = (xs: number[]) => {
        const s = [...xs].sort((x, y) => x - y);
        const q = (p: number) => {
          const h = (s.length - 1) * p;
          const lo = Math.floor(h);
          return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
        };
        return q(0.95) - q(0.05);
      };
      expect(width(paired)).toBeLessThan(width(unpaired));
    }
  });

  it('refuses an unknown measure, listing the allowed names', () => {
    expect(() => checkMeasures(['spinoffs.count', 'spinoffs.bogus'])).toThrow(UsageError);
    expect(() => checkMeasures(['spinoffs.bogus'])).toThrow(
      /unknown measure spinoffs\.bogus \(allowed: .*ties\.localShare/,
    );
    const defaults = checkMeasures(undefined);
    expect(defaults).toContain('evolution.births');
    expect(defaults).toContain('mobility.moves');
    expect(defaults.every((n) => /^(evolution|spinoffs|ties|mobility)\./.test(n))).toBe(true);
  });
});
