/**
 * Network summary: the headline figures of a cluster's tie network (stored ties plus
 * co-participation ties), treated as an undirected simple graph.
 *
 * - density = 2m / (n(n−1))
 * - transitivity (global clustering) = 3 × triangles / connected triples = Σ tᵢ / Σ dᵢ(dᵢ−1)/2
 * - averageClustering = (1/n) Σ Cᵢ with Cᵢ = 2tᵢ / (dᵢ(dᵢ−1)), and Cᵢ = 0 when dᵢ < 2
 *   (the NetworkX convention; Watts & Strogatz 1998)
 * - meanDegree = 2m / n
 * - edgesByKindPair: edges counted by the sorted pair of their ends' organisation kinds.
 *
 * Cost: O(m) plus triangle counting, O(m^1.5) at worst.
 * Example: a triangle a–b–c with a pendant d on c: n 4, m 4, triangles 1, triples 1+1+3 = 5,
 * transitivity 3/5 = 0.6, averageClustering (1 + 1 + 1/3 + 0)/4 = 0.5833.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import { clusteringSummary } from '../graph/clustering.ts';
import { connectedComponents } from '../graph/components.ts';
import type { Topology } from '../graph/csr.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';

export interface NetworkSummary {
  nodes: number;
  edges: number;
  isolates: number;
  components: number;
  largestComponent: number;
  density: number;
  triangles: number;
  transitivity: number;
  averageClustering: number;
  meanDegree: number;
  maxDegree: number;
  edgesByKindPair: Record<string, number>;
}

/** What the summary reads: the organisations' kinds and the network (a Dataset, or loadNetwork's result). */
export interface NetworkSummaryInput {
  organisations: Pick<Dataset['organisations'], 'kind'>;
  /** The tie network; weights, when present, are not read. */
  network: Topology;
}

export function networkSummary(
  dataset: NetworkSummaryInput,
  graph: Topology = dataset.network,
): NetworkSummary {
  const { n, offsets, targets } = graph;
  const edges = targets.length / 2;
  let isolates = 0;
  let maxDegree = 0;
  for (let u = 0; u < n; u++) {
    const d = offsets[u + 1] - offsets[u];
    if (d === 0) isolates++;
    if (d > maxDegree) maxDegree = d;
  }
  const comps = connectedComponents(graph);
  const clustering = clusteringSummary(graph);

  const kinds = dataset.organisations.kind;
  const k = ORGANISATION_KINDS.length + 1; // last slot: unknown kind
  const pairCounts = new Float64Array(k * k);
  for (let u = 0; u < n; u++) {
    const ku = kinds[u] === UNKNOWN_CODE ? k - 1 : kinds[u];
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      if (v <= u) continue;
      const kv = kinds[v] === UNKNOWN_CODE ? k - 1 : kinds[v];
      pairCounts[ku * k + kv]++;
    }
  }
  const name = (c: number) => (c === k - 1 ? 'unknown' : ORGANISATION_KINDS[c]);
  const byPair = new Map<string, number>();
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const count = pairCounts[a * k + b];
      if (count === 0) continue;
      const key = [name(a), name(b)].sort().join('|');
      byPair.set(key, (byPair.get(key) ?? 0) + count);
    }
  }
  const edgesByKindPair = Object.fromEntries(
    [...byPair].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])),
  );

  return {
    nodes: n,
    edges,
    isolates,
    components: comps.count,
    largestComponent: comps.largest,
    density: n < 2 ? 0 : (2 * edges) / (n * (n - 1)),
    triangles: clustering.triangles,
    transitivity: clustering.transitivity,
    averageClustering: clustering.averageClustering,
    meanDegree: n === 0 ? 0 : (2 * edges) / n,
    maxDegree,
    edgesByKindPair,
  };
}
