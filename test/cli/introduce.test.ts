import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, runCli, SHARED_DATA, tempDir } from '../helpers.ts';

let dir: string;
let db: string;

beforeAll(() => {
  dir = tempDir();
  db = join(dir, 'fenland.duckdb');
  expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
});

describe('milieu introduce', () => {
  it('--json: provenance, parameters, and explained firm–knowledge recommendations', () => {
    const r = runCli(['introduce', db, '--region', 'fenland', '--top', '3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['milieuVersion', 'inputHashes', 'parameters', 'regions']);
    expect(out.parameters).toMatchObject({
      regions: ['fenland'],
      pairs: 'firms:knowledge',
      scope: 'inside',
      top: 3,
      model: 'fitted',
      maxProjectSize: 30,
    });
    expect(out.inputHashes.length).toBeGreaterThan(0);
    const [region] = out.regions;
    expect(region.region).toBe('fenland');
    expect(region.recommendations).toHaveLength(3);
    for (const x of region.recommendations) {
      expect(Object.keys(x)).toEqual([
        'rank',
        'a',
        'b',
        'score',
        'components',
        'contributions',
        'facts',
        'explanation',
      ]);
      expect(['sme', 'large-firm', 'firm', 'mnc-subsidiary', 'mnc-rd-lab']).toContain(x.a.kind);
      expect(['university', 'research-institute', 'technology-centre']).toContain(x.b.kind);
      expect(x.a.inside && x.b.inside).toBe(true);
      expect(x.explanation).toMatch(/partner/);
      expect(typeof x.components.adamicAdar).toBe('number');
    }
    // the same inputs give the same bytes
    expect(runCli(['introduce', db, '--region', 'fenland', '--top', '3', '--json']).stdout).toBe(r.stdout);
  });

  it('text output numbers the pairs and explains each', () => {
    const r = runCli([
      'introduce',
      db,
      '--region',
      'fenland',
      '--pairs',
      'any',
      '--top',
      '2',
      '--as-of',
      '2004',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /Fenland technology cluster: \d+ candidate pairs \(any, inside\), information up to 2004/,
    );
    expect(r.stdout).toMatch(/^1\. /m);
    expect(r.stdout).toMatch(/^2\. /m);
    // notes (here: how pipeline candidates are found) go to stderr, never into the data
    const p = runCli(['introduce', db, '--region', 'fenland', '--scope', 'pipelines', '--top', '1']);
    expect(p.status).toBe(0);
    expect(p.stderr).toMatch(
      /note: Fenland technology cluster: pipeline candidates are outside organisations/,
    );
    expect(p.stdout).not.toMatch(/note:/);
    expect(p.stdout).toMatch(/is outside the region/);
  });

  it('bad options exit 2 with a message naming the option', () => {
    const cases: [string[], RegExp][] = [
      [['--pairs', 'firms:labs'], /--pairs must be one of firms:knowledge, firms:firms, any/],
      [['--scope', 'outside'], /--scope must be one of inside, pipelines/],
      [['--as-of', '20x7'], /--as-of takes a year/],
      [['--top', '-3'], /--top takes a whole number/],
      [['--model', 'magic'], /--model must be one of fitted, hand/],
      [['--max-project-size', '1'], /--max-project-size/],
    ];
    for (const [extra, message] of cases) {
      const r = runCli(['introduce', db, '--region', 'fenland', ...extra]);
      expect(r.status, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
    }
    const unknown = runCli(['introduce', db, '--region', 'atlantis']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/atlantis/);
    const missing = runCli(['introduce', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--region/);
  });

  it('--csv writes the table through the safe writer: never over a file without --force, never the database', () => {
    const csv = join(dir, 'intro.csv');
    const r = runCli(['introduce', db, '--region', 'fenland', '--csv', csv]);
    expect(r.status).toBe(0);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^region,asOf,rank,aId,aName,aKind,aInside,bId/);
    expect(lines.length).toBeGreaterThan(1);
    writeFileSync(csv, 'mine');
    const again = runCli(['introduce', db, '--region', 'fenland', '--csv', csv]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/refusing to overwrite/);
    expect(readFileSync(csv, 'utf8')).toBe('mine');
    expect(runCli(['introduce', db, '--region', 'fenland', '--csv', csv, '--force']).status).toBe(0);
    const onDb = runCli(['introduce', db, '--region', 'fenland', '--csv', db, '--force']);
    expect(onDb.status).toBe(2);
    expect(existsSync(db)).toBe(true);
  });

  it('--help shows examples', () => {
    const r = runCli(['introduce', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('milieu introduce h2020.duckdb --region munich');
  });
});

describe.skipIf(!existsSync(join(SHARED_DATA, 'cordis')))('milieu introduce on the real H2020 data', () => {
  it('Grenoble as of 2017: explained firm–knowledge introductions, as JSON', () => {
    const h2020 = join(tempDir(), 'h2020.duckdb');
    expect(runCli(['import', h2020, join(SHARED_DATA, 'cordis'), '--format', 'cordis', '-q']).status).toBe(0);
    const r = runCli(['introduce', h2020, '--region', 'grenoble', '--as-of', '2017', '--top', '5', '--json']);
    expect(r.status).toBe(0);
    const [grenoble] = JSON.parse(r.stdout).regions;
    expect(grenoble.asOf).toBe(2017);
    expect(grenoble.candidates).toBeGreaterThan(50);
    expect(grenoble.recommendations).toHaveLength(5);
    for (const x of grenoble.recommendations) {
      expect(x.a.kind).toBe('firm');
      expect(['university', 'research-institute']).toContain(x.b.kind);
      expect(x.explanation).toMatch(/projects? 2015–2017/);
    }
  });
});
