/**
 * `milieu ensemble`, `sweep` and `calibrate` from the command line: byte-identical output whatever
 * the number of workers, no progress output when stderr is not a terminal, exit 2 with the field
 * and its range (or the allowed names) for bad input.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.ts';

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
