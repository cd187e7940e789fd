/**
 * Seeded pseudo-random numbers for the randomised graph kernels (Louvain node order, pivot sampling,
 * permutation nulls, edge swaps). Randomness is always passed in explicitly — as an `Rng` or a seed —
 * and never taken from a global source, so every result is reproducible from its seed.
 */

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32 (Tommy Ettinger, 2017): a 32-bit state advanced by the Weyl increment 0x6D2B79F5, then
 * mixed by two multiply–xorshift rounds; period 2^32, passes the gjrand and PractRand batteries up
 * to moderate lengths, plenty for shuffles and sampling. The output is the mixed 32-bit word / 2^32.
 *
 * Cost: O(1) per draw. Example: `mulberry32(1)()` is 0.6270739405881613, the same on every run.
 */
export function mulberry32(seed: number): Rng {
  // The state lives in a typed array: a closure variable above 2^30 would be boxed on every draw.
  const state = new Int32Array(1);
  state[0] = seed;
  return () => {
    state[0] = (state[0] + 0x6d2b79f5) | 0;
    let z = state[0];
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * splitmix32: a 32-bit Weyl sequence (increment 0x9E3779B9, the golden ratio) passed through the
 * murmur3 finaliser (xor-shift 16, × 0x85EBCA6B, xor-shift 13, × 0xC2B2AE35, xor-shift 16). Used to
 * derive independent child seeds from one seed (e.g. one per random graph or per worker).
 *
 * Cost: O(1) per draw. Example: `splitmix32(1)()` returns a float in [0, 1), identical on every run.
 */
export function splitmix32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform integer in [0, k) from one draw: ⌊rng() · k⌋. For k ≤ 2^20 the bias from the 2^32-step
 * grid is below 2^-12 per value, negligible for the shuffles and samples here. Cost O(1).
 * Example: with a draw of 0.5, randomInt(rng, 10) = 5.
 */
export function randomInt(rng: Rng, k: number): number {
  return Math.floor(rng() * k);
}

/**
 * Fisher–Yates shuffle in place (Knuth, TAOCP vol. 2, Algorithm 3.4.2P): for i = len−1 … 1, swap
 * item i with a uniform item j ∈ [0, i]. Every permutation is equally likely given uniform draws.
 * Cost O(len). Example: shuffling [0, 1, 2] gives one of its 6 orders.
 */
export function shuffle<T extends { length: number; [i: number]: number }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}

/**
 * k distinct integers drawn uniformly from [0, n) (a partial Fisher–Yates shuffle of 0 … n−1, whose
 * first k entries are a uniform sample without replacement). Cost O(n) time and memory.
 * Example: sampleWithoutReplacement(5, 5, rng) is a permutation of 0 … 4.
 */
export function sampleWithoutReplacement(n: number, k: number, rng: Rng): Int32Array {
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`cannot draw ${k} of ${n} items`);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k);
}
