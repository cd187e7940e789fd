import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { measureAll } from '../../src/measures/index.ts';
import { rtdLinkages } from '../../src/report/rtd.ts';
import { importSimulation, loadScenario, simulate } from '../../src/sim/index.ts';
import { openStore } from '../../src/store/store.ts';
import { ROOT } from '../helpers.ts';

const BASELINE = join(ROOT, 'examples/scenarios/policy-mix.json');

describe('a simulated run (the policy mix) in the store and the measures', () => {
  const scenario = loadScenario(BASELINE);
  const run = simulate(scenario, { seed: 3, years: { from: 1980, to: 1998 } });

  it('imports through importSource with zero validation issues, and reads back the same rows', async () => {
    const store = await openStore(':memory:');
    try {
      const result = await importSimulation(store, BASELINE, run.raw, run.manifest);
      expect(result.rejected).toEqual([]);
      // every table the model fills, the four newer ones included
      for (const table of ['projects', 'participations', 'initiatives', 'innovation_sources'] as const)
        expect(result.rowCounts[table]).toBeGreaterThan(0);
      for (const [table, t] of Object.entries(run.raw))
        expect(result.rowCounts[table as 'ties'] ?? 0).toBe(t.rowCount);
      const loaded = await loadDataset(store);
      expect(loaded.organisations.count).toBe(run.dataset.organisations.count);
      expect(loaded.ties.count).toBe(run.dataset.ties.count);
      // the same run a second time is refused (same content), not duplicated
      await expect(importSimulation(store, BASELINE, run.raw, run.manifest)).rejects.toThrow(
        /already imported/,
      );
      const format = (await store.connection.runAndReadAll('SELECT format FROM imports')).getRows()[0][0];
      expect(format).toContain(`seed=3 scenario=sha256:${scenario.hash}`);
    } finally {
      store.close();
    }
  });

  it('every measure family runs on the simulated dataset, with nothing missing for a table the model fills', () => {
    const reports = measureAll(run.dataset, { region: run.manifest.runId });
    expect(reports.length).toBeGreaterThan(5);
    // What the model does not decide: parents of kind `other` (the model's parents are
    // universities, institutes and firms).
    const allowed = [/no other-spinoff firm/];
    const missing: string[] = [];
    for (const r of reports) {
      for (const ind of r.indicators) {
        const reason = (ind as { notAvailable?: string }).notAvailable;
        if (reason && !allowed.some((a) => a.test(reason)))
          missing.push(`${r.family}: ${ind.name}: ${reason}`);
      }
      for (const t of r.tables) {
        const reason = (t as { notAvailable?: string }).notAvailable;
        if (reason && !allowed.some((a) => a.test(reason)))
          missing.push(`${r.family}: ${t.measure}: ${reason}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the R&D-linkage tables work on it: participations, tie scope shares summing to 1, an E-I index, firm–university ties', () => {
    const region = scenario.region;
    const [c] = rtdLinkages(run.dataset, [
      { id: region.id, name: region.name, nuts: region.nuts, localities: [], country: region.country },
    ]);
    expect(c.participations).toBeGreaterThan(40);
    expect(c.ties).toBeGreaterThan(20);
    const shares = c.scopeShares;
    expect(shares).not.toBeNull();
    if (shares) {
      const sum = shares.intraCluster + shares.national + shares.otherEuropean + shares.outsideEurope;
      expect(sum).toBeCloseTo(1, 9);
      expect(shares.intraCluster).toBeGreaterThan(0);
      expect(shares.outsideEurope).toBeGreaterThan(0);
    }
    expect(c.eiIndex).toBeGreaterThan(-1);
    expect(c.eiIndex).toBeLessThan(1);
    expect(c.firmUniversityInside + c.firmUniversityAcross).toBeGreaterThan(0);
  });
});
