/**
 * Rank correlation for measures that ask whether two per-organisation counts go together.
 */

/**
 * Ranks 1…n of the values, ties given the average of the ranks they span (the "fractional" or
 * mid-rank convention of Kendall & Gibbons, "Rank Correlation Methods", 5th ed., 1990, §3.1; pandas
 * `rank(method='average')`).
 *
 * Cost: O(n log n). Example: [10, 20, 20, 5] → [2, 3.5, 3.5, 1].
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    // positions i … j-1 (0-based) hold equal values: ranks i+1 … j, average (i + 1 + j) / 2
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

/**
 * Spearman's rank correlation ρ (Spearman 1904): the Pearson correlation of the average ranks of x
 * and of y, ρ = Σ(rx − r̄)(ry − r̄) / √(Σ(rx − r̄)² Σ(ry − r̄)²). With ties this is the exact
 * tie-corrected coefficient (the shortcut 1 − 6Σd²/(n(n²−1)) holds only without ties).
 *
 * Returns NaN when it is undefined: fewer than 2 pairs, a NaN value, or no variation in x or in y
 * (all ranks equal). Throws RangeError when x and y differ in length.
 *
 * Cost: O(n log n). Example: x = [1, 2, 3, 4, 5], y = [5, 6, 7, 8, 7] → ranks y = [1, 2, 3.5, 5,
 * 3.5], Σ(rx − 3)(ry − 3) = 8, Σ(rx − 3)² = 10, Σ(ry − 3)² = 9.5, ρ = 8 / √95 = 0.8208.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`spearman: x and y differ in length (${n} vs ${y.length})`);
  if (n < 2) return Number.NaN;
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i]) || Number.isNaN(y[i])) return Number.NaN;
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const mean = (n + 1) / 2; // the mean of ranks 1…n, ties or not
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - mean;
    const dy = ry[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}
