/**
 * Tiny worlds, one per process, whose outcome can be worked out by hand. Each builds a state with
 * a few organisations and people, runs one process for one year and checks the exact result.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/graph/rng.ts';
import { STORED_TIE_KINDS } from '../../src/model/index.ts';
import type { ProcessContext } from '../../src/sim/context.ts';
import {
  checkParameters,
  PROCESS_NAMES,
  parseScenario,
  type SimParameters,
  simulate,
} from '../../src/sim/index.ts';
import { acquisition } from '../../src/sim/processes/acquisition.ts';
import { exits } from '../../src/sim/processes/exits.ts';
import { growth } from '../../src/sim/processes/growth.ts';
import { hiring } from '../../src/sim/processes/hiring.ts';
import { learning } from '../../src/sim/processes/learning.ts';
import { partnering } from '../../src/sim/processes/partnering.ts';
import {
  ENGINEER,
  LARGE_FIRM,
  MNC_SUBSIDIARY,
  RESEARCHER,
  SimState,
  SME,
  UNIVERSITY,
} from '../../src/sim/state.ts';

const scenario = parseScenario({ region: 'cambridge', years: { from: 2000, to: 2000 } });

function ctx(state: SimState, params: Partial<SimParameters>, year = 2000): ProcessContext {
  return { state, params: checkParameters(params), scenario, rng: mulberry32(7), year, demand: 1 };
}

/** A local organisation of `size` people of field 0, its target equal to its size unless given. */
function org(s: SimState, kind: number, size: number, options: { target?: number; founded?: number } = {}) {
  const o = s.addOrganisation(kind, 0, options.founded ?? 1990, true);
  s.orgTarget[o] = options.target ?? size;
  for (let j = 0; j < size; j++)
    s.employ(s.addPerson(0, 0.5, kind === UNIVERSITY ? RESEARCHER : ENGINEER), o);
  return o;
}

const only = (...on: string[]) => PROCESS_NAMES.filter((p) => !on.includes(p));

describe('founding and spin-off', () => {
  const tiny = (initial: object, parameters: object) =>
    parseScenario({
      region: 'cambridge',
      years: { from: 2000, to: 2000 },
      initial: {
        university: { count: 0, size: 1 },
        'research-institute': { count: 0, size: 1 },
        'large-firm': { count: 0, size: 1 },
        sme: { count: 0, size: 1 },
        ...initial,
      },
      outsidePartners: { count: 0, national: 1, international: 0, global: 0 },
      parameters,
    });

  it('every researcher of a one-university world founds a spin-off at rate 1: 5 spin-offs, each tied to the university', () => {
    const s = tiny(
      { university: { count: 1, size: 5 } },
      { spinoffRateUniversity: 1, deNovoPerYear: 0, parentTieProbability: 1, spinoffSuccessEffect: 0 },
    );
    const run = simulate(s, { seed: 1, off: only('founding') });
    expect(run.raw.spinoffs?.rowCount).toBe(5);
    expect(new Set(run.raw.spinoffs?.columns.parent)).toEqual(new Set([`${run.manifest.runId}-o0`]));
    expect(run.raw.spinoffs?.columns.year).toEqual([2000, 2000, 2000, 2000, 2000]);
    expect(run.raw.ties?.columns.kind).toEqual(['liaison', 'liaison', 'liaison', 'liaison', 'liaison']);
    // each founder moved from the university to their firm
    expect(run.raw.moves?.columns.from).toEqual(new Array(5).fill(`${run.manifest.runId}-o0`));
    expect(run.state.orgSize[0]).toBe(0);
  });

  it('spin-off rates 0 and no de novo entry: no spin-offs and no new organisations over ten years', () => {
    const s = parseScenario({
      region: 'cambridge',
      years: { from: 1990, to: 1999 },
      parameters: {
        spinoffRateUniversity: 0,
        spinoffRateInstitute: 0,
        spinoffRateLargeFirm: 0,
        spinoffRateSme: 0,
        deNovoPerYear: 0,
        // nor firms or labs moving in
        inMigrantFirmsPerYear: 0,
        mncLabRate: 0,
      },
    });
    const run = simulate(s, { seed: 5 });
    expect(run.raw.spinoffs?.rowCount).toBe(0);
    const initial = 1 + 2 + 2 + 30 + 60;
    expect(run.state.orgCount).toBe(initial);
  });

  it('a university-only region (SME spin-offs off): every spin-off is a university spin-off', () => {
    const s = tiny(
      { university: { count: 2, size: 100 } },
      // no firm moves in either, so the region stays university-only
      {
        spinoffRateUniversity: 0.02,
        spinoffRateSme: 0,
        deNovoPerYear: 0,
        inMigrantFirmsPerYear: 0,
        mncLabRate: 0,
      },
    );
    const run = simulate({ ...s, years: { from: 2000, to: 2009 } }, { seed: 3 });
    const n = run.raw.spinoffs?.rowCount ?? 0;
    expect(n).toBeGreaterThan(5);
    const kindOf = new Map(
      run.raw.organisations?.columns.id.map((id, i) => [id, run.raw.organisations?.columns.kind[i]]),
    );
    expect(run.raw.spinoffs?.columns.parent.map((p) => kindOf.get(p as string))).toEqual(
      new Array(n).fill('university'),
    );
  });
});

describe('hiring and mobility', () => {
  it('a firm three short hires the two graduates (from the university) and one in-migrant', () => {
    const s = new SimState(4);
    const u = org(s, UNIVERSITY, 20);
    const a = org(s, SME, 0, { target: 3 });
    hiring(ctx(s, { graduatesPerResearcher: 0.1, mobilityRate: 0, inMigrationShare: 1 }));
    expect(s.orgSize[a]).toBe(3);
    const from = Array.from({ length: s.moves.count }, (_, r) => s.moves.get(1, r));
    expect(from.sort()).toEqual([-1, u, u].sort());
    expect(s.orgSize[u]).toBe(20);
  });

  it('a firm two above its target lays off its two latest hires, who leave the region when nobody hires', () => {
    const s = new SimState(4);
    const a = org(s, SME, 5, { target: 3 });
    hiring(ctx(s, { mobilityRate: 0, graduatesPerResearcher: 0 }));
    expect(s.orgSize[a]).toBe(3);
    expect(Array.from(s.personEmployer.subarray(0, 5))).toEqual([a, a, a, -2, -2]);
    expect(s.moves.count).toBe(0);
  });

  it('with mobility 1 all five of firm A seek; firm B (five vacancies) and A (refilling) share exactly those five', () => {
    const s = new SimState(4);
    const a = org(s, SME, 5);
    const b = org(s, SME, 0, { target: 5 });
    hiring(ctx(s, { mobilityRate: 1, graduatesPerResearcher: 0, inMigrationShare: 0 }));
    // No graduates and no in-migrants: the only people are A's five, each hired once.
    expect(s.orgSize[a] + s.orgSize[b]).toBe(5);
    expect(s.orgSize[b]).toBeGreaterThan(0);
    expect(s.personCount).toBe(5);
    for (let r = 0; r < s.moves.count; r++) expect(s.moves.get(2, r)).toBe(b);
  });
});

describe('partnering', () => {
  function twoFirms(similar: boolean) {
    const s = new SimState(2);
    const a = org(s, SME, 1);
    const b = org(s, SME, 1);
    s.orgKnowledge[a * 2] = 1;
    s.orgKnowledge[b * 2 + (similar ? 0 : 1)] = 1;
    return { s, a, b };
  }
  const params = { tieFormationRate: 1, externalSearchShare: 0, partnerCandidates: 20, verticalTieShare: 0 };

  it('two firms with the same knowledge form exactly one collaboration tie (the second finds it open)', () => {
    const { s, a, b } = twoFirms(true);
    partnering(ctx(s, params));
    expect(s.tieCount).toBe(1);
    expect(new Set([s.tieSource[0], s.tieTarget[0]])).toEqual(new Set([a, b]));
    expect(STORED_TIE_KINDS[s.tieKind[0]]).toBe('collaboration');
  });

  it('two firms with orthogonal knowledge (proximity 0) never tie', () => {
    const { s } = twoFirms(false);
    for (let y = 2000; y < 2010; y++) partnering(ctx(s, params, y));
    expect(s.tieCount).toBe(0);
  });

  it('dissolution rate 1: a tie formed in 2000 ends in 2001', () => {
    const { s } = twoFirms(true);
    partnering(ctx(s, { ...params, tieDissolutionRate: 1 }, 2000));
    partnering(ctx(s, { ...params, tieDissolutionRate: 1, tieFormationRate: 0 }, 2001));
    expect(s.tieEnd[0]).toBe(2001);
  });
});

describe('learning, growth and exit', () => {
  it('own-sector knowledge 0.5 learns 0.1·(1 − 0.5); performance 0.5 + 0.55 gives a 20-person firm a target of 21', () => {
    const s = new SimState(2);
    const a = s.addOrganisation(SME, 0, 1990, true);
    s.orgSize[a] = 20; // no people: only the organisation's own learning acts
    s.orgKnowledge[a * 2] = 0.5;
    const c = ctx(s, { learningRate: 0.1, recombinationRate: 0, performanceNoise: 0, growthElasticity: 1 });
    learning(c);
    growth(c);
    expect(s.orgKnowledge[a * 2]).toBeCloseTo(0.55, 6);
    expect(s.orgPerformance[a]).toBeCloseTo(1.05, 6);
    expect(s.orgTarget[a]).toBe(21);
  });

  it('exit rate 1: every firm founded before this year exits, universities and this year’s firms stay', () => {
    const s = new SimState(2);
    const old = org(s, SME, 3);
    const young = org(s, SME, 1, { founded: 2000 });
    const u = org(s, UNIVERSITY, 4);
    exits(ctx(s, { exitRate: 1 }));
    expect(s.orgClosed[old]).toBe(2000);
    expect(s.orgClosed[young]).toBe(0);
    expect(s.orgClosed[u]).toBe(0);
    expect(s.orgSize[old]).toBe(0);
  });
});

describe('acquisitions', () => {
  it('a successful SME is bought at rate 1, loses autonomy (probability 0) and its local tie, keeps its outside one', () => {
    const s = new SimState(2);
    const sme = org(s, SME, 2);
    const local = org(s, SME, 2);
    const mnc = s.addOrganisation(LARGE_FIRM, 0, 1950, false, 0);
    s.orgPerformance[sme] = 2;
    s.addTie(sme, local, 0, 1995);
    s.addTie(sme, mnc, 0, 1995);
    acquisition(
      ctx(s, {
        acquisitionRate: 1,
        acquisitionThreshold: 1.1,
        autonomyProbability: 0,
        tieLossOnAbsorption: 1,
      }),
    );
    expect(s.acquisitions.count).toBe(1);
    expect([0, 1, 2, 3].map((c) => s.acquisitions.get(c, 0))).toEqual([sme, mnc, 2000, 0]);
    expect(s.orgKind[sme]).toBe(MNC_SUBSIDIARY);
    expect(s.tieEnd[0]).toBe(2000);
    expect(s.tieEnd[1]).toBe(0);
    // the other SME performs at 1, below the threshold: not bought
    expect(s.orgOwner[local]).toBe(-1);
  });
});
