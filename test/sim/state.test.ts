/**
 * The simulator's index structures against brute force after long runs: the list of people in the
 * region, the list of open ties and each organisation's tie list must say exactly what a scan of
 * every person and every tie ever formed says, since the yearly passes read them instead.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/sim/index.ts';
import { run, streamFor } from '../../src/sim/scheduler.ts';
import { setup } from '../../src/sim/setup.ts';
import { SimState, SME } from '../../src/sim/state.ts';

const scenario = parseScenario({
  region: 'cambridge',
  years: { from: 1980, to: 1999 },
  initial: {
    university: { count: 1, size: 200 },
    'research-institute': { count: 1, size: 60 },
    'large-firm': { count: 2, size: 80 },
    sme: { count: 60, size: 5 },
  },
  outsidePartners: { count: 40, national: 0.4, international: 0.4, global: 0.2 },
  // more partnering, mobility and exits than the defaults, so every structure is exercised
  parameters: { tieFormationRate: 1.5, tieDissolutionRate: 0.2, mobilityRate: 0.2, exitRate: 0.1 },
});

/** The state at the start of the year after `years` years, checked at every year start too. */
function runChecked(seed: number, check: (s: SimState) => void): SimState {
  const { state } = setup(scenario, streamFor(seed, 'setup'));
  run(state, scenario, seed, { onYear: (s) => check(s) });
  check(state);
  return state;
}

function checkPeople(s: SimState): void {
  const listed = Array.from(s.people.subarray(0, s.peopleCount));
  for (let k = 1; k < listed.length; k++) expect(listed[k]).toBeGreaterThan(listed[k - 1]);
  const inRegion: number[] = [];
  for (let i = 0; i < s.personCount; i++) if (s.personEmployer[i] !== -2) inRegion.push(i);
  // everyone in the region is listed; the list may only add people who left since hiring pruned it
  const set = new Set(listed);
  expect(inRegion.filter((i) => !set.has(i))).toEqual([]);
}

function checkTies(s: SimState): void {
  const listed = Array.from(s.openTies.subarray(0, s.openTieCount));
  for (let k = 1; k < listed.length; k++) expect(listed[k]).toBeGreaterThan(listed[k - 1]);
  const set = new Set(listed);
  for (let t = 0; t < s.tieCount; t++) if (s.tieEnd[t] === 0) expect(set.has(t)).toBe(true);
  // each organisation's list: exactly its ties, in the order formed
  const expected = new Map<number, number[]>();
  for (let t = 0; t < s.tieCount; t++)
    for (const o of [s.tieSource[t], s.tieTarget[t]]) expected.set(o, [...(expected.get(o) ?? []), t]);
  for (let o = 0; o < s.orgCount; o++) {
    const walked: number[] = [];
    for (let l = s.orgTieHead[o]; l >= 0; l = s.tieNext[l]) walked.push(l >> 1);
    expect(walked).toEqual(expected.get(o) ?? []);
  }
}

describe('the index structures the yearly passes read', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the people list covers everyone in the region, in order, every year`, () => {
      const s = runChecked(seed, checkPeople);
      // people came (720 at the start) and people left, so the list was both appended and pruned
      expect(s.personCount).toBeGreaterThan(800);
      expect(
        Array.from(s.personEmployer.subarray(0, s.personCount)).filter((e) => e === -2).length,
      ).toBeGreaterThan(50);
    });
  }

  for (const seed of [1, 2]) {
    it(`seed ${seed}: the open-tie list covers every open tie and each tie list holds exactly the organisation's ties`, () => {
      const s = runChecked(seed, checkTies);
      let ended = 0;
      for (let t = 0; t < s.tieCount; t++) if (s.tieEnd[t] !== 0) ended++;
      expect(ended).toBeGreaterThan(50);
      expect(s.tieCount - ended).toBeGreaterThan(50);
    });
  }

  it('markPartners marks open (1) and ended (2) ties and clears back to zero', () => {
    const s = runChecked(4, () => {});
    const mark = new Int32Array(s.orgCount);
    let busiest = 0;
    for (let o = 0; o < s.orgCount; o++) {
      let n = 0;
      for (let l = s.orgTieHead[o]; l >= 0; l = s.tieNext[l]) n++;
      let m = 0;
      for (let l = s.orgTieHead[busiest]; l >= 0; l = s.tieNext[l]) m++;
      if (n > m) busiest = o;
    }
    s.markPartners(busiest, mark, false);
    const want = new Int32Array(s.orgCount);
    for (let t = 0; t < s.tieCount; t++) {
      const other =
        s.tieSource[t] === busiest ? s.tieTarget[t] : s.tieTarget[t] === busiest ? s.tieSource[t] : -1;
      if (other >= 0) want[other] |= s.tieEnd[t] === 0 ? 1 : 2;
    }
    expect(Array.from(mark)).toEqual(Array.from(want));
    expect(Array.from(want).some((v) => v === 3 || v === 2)).toBe(true);
    s.markPartners(busiest, mark, true);
    expect(mark.every((v) => v === 0)).toBe(true);
  });
});

describe('organisation arrays without a reserve', () => {
  it('hold every organisation’s knowledge vector as they grow together (3 fields, 200 organisations)', () => {
    const s = new SimState(3);
    for (let o = 0; o < 200; o++) {
      s.addOrganisation(SME, o % 3, 1990, true);
      for (let k = 0; k < 3; k++) s.orgKnowledge[o * 3 + k] = (o + k) / 1000;
    }
    // a knowledge array shorter than the others drops the writes beyond it (reads give undefined)
    for (let o = 0; o < 200; o++)
      for (let k = 0; k < 3; k++) expect(s.orgKnowledge[o * 3 + k]).toBeCloseTo((o + k) / 1000, 6);
  });
});
