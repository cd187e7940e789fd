/**
 * A region's tie network as the dashboard draws it: the region's organisations and their partners
 * (nodes with kind, NUTS-2 region, locality, local or not) and the ties touching a member (edges
 * with kinds, weight, first and last year, local when both ends are members). A network with more
 * ties than `maxEdges` is aggregated — NUTS-2 regions (else countries), or Louvain communities, as
 * nodes, summed weights as edges — so the browser never draws hundreds of thousands of edges.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { BROKERAGE_ROLES, brokerageRoles } from '../graph/brokerage.ts';
import { buildUndirectedCsr, type Csr } from '../graph/csr.ts';
import { louvain } from '../graph/louvain.ts';
import { mulberry32 } from '../graph/rng.ts';
import type { Selection } from '../measures/common.ts';
import { networkIn, regionMask } from '../measures/selection.ts';
import { collectTies } from '../measures/tie-list.ts';
import { ORGANISATION_KINDS, TIE_KINDS } from '../model/index.ts';

export interface NetworkNode {
  id: string;
  name: string | null;
  kind: string;
  /** NUTS-2 code, else the country, else null. */
  region: string | null;
  locality: string | null;
  /** A member of the selected region (else a partner elsewhere). */
  local: boolean;
  degree: number;
  /** Gould–Fernandez role with the most brokered two-paths (inside vs outside groups), or null. */
  role: string | null;
}

export interface NetworkEdge {
  source: number;
  target: number;
  kinds: string[];
  weight: number;
  from: number | null;
  to: number | null;
  /** Both ends members of the region. */
  local: boolean;
}

export interface AggregateNode {
  /** The NUTS-2 code (else country, `?` unknown), or `C1`, `C2`, … for communities, largest first. */
  id: string;
  organisations: number;
  /** Organisations of the selected region among them (the whole network: ties inside the node). */
  local: number;
  /** Communities only: the name (else id) of the member with the most partners. */
  hub?: string;
}

/** What aggregated nodes stand for: NUTS-2 regions (else countries) or Louvain communities. */
export type Grouping = { by: 'nuts2' } | { by: 'communities'; seed: number };

export interface RegionNetwork {
  region: string;
  aggregated: false;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface AggregatedNetwork {
  region: string;
  aggregated: true;
  by: Grouping['by'];
  /** Why and how: organisations and ties before aggregation. */
  organisations: number;
  ties: number;
  nodes: AggregateNode[];
  edges: { source: number; target: number; weight: number; ties: number; local: boolean }[];
}

/** The NUTS-2 code of an organisation, else its country, else null. */
export function areaOf(dataset: Dataset, u: number): string | null {
  const o = dataset.organisations;
  const nuts = o.nuts[u];
  if (nuts !== null && nuts.length >= 4) return nuts.slice(0, 4).toUpperCase();
  const country = o.country[u];
  return country !== null && country !== '' ? country.toUpperCase() : null;
}

/** Weight of {u, v} in a CSR (binary search in u's sorted row), 0 when absent. */
function weightOf(csr: Csr, u: number, v: number): number {
  let lo = csr.offsets[u];
  let hi = csr.offsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = csr.targets[mid];
    if (t === v) return csr.weights[mid];
    if (t < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

interface PairAcc {
  u: number;
  v: number;
  kinds: number;
  from: number;
  to: number;
}

/**
 * The network of a region under a selection (years, project-size cap, weighting). Edges come from
 * the dated tie list (kinds and years) and take their weight from the selection's network
 * (`networkIn`), so they agree with the measures.
 */
export function regionNetwork(
  dataset: Dataset,
  region: string,
  selection: Omit<Selection, 'region'>,
  maxEdges: number,
  grouping: Grouping = { by: 'nuts2' },
): RegionNetwork | AggregatedNetwork {
  const members = regionMask(dataset, region);
  const list = collectTies(dataset, selection);
  const csr = networkIn(dataset, selection);
  const pairs = new Map<number, PairAcc>();
  const n = dataset.organisations.count;
  for (let k = 0; k < list.count; k++) {
    let u = list.source[k];
    let v = list.target[k];
    if (!members[u] && !members[v]) continue;
    if (u > v) [u, v] = [v, u];
    const key = u * n + v;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { u, v, kinds: 0, from: Number.NaN, to: Number.NaN }));
    if (list.kind[k] < TIE_KINDS.length) p.kinds |= 1 << list.kind[k];
    const s = list.start[k];
    const e = list.end[k];
    if (!Number.isNaN(s) && !(s >= p.from)) p.from = s;
    if (!Number.isNaN(e) && !(e <= p.to)) p.to = e;
  }
  // nodes: every member plus every partner of a member
  const index = new Int32Array(n).fill(-1);
  const org: number[] = [];
  const add = (u: number) => {
    if (index[u] < 0) {
      index[u] = org.length;
      org.push(u);
    }
  };
  for (let u = 0; u < n; u++) if (members[u]) add(u);
  for (const p of pairs.values()) {
    add(p.u);
    add(p.v);
  }
  if (pairs.size > maxEdges) return aggregate(dataset, region, members, org, index, pairs, csr, grouping);

  const edges: NetworkEdge[] = [];
  const s = new Int32Array(pairs.size);
  const t = new Int32Array(pairs.size);
  let e = 0;
  for (const p of pairs.values()) {
    const source = index[p.u];
    const target = index[p.v];
    s[e] = source;
    t[e++] = target;
    edges.push({
      source,
      target,
      kinds: TIE_KINDS.filter((_, i) => p.kinds & (1 << i)),
      weight: weightOf(csr, p.u, p.v) || 1,
      from: Number.isNaN(p.from) ? null : p.from,
      to: Number.isNaN(p.to) ? null : p.to,
      local: members[p.u] === 1 && members[p.v] === 1,
    });
  }
  const sub = buildUndirectedCsr(org.length, s, t);
  const group = Int32Array.from(org, (u) => members[u]);
  const roles = brokerageRoles(sub, group);
  const o = dataset.organisations;
  const nodes: NetworkNode[] = org.map((u, i) => {
    let role: string | null = null;
    let best = 0;
    for (const r of BROKERAGE_ROLES) {
      if (roles[r][i] > best) {
        best = roles[r][i];
        role = r;
      }
    }
    return {
      id: o.id[u],
      name: o.name[u],
      kind: ORGANISATION_KINDS[o.kind[u]] ?? 'other',
      region: areaOf(dataset, u),
      locality: o.locality[u],
      local: members[u] === 1,
      degree: sub.offsets[i + 1] - sub.offsets[i],
      role,
    };
  });
  return { region, aggregated: false, nodes, edges };
}

/**
 * The aggregate nodes and each organisation's node. `org` lists the organisations (dataset
 * indices); `sub` is the network among them (row i is org[i]). NUTS-2: areaOf, nodes in order of
 * first appearance. Communities: Louvain (Blondel et al. 2008, src/graph/louvain.ts) on `sub`, its
 * visiting order drawn from mulberry32(seed), so the same seed gives the same communities; they are
 * numbered C1, C2, … by size, largest first (equal sizes: the one with the earliest member first),
 * and named by their member with the most partners. An organisation without ties is a community
 * of its own.
 */
function groupOrganisations(
  dataset: Dataset,
  org: ArrayLike<number>,
  sub: Csr,
  grouping: Grouping,
): { group: Int32Array; nodes: AggregateNode[] } {
  const group = new Int32Array(org.length);
  const nodes: AggregateNode[] = [];
  if (grouping.by === 'nuts2') {
    const areaIndex = new Map<string, number>();
    for (let i = 0; i < org.length; i++) {
      const id = areaOf(dataset, org[i]) ?? '?';
      let a = areaIndex.get(id);
      if (a === undefined) {
        areaIndex.set(id, (a = nodes.length));
        nodes.push({ id, organisations: 0, local: 0 });
      }
      group[i] = a;
    }
    return { group, nodes };
  }
  const { communities, count } = louvain(sub, { rng: mulberry32(grouping.seed) });
  const size = new Int32Array(count);
  for (let i = 0; i < org.length; i++) size[communities[i]]++;
  // Louvain numbers communities by their smallest member, so ties in size keep that order
  const order = Array.from({ length: count }, (_, c) => c).sort((a, b) => size[b] - size[a] || a - b);
  const rank = new Int32Array(count);
  for (const [r, c] of order.entries()) rank[c] = r;
  const hub = new Int32Array(count).fill(-1);
  const degree = (i: number) => sub.offsets[i + 1] - sub.offsets[i];
  for (let i = 0; i < org.length; i++) {
    const r = rank[communities[i]];
    group[i] = r;
    if (hub[r] < 0 || degree(i) > degree(hub[r])) hub[r] = i;
  }
  const o = dataset.organisations;
  for (let r = 0; r < count; r++) {
    const u = org[hub[r]];
    nodes.push({ id: `C${r + 1}`, organisations: 0, local: 0, hub: o.name[u] ?? o.id[u] });
  }
  return { group, nodes };
}

type AggregateEdge = AggregatedNetwork['edges'][number];

/** The region's organisations and partners grouped (NUTS-2 or communities), ties summed between groups. */
function aggregate(
  dataset: Dataset,
  region: string,
  members: Uint8Array,
  org: number[],
  index: Int32Array,
  pairs: Map<number, PairAcc>,
  csr: Csr,
  grouping: Grouping,
): AggregatedNetwork {
  const s = new Int32Array(pairs.size);
  const t = new Int32Array(pairs.size);
  const w = new Float64Array(pairs.size);
  let e = 0;
  for (const p of pairs.values()) {
    s[e] = index[p.u];
    t[e] = index[p.v];
    w[e++] = weightOf(csr, p.u, p.v) || 1;
  }
  const sub = buildUndirectedCsr(org.length, s, t, w);
  const { group, nodes } = groupOrganisations(dataset, org, sub, grouping);
  for (const [i, u] of org.entries()) {
    nodes[group[i]].organisations++;
    if (members[u]) nodes[group[i]].local++;
  }
  const acc = new Map<number, AggregateEdge>();
  const m = nodes.length;
  e = 0;
  for (const p of pairs.values()) {
    let a = group[index[p.u]];
    let b = group[index[p.v]];
    if (a > b) [a, b] = [b, a];
    const key = a * m + b;
    let x = acc.get(key);
    if (!x) acc.set(key, (x = { source: a, target: b, weight: 0, ties: 0, local: true }));
    x.weight += w[e++];
    x.ties++;
    if (!(members[p.u] && members[p.v])) x.local = false;
  }
  return {
    region,
    aggregated: true,
    by: grouping.by,
    organisations: org.length,
    ties: pairs.size,
    nodes,
    edges: [...acc.values()],
  };
}

/**
 * The whole tie network of a selection aggregated to NUTS-2 regions (else countries; `?` when
 * unknown) or to Louvain communities: the view of a large dataset (the full H2020 network: 36,000
 * organisations, 800,000 ties) that a browser can draw. One pass over the CSR after the grouping,
 * O(n + m). A node's `local` counts the ties inside it; edges join two groups, weights summed.
 */
export function aggregatedNetwork(
  dataset: Dataset,
  selection: Omit<Selection, 'region'>,
  grouping: Grouping = { by: 'nuts2' },
): AggregatedNetwork {
  const csr = networkIn(dataset, selection);
  const n = dataset.organisations.count;
  const everyone = new Int32Array(n);
  for (let u = 0; u < n; u++) everyone[u] = u;
  const { group, nodes } = groupOrganisations(dataset, everyone, csr, grouping);
  for (let u = 0; u < n; u++) nodes[group[u]].organisations++;
  const m = nodes.length;
  const acc = new Map<number, AggregateEdge>();
  let ties = 0;
  for (let u = 0; u < n; u++) {
    for (let k = csr.offsets[u]; k < csr.offsets[u + 1]; k++) {
      const v = csr.targets[k];
      if (v <= u) continue;
      ties++;
      let a = group[u];
      let b = group[v];
      if (a === b) {
        nodes[a].local++;
        continue;
      }
      if (a > b) [a, b] = [b, a];
      const key = a * m + b;
      let x = acc.get(key);
      if (!x) acc.set(key, (x = { source: a, target: b, weight: 0, ties: 0, local: false }));
      x.weight += csr.weights[k];
      x.ties++;
    }
  }
  return {
    region: '*',
    aggregated: true,
    by: grouping.by,
    organisations: n,
    ties,
    nodes,
    edges: [...acc.values()],
  };
}
