import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  checkParameters,
  DEFAULTS,
  loadScenario,
  PARAMETER_SPECS,
  parseScenario,
  policyCosts,
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

describe('policy levers in a scenario', () => {
  it('every example scenario validates; the policy mix has its four levers with defaults filled in', () => {
    // the ten-cluster demo's scenarios are in a folder of their own (examples/scenarios/ten/)
    const files = readdirSync(join(ROOT, 'examples/scenarios'), { recursive: true }).map(String);
    for (const file of files.filter((f) => f.endsWith('.json')))
      expect(() => loadScenario(join(ROOT, 'examples/scenarios', file))).not.toThrow();
    const mix = loadScenario(join(ROOT, 'examples/scenarios/policy-mix.json'));
    expect(mix.policy.map((l) => l.lever)).toEqual([
      'science-park',
      'spinoff-support',
      'university-liaison',
      'collective-initiative',
    ]);
    // cost per year: the lever's default × intensity, unless the scenario states it
    expect(mix.policy.map((l) => l.costPerYear)).toEqual([3_000_000, 1_000_000, 600_000, 300_000]);
    expect(mix.policy[2]).toMatchObject({ style: 'sme-tailored', level: 'local' });
    expect(loadScenario(BASELINE).policy).toEqual([]);
  });

  it('a run of 1970–2000 costs each lever its years × cost per year: 28 + 21·0.5·2 + 16·0.6 + 6·0.3 = 60.4 M EUR', () => {
    const mix = loadScenario(join(ROOT, 'examples/scenarios/policy-mix.json'));
    const costs = policyCosts(mix.policy, mix.years);
    expect(costs.levers.map((l) => l.years)).toEqual([28, 21, 16, 6]);
    expect(costs.total).toBe(28 * 3e6 + 21 * 1e6 + 16 * 6e5 + 6 * 3e5);
  });

  it('an unknown lever, an intensity out of range and a style on the wrong lever are named', () => {
    expect(issues({ ...base, policy: [{ lever: 'tax-break', from: 1980 }] })).toEqual([
      {
        column: 'policy.0.lever',
        reason:
          'expected one of spinoff-support, university-liaison, science-park, collective-initiative, inward-investment, graduate-training',
      },
    ]);
    expect(issues({ ...base, policy: [{ lever: 'science-park', from: 1980, intensity: 11 }] })).toEqual([
      { column: 'policy.0.intensity', reason: 'out of range: expected a number in [0, 10] (intensity)' },
    ]);
    expect(
      issues({ ...base, policy: [{ lever: 'science-park', from: 1980, style: 'sme-tailored' }] }),
    ).toEqual([{ column: 'policy.0', reason: 'style applies to university-liaison only' }]);
    expect(issues({ ...base, policy: [{ lever: 'science-park', from: 1980, budget: 1 }] })[0].reason).toBe(
      'unknown field budget',
    );
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

describe('milieu simulate --events', () => {
  it('writes the event log as JSON lines that trace a spin-off to its parent, refuses an existing file without --force', () => {
    const dir = tempDir();
    const log = join(dir, 'events.jsonl');
    const mix = join(ROOT, 'examples/scenarios/policy-mix.json');
    const args = ['simulate', '--scenario', mix, '--seed', '2', '--from', '1980', '--to', '1984'];
    const r = runCli([...args, '--out', join(dir, 'a.duckdb'), '--events', log]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const events = readFileSync(log, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(r.stdout).toContain(`event log: ${log} (${events.length} events)`);
    const kinds = new Set(events.map((e) => e.event));
    for (const k of ['initial', 'found', 'hire', 'tie', 'policy', 'project']) expect(kinds.has(k)).toBe(true);
    // years never go back
    for (let k = 1; k < events.length; k++) expect(events[k].year).toBeGreaterThanOrEqual(events[k - 1].year);
    // every spin-off's parent appears earlier in the log (as an initial organisation or founded/arrived before)
    const known = new Set<string>();
    for (const e of events) {
      if (e.event === 'found' && e.how === 'spin-off') expect(known.has(e.parent)).toBe(true);
      if (e.event === 'initial' || e.event === 'found' || e.event === 'arrive') known.add(e.organisation);
    }
    // the policy events: the levers acting in 1980 (science park, spin-off support) start in 1980
    expect(events.filter((e) => e.event === 'policy').map((e) => [e.year, e.lever])).toEqual([
      [1980, 'science-park'],
      [1980, 'spinoff-support'],
    ]);
    // an existing file is refused (exit 2, nothing stored), and replaced with --force
    const again = runCli([...args, '--out', join(dir, 'b.duckdb'), '--events', log]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
    expect(existsSync(join(dir, 'b.duckdb'))).toBe(false);
    const forced = runCli([...args, '--out', join(dir, 'b.duckdb'), '--events', log, '--force']);
    expect(forced.status).toBe(0);
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
