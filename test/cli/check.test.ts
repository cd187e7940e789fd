import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS } from '../../src/findings/index.ts';
import { EXAMPLE, runCli, tempDir } from '../helpers.ts';

let dir: string;
let db: string;

beforeAll(() => {
  dir = tempDir();
  db = join(dir, 'fenland.duckdb');
  const r = runCli(['import', db, EXAMPLE, '-q']);
  expect(r.status, r.stderr).toBe(0);
});

describe('milieu check', () => {
  it('prints one row per finding for the region, fitted to the width, with the notes', () => {
    const r = runCli(['check', db, '--region', 'fenland'], {});
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Findings — fenland');
    expect(lines[1]).toMatch(/^finding +verdict +effect/);
    for (const f of FINDINGS) expect(r.stdout).toContain(f.id);
    // Fenland has 18 organisations: too few for any test to decide
    expect(r.stdout).toMatch(/- creation-resurgence: 6 births in 1986–1999; the test needs at least 30/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('--json gives the verdict rows with provenance; --finding picks findings; the seed makes it repeatable', () => {
    const args = [
      'check',
      db,
      '--region',
      'fenland',
      '--finding',
      'spinoff-parent-links,local-links-common',
      '--json',
    ];
    const r = runCli(args);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.parameters.seed).toBe(1);
    expect(out.verdicts.map((v: { finding: string }) => v.finding)).toEqual([
      'local-links-common',
      'spinoff-parent-links',
    ]);
    const links = out.verdicts[1];
    // Fenland: 8 local spin-offs, 4 of them tied to their parent
    expect(links).toMatchObject({ region: 'fenland', verdict: 'inconclusive', n: 8, effect: 0.5 });
    expect(runCli(args).stdout).toBe(r.stdout);
  });

  it('writes --csv and --markdown, and refuses to overwrite them without --force', () => {
    const csv = join(dir, 'v.csv');
    const md = join(dir, 'v.md');
    const r = runCli(['check', db, '--regions', 'fenland', '--csv', csv, '--markdown', md, '-q']);
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('region,finding,verdict,effect,effect_name,low,high,level,p_value,n,values,note');
    expect(lines).toHaveLength(FINDINGS.length + 1);
    expect(readFileSync(md, 'utf8')).toMatch(
      /^# Findings checked\n\nMilieu \S+; inputs [0-9a-f]{64}; parameters \{"regions":\["fenland"\],.*"seed":1,.*\n\n## fenland\n\n\| finding \| verdict/,
    );
    const again = runCli(['check', db, '--region', 'fenland', '--csv', csv]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/exists/);
    expect(runCli(['check', db, '--region', 'fenland', '--csv', csv, '--force', '-q']).status).toBe(0);
  });

  it('bad arguments exit 2 with a clear message and write nothing', () => {
    const unknown = runCli(['check', db, '--finding', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown finding 'nope' \(known: /);
    expect(unknown.stderr).not.toMatch(/at .*\.ts/);
    const both = runCli(['check', db, '--region', 'fenland', '--regions', 'fenland']);
    expect(both.status).toBe(2);
    expect(runCli(['check', db, '--region', 'nowhere']).status).toBe(2);
    expect(runCli(['check', db, '--seed', 'x']).status).toBe(2);
    const ontoDb = runCli(['check', db, '--markdown', db, '--force']);
    expect(ontoDb.status).toBe(2);
    const out = join(dir, 'never.csv');
    expect(runCli(['check', db, '--finding', 'nope', '--csv', out]).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
