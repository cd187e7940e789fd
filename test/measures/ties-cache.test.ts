import { describe, expect, it } from 'vitest';
import { collectTies } from '../../src/measures/ties.ts';
import { dataset } from './fixtures.ts';

describe('collectTies is computed once per dataset and year range', () => {
  const ds = dataset({
    organisations: [
      { id: 'a', kind: 'firm' },
      { id: 'b', kind: 'firm' },
      { id: 'c', kind: 'university' },
    ],
    projects: [
      { id: 'p1', start: '2015-01-01', end: '2016-12-31' },
      { id: 'p2', start: '2019-01-01', end: '2020-12-31' },
    ],
    participations: [
      { project: 'p1', organisation: 'a' },
      { project: 'p1', organisation: 'b' },
      { project: 'p2', organisation: 'b' },
      { project: 'p2', organisation: 'c' },
    ],
  });

  it('returns the same list for the same years, and a separate one for other years', () => {
    const all = collectTies(ds);
    expect(collectTies(ds)).toBe(all);
    expect(all.count).toBe(2);
    const early = collectTies(ds, { years: [2014, 2016] });
    expect(early).not.toBe(all);
    expect(collectTies(ds, { years: [2014, 2016] })).toBe(early);
    // Only a–b (p1, 2015–2016) overlaps 2014–2016.
    expect(early.count).toBe(1);
    expect([early.source[0], early.target[0]].sort()).toEqual([0, 1]);
    expect(collectTies(ds, { years: [2019, 2020] }).count).toBe(1);
  });
});
