/**
 * Options of the network family (src/measures/network.ts): the sampling budgets (betweenness
 * pivots, random graphs, permutations), the seed every random step descends from, and the sizes
 * above which the slow steps are sampled or skipped. Defaults in NETWORK_DEFAULTS, merged and
 * range-checked once by resolveNetworkOptions.
 */
import { UsageError } from '../errors.ts';
import type { CorePeripheryVariant } from '../graph/core-periphery.ts';

/** Options of the network family (every field optional; defaults in NETWORK_DEFAULTS). */
export interface NetworkOptions {
  /** Never exact betweenness above this many nodes; below it the work decides (see planBetweenness; default 5,000). */
  exactBetweennessLimit?: number;
  /** Pivot sources for sampled betweenness (default 200). */
  betweennessSamples?: number;
  /**
   * Work cap of betweenness, in source × tie visits: exact when organisations × ties fits it, else
   * pivots = min(betweennessSamples, max(10, ⌊budget / ties⌋)), so a network of a million ties gets
   * 20 pivots (default 20,000,000).
   */
  betweennessBudget?: number;
  /** Label permutations for the brokerage null model (default 100; 0 = no z-scores). */
  permutations?: number;
  /** Seed of every random step: Louvain order, pivots, permutations, random graphs (default 1). */
  seed?: number;
  /** Degree-preserving random graphs for small-world sigma (default 10; 0 = skip sigma). */
  randomGraphs?: number;
  /** Double-edge swaps per tie for each random graph (default 10). */
  swapsPerEdge?: number;
  /** BFS sources for the average path length when the largest component is bigger (default 200). */
  pathSources?: number;
  /** Smallest largest-component size for which sigma is computed (default 10). */
  smallWorldMinNodes?: number;
  /**
   * Above this many ties the null models (random graphs for sigma, permutations for brokerage
   * z-scores) are skipped and said so: on a network of a million ties they take minutes (default 100,000).
   */
  nullModelTieLimit?: number;
  /** Louvain resolution γ (default 1). */
  resolution?: number;
  /** Organisations (and communities) listed in the top-N tables (default 10). */
  top?: number;
  /** Core–periphery pattern for the mixed block: 'ignore' (default) or 'one' (see core-periphery.ts). */
  corePeriphery?: CorePeripheryVariant;
  /** Progress of the long steps (betweenness sources, permutations, random graphs) as (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** The options with every default filled in (onProgress stays optional). */
export type ResolvedNetworkOptions = Required<Omit<NetworkOptions, 'onProgress'>> &
  Pick<NetworkOptions, 'onProgress'>;

export const NETWORK_DEFAULTS: Readonly<Required<Omit<NetworkOptions, 'onProgress'>>> = Object.freeze({
  exactBetweennessLimit: 5000,
  betweennessSamples: 200,
  betweennessBudget: 20_000_000,
  permutations: 100,
  seed: 1,
  randomGraphs: 10,
  swapsPerEdge: 10,
  pathSources: 200,
  smallWorldMinNodes: 10,
  nullModelTieLimit: 100_000,
  resolution: 1,
  top: 10,
  corePeriphery: 'ignore',
});

/** Defaults merged with the caller's options, every value range-checked (UsageError otherwise). */
export function resolveNetworkOptions(options: NetworkOptions = {}): ResolvedNetworkOptions {
  const o: ResolvedNetworkOptions = { ...NETWORK_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (o as unknown as Record<string, unknown>)[key] = value;
  }
  const integer = (name: keyof ResolvedNetworkOptions, min: number) => {
    const v = o[name] as number;
    if (!Number.isInteger(v) || v < min) {
      throw new UsageError('measures', `network option ${name} must be an integer ≥ ${min}, got ${v}`);
    }
  };
  integer('exactBetweennessLimit', 0);
  integer('betweennessSamples', 1);
  integer('betweennessBudget', 1);
  integer('permutations', 0);
  integer('nullModelTieLimit', 0);
  integer('seed', 0);
  integer('randomGraphs', 0);
  integer('pathSources', 1);
  integer('smallWorldMinNodes', 3);
  integer('top', 1);
  if (o.permutations === 1)
    throw new UsageError('measures', 'network option permutations must be 0 or ≥ 2, got 1');
  if (!(o.swapsPerEdge > 0) || !Number.isFinite(o.swapsPerEdge)) {
    throw new UsageError(
      'measures',
      `network option swapsPerEdge must be a positive number, got ${o.swapsPerEdge}`,
    );
  }
  if (!(o.resolution > 0) || !Number.isFinite(o.resolution)) {
    throw new UsageError(
      'measures',
      `network option resolution must be a positive number, got ${o.resolution}`,
    );
  }
  if (o.corePeriphery !== 'ignore' && o.corePeriphery !== 'one') {
    throw new UsageError(
      'measures',
      `network option corePeriphery must be 'ignore' or 'one', got ${o.corePeriphery}`,
    );
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new UsageError('measures', 'network option onProgress must be a function');
  }
  return o;
}
