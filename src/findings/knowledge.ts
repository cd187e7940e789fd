/**
 * Findings on the knowledge infrastructure and university links (executive summary ¶8, 12, 13):
 * technology centres reach a minority of firms, knowledge centres are dense in the clusters, SMEs
 * collaborate little with local universities, and customers matter more than knowledge centres as
 * a source of innovation.
 */
import { networkIn } from '../measures/selection.ts';
import { randomIndex, rng } from '../measures/stats.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';
import {
  column,
  count,
  coverageNote,
  decide,
  type Finding,
  type FindingContext,
  notTestable,
  orgOf,
  round,
  shareOutcome,
} from './common.ts';
import { bootstrapPValue, bootstrapUnits, twoProportions } from './stats.ts';

const code = (k: string) => ORGANISATION_KINDS.indexOf(k as (typeof ORGANISATION_KINDS)[number]);
const UNIVERSITY = code('university');

/** Local SMEs with at least one tie (in the selection's network) to an organisation `target` accepts. */
export function smesTiedTo(
  ctx: FindingContext,
  target: (v: number) => boolean,
): { smes: number; tied: number } {
  const g = networkIn(ctx.dataset, ctx.selection);
  let smes = 0;
  let tied = 0;
  for (let u = 0; u < ctx.local.length; u++) {
    if (!ctx.local[u] || !ctx.sme[u] || !ctx.covered[u]) continue;
    smes++;
    for (let k = g.offsets[u]; k < g.offsets[u + 1]; k++)
      if (target(g.targets[k])) {
        tied++;
        break;
      }
  }
  return { smes, tied };
}

/** A "minority of local SMEs" test: share < ½, Wilson interval, score test. */
function minority(
  ctx: FindingContext,
  effectName: string,
  x: number,
  n: number,
  values: Record<string, number>,
  minimum: number,
) {
  return decide({
    ...shareOutcome(x, n, 0.5, 'less'),
    effectName,
    values,
    direction: 'less',
    threshold: 0.5,
    smallest: 0.05,
    minimum,
    unit: 'local SMEs',
    notes: [...(ctx.smeProxy ? [`SMEs: ${ctx.smeProxy}.`] : []), ...coverageNote(ctx)],
  });
}

const CENTRES = new Set([code('technology-centre'), code('science-park')]);

export const technologyCentresMinority: Finding = {
  id: 'technology-centres-minority',
  claim: 'Technology and innovation centres reach only a minority of the local firms.',
  paragraphs: [8, 9],
  measures: ['knowledge.smeTies to technology centres and science parks'],
  test: 'share of local SMEs with a tie to a technology centre or science park below ½: Wilson 95 % interval, one-sided score test',
  needs:
    'organisations of kind technology-centre or science-park, SMEs and their ties; at least 30 local SMEs',
  minimum: 30,
  check(ctx) {
    const kind = ctx.dataset.organisations.kind;
    let centres = 0;
    for (let i = 0; i < kind.length; i++) if (CENTRES.has(kind[i])) centres++;
    if (centres === 0)
      return notTestable(
        'share of local SMEs tied to a technology centre',
        'no organisation of kind technology-centre or science-park: organisations.kind must mark them (CORDIS activity types have no such kind).',
      );
    const { smes, tied } = smesTiedTo(ctx, (v) => CENTRES.has(kind[v]));
    return minority(
      ctx,
      'share of local SMEs tied to a technology centre',
      tied,
      smes,
      { 'local SMEs': smes, 'tied to a technology centre': tied, 'technology centres': centres },
      30,
    );
  },
};

export const knowledgeDensity: Finding = {
  id: 'knowledge-density',
  claim: 'Universities and research institutes are denser in the cluster than elsewhere.',
  paragraphs: [12],
  measures: ['knowledge.centres (universities, research institutes, technology centres, science parks)'],
  test: 'share of knowledge centres among the region’s organisations minus the share outside it: one-sided two-proportion z-test, Newcombe 95 % interval; the location quotient beside it',
  needs: 'a region, and organisations of every kind inside and outside it; at least 30 organisations inside',
  minimum: 30,
  check(ctx) {
    if (ctx.scope.members === null)
      return notTestable(
        'knowledge-centre share, region minus rest',
        'needs a region (--region) to compare with the rest of the data.',
      );
    let inN = 0;
    let inX = 0;
    let outN = 0;
    let outX = 0;
    const m = ctx.scope.members;
    for (let i = 0; i < m.length; i++) {
      if (!ctx.covered[i]) continue;
      if (m[i]) {
        if (!ctx.local[i]) continue;
        inN++;
        inX += ctx.knowledgeCentre[i];
      } else {
        outN++;
        outX += ctx.knowledgeCentre[i];
      }
    }
    if (inN === 0 || outN === 0)
      return decide({
        effect: null,
        effectName: 'knowledge-centre share, region minus rest',
        low: null,
        high: null,
        level: null,
        pValue: null,
        n: inN,
        values: {},
        direction: 'greater',
        threshold: 0,
        smallest: 0.02,
        minimum: 30,
        unit: 'organisations in the region',
        short: `${inN} organisations inside and ${outN} outside: both sides are needed.`,
      });
    const t = twoProportions(inX, inN, outX, outN);
    return decide({
      effect: t.difference,
      effectName: 'knowledge-centre share, region minus rest',
      low: t.low,
      high: t.high,
      level: 0.95,
      pValue: t.pValue,
      n: inN,
      values: {
        'organisations inside': inN,
        'knowledge centres inside': inX,
        'organisations outside': outN,
        'knowledge centres outside': outX,
        'location quotient': outX > 0 ? round(inX / inN / (outX / outN)) : null,
      },
      direction: 'greater',
      threshold: 0,
      smallest: 0.02,
      minimum: 30,
      unit: 'organisations in the region',
    });
  },
};

export const universityCollaborationLimited: Finding = {
  id: 'university-collaboration-limited',
  claim: 'Only a minority of local SMEs collaborate directly with a local university.',
  paragraphs: [13],
  measures: ['knowledge.smeTies to local universities'],
  test: 'share of local SMEs with a tie to a university of the same region below ½: Wilson 95 % interval, one-sided score test',
  needs:
    'universities and SMEs located in the region, and their ties (collaboration, R&D projects); at least 30 local SMEs',
  minimum: 30,
  check(ctx) {
    const kind = ctx.dataset.organisations.kind;
    if (count(Uint8Array.from(kind, (k) => (k === UNIVERSITY ? 1 : 0))) === 0)
      return notTestable(
        'share of local SMEs tied to a local university',
        'no organisation of kind university in the data.',
      );
    const { smes, tied } = smesTiedTo(ctx, (v) => kind[v] === UNIVERSITY && ctx.local[v] === 1);
    return minority(
      ctx,
      'share of local SMEs tied to a local university',
      tied,
      smes,
      { 'local SMEs': smes, 'tied to a local university': tied },
      30,
    );
  },
};

export const universityLinksLocal: Finding = {
  id: 'university-links-outside',
  claim: 'Most of the local firms’ university partners lie outside the cluster.',
  paragraphs: [13, 16],
  measures: ['knowledge.universityLinks by scope (local firm–university ties inside vs across the region)'],
  test: 'share of local firms’ ties to universities that stay inside the region, below ½: ratio of sums with a percentile bootstrap over firms (1000 resamples, seeded) and its one-sided bootstrap p-value',
  needs:
    'firms and universities with locations, and their ties; at least 30 local firms with a university tie',
  minimum: 30,
  check(ctx) {
    const kind = ctx.dataset.organisations.kind;
    const g = networkIn(ctx.dataset, ctx.selection);
    const inside: number[] = [];
    const total: number[] = [];
    let universities = 0;
    for (let i = 0; i < kind.length; i++) if (kind[i] === UNIVERSITY) universities++;
    if (universities === 0)
      return notTestable(
        'share of firm–university ties inside the region',
        'no organisation of kind university in the data.',
      );
    for (let u = 0; u < kind.length; u++) {
      if (!ctx.local[u] || !ctx.firm[u]) continue;
      let a = 0;
      let b = 0;
      for (let k = g.offsets[u]; k < g.offsets[u + 1]; k++) {
        const v = g.targets[k];
        if (kind[v] !== UNIVERSITY) continue;
        b++;
        if (ctx.local[v]) a++;
      }
      if (b > 0) {
        inside.push(a);
        total.push(b);
      }
    }
    const ratio = (pick: ArrayLike<number>) => {
      let a = 0;
      let b = 0;
      for (let k = 0; k < pick.length; k++) {
        a += inside[pick[k]];
        b += total[pick[k]];
      }
      return b === 0 ? Number.NaN : a / b;
    };
    const n = inside.length;
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const effect = n > 0 ? ratio(all) : null;
    const ci = n > 0 ? bootstrapUnits(n, ratio, { seed: ctx.seed, samples: 1000 }) : null;
    const ties = total.reduce((s, x) => s + x, 0);
    const local = inside.reduce((s, x) => s + x, 0);
    // "less than ½": the share of replicates at or above ½
    const p =
      ci === null
        ? null
        : bootstrapPValue(
            ci.replicates.map((x) => -x),
            -0.5,
          );
    return decide({
      effect,
      effectName: 'share of firm–university ties inside the region',
      low: ci?.low ?? null,
      high: ci?.high ?? null,
      level: 0.95,
      pValue: p,
      n,
      values: {
        'firms with a university tie': n,
        'firm–university ties': ties,
        'of them inside the region': local,
      },
      direction: 'less',
      threshold: 0.5,
      smallest: 0.05,
      minimum: 30,
      unit: 'local firms with a university tie',
    });
  },
};

const CUSTOMERS = 'customers';
const KNOWLEDGE_SOURCES = new Set(['universities', 'research-institutes', 'technology-centres']);

export const customersOverKnowledgeCentres: Finding = {
  id: 'customers-over-knowledge-centres',
  claim: 'Firms rate their customers above knowledge centres as a source of innovation.',
  paragraphs: [13],
  measures: ['innovation_sources: importance of customers minus the best-rated knowledge centre, per firm'],
  test: 'mean paired difference (customers − max of universities, research institutes, technology centres; 1–5 scale) above 0: sign-flip permutation test (2000 flips, seeded), percentile bootstrap 95 % interval',
  needs:
    'survey answers (innovation_sources) rating customers and at least one knowledge centre; at least 20 local firms',
  minimum: 20,
  check(ctx) {
    const t = ctx.dataset.other.innovation_sources;
    if (t.rowCount === 0)
      return notTestable(
        'mean importance, customers − knowledge centres',
        'the innovation_sources table (survey answers on sources of innovation) is empty.',
      );
    const org = column(ctx.dataset, 'innovation_sources', 'organisation');
    const source = column(ctx.dataset, 'innovation_sources', 'source');
    const importance = column(ctx.dataset, 'innovation_sources', 'importance');
    const customers = new Map<number, number>();
    const centres = new Map<number, number>();
    for (let r = 0; r < t.rowCount; r++) {
      const i = orgOf(ctx.dataset, org[r]);
      const v = Number(importance[r]);
      if (i < 0 || !ctx.local[i] || !Number.isFinite(v)) continue;
      const s = String(source[r]);
      if (s === CUSTOMERS) customers.set(i, v);
      else if (KNOWLEDGE_SOURCES.has(s)) centres.set(i, Math.max(centres.get(i) ?? 0, v));
    }
    const d: number[] = [];
    for (const [i, c] of customers) if (centres.has(i)) d.push(c - centres.get(i)!);
    const n = d.length;
    const mean = (pick: ArrayLike<number>) => {
      let s = 0;
      for (let k = 0; k < pick.length; k++) s += d[pick[k]];
      return pick.length === 0 ? Number.NaN : s / pick.length;
    };
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const effect = n > 0 ? mean(all) : null;
    const ci = n > 0 ? bootstrapUnits(n, mean, { seed: ctx.seed, samples: 1000 }) : null;
    let p: number | null = null;
    if (n > 0 && effect !== null) {
      // sign flips: under "no preference" each difference is as likely negative as positive
      const random = rng(ctx.seed + 7);
      const flips = 2000;
      let atLeast = 0;
      for (let b = 0; b < flips; b++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += randomIndex(random, 2) === 0 ? d[k] : -d[k];
        if (s / n >= effect - 1e-12) atLeast++;
      }
      p = (1 + atLeast) / (flips + 1);
    }
    return decide({
      effect,
      effectName: 'mean importance, customers − knowledge centres',
      low: ci?.low ?? null,
      high: ci?.high ?? null,
      level: 0.95,
      pValue: p,
      n,
      values: {
        'firms answering both': n,
        'customers rated higher': d.filter((x) => x > 0).length,
        'knowledge centres rated higher': d.filter((x) => x < 0).length,
      },
      direction: 'greater',
      threshold: 0,
      smallest: 0.25,
      minimum: 20,
      unit: 'local firms answering',
    });
  },
};
