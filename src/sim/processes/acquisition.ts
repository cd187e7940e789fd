/**
 * Acquisitions by multinationals. Each year every open local SME at least three years old whose
 * performance exceeds `acquisitionThreshold` is bought, with probability `acquisitionRate`, by one of
 * the outside large firms (the multinationals of the partner pool). With probability
 * `autonomyProbability` it keeps its autonomy; otherwise it becomes a multinational subsidiary and
 * each of its open local ties ends with probability `tieLossOnAbsorption` (Keeble & Wilkinson: absorbed
 * firms turn from the local milieu to the group). Each purchase is an `acquisitions` row.
 * Cost O(organisations + ties of the acquired), their ties found through the organisations' tie lists.
 */
import type { ProcessContext } from '../context.ts';
import { EV_ACQUIRE, LARGE_FIRM, MNC_SUBSIDIARY, SME } from '../state.ts';

const MIN_AGE = 3;

export function acquisition(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year } = ctx;
  const acquirers: number[] = [];
  for (let o = 0; o < s.orgCount; o++)
    if (s.orgLocal[o] === 0 && s.orgKind[o] === LARGE_FIRM && s.orgClosed[o] === 0) acquirers.push(o);
  if (acquirers.length === 0) return;
  const count = s.orgCount;
  for (let o = 0; o < count; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || s.orgKind[o] !== SME || s.orgOwner[o] >= 0) continue;
    if (year - s.orgFounded[o] < MIN_AGE || s.orgPerformance[o] <= p.acquisitionThreshold) continue;
    if (rng() >= p.acquisitionRate) continue;
    const acquirer = acquirers[Math.floor(rng() * acquirers.length)];
    const autonomy = rng() < p.autonomyProbability;
    s.orgOwner[o] = acquirer;
    s.acquisitions.push(o, acquirer, year, autonomy ? 1 : 0);
    s.events.push(year, EV_ACQUIRE, -1, o, acquirer);
    if (autonomy) continue;
    s.orgKind[o] = MNC_SUBSIDIARY;
    // its ties in the order formed
    for (let l = s.orgTieHead[o]; l >= 0; l = s.tieNext[l]) {
      const t = l >> 1;
      if (s.tieEnd[t] !== 0) continue;
      const other = l & 1 ? s.tieSource[t] : s.tieTarget[t];
      if (s.orgLocal[other] === 1 && rng() < p.tieLossOnAbsorption) s.endTie(t, year);
    }
  }
}
