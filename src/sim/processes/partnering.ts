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
 * ties with universities and institutes are liaison ties. Cost O(ties + firms · candidates).
 */
import { STORED_TIE_KINDS } from '../../model/index.ts';
import type { ProcessContext } from '../context.ts';
import { isFirm, type SimState } from '../state.ts';

const CUSTOMER = STORED_TIE_KINDS.indexOf('customer');
const SUPPLIER = STORED_TIE_KINDS.indexOf('supplier');
const COLLABORATION = STORED_TIE_KINDS.indexOf('collaboration');
const LIAISON = STORED_TIE_KINDS.indexOf('liaison');

const pairKey = (a: number, b: number) => (a < b ? a * 67108864 + b : b * 67108864 + a);

export function partnering(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year } = ctx;
  const open = new Set<number>();
  const earlier = new Set<number>();
  for (let t = 0; t < s.tieCount; t++) {
    const key = pairKey(s.tieSource[t], s.tieTarget[t]);
    if (s.tieEnd[t] === 0 && rng() < p.tieDissolutionRate) s.endTie(t, year);
    if (s.tieEnd[t] === 0) open.add(key);
    else earlier.add(key);
  }
  const local: number[] = [];
  const outside: number[] = [];
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgClosed[o] !== 0) continue;
    (s.orgLocal[o] === 1 ? local : outside).push(o);
  }
  const whole = Math.floor(p.tieFormationRate);
  const fraction = p.tieFormationRate - whole;
  for (const o of local) {
    if (!isFirm(s.orgKind[o]) || s.orgFounded[o] === year) continue;
    const searches = whole + (rng() < fraction ? 1 : 0);
    for (let k = 0; k < searches; k++) {
      const pool = rng() < p.externalSearchShare ? outside : local;
      if (pool.length === 0) continue;
      let best = -1;
      let bestProximity = -1;
      for (let c = 0; c < p.partnerCandidates; c++) {
        const b = pool[Math.floor(rng() * pool.length)];
        if (b === o || open.has(pairKey(o, b))) continue;
        const proximity = proximityOf(s, o, b, earlier);
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
      open.add(pairKey(o, best));
    }
  }
}

function proximityOf(s: SimState, a: number, b: number, earlier: Set<number>): number {
  let proximity = s.similarity(a, b);
  const pa = s.orgParent[a];
  const pb = s.orgParent[b];
  if (pa === b || pb === a || (pa >= 0 && pa === pb)) proximity += 0.3;
  if (earlier.has(pairKey(a, b))) proximity += 0.3;
  if (s.workedTogether(a, b)) proximity += 0.3; // former colleagues
  return Math.min(1, proximity);
}
