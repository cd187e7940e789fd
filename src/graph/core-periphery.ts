/**
 * Discrete core–periphery model (Borgatti & Everett, "Models of core/periphery structures", Social
 * Networks 21, 1999) on an undirected simple CSR graph (weights ignored).
 */

import type { Csr } from './csr.ts';
import { coreNumbers } from './kcore.ts';

/**
 * Which ideal pattern the adjacency matrix is correlated with. Both have core–core = 1 and
 * periphery–periphery = 0; they differ in the core–periphery block:
 *  - 'ignore' (default): core–periphery pairs are left out of the correlation, Borgatti & Everett's
 *    variant that asks only for a dense core and a sparse periphery, whatever ties them together;
 *  - 'one': core–periphery pairs are ideally tied (pattern 1), so every periphery node should be tied
 *    to every core node.
 */
export type CorePeripheryVariant = 'ignore' | 'one';

export interface CorePeripheryOptions {
  variant?: CorePeripheryVariant;
  /** Most local-search passes over the nodes (default 100). */
  maxPasses?: number;
}

export interface CorePeripheryFit {
  /** 1 for core members, 0 for the periphery. */
  core: Uint8Array;
  coreSize: number;
  /** Pearson correlation between the adjacency matrix and the ideal pattern (NaN when undefined). */
  fit: number;
  /** Density of ties among core members, and among periphery members (NaN below two members). */
  coreDensity: number;
  peripheryDensity: number;
  variant: CorePeripheryVariant;
}

/** Ties inside the core and inside the periphery, core size, total ties and node count. */
interface BlockCounts {
  n: number;
  m: number;
  c: number;
  ecc: number;
  epp: number;
}

const pairs = (k: number): number => (k * (k - 1)) / 2;

/**
 * Pearson correlation over node pairs {i, j} between a_ij (tied or not) and the ideal δ_ij, which for
 * two 0/1 vectors is the phi coefficient (N·x11 − x1·y1) / √(x1 (N − x1) y1 (N − y1)) with N pairs
 * compared, x1 = Σ δ, y1 = Σ a and x11 = Σ a·δ. NaN when a vector is constant.
 */
function correlation(b: BlockCounts, variant: CorePeripheryVariant): number {
  const p = b.n - b.c;
  let total: number;
  let ideal: number;
  let tied: number;
  let both: number;
  if (variant === 'ignore') {
    total = pairs(b.c) + pairs(p);
    ideal = pairs(b.c);
    tied = b.ecc + b.epp;
    both = b.ecc;
  } else {
    total = pairs(b.n);
    ideal = total - pairs(p);
    tied = b.m;
    both = b.m - b.epp;
  }
  const denominator = ideal * (total - ideal) * tied * (total - tied);
  if (!(denominator > 0)) return Number.NaN;
  return (total * both - ideal * tied) / Math.sqrt(denominator);
}

/**
 * Fit of a given core set: the correlation described in corePeripheryFit. Cost O(n + m).
 * Example: the complete graph K4 on {0,1,2,3} plus a pendant 4 on node 0, core {0,1,2,3}, variant
 * 'ignore': the compared pairs are the 6 core pairs (all tied) and none in a one-node periphery, so
 * the ideal pattern is constant and the fit is NaN; with core {0,1,2} and periphery {3, 4} the
 * pairs are 3 core pairs (tied) plus the pair {3,4} (untied): a perfect fit of 1.
 */
export function corePeripheryCorrelation(
  csr: Csr,
  core: Uint8Array,
  variant: CorePeripheryVariant = 'ignore',
): number {
  return correlation(blockCounts(csr, core), variant);
}

function blockCounts(csr: Csr, core: Uint8Array): BlockCounts {
  const { n, offsets, targets } = csr;
  if (core.length !== n) throw new RangeError(`core has length ${core.length}, expected ${n}`);
  let c = 0;
  let ecc = 0;
  let epp = 0;
  for (let u = 0; u < n; u++) {
    const cu = core[u] !== 0;
    if (cu) c++;
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const v = targets[a];
      if (v <= u) continue;
      const cv = core[v] !== 0;
      if (cu && cv) ecc++;
      else if (!cu && !cv) epp++;
    }
  }
  return { n, m: targets.length / 2, c, ecc, epp };
}

/**
 * Best discrete core–periphery partition found by a k-core-seeded local search: the core C is the
 * node set maximising the Pearson correlation ρ between the adjacency matrix and the ideal pattern
 * δ_ij = 1 for i, j ∈ C, 0 for i, j ∉ C, and for the mixed pairs either left out ('ignore', the
 * default) or 1 ('one') — Borgatti & Everett 1999, discrete model. The correlation depends on the
 * partition only through |C|, the ties inside C and the ties inside the periphery, so the effect of
 * moving one node is O(1) given its number of core neighbours.
 *
 * Search: (1) seed — nodes are ordered by core number, then degree, descending (ties by id), so every
 * k-core is a prefix of the order; all prefixes are scored in one O(n + m) sweep and the best is
 * kept; (2) local search — passes over the nodes in that order flip any node between core and
 * periphery when that raises ρ (by more than 1e-12), updating the neighbours' core-neighbour counts,
 * until a pass flips nothing or maxPasses is reached. The result is a local optimum (the problem is
 * a combinatorial search; Borgatti & Everett used a genetic algorithm).
 *
 * Cost: O(n log n + m) for the seed, O(n + m) per pass. Returns fit NaN and an empty core when no
 * partition gives a defined correlation (fewer than 4 nodes, no ties, or a complete graph).
 *
 * Example: K4 on {0,1,2,3} with pendants 4, 5, 6 on node 0 ('ignore'): the core {0,1,2,3} compares
 * 6 tied core pairs with 3 untied periphery pairs → ρ = 1; so does {0,1,2} (3 tied core pairs, 6
 * untied periphery pairs among {3,4,5,6}), which the sweep meets first and returns: core {0,1,2},
 * fit 1 (a tie is not an improvement).
 */
export function corePeripheryFit(csr: Csr, options: CorePeripheryOptions = {}): CorePeripheryFit {
  const variant = options.variant ?? 'ignore';
  const maxPasses = options.maxPasses ?? 100;
  const { n, offsets, targets } = csr;
  const m = targets.length / 2;
  const core = new Uint8Array(n);

  // (1) k-core-nested order and the best prefix.
  const coreNumber = coreNumbers(csr);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const dk = coreNumber[b] - coreNumber[a];
    if (dk !== 0) return dk;
    const dd = offsets[b + 1] - offsets[b] - (offsets[a + 1] - offsets[a]);
    return dd !== 0 ? dd : a - b;
  });
  const inCore = new Uint8Array(n);
  const b: BlockCounts = { n, m, c: 0, ecc: 0, epp: m };
  let touching = 0; // ties with at least one end in the core
  let bestFit = Number.NaN;
  let bestSize = 0;
  for (let k = 0; k < n; k++) {
    const v = order[k];
    let kc = 0;
    for (let a = offsets[v]; a < offsets[v + 1]; a++) kc += inCore[targets[a]];
    inCore[v] = 1;
    b.c++;
    b.ecc += kc;
    touching += offsets[v + 1] - offsets[v] - kc;
    b.epp = m - touching;
    const r = correlation(b, variant);
    if (r > bestFit || (Number.isNaN(bestFit) && !Number.isNaN(r))) {
      bestFit = r;
      bestSize = k + 1;
    }
  }
  if (Number.isNaN(bestFit)) {
    return {
      core,
      coreSize: 0,
      fit: Number.NaN,
      coreDensity: Number.NaN,
      peripheryDensity: Number.NaN,
      variant,
    };
  }
  for (let k = 0; k < bestSize; k++) core[order[k]] = 1;

  // (2) First-improvement local search.
  const coreNeighbours = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    let kc = 0;
    for (let a = offsets[u]; a < offsets[u + 1]; a++) kc += core[targets[a]];
    coreNeighbours[u] = kc;
  }
  const state = blockCounts(csr, core);
  let fit = correlation(state, variant);
  for (let pass = 0; pass < maxPasses; pass++) {
    let flips = 0;
    for (let k = 0; k < n; k++) {
      const v = order[k];
      const kc = coreNeighbours[v];
      const kp = offsets[v + 1] - offsets[v] - kc;
      const toCore = core[v] === 0;
      const trial: BlockCounts = toCore
        ? { n, m, c: state.c + 1, ecc: state.ecc + kc, epp: state.epp - kp }
        : { n, m, c: state.c - 1, ecc: state.ecc - kc, epp: state.epp + kp };
      const r = correlation(trial, variant);
      if (!(r > fit + 1e-12)) continue;
      fit = r;
      state.c = trial.c;
      state.ecc = trial.ecc;
      state.epp = trial.epp;
      core[v] = toCore ? 1 : 0;
      const step = toCore ? 1 : -1;
      for (let a = offsets[v]; a < offsets[v + 1]; a++) coreNeighbours[targets[a]] += step;
      flips++;
    }
    if (flips === 0) break;
  }
  const p = n - state.c;
  return {
    core,
    coreSize: state.c,
    fit,
    coreDensity: state.c >= 2 ? state.ecc / pairs(state.c) : Number.NaN,
    peripheryDensity: p >= 2 ? state.epp / pairs(p) : Number.NaN,
    variant,
  };
}
