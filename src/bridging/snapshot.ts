/**
 * What the data tell at the end of year T, and nothing after: the one place where the bridging
 * model reads the Dataset, so that no component can see the future (the no-future-leak test plants
 * a project and a tie after T and checks that no score moves).
 *
 * - A project is known at T when its start year is known and ≤ T (an undated project is left out:
 *   it might start after T). A stored tie is known when its start year is known and ≤ T.
 * - The network at T: organisations sharing a known project of at most `maxProjectSize`
 *   organisations (the cap `compare` uses: larger consortia are programme-level networks whose
 *   partners need not work together), plus the known stored ties. Two organisations are "tied" at T
 *   when this network links them.
 * - Consortia: pairs who sat together in a known project larger than the cap by T have met, yet
 *   are not "tied": `consortia` counts such shared large projects per pair.
 * - Activity: an organisation is active at T when it has a known project (of any size) or a known
 *   stored tie; its recent projects are those starting in [T − 2, T].
 * - Programme profile: how many known projects of each programme part (`SC1`, `LEIT`, …; a
 *   project in several parts counts in each) an organisation has.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { buildUndirectedCsr, type Csr } from '../graph/csr.ts';
import { projectBipartite } from '../graph/projection.ts';
import { projectMembers, yearOf } from '../measures/selection.ts';

/** Years, T included, that count as "recent activity". */
export const RECENT_YEARS = 3;

export interface Snapshot {
  /** The last year whose information is used. */
  asOf: number;
  maxProjectSize: number;
  /** Number of organisations (the Dataset's numbering). */
  n: number;
  /** The network at T (undirected, weights = shared projects plus stored tie weights). */
  network: Csr;
  /** Pairs sharing known projects larger than the cap (weight = how many), undirected. */
  consortia: Csr;
  /** Distinct partners at T. */
  degree: Int32Array;
  /** 1 when the organisation has a known project or stored tie by T. */
  active: Uint8Array;
  /** Projects started in [T − RECENT_YEARS + 1, T]. */
  recent: Int32Array;
  /** Known projects (any size) by T. */
  projects: Int32Array;
  /** The programme parts seen by T, in first-seen order. */
  parts: string[];
  /** profile[u * parts.length + j]: known projects of organisation u in part j. */
  profile: Float64Array;
  /** Euclidean norm of each organisation's profile (0 without a programme part). */
  profileNorm: Float64Array;
}

/**
 * The snapshot of a Dataset at the end of year `asOf`. Cost O(L + Σ_p s_p² + m log m) for L
 * participations, the capped projects' pairs and m stored ties, once per call.
 */
export function snapshotAt(dataset: Dataset, asOf: number, maxProjectSize = 30): Snapshot {
  const n = dataset.organisations.count;
  const pr = dataset.projects;
  const { offsets, orgs } = projectMembers(dataset);
  const startYear = new Float64Array(pr.count);
  let kept = 0;
  for (let p = 0; p < pr.count; p++) {
    startYear[p] = yearOf(pr.start[p]);
    const size = offsets[p + 1] - offsets[p];
    if (startYear[p] <= asOf && size <= maxProjectSize) kept += size;
  }
  // The known, capped projects' incidence (NaN ≤ asOf is false, so undated projects are out).
  const po = new Int32Array(kept);
  const pp = new Int32Array(kept);
  const lo: number[] = [];
  const lp: number[] = [];
  kept = 0;
  const active = new Uint8Array(n);
  const recent = new Int32Array(n);
  const projects = new Int32Array(n);
  const partIndex = new Map<string, number>();
  const projectParts: number[][] = new Array(pr.count);
  for (let p = 0; p < pr.count; p++) {
    if (!(startYear[p] <= asOf)) continue;
    const parts: number[] = [];
    for (const part of (pr.programme[p] ?? '').split('|')) {
      const name = part.trim();
      if (name === '') continue;
      let j = partIndex.get(name);
      if (j === undefined) partIndex.set(name, (j = partIndex.size));
      if (!parts.includes(j)) parts.push(j);
    }
    projectParts[p] = parts;
    const size = offsets[p + 1] - offsets[p];
    const isRecent = startYear[p] > asOf - RECENT_YEARS;
    for (let k = offsets[p]; k < offsets[p + 1]; k++) {
      const u = orgs[k];
      active[u] = 1;
      projects[u]++;
      if (isRecent) recent[u]++;
      if (size <= maxProjectSize) {
        po[kept] = u;
        pp[kept++] = p;
      } else {
        lo.push(u);
        lp.push(p);
      }
    }
  }
  const parts = [...partIndex.keys()];
  const P = parts.length;
  const profile = new Float64Array(n * P);
  for (let p = 0; p < pr.count; p++) {
    const list = projectParts[p];
    if (list === undefined) continue;
    for (let k = offsets[p]; k < offsets[p + 1]; k++) for (const j of list) profile[orgs[k] * P + j]++;
  }
  const profileNorm = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let s = 0;
    for (let j = 0; j < P; j++) s += profile[u * P + j] ** 2;
    profileNorm[u] = Math.sqrt(s);
  }

  const co = projectBipartite(n, pr.count, po, pp);
  const consortia = projectBipartite(n, pr.count, Int32Array.from(lo), Int32Array.from(lp));
  const t = dataset.ties;
  let stored = 0;
  for (let k = 0; k < t.count; k++) if (t.source[k] >= 0 && t.target[k] >= 0 && t.start[k] <= asOf) stored++;
  const m = co.targets.length / 2 + stored;
  const s = new Int32Array(m);
  const d = new Int32Array(m);
  const w = new Float64Array(m);
  let e = 0;
  for (let u = 0; u < n; u++) {
    for (let a = co.offsets[u]; a < co.offsets[u + 1]; a++) {
      if (co.targets[a] > u) {
        s[e] = u;
        d[e] = co.targets[a];
        w[e++] = co.weights[a];
      }
    }
  }
  for (let k = 0; k < t.count; k++) {
    const u = t.source[k];
    const v = t.target[k];
    if (u < 0 || v < 0 || !(t.start[k] <= asOf)) continue;
    s[e] = u;
    d[e] = v;
    w[e++] = t.weight[k];
    active[u] = 1;
    active[v] = 1;
  }
  const network = buildUndirectedCsr(n, s, d, w);
  const degree = new Int32Array(n);
  for (let u = 0; u < n; u++) degree[u] = network.offsets[u + 1] - network.offsets[u];
  return {
    asOf,
    maxProjectSize,
    n,
    network,
    consortia,
    degree,
    active,
    recent,
    projects,
    parts,
    profile,
    profileNorm,
  };
}

/** Weight of the tie u–v in an undirected CSR, 0 when absent (binary search in u's sorted row). */
export function weightIn(graph: Csr, u: number, v: number): number {
  const { offsets, targets } = graph;
  let lo = offsets[u];
  let hi = offsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = targets[mid];
    if (x === v) return graph.weights[mid];
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** True when u and v are tied in the snapshot's network. */
export function tiedAt(snapshot: Snapshot, u: number, v: number): boolean {
  return weightIn(snapshot.network, u, v) > 0;
}

/** The latest known project or stored-tie start year in a Dataset (NaN without any): the default "as of". */
export function latestYear(dataset: Dataset): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const start of dataset.projects.start) {
    const y = yearOf(start);
    if (y > latest) latest = y;
  }
  for (const y of dataset.ties.start) if (y > latest) latest = y;
  return Number.isFinite(latest) ? latest : Number.NaN;
}
