/**
 * Partnering: tie formation and dissolution. Each open tie ends with probability
 * `tieDissolutionRate` a year. Each local firm makes ⌊r⌋ partner searches a year plus one more with
 * probability r − ⌊r⌋ (r = `tieFormationRate`); a search looks outside the region with probability
 * `externalSearchShare`, else among local organisations; it draws `partnerCandidates` candidates and
 * asks the most proximate, who accepts with probability equal to the proximity
 *   π(a, b) = min(1, cos(K_a, K_b) + 0.3 · [shared parent or parent–child] + 0.3 · [earlier tie]
 *                    + 0.3 · [former colleagues: someone worked at both, SimState.workedTogether]),
 * cos being the cosine similarity of the knowledge vectors (SKIN-like technological proximity).
 * Firm–firm ties are customer/supplier with probability `verticalTieShare`, else collaboration;
 * ties with universities and institutes are liaison ties. Cost O(open ties + firms · candidates +
 * the tie lists of the firms that search).
 */
import { STORED_TIE_KINDS } from '../../model/index.ts';
import type { ProcessContext } from '../context.ts';
import { isFirm, WORK_LOCAL, WORK_OUTSIDE, WORK_PARTNERS } from '../state.ts';
import { markedProximity } from './proximity.ts';

const CUSTOMER = STORED_TIE_KINDS.indexOf('customer');
const SUPPLIER = STORED_TIE_KINDS.indexOf('supplier');
const COLLABORATION = STORED_TIE_KINDS.indexOf('collaboration');
const LIAISON = STORED_TIE_KINDS.indexOf('liaison');

export function partnering(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year } = ctx;
  // Open ties in the order formed (the same order of draws as a pass over every tie ever formed).
  for (let k = 0; k < s.openTieCount; k++) {
    const t = s.openTies[k];
    if (s.tieEnd[t] === 0 && rng() < p.tieDissolutionRate) s.endTie(t, year);
  }
  s.compactOpenTies();
  const local = s.work(WORK_LOCAL, s.orgCount);
  const outside = s.work(WORK_OUTSIDE, s.orgCount);
  let localCount = 0;
  let outsideCount = 0;
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgClosed[o] !== 0) continue;
    if (s.orgLocal[o] === 1) local[localCount++] = o;
    else outside[outsideCount++] = o;
  }
  /** The searching firm's partners (see `SimState.markPartners`); all 0 between searchers. */
  const partners = s.work(WORK_PARTNERS, s.orgCount).fill(0, 0, s.orgCount);
  const whole = Math.floor(p.tieFormationRate);
  const fraction = p.tieFormationRate - whole;
  for (let l = 0; l < localCount; l++) {
    const o = local[l];
    if (!isFirm(s.orgKind[o]) || s.orgFounded[o] === year) continue;
    const searches = whole + (rng() < fraction ? 1 : 0);
    if (searches > 0) s.markPartners(o, partners, false);
    for (let k = 0; k < searches; k++) {
      const external = rng() < p.externalSearchShare;
      const pool = external ? outside : local;
      const size = external ? outsideCount : localCount;
      if (size === 0) continue;
      let best = -1;
      let bestProximity = -1;
      for (let c = 0; c < p.partnerCandidates; c++) {
        const b = pool[Math.floor(rng() * size)];
        if (b === o) continue;
        const ties = partners[b];
        if (ties & 1) continue;
        const proximity = markedProximity(s, o, b, ties);
        if (proximity > bestProximity) {
          best = b;
          bestProximity = proximity;
        }
      }
      if (best < 0 || rng() >= bestProximity) continue;
      let kind = LIAISON;
      if (isFirm(s.orgKind[best])) {
        kind = rng() < p.verticalTieShare ? (rng() < 0.5 ? CUSTOMER : SUPPLIER) : COLLABORATION;
      }
      s.addTie(o, best, kind, year);
      partners[best] |= 1;
    }
    if (searches > 0) s.markPartners(o, partners, true);
  }
}
