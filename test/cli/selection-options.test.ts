import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, runCli, tempDir } from '../helpers.ts';

describe('co-participation options on the command line (issue 7)', () => {
  let db: string;
  beforeAll(() => {
    db = join(tempDir(), 'sel.duckdb');
    expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
  });

  it('bad --max-project-size and --weighting exit 2 with a message', () => {
    for (const args of [
      ['measure', db, '--family', 'network', '--max-project-size', '1'],
      ['measure', db, '--family', 'network', '--max-project-size', 'ten'],
      ['compare', db, '--regions', 'fenland', '--weighting', 'bogus'],
      ['rtd', db, '--regions', 'UKH1', '--max-project-size', '0'],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--max-project-size|--weighting/);
    }
  });

  it('measure states the weighting and cap it used (no cap by default)', () => {
    const plain = runCli(['measure', db, '--family', 'network', '-q']);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain(
      'Co-participation: full counting (weight = shared projects); no project-size cap.',
    );
    const r = runCli([
      'measure',
      db,
      '--family',
      'network',
      '--max-project-size',
      '5',
      '--weighting',
      'fractional',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.parameters.selection).toMatchObject({ maxProjectSize: 5, weighting: 'fractional' });
    const overview = out.reports[0].tables.find((t: { measure: string }) => t.measure === 'network.overview');
    expect(overview.notes.join(' ')).toMatch(/fractional weights.*more than 5 organisations left out/);
  });

  it('compare and rtd leave projects of more than 30 organisations out by default, and say so', () => {
    const c = runCli(['compare', db, '--regions', 'fenland,UKH1', '-q']);
    expect(c.status).toBe(0);
    // the note is wrapped to the terminal's width
    expect(c.stdout.replace(/\s+/g, ' ')).toContain('projects of more than 30 organisations left out');
    const r = runCli(['rtd', db, '--regions', 'UKH1', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.parameters).toMatchObject({ maxProjectSize: 30, weighting: 'count' });
    expect(out.network).toMatch(/more than 30 organisations left out/);
    const none = JSON.parse(
      runCli(['rtd', db, '--regions', 'UKH1', '--json', '--max-project-size', 'none']).stdout,
    );
    expect(none.network).toMatch(/no project-size cap/);
  });
});
