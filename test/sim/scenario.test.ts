import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  checkParameters,
  DEFAULTS,
  loadScenario,
  PARAMETER_SPECS,
  parseScenario,
} from '../../src/sim/index.ts';
import { ROOT, runCli, tempDir } from '../helpers.ts';

const BASELINE = join(ROOT, 'examples/scenarios/baseline.json');

function issues(json: unknown): { column: string | null; reason: string }[] {
  try {
    parseScenario(json, 'bad.json');
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => ({ column: i.column, reason: i.reason }));
    throw e;
  }
  return [];
}

const base = { region: 'cambridge', years: { from: 1980, to: 1990 } };

describe('scenario files', () => {
  it('the example scenario is valid, on the Cambridge definition, with the calendar it states', () => {
    const s = loadScenario(BASELINE);
    expect(s.region.nuts).toEqual(['UKH12']);
    expect(s.demand).toEqual([
      { from: 1990, to: 1992, level: 0.75 },
      { from: 1993, level: 1.15 },
    ]);
    expect(s.parameters.exitRate).toBe(DEFAULTS.exitRate);
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an unknown parameter is named', () => {
    const found = issues({ ...base, parameters: { spinoffRate: 0.1 } });
    expect(found).toHaveLength(1);
    expect(found[0].column).toBe('parameters');
    expect(found[0].reason).toMatch(/^unknown field spinoffRate \(parameters: spinoffRateUniversity, /);
  });

  it('a value out of range names the field and the allowed range', () => {
    expect(issues({ ...base, parameters: { mobilityRate: 1.5 } })).toEqual([
      {
        column: 'parameters.mobilityRate',
        reason: 'out of range: expected a number in [0, 1] (1/person/year)',
      },
    ]);
  });

  it('a wrong type names the field and what it expects', () => {
    expect(issues({ ...base, years: { from: '1980', to: 1990 } })).toEqual([
      { column: 'years.from', reason: 'expected an integer in [1000, 3000]' },
    ]);
  });

  it('an unknown region is an input error on `region`', () => {
    const found = issues({ ...base, region: 'atlantis' });
    expect(found[0].column).toBe('region');
  });

  it('checkParameters merges DEFAULTS and range-checks every value', () => {
    expect(checkParameters({ exitRate: 0.5 }).exitRate).toBe(0.5);
    expect(() => checkParameters({ exitRate: 2 })).toThrow(
      'invalid exitRate: 2 (expected a number in [0, 1], 1/firm/year)',
    );
    for (const [name, spec] of Object.entries(PARAMETER_SPECS)) {
      const v = DEFAULTS[name as keyof typeof DEFAULTS];
      expect(v >= spec.min && v <= spec.max).toBe(true);
    }
  });
});

describe('milieu simulate', () => {
  it('exits 2 naming the field and range for an out-of-range parameter, and writes nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...base, parameters: { tieDissolutionRate: -1 } }));
    const r = runCli(['simulate', '--scenario', file, '--seed', '1', '--out', join(dir, 'x.duckdb')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[parameters.tieDissolutionRate]: out of range: expected a number in [0, 1]');
    expect(existsSync(join(dir, 'x.duckdb'))).toBe(false);
  });

  it('stores a run as a new database, refuses the same run again, and writes a package with its manifest', () => {
    const dir = tempDir();
    const db = join(dir, 'sim.duckdb');
    const args = ['simulate', '--scenario', BASELINE, '--seed', '5', '--from', '1980', '--to', '1985'];
    const first = runCli([...args, '--out', db]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /^created .*sim\.duckdb: simulated run s[0-9a-f]{8}-5 \(seed 5, 1980–1985\) as import #1/,
    );
    const again = runCli([...args, '--out', db]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already imported as import #1');
    const pkg = join(dir, 'pkg');
    const written = runCli([...args, '--package', pkg]);
    expect(written.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(pkg, 'simulation.json'), 'utf8'));
    expect(manifest).toMatchObject({ simulated: true, seed: 5, scenarioHash: loadScenario(BASELINE).hash });
    // the package imports like any other
    const imported = runCli(['import', join(dir, 'other.duckdb'), pkg]);
    expect(imported.status).toBe(0);
    // an existing package folder is not overwritten without --force
    expect(runCli([...args, '--package', pkg]).status).toBe(2);
  });
});

describe('docs/model.md', () => {
  it('lists every parameter with its default, range, unit and meaning as in PARAMETER_SPECS', () => {
    const doc = readFileSync(join(ROOT, 'docs/model.md'), 'utf8');
    for (const [name, spec] of Object.entries(PARAMETER_SPECS)) {
      const row = `| \`${name}\` | ${DEFAULTS[name as keyof typeof DEFAULTS]} | ${spec.min} – ${spec.max} | ${spec.unit} | ${spec.doc} |`;
      expect(doc).toContain(row);
    }
  });
});
