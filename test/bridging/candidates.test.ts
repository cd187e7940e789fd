import { describe, expect, it } from 'vitest';
import { small } from './fixtures.ts';
import { candidatePairs, parsePairType, parseScope, regionMask, snapshotAt } from './imports.ts';

const d = small();
const snap = snapshotAt(d, 2017);
const members = regionMask(d, 'fen');
const ids = (c: { count: number; left: Int32Array; right: Int32Array }) =>
  Array.from(
    { length: c.count },
    (_, i) => `${d.organisations.id[c.left[i]]}-${d.organisations.id[c.right[i]]}`,
  );

describe('candidate pairs: untied at T, active, of the pair type and scope', () => {
  it('any pair inside: every untied pair of the six members', () => {
    const c = candidatePairs(d, snap, members, { pairs: 'any', scope: 'inside' });
    expect(ids(c)).toEqual([
      'f1-f2',
      'f1-f3',
      'f1-r1',
      'f2-f3',
      'f2-r1',
      'f2-p1',
      'f3-u1',
      'f3-r1',
      'u1-r1',
      'u1-p1',
      'r1-p1',
    ]);
  });

  it('firms:knowledge keeps firm–university and firm–research-institute pairs only', () => {
    const c = candidatePairs(d, snap, members, { pairs: 'firms:knowledge', scope: 'inside' });
    expect(ids(c)).toEqual(['f1-r1', 'f2-r1', 'f3-u1', 'f3-r1']);
  });

  it('firms:firms keeps pairs of firms of any size', () => {
    const c = candidatePairs(d, snap, members, { pairs: 'firms:firms', scope: 'inside' });
    expect(ids(c)).toEqual(['f1-f2', 'f1-f3', 'f2-f3']);
  });

  it('pipelines: an inside organisation with an outside partner of a partner (y1 through x1, x1 through f1)', () => {
    const any = candidatePairs(d, snap, members, { pairs: 'any', scope: 'pipelines' });
    expect(ids(any)).toEqual(['f1-y1', 'f2-y1', 'u1-y1', 'r1-y1', 'p1-x1']);
    const fk = candidatePairs(d, snap, members, { pairs: 'firms:knowledge', scope: 'pipelines' });
    expect(ids(fk)).toEqual(['f1-y1', 'f2-y1']);
  });

  it('an organisation with nothing known by T is not a candidate', () => {
    // in 2015 only P1 (f1, u1, x1) is known: f2 and the others are not active yet
    const early = snapshotAt(d, 2015);
    const c = candidatePairs(d, early, members, { pairs: 'any', scope: 'inside' });
    expect(c.count).toBe(0);
  });

  it('refuses unknown pair types and scopes with a usage error', () => {
    expect(() => parsePairType('firms:labs')).toThrow(
      /--pairs must be one of firms:knowledge, firms:firms, any/,
    );
    expect(() => parseScope('outside')).toThrow(/--scope must be one of inside, pipelines/);
    expect(parsePairType(' ANY ')).toBe('any');
  });
});
