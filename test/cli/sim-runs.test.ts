/**
 * `milieu ensemble`, `sweep` and `calibrate` from the command line: byte-identical output whatever
 * the number of workers, no progress output when stderr is not a terminal, exit 2 with the field
 * and its range (or the allowed names) for bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, simulate } from '../../src/sim/index.ts';
import { measureRun } from '../../src/sim/runs/index.ts';
import { ROOT, runCli, tempDir } from '../helpers.ts';

const BASE = 'examples/scenarios/baseline.json';
const MORE = 'examples/scenarios/university-spinoffs.json';

describe('milieu ensemble', () => {
  it('prints the same bytes with 1 and 2 workers, and nothing on stderr when not a terminal', () => {
    const args = ['ensemble', '--scenarios', `${BASE},${MORE}`, '--replicates', '3', '--years', '1980-1984'];
    const one = runCli([...args, '--workers', '1', '--json', '--measures', 'spinoffs.count,ties.localShare']);
    const two = runCli([...args, '--workers', '2', '--json', '--measures', 'spinoffs.count,ties.localShare']);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const out = JSON.parse(one.stdout);
    expect(out.manifest.files).toEqual([BASE, MORE]);
    expect(out.manifest.scenarios.map((s: { label: string }) => s.label)).toEqual([
      'baseline',
      'university-spinoffs',
    ]);
    expect(out.rows.map((r: { measure: string }) => r.measure)).toEqual([
      'spinoffs.count',
      'ties.localShare',
    ]);
    expect(out.rows[0].scenarios[1].difference.n).toBe(3);
  });

  it('exits 2 on an unknown measure, listing the allowed ones', () => {
    const r = runCli(['ensemble', '--scenarios', BASE, '--replicates', '2', '--measures', 'ties.nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown measure ties\.nope \(allowed: evolution\.births, .*mobility\.moves/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('milieu sweep', () => {
  it('exits 2 naming the field and its range for a value out of range, and an unknown parameter', () => {
    const r = runCli(['sweep', '--scenario', BASE, '--grid', 'mobilityRate=0:2:3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('parameters.mobilityRate: 2 is out of range: expected a number in [0, 1]');
    const u = runCli(['sweep', '--scenario', BASE, '--lhs', '3', '--vary', 'nonsense']);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/unknown parameter nonsense \(parameters: .*mobilityRate/);
  });

  it('writes the table as CSV, and refuses to overwrite it without --force', () => {
    const dir = tempDir();
    const csv = join(dir, 'sweep.csv');
    const args = [
      'sweep',
      '--scenario',
      BASE,
      '--grid',
      'exitRate=0.02:0.06:2',
      '--replicates',
      '2',
      '--workers',
      '1',
    ];
    const more = ['--years', '1980-1983', '--measures', 'evolution.exits', '--csv', csv];
    const r = runCli([...args, ...more]);
    expect(r.status).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('point,exitRate,measure,n,mean,low,high');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '1,0.02,evolution.exits,2',
      '2,0.06,evolution.exits,2',
    ]);
    const again = runCli([...args, ...more]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
    expect(runCli([...args, ...more, '--force']).status).toBe(0);
  });
});

describe('milieu calibrate', () => {
  it('reads the observation from the target database as `measure --region` would, and fits within the prior', () => {
    const dir = tempDir();
    const db = join(dir, 'observed.duckdb');
    expect(
      runCli(['simulate', '--scenario', BASE, '--seed', '77', '--from', '1980', '--to', '1984', '--out', db])
        .status,
    ).toBe(0);
    const measures = ['spinoffs.count', 'mobility.localMovesPer100Employees'];
    const r = runCli([
      'calibrate',
      '--scenario',
      BASE,
      '--target',
      db,
      '--region',
      'cambridge',
      '--fit',
      'mobilityRate=0:0.2',
      '--measures',
      measures.join(','),
      '--samples',
      '8',
      '--accept',
      '0.5',
      '--workers',
      '1',
      '--years',
      '1980-1984',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    // the same run in memory, measured on its own region, gives the observation
    const run = simulate(loadScenario(join(ROOT, BASE)), { seed: 77, years: { from: 1980, to: 1984 } });
    expect(out.manifest.target.observed).toEqual(measureRun(run.dataset, run.manifest.runId, measures, 1));
    expect(out.manifest.accepted).toBe(4);
    expect(out.draws).toHaveLength(4);
    const [p] = out.posterior;
    expect(p.parameter).toBe('mobilityRate');
    expect(p.low).toBeGreaterThanOrEqual(0);
    expect(p.high).toBeLessThanOrEqual(0.2);
  });

  it('exits 2 naming the field and its range for a prior out of range', () => {
    const r = runCli([
      'calibrate',
      '--scenario',
      BASE,
      '--target',
      'nowhere.duckdb',
      '--region',
      'cambridge',
      '--fit',
      'exitRate=0:4',
      '--measures',
      'evolution.exits',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('parameters.exitRate: 4 is out of range: expected a number in [0, 1]');
  });
});
