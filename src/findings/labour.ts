/**
 * Findings on the regional labour market (executive summary ¶29): recruitment between local
 * organisations is intense for the size of the local labour market.
 */
import { column, decide, type Finding, notTestable, orgOf, round } from './common.ts';
import { proportionTest, wilson } from './stats.ts';

/** Latest head count of each organisation (NaN without employment rows). */
function latestEmployment(ctx: Parameters<Finding['check']>[0]): Float64Array {
  const d = ctx.dataset;
  const n = d.organisations.count;
  const last = new Float64Array(n).fill(Number.NaN);
  const year = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const org = column(d, 'employment', 'organisation');
  const y = column(d, 'employment', 'year');
  const e = column(d, 'employment', 'employees');
  for (let r = 0; r < d.other.employment.rowCount; r++) {
    const i = orgOf(d, org[r]);
    const yr = Number(y[r]);
    const v = Number(e[r]);
    if (i < 0 || !Number.isFinite(yr) || !Number.isFinite(v)) continue;
    if (yr > year[i]) {
      year[i] = yr;
      last[i] = v;
    }
  }
  return last;
}

export const localRecruitment: Finding = {
  id: 'local-recruitment',
  claim:
    'Local organisations recruit from each other far more than the size of the local labour market would lead one to expect.',
  paragraphs: [29],
  measures: ['mobility: moves between organisations of the region, and the region’s share of employment'],
  test: 'share of hires (moves with a known former employer) into local organisations that come from another local organisation, against the region’s share of the data’s employment (of its organisations unless employment is known both inside and outside the region): one-sided score test, Wilson 95 % interval; effect = observed share',
  needs:
    'a region, the moves table with former and new employers, and employment (or organisations) inside and outside the region; at least 30 hires with a known origin',
  minimum: 30,
  check(ctx) {
    const d = ctx.dataset;
    if (ctx.scope.members === null)
      return notTestable(
        'share of local hires from local organisations',
        'needs a region (--region): the expected share is the region’s share of the labour market.',
      );
    const moves = d.other.moves;
    if (moves.rowCount === 0)
      return notTestable(
        'share of local hires from local organisations',
        'the moves table (people moving between employers) is empty.',
      );
    const from = column(d, 'moves', 'from');
    const to = column(d, 'moves', 'to');
    const year = column(d, 'moves', 'year');
    const [first, last] = ctx.selection.years;
    let n = 0;
    let x = 0;
    let unknownOrigin = 0;
    for (let r = 0; r < moves.rowCount; r++) {
      const j = orgOf(d, to[r]);
      const y = Number(year[r]);
      if (j < 0 || !ctx.local[j] || y < first || y > last) continue;
      const i = orgOf(d, from[r]);
      if (i < 0) {
        unknownOrigin++;
        continue;
      }
      n++;
      if (ctx.local[i]) x++;
    }
    if (n === 0 && unknownOrigin > 0)
      return notTestable(
        'share of local hires from local organisations',
        'moves.from is empty for every hire into the region: former employers are needed.',
      );
    const emp = latestEmployment(ctx);
    let inside = 0;
    let total = 0;
    // employment weighs the labour market only when it is known on both sides of the boundary
    let inKnown = 0;
    let outKnown = 0;
    for (let i = 0; i < emp.length; i++)
      if (!Number.isNaN(emp[i])) {
        if (ctx.local[i]) inKnown++;
        else outKnown++;
      }
    const byEmployment = inKnown > 0 && outKnown > 0;
    for (let i = 0; i < emp.length; i++) {
      const w = byEmployment ? (Number.isNaN(emp[i]) ? 0 : emp[i]) : 1;
      total += w;
      if (ctx.local[i]) inside += w;
    }
    const p0 = total > 0 ? inside / total : Number.NaN;
    const w = wilson(x, n);
    const okP0 = p0 > 0 && p0 < 1;
    return decide({
      effect: n > 0 && okP0 ? x / n : null,
      effectName: 'share of local hires from local organisations',
      low: n > 0 ? w.low : null,
      high: n > 0 ? w.high : null,
      level: 0.95,
      pValue: n > 0 && okP0 ? proportionTest(x, n, p0, 'greater') : null,
      n,
      values: {
        'hires with a known origin': n,
        'from local organisations': x,
        'hires from outside the data': unknownOrigin,
        'expected share (region’s share of the labour market)': round(p0),
        'expected share from': byEmployment ? 'employment' : 'organisations',
      },
      direction: 'greater',
      threshold: okP0 ? p0 : 0,
      smallest: 0.05,
      minimum: 30,
      unit: 'hires with a known origin',
      short: okP0
        ? undefined
        : `the region holds ${p0 >= 1 ? 'all' : 'none'} of the data’s ${byEmployment ? 'employment' : 'organisations'}, so there is no outside labour market to compare with: organisations (and employment) outside the region are needed.`,
    });
  },
};
