/**
 * Who stands between the others in a selection's tie network (part of the network family,
 * src/measures/network.ts): betweenness centrality, exact or sampled within the work budget, and
 * the Gould–Fernandez brokerage roles of the focus organisations against a permutation null model,
 * with the top gatekeepers between the region and the outside.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { type BetweennessPlan, estimateBetweenness } from '../graph/betweenness.ts';
import { BROKERAGE_ROLES, type BrokerageRoles } from '../graph/brokerage.ts';
import type { BrokerageZ } from '../graph/brokerage-z.ts';
import {
  type BrokerageJob,
  type Pending,
  startBrokerageRoles,
  startBrokerageZScores,
} from '../graph/null-model-thread.ts';
import { mulberry32 } from '../graph/rng.ts';
import type { Cell } from './common.ts';
import type { SelectedNetwork } from './network-graph.ts';
import type { NetworkRun } from './network-report.ts';

/**
 * Betweenness centrality (Freeman 1977) normalised by the (n−1)(n−2)/2 pairs: exact (Brandes 2001)
 * when the plan says so (n·m within betweennessBudget), else estimated from the plan's random pivot
 * sources (Brandes & Pich 2007; drawn from mulberry32(pivotSeed)) with per-organisation standard
 * errors. Lists the top organisations; the indicator is the centralization Σ_i (c_max − c_i)/(n − 1)
 * (1 for a star, 0 when all are equal). Cost O(n m) exact, O(k m) with k pivots.
 */
export function betweennessTable(run: NetworkRun, plan: BetweennessPlan, pivotSeed: number): void {
  const { net, n, m, degree, opts, report, stage, id, name, kind } = run;
  const { csr, inRegion } = net;
  const pivots = plan.pivots;
  if (n < 3) {
    const reason = 'betweenness needs at least 3 organisations';
    report.missing('betweenness', reason);
    report.indicator('network.betweennessCentralization', null, reason);
  } else {
    const estimate = estimateBetweenness(csr, {
      plan,
      rng: mulberry32(pivotSeed),
      normalized: true,
      onProgress: stage(pivots),
    });
    const bc = estimate.values;
    const se = estimate.standardError;
    const note = estimate.exact
      ? `Exact (Brandes 2001) over all ${n} sources (${n} × ${m} ties within betweennessBudget ${opts.betweennessBudget}).`
      : `Estimated from ${pivots} random pivot sources (Brandes & Pich 2007): exact would cost ${n} sources × ${m} ties, over betweennessBudget ${opts.betweennessBudget}${n > opts.exactBetweennessLimit ? ` (or n = ${n} > exactBetweennessLimit ${opts.exactBetweennessLimit})` : ''}; seed ${opts.seed}. ` +
        `standardError: per-organisation standard error over the pivots; with probability ≥ ${estimate.confidence}, every estimate is within ±${estimate.bound} of the exact value (Hoeffding, union bound). ` +
        `Centralization ${estimate.centralization} ± ${estimate.centralizationError ?? 'n/a'} (standard error, jackknife over ${estimate.batches} pivot batches).`;
    const order = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => bc[b] - bc[a] || a - b)
      .slice(0, opts.top);
    const rows = order.map((i, r): Cell[] => [
      r + 1,
      id(i),
      name(i),
      kind(i),
      ...(inRegion !== null ? [inRegion[i] === 1] : []),
      degree[i],
      bc[i],
      se === null ? null : se[i],
    ]);
    report.table(
      'betweenness',
      [
        'rank',
        'organisation',
        'name',
        'kind',
        ...(inRegion !== null ? ['inRegion'] : []),
        'degree',
        'betweenness',
        'standardError',
      ],
      rows,
      [note],
    );
    report.indicator(
      'network.betweennessCentralization',
      estimate.centralization,
      undefined,
      estimate.exact ? null : estimate.centralizationError,
    );
  }
}

/**
 * Group of each node for the brokerage roles: with a region, 1 inside and 0 outside; without, the
 * organisation's NUTS-2 code (first four characters of a NUTS code of level ≥ 2), else its country,
 * else unknown (−1). Returns the labels and the number of distinct known groups.
 */
function brokerageGroups(dataset: Dataset, net: SelectedNetwork): { group: Int32Array; groups: number } {
  const k = net.csr.n;
  if (net.inRegion !== null) {
    let inside = 0;
    for (let i = 0; i < k; i++) inside += net.inRegion[i];
    return {
      group: Int32Array.from(net.inRegion),
      groups: (inside > 0 ? 1 : 0) + (inside < k ? 1 : 0),
    };
  }
  const o = dataset.organisations;
  const codes = new Map<string, number>();
  const group = new Int32Array(k).fill(-1);
  for (let i = 0; i < k; i++) {
    const u = net.org[i];
    const nuts = o.nuts[u];
    const country = o.country[u];
    let key: string | null = null;
    if (nuts !== null && nuts.length >= 4) key = `nuts2:${nuts.slice(0, 4).toUpperCase()}`;
    else if (country !== null && country !== '') key = `country:${country.toUpperCase()}`;
    if (key === null) continue;
    let c = codes.get(key);
    if (c === undefined) codes.set(key, (c = codes.size));
    group[i] = c;
  }
  return { group, groups: codes.size };
}

/** The groups of the brokerage roles and the focus organisations whose roles are counted. */
export interface BrokerageGrouping {
  /** Group of each node, −1 when unknown. */
  group: Int32Array;
  /** Distinct known groups. */
  groups: number;
  /** 1 for the focus organisations: the region's members with a region, else every node of a known group. */
  focus: Uint8Array;
}

/** brokerageGroups, and the focus organisations (see BrokerageGrouping). */
export function brokerageGrouping(dataset: Dataset, net: SelectedNetwork): BrokerageGrouping {
  const { group, groups } = brokerageGroups(dataset, net);
  const focus = net.inRegion !== null ? net.inRegion : Uint8Array.from(group, (g) => (g >= 0 ? 1 : 0));
  return { group, groups, focus };
}

/** The brokerage jobs network.ts started on worker threads, taken here. */
export interface BrokerageJobs {
  /** The observed role counts, started when there is no null model (permutations < 2). */
  roles: Pending<BrokerageRoles> | null;
  /** Counts and z-scores under the permutation null model, started when permutations ≥ 2. */
  zScores: Pending<BrokerageZ> | null;
  /** The z-scores job, run here if it was not started. */
  job: BrokerageJob;
}

/**
 * Gould & Fernandez (1989) brokerage of the focus organisations: ordered open two-paths a → b → c
 * of the symmetrised network per role (coordinator, itinerant, representative, gatekeeper,
 * liaison) by the groups of a, b and c; with permutations ≥ 2, z = (observed − mean_null) / sd_null
 * under shuffles of the group labels (group sizes kept), with the Monte Carlo standard error of z.
 * Indicators: gatekeepingZ, the z-score of the focus organisations' total gatekeeper count, and
 * gatekeepers, the focus organisations whose own gatekeeper z-score is ≥ 1.96. Cost O(m^1.5) per
 * permutation.
 */
export function brokerageTables(run: NetworkRun, grouping: BrokerageGrouping, jobs: BrokerageJobs): void {
  const { net, n, opts, nullModelsSkipped, report, stage, id, name, kind } = run;
  const { csr, inRegion } = net;
  const { group, groups, focus } = grouping;
  if (groups < 2) {
    const reason =
      inRegion !== null
        ? `every organisation of the graph is ${net.partners === 0 ? 'inside' : 'outside'} the region`
        : groups === 0
          ? 'no organisation has a known NUTS code or country'
          : 'every organisation with a known location is in the same NUTS-2 region or country';
    report.missing('brokerage', reason);
    report.missing('gatekeepers', reason);
    report.indicator('network.gatekeepingZ', null, reason);
    report.indicator('network.gatekeepers', null, reason);
  } else {
    let observed: BrokerageRoles;
    let z: BrokerageRoles | null = null;
    let totals: Record<
      string,
      { observed: number; mean: number | null; sd: number | null; z: number | null; zError: number | null }
    >;
    if (opts.permutations >= 2) {
      const bz = (jobs.zScores ?? startBrokerageZScores(csr, jobs.job)).take(stage(opts.permutations)).value;
      observed = bz.observed;
      z = bz.z;
      totals = {};
      for (const role of BROKERAGE_ROLES) {
        const t = bz.totals[role];
        totals[role] = {
          observed: t.observed,
          mean: t.mean,
          sd: t.sd,
          z: Number.isNaN(t.z) ? null : t.z,
          zError: Number.isNaN(t.zError) ? null : t.zError,
        };
      }
    } else {
      observed = (jobs.roles ?? startBrokerageRoles(csr, group)).take().value;
      totals = {};
      for (const role of BROKERAGE_ROLES) {
        let sum = 0;
        for (let i = 0; i < n; i++) if (focus[i]) sum += observed[role][i];
        totals[role] = { observed: sum, mean: null, sd: null, z: null, zError: null };
      }
    }
    const groupNote =
      inRegion !== null
        ? 'Groups: inside vs outside the region; counts summed over the region members.'
        : 'Groups: NUTS-2 code (else country) of each organisation; organisations without either are left out of every two-path.';
    const nullNote =
      opts.permutations >= 2
        ? `Null model: ${opts.permutations} random permutations of the group labels over the organisations (group sizes kept), seed ${opts.seed}; z = (observed − expected) / sd; zError = Monte Carlo standard error of z from the permutations (√((1 + γz + (κ − 1)z²/4)/R), γ and κ the skewness and kurtosis of the null counts).`
        : `No null model (${nullModelsSkipped ?? 'permutations = 0'}).`;
    const countNote =
      'Counts are ordered two-paths a → b → c (a → c absent) of the symmetrised network, as Gould & Fernandez define them for directed ties: each open pair {a, c} around b is two paths — 2 coordinator, 2 itinerant or 2 liaison paths, or 1 gatekeeper path (into b’s group) and 1 representative path (out of it).';
    report.table(
      'brokerage',
      ['role', 'observed', 'expected', 'sd', 'z', 'zError'],
      BROKERAGE_ROLES.map((role) => [
        role,
        totals[role].observed,
        totals[role].mean,
        totals[role].sd,
        totals[role].z,
        totals[role].zError,
      ]),
      [groupNote, nullNote, countNote],
    );
    const gz = totals.gatekeeper.z;
    report.indicator(
      'network.gatekeepingZ',
      gz,
      opts.permutations < 2
        ? `no null model (${nullModelsSkipped ?? 'permutations = 0'})`
        : 'no variation under the null model',
      totals.gatekeeper.zError,
    );

    const candidates: number[] = [];
    for (let i = 0; i < n; i++) if (focus[i] && observed.gatekeeper[i] > 0) candidates.push(i);
    candidates.sort((a, b) => observed.gatekeeper[b] - observed.gatekeeper[a] || a - b);
    let significant = 0;
    if (z !== null) for (let i = 0; i < n; i++) if (focus[i] && z.gatekeeper[i] >= 1.96) significant++;
    report.indicator(
      'network.gatekeepers',
      z === null ? null : significant,
      `no null model (${nullModelsSkipped ?? 'permutations = 0'})`,
    );
    if (candidates.length === 0) {
      report.missing(
        'gatekeepers',
        'no organisation of the selection brokers an open two-path across groups',
      );
    } else {
      const zOf = (i: number): number | null =>
        z === null || Number.isNaN(z.gatekeeper[i]) ? null : z.gatekeeper[i];
      report.table(
        'gatekeepers',
        [
          'rank',
          'organisation',
          'name',
          'kind',
          'gatekeeper',
          'gatekeeperZ',
          'representative',
          'coordinator',
          'itinerant',
          'liaison',
        ],
        candidates
          .slice(0, opts.top)
          .map((i, r) => [
            r + 1,
            id(i),
            name(i),
            kind(i),
            observed.gatekeeper[i],
            zOf(i),
            observed.representative[i],
            observed.coordinator[i],
            observed.itinerant[i],
            observed.liaison[i],
          ]),
        [
          `${candidates.length} organisations broker at least one open two-path into their group; ${z === null ? 'z-scores need permutations ≥ 2' : `${significant} have a gatekeeper z-score ≥ 1.96`}.`,
        ],
      );
    }
  }
}
