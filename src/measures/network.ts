/**
 * Network structure of a cluster: how dense and cohesive its tie network is (density, components,
 * degrees, clustering, k-cores), how it divides into communities (Louvain modularity), whether it is
 * a small world (Humphries & Gurney sigma), whether it has a core and a periphery (Borgatti &
 * Everett), who lies between the others (betweenness) and who brokers between the region and the
 * outside (Gould & Fernandez gatekeepers) — the "networking" side of the innovative milieu (Camagni
 * 1991; Keeble & Wilkinson 1999).
 *
 * The graph is the Dataset's tie network (stored ties plus co-participation ties, weights summed),
 * read as an undirected simple graph. With `selection.region` it is the subgraph induced by the
 * region's organisations PLUS their direct partners outside the region (every tie among these
 * organisations, partner–partner ties included), so that ties to the outside and gatekeeping into
 * the region are visible; every figure below is computed on that graph. The network is the
 * selection's (src/measures/selection.ts): with `selection.years`, stored ties and projects whose
 * [start, end] overlaps the range (an unknown start or end leaves that side open); with
 * `maxProjectSize`, larger projects left out; with `weighting: 'fractional'`, co-participation
 * weighted 1/(n−1) per project (only weighted steps — Louvain — see weights; degrees, k-cores and
 * the rest count ties). The overview table's note says which. See docs/measures/network.md.
 *
 * This file holds the family's entry point: it schedules the steps (which go to worker threads,
 * and where their results are taken) and draws the seeds and the progress. The parts beside it:
 * network-options.ts (options and defaults), network-graph.ts (the graph of a selection),
 * network-report.ts (tables, indicators and what the parts share), network-cohesion.ts (overview,
 * degrees, clustering, k-cores), network-mesoscale.ts (communities, core–periphery),
 * network-brokerage.ts (betweenness, brokerage, gatekeepers), network-small-world.ts (sigma).
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import { planBetweenness } from '../graph/betweenness.ts';
import { clusteringSummary } from '../graph/clustering.ts';
import {
  startBrokerageRoles,
  startBrokerageZScores,
  startClusteringSummary,
  startSmallWorldSigma,
} from '../graph/null-model-thread.ts';
import { splitmix32 } from '../graph/rng.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';
import { checkSelection, type FamilyReport, type Selection } from './common.ts';
import { betweennessTable, brokerageGrouping, brokerageTables } from './network-brokerage.ts';
import { clusteringTable, kCoresTable, overviewTables } from './network-cohesion.ts';
import { selectNetwork } from './network-graph.ts';
import { mesoscaleTables } from './network-mesoscale.ts';
import { type NetworkOptions, resolveNetworkOptions } from './network-options.ts';
import { type NetworkRun, networkReport } from './network-report.ts';
import { smallWorldTable } from './network-small-world.ts';

export { type SelectedNetwork, selectNetwork } from './network-graph.ts';
export { NETWORK_DEFAULTS, type NetworkOptions, resolveNetworkOptions } from './network-options.ts';

/**
 * The network-structure family: overview, degree distribution, clustering, k-cores, Louvain
 * communities, small-world sigma, core–periphery fit, betweenness and Gould–Fernandez brokerage
 * (gatekeepers) of a selection's tie network (see the module comment for which graph that is).
 *
 * Formulas (m ties, n organisations):
 *  - density = 2m / (n(n−1)); meanDegree = 2m/n; largestComponentShare = largest component / n
 *  - transitivity = 3T / connected triples; averageClustering = (1/n) Σ C_i (networkx conventions)
 *  - degeneracy = the largest k with a non-empty k-core (Batagelj & Zaversnik 2003)
 *  - modularity Q = Σ_c [L_c/m − γ (d_c/2m)²] of the Louvain partition (Blondel et al. 2008);
 *    communities = number of Louvain communities with at least 2 organisations
 *  - smallWorldSigma = (C/C_r)/(L/L_r), C transitivity, L mean shortest path in the largest
 *    component, C_r and L_r means over `randomGraphs` double-edge-swap randomisations
 *  - corePeripheryFit = Pearson correlation between adjacency and the ideal pattern (core–core 1,
 *    periphery–periphery 0, core–periphery ignored by default) for the best core found
 *  - betweennessCentralization = Σ_i (c_max − c_i) / (n − 1) over normalised betweenness c_i
 *    (Freeman 1977; 1 for a star, 0 when all are equal); exact when n·m ≤ betweennessBudget
 *  - brokerage: Gould & Fernandez (1989) roles of each focus organisation (the region's members
 *    with a region, else every organisation with a known group); groups = inside/outside the region,
 *    or NUTS-2 code (else country) without one; gatekeepingZ = (G − mean_null) / sd_null for the
 *    total gatekeeper count G of the focus organisations under `permutations` shuffles of the group
 *    labels; gatekeepers = focus organisations whose own gatekeeper z-score is ≥ 1.96.
 *
 * Cost: O(n m) for exact betweenness (O(k m) sampled), O(m^1.5) per brokerage permutation,
 * randomGraphs × (swapsPerEdge·m swaps + triangle count + pathSources BFS), O(m) per Louvain sweep.
 * On the whole H2020 network (35,871 organisations, 796,670 ties) the defaults take about 6 minutes
 * on 2 shared cores, mostly the ten random graphs (8 million swaps each) and 100 permutations.
 *
 * Example: a region {a, b, c} with a–b, b–c, a–c and a partner x outside tied to a: the graph has
 * n = 4, m = 4, density 4/6 = 0.667, transitivity 3·1/5 = 0.6; a's only open two-path is x–a–b (and
 * x–a–c), each with one end (b or c) in a's group, so a counts 2 gatekeeper paths.
 */
export function network(
  dataset: Dataset,
  selection: Selection = {},
  options: NetworkOptions = {},
): FamilyReport {
  let opts = resolveNetworkOptions(options);
  const sel = checkSelection(selection);
  const net = selectNetwork(dataset, selection);
  const { csr, org } = net;
  const n = csr.n;
  const m = csr.offsets[n] / 2;
  const nullModelsSkipped =
    m > opts.nullModelTieLimit && (opts.randomGraphs > 0 || opts.permutations > 0)
      ? `skipped: ${m} ties, more than nullModelTieLimit ${opts.nullModelTieLimit} (the null models would take minutes; raise the limit to compute them)`
      : null;
  if (nullModelsSkipped) opts = { ...opts, randomGraphs: 0, permutations: 0 };
  const report = networkReport();
  if (n === 0 || net.members === 0) {
    report.missingRest(`${net.where} has no organisations`);
    return report.build();
  }

  // Progress over the long steps: betweenness sources, permutations, random graphs.
  const bcPlan = planBetweenness(n, m, {
    budget: opts.betweennessBudget,
    samples: opts.betweennessSamples,
    exactLimit: opts.exactBetweennessLimit,
  });
  const totalWork =
    (m > 0 && n >= 3 ? bcPlan.pivots : 0) + (m > 0 ? opts.permutations : 0) + (m > 0 ? opts.randomGraphs : 0);
  let workDone = 0;
  let reported = 0;
  const progress = (done: number) => {
    reported = done;
    opts.onProgress?.(done, totalWork);
  };
  /** Reserve `units` of the total for one step; its callback reports (units done in the step). */
  const stage = (units: number) => {
    const base = workDone;
    workDone += units;
    return opts.onProgress === undefined ? undefined : (done: number) => progress(base + done);
  };
  /** Steps skipped on the way still count as done when the family finishes. */
  const finish = (): FamilyReport => {
    if (totalWork > 0 && reported < totalWork) progress(totalWork);
    return report.build();
  };
  const seeds = splitmix32(opts.seed);
  const childSeed = () => Math.floor(seeds() * 4294967296);
  const louvainSeed = childSeed();
  const pivotSeed = childSeed();
  const permutationSeed = childSeed();
  const randomGraphSeed = childSeed();

  const o = dataset.organisations;
  const name = (i: number): string => o.name[org[i]] ?? o.id[org[i]];
  const kind = (i: number): string | null =>
    o.kind[org[i]] === UNKNOWN_CODE ? null : ORGANISATION_KINDS[o.kind[org[i]]];
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) degree[i] = csr.offsets[i + 1] - csr.offsets[i];
  const run: NetworkRun = {
    dataset,
    selection,
    checked: sel,
    net,
    n,
    m,
    degree,
    opts,
    nullModelsSkipped,
    report,
    stage,
    id: (i) => o.id[org[i]],
    name,
    kind,
  };

  const comps = overviewTables(run);
  if (m === 0) {
    const years = selection.years ? ` in ${selection.years.join('–')}` : '';
    report.missingRest(`no ties among the organisations of ${net.where}${years}`);
    return report.build();
  }

  // Without a null model (more ties than nullModelTieLimit) the observed brokerage counts are the
  // family's largest single step: a worker counts them while this thread does the rest.
  const grouping = brokerageGrouping(dataset, net);
  const { group, groups, focus } = grouping;
  const roles = groups >= 2 && opts.permutations < 2 ? startBrokerageRoles(csr, group) : null;

  // Clustering: here when sigma's random graphs need its triangle count to start, else on a worker
  // beside the steps below and taken after betweenness.
  const sigmaWanted = opts.randomGraphs > 0 && comps.largest >= opts.smallWorldMinNodes;
  const clusteringLater = sigmaWanted ? null : startClusteringSummary(csr);
  const cs = clusteringLater === null ? clusteringSummary(csr) : null;
  if (cs !== null) clusteringTable(run, cs);

  // The null models — sigma's random graphs and the brokerage permutations — run on worker threads
  // (when worth one) while this thread computes the other figures; their results, taken where they
  // are reported, are the same as calls here (null-model-thread.ts).
  const smallWorldJob = {
    seed: randomGraphSeed,
    randomGraphs: opts.randomGraphs,
    swapsPerEdge: opts.swapsPerEdge,
    pathSources: opts.pathSources,
    // the transitivity counted above, so the worker does not count the triangles again
    ...(cs === null ? {} : { observedClustering: cs.transitivity }),
  };
  const smallWorld =
    sigmaWanted && cs !== null && cs.triangles > 0 ? startSmallWorldSigma(csr, smallWorldJob) : null;
  const brokerageJob = { seed: permutationSeed, permutations: opts.permutations, group, focus };
  const brokerage = groups >= 2 && opts.permutations >= 2 ? startBrokerageZScores(csr, brokerageJob) : null;

  // The figures of the observed graph, on this thread meanwhile.
  kCoresTable(run);
  mesoscaleTables(run, louvainSeed);
  betweennessTable(run, bcPlan, pivotSeed);
  if (clusteringLater !== null) clusteringTable(run, clusteringLater.take().value);
  // The null models taken: brokerage (its permutations started with the random graphs, above),
  // then small-world sigma.
  brokerageTables(run, grouping, { roles, zScores: brokerage, job: brokerageJob });
  smallWorldTable(run, {
    largestComponent: comps.largest,
    clustering: cs,
    sigma: smallWorld,
    job: smallWorldJob,
  });
  return finish();
}
