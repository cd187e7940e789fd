/**
 * Hiring and labour mobility: the regional labour market. Each year an employee of a local firm
 * looks for another local employer with probability `mobilityRate`; every local university adds
 * ⌊researchers · graduatesPerResearcher⌉ graduates (people whose `from` is the university); the
 * unemployed look too. Organisations below their target size fill vacancies, in a random order,
 * from this shuffled pool; a vacancy the pool cannot fill goes to an in-migrant with probability
 * `inMigrationShare`. Organisations above their target lay off the most recently hired first.
 * People carry their knowledge with them. Unemployed people not hired this year leave the region.
 * Each change of employer is a `moves` row. Cost O(people + organisations) per year.
 */
import { shuffle } from '../../graph/rng.ts';
import type { ProcessContext } from '../context.ts';
import {
  ENGINEER,
  EV_HIRE,
  EV_MOVE,
  INSTITUTE,
  RESEARCHER,
  UNIVERSITY,
  WORK_EMPLOYERS,
  WORK_EXCESS,
  WORK_HIRED,
  WORK_ORDER,
  WORK_ORIGIN,
  WORK_SEEKERS,
} from '../state.ts';

export function hiring(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year } = ctx;
  const employers = s.work(WORK_EMPLOYERS, s.orgCount);
  let m = 0;
  for (let o = 0; o < s.orgCount; o++) if (s.orgLocal[o] === 1 && s.orgClosed[o] === 0) employers[m++] = o;
  shuffle(employers.subarray(0, m), rng);

  // Lay-offs first (last hired first out), so the laid-off can be hired elsewhere this year.
  const excess = s.work(WORK_EXCESS, s.orgCount).fill(0, 0, s.orgCount);
  let anyExcess = false;
  for (let k = 0; k < m; k++) {
    const o = employers[k];
    if (s.orgSize[o] > s.orgTarget[o]) {
      excess[o] = s.orgSize[o] - s.orgTarget[o];
      anyExcess = true;
    }
  }
  if (anyExcess) {
    for (let n = s.peopleCount - 1; n >= 0; n--) {
      const i = s.people[n];
      const o = s.personEmployer[i];
      if (o >= 0 && excess[o] > 0) {
        excess[o]--;
        s.release(i, year, false);
      }
    }
  }

  const isGraduating = (u: number) =>
    s.orgKind[u] === UNIVERSITY && s.orgLocal[u] === 1 && s.orgClosed[u] === 0;
  let allGraduates = 0;
  for (let u = 0; u < s.orgCount; u++)
    if (isGraduating(u)) allGraduates += Math.round(s.orgSize[u] * p.graduatesPerResearcher);
  const seekers = s.work(WORK_SEEKERS, s.peopleCount + allGraduates);
  /** Where a seeker comes from for the moves row: the employer, a university for graduates, or -1. */
  const origin = s.work(WORK_ORIGIN, s.peopleCount + allGraduates);
  let n = 0;
  const people = s.people;
  const employer = s.personEmployer;
  const local = s.orgLocal;
  for (let k = 0; k < s.peopleCount; k++) {
    const i = people[k];
    const o = employer[i];
    if (o === -1) {
      seekers[n] = i;
      origin[n++] = -1;
    } else if (o >= 0 && local[o] === 1 && rng() < p.mobilityRate) {
      seekers[n] = i;
      origin[n++] = o;
    }
  }
  for (let u = 0; u < s.orgCount; u++) {
    if (!isGraduating(u)) continue;
    const graduates = Math.round(s.orgSize[u] * p.graduatesPerResearcher);
    for (let g = 0; g < graduates; g++) {
      const field = rng() < 0.7 ? s.orgSector[u] : Math.floor(rng() * s.fields);
      const i = s.addPerson(field, 0.5 * s.orgKnowledge[u * s.fields + field] + 0.2 * rng(), ENGINEER);
      s.personEmployer[i] = -1;
      seekers[n] = i;
      origin[n++] = u;
    }
  }
  const order = s.work(WORK_ORDER, n).subarray(0, n);
  for (let k = 0; k < n; k++) order[k] = k;
  shuffle(order, rng);
  const hired = s.work(WORK_HIRED, s.personCount).fill(0, 0, s.personCount);
  let next = 0;
  for (let k = 0; k < m; k++) {
    const o = employers[k];
    const role = s.orgKind[o] === UNIVERSITY || s.orgKind[o] === INSTITUTE ? RESEARCHER : ENGINEER;
    while (s.orgSize[o] < s.orgTarget[o]) {
      // the next seeker who is still looking and does not already work here
      while (
        next < order.length &&
        (s.personEmployer[seekers[order[next]]] === o || hired[seekers[order[next]]])
      )
        next++;
      if (next < order.length) {
        const j = order[next++];
        const i = seekers[j];
        const from = s.personEmployer[i] >= 0 ? s.personEmployer[i] : origin[j];
        hire(ctx, i, o, from, role);
        hired[i] = 1;
      } else if (rng() < p.inMigrationShare * s.attractiveness) {
        // attractiveness: processes/migration.ts (1 without it)
        const field = rng() < 0.6 ? s.orgSector[o] : Math.floor(rng() * s.fields);
        const i = s.addPerson(field, 0.2 + 0.5 * rng(), role);
        hire(ctx, i, o, -1, role);
      } else break;
    }
  }
  // Unemployed people still without work leave the region (and the list of people in it).
  let stay = 0;
  for (let k = 0; k < s.peopleCount; k++) {
    const i = s.people[k];
    const o = s.personEmployer[i];
    if (o === -1) s.personEmployer[i] = -2;
    else if (o !== -2) s.people[stay++] = i;
  }
  s.peopleCount = stay;
}

function hire(ctx: ProcessContext, i: number, o: number, from: number, role: number): void {
  const s = ctx.state;
  const wasEmployed = s.personEmployer[i] >= 0;
  s.employ(i, o);
  s.personRole[i] = role;
  s.moves.push(i, from, o, ctx.year, role);
  s.events.push(ctx.year, wasEmployed ? EV_MOVE : EV_HIRE, i, o, from);
}
