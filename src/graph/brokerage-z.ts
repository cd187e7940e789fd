/**
 * z-scores of Gould–Fernandez brokerage role counts (brokerage.ts) against a label-permutation
 * null, with the Monte Carlo standard error of each role total's z.
 */

import {
  BROKERAGE_ROLES,
  type BrokerageRole,
  type BrokerageRoles,
  checkGroups,
  countRoles,
  emptyRoles,
  workspace,
} from './brokerage.ts';
import { storeTriangles } from './brokerage-triangles.ts';
import type { Csr } from './csr.ts';
import { type Rng, shuffle } from './rng.ts';

export interface BrokerageZOptions {
  /** Number of random relabellings (≥ 2). */
  permutations: number;
  /** Source of randomness for the shuffles. */
  rng: Rng;
  /** Nodes whose roles are summed into `totals` (default: every node with a known group). */
  focus?: Uint8Array;
  /** Called after each permutation with (permutations done, permutations in total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Store the triangles once (8 bytes each) when there are at most this many, so that each
   * permutation is one O(T) pass instead of a new listing (default 2^24 ≈ 16.8 million, 134 MB).
   */
  maxStoredTriangles?: number;
}

export interface BrokerageZ {
  /** Observed role counts (as brokerageRoles). */
  observed: BrokerageRoles;
  /** Mean count per node and role under the null. */
  mean: BrokerageRoles;
  /** Standard deviation (with n − 1) per node and role under the null. */
  sd: BrokerageRoles;
  /** z = (observed − mean) / sd per node and role; NaN where sd = 0 (no variation under the null). */
  z: BrokerageRoles;
  /**
   * Per role, the count summed over the focus nodes: observed, null mean, null sd, z (NaN if sd = 0)
   * and z's Monte Carlo standard error `zError` (see brokerageZScores; NaN where z is).
   */
  totals: Record<BrokerageRole, { observed: number; mean: number; sd: number; z: number; zError: number }>;
  permutations: number;
}

/**
 * Monte Carlo standard error of z = (x − m)/s where m and s are the mean and sample sd of the null
 * values `seen` (see brokerageZScores for the formula); NaN when z is.
 */
export function zStandardError(z: number, seen: Float64Array): number {
  const r = seen.length;
  if (!Number.isFinite(z) || r < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < r; i++) mean += seen[i];
  mean /= r;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < r; i++) {
    const d = seen[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= r;
  m3 /= r;
  m4 /= r;
  if (m2 === 0) return Number.NaN;
  const skewness = m3 / m2 ** 1.5;
  const kurtosis = m4 / (m2 * m2);
  return Math.sqrt(Math.max(0, 1 + skewness * z + ((kurtosis - 1) * z * z) / 4) / r);
}

/**
 * z-scores of brokerage role counts against a permutation null (Gould & Fernandez 1989 derive the
 * expectations analytically under random group assignment; here they are estimated by simulation):
 * the group labels of the nodes with a known group are shuffled among those nodes (Fisher–Yates,
 * so group sizes are kept and the graph is fixed), the roles recounted, and for every node and role
 *
 *   z = (observed − mean_null) / sd_null
 *
 * with the mean and the sample standard deviation (n − 1 divisor) over the permutations (Welford's
 * running update). A large positive z means the node brokers that way more than its position alone
 * would give. Also the same statistics for each role's total over the `focus` nodes, with the Monte
 * Carlo standard error of each total's z (how far it may lie from the z of infinitely many
 * permutations; delta method on z = (x − m)/s with the sample mean m and sd s of R permutations,
 * whose skewness γ and kurtosis κ are estimated from the same permutations):
 *
 *   se(z) = √( (1 + γ z + (κ − 1) z² / 4) / R )      (√((1 + z²/2)/R) for a normal null)
 *
 * Cost: two triangle listings, then O(n + m + T) per permutation for T triangles when they are
 * stored (T ≤ maxStoredTriangles; 8 bytes each), else a full listing O(m^{3/2}) per permutation;
 * O(n) memory per statistic.
 *
 * Example: the star with centre 0 and leaves 1 … 4, groups [0, 0, 0, 1, 1]: node 0 has 6 open
 * pairs (12 ordered two-paths), observed gatekeeper 2 · 2 = 4; under shuffles the centre's own group has 3 members with
 * probability 3/5 (gatekeeper 2·2 = 4) and 2 with probability 2/5 (gatekeeper 1·3 = 3), so the null
 * mean tends to 3.6 and z to a small positive value.
 */
export function brokerageZScores(csr: Csr, group: Int32Array, options: BrokerageZOptions): BrokerageZ {
  const { permutations, rng, onProgress } = options;
  if (!Number.isInteger(permutations) || permutations < 2) {
    throw new RangeError(`permutations must be an integer ≥ 2, got ${permutations}`);
  }
  const n = csr.n;
  const groups = checkGroups(csr, group);
  const ws = workspace(csr, groups);
  ws.store = storeTriangles(ws.oriented, group, ws.flag, options.maxStoredTriangles ?? 1 << 24);
  const observed = emptyRoles(n);
  countRoles(csr, group, ws, observed);
  const focus = options.focus ?? Uint8Array.from(group, (g) => (g >= 0 ? 1 : 0));
  if (focus.length !== n) throw new RangeError(`focus has length ${focus.length}, expected ${n}`);

  // Nodes with a known group and their labels, shuffled each round.
  let known = 0;
  for (let i = 0; i < n; i++) if (group[i] >= 0) known++;
  const where = new Int32Array(known);
  const labels = new Int32Array(known);
  for (let i = 0, k = 0; i < n; i++) {
    if (group[i] >= 0) {
      where[k] = i;
      labels[k++] = group[i];
    }
  }
  const permuted = Int32Array.from(group);
  const current = emptyRoles(n);
  const mean = emptyRoles(n);
  const m2 = emptyRoles(n);
  const totalMean = new Float64Array(BROKERAGE_ROLES.length);
  const totalM2 = new Float64Array(BROKERAGE_ROLES.length);
  // Each permutation's totals, role by role, for the skewness and kurtosis of zError.
  const totalsSeen = new Float64Array(BROKERAGE_ROLES.length * permutations);
  for (let p = 1; p <= permutations; p++) {
    shuffle(labels, rng);
    for (let k = 0; k < known; k++) permuted[where[k]] = labels[k];
    countRoles(csr, permuted, ws, current);
    for (let r = 0; r < BROKERAGE_ROLES.length; r++) {
      const role = BROKERAGE_ROLES[r];
      const x = current[role];
      const mu = mean[role];
      const s2 = m2[role];
      let total = 0;
      for (let i = 0; i < n; i++) {
        const value = x[i];
        const delta = value - mu[i];
        mu[i] += delta / p;
        s2[i] += delta * (value - mu[i]);
        if (focus[i] !== 0) total += value;
      }
      totalsSeen[r * permutations + p - 1] = total;
      const delta = total - totalMean[r];
      totalMean[r] += delta / p;
      totalM2[r] += delta * (total - totalMean[r]);
    }
    onProgress?.(p, permutations);
  }

  const sd = emptyRoles(n);
  const z = emptyRoles(n);
  const totals = {} as BrokerageZ['totals'];
  for (let r = 0; r < BROKERAGE_ROLES.length; r++) {
    const role = BROKERAGE_ROLES[r];
    let observedTotal = 0;
    for (let i = 0; i < n; i++) {
      const s = Math.sqrt(m2[role][i] / (permutations - 1));
      sd[role][i] = s;
      z[role][i] = s > 0 ? (observed[role][i] - mean[role][i]) / s : Number.NaN;
      if (focus[i] !== 0) observedTotal += observed[role][i];
    }
    const s = Math.sqrt(totalM2[r] / (permutations - 1));
    const zTotal = s > 0 ? (observedTotal - totalMean[r]) / s : Number.NaN;
    totals[role] = {
      observed: observedTotal,
      mean: totalMean[r],
      sd: s,
      z: zTotal,
      zError: zStandardError(zTotal, totalsSeen.subarray(r * permutations, (r + 1) * permutations)),
    };
  }
  return { observed, mean, sd, z, totals, permutations };
}
