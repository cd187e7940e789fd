/**
 * `introduce` on the real H2020 data (skipped when ../shared/data is absent): a study cluster gets
 * explained firm–knowledge recommendations of untied pairs, and the hold-out machinery finds new
 * ties after 2017 among its candidates.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { parseCordis } from '../../src/io/cordis/index.ts';
import { withRegionContext } from '../../src/regions/arguments.ts';
import { SHARED_DATA } from '../helpers.ts';
import {
  cachedSnapshot,
  labelCandidates,
  recommendIntroductions,
  regionMask,
  scoreCandidates,
  tiedAt,
  tiesStartingAfter,
  weightsOf,
} from './imports.ts';

const CORDIS = join(SHARED_DATA, 'cordis');

describe.skipIf(!existsSync(CORDIS))('introduce on the real H2020 data', () => {
  // placed by locality names only (no resolve step): enough for a cluster's members
  const dataset = withRegionContext(buildDataset(parseCordis(CORDIS).tables));

  it('Munich as of 2017: explained firm–knowledge introductions of untied, local, active pairs', () => {
    const r = recommendIntroductions(dataset, { region: 'munich' }, { asOf: 2017, top: 10 });
    expect(r.candidates).toBeGreaterThan(100);
    expect(r.recommendations).toHaveLength(10);
    const snap = cachedSnapshot(dataset, 2017, 30);
    const index = dataset.organisations.index;
    for (const x of r.recommendations) {
      expect(x.a.kind).toBe('firm');
      expect(['university', 'research-institute']).toContain(x.b.kind);
      expect(x.a.inside && x.b.inside).toBe(true);
      expect(tiedAt(snap, index.get(x.a.id)!, index.get(x.b.id)!)).toBe(false);
      expect(x.explanation).toMatch(/partners?, \d+ projects? 2015–2017/);
      expect(x.explanation.length).toBeGreaterThan(80);
    }
    // the best-scored pairs have shared partners to introduce them
    expect(r.recommendations[0].facts.commonPartners).toBeGreaterThan(0);
    expect(r.recommendations[0].explanation).toMatch(/shared partners?(, among them|:) /);
    expect(r.notes.join(' ')).toMatch(/sector proximity not available/);
  });

  it('some candidates of 2017 did tie later, and the model ranks them above the rest on average', () => {
    const snap = cachedSnapshot(dataset, 2017, 30);
    const s = scoreCandidates(dataset, snap, regionMask(dataset, 'munich'), {
      pairs: 'any',
      scope: 'inside',
      weights: weightsOf('fitted'),
    });
    const y = labelCandidates(s.candidates, tiesStartingAfter(dataset, 2017, 2100));
    let pos = 0;
    let posScore = 0;
    let negScore = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i]) {
        pos++;
        posScore += s.scores[i];
      } else negScore += s.scores[i];
    }
    expect(pos).toBeGreaterThan(5);
    expect(posScore / pos).toBeGreaterThan(negScore / (y.length - pos));
  });
});
