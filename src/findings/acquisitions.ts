/**
 * Findings on acquisitions (executive summary ¶22, 23): acquirers of the cluster's firms are mostly
 * multinationals from outside, acquisition does not slow the acquired firm's growth, and acquired
 * firms that keep their autonomy bridge the local milieu and the world.
 */
import { employmentGrowth } from '../measures/spinoffs.ts';
import {
  boolOf,
  column,
  decide,
  type Finding,
  type FindingContext,
  groupDifference,
  notTestable,
  orgOf,
  round,
  shareOutcome,
} from './common.ts';
import { tieCounts } from './networking.ts';
import { bootstrapPValue, bootstrapUnits, twoProportions } from './stats.ts';

const NO_ACQUISITIONS = 'the acquisitions table (target, acquirer) is empty.';

interface Acquisition {
  target: number;
  acquirer: number;
  multinational: boolean | null;
  autonomy: boolean | null;
}

/** Acquisitions of local firms (targets in the selection and active in its years; dated ones within them). */
function localAcquisitions(ctx: FindingContext): Acquisition[] {
  const d = ctx.dataset;
  const t = d.other.acquisitions;
  const target = column(d, 'acquisitions', 'target');
  const acquirer = column(d, 'acquisitions', 'acquirer');
  const year = column(d, 'acquisitions', 'year');
  const mnc = column(d, 'acquisitions', 'multinational');
  const autonomy = column(d, 'acquisitions', 'autonomy');
  const [first, last] = ctx.selection.years;
  const out: Acquisition[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const i = orgOf(d, target[r]);
    const j = orgOf(d, acquirer[r]);
    if (i < 0 || j < 0 || !ctx.local[i] || !ctx.firm[i]) continue;
    const y = year[r] === null || year[r] === undefined ? Number.NaN : Number(year[r]);
    if (!Number.isNaN(y) && (y < first || y > last)) continue;
    out.push({ target: i, acquirer: j, multinational: boolOf(mnc[r]), autonomy: boolOf(autonomy[r]) });
  }
  return out;
}

export const acquisitionsByMultinationals: Finding = {
  id: 'acquisitions-by-multinationals',
  claim: 'The cluster’s acquired firms are mostly bought by multinationals from outside the country.',
  paragraphs: [22, 23],
  measures: ['acquisitions.foreignShare (multinational acquirers where the data say so)'],
  test: 'share of acquisitions of local firms made by a multinational (the acquisitions.multinational flag; where it is empty, an acquirer from another country) above ½: Wilson 95 % interval, one-sided score test',
  needs:
    'acquisitions of the region’s firms with the acquirer’s country or the multinational flag; at least 20 acquisitions',
  minimum: 20,
  check(ctx) {
    if (ctx.dataset.other.acquisitions.rowCount === 0)
      return notTestable('share of acquisitions by multinationals', NO_ACQUISITIONS);
    const country = ctx.dataset.organisations.country;
    let n = 0;
    let x = 0;
    let byFlag = 0;
    let byCountry = 0;
    let unknown = 0;
    for (const a of localAcquisitions(ctx)) {
      if (a.multinational !== null) {
        byFlag++;
        n++;
        if (a.multinational) x++;
        continue;
      }
      const ct = country[a.target];
      const ca = country[a.acquirer];
      if (ct === null || ca === null) {
        unknown++;
        continue;
      }
      byCountry++;
      n++;
      if (ct.toUpperCase() !== ca.toUpperCase()) x++;
    }
    return decide({
      ...shareOutcome(x, n, 0.5, 'greater'),
      effectName: 'share of acquisitions by multinationals',
      values: {
        'acquisitions of local firms': n,
        'by multinationals or from abroad': x,
        'judged by the multinational flag': byFlag,
        'judged by the acquirer’s country': byCountry,
        'acquirer or target country unknown': unknown,
      },
      direction: 'greater',
      threshold: 0.5,
      smallest: 0.05,
      minimum: 20,
      unit: 'acquisitions of local firms',
      notes:
        byCountry > 0
          ? [
              `${byCountry} acquisition(s) without the multinational flag count a foreign acquirer as a multinational.`,
            ]
          : [],
    });
  },
};

/** The non-inferiority margin of ¶22's "no harm": 2 points of annual employment growth. */
export const NO_HARM_MARGIN = 0.02;

export const acquisitionsNoHarm: Finding = {
  id: 'acquisitions-no-harm',
  claim: 'Acquired firms grow no slower than the cluster’s other SMEs.',
  paragraphs: [22],
  measures: ['employment growth (compound annual) of acquired and other local SMEs'],
  test: 'non-inferiority: mean annual employment growth of acquired local firms minus other local SMEs above −2 points; percentile bootstrap 95 % interval, one-sided bootstrap p-value at −2 points; not supported when the interval lies below 0',
  needs:
    'acquisitions of the region’s firms and their employment in at least two years; at least 10 acquired and 10 other firms with growth',
  minimum: 20,
  check(ctx) {
    const d = ctx.dataset;
    if (d.other.acquisitions.rowCount === 0)
      return notTestable('mean growth, acquired − others, per year', NO_ACQUISITIONS);
    if (d.other.employment.rowCount === 0)
      return notTestable(
        'mean growth, acquired − others, per year',
        'the employment table is empty: head counts of the acquired firms in at least two years are needed.',
      );
    const acquired = new Uint8Array(d.organisations.count);
    for (const a of localAcquisitions(ctx)) acquired[a.target] = 1;
    const growth = employmentGrowth(d);
    const values: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < growth.length; i++) {
      if (!ctx.local[i] || !ctx.firm[i] || Number.isNaN(growth[i])) continue;
      if (!acquired[i] && !ctx.sme[i]) continue;
      values.push(growth[i]);
      labels.push(acquired[i]);
    }
    const diff = (pick: ArrayLike<number>) => groupDifference(values, labels, pick);
    const n1 = labels.filter(Boolean).length;
    const n0 = labels.length - n1;
    const all = Int32Array.from(values.keys());
    const effect = diff(all);
    const ci = Number.isFinite(effect) ? bootstrapUnits(all.length, diff, { seed: ctx.seed }) : null;
    return decide({
      effect: Number.isFinite(effect) ? effect : null,
      effectName: 'mean growth, acquired − others, per year',
      low: ci?.low ?? null,
      high: ci?.high ?? null,
      level: 0.95,
      pValue: ci === null ? null : bootstrapPValue(ci.replicates, -NO_HARM_MARGIN),
      n: values.length,
      values: { 'acquired firms with growth': n1, 'other SMEs with growth': n0, margin: -NO_HARM_MARGIN },
      direction: 'greater',
      threshold: -NO_HARM_MARGIN,
      smallest: NO_HARM_MARGIN,
      minimum: 20,
      unit: 'local firms with growth',
      short:
        Math.min(n1, n0) < 10
          ? `each group needs at least 10 firms with growth (${n1} acquired, ${n0} others).`
          : undefined,
    });
  },
};

export const autonomousBridges: Finding = {
  id: 'acquired-autonomous-bridges',
  claim:
    'Acquired firms that keep their autonomy link the local milieu with the wider world more often than other firms.',
  paragraphs: [23],
  measures: ['ties by scope of acquired firms (autonomy kept) and of other local firms'],
  test: 'share of "bridges" (firms with both a local and a non-local tie) among autonomous acquired firms minus among other local firms: one-sided two-proportion z-test, Newcombe 95 % interval',
  needs:
    'acquisitions with the autonomy column filled, and located ties of the region’s firms; at least 10 autonomous acquired firms',
  minimum: 10,
  check(ctx) {
    const d = ctx.dataset;
    if (d.other.acquisitions.rowCount === 0)
      return notTestable('bridge share, autonomous acquired − others', NO_ACQUISITIONS);
    const acq = localAcquisitions(ctx);
    const autonomy = column(d, 'acquisitions', 'autonomy');
    if (!autonomy.some((v) => boolOf(v) !== null))
      return notTestable(
        'bridge share, autonomous acquired − others',
        'acquisitions.autonomy is empty: whether each acquired firm kept its autonomy is needed.',
      );
    const autonomous = new Uint8Array(d.organisations.count);
    const acquired = new Uint8Array(d.organisations.count);
    for (const a of acq) {
      acquired[a.target] = 1;
      if (a.autonomy) autonomous[a.target] = 1;
    }
    const { local, external } = tieCounts(ctx);
    let n1 = 0;
    let x1 = 0;
    let n0 = 0;
    let x0 = 0;
    for (let i = 0; i < local.length; i++) {
      if (!ctx.local[i] || !ctx.firm[i]) continue;
      const bridge = local[i] > 0 && external[i] > 0 ? 1 : 0;
      if (autonomous[i]) {
        n1++;
        x1 += bridge;
      } else if (!acquired[i]) {
        n0++;
        x0 += bridge;
      }
    }
    const t = n1 > 0 && n0 > 0 ? twoProportions(x1, n1, x0, n0) : null;
    return decide({
      effect: t?.difference ?? null,
      effectName: 'bridge share, autonomous acquired − others',
      low: t?.low ?? null,
      high: t?.high ?? null,
      level: 0.95,
      pValue: t?.pValue ?? null,
      n: n1,
      values: {
        'autonomous acquired firms': n1,
        'autonomous acquired bridges': x1,
        'other local firms': n0,
        'other local bridges': x0,
        'bridge share, others': n0 > 0 ? round(x0 / n0) : null,
      },
      direction: 'greater',
      threshold: 0,
      smallest: 0.05,
      minimum: 10,
      unit: 'autonomous acquired firms',
    });
  },
};
