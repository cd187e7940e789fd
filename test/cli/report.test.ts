/**
 * `milieu report` through the real CLI: it writes the HTML and Markdown reports of a store, refuses
 * to overwrite an existing file without --force (and a database even with it), and checks its
 * arguments before any work.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, runCli, tempDir } from '../helpers.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let work: string;
let db: string;

beforeAll(() => {
  work = tempDir();
  db = join(work, 'fen.duckdb');
  expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
});

describe('milieu report', () => {
  it('writes the HTML and Markdown reports of the regions asked for', () => {
    const html = join(work, 'r.html');
    const md = join(work, 'r.md');
    const r = runCli(['report', db, '--regions', 'fenland,UKH1', '--html', html, '--markdown', md, '-q']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('report on 2 regions (fenland, UKH1)');
    expect(r.stdout).not.toContain('SIMULATED');
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<th scope="col">Fenland technology cluster</th><th scope="col">East Anglia</th>');
    expect(readFileSync(md, 'utf8')).toContain(
      '| measure | unit | Fenland technology cluster | East Anglia |',
    );
  });

  it('takes the store’s own regions when none is named', () => {
    const html = join(work, 'own.html');
    const r = runCli(['report', db, '--html', html, '-q']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('(fenland)');
  });

  it('refuses to overwrite a report without --force, and replaces it with --force', () => {
    const html = join(work, 'exists.html');
    writeFileSync(html, 'mine\n');
    const refused = runCli(['report', db, '--region', 'fenland', '--html', html, '-q']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`refusing to overwrite ${html}`);
    expect(readFileSync(html, 'utf8')).toBe('mine\n');
    const forced = runCli(['report', db, '--region', 'fenland', '--html', html, '--force', '-q']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('never writes onto the database, even with --force', () => {
    const before = sha(db);
    const r = runCli(['report', db, '--region', 'fenland', '--markdown', db, '--force', '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('it is a file this command reads');
    expect(sha(db)).toBe(before);
  });

  it('says SIMULATED when the store holds a simulation run, as rtd does', () => {
    const scenario = join(work, 'short.json');
    writeFileSync(scenario, JSON.stringify({ region: 'munich', years: { from: 1970, to: 1972 } }));
    const sim = join(work, 'sim.duckdb');
    expect(runCli(['simulate', '--scenario', scenario, '--seed', '1', '--out', sim]).status).toBe(0);
    const html = join(work, 'sim.html');
    const r = runCli(['report', sim, '--regions', 'munich', '--html', html, '-q']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^SIMULATED data: report on 1 region \(munich\)/);
    expect(readFileSync(html, 'utf8')).toContain(
      'SIMULATED DATA — every import of this store is a simulation run.',
    );
    const rtd = runCli(['rtd', sim, '--regions', 'munich']);
    expect(rtd.status, rtd.stderr).toBe(0);
    expect(rtd.stdout).toMatch(/^SIMULATED DATA — every import/);
  });

  it('exits 2 without an output, with both --region and --regions, or an unknown region', () => {
    expect(runCli(['report', db]).status).toBe(2);
    expect(
      runCli(['report', db, '--region', 'fenland', '--regions', 'UKH1', '--html', join(work, 'x.html')])
        .status,
    ).toBe(2);
    const unknown = runCli(['report', db, '--regions', 'atlantis', '--html', join(work, 'y.html'), '-q']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('atlantis');
  });
});
