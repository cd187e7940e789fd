/**
 * A region's tie network as the dashboard draws it: the region's organisations and their partners
 * (nodes with kind, NUTS-2 region, locality, local or not) and the ties touching a member (edges
 * with kinds, weight, first and last year, local when both ends are members). A network with more
 * ties than `maxEdges` is aggregated — NUTS-2 regions (else countries) as nodes, summed weights as
 * edges — so the browser never draws hundreds of thousands of edges.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { BROKERAGE_ROLES, brokerageRoles } from '../graph/brokerage.ts';
import { buildUndirectedCsr, type Csr } from '../graph/csr.ts';
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
  id: string;
  organisations: number;
  /** Organisations of the selected region among them. */
  local: number;
}

export interface RegionNetwork {
  region: string;
  aggregated: false;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface AggregatedNetwork {
  region: string;
  aggregated: true;
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
  if (pairs.size > maxEdges) return aggregate(dataset, region, members, org, pairs, csr);

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

/** NUTS-2 regions (else countries; `?` when unknown) as nodes, ties summed between them. */
function aggregate(
  dataset: Dataset,
  region: string,
  members: Uint8Array,
  org: number[],
  pairs: Map<number, PairAcc>,
  csr: Csr,
): AggregatedNetwork {
  const areaIndex = new Map<string, number>();
  const nodes: AggregateNode[] = [];
  const areaOfOrg = new Map<number, number>();
  for (const u of org) {
    const id = areaOf(dataset, u) ?? '?';
    let a = areaIndex.get(id);
    if (a === undefined) {
      areaIndex.set(id, (a = nodes.length));
      nodes.push({ id, organisations: 0, local: 0 });
    }
    nodes[a].organisations++;
    if (members[u]) nodes[a].local++;
    areaOfOrg.set(u, a);
  }
  const acc = new Map<
    number,
    { source: number; target: number; weight: number; ties: number; local: boolean }
  >();
  const m = nodes.length;
  for (const p of pairs.values()) {
    let a = areaOfOrg.get(p.u)!;
    let b = areaOfOrg.get(p.v)!;
    if (a > b) [a, b] = [b, a];
    const key = a * m + b;
    let x = acc.get(key);
    if (!x) acc.set(key, (x = { source: a, target: b, weight: 0, ties: 0, local: true }));
    x.weight += weightOf(csr, p.u, p.v) || 1;
    x.ties++;
    if (!(members[p.u] && members[p.v])) x.local = false;
  }
  return {
    region,
    aggregated: true,
    organisations: org.length,
    ties: pairs.size,
    nodes,
    edges: [...acc.values()],
  };
}

/**
 * The whole tie network of a selection aggregated to NUTS-2 regions (else countries; `?` when
 * unknown): the view of a large dataset (the full H2020 network: 36,000 organisations, 800,000
 * ties) that a browser can draw. One pass over the CSR, O(n + m). A node's `local` counts the ties
 * inside it; edges join two areas, weights summed.
 */
export function aggregatedNetwork(dataset: Dataset, selection: Omit<Selection, 'region'>): AggregatedNetwork {
  const csr = networkIn(dataset, selection);
  const n = dataset.organisations.count;
  const areaIndex = new Map<string, number>();
  const nodes: AggregateNode[] = [];
  const area = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const id = areaOf(dataset, u) ?? '?';
    let a = areaIndex.get(id);
    if (a === undefined) {
      areaIndex.set(id, (a = nodes.length));
      nodes.push({ id, organisations: 0, local: 0 });
    }
    nodes[a].organisations++;
    area[u] = a;
  }
  const m = nodes.length;
  const acc = new Map<
    number,
    { source: number; target: number; weight: number; ties: number; local: boolean }
  >();
  let ties = 0;
  for (let u = 0; u < n; u++) {
    for (let k = csr.offsets[u]; k < csr.offsets[u + 1]; k++) {
      const v = csr.targets[k];
      if (v <= u) continue;
      ties++;
      let a = area[u];
      let b = area[v];
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
  return { region: '*', aggregated: true, organisations: n, ties, nodes, edges: [...acc.values()] };
}
