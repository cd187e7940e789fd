/**
 * Findings on SME networking (executive summary ¶17, 18, 26, 28): local inter-firm links are common
 * and mostly vertical, and local and global networking go together rather than replace each other.
 */
import { spearman } from '../measures/correlation.ts';
import { SCOPE_UNKNOWN, scopeCode } from '../measures/scope.ts';
import { givenYears, networkIn, overlapsYears } from '../measures/selection.ts';
import { collectTies, verticalRecorded } from '../measures/tie-list.ts';
import { TIE_KINDS, VERTICAL_TIE_KINDS } from '../model/index.ts';
import {
  coverageNote,
  decide,
  type Finding,
  type FindingContext,
  notTestable,
  shareOutcome,
} from './common.ts';
import { bootstrapUnits, permutationPValue } from './stats.ts';

export const localLinksCommon: Finding = {
  id: 'local-links-common',
  claim: 'Most local SMEs have close links with other firms of the region.',
  paragraphs: [18, 28],
  measures: ['ties: local SMEs with a tie to another local firm'],
  test: 'share of local SMEs with at least one tie to another local firm above ½: Wilson 95 % interval, one-sided score test',
  needs: 'SMEs and firms located in the region and their ties; at least 30 local SMEs',
  minimum: 30,
  check(ctx) {
    const g = networkIn(ctx.dataset, ctx.selection);
    let n = 0;
    let x = 0;
    for (let u = 0; u < ctx.local.length; u++) {
      if (!ctx.local[u] || !ctx.sme[u] || !ctx.covered[u]) continue;
      n++;
      for (let k = g.offsets[u]; k < g.offsets[u + 1]; k++) {
        const v = g.targets[k];
        if (v !== u && ctx.local[v] && ctx.firm[v]) {
          x++;
          break;
        }
      }
    }
    return decide({
      ...shareOutcome(x, n, 0.5, 'greater'),
      effectName: 'share of local SMEs with a local firm tie',
      values: { 'local SMEs': n, 'with a tie to a local firm': x },
      direction: 'greater',
      threshold: 0.5,
      smallest: 0.05,
      minimum: 30,
      unit: 'local SMEs',
      notes: [...(ctx.smeProxy ? [`SMEs: ${ctx.smeProxy}.`] : []), ...coverageNote(ctx)],
    });
  },
};

const VERTICAL = new Set(VERTICAL_TIE_KINDS.map((k) => TIE_KINDS.indexOf(k)));

export const localLinksVertical: Finding = {
  id: 'local-links-vertical',
  claim: 'Local links between firms are mostly vertical, between customers and suppliers.',
  paragraphs: [18],
  measures: ['ties.verticalShare of ties between local firms'],
  test: 'share of customer/supplier ties among the stored ties between two local firms above ½: Wilson 95 % interval, one-sided score test (ties taken as independent)',
  needs:
    'stored ties of known kind (customer, supplier, collaboration, …) between local firms; at least 30 such ties',
  minimum: 30,
  check(ctx) {
    if (!verticalRecorded(ctx.dataset))
      return notTestable(
        'vertical share of local firm–firm ties',
        'no customer or supplier tie in the data: the ties table with kinds customer/supplier is needed (co-participation cannot show them).',
      );
    const t = ctx.dataset.ties;
    const years = givenYears(ctx.selection);
    let n = 0;
    let x = 0;
    for (let k = 0; k < t.count; k++) {
      const u = t.source[k];
      const v = t.target[k];
      if (u < 0 || v < 0 || u === v || !overlapsYears(t.start[k], t.end[k], years)) continue;
      if (!(ctx.local[u] && ctx.local[v] && ctx.firm[u] && ctx.firm[v])) continue;
      n++;
      if (VERTICAL.has(t.kind[k])) x++;
    }
    return decide({
      ...shareOutcome(x, n, 0.5, 'greater'),
      effectName: 'vertical share of local firm–firm ties',
      values: { 'local firm–firm ties': n, 'customer or supplier': x },
      direction: 'greater',
      threshold: 0.5,
      smallest: 0.05,
      minimum: 30,
      unit: 'local firm–firm ties',
    });
  },
};

/** Local and non-local tie counts of every local firm (0 elsewhere), over the selection's dated tie list. */
export function tieCounts(ctx: FindingContext): { local: Float64Array; external: Float64Array } {
  const list = collectTies(ctx.dataset, ctx.selection);
  const n = ctx.local.length;
  const local = new Float64Array(n);
  const external = new Float64Array(n);
  for (let k = 0; k < list.count; k++) {
    const u = list.source[k];
    const v = list.target[k];
    const c = scopeCode(ctx.scope, u, v);
    if (c === SCOPE_UNKNOWN) continue;
    for (const [a, b] of [
      [u, v],
      [v, u],
    ]) {
      if (!ctx.local[a] || !ctx.firm[a]) continue;
      if (c === 0 && !ctx.local[b]) continue; // local with a region means both members; the years too
      if (c === 0) local[a]++;
      else external[a]++;
    }
  }
  return { local, external };
}

/** Local and non-local tie counts of the selection's local firms with at least one tie of known scope. */
export function buzzAndPipelines(ctx: FindingContext): { local: Float64Array; external: Float64Array } {
  const { local, external } = tieCounts(ctx);
  const keep: number[] = [];
  for (let i = 0; i < local.length; i++) if (local[i] + external[i] > 0) keep.push(i);
  return {
    local: Float64Array.from(keep, (i) => local[i]),
    external: Float64Array.from(keep, (i) => external[i]),
  };
}

export const localGlobalTogether: Finding = {
  id: 'local-and-global-together',
  claim: 'Firms that network more locally also network more outside the region: the two go together.',
  paragraphs: [17, 26],
  measures: ['ties.localExternalSpearman (local vs non-local tie counts per firm)'],
  test: 'Spearman’s ρ between each local firm’s local and non-local tie counts above 0: one-sided permutation test (1000 shuffles, seeded), percentile bootstrap 95 % interval',
  needs: 'located firms and their ties, inside and outside the region; at least 30 local firms with a tie',
  minimum: 30,
  check(ctx) {
    const { local, external } = buzzAndPipelines(ctx);
    const n = local.length;
    const rho = n >= 2 ? spearman(local, external) : Number.NaN;
    const ok = Number.isFinite(rho);
    const p = ok
      ? permutationPValue(rho, Float64Array.from(external), (y) => spearman(local, y), {
          seed: ctx.seed,
          samples: 500,
        })
      : null;
    const ci = ok
      ? bootstrapUnits(
          n,
          (pick) =>
            spearman(
              Float64Array.from(pick, (i) => local[i]),
              Float64Array.from(pick, (i) => external[i]),
            ),
          { seed: ctx.seed + 1, samples: 500 },
        )
      : null;
    let both = 0;
    for (let i = 0; i < n; i++) if (local[i] > 0 && external[i] > 0) both++;
    const coParticipation = ctx.dataset.participations.count > 0;
    return decide({
      effect: ok ? rho : null,
      effectName: 'Spearman ρ, local vs non-local ties',
      low: ci?.low ?? null,
      high: ci?.high ?? null,
      level: 0.95,
      pValue: p,
      n,
      values: { 'firms with a tie': n, 'with local and non-local ties': both },
      direction: 'greater',
      threshold: 0,
      smallest: 0.1,
      minimum: 30,
      unit: 'local firms with a tie',
      notes: coParticipation
        ? [
            'On project data a firm in more projects has more ties of every scope, so ρ also reflects how many projects a firm joins.',
          ]
        : [],
    });
  },
};
