/**
 * Founding and spin-off. Each year every person employed by a local organisation founds a firm with
 * probability r_kind · (1 + e · (P_parent − 1)) · D_t, where r_kind is the parent kind's spin-off
 * rate, e `spinoffSuccessEffect`, P_parent the parent's last performance and D_t the year's demand
 * (Klepper 2007: better parents spawn more spin-offs). The spin-off is a local SME that inherits a
 * share of its parent's knowledge and, with probability `sectorInheritance`, its sector; it keeps a
 * tie to its parent with probability `parentTieProbability`. De novo entry adds Poisson(deNovo · D_t)
 * firms founded by in-migrants. Cost O(people) per year.
 */
import { STORED_TIE_KINDS } from '../../model/index.ts';
import { type ProcessContext, poisson } from '../context.ts';
import {
  EV_FOUND,
  FOUNDER,
  INSTITUTE,
  isFirm,
  LARGE_FIRM,
  MNC_LAB,
  MNC_SUBSIDIARY,
  type SimState,
  SME,
  UNIVERSITY,
  WORK_RATE,
} from '../state.ts';

const LIAISON = STORED_TIE_KINDS.indexOf('liaison');
const COLLABORATION = STORED_TIE_KINDS.indexOf('collaboration');

/** Size a new firm aims for in its first year (the founder plus a first hire). */
const START_TARGET = 2;

export function founding(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year, demand } = ctx;
  const rateByKind = new Float64Array(256);
  rateByKind[UNIVERSITY] = p.spinoffRateUniversity;
  rateByKind[INSTITUTE] = p.spinoffRateInstitute;
  rateByKind[LARGE_FIRM] = p.spinoffRateLargeFirm;
  rateByKind[MNC_SUBSIDIARY] = p.spinoffRateLargeFirm;
  rateByKind[MNC_LAB] = p.spinoffRateLargeFirm;
  rateByKind[SME] = p.spinoffRateSme;
  // Each local organisation's rate this year, computed once rather than once per employee.
  const rateFor = (o: number) =>
    rateByKind[s.orgKind[o]] *
    (1 + p.spinoffSuccessEffect * (s.orgPerformance[o] - 1)) *
    demand *
    s.spinoffBoost; // spin-off support (processes/policy.ts); 1 without it
  const rated = s.orgCount;
  const rateOf = s.workF64(WORK_RATE, rated);
  for (let o = 0; o < rated; o++) rateOf[o] = s.orgLocal[o] === 1 ? rateFor(o) : 0;
  // The person arrays are read through locals: founding adds organisations, never people, so
  // they are not reallocated during the pass.
  const people = s.people;
  const employer = s.personEmployer;
  const role = s.personRole;
  const count = s.peopleCount; // founders of this year's firms are not considered again
  for (let n = 0; n < count; n++) {
    const i = people[n];
    const o = employer[i];
    if (o < 0 || role[i] === FOUNDER) continue;
    // rate 0 outside the region: no draw, as for any organisation that spawns nothing
    const rate = o < rated ? rateOf[o] : s.orgLocal[o] === 1 ? rateFor(o) : 0;
    if (rate <= 0 || rng() >= rate) continue;
    spinOff(ctx, i, o);
  }
  const entrants = poisson(rng, p.deNovoPerYear * demand);
  for (let k = 0; k < entrants; k++) {
    const field = Math.floor(rng() * s.fields);
    const founder = s.addPerson(field, 0.3 + 0.4 * rng(), FOUNDER);
    const firm = newFirm(s, field, year);
    s.orgKnowledge[firm * s.fields + field] = s.personKnowledge[founder];
    s.employ(founder, firm);
    s.moves.push(founder, -1, firm, year, FOUNDER);
    s.events.push(year, EV_FOUND, founder, firm, -1);
  }
}

function newFirm(s: SimState, sector: number, year: number): number {
  const o = s.addOrganisation(SME, sector, year, true);
  s.orgTarget[o] = START_TARGET;
  return o;
}

function spinOff(ctx: ProcessContext, founder: number, parent: number): void {
  const { state: s, params: p, rng, year } = ctx;
  const f = s.fields;
  const sector = rng() < p.sectorInheritance ? s.orgSector[parent] : s.personField[founder];
  const child = newFirm(s, sector, year);
  for (let k = 0; k < f; k++)
    s.orgKnowledge[child * f + k] = p.knowledgeInheritance * s.orgKnowledge[parent * f + k];
  const own = child * f + s.personField[founder];
  if (s.orgKnowledge[own] < s.personKnowledge[founder]) s.orgKnowledge[own] = s.personKnowledge[founder];
  s.orgSpinoff[child] = 1;
  s.orgParent[child] = parent;
  s.employ(founder, child);
  s.personRole[founder] = FOUNDER;
  s.moves.push(founder, parent, child, year, FOUNDER);
  s.spinoffs.push(child, parent, year);
  s.events.push(year, EV_FOUND, founder, child, parent);
  if (rng() < p.parentTieProbability)
    s.addTie(child, parent, isFirm(s.orgKind[parent]) ? COLLABORATION : LIAISON, year);
}
