/**
 * Proximity between two organisations, for the partner choices of the newer processes (collective
 * initiative and liaison ties in policy.ts, project consortia in projects.ts), on the same terms as
 * partnering.ts: technological similarity (cosine of the knowledge vectors, as in the SKIN model)
 * plus 0.3 for each social proximity — parent and child or a shared parent (spin-off families), an
 * earlier tie between them, former colleagues (someone has worked at both) — capped at 1.
 */
import type { Rng } from '../../graph/rng.ts';
import { PairSet } from '../pair-set.ts';
import type { SimState } from '../state.ts';

const openSoFar = new WeakMap<SimState, PairSet>();

/**
 * The pairs with an open tie (one pass over the open-tie list), in a set kept per state and
 * refilled each call, so a year allocates nothing once it is large enough.
 */
export function openPairs(s: SimState): PairSet {
  let open = openSoFar.get(s);
  if (!open) openSoFar.set(s, (open = new PairSet(s.openTieCount)));
  else open.clear();
  for (let k = 0; k < s.openTieCount; k++) {
    const t = s.openTies[k];
    if (s.tieEnd[t] === 0) open.add(s.tieSource[t], s.tieTarget[t]);
  }
  return open;
}

const tiedSoFar = new WeakMap<SimState, { pairs: PairSet; read: number }>();

/**
 * Every pair that has ever had a tie, kept per state and brought up to date with the ties added
 * since the last call (ties are only appended), so a year costs O(new ties). Where open pairs are
 * skipped (bestCandidate), "ever tied" is "an earlier tie".
 */
export function everTied(s: SimState): PairSet {
  let memo = tiedSoFar.get(s);
  if (!memo) tiedSoFar.set(s, (memo = { pairs: new PairSet(s.tieCount), read: 0 }));
  for (; memo.read < s.tieCount; memo.read++) memo.pairs.add(s.tieSource[memo.read], s.tieTarget[memo.read]);
  return memo.pairs;
}

export function proximity(s: SimState, a: number, b: number, earlier: PairSet): number {
  let p = s.similarity(a, b);
  const pa = s.orgParent[a];
  const pb = s.orgParent[b];
  if (pa === b || pb === a || (pa >= 0 && pa === pb)) p += 0.3;
  if (earlier.has(a, b)) p += 0.3;
  if (s.workedTogether(a, b)) p += 0.3;
  return Math.min(1, p);
}

/**
 * π(a, b) for a searcher a whose partners are marked as `SimState.markPartners` marks them: `ties`
 * is b's mark, bit 2 set when a and b had a tie that has ended (an open one is skipped by the
 * caller). The same sum as `proximity`, without a pair set: a walk of a's tie list answers it for
 * any number of b (partnering.ts, sourcing.ts).
 */
export function markedProximity(s: SimState, a: number, b: number, ties: number): number {
  let p = s.similarity(a, b);
  const pa = s.orgParent[a];
  const pb = s.orgParent[b];
  if (pa === b || pb === a || (pa >= 0 && pa === pb)) p += 0.3;
  if (ties & 2) p += 0.3;
  if (s.workedTogether(a, b)) p += 0.3; // former colleagues
  return Math.min(1, p);
}

/**
 * The most proximate of `candidates` random draws from `pool` for `a`, skipping `a` itself, open
 * partners and the organisations marked non-zero in `skip` (indexed by organisation); −1 when every
 * draw was skipped. Returns the proximity in `out[0]`.
 */
export function bestCandidate(
  s: SimState,
  a: number,
  pool: ArrayLike<number>,
  poolSize: number,
  candidates: number,
  rng: Rng,
  earlier: PairSet,
  open: PairSet | null,
  out: Float64Array,
  skip: Int32Array | null = null,
): number {
  let best = -1;
  let bestProximity = -1;
  for (let c = 0; c < candidates; c++) {
    const b = pool[Math.floor(rng() * poolSize)];
    if (b === a || (skip !== null && skip[b] !== 0) || open?.has(a, b)) continue;
    const p = proximity(s, a, b, earlier);
    if (p > bestProximity) {
      best = b;
      bestProximity = p;
    }
  }
  out[0] = bestProximity;
  return best;
}
