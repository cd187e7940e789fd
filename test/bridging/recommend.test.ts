import { describe, expect, it } from 'vitest';
import { small } from './fixtures.ts';
import {
  HAND_WEIGHTS,
  introductionsCsv,
  introductionsTable,
  recommendIntroductions,
  weightsOf,
} from './imports.ts';

const d = small();

describe('recommendIntroductions on the hand-built dataset', () => {
  it('explains a pair with its shared programme part, its most specific shared partner, and the place', () => {
    const r = recommendIntroductions(d, { region: 'fen' }, { asOf: 2017, pairs: 'any', top: 20 });
    expect(r.candidates).toBe(11);
    expect(r.recommendations).toHaveLength(11);
    const pair = r.recommendations.find((x) => x.a.id === 'f1' && x.b.id === 'f2')!;
    expect(pair.facts.sharedParts[0]).toEqual({ part: 'SC1', label: 'health', a: 2, b: 1 });
    expect(pair.facts.commonPartners).toBe(2);
    // u1 has 3 partners, x1 has 5: u1 is the more specific introducer
    expect(pair.facts.introducers.map((x) => [x.id, x.partners, x.inside])).toEqual([
      ['u1', 3, true],
      ['x1', 5, false],
    ]);
    expect(pair.explanation).toContain('both work on SC1 (health)');
    expect(pair.explanation).toContain('2 shared partners, among them U1 and X1 (outside)');
    expect(pair.explanation).toContain('both in the region, in NUTS-3 UKH12');
    expect(pair.components.sector).toBe(0.5);
    const one = r.recommendations.find((x) => x.a.id === 'f1' && x.b.id === 'f3')!;
    expect(one.explanation).toContain('1 shared partner: P1;');
    expect(pair.components.commonPartners).toBe(2);
    // contributions add up to the score with the intercept
    const sum = Object.values(pair.contributions).reduce((a, b) => a + b, 0);
    expect(r.recommendations[0].score).toBeGreaterThanOrEqual(pair.score);
    expect(sum + weightsOf('fitted').intercept).toBeCloseTo(pair.score, 12);
  });

  it('names the gap the study names: a firm with no tie to any local knowledge centre', () => {
    const r = recommendIntroductions(d, { region: 'fen' }, { asOf: 2017, model: 'hand' });
    expect(r.pairs).toBe('firms:knowledge');
    expect(r.recommendations.map((x) => `${x.a.id}-${x.b.id}`).sort()).toEqual([
      'f1-r1',
      'f2-r1',
      'f3-r1',
      'f3-u1',
    ]);
    for (const x of r.recommendations) expect(['sme', 'firm']).toContain(x.a.kind); // the firm first
    const gap = r.recommendations.find((x) => x.a.id === 'f3' && x.b.id === 'u1')!;
    expect(gap.facts.firmLocalKnowledgeTies).toBe(0);
    expect(gap.explanation).toContain(
      'the firm has no tie to any local university, research institute or technology centre',
    );
    expect(gap.explanation).toContain('no shared partner yet');
    expect(gap.explanation).toContain('no programme part in common yet');
    const linked = r.recommendations.find((x) => x.a.id === 'f1')!;
    expect(linked.facts.firmLocalKnowledgeTies).toBe(1);
    expect(linked.explanation).toContain('the firm already works with 1 local knowledge centre');
    // scores in decreasing order, and equal to the hand weights' sum
    for (let i = 1; i < r.recommendations.length; i++)
      expect(r.recommendations[i - 1].score).toBeGreaterThanOrEqual(r.recommendations[i].score);
    const f1r1 = r.recommendations.find((x) => x.a.id === 'f1')!;
    const b = HAND_WEIGHTS.beta;
    const expected =
      b.commonPartners * Math.log(2) +
      b.adamicAdar / Math.log(5) +
      b.resourceAllocation / 5 +
      b.sector * 1 +
      b.sameNuts3 +
      b.bothInside +
      b.sameCountry +
      b.complementarity +
      b.openness * (Math.log(4) + Math.log(2)) +
      b.activity * (Math.log(3) + Math.log(2));
    expect(f1r1.score).toBeCloseTo(expected, 12);
  });

  it('pipelines pair an inside organisation with an outside one and say where the outside one is', () => {
    const r = recommendIntroductions(d, { region: 'fen' }, { asOf: 2017, scope: 'pipelines' });
    expect(r.recommendations.map((x) => `${x.a.id}-${x.b.id}`).sort()).toEqual(['f1-y1', 'f2-y1']);
    expect(r.recommendations[0].b.inside).toBe(false);
    expect(r.recommendations[0].explanation).toContain('Y1 is outside the region (DE)');
    expect(r.notes.join(' ')).toContain('partners of partners');
  });

  it('top limits the list; the plain table and CSV hold one row per recommendation', () => {
    const r = recommendIntroductions(d, { region: 'fen' }, { asOf: 2017, pairs: 'any', top: 3 });
    expect(r.recommendations.map((x) => x.rank)).toEqual([1, 2, 3]);
    const t = introductionsTable([r]);
    expect(t.rows).toHaveLength(3);
    expect(t.columns).toContain('adamicAdarContribution');
    const csv = introductionsCsv([r]).trimEnd().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[0].startsWith('region,asOf,rank,aId')).toBe(true);
    expect(() => recommendIntroductions(d, { region: 'nowhere' })).toThrow(/nowhere/);
  });
});
