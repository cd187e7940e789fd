/**
 * Proximity between two organisations, for the partner choices of the newer processes (collective
 * initiative and liaison ties in policy.ts, project consortia in projects.ts), on the same terms as
 * partnering.ts: technological similarity (cosine of the knowledge vectors, as in the SKIN model)
 * plus 0.3 for each social proximity — parent and child or a shared parent (spin-off families), an
 * earlier tie between them, former colleagues (someone has worked at both) — capped at 1.
 */
import type { Rng } from '../../graph/rng.ts';
import type { SimState } from '../state.ts';

export const pairKey = (a: number, b: number): number => (a < b ? a * 67108864 + b : b * 67108864 + a);

/** The open and the ended ties as pair sets (one pass over the ties). */
export function tiePairs(s: SimState): { open: Set<number>; earlier: Set<number> } {
  const open = new Set<number>();
  const earlier = new Set<number>();
  for (let t = 0; t < s.tieCount; t++)
    (s.tieEnd[t] === 0 ? open : earlier).add(pairKey(s.tieSource[t], s.tieTarget[t]));
  return { open, earlier };
}

export function proximity(s: SimState, a: number, b: number, earlier: Set<number>): number {
  let p = s.similarity(a, b);
  const pa = s.orgParent[a];
  const pb = s.orgParent[b];
  if (pa === b || pb === a || (pa >= 0 && pa === pb)) p += 0.3;
  if (earlier.has(pairKey(a, b))) p += 0.3;
  if (s.workedTogether(a, b)) p += 0.3;
  return Math.min(1, p);
}

/**
 * The most proximate of `candidates` random draws from `pool` for `a`, skipping `a` itself, open
 * partners and anything `skip` refuses; −1 when every draw was skipped. Returns the proximity in
 * `out[0]`.
 */
export function bestCandidate(
  s: SimState,
  a: number,
  pool: ArrayLike<number>,
  poolSize: number,
  candidates: number,
  rng: Rng,
  earlier: Set<number>,
  open: Set<number> | null,
  out: Float64Array,
  skip?: (b: number) => boolean,
): number {
  let best = -1;
  let bestProximity = -1;
  for (let c = 0; c < candidates; c++) {
    const b = pool[Math.floor(rng() * poolSize)];
    if (b === a || open?.has(pairKey(a, b)) || skip?.(b)) continue;
    const p = proximity(s, a, b, earlier);
    if (p > bestProximity) {
      best = b;
      bestProximity = p;
    }
  }
  out[0] = bestProximity;
  return best;
}
