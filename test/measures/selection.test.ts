import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/dataset/raw.ts';
import { FAMILY_NAMES, measureAll } from '../../src/measures/index.ts';
import { learningComponents } from '../../src/measures/learning.ts';
import {
  coParticipationIn,
  networkIn,
  networkNote,
  projectMembers,
  selectedProjects,
} from '../../src/measures/selection.ts';
import { dataset } from './fixtures.ts';

type Rows = Record<string, Record<string, Value | undefined>[]>;

// Region R (NUTS DE1): SMEs f1…f4 and university u1, all founded 1990; o1 a German partner outside.
// In 2000–2005: project P1 (2001–2003) of f1, f2, u1; tie f1–o1 (2002–2004); spin-off f2 of u1
// (2002); move f1 → f2 (2003). Outside the years: project P2 (2015–2017) of f1, f3, f4, u1, o1;
// tie f2–f3 (2014–2016); spin-off f4 of f1 (2015); move f3 → f4 (2016).
const IN_RANGE: Rows = {
  organisations: [
    { id: 'f1', kind: 'sme', nuts: 'DE111', country: 'DE', founded: 1990, sector: '26.11' },
    { id: 'f2', kind: 'sme', nuts: 'DE111', country: 'DE', founded: 1990, sector: '26.12' },
    { id: 'f3', kind: 'sme', nuts: 'DE112', country: 'DE', founded: 1990, sector: '62.01' },
    { id: 'f4', kind: 'sme', nuts: 'DE112', country: 'DE', founded: 1990, sector: '62.02' },
    { id: 'u1', kind: 'university', nuts: 'DE111', country: 'DE', founded: 1990 },
    { id: 'o1', kind: 'large-firm', nuts: 'DE300', country: 'DE', founded: 1990, sector: '26.11' },
  ],
  regions: [{ id: 'R', name: 'Region R', kind: 'cluster', nuts: ['DE1'] }],
  projects: [{ id: 'P1', start: '2001-01-01', end: '2003-12-31' }],
  participations: [
    { organisation: 'f1', project: 'P1', role: 'coordinator' },
    { organisation: 'f2', project: 'P1', role: 'participant' },
    { organisation: 'u1', project: 'P1', role: 'participant' },
  ],
  ties: [{ source: 'f1', target: 'o1', kind: 'collaboration', start: 2002, end: 2004 }],
  spinoffs: [{ child: 'f2', parent: 'u1', year: 2002 }],
  moves: [{ from: 'f1', to: 'f2', year: 2003 }],
  employment: [
    { organisation: 'f1', year: 2000, employees: 20 },
    { organisation: 'f2', year: 2000, employees: 10 },
    // in both datasets: the data run to 2018 either way (evolution and sectors clip the years to
    // the data's last year, a fact about the data's coverage rather than a counted event)
    { organisation: 'f3', year: 2018, employees: 5 },
  ],
};

function withOutOfRange(): Rows {
  return {
    ...IN_RANGE,
    projects: [...IN_RANGE.projects, { id: 'P2', start: '2015-01-01', end: '2017-12-31' }],
    participations: [
      ...IN_RANGE.participations,
      ...['f1', 'f3', 'f4', 'u1', 'o1'].map((o) => ({ organisation: o, project: 'P2', role: 'participant' })),
    ],
    // a horizontal kind: a supplier tie would (rightly) tell that the data record vertical ties at
    // all, which turns ties.verticalShare from "not available" into a real 0 in any year range
    ties: [...IN_RANGE.ties, { source: 'f2', target: 'f3', kind: 'collaboration', start: 2014, end: 2016 }],
    spinoffs: [...IN_RANGE.spinoffs, { child: 'f4', parent: 'f1', year: 2015 }],
    moves: [...IN_RANGE.moves, { from: 'f3', to: 'f4', year: 2016 }],
  };
}

const YEARS: [number, number] = [2000, 2005];

describe('every measure honours the selected years (issue 7)', () => {
  it('the learning index counts only ties of projects in the years, by hand', () => {
    const c = learningComponents(dataset(withOutOfRange()), 'R', { years: YEARS });
    // In 2000–2005 the local ties are P1's three pairs f1–f2, f1–u1, f2–u1 (f1–o1 is not local,
    // f2–f3 is out of range). Counting every project, as before, gave 3 + P2's f1–f3, f1–f4,
    // f3–f4, f3–u1, f4–u1 and the stored f2–f3 tie = 9.
    expect(c.localTies).toBe(3);
    expect(c.firms).toBe(4);
    expect(c.networkingIntensity).toBe(3 / 4);
    expect(learningComponents(dataset(withOutOfRange()), 'R').localTies).toBe(9);
  });

  for (const family of FAMILY_NAMES) {
    it(`${family}: rows outside the years change nothing`, () => {
      const selection = { region: 'R', years: YEARS };
      const a = measureAll(dataset(IN_RANGE), selection, [family], { seed: 3 });
      const b = measureAll(dataset(withOutOfRange()), selection, [family], { seed: 3 });
      expect(b).toEqual(a);
    });
  }

  it('the same test can fail: without years the out-of-range rows do count', () => {
    const a = measureAll(dataset(IN_RANGE), { region: 'R' }, ['learning', 'network'], { seed: 3 });
    const b = measureAll(dataset(withOutOfRange()), { region: 'R' }, ['learning', 'network'], { seed: 3 });
    expect(b).not.toEqual(a);
  });
});

// Projects: A = {0, 1, 2}, B = {0, 1}, C = {2, 3, 4, 5} (a "mega-project" at cap 3).
const PROJECTS: Rows = {
  organisations: ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'].map((id) => ({ id, kind: 'firm' })),
  projects: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
  participations: [
    ...['o0', 'o1', 'o2'].map((o) => ({ organisation: o, project: 'A' })),
    ...['o0', 'o1', 'o1'].map((o) => ({ organisation: o, project: 'B' })), // o1 listed twice
    ...['o2', 'o3', 'o4', 'o5'].map((o) => ({ organisation: o, project: 'C' })),
  ],
};

/** The weight of the tie {u, v} in a CSR (0 when absent). */
function weight(g: ReturnType<typeof networkIn>, u: number, v: number): number {
  for (let a = g.offsets[u]; a < g.offsets[u + 1]; a++) if (g.targets[a] === v) return g.weights[a];
  return 0;
}

describe('co-participation weighting and project-size cap', () => {
  const d = dataset(PROJECTS);

  it('project sizes count distinct organisations', () => {
    const { offsets } = projectMembers(d);
    expect([offsets[1] - offsets[0], offsets[2] - offsets[1], offsets[3] - offsets[2]]).toEqual([3, 2, 4]);
  });

  it('full counting is the prebuilt network', () => {
    expect(coParticipationIn(d, {})).toBe(d.coParticipation);
    expect(networkIn(d, {})).toBe(d.network);
    expect(weight(d.coParticipation, 0, 1)).toBe(2);
  });

  it('fractional counting: 1/(n−1) per project, by hand (Newman 2001)', () => {
    const g = coParticipationIn(d, { weighting: 'fractional' });
    // {0,1}: A (3 members) 1/2 + B (2 members) 1/1 = 1.5; {0,2}: A 1/2; {2,3}: C 1/3
    expect(weight(g, 0, 1)).toBeCloseTo(1.5, 12);
    expect(weight(g, 1, 0)).toBeCloseTo(1.5, 12);
    expect(weight(g, 0, 2)).toBeCloseTo(0.5, 12);
    expect(weight(g, 2, 3)).toBeCloseTo(1 / 3, 12);
    expect(weight(g, 4, 5)).toBeCloseTo(1 / 3, 12);
    // Each organisation's strength = number of its projects with at least one partner.
    const strength = (u: number) => {
      let s = 0;
      for (let a = g.offsets[u]; a < g.offsets[u + 1]; a++) s += g.weights[a];
      return s;
    };
    expect(strength(0)).toBeCloseTo(2, 12);
    expect(strength(2)).toBeCloseTo(2, 12);
    expect(strength(5)).toBeCloseTo(1, 12);
  });

  it('a size cap leaves larger projects out of the network', () => {
    expect(Array.from(selectedProjects(d, { maxProjectSize: 3 }))).toEqual([1, 1, 0]);
    const g = networkIn(d, { maxProjectSize: 3 });
    expect(g.offsets[6] / 2).toBe(3); // {0,1} {0,2} {1,2}; project C's six ties are gone
    expect(weight(g, 2, 3)).toBe(0);
    expect(weight(g, 0, 1)).toBe(2);
    expect(d.network.offsets[6] / 2).toBe(9);
  });

  it('the network family applies the cap and says which weighting and cap it used', () => {
    const [net] = measureAll(d, { maxProjectSize: 3, weighting: 'fractional' }, ['network'], { seed: 1 });
    const ties = net.indicators.find((i) => i.name === 'network.ties')!;
    expect(ties.value).toBe(3);
    const overview = net.tables.find((t) => t.measure === 'network.overview')!;
    expect('notes' in overview && overview.notes).toContain(
      networkNote({ maxProjectSize: 3, weighting: 'fractional' }),
    );
    expect(networkNote({ maxProjectSize: 3, weighting: 'fractional' })).toMatch(
      /fractional.*more than 3 organisations left out/,
    );
  });

  it('bad values are refused', () => {
    expect(() => networkIn(d, { maxProjectSize: 1 })).toThrow(/maxProjectSize/);
    expect(() => networkIn(d, { weighting: 'bogus' as 'count' })).toThrow(/weighting/);
  });
});
