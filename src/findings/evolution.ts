/**
 * Findings on the evolution of the clusters (executive summary ¶4–7): the early-1990s dip and the
 * resurgence of firm creation, new firms in new technology-intensive sectors, diversification and
 * high-technology services, and the arrival of multinational R&D laboratories.
 */
import { sectoralVariety } from '../measures/variety.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';
import { parseNace } from '../model/nace.ts';
import { decide, type Finding, type FindingContext, notTestable, round } from './common.ts';
import { bootstrapPValue, bootstrapUnits, poissonRateTest, twoProportions } from './stats.ts';

/** The windows of ¶4: before the recession, the recession, the resurgence. */
export const BEFORE: [number, number] = [1986, 1989];
export const RECESSION: [number, number] = [1990, 1993];
export const RESURGENCE: [number, number] = [1994, 1999];

const span = (w: [number, number]) => w[1] - w[0] + 1;
const within = (y: number, w: [number, number]) => y >= w[0] && y <= w[1];

/** NACE division of a sector code, null when unknown or section only. */
export function divisionOf(sector: string | null): number | null {
  if (sector === null) return null;
  return parseNace(sector)?.division ?? null;
}

/** ¶5's new technology-intensive sectors: telecoms 61, software 62, internet and data 63, engineering and testing 71, R&D 72. */
export const NEW_TECH_DIVISIONS: ReadonlySet<number> = new Set([61, 62, 63, 71, 72]);
/** High-technology knowledge-intensive services (Eurostat's list): NACE 59–63 and 72. */
export const HIGH_TECH_SERVICES: ReadonlySet<number> = new Set([59, 60, 61, 62, 63, 72]);

function foundedFirms(ctx: FindingContext): number[] {
  const o = ctx.dataset.organisations;
  const out: number[] = [];
  for (let i = 0; i < o.count; i++)
    if (ctx.scope.selected[i] && ctx.firm[i] && !Number.isNaN(o.founded[i])) out.push(i);
  return out;
}

export const creationResurgence: Finding = {
  id: 'creation-resurgence',
  claim: 'Firm creation fell in the early-1990s recession and picked up again from about 1993.',
  paragraphs: [4],
  measures: ['evolution.births (firms founded per year)'],
  test: 'exact conditional tests of two Poisson rates: births per year 1986–89 above 1990–93 (the dip) and 1994–99 above 1990–93 (the resurgence); both must hold (intersection–union test, p = the larger p-value); effect = resurgence rate ratio',
  needs: 'founding years of the region’s firms covering 1986–1999; at least 30 births in those years',
  minimum: 30,
  check(ctx) {
    const firms = foundedFirms(ctx);
    const o = ctx.dataset.organisations;
    if (firms.length === 0)
      return notTestable(
        'births per year 1994–99 / 1990–93',
        'no firm of the selection has a founding year: organisations.founded is needed.',
      );
    let before = 0;
    let recession = 0;
    let after = 0;
    for (const i of firms) {
      const y = o.founded[i];
      if (within(y, BEFORE)) before++;
      else if (within(y, RECESSION)) recession++;
      else if (within(y, RESURGENCE)) after++;
    }
    const [first, last] = ctx.selection.years;
    const uncovered = first > BEFORE[0] || last < RESURGENCE[1];
    const dip = poissonRateTest(before, span(BEFORE), recession, span(RECESSION));
    const up = poissonRateTest(after, span(RESURGENCE), recession, span(RECESSION));
    return decide({
      effect: Number.isFinite(up.ratio) ? up.ratio : null,
      effectName: 'births per year 1994–99 / 1990–93',
      low: up.low,
      high: up.high,
      level: 0.95,
      pValue: Math.max(dip.pValue, up.pValue),
      n: before + recession + after,
      values: {
        'births 1986–89': before,
        'births 1990–93': recession,
        'births 1994–99': after,
        'dip ratio 1986–89 / 1990–93': Number.isFinite(dip.ratio) ? round(dip.ratio) : null,
        'dip p': round(dip.pValue, 6),
        'resurgence p': round(up.pValue, 6),
      },
      direction: 'greater',
      threshold: 1,
      smallest: 0.25,
      minimum: 30,
      unit: 'births in 1986–1999',
      short: uncovered ? `the selected years ${first}–${last} do not cover 1986–1999.` : undefined,
    });
  },
};

/** Firms with a known division, split by founding year: [new-tech count, total] for each group. */
export const newTechSectors: Finding = {
  id: 'new-tech-sectors',
  claim: 'Firms founded from 1990 on are more often in new technology-intensive sectors than older firms.',
  paragraphs: [5],
  measures: ['sectors.divisionShares by founding cohort'],
  test: 'difference of proportions (firms founded 1990 or later minus before 1990) in NACE 61, 62, 63, 71, 72; one-sided two-proportion z-test, Newcombe 95 % interval',
  needs: 'NACE sector and founding year of the region’s firms; at least 40 firms, 10 in each cohort',
  minimum: 40,
  check(ctx) {
    const o = ctx.dataset.organisations;
    let newN = 0;
    let newX = 0;
    let oldN = 0;
    let oldX = 0;
    let dated = 0;
    let sectored = 0;
    for (let i = 0; i < o.count; i++) {
      if (!ctx.scope.selected[i] || !ctx.firm[i]) continue;
      const d = divisionOf(o.sector[i]);
      const y = o.founded[i];
      if (!Number.isNaN(y)) dated++;
      if (d !== null) sectored++;
      if (d === null || Number.isNaN(y)) continue;
      const hit = NEW_TECH_DIVISIONS.has(d) ? 1 : 0;
      if (y >= 1990) {
        newN++;
        newX += hit;
      } else {
        oldN++;
        oldX += hit;
      }
    }
    if (dated === 0 || sectored === 0)
      return notTestable(
        'share in new tech sectors, founded ≥1990 minus before',
        `${dated === 0 ? 'organisations.founded' : 'organisations.sector (NACE division)'} is missing for every firm of ${ctx.where}.`,
      );
    const small = Math.min(newN, oldN) < 10;
    const t = newN > 0 && oldN > 0 ? twoProportions(newX, newN, oldX, oldN) : null;
    return decide({
      effect: t ? t.difference : null,
      effectName: 'share in new tech sectors, founded ≥1990 minus before',
      low: t?.low ?? null,
      high: t?.high ?? null,
      level: 0.95,
      pValue: t?.pValue ?? null,
      n: newN + oldN,
      values: {
        'firms founded ≥1990': newN,
        'young firms in new tech sectors': newX,
        'firms founded before 1990': oldN,
        'older firms in new tech sectors': oldX,
      },
      direction: 'greater',
      threshold: 0,
      smallest: 0.05,
      minimum: 40,
      unit: 'dated firms with a sector',
      short: small
        ? `each founding cohort needs at least 10 firms (${newN} from 1990 on, ${oldN} before).`
        : undefined,
    });
  },
};

/** Firms with a division that were active at `year`. */
function activeAt(ctx: FindingContext, year: number): Uint8Array {
  const o = ctx.dataset.organisations;
  const out = new Uint8Array(o.count);
  for (let i = 0; i < o.count; i++)
    out[i] =
      ctx.scope.selected[i] &&
      ctx.firm[i] &&
      o.founded[i] <= year &&
      (Number.isNaN(o.closed[i]) || o.closed[i] > year)
        ? 1
        : 0;
  return out;
}

/** The two years compared by ¶6's structural findings: the selection's years, else 1990 and 2000. */
export function structureYears(ctx: FindingContext): [number, number] {
  const [a, b] = ctx.selection.years;
  return a > -9999 && b < 9999 ? [a, b] : [1990, 2000];
}

interface Stock {
  units: Int32Array;
  division: Int32Array;
  atA: Uint8Array;
  atB: Uint8Array;
}

function stock(ctx: FindingContext): Stock | string {
  const o = ctx.dataset.organisations;
  const [a, b] = structureYears(ctx);
  const A = activeAt(ctx, a);
  const B = activeAt(ctx, b);
  const units: number[] = [];
  const division: number[] = [];
  let founded = 0;
  for (let i = 0; i < o.count; i++) {
    if (ctx.scope.selected[i] && ctx.firm[i] && !Number.isNaN(o.founded[i])) founded++;
    const d = divisionOf(o.sector[i]);
    if ((A[i] || B[i]) && d !== null) {
      units.push(i);
      division.push(d);
    }
  }
  if (founded === 0)
    return 'organisations.founded is missing for every firm, so the firms active in a year are unknown.';
  if (units.length === 0)
    return `organisations.sector (a NACE division) is missing for the firms active in ${a} or ${b}.`;
  const atA = new Uint8Array(units.length);
  const atB = new Uint8Array(units.length);
  units.forEach((i, k) => {
    atA[k] = A[i];
    atB[k] = B[i];
  });
  return { units: Int32Array.from(units), division: Int32Array.from(division), atA, atB };
}

/** Shannon entropy (bits) of the divisions of the resampled units active at one of the two years. */
function entropyOf(s: Stock, pick: Int32Array, at: Uint8Array): number {
  const w = new Float64Array(100);
  for (let k = 0; k < pick.length; k++) if (at[pick[k]]) w[s.division[pick[k]]]++;
  return sectoralVariety(w)?.entropy ?? Number.NaN;
}

function shareOf(s: Stock, pick: Int32Array, at: Uint8Array): number {
  let x = 0;
  let n = 0;
  for (let k = 0; k < pick.length; k++) {
    if (!at[pick[k]]) continue;
    n++;
    if (HIGH_TECH_SERVICES.has(s.division[pick[k]])) x++;
  }
  return n === 0 ? Number.NaN : x / n;
}

function structuralChange(
  ctx: FindingContext,
  name: string,
  f: (s: Stock, pick: Int32Array, at: Uint8Array) => number,
  smallest: number,
  valueName: string,
) {
  const s = stock(ctx);
  if (typeof s === 'string') return notTestable(name, s);
  const [a, b] = structureYears(ctx);
  const all = Int32Array.from(s.units.keys());
  const diff = (pick: Int32Array) => f(s, pick, s.atB) - f(s, pick, s.atA);
  const effect = diff(all);
  const seed = ctx.seed;
  const ci = bootstrapUnits(all.length, diff, { seed, samples: 1000 });
  const p = ci === null ? null : bootstrapPValue(ci.replicates);
  let nA = 0;
  let nB = 0;
  for (let k = 0; k < all.length; k++) {
    nA += s.atA[k];
    nB += s.atB[k];
  }
  return decide({
    effect: Number.isFinite(effect) ? effect : null,
    effectName: name,
    low: ci?.low ?? null,
    high: ci?.high ?? null,
    level: 0.95,
    pValue: p,
    n: all.length,
    values: {
      [`firms ${a}`]: nA,
      [`firms ${b}`]: nB,
      [`${valueName} ${a}`]: round(f(s, all, s.atA)),
      [`${valueName} ${b}`]: round(f(s, all, s.atB)),
    },
    direction: 'greater',
    threshold: 0,
    smallest,
    minimum: 40,
    unit: 'firms active in either year',
  });
}

export const diversification: Finding = {
  id: 'diversification',
  claim: 'The sectoral structure diversified rather than specialised over the 1990s.',
  paragraphs: [6],
  measures: ['sectors.entropy (NACE divisions, bits) of the firms active in two years'],
  test: 'entropy in the last year minus the first (1990 and 2000 unless --years), percentile bootstrap over firms (1000 resamples, seeded), one-sided bootstrap p-value',
  needs:
    'NACE sector, founding and closing years of the region’s firms; at least 40 firms active in either year',
  minimum: 40,
  check: (ctx) => structuralChange(ctx, 'entropy change, bits', entropyOf, 0.1, 'entropy'),
};

export const highTechServices: Finding = {
  id: 'high-tech-services',
  claim: 'High-technology services take a growing share of the cluster’s firms.',
  paragraphs: [6],
  measures: ['sectors.divisionShares (NACE 59–63, 72) of the firms active in two years'],
  test: 'share of high-tech knowledge-intensive services in the last year minus the first (1990 and 2000 unless --years), percentile bootstrap over firms, one-sided bootstrap p-value',
  needs:
    'NACE sector, founding and closing years of the region’s firms; at least 40 firms active in either year',
  minimum: 40,
  check: (ctx) => structuralChange(ctx, 'change in the services share', shareOf, 0.03, 'services share'),
};

const MNC_KINDS = new Set([
  ORGANISATION_KINDS.indexOf('mnc-rd-lab'),
  ORGANISATION_KINDS.indexOf('mnc-subsidiary'),
]);
const EIGHTIES: [number, number] = [1980, 1989];
const NINETIES: [number, number] = [1990, 1999];

export const multinationalLabs: Finding = {
  id: 'multinational-labs',
  claim: 'Multinationals set up R&D laboratories in the cluster more often in the 1990s than before.',
  paragraphs: [7],
  measures: ['organisations of kind mnc-rd-lab or mnc-subsidiary by year founded (arrival)'],
  test: 'exact conditional test of two Poisson rates: arrivals per year 1990–99 above 1980–89; effect = rate ratio',
  needs:
    'organisations of kind mnc-rd-lab or mnc-subsidiary with the year they arrived (founded); at least 10 arrivals in 1980–1999',
  minimum: 10,
  check(ctx) {
    const o = ctx.dataset.organisations;
    let any = 0;
    let early = 0;
    let late = 0;
    for (let i = 0; i < o.count; i++) {
      if (!MNC_KINDS.has(o.kind[i])) continue;
      any++;
      if (!ctx.scope.selected[i]) continue;
      if (within(o.founded[i], EIGHTIES)) early++;
      else if (within(o.founded[i], NINETIES)) late++;
    }
    if (any === 0)
      return notTestable(
        'arrivals per year 1990s / 1980s',
        'no organisation of kind mnc-rd-lab or mnc-subsidiary: organisations.kind must mark multinational laboratories (with founded = year of arrival).',
      );
    const [first, last] = ctx.selection.years;
    const uncovered = first > EIGHTIES[0] || last < NINETIES[1];
    const t = poissonRateTest(late, 10, early, 10);
    return decide({
      effect: Number.isFinite(t.ratio) ? t.ratio : null,
      effectName: 'arrivals per year 1990s / 1980s',
      low: t.low,
      high: t.high,
      level: 0.95,
      pValue: t.pValue,
      n: early + late,
      values: { 'arrivals 1980–89': early, 'arrivals 1990–99': late },
      direction: 'greater',
      threshold: 1,
      smallest: 0.25,
      minimum: 10,
      unit: 'arrivals in 1980–1999',
      short: uncovered ? `the selected years ${first}–${last} do not cover 1980–1999.` : undefined,
    });
  },
};
