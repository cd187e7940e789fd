/**
 * The ten demo scenarios: each validates, sits in its study region (so `--regions ten` finds its
 * organisations), and says what docs/demo.md says it does, relative to the defaults and the others.
 */
import { describe, expect, it } from 'vitest';
import { findRegion, regionMembers } from '../../src/dataset/regions.ts';
import { demoScenarios } from '../../src/demo/build.ts';
import { withRegionContext } from '../../src/regions/arguments.ts';
import { builtInRegions } from '../../src/regions/definitions.ts';
import { DEFAULTS } from '../../src/sim/parameters.ts';
import { simulate } from '../../src/sim/simulate.ts';

const TEN = builtInRegions().map((r) => r.id);

describe('the ten demo scenarios', () => {
  const scenarios = demoScenarios();
  const by = (id: string) => scenarios.find((s) => s.scenario.region.id === id)!.scenario;

  it('are one per study region, named after it, labelled simulated', () => {
    expect(scenarios.map((s) => s.scenario.region.id).sort()).toEqual([...TEN].sort());
    for (const { file, scenario } of scenarios) {
      expect(file).toBe(`${scenario.region.id}.json`);
      expect(scenario.name).toMatch(/\(simulated demo\)$/);
    }
  });

  it('place organisations in their study region (regionMembers non-empty for each of the ten)', () => {
    for (const { scenario } of scenarios) {
      // two years are enough to place the initial organisations and the first foundings
      const run = simulate(scenario, { seed: 1, years: { from: 1970, to: 1971 } });
      // as every region command sees it: the study regions added to the dataset's own
      const dataset = withRegionContext(run.dataset);
      const inside = regionMembers(dataset, findRegion(dataset, scenario.region.id));
      const members = inside.reduce((a, b) => a + b, 0);
      const i = scenario.initial;
      const initial =
        i.university.count +
        i['research-institute'].count +
        i['large-firm'].count +
        i.sme.count +
        i['mnc-rd-lab'].count;
      expect(members, scenario.region.id).toBeGreaterThanOrEqual(initial);
      // and none of the outside partners of its own run
      expect(members, scenario.region.id).toBeLessThan(run.dataset.organisations.count);
    }
  });

  it('express the differences docs/demo.md names, with the paragraph each rests on', () => {
    const p = (id: string) => by(id).parameters;
    // par. 14: lower direct university spin-off shares in Munich and the Randstad
    for (const id of ['munich', 'randstad'])
      for (const other of ['cambridge', 'oxford', 'helsinki'])
        expect(p(id).spinoffRateUniversity).toBeLessThan(p(other).spinoffRateUniversity);
    // par. 12: Sophia-Antipolis the one region without a dense university base
    const uniStaff = (id: string) => by(id).initial.university.count * by(id).initial.university.size;
    for (const id of TEN.filter((r) => r !== 'sophia-antipolis'))
      expect(uniStaff('sophia-antipolis')).toBeLessThan(uniStaff(id));
    // par. 7, 15: inward investment of multinational R&D labs, strongest in Sophia-Antipolis
    for (const id of TEN.filter((r) => r !== 'sophia-antipolis'))
      expect(by('sophia-antipolis').initial['mnc-rd-lab'].count).toBeGreaterThan(
        by(id).initial['mnc-rd-lab'].count,
      );
    // par. 27: Barcelona without a dynamic spin-off process: every spin-off rate below the default
    for (const k of [
      'spinoffRateUniversity',
      'spinoffRateInstitute',
      'spinoffRateLargeFirm',
      'spinoffRateSme',
    ] as const)
      expect(p('barcelona')[k]).toBeLessThan(DEFAULTS[k]);
    // par. 29: intense labour-market recruitment in Cambridge, Oxford, Sophia-Antipolis, Pisa/Piacenza
    for (const id of ['cambridge', 'oxford', 'sophia-antipolis', 'pisa-piacenza-milan'])
      expect(p(id).mobilityRate).toBeGreaterThan(DEFAULTS.mobilityRate);
    // par. 9, 20, 21: Munich dominated by large electronics firms; Göteborg, Grenoble large-firm milieux
    const largeStaff = (id: string) => by(id).initial['large-firm'].count * by(id).initial['large-firm'].size;
    for (const id of ['munich', 'goteborg', 'grenoble'])
      for (const other of ['cambridge', 'oxford', 'sophia-antipolis', 'pisa-piacenza-milan'])
        expect(largeStaff(id)).toBeGreaterThan(largeStaff(other));
    for (const id of ['munich', 'goteborg', 'grenoble'])
      expect(p(id).spinoffRateLargeFirm).toBeGreaterThan(DEFAULTS.spinoffRateLargeFirm);
    // par. 21: spin-offs keep working with their parents in Göteborg and Utrecht (the Randstad)
    for (const id of ['goteborg', 'randstad'])
      expect(p(id).parentTieProbability).toBeGreaterThan(DEFAULTS.parentTieProbability);
    // par. 4: the early-1990s dip and the resurgence from 1993, everywhere
    for (const { scenario } of scenarios)
      expect(scenario.demand).toEqual([
        { from: 1990, to: 1992, level: 0.75 },
        { from: 1993, level: 1.15 },
      ]);
  });
});
