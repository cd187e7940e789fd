/**
 * Tiny worlds for the newer processes (policy levers, attractiveness and in-migration, joint R&D
 * projects, innovation sources, former colleagues): each builds a few organisations, runs one
 * process for a year and checks the outcome worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/graph/rng.ts';
import { INNOVATION_SOURCES, ORGANISATION_KINDS, STORED_TIE_KINDS } from '../../src/model/index.ts';
import type { ProcessContext } from '../../src/sim/context.ts';
import { checkParameters, parseScenario, type SimParameters } from '../../src/sim/index.ts';
import { PairSet } from '../../src/sim/pair-set.ts';
import { exits } from '../../src/sim/processes/exits.ts';
import { growth } from '../../src/sim/processes/growth.ts';
import { hiring } from '../../src/sim/processes/hiring.ts';
import { innovation, sourceOf } from '../../src/sim/processes/innovation.ts';
import { migration } from '../../src/sim/processes/migration.ts';
import { policy } from '../../src/sim/processes/policy.ts';
import { programmeOf, projects } from '../../src/sim/processes/projects.ts';
import { proximity } from '../../src/sim/processes/proximity.ts';
import {
  ENGINEER,
  EV_POLICY,
  LARGE_FIRM,
  MNC_LAB,
  OWN_RD,
  RESEARCHER,
  SimState,
  SME,
  SOURCE_SLOTS,
  UNIVERSITY,
} from '../../src/sim/state.ts';
import { modelTables } from '../../src/sim/tables-model.ts';

const YEAR = 2000;

function ctx(state: SimState, params: Partial<SimParameters>, policyList: object[] = [], year = YEAR) {
  const scenario = parseScenario({
    region: 'cambridge',
    years: { from: YEAR, to: YEAR + 5 },
    policy: policyList,
  });
  const c: ProcessContext = {
    state,
    params: checkParameters(params),
    scenario,
    rng: mulberry32(11),
    year,
    demand: 1,
  };
  return c;
}

/** A local organisation of `size` people, knowledge `k` in each field given (others 0). */
function org(s: SimState, kind: number, size: number, k: number[], founded = 1990, sector = 0): number {
  const o = s.addOrganisation(kind, sector, founded, true);
  s.orgTarget[o] = size;
  for (let j = 0; j < s.fields; j++) s.orgKnowledge[o * s.fields + j] = k[j] ?? 0;
  for (let j = 0; j < size; j++)
    s.employ(s.addPerson(0, 0.5, kind === UNIVERSITY ? RESEARCHER : ENGINEER), o);
  return o;
}

const kindName = (s: SimState, o: number) => ORGANISATION_KINDS[s.orgKind[o]];
const tieKind = (s: SimState, t: number) => STORED_TIE_KINDS[s.tieKind[t]];
const pairs = (s: SimState) =>
  Array.from({ length: s.tieCount }, (_, t) => [s.tieSource[t], s.tieTarget[t]].sort().join('-')).sort();

describe('policy: spin-off support and science park', () => {
  it('support at intensity 2 multiplies spin-off rates by 1 + 1.5·2 = 4; last year’s spin-off gets support 0.5·min(1, 2); a firm older than supportYears loses it', () => {
    const s = new SimState(2);
    const parent = org(s, SME, 3, [0.5]);
    const spin = org(s, SME, 1, [0.5], YEAR - 1);
    s.orgSpinoff[spin] = 1;
    const other = org(s, SME, 1, [0.5], YEAR - 1);
    s.orgSupport[parent] = 0.7; // founded 1990: older than 3 years
    policy(
      ctx(s, { spinoffSupportEffect: 1.5, supportExitRelief: 0.5, supportYears: 3 }, [
        { lever: 'spinoff-support', from: YEAR, intensity: 2 },
      ]),
    );
    expect(s.spinoffBoost).toBe(4);
    expect(s.orgSupport[spin]).toBe(0.5);
    expect(s.orgSupport[other]).toBe(0);
    expect(s.orgSupport[parent]).toBe(0);
    // the lever's first year is a policy event naming the scenario's lever 0
    expect([0, 1, 3].map((c) => s.events.get(c, s.events.count - 1))).toEqual([YEAR, EV_POLICY, 0]);
  });

  it('a lever outside its years does nothing: boost 1, no event', () => {
    const s = new SimState(2);
    org(s, SME, 1, [0.5]);
    policy(ctx(s, {}, [{ lever: 'spinoff-support', from: YEAR + 1 }]));
    expect(s.spinoffBoost).toBe(1);
    expect(s.events.count).toBe(0);
  });

  it('full support (relief 1) keeps a firm alive at exit rate 1; without it the firm exits', () => {
    const s = new SimState(2);
    const kept = org(s, SME, 2, [0.5]);
    const gone = org(s, SME, 2, [0.5]);
    s.orgSupport[kept] = 1;
    exits(ctx(s, { exitRate: 1 }));
    expect(s.orgClosed[kept]).toBe(0);
    expect(s.orgClosed[gone]).toBe(YEAR);
  });

  it('a science park opens in its first year; last year’s firm becomes a tenant (tenancy 1): a service tie and support', () => {
    const s = new SimState(2);
    const young = org(s, SME, 1, [0.5], YEAR - 1);
    const old = org(s, SME, 1, [0.5]);
    policy(ctx(s, { parkTenancy: 1, supportExitRelief: 0.4 }, [{ lever: 'science-park', from: YEAR }]));
    const park = s.orgCount - 1;
    expect(kindName(s, park)).toBe('science-park');
    expect(s.orgFounded[park]).toBe(YEAR);
    expect(s.tieCount).toBe(1);
    expect([s.tieSource[0], s.tieTarget[0], tieKind(s, 0)]).toEqual([young, park, 'service']);
    expect(s.orgSupport[young]).toBeCloseTo(0.4, 6);
    expect(s.orgSupport[old]).toBe(0);
    // a second year reuses the same park
    policy(ctx(s, { parkTenancy: 1 }, [{ lever: 'science-park', from: YEAR }], YEAR + 1));
    expect(s.orgCount).toBe(park + 1);
  });
});

describe('policy: university liaison, collective initiative, graduate training', () => {
  function world() {
    const s = new SimState(2);
    const u = org(s, UNIVERSITY, 5, [0.6, 0.6]);
    const smes = [0, 1, 2].map(() => org(s, SME, 2, [0.6, 0.6]));
    const large = org(s, LARGE_FIRM, 10, [0.6, 0.6]);
    return { s, u, smes, large };
  }

  it('an SME-tailored office at liaison rate 1 ties every SME to the university, and not the large firm', () => {
    const { s, u, smes } = world();
    policy(ctx(s, { liaisonRate: 1 }, [{ lever: 'university-liaison', from: YEAR, style: 'sme-tailored' }]));
    expect(pairs(s)).toEqual(smes.map((o) => [o, u].sort().join('-')).sort());
    for (let t = 0; t < s.tieCount; t++) expect(tieKind(s, t)).toBe('liaison');
  });

  it('a generalist office whose effort never reaches SMEs (uptake 0) ties only the large firm', () => {
    const { s, u, large } = world();
    policy(
      ctx(s, { liaisonRate: 1, generalistSmeUptake: 0 }, [
        { lever: 'university-liaison', from: YEAR, style: 'generalist' },
      ]),
    );
    expect(pairs(s)).toEqual([[large, u].sort().join('-')]);
  });

  it('a collective initiative (one extra search each) ties three like-minded firms pairwise: exactly 3 ties', () => {
    const s = new SimState(2);
    for (let k = 0; k < 3; k++) org(s, SME, 1, [1, 0]);
    policy(
      ctx(s, { collectiveTieRate: 1, partnerCandidates: 20, verticalTieShare: 0 }, [
        { lever: 'collective-initiative', from: YEAR },
      ]),
    );
    expect(pairs(s)).toEqual(['0-1', '0-2', '1-2']);
    for (let t = 0; t < s.tieCount; t++) expect(tieKind(s, t)).toBe('collaboration');
  });

  it('graduate training at intensity 1.5 adds round(10 · 1.5) = 15 job seekers, whom a firm 15 short hires', () => {
    const s = new SimState(2);
    const firm = org(s, SME, 0, [0.5]);
    s.orgTarget[firm] = 15;
    policy(
      ctx(s, { trainedGraduatesPerYear: 10 }, [{ lever: 'graduate-training', from: YEAR, intensity: 1.5 }]),
    );
    expect(s.personCount).toBe(15);
    expect(Array.from(s.personEmployer.subarray(0, 15))).toEqual(new Array(15).fill(-1));
    hiring(ctx(s, { mobilityRate: 0, graduatesPerResearcher: 0, inMigrationShare: 0 }));
    expect(s.orgSize[firm]).toBe(15);
  });
});

describe('migration: attractiveness, in-migrating firms, multinational R&D labs', () => {
  it('inward investment at intensity 2 (effect 0.5) makes attractiveness 2; a strong field 0 draws a lab there, the empty field 1 never', () => {
    const s = new SimState(2);
    org(s, UNIVERSITY, 10, [1, 0]);
    const owner = s.addOrganisation(LARGE_FIRM, 0, 1950, false, 0);
    s.orgKnowledge[owner * 2 + 1] = 0.8;
    const c = ctx(s, { inwardInvestmentEffect: 0.5, mncLabRate: 0.125, inMigrantFirmsPerYear: 0 }, [
      { lever: 'inward-investment', from: YEAR, intensity: 2 },
    ]);
    policy(c);
    migration(c);
    expect(s.attractiveness).toBe(2);
    // field 0: base 1 → chance 0.125 · 2 · (1 / 0.5)² = 1; field 1: base 0 → chance 0
    const lab = s.orgCount - 1;
    expect(s.orgCount).toBe(3);
    expect(s.orgKind[lab]).toBe(MNC_LAB);
    expect(s.orgSector[lab]).toBe(0);
    expect(s.orgOwner[lab]).toBe(owner);
    expect(s.orgTarget[lab]).toBe(30);
    expect(s.orgKnowledge[lab * 2 + 1]).toBeCloseTo(0.4, 6); // half its owner's
    expect(s.orgSize[lab]).toBe(1); // its in-migrant manager
    expect([s.moves.get(1, 0), s.moves.get(2, 0)]).toEqual([-1, lab]);
  });

  it('in-migrating firms take the sector of a local firm and arrive with a manager; attractiveness 0.1 at least', () => {
    const s = new SimState(3);
    org(s, SME, 4, [0, 0, 0.6], 1990, 2);
    let arrived = 0;
    for (let y = YEAR; y < YEAR + 20; y++) {
      const before = s.orgCount;
      migration(ctx(s, { inMigrantFirmsPerYear: 2, mncLabRate: 0, knowledgeAttraction: 0 }, [], y));
      for (let o = before; o < s.orgCount; o++) {
        expect(s.orgSector[o]).toBe(2);
        expect(s.orgSize[o]).toBe(1);
        expect(s.orgFounded[o]).toBe(y);
      }
      arrived += s.orgCount - before;
    }
    // Poisson(2) a year over 20 years: 40 expected, sd √40 ≈ 6.3
    expect(arrived).toBeGreaterThan(40 - 4 * 6.3);
    expect(arrived).toBeLessThan(40 + 4 * 6.3);
    expect(s.attractiveness).toBe(1);
  });

  it('attractiveness 0 shuts in-migrants out of hiring: a firm three short hires only the two graduates', () => {
    const s = new SimState(2);
    org(s, UNIVERSITY, 20, [0.5]);
    const a = org(s, SME, 0, [0.5]);
    s.orgTarget[a] = 3;
    s.attractiveness = 0;
    hiring(ctx(s, { graduatesPerResearcher: 0.1, mobilityRate: 0, inMigrationShare: 1 }));
    expect(s.orgSize[a]).toBe(2);
  });
});

describe('joint R&D projects', () => {
  it('project rate 1 at knowledge 0.5, size 2, all partners outside: one two-member project with the outside partner', () => {
    const s = new SimState(2);
    const o = org(s, SME, 2, [0.5, 0]);
    const outside = s.addOrganisation(LARGE_FIRM, 0, 1950, false, 0);
    s.orgKnowledge[outside * 2] = 0.9;
    projects(ctx(s, { projectRate: 1, projectSize: 2, projectExternalShare: 1 }, [], 1990));
    expect(s.projects.count).toBe(1);
    expect(s.participations.count).toBe(2);
    expect([s.participations.get(1, 0), s.participations.get(2, 0)]).toEqual([o, 0]);
    expect([s.participations.get(1, 1), s.participations.get(2, 1)]).toEqual([outside, 1]);
    const [start, end] = [s.projects.get(0, 0), s.projects.get(1, 0)];
    expect(start).toBe(1990);
    expect(end - start + 1).toBeGreaterThanOrEqual(2);
    expect(end - start + 1).toBeLessThanOrEqual(4);
    // the funder pays half the cost, in equal shares
    const cost = s.projects.get(4, 0) * 1000;
    expect(s.participations.get(3, 0) * 2 * 2).toBeCloseTo(cost, -1);
    expect(programmeOf(1990)).toBe('FP2');
    expect(programmeOf(1983)).toBe('national');
    expect(programmeOf(2015)).toBe('H2020');
  });

  it('in a running project the weaker participant takes projectLearning of the leader’s lead: 0.2 + 0.5 · 0.8 = 0.6', () => {
    const s = new SimState(2);
    const a = org(s, SME, 1, [0.2, 0]);
    const b = org(s, SME, 1, [1, 0]);
    s.participations.push(0, a, 0, 0);
    s.participations.push(0, b, 1, 0);
    s.projects.push(1990, 1992, 0, 0, 100);
    projects(ctx(s, { projectRate: 0, projectLearning: 0.5 }, [], 1991));
    expect(s.orgKnowledge[a * 2]).toBeCloseTo(0.6, 6);
    expect(s.orgKnowledge[b * 2]).toBeCloseTo(1, 6);
  });

  it('a project ends in the exit year of a participant that closes during it (the table)', () => {
    const s = new SimState(2);
    const a = org(s, SME, 1, [0.5]);
    const b = org(s, SME, 1, [0.5]);
    s.participations.push(0, a, 0, 5);
    s.participations.push(0, b, 1, 5);
    s.projects.push(1990, 1993, 0, 0, 100);
    s.orgClosed[b] = 1991;
    const scenario = parseScenario({ region: 'cambridge', years: { from: 1990, to: 1995 } });
    const t = modelTables(s, scenario, 'r');
    expect(t.projects?.columns).toMatchObject({
      id: ['r-j0'],
      programme: ['FP2'],
      start: ['1990-01-01'],
      end: ['1991-12-31'],
      cost: [100000],
    });
    expect(t.participations?.columns).toEqual({
      project: ['r-j0', 'r-j0'],
      organisation: ['r-o0', 'r-o1'],
      role: ['coordinator', 'participant'],
      contribution: [5, 5],
    });
  });
});

describe('innovation and its sources', () => {
  it('with no tie, an innovation draws on own R&D and lifts knowledge 0.5 by 0.1 · 0.5; the survey answers 1 for every source', () => {
    const s = new SimState(2);
    const a = org(s, SME, 1, [0.5, 0]);
    innovation(ctx(s, { innovationRate: 1, innovationStep: 0.1 }));
    expect(s.orgSources[a * SOURCE_SLOTS + OWN_RD]).toBe(1);
    expect(s.orgKnowledge[a * 2]).toBeCloseTo(0.55, 6);
    const t = modelTables(s, parseScenario({ region: 'cambridge', years: { from: 2000, to: 2000 } }), 'r');
    expect(t.innovation_sources?.columns.importance).toEqual(new Array(INNOVATION_SOURCES.length).fill(1));
  });

  it('own R&D weight 0 and one liaison tie: the source is universities (importance 5); the university’s strongest other field recombines and the firm moves into it', () => {
    const s = new SimState(2);
    const a = org(s, SME, 1, [0.5, 0.55]);
    const u = org(s, UNIVERSITY, 3, [0.2, 1]);
    s.addTie(a, u, STORED_TIE_KINDS.indexOf('liaison'), 1995);
    innovation(ctx(s, { innovationRate: 1, innovationStep: 0.2, ownRdWeight: 0 }));
    expect(s.orgSources[a * SOURCE_SLOTS + INNOVATION_SOURCES.indexOf('universities')]).toBe(1);
    // own field 0.5 → 0.6; field 1: 0.55 + 0.2 · (1 − 0.55) = 0.64 > 0.6: the firm's sector becomes 1
    expect(s.orgKnowledge[a * 2]).toBeCloseTo(0.6, 6);
    expect(s.orgKnowledge[a * 2 + 1]).toBeCloseTo(0.64, 6);
    expect(s.orgSector[a]).toBe(1);
    const t = modelTables(s, parseScenario({ region: 'cambridge', years: { from: 2000, to: 2000 } }), 'r');
    const answers = Object.fromEntries(
      (t.innovation_sources?.columns.source ?? []).map((src, k) => [
        src,
        t.innovation_sources?.columns.importance[k],
      ]),
    );
    expect(answers).toEqual({
      customers: 1,
      suppliers: 1,
      competitors: 1,
      universities: 5,
      'research-institutes': 1,
      'technology-centres': 1,
      consultants: 1,
      parent: 1,
    });
  });

  it('tie direction decides customers vs suppliers; a same-sector collaborator is a competitor; the parent is the parent', () => {
    const s = new SimState(2);
    const a = org(s, SME, 1, [0.5]);
    const b = org(s, SME, 1, [0.5]);
    const c = org(s, SME, 1, [0.5]);
    const customer = s.addTie(a, b, STORED_TIE_KINDS.indexOf('customer'), 1995); // a is b's customer
    const supplier = s.addTie(a, c, STORED_TIE_KINDS.indexOf('supplier'), 1995); // a is c's supplier
    const collab = s.addTie(b, c, STORED_TIE_KINDS.indexOf('collaboration'), 1995);
    const name = (o: number, t: number) => INNOVATION_SOURCES[sourceOf(s, o, t)];
    expect(name(a, customer)).toBe('suppliers');
    expect(name(b, customer)).toBe('customers');
    expect(name(a, supplier)).toBe('customers');
    expect(name(c, supplier)).toBe('suppliers');
    expect(name(b, collab)).toBe('competitors');
    s.orgParent[c] = b;
    expect(name(c, collab)).toBe('parent');
  });
});

describe('the switch for the evidence on spin-off performance', () => {
  it('spinoffAdvantage 0.5: a spin-off performs 1.5 times an otherwise equal firm; 0: the same ("no difference")', () => {
    for (const [advantage, ratio] of [
      [0.5, 1.5],
      [0, 1],
    ]) {
      const s = new SimState(2);
      const spin = org(s, SME, 0, [0.5]);
      const other = org(s, SME, 0, [0.5]);
      s.orgSpinoff[spin] = 1;
      growth(ctx(s, { spinoffAdvantage: advantage, performanceNoise: 0 }));
      expect(s.orgPerformance[spin] / s.orgPerformance[other]).toBeCloseTo(ratio, 6);
    }
  });
});

describe('former colleagues', () => {
  it('a move from a to b makes them former colleagues: proximity 0.3 for orthogonal knowledge, 0 for a third firm', () => {
    const s = new SimState(2);
    const a = org(s, SME, 1, [1, 0]);
    const b = org(s, SME, 1, [0, 1]);
    const c = org(s, SME, 1, [0, 1]);
    const empty = new PairSet();
    expect(proximity(s, a, b, empty)).toBe(0);
    s.moves.push(0, a, b, YEAR, ENGINEER);
    expect(s.workedTogether(b, a)).toBe(true);
    expect(proximity(s, a, b, empty)).toBeCloseTo(0.3, 9);
    expect(proximity(s, a, c, empty)).toBe(0);
  });
});
