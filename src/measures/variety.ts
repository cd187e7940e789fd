/**
 * Sectoral variety as pure functions of weights (no Dataset): entropy, related and unrelated
 * variety and the Herfindahl index over NACE divisions within sections (`sectoralVariety`), the same
 * decomposition over any two-level classification (`nestedVariety`, used with NACE classes within
 * divisions), and the Krugman specialisation index. Frenken, Van Oort & Verburg (2007, "Related
 * variety, unrelated variety and regional economic growth", Regional Studies 41(5)) take 2-digit
 * sectors as the groups of unrelated variety and 5-digit ones within them for related variety; the
 * sectors family uses NACE divisions (2-digit) and classes (4-digit) when every firm has a class,
 * else sections and divisions, and says which.
 */

import { UsageError } from '../errors.ts';
import { NACE_SECTIONS, sectionOfDivision } from '../model/index.ts';

// ---------------------------------------------------------------------------------------------
// NACE lookup tables

/** Section letters in NACE order (A … U). */
export const SECTION_LETTERS: readonly string[] = Object.keys(NACE_SECTIONS);
export const SECTION_COUNT = SECTION_LETTERS.length;
/** Division slots: divisions are two-digit numbers, so 0–99. */
export const DIVISION_SLOTS = 100;

/** Section index (into SECTION_LETTERS) of each division number 0–99; −1 where no division exists. */
export const DIVISION_SECTION: Int8Array = (() => {
  const out = new Int8Array(DIVISION_SLOTS).fill(-1);
  for (let d = 0; d < DIVISION_SLOTS; d++) {
    const s = sectionOfDivision(d);
    if (s !== null) out[d] = SECTION_LETTERS.indexOf(s);
  }
  return out;
})();

// ---------------------------------------------------------------------------------------------
// Pure measures over division weights

export interface Variety {
  /** Σ weights. */
  total: number;
  /** Divisions with a positive weight. */
  divisions: number;
  /** Sections with a positive weight. */
  sections: number;
  /** H = −Σ_d p_d log2 p_d. */
  entropy: number;
  /** UV = −Σ_s P_s log2 P_s. */
  unrelatedVariety: number;
  /** RV = Σ_s P_s H_s. */
  relatedVariety: number;
  /** HHI = Σ_d p_d². */
  herfindahl: number;
  /** P_s by section index (SECTION_LETTERS). */
  sectionShares: Float64Array;
  /** H_s = −Σ_{d∈s} (p_d/P_s) log2(p_d/P_s) by section index; 0 for empty sections. */
  withinEntropy: Float64Array;
}

/**
 * Entropy, related and unrelated variety and Herfindahl index of a distribution over NACE
 * divisions (`weights[d]` = firms or employees in division d, d = 1…99). With p_d = w_d / Σw and
 * P_s = Σ_{d∈s} p_d:
 * H = −Σ_d p_d log2 p_d (Shannon 1948); UV = −Σ_s P_s log2 P_s; RV = Σ_s P_s H_s with
 * H_s = −Σ_{d∈s} (p_d/P_s) log2(p_d/P_s) (Frenken, Van Oort & Verburg 2007, Regional Studies 41(5));
 * H = UV + RV exactly (the entropy decomposition theorem, Theil 1972); HHI = Σ_d p_d² (Herfindahl
 * 1950, Hirschman 1945). Null when the weights sum to 0. Cost O(99).
 * Example: 2 firms in division 62, 1 in 63 (both section J), 1 in 26 (section C): p = ½, ¼, ¼,
 * H = 1.5 bits, UV = −(¾ log2 ¾ + ¼ log2 ¼) = 0.8113, RV = ¾ · H(⅔, ⅓) = ¾ · 0.9183 = 0.6887,
 * HHI = ¼ + 1/16 + 1/16 = 0.375.
 */
export function sectoralVariety(weights: ArrayLike<number>): Variety | null {
  let total = 0;
  for (let d = 0; d < weights.length; d++) {
    const w = weights[d];
    if (w === 0) continue;
    if (!(w > 0) || d >= DIVISION_SLOTS || DIVISION_SECTION[d] < 0) {
      throw new UsageError('measures', `invalid weight ${w} for NACE division ${d}`);
    }
    total += w;
  }
  if (!(total > 0)) return null;
  const sectionShares = new Float64Array(SECTION_COUNT);
  let entropy = 0;
  let herfindahl = 0;
  let divisionCount = 0;
  for (let d = 0; d < weights.length; d++) {
    if (weights[d] === 0) continue;
    const p = weights[d] / total;
    entropy -= p * Math.log2(p);
    herfindahl += p * p;
    sectionShares[DIVISION_SECTION[d]] += p;
    divisionCount++;
  }
  const withinEntropy = new Float64Array(SECTION_COUNT);
  for (let d = 0; d < weights.length; d++) {
    if (weights[d] === 0) continue;
    const s = DIVISION_SECTION[d];
    const q = weights[d] / total / sectionShares[s];
    withinEntropy[s] -= q * Math.log2(q);
  }
  let unrelatedVariety = 0;
  let relatedVariety = 0;
  let sectionCount = 0;
  for (let s = 0; s < SECTION_COUNT; s++) {
    const P = sectionShares[s];
    if (P === 0) continue;
    sectionCount++;
    unrelatedVariety -= P * Math.log2(P);
    relatedVariety += P * withinEntropy[s];
  }
  return {
    total,
    divisions: divisionCount,
    sections: sectionCount,
    entropy,
    unrelatedVariety,
    relatedVariety,
    herfindahl,
    sectionShares,
    withinEntropy,
  };
}

/**
 * Krugman specialisation index K = Σ_d |s_d − r_d| between the division shares of a region (s) and
 * of a reference (r), from their weights (Krugman 1991, Geography and Trade). 0 when the structures
 * are the same, 2 when they share no division. Null when either side has no weight. Cost O(99).
 * Example: region 62: 2, 26: 2; reference 62: 1, 26: 3 → |½ − ¼| + |½ − ¾| = 0.5.
 */
export function krugmanIndex(region: ArrayLike<number>, reference: ArrayLike<number>): number | null {
  let a = 0;
  let b = 0;
  for (let d = 0; d < region.length; d++) a += region[d];
  for (let d = 0; d < reference.length; d++) b += reference[d];
  if (!(a > 0) || !(b > 0)) return null;
  let k = 0;
  const m = Math.max(region.length, reference.length);
  for (let d = 0; d < m; d++) k += Math.abs((region[d] ?? 0) / a - (reference[d] ?? 0) / b);
  return k;
}

// ---------------------------------------------------------------------------------------------
// Any two-level classification

export interface NestedVariety {
  /** Σ weights. */
  total: number;
  /** Groups and items with a positive weight. */
  groups: number;
  items: number;
  /** H = −Σ_i p_i log2 p_i over items. */
  entropy: number;
  /** UV = −Σ_g P_g log2 P_g over groups, P_g = Σ_{i∈g} p_i. */
  unrelatedVariety: number;
  /** RV = Σ_g P_g H_g, H_g = −Σ_{i∈g} (p_i/P_g) log2(p_i/P_g). */
  relatedVariety: number;
}

/**
 * Entropy, unrelated and related variety of item weights `weights[i]` with item i in group
 * `groupOf[i]` (a non-negative integer). H = UV + RV exactly (Theil 1972's decomposition theorem).
 * Null when the weights sum to 0. Cost O(items + groups).
 *
 * Example: NACE classes 62.01 (2 firms), 62.02 (1), 63.11 (1) in divisions 62 and 63: p = ½, ¼, ¼;
 * P_62 = ¾, P_63 = ¼; H = 1.5 bits; UV = −(¾ log2 ¾ + ¼ log2 ¼) = 0.8113; RV = ¾ · H(⅔, ⅓) =
 * ¾ · 0.9183 = 0.6887 (and H_63 = 0).
 */
export function nestedVariety(weights: ArrayLike<number>, groupOf: ArrayLike<number>): NestedVariety | null {
  if (weights.length !== groupOf.length)
    throw new RangeError(`weights and groups differ in length (${weights.length} vs ${groupOf.length})`);
  let total = 0;
  let groupCount = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid weight ${w} of item ${i}`);
    total += w;
    if (groupOf[i] + 1 > groupCount) groupCount = groupOf[i] + 1;
  }
  if (!(total > 0)) return null;
  const share = new Float64Array(groupCount);
  let entropy = 0;
  let items = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    const p = weights[i] / total;
    entropy -= p * Math.log2(p);
    share[groupOf[i]] += p;
    items++;
  }
  const within = new Float64Array(groupCount);
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    const q = weights[i] / total / share[groupOf[i]];
    within[groupOf[i]] -= q * Math.log2(q);
  }
  let unrelatedVariety = 0;
  let relatedVariety = 0;
  let groups = 0;
  for (let g = 0; g < groupCount; g++) {
    if (share[g] === 0) continue;
    groups++;
    unrelatedVariety -= share[g] * Math.log2(share[g]);
    relatedVariety += share[g] * within[g];
  }
  return { total, groups, items, entropy, unrelatedVariety, relatedVariety };
}
