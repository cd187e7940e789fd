/**
 * No component may use information from after T: planting a project, a stored tie and an undated
 * project after T must leave every candidate, component value and score at T as it was.
 */
import { describe, expect, it } from 'vitest';
import { small, smallRows } from './fixtures.ts';
import {
  COMPONENTS,
  HAND_WEIGHTS,
  recommendIntroductions,
  regionMask,
  scoreCandidates,
  snapshotAt,
  weightsOf,
} from './imports.ts';

function withFuture() {
  const rows = smallRows();
  rows.projects.push({ id: 'F1', programme: 'SC1|SC3', start: '2018-03-01' });
  rows.projects.push({ id: 'F2', programme: 'LEIT', start: null });
  for (const o of ['f1', 'r1', 'f3', 'u1']) rows.participations.push({ project: 'F1', organisation: o });
  for (const o of ['f2', 'p1']) rows.participations.push({ project: 'F2', organisation: o });
  rows.ties = [{ source: 'f3', target: 'r1', kind: 'collaboration', start: 2019, weight: 3 }];
  return small(rows);
}

describe('no future leak', () => {
  it('a project, an undated project and a stored tie after T change no candidate, component or score', () => {
    const before = small();
    const after = withFuture();
    expect(after.projects.count).toBe(before.projects.count + 2);
    expect(after.ties.count).toBe(1);
    for (const scope of ['inside', 'pipelines'] as const) {
      for (const weights of [HAND_WEIGHTS, weightsOf('fitted')]) {
        const a = scoreCandidates(before, snapshotAt(before, 2017), regionMask(before, 'fen'), {
          pairs: 'any',
          scope,
          weights,
        });
        const b = scoreCandidates(after, snapshotAt(after, 2017), regionMask(after, 'fen'), {
          pairs: 'any',
          scope,
          weights,
        });
        expect(b.candidates.count).toBeGreaterThan(0);
        expect(Array.from(b.candidates.left)).toEqual(Array.from(a.candidates.left));
        expect(Array.from(b.candidates.right)).toEqual(Array.from(a.candidates.right));
        for (const c of COMPONENTS) expect(Array.from(b.components[c])).toEqual(Array.from(a.components[c]));
        expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
      }
    }
    // and the explanations, too
    const r1 = recommendIntroductions(before, { region: 'fen' }, { asOf: 2017, pairs: 'any' });
    const r2 = recommendIntroductions(after, { region: 'fen' }, { asOf: 2017, pairs: 'any' });
    expect(r2.recommendations).toEqual(r1.recommendations);
  });

  it('the planted future does change the scores at a later T (the test can fail)', () => {
    const after = withFuture();
    const at = (d: ReturnType<typeof small>) =>
      scoreCandidates(d, snapshotAt(d, 2018), regionMask(d, 'fen'), {
        pairs: 'any',
        scope: 'inside',
        weights: HAND_WEIGHTS,
      });
    expect(at(after).candidates.count).not.toBe(at(small()).candidates.count);
  });
});
