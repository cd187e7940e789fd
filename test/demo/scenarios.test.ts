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
    // the policy levers (policy/levers.ts) and the paragraphs naming them
    const levers = (id: string) => by(id).policy;
    const lever = (id: string, name: string) => levers(id).filter((l) => l.lever === name);
    // par. 30: collective initiatives of the late 1990s in Cambridge, Sophia-Antipolis and Grenoble only
    for (const id of TEN) {
      const initiatives = lever(id, 'collective-initiative');
      if (['cambridge', 'sophia-antipolis', 'grenoble'].includes(id)) {
        expect(
          initiatives.map((l) => [l.from, l.to]),
          id,
        ).toEqual([[1997, undefined]]);
      } else expect(initiatives, id).toEqual([]);
    }
    // par. 10, 15: the science park and inward-investment attraction of Sophia-Antipolis, the latter
    // ended before the 1990s turn away from inward investment (par. 33); no other region has either
    for (const id of TEN.filter((r) => r !== 'sophia-antipolis')) {
      expect(lever(id, 'science-park'), id).toEqual([]);
      expect(lever(id, 'inward-investment'), id).toEqual([]);
    }
    expect(lever('sophia-antipolis', 'science-park').map((l) => l.from)).toEqual([1972]);
    const inward = lever('sophia-antipolis', 'inward-investment');
    expect(inward.map((l) => [l.from, l.to, l.intensity])).toEqual([[1972, 1990, 1.5]]);
    // par. 7, 29: multinational R&D labs arrive most readily in Sophia-Antipolis, then where the
    // labour market draws them (Cambridge, Oxford, Pisa/Piacenza), elsewhere at the default rate
    for (const id of TEN.filter((r) => r !== 'sophia-antipolis'))
      expect(p('sophia-antipolis').mncLabRate).toBeGreaterThan(p(id).mncLabRate);
    for (const id of ['cambridge', 'oxford', 'pisa-piacenza-milan'])
      expect(p(id).mncLabRate).toBeGreaterThan(DEFAULTS.mncLabRate);
    for (const id of ['goteborg', 'helsinki', 'munich', 'grenoble', 'barcelona', 'randstad'])
      expect(p(id).mncLabRate).toBe(DEFAULTS.mncLabRate);
    // par. 13, 8: a university liaison office from 1985 everywhere, tailored to SMEs only in Helsinki
    for (const id of TEN) {
      const liaison = lever(id, 'university-liaison');
      expect(
        liaison.map((l) => [l.from, l.style]),
        id,
      ).toEqual([[1985, id === 'helsinki' ? 'sme-tailored' : 'generalist']]);
    }
    // par. 10, 32: regional spin-off support (premises, finance, advice) in Grenoble only
    for (const id of TEN) expect(lever(id, 'spinoff-support').length, id).toBe(id === 'grenoble' ? 1 : 0);
    // par. 21: Munich's SMEs draw on their large-firm partners more than on their own R&D
    for (const id of TEN.filter((r) => r !== 'munich'))
      expect(p('munich').ownRdWeight).toBeLessThan(p(id).ownRdWeight);
    // calibration (docs/demo.md): nearly every project partner comes from outside the cluster, and
    // the clusters with the fewest local H2020 ties (Sophia-Antipolis, Oxford) the most outward
    for (const id of TEN) expect(p(id).projectExternalShare).toBeGreaterThan(0.98);
    for (const id of TEN.filter((r) => !['sophia-antipolis', 'oxford'].includes(r)))
      for (const outward of ['sophia-antipolis', 'oxford'])
        expect(p(outward).projectExternalShare).toBeGreaterThan(p(id).projectExternalShare);
    // par. 4: the early-1990s dip and the resurgence from 1993, everywhere
    for (const { scenario } of scenarios)
      expect(scenario.demand).toEqual([
        { from: 1990, to: 1992, level: 0.75 },
        { from: 1993, level: 1.15 },
      ]);
  });
});
