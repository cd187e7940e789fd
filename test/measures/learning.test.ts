import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import {
  collectiveLearningIndex,
  learning,
  learningComponents,
  zScores,
} from '../../src/measures/learning.ts';

// Region A (NUTS DE1): firms a1, a2, a3 (a3 a spin-off of a1 in 2000); tie a1–a2; move a1→a2;
// employment 50 + 50. Region B (NUTS FR1): firms b1..b4; ties b1–b2, b2–b3; moves b1→b2, b3→b4;
// no employment data. x1 is a German firm outside both regions with a tie and a move to a1.
const dataset = buildDataset({
  organisations: {
    rowCount: 8,
    columns: {
      id: ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'x1'],
      kind: ['sme', 'sme', 'sme', 'sme', 'sme', 'large-firm', 'sme', 'sme'],
      nuts: ['DE111', 'DE112', 'DE111', 'FR101', 'FR102', 'FR101', 'FR103', 'DE300'],
      country: ['DE', 'DE', 'DE', 'FR', 'FR', 'FR', 'FR', 'DE'],
    },
  },
  regions: {
    rowCount: 2,
    columns: {
      id: ['A', 'B'],
      name: ['Alpha', 'Beta'],
      kind: ['cluster', 'cluster'],
      nuts: [['DE1'], ['FR1']],
    },
  },
  ties: {
    rowCount: 4,
    columns: {
      source: ['a1', 'b1', 'b2', 'x1'],
      target: ['a2', 'b2', 'b3', 'a1'],
      kind: ['collaboration', 'collaboration', 'supplier', 'collaboration'],
    },
  },
  spinoffs: { rowCount: 1, columns: { child: ['a3'], parent: ['a1'], year: [2000] } },
  moves: {
    rowCount: 4,
    columns: { from: ['a1', 'b1', 'b3', 'x1'], to: ['a2', 'b2', 'b4', 'a1'], year: [2001, 2002, 2003, 2004] },
  },
  employment: {
    rowCount: 2,
    columns: { organisation: ['a1', 'a2'], year: [2000, 2000], employees: [50, 50] },
  },
});

describe('collective learning', () => {
  it('components of one region, by hand', () => {
    const a = learningComponents(dataset, 'A');
    // 1 spin-off / 3 firms; 1 local tie (x1–a1 is not local) / 3 firms; 1 local move / 100 employees
    expect(a.firms).toBe(3);
    expect(a.spinoffIntensity).toBeCloseTo(100 / 3, 12);
    expect(a.networkingIntensity).toBeCloseTo(1 / 3, 12);
    expect(a.mobilityIntensity).toBeCloseTo(1, 12);
    expect(a.mobilityBase).toBe('employees');
    const b = learningComponents(dataset, 'B');
    // 0 spin-offs; 2 ties / 4 firms; 2 moves per 100 firms (no employment) = 50
    expect([b.spinoffIntensity, b.networkingIntensity, b.mobilityIntensity, b.mobilityBase]).toEqual([
      0,
      0.5,
      50,
      'firms',
    ]);
  });

  it('years restrict spin-offs and moves', () => {
    const a = learningComponents(dataset, 'A', { years: [2001, 2010] });
    expect(a.spinoffIntensity).toBe(0);
    expect(a.mobilityIntensity).toBeCloseTo(1, 12);
    expect(learningComponents(dataset, 'A', { years: [2002, 2010] }).mobilityIntensity).toBe(0);
  });

  it('index across two regions: z = ±1 per component, mobility on one base (per 100 firms)', () => {
    const [a, b] = collectiveLearningIndex(dataset, ['A', 'B']);
    // S: 33.3 vs 0 → A +1, B −1. N: 1/3 vs 1/2 → A −1, B +1.
    // M per 100 firms for both (B has no employment): A 100·1/3 = 33.3, B 50 → A −1, B +1.
    expect(a.mobilityIntensity).toBeCloseTo(100 / 3, 12);
    expect(a.zSpinoff).toBeCloseTo(1, 12);
    expect(a.zNetworking).toBeCloseTo(-1, 12);
    expect(a.zMobility).toBeCloseTo(-1, 12);
    expect(a.index).toBeCloseTo(-1 / 3, 12);
    expect(b.index).toBeCloseTo(1 / 3, 12);
  });

  it('z-scores: population sd, nothing for constant or single values', () => {
    // mean 2, population sd sqrt(2/3)
    const z = zScores([1, 2, 3]);
    expect(z[0]).toBeCloseTo(-1 / Math.sqrt(2 / 3), 12);
    expect(z[1]).toBe(0);
    expect(zScores([5, 5])).toEqual([null, null]);
    expect(zScores([5, null])).toEqual([null, null]);
  });

  it('not available: no region, and an empty region', () => {
    expect(learning(dataset).tables[0]).toHaveProperty('notAvailable');
    const empty = learning(dataset, { region: 'IT' });
    expect(empty.tables[0]).toMatchObject({ notAvailable: "no firms in region 'IT'" });
    expect(empty.indicators.every((i) => i.value === null && i.notAvailable)).toBe(true);
  });
});

describe('collective learning without records of a process', () => {
  it('is unknown (null with a reason), not zero', () => {
    // same organisations, but no spin-offs, moves or ties recorded at all
    const bare = buildDataset({
      organisations: {
        rowCount: 2,
        columns: { id: ['a', 'b'], kind: ['sme', 'sme'], nuts: ['DE111', 'DE112'] },
      },
    });
    const c = learningComponents(bare, 'DE1');
    expect([c.spinoffIntensity, c.networkingIntensity, c.mobilityIntensity]).toEqual([null, null, null]);
    const family = learning(bare, { region: 'DE1' });
    expect(family.indicators.map((i) => i.notAvailable)).toEqual([
      'no spin-off records in the data',
      'no tie or project records in the data',
      'no move records in the data',
    ]);
  });
});
