/**
 * Joint R&D projects and their participations (stream 'projects'), so the co-participation network,
 * tie scope, the E-I index and the R&D-linkage tables work on simulated data.
 *  - Learning: in every project running this year (started before it), each open local participant
 *    takes `projectLearning` of the lead of the best open participant in the project's field.
 *  - New projects: each open local firm, university or research institute o coordinates a new
 *    project with chance min(1, `projectRate` · K_o[sector] / 0.5 · D_t). The consortium has
 *    2 + Poisson(`projectSize` − 2) organisations (at most 50): each partner slot draws from the
 *    outside partners with chance `projectExternalShare`, else from the local organisations, and
 *    takes the most proximate (proximity.ts) of `partnerCandidates` draws not yet in it. The project
 *    runs 2–4 years (uniform), in the coordinator's sector as its field, costs 0.3–1 M EUR per
 *    organisation and the funder pays half, in equal shares (the participations' contributions).
 *    Its programme is the EU Framework Programme of its first year (FP1 from 1984 … HORIZON from
 *    2021), `national` before 1984.
 * A project whose participant exits ends in that participant's exit year (tables-model.ts), so
 * every participant is alive throughout its project. Each new project is a `project` event.
 * Cost O(organisations · candidates · F + running participations · F) a year.
 */
import { type ProcessContext, poisson } from '../context.ts';
import type { PairSet } from '../pair-set.ts';
import {
  EV_PROJECT,
  INSTITUTE,
  isFirm,
  type SimState,
  UNIVERSITY,
  WORK_BEST,
  WORK_LOCAL,
  WORK_MEMBERS,
  WORK_OUTSIDE,
} from '../state.ts';
import { bestCandidate, everTied } from './proximity.ts';

const MAX_SIZE = 50;
/** Longest project, years: running projects started at most this many years ago minus one. */
export const MAX_DURATION = 4;
export const COORDINATOR_ROLE = 0;
export const PARTICIPANT_ROLE = 1;

export function projects(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year, demand } = ctx;
  learn(s, p.projectLearning, year);
  const count = s.orgCount; // projects found no organisations
  const local = s.work(WORK_LOCAL, count);
  const outside = s.work(WORK_OUTSIDE, count);
  let localCount = 0;
  let outsideCount = 0;
  for (let o = 0; o < count; o++) {
    if (s.orgClosed[o] !== 0) continue;
    const kind = s.orgKind[o];
    if (!isFirm(kind) && kind !== UNIVERSITY && kind !== INSTITUTE) continue;
    if (s.orgLocal[o] === 1) local[localCount++] = o;
    else outside[outsideCount++] = o;
  }
  if (localCount === 0 || p.projectRate === 0) return;
  const f = s.fields;
  let earlier: PairSet | null = null;
  /** The consortium being formed: 1 for its members (all 0 between projects). */
  const members = s.work(WORK_MEMBERS, count).fill(0, 0, count);
  const out = s.workF64(WORK_BEST, 1);
  for (let l = 0; l < localCount; l++) {
    const o = local[l];
    const chance = (p.projectRate * s.orgKnowledge[o * f + s.orgSector[o]] * demand) / 0.5;
    if (rng() >= chance) continue;
    earlier ??= everTied(s);
    const size = Math.min(MAX_SIZE, 2 + poisson(rng, p.projectSize - 2));
    members[o] = 1;
    const project = s.projects.count;
    const first = s.participations.count;
    s.participations.push(project, o, COORDINATOR_ROLE, 0);
    for (let slot = 1; slot < size; slot++) {
      const external = rng() < p.projectExternalShare && outsideCount > 0;
      const pool = external ? outside : local;
      const poolSize = external ? outsideCount : localCount;
      const b = bestCandidate(s, o, pool, poolSize, p.partnerCandidates, rng, earlier, null, out, members);
      if (b < 0) continue;
      members[b] = 1;
      s.participations.push(project, b, PARTICIPANT_ROLE, 0);
    }
    const n = s.participations.count - first;
    for (let r = first; r < s.participations.count; r++) members[s.participations.get(1, r)] = 0;
    const duration = 2 + Math.floor(rng() * 3);
    const costK = Math.round(n * (300 + 700 * rng()));
    const share = Math.round((costK * 1000) / 2 / n);
    for (let r = first; r < s.participations.count; r++) s.participations.data[3][r] = share;
    s.projects.push(year, year + duration - 1, first, s.orgSector[o], costK);
    s.events.push(year, EV_PROJECT, -1, o, project);
  }
}

/** Knowledge flows among the participants of the projects running this year. */
function learn(s: SimState, rate: number, year: number): void {
  const pr = s.projects;
  const pa = s.participations;
  const f = s.fields;
  const K = s.orgKnowledge;
  for (let r = pr.count - 1; r >= 0 && pr.get(0, r) > year - MAX_DURATION; r--) {
    if (pr.get(0, r) >= year || pr.get(1, r) < year) continue;
    const from = pr.get(2, r);
    const to = r + 1 < pr.count ? pr.get(2, r + 1) : pa.count;
    const field = pr.get(3, r);
    let best = 0;
    for (let q = from; q < to; q++) {
      const o = pa.get(1, q);
      if (s.orgClosed[o] === 0 && K[o * f + field] > best) best = K[o * f + field];
    }
    for (let q = from; q < to; q++) {
      const o = pa.get(1, q);
      if (s.orgLocal[o] === 1 && s.orgClosed[o] === 0) K[o * f + field] += rate * (best - K[o * f + field]);
    }
  }
}

/** The FP of a project's first year (start years of each programme's calls, approximately). */
export function programmeOf(year: number): string {
  const table: [number, string][] = [
    [2021, 'HORIZON'],
    [2014, 'H2020'],
    [2007, 'FP7'],
    [2003, 'FP6'],
    [1999, 'FP5'],
    [1995, 'FP4'],
    [1991, 'FP3'],
    [1987, 'FP2'],
    [1984, 'FP1'],
  ];
  for (const [from, name] of table) if (year >= from) return name;
  return 'national';
}
