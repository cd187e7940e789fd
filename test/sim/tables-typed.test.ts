/**
 * A simulated run's Dataset in memory takes its ties, participations, spin-offs and the numeric
 * employment and moves columns straight from the state (tables-typed.ts), and its raw tables build
 * their id strings only when read. Both must give what decoding the raw tables gives: the same
 * Dataset, and the same output from every family that reads the numeric columns.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { evolution, mobility, spinoffs, ties } from '../../src/measures/index.ts';
import { loadScenario, simulate } from '../../src/sim/index.ts';
import { lazyTable } from '../../src/sim/tables-typed.ts';
import { ROOT } from '../helpers.ts';

const run = (file: string, seed: number) =>
  simulate(loadScenario(join(ROOT, 'examples/scenarios', file)), { seed, hash: false });

describe('a run’s typed columns', () => {
  for (const [file, seed] of [
    ['baseline.json', 5],
    ['policy-mix.json', 2],
  ] as const) {
    it(`equal the raw tables decoded by buildDataset (${file}, seed ${seed})`, () => {
      const sim = run(file, seed);
      // decoding the raw tables reads (and so builds) every id string
      const decoded = buildDataset(sim.raw, { source: sim.dataset.meta.source });
      const d = sim.dataset;
      expect(d.ties.count).toBeGreaterThan(50);
      expect(d.participations.count).toBeGreaterThan(10);
      expect(d.spinoffs.count).toBeGreaterThan(5);
      expect(d.ties).toEqual(decoded.ties);
      expect(d.participations).toEqual(decoded.participations);
      expect(d.spinoffs).toEqual(decoded.spinoffs);
      expect(d.coParticipation).toEqual(decoded.coParticipation);
      expect(d.network).toEqual(decoded.network);
      expect(decoded.numeric).toBeUndefined();

      // the numeric columns, against the raw rows looked up by hand
      const index = new Map(d.organisations.id.map((id, i) => [id, i]));
      const emp = sim.raw.employment!;
      const numeric = d.numeric!;
      expect(numeric.employment.count).toBe(emp.rowCount);
      for (let r = 0; r < emp.rowCount; r += 7) {
        expect(numeric.employment.organisation[r]).toBe(index.get(emp.columns.organisation[r] as string));
        expect(numeric.employment.year[r]).toBe(emp.columns.year[r]);
        expect(numeric.employment.employees[r]).toBe(emp.columns.employees[r]);
      }
      const mv = sim.raw.moves!;
      expect(numeric.moves.count).toBe(mv.rowCount);
      let outside = 0;
      for (let r = 0; r < mv.rowCount; r++) {
        const from = mv.columns.from[r];
        if (from === null) outside++;
        expect(numeric.moves.from[r]).toBe(from === null ? -1 : index.get(from as string));
        expect(numeric.moves.to[r]).toBe(index.get(mv.columns.to[r] as string));
        expect(numeric.moves.year[r]).toBe(mv.columns.year[r]);
      }
      expect(outside).toBeGreaterThan(0);
    });
  }

  it('give the evolution, spinoffs, ties and mobility families the same output as the id strings do', () => {
    const sim = run('baseline.json', 9);
    const decoded = buildDataset(sim.raw, { source: sim.dataset.meta.source });
    for (const selection of [
      { region: sim.manifest.runId },
      {},
      { years: [1985, 1995] as [number, number] },
    ]) {
      expect(evolution(sim.dataset, selection)).toEqual(evolution(decoded, selection));
      expect(spinoffs(sim.dataset, selection, { seed: 3 })).toEqual(
        spinoffs(decoded, selection, { seed: 3 }),
      );
      expect(ties(sim.dataset, selection)).toEqual(ties(decoded, selection));
      expect(mobility(sim.dataset, selection)).toEqual(mobility(decoded, selection));
    }
  });
});

describe('lazyTable', () => {
  it('builds its columns once, on first read, in the given order, and takes an assigned column', () => {
    let builds = 0;
    const make = () =>
      lazyTable(2, ['a', 'b'], () => {
        builds++;
        return { b: ['x', 'y'], a: [1, 2] };
      });
    const t = make();
    expect(builds).toBe(0);
    expect(t.rowCount).toBe(2);
    expect(Object.keys(t.columns)).toEqual(['a', 'b']);
    expect(t.columns.b).toEqual(['x', 'y']);
    expect(t.columns.a).toEqual([1, 2]);
    expect(builds).toBe(1);
    expect(JSON.stringify(make())).toBe('{"rowCount":2,"columns":{"a":[1,2],"b":["x","y"]}}');
    const u = make();
    u.columns.a = [3, 4];
    expect(u.columns).toEqual({ a: [3, 4], b: ['x', 'y'] });
    expect(Object.keys(u.columns)).toEqual(['a', 'b']);
  });
});
