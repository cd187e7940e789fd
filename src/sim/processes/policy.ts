/**
 * Policy: the scenario's levers acting on the region, first each year, drawing from its own stream
 * ('policy'), so switching policy off leaves every other process's numbers unchanged. With I the
 * summed intensity of a lever's entries active this year (levers combine):
 *  - spin-off support (premises, finance, marketing advice): every spin-off rate is multiplied by
 *    1 + `spinoffSupportEffect` · I (read by founding.ts); each spin-off founded last year gets
 *    support: `supportExitRelief` · min(1, I) of its exit risk removed for `supportYears` years,
 *    and marketing advice makes `consultants` a source of its innovations (innovation.ts);
 *  - university liaison: each local firm it serves (`sme-tailored`: SMEs; `generalist`: every firm,
 *    SMEs with only `generalistSmeUptake` of the effort) gets, with chance `liaisonRate` · I, a
 *    brokered partner among `partnerCandidates` draws of local universities and institutes (the
 *    most proximate, proximity.ts), accepted with probability min(1, 0.5 + π): a `liaison` tie;
 *  - science park: a local `science-park` organisation opens in the lever's first year; each new
 *    firm of last year becomes a tenant with chance min(1, `parkTenancy` · I): a `service` tie to the
 *    park and the same support as a supported spin-off; the park raises attractiveness
 *    (`parkAttraction` · I, migration.ts);
 *  - collective initiative: each local firm makes ⌊c⌋ extra local partner searches, one more with
 *    chance c − ⌊c⌋, c = `collectiveTieRate` · I; a search asks the most proximate of
 *    `partnerCandidates` local draws, who accepts with probability min(1, π + 0.2) (the initiative's
 *    meetings make members familiar); tie kinds as in partnering.ts;
 *  - inward-investment attraction: raises attractiveness by `inwardInvestmentEffect` · I (migration.ts);
 *  - graduate training: round(`trainedGraduatesPerYear` · I) trained graduates (knowledge 0.4–0.8 in
 *    the sector of a random local firm) join the regional labour pool (hired by hiring.ts).
 * A lever's first simulated year is a `policy` event; the `initiatives` rows are written by
 * tables-model.ts. Cost O(organisations) a year when any lever is set, plus O(open ties) when liaison
 * or a collective initiative acts; nothing without levers.
 */
import { ORGANISATION_KINDS, STORED_TIE_KINDS } from '../../model/index.ts';
import type { ProcessContext } from '../context.ts';
import type { PairSet } from '../pair-set.ts';
import {
  activeIn,
  COLLECTIVE_INITIATIVE,
  GRADUATE_TRAINING,
  LEVERS,
  SCIENCE_PARK,
  SPINOFF_SUPPORT,
  UNIVERSITY_LIAISON,
} from '../policy/levers.ts';
import {
  ENGINEER,
  EV_POLICY,
  INSTITUTE,
  isFirm,
  type SimState,
  SME,
  UNIVERSITY,
  WORK_BEST,
  WORK_CENTRES,
  WORK_FIRMS,
  WORK_LOCAL,
} from '../state.ts';
import { bestCandidate, everTied, openPairs } from './proximity.ts';

const CUSTOMER = STORED_TIE_KINDS.indexOf('customer');
const SUPPLIER = STORED_TIE_KINDS.indexOf('supplier');
const COLLABORATION = STORED_TIE_KINDS.indexOf('collaboration');
const LIAISON = STORED_TIE_KINDS.indexOf('liaison');
const SERVICE = STORED_TIE_KINDS.indexOf('service');
export const SCIENCE_PARK_KIND = ORGANISATION_KINDS.indexOf('science-park');

export function policy(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year, scenario } = ctx;
  const levers = scenario.policy;
  s.lever.fill(0);
  s.spinoffBoost = 1;
  if (levers.length === 0) return;
  let tailored = 0;
  let generalist = 0;
  for (let k = 0; k < levers.length; k++) {
    const l = levers[k];
    if (!activeIn(l, year)) continue;
    s.lever[LEVERS.indexOf(l.lever)] += l.intensity;
    if (l.lever === 'university-liaison') {
      if (l.style === 'sme-tailored') tailored += l.intensity;
      else generalist += l.intensity;
    }
    if (year === Math.max(l.from, scenario.years.from)) s.events.push(year, EV_POLICY, -1, k, -1);
  }
  s.spinoffBoost = 1 + p.spinoffSupportEffect * s.lever[SPINOFF_SUPPORT];

  const park = s.lever[SCIENCE_PARK] > 0 ? sciencePark(s, year) : -1;
  supportNewFirms(ctx, park);
  if (s.lever[UNIVERSITY_LIAISON] > 0 || s.lever[COLLECTIVE_INITIATIVE] > 0) {
    const [open, earlier] = [openPairs(s), everTied(s)];
    if (s.lever[UNIVERSITY_LIAISON] > 0) liaison(ctx, tailored, generalist, open, earlier);
    if (s.lever[COLLECTIVE_INITIATIVE] > 0) collective(ctx, open, earlier);
  }
  const trained = Math.round(p.trainedGraduatesPerYear * s.lever[GRADUATE_TRAINING]);
  if (trained > 0) {
    const count = localOpen(s, WORK_FIRMS, (o) => isFirm(s.orgKind[o]));
    const firms = s.work(WORK_FIRMS, count);
    for (let g = 0; g < trained; g++) {
      const field = count > 0 ? s.orgSector[firms[Math.floor(rng() * count)]] : 0;
      s.addPerson(field, 0.4 + 0.4 * rng(), ENGINEER); // unemployed in the region: in the pool
    }
  }
}

/** Fills work array `slot` with the open local organisations `keep` accepts; returns their count. */
function localOpen(s: SimState, slot: number, keep: (o: number) => boolean): number {
  const out = s.work(slot, s.orgCount);
  let n = 0;
  for (let o = 0; o < s.orgCount; o++)
    if (s.orgLocal[o] === 1 && s.orgClosed[o] === 0 && keep(o)) out[n++] = o;
  return n;
}

/** The region's science park: the open one, or a new one founded this year. */
function sciencePark(s: SimState, year: number): number {
  for (let o = 0; o < s.orgCount; o++)
    if (s.orgKind[o] === SCIENCE_PARK_KIND && s.orgLocal[o] === 1 && s.orgClosed[o] === 0) return o;
  return s.addOrganisation(SCIENCE_PARK_KIND, 0, year, true);
}

/** Support for last year's spin-offs and park tenants; support ends after `supportYears`. */
function supportNewFirms(ctx: ProcessContext, park: number): void {
  const { state: s, params: p, rng, year } = ctx;
  const spin = Math.min(1, s.lever[SPINOFF_SUPPORT]);
  const tenancy = Math.min(1, p.parkTenancy * s.lever[SCIENCE_PARK]);
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || !isFirm(s.orgKind[o])) continue;
    const age = year - s.orgFounded[o];
    if (age > p.supportYears) {
      s.orgSupport[o] = 0;
      continue;
    }
    if (age !== 1) continue;
    if (spin > 0 && s.orgSpinoff[o] === 1) s.orgSupport[o] = p.supportExitRelief * spin;
    if (park >= 0 && rng() < tenancy) {
      s.addTie(o, park, SERVICE, year);
      s.orgSupport[o] = Math.max(s.orgSupport[o], p.supportExitRelief * Math.min(1, s.lever[SCIENCE_PARK]));
    }
  }
}

function liaison(
  ctx: ProcessContext,
  tailored: number,
  generalist: number,
  open: PairSet,
  earlier: PairSet,
): void {
  const { state: s, params: p, rng, year } = ctx;
  const n = localOpen(s, WORK_CENTRES, (o) => s.orgKind[o] === UNIVERSITY || s.orgKind[o] === INSTITUTE);
  if (n === 0) return;
  const centres = s.work(WORK_CENTRES, n);
  const out = s.workF64(WORK_BEST, 1);
  const count = s.orgCount;
  for (let o = 0; o < count; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || !isFirm(s.orgKind[o])) continue;
    const reach = s.orgKind[o] === SME ? tailored + generalist * p.generalistSmeUptake : generalist;
    if (reach <= 0 || rng() >= p.liaisonRate * reach) continue;
    const b = bestCandidate(s, o, centres, n, p.partnerCandidates, rng, earlier, open, out);
    if (b < 0 || rng() >= 0.5 + out[0]) continue;
    s.addTie(o, b, LIAISON, year);
    open.add(o, b);
  }
}

function collective(ctx: ProcessContext, open: PairSet, earlier: PairSet): void {
  const { state: s, params: p, rng, year } = ctx;
  const n = localOpen(s, WORK_LOCAL, () => true);
  const local = s.work(WORK_LOCAL, n);
  const rate = p.collectiveTieRate * s.lever[COLLECTIVE_INITIATIVE];
  const whole = Math.floor(rate);
  const fraction = rate - whole;
  const out = s.workF64(WORK_BEST, 1);
  for (let l = 0; l < n; l++) {
    const o = local[l];
    if (!isFirm(s.orgKind[o])) continue;
    const searches = whole + (rng() < fraction ? 1 : 0);
    for (let k = 0; k < searches; k++) {
      const b = bestCandidate(s, o, local, n, p.partnerCandidates, rng, earlier, open, out);
      if (b < 0 || rng() >= out[0] + 0.2) continue;
      const kind = isFirm(s.orgKind[b])
        ? rng() < p.verticalTieShare
          ? rng() < 0.5
            ? CUSTOMER
            : SUPPLIER
          : COLLABORATION
        : LIAISON;
      s.addTie(o, b, kind, year);
      open.add(o, b);
    }
  }
}
