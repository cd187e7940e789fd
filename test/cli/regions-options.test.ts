import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, runCli, tempDir } from '../helpers.ts';

// The region options of measure, compare, rtd and acquisitions go through one parser.
describe('region arguments on the command line', () => {
  const db = join(tempDir(), 'fenland.duckdb');
  beforeAll(() => {
    expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
  });

  it('unknown regions exit 2 listing the known ones, in every command', () => {
    for (const args of [
      ['compare', db, '--regions', 'foo,bar', '-q'],
      ['measure', db, '--region', 'foo', '-q'],
      ['rtd', db, '--regions', 'foo'],
      ['acquisitions', db, '--regions', 'foo'],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/unknown regions? 'foo'/);
      expect(r.stderr).toContain('known regions: fenland, cambridge');
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
    }
    const nuts = runCli(['compare', db, '--regions', 'fenland,FR999', '-q']);
    expect(nuts.status).toBe(2);
    expect(nuts.stderr).toContain('FR999 is not in the NUTS 2021 code list');
    expect(runCli(['rtd', db, '--multi-site', 'everywhere']).status).toBe(2);
  });

  it("'ten' works in compare as in rtd, and measure takes study regions and NUTS codes", () => {
    const compare = runCli(['compare', db, '--regions', 'ten', '--json', '-q']);
    expect(compare.status).toBe(0);
    const json = JSON.parse(compare.stdout);
    expect(json.regions).toHaveLength(10);
    expect(json.regions[0]).toBe('cambridge');
    expect(json.multiSite).toHaveLength(10);
    const rtd = runCli(['rtd', db, '--json']);
    expect(JSON.parse(rtd.stdout).clusters.map((c: { id: string }) => c.id)).toEqual(json.regions);
    // Fenbridge lies in UKH12 (Cambridgeshire): the fenland and cambridge regions share it
    const byCode = JSON.parse(runCli(['measure', db, '--region', 'ukh12', '--json', '-q']).stdout);
    const byId = JSON.parse(runCli(['measure', db, '--region', 'Cambridge', '--json', '-q']).stdout);
    expect(byCode.parameters.selection.region).toBe('UKH12');
    expect(byId.parameters.selection.region).toBe('cambridge');
  });
});
