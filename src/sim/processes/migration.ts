/**
 * Regional attractiveness, in-migrating firms and multinational R&D labs (stream 'migration').
 * The knowledge base of field f is the size-weighted mean knowledge of the open local organisations,
 * B_f = Σ_o S_o K_o[f] / Σ_o S_o, and B̄ its mean over the fields. Attractiveness
 *   A_t = max(0.1, 1 + v · I_inward + q · I_park + κ · (B̄_t − B̄_first))
 * (v = `inwardInvestmentEffect`, q = `parkAttraction`, I the levers' intensities this year, κ =
 * `knowledgeAttraction`, B̄_first the first simulated year's) scales the in-migration of people
 * (hiring.ts: a vacancy the pool cannot fill goes to an in-migrant with chance min(1, share · A_t))
 * and of firms: Poisson(`inMigrantFirmsPerYear` · A_t · D_t) firms arrive, each an SME (a branch of
 * an outside group, `mnc-subsidiary`, with chance 0.25) in the sector of a random local firm
 * (agglomeration), with knowledge 0.3–0.7 there and below 0.1 elsewhere, run by an in-migrant
 * manager. Multinational R&D labs locate where the knowledge base is strong (Cantwell & Iammarino):
 * in each field f a lab arrives with chance min(1, `mncLabRate` · A_t · (B_f / 0.5)²), owned by a
 * random outside large firm, with knowledge 0.5–0.8 in f and half its owner's elsewhere, aiming at
 * `mncLabSize` people (hired by hiring.ts). Each arrival is an `arrive` event and a manager's
 * `moves` row. Cost O(organisations · F) a year.
 */
import { type ProcessContext, poisson } from '../context.ts';
import { INWARD_INVESTMENT, SCIENCE_PARK } from '../policy/levers.ts';
import {
  EV_ARRIVE,
  isFirm,
  LARGE_FIRM,
  MANAGER,
  MNC_LAB,
  MNC_SUBSIDIARY,
  type SimState,
  SME,
  WORK_BASE,
  WORK_FIRMS,
  WORK_OWNERS,
} from '../state.ts';

/** First simulated year's mean knowledge base of each state (attractiveness is relative to it). */
const firstBase = new WeakMap<SimState, number>();

export function migration(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year, demand } = ctx;
  const f = s.fields;
  const base = s.workF64(WORK_BASE, f).fill(0, 0, f);
  let people = 0;
  // work arrays reused from year to year; arrivals are appended after both lists are read
  const firms = s.work(WORK_FIRMS, s.orgCount);
  const owners = s.work(WORK_OWNERS, s.orgCount);
  let firmCount = 0;
  let ownerCount = 0;
  const { orgLocal, orgClosed, orgKind, orgSize, orgKnowledge: K } = s;
  for (let o = 0; o < s.orgCount; o++) {
    if (orgClosed[o] !== 0) continue;
    if (orgLocal[o] === 0) {
      if (orgKind[o] === LARGE_FIRM) owners[ownerCount++] = o;
      continue;
    }
    if (isFirm(orgKind[o])) firms[firmCount++] = o;
    const size = orgSize[o];
    if (size <= 0) continue;
    people += size;
    for (let k = 0; k < f; k++) base[k] += size * K[o * f + k];
  }
  let mean = 0;
  for (let k = 0; k < f; k++) {
    base[k] = people > 0 ? base[k] / people : 0;
    mean += base[k] / f;
  }
  if (!firstBase.has(s)) firstBase.set(s, mean);
  const A = Math.max(
    0.1,
    1 +
      p.inwardInvestmentEffect * s.lever[INWARD_INVESTMENT] +
      p.parkAttraction * s.lever[SCIENCE_PARK] +
      p.knowledgeAttraction * (mean - (firstBase.get(s) as number)),
  );
  s.attractiveness = A;

  const arrivals = poisson(rng, p.inMigrantFirmsPerYear * A * demand);
  for (let k = 0; k < arrivals; k++) {
    const kind = rng() < 0.25 ? MNC_SUBSIDIARY : SME;
    const sector = firmCount > 0 ? s.orgSector[firms[Math.floor(rng() * firmCount)]] : 0;
    const o = s.addOrganisation(kind, sector, year, true);
    for (let j = 0; j < f; j++) s.orgKnowledge[o * f + j] = j === sector ? 0.3 + 0.4 * rng() : 0.1 * rng();
    s.orgTarget[o] = 3;
    arrive(s, o, -1, year, s.orgKnowledge[o * f + sector]);
  }

  for (let field = 0; field < f; field++) {
    const chance = p.mncLabRate * A * (base[field] / 0.5) ** 2;
    if (rng() >= chance) continue;
    const owner = ownerCount > 0 ? owners[Math.floor(rng() * ownerCount)] : -1;
    const lab = s.addOrganisation(MNC_LAB, field, year, true);
    for (let j = 0; j < f; j++)
      s.orgKnowledge[lab * f + j] =
        j === field ? 0.5 + 0.3 * rng() : owner >= 0 ? 0.5 * s.orgKnowledge[owner * f + j] : 0;
    s.orgOwner[lab] = owner;
    s.orgTarget[lab] = p.mncLabSize;
    arrive(s, lab, owner, year, s.orgKnowledge[lab * f + field]);
  }
}

/** The arriving organisation's manager: an in-migrant, its first employee. */
function arrive(s: SimState, o: number, owner: number, year: number, knowledge: number): void {
  const manager = s.addPerson(s.orgSector[o], knowledge, MANAGER);
  s.employ(manager, o);
  s.moves.push(manager, -1, o, year, MANAGER);
  s.events.push(year, EV_ARRIVE, manager, o, owner);
}
