/** The indicators of a run as the pool computes them are those of the measure families as `milieu measure` runs them. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../src/measures/index.ts';
import { loadScenario, simulate } from '../../../src/sim/index.ts';
import {
  checkMeasures,
  DEFAULT_FAMILIES,
  indicatorCatalogue,
  measureRun,
} from '../../../src/sim/runs/index.ts';
import { ROOT } from '../../helpers.ts';

describe('measureRun', () => {
  it('gives every default indicator exactly as the families do (the spinoffs family without its bootstrap)', () => {
    const run = simulate(loadScenario(join(ROOT, 'examples/scenarios/baseline.json')), { seed: 4 });
    const region = run.manifest.runId;
    const names = checkMeasures(undefined);
    const expected = new Map<string, number | null>();
    for (const family of DEFAULT_FAMILIES)
      for (const ind of FAMILIES[family](run.dataset, { region }, { seed: 4 }).indicators)
        expected.set(ind.name, ind.value);
    expect(names).toEqual([...expected.keys()]);
    const got = measureRun(run.dataset, region, names, 4);
    expect(got).toEqual(names.map((n) => expected.get(n)));
    expect(got.filter((v) => v !== null).length).toBeGreaterThan(names.length * 0.8);
    // any order, any family: the values follow the names asked for
    expect(measureRun(run.dataset, region, ['ties.count', 'network.density', 'spinoffs.count'], 4)).toEqual([
      expected.get('ties.count'),
      FAMILIES.network(run.dataset, { region }, { seed: 4 }).indicators.find(
        (i) => i.name === 'network.density',
      )?.value,
      expected.get('spinoffs.count'),
    ]);
  });

  it('the catalogue holds every family’s indicators with their units', () => {
    const catalogue = indicatorCatalogue();
    expect(catalogue.get('spinoffs.count')).toEqual({ family: 'spinoffs', unit: 'spin-offs' });
    expect(catalogue.get('largeFirms.acquisitions')?.family).toBe('large-firms');
    expect([...catalogue.values()].every((v) => v.unit !== null)).toBe(true);
  });
});
