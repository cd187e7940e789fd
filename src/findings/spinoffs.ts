/**
 * Findings on spin-offs (executive summary ¶14, 20, 21, 23, 27): the share of direct university
 * spin-offs among local SMEs (about 17 %), indirect spin-offs adding to it, corporate spin-offs
 * growing faster, spin-offs keeping links with their parents, and a localised spin-off process.
 */
import { genealogy } from '../measures/genealogy.ts';
import { isLocalPair } from '../measures/scope.ts';
import { hasTie, networkIn } from '../measures/selection.ts';
import { employmentGrowth } from '../measures/spinoffs.ts';
import { FIRM_KINDS, ORGANISATION_KINDS } from '../model/index.ts';
import {
  decide,
  type Finding,
  type FindingContext,
  groupDifference,
  notTestable,
  round,
  shareOutcome,
} from './common.ts';
import { bootstrapUnits, permutationPValue, tostProportion, wilson } from './stats.ts';

const UNIVERSITY = ORGANISATION_KINDS.indexOf('university');
const NO_SPINOFFS = 'the spinoffs table (child, parent) is empty: spin-off lineage is needed.';

/** The claimed share of direct university spin-offs among local high-tech SMEs, and the margin. */
export const UNIVERSITY_SPINOFF_SHARE = 0.17;
export const UNIVERSITY_SPINOFF_MARGIN = 0.05;

/** For each organisation: generations up to its nearest university ancestor (1 = direct), 0 when none. */
function universityDistance(ctx: FindingContext): Int32Array {
  const d = ctx.dataset;
  const n = d.organisations.count;
  const g = genealogy(n, d.spinoffs.child, d.spinoffs.parent);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let v = g.parentOf[i];
    let steps = 1;
    while (v >= 0 && steps <= n) {
      if (d.organisations.kind[v] === UNIVERSITY) {
        out[i] = steps;
        break;
      }
      v = g.parentOf[v];
      steps++;
    }
  }
  return out;
}

export const universitySpinoffShare: Finding = {
  id: 'university-spinoff-share',
  claim: 'About 17 % of local high-tech SMEs are direct university spin-offs.',
  paragraphs: [14],
  measures: ['spinoffs by parent kind: direct university spin-offs / local SMEs'],
  test: 'equivalence to 17 % within ±5 points: two one-sided score tests (TOST, α = 0.05; the 90 % Wilson interval inside [12 %, 22 %]); not supported when the 95 % Wilson interval lies outside [12 %, 22 %]',
  needs:
    'SMEs of the region and the spinoffs table with parent kinds; about 1000 local SMEs to decide at a true 17 % (power 0.99)',
  minimum: 100,
  check(ctx) {
    if (ctx.dataset.spinoffs.count === 0)
      return notTestable('share of local SMEs that are university spin-offs', NO_SPINOFFS);
    const dist = universityDistance(ctx);
    let n = 0;
    let x = 0;
    for (let i = 0; i < dist.length; i++) {
      if (!ctx.local[i] || !ctx.sme[i]) continue;
      n++;
      if (dist[i] === 1) x++;
    }
    const p0 = UNIVERSITY_SPINOFF_SHARE;
    const m = UNIVERSITY_SPINOFF_MARGIN;
    const eq = tostProportion(x, n, p0, m);
    const w95 = wilson(x, n);
    const base = {
      effect: n > 0 ? x / n : null,
      effectName: 'share of local SMEs that are university spin-offs',
      low: n > 0 ? eq.low : null,
      high: n > 0 ? eq.high : null,
      level: 0.9,
      pValue: n > 0 ? eq.pValue : null,
      n,
      values: {
        'local SMEs': n,
        'direct university spin-offs': x,
        'margin low': p0 - m,
        'margin high': p0 + m,
      },
    };
    const proxy = ctx.smeProxy ? ` SMEs: ${ctx.smeProxy}.` : '';
    if (n < 100)
      return {
        ...base,
        verdict: 'inconclusive',
        note: `${n} local SMEs; the test needs at least 100.${proxy}`,
      };
    if (eq.pValue < 0.05)
      return { ...base, verdict: 'supported', note: `Equivalent to 17 % within ±5 points.${proxy}` };
    if (w95.high < p0 - m || w95.low > p0 + m)
      return {
        ...base,
        verdict: 'not supported',
        note: `The 95 % interval [${round(w95.low)}, ${round(w95.high)}] lies outside 17 % ± 5 points.${proxy}`,
      };
    // the 90 % interval's half-width must fit between the estimate and the nearer margin
    const half = (eq.high - eq.low) / 2;
    const room = m - Math.abs(x / n - p0);
    const needed = room > 0 ? Math.ceil(n * (half / room) ** 2) : null;
    return {
      ...base,
      verdict: 'inconclusive',
      note:
        needed === null
          ? `The estimate lies at or beyond the margin; more data would tell whether it is outside.${proxy}`
          : `Too few SMEs to show equivalence; about ${needed} (now ${n}) would.${proxy}`,
    };
  },
};

export const indirectSpinoffs: Finding = {
  id: 'indirect-spinoffs',
  claim: 'Indirect (second-generation and later) spin-offs add substantially to the university spin-offs.',
  paragraphs: [14],
  measures: ['spinoffs.genealogy: local SMEs descending from a university, by generation'],
  test: 'share of indirect spin-offs among the local SMEs of university lineage above 10 %: Wilson 95 % interval, one-sided score test',
  needs:
    'the spinoffs table over at least two generations, with parent kinds; at least 30 local SMEs of university lineage',
  minimum: 30,
  check(ctx) {
    if (ctx.dataset.spinoffs.count === 0)
      return notTestable('indirect share of the university lineage', NO_SPINOFFS);
    const dist = universityDistance(ctx);
    let direct = 0;
    let indirect = 0;
    for (let i = 0; i < dist.length; i++) {
      if (!ctx.local[i] || !ctx.sme[i] || dist[i] === 0) continue;
      if (dist[i] === 1) direct++;
      else indirect++;
    }
    const n = direct + indirect;
    return decide({
      ...shareOutcome(indirect, n, 0.1, 'greater'),
      effectName: 'indirect share of the university lineage',
      values: { 'direct university spin-offs': direct, 'indirect university spin-offs': indirect },
      direction: 'greater',
      threshold: 0.1,
      smallest: 0.05,
      minimum: 30,
      unit: 'local SMEs of university lineage',
    });
  },
};

const FIRM_CODES = new Set(FIRM_KINDS.map((k) => ORGANISATION_KINDS.indexOf(k)));

export const corporateSpinoffsGrowFaster: Finding = {
  id: 'corporate-spinoffs-grow-faster',
  claim: 'Spin-offs from firms grow faster than other local SMEs, university spin-offs included.',
  paragraphs: [20],
  measures: ['spinoffs.meanGrowth (compound annual employment growth) by origin'],
  test: 'difference in mean annual employment growth, corporate spin-offs minus other local SMEs: one-sided permutation test (1000 label shuffles, seeded), percentile bootstrap 95 % interval',
  needs:
    'employment in at least two years for local SMEs, and the spinoffs table with parent kinds; at least 10 corporate spin-offs and 10 other SMEs with growth',
  minimum: 20,
  check(ctx) {
    const d = ctx.dataset;
    if (d.spinoffs.count === 0) return notTestable('mean growth, corporate spin-offs − others', NO_SPINOFFS);
    if (d.other.employment.rowCount === 0)
      return notTestable(
        'mean growth, corporate spin-offs − others',
        'the employment table is empty: head counts in at least two years are needed.',
      );
    const growth = employmentGrowth(d);
    const parentOf = new Int32Array(d.organisations.count).fill(-1);
    for (let k = 0; k < d.spinoffs.count; k++)
      if (d.spinoffs.child[k] >= 0) parentOf[d.spinoffs.child[k]] = d.spinoffs.parent[k];
    const values: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < growth.length; i++) {
      if (!ctx.local[i] || !ctx.sme[i] || Number.isNaN(growth[i])) continue;
      values.push(growth[i]);
      labels.push(parentOf[i] >= 0 && FIRM_CODES.has(d.organisations.kind[parentOf[i]]) ? 1 : 0);
    }
    const diff = (lab: ArrayLike<number>, pick?: ArrayLike<number>) => groupDifference(values, lab, pick);
    const n1 = labels.filter(Boolean).length;
    const n0 = labels.length - n1;
    const effect = diff(labels);
    const ok = n1 > 0 && n0 > 0;
    const p = ok
      ? permutationPValue(effect, Int32Array.from(labels), (l) => diff(l), { seed: ctx.seed })
      : null;
    const ci = ok
      ? bootstrapUnits(values.length, (pick) => diff(labels, pick), { seed: ctx.seed + 1 })
      : null;
    return decide({
      effect: ok ? effect : null,
      effectName: 'mean growth, corporate spin-offs − others, per year',
      low: ci?.low ?? null,
      high: ci?.high ?? null,
      level: 0.95,
      pValue: p,
      n: values.length,
      values: {
        'corporate spin-offs': n1,
        'other SMEs': n0,
        'mean growth, corporate spin-offs': ok ? round(mean(values, labels, 1)) : null,
        'mean growth, others': ok ? round(mean(values, labels, 0)) : null,
      },
      direction: 'greater',
      threshold: 0,
      smallest: 0.01,
      minimum: 20,
      unit: 'local SMEs with growth',
      short:
        ok && Math.min(n1, n0) < 10
          ? `each group needs at least 10 SMEs (${n1} corporate spin-offs, ${n0} others).`
          : undefined,
    });
  },
};

function mean(values: number[], labels: number[], which: number): number {
  let s = 0;
  let n = 0;
  for (let k = 0; k < values.length; k++)
    if (labels[k] === which) {
      s += values[k];
      n++;
    }
  return s / n;
}

export const spinoffParentLinks: Finding = {
  id: 'spinoff-parent-links',
  claim: 'Spin-offs keep working with their parent organisations.',
  paragraphs: [21, 23, 27],
  measures: ['spinoffs.tiePersistenceShare: spin-offs with a tie to their parent'],
  test: 'share of local spin-offs tied to their own parent against the share tied to a parent drawn at random from the other spin-offs’ parents: one-sided permutation test (1000 shuffles of the parent column, seeded); Wilson 95 % interval of the share',
  needs: 'the spinoffs table and the ties (any kind) of spin-offs; at least 20 local spin-offs',
  minimum: 20,
  check(ctx) {
    const d = ctx.dataset;
    if (d.spinoffs.count === 0) return notTestable('share of spin-offs tied to their parent', NO_SPINOFFS);
    const g = networkIn(d, ctx.selection);
    const child: number[] = [];
    const parent: number[] = [];
    for (let k = 0; k < d.spinoffs.count; k++) {
      const c = d.spinoffs.child[k];
      const p = d.spinoffs.parent[k];
      if (c < 0 || p < 0 || !ctx.local[c]) continue;
      child.push(c);
      parent.push(p);
    }
    const n = child.length;
    const tied = (par: ArrayLike<number>) => {
      let t = 0;
      for (let k = 0; k < n; k++) if (hasTie(g, child[k], par[k])) t++;
      return t;
    };
    const x = tied(parent);
    let baseline = 0;
    let p: number | null = null;
    if (n > 1) {
      const perm = Int32Array.from(parent);
      let sum = 0;
      let draws = 0;
      p = permutationPValue(
        x,
        perm,
        (l) => {
          const t = tied(l);
          sum += t;
          draws++;
          return t;
        },
        { seed: ctx.seed },
      );
      baseline = sum / draws / n;
    }
    return decide({
      ...shareOutcome(x, n, 0.5, 'greater'),
      pValue: p, // the permutation test against the random-parent baseline, not the score test
      effectName: 'share of spin-offs tied to their parent',
      values: {
        'local spin-offs': n,
        'tied to their parent': x,
        'tied to a random parent (mean share)': round(baseline),
      },
      direction: 'greater',
      threshold: baseline,
      smallest: 0.05,
      minimum: 20,
      unit: 'local spin-offs',
    });
  },
};

export const spinoffsLocalised: Finding = {
  id: 'spinoffs-localised',
  claim: 'Spin-offs of the cluster’s organisations mostly stay in the cluster.',
  paragraphs: [27],
  measures: ['spinoffs.stayLocalShare'],
  test: 'share of spin-offs of local parents that are located in the region above ½: Wilson 95 % interval, one-sided score test',
  needs: 'the spinoffs table with located children and parents; at least 20 spin-offs of local parents',
  minimum: 20,
  check(ctx) {
    const d = ctx.dataset;
    if (d.spinoffs.count === 0) return notTestable('share of spin-offs staying local', NO_SPINOFFS);
    let n = 0;
    let x = 0;
    let unknown = 0;
    for (let k = 0; k < d.spinoffs.count; k++) {
      const c = d.spinoffs.child[k];
      const p = d.spinoffs.parent[k];
      if (c < 0 || p < 0 || !ctx.local[p]) continue;
      const local = isLocalPair(ctx.scope, c, p);
      if (local === -1) {
        unknown++;
        continue;
      }
      n++;
      x += local;
    }
    return decide({
      ...shareOutcome(x, n, 0.5, 'greater'),
      effectName: 'share of spin-offs staying local',
      values: { 'spin-offs of local parents': n, 'located in the region': x, 'location unknown': unknown },
      direction: 'greater',
      threshold: 0.5,
      smallest: 0.05,
      minimum: 20,
      unit: 'spin-offs of local parents',
    });
  },
};
