/**
 * The selection, applied: which organisations, projects and ties a `Selection` ({ region, years,
 * weighting, maxProjectSize }) covers. Every measure family goes through this module — the
 * collective learning index included — so a region, a year range, a co-participation weighting or
 * a project-size cap means the same thing in every table of `measure`, `compare` and `rtd`.
 *
 * - Members: the one place that asks src/dataset/regions.ts who belongs to a region.
 * - Years: an organisation is active in the years when founded ≤ last and (closed unknown or ≥
 *   first); a stored tie or a project counts when its [start, end] overlaps them (an unknown start
 *   or end leaves that side open).
 * - Projects: a project is selected when it overlaps the years and has at most `maxProjectSize`
 *   distinct participating organisations.
 * - Co-participation: two organisations are tied when they share a selected project; the weight is
 *   the number of shared projects (`count`) or Σ_p 1/(n_p − 1) over the shared projects p of n_p
 *   participants (`fractional`, Newman 2001).
 * - The network: the stored ties overlapping the years (their own weights) plus the selected
 *   co-participation ties, one undirected simple graph with weights summed — `dataset.network`
 *   itself when nothing is restricted.
 *
 * Networks are computed once per Dataset and selection key and kept with the Dataset (which is
 * read-only), since `compare` asks for the same one for every family and region. Returned arrays
 * are shared: callers must not write into them.
 */
import type { Dataset, Organisations } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import { findRegion, foldName, type RegionDefinition, regionMembers } from '../dataset/regions.ts';
import { buildUndirectedCsr, type Csr } from '../graph/csr.ts';
import { projectBipartite } from '../graph/projection.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';
import { type CheckedSelection, checkSelection, SELECTION_DEFAULTS, type Selection } from './common.ts';

// ---------------------------------------------------------------------------------------------
// Region members

const MEMBERS = new WeakMap<Dataset, Map<string, Uint8Array>>();

/**
 * 1 for every organisation of the region (an id of the regions table, a NUTS code, or a
 * definition), else 0. The only call into the region module's membership rule, so that every
 * command counts the same organisations into a region. Cached per Dataset and region.
 */
export function regionMask(dataset: Dataset, region: string | RegionDefinition): Uint8Array {
  const def = typeof region === 'string' ? findRegion(dataset, region) : region;
  let byRegion = MEMBERS.get(dataset);
  if (!byRegion) MEMBERS.set(dataset, (byRegion = new Map()));
  const key = JSON.stringify(def);
  let mask = byRegion.get(key);
  if (!mask) byRegion.set(key, (mask = regionMembers(dataset, def)));
  return mask;
}

/** The selected region's members (1 inside), or null when no region is selected. */
export function selectionMembers(dataset: Dataset, selection: Selection): Uint8Array | null {
  return selection.region === undefined ? null : regionMask(dataset, selection.region);
}

// ---------------------------------------------------------------------------------------------
// Years

/** The year of an ISO date string (its first four characters), NaN when missing. */
export function yearOf(date: string | null): number {
  if (date === null || date.length < 4) return Number.NaN;
  const y = Number(date.slice(0, 4));
  return Number.isInteger(y) ? y : Number.NaN;
}

/**
 * The selection's year range, or undefined when it selects all years (no years, or the defaults a
 * checked selection carries).
 */
export function givenYears(selection: Selection): [number, number] | undefined {
  const y = selection.years;
  if (y === undefined) return undefined;
  const [first, last] = SELECTION_DEFAULTS.years;
  return y[0] <= first && y[1] >= last ? undefined : y;
}

/** True when [start, end] overlaps years; an unknown start or end leaves that side open. */
export function overlapsYears(start: number, end: number, years: [number, number] | undefined): boolean {
  if (years === undefined) return true;
  return (Number.isNaN(start) || start <= years[1]) && (Number.isNaN(end) || end >= years[0]);
}

/**
 * True when an organisation was active at some time in the years: founded ≤ last and (closed
 * unknown or closed ≥ first); an unknown founding year counts as "always there".
 */
export function activeInYears(founded: number, closed: number, years: [number, number]): boolean {
  return (Number.isNaN(founded) || founded <= years[1]) && (Number.isNaN(closed) || closed >= years[0]);
}

// ---------------------------------------------------------------------------------------------
// Kinds

/** 1 for each kind in the list, indexed by ORGANISATION_KINDS code (the unknown code maps to 0). */
export function kindMask(kinds: readonly string[]): Uint8Array {
  const mask = new Uint8Array(UNKNOWN_CODE + 1);
  ORGANISATION_KINDS.forEach((k, i) => {
    if (kinds.includes(k)) mask[i] = 1;
  });
  return mask;
}

/** Kind name of a kind code ('unknown' for the unknown code). */
export function kindName(code: number): string {
  return code === UNKNOWN_CODE ? 'unknown' : (ORGANISATION_KINDS[code] ?? 'unknown');
}

const SME_KIND = ORGANISATION_KINDS.indexOf('sme');

/**
 * Why SMEs cannot be told apart in this Dataset, or null when they can: no organisation has kind
 * `sme` and none has a known SME flag (CORDIS files without the `SME` column, for one). "No SMEs"
 * or "0 SME ties" would then be a false zero.
 */
export function smeFlagMissing(dataset: Dataset): string | null {
  const o = dataset.organisations;
  for (let i = 0; i < o.count; i++) if (o.kind[i] === SME_KIND || o.sme[i] !== -1) return null;
  return 'the data carry no SME flag (and no organisation of kind sme): SMEs cannot be told apart from other firms';
}

// ---------------------------------------------------------------------------------------------
// Location

/**
 * Location keys for "same area" tests, one typed array per NUTS level (id of the code's prefix of
 * that level, −1 when the code is shorter or missing) and the folded locality (id, −1 when missing).
 */
export interface AreaIndex {
  /** nuts[level][i]: id of organisation i's NUTS prefix at level 0…3, or −1. */
  nuts: Int32Array[];
  /** Deepest NUTS level known for each organisation, −1 without a NUTS code. */
  level: Int8Array;
  locality: Int32Array;
}

export function areaIndex(o: Organisations): AreaIndex {
  const nuts = [0, 1, 2, 3].map(() => new Int32Array(o.count).fill(-1));
  const level = new Int8Array(o.count).fill(-1);
  const locality = new Int32Array(o.count).fill(-1);
  const codes = new Map<string, number>();
  const idOf = (key: string) => {
    let id = codes.get(key);
    if (id === undefined) codes.set(key, (id = codes.size));
    return id;
  };
  for (let i = 0; i < o.count; i++) {
    const code = o.nuts[i]?.trim().toUpperCase();
    if (code && code.length >= 2) {
      const deepest = Math.min(code.length - 2, 3);
      level[i] = deepest;
      for (let l = 0; l <= deepest; l++) nuts[l][i] = idOf(`n:${code.slice(0, 2 + l)}`);
    }
    const loc = o.locality[i];
    if (loc) {
      const folded = foldName(loc);
      if (folded) locality[i] = idOf(`l:${folded}`);
    }
  }
  return { nuts, level, locality };
}

/**
 * Whether two organisations are in the same area: 1 same, 0 different, −1 cannot be told.
 * Rule: when both have NUTS codes, they differ if their codes differ at the deepest level both
 * know (e.g. UKH12 vs DE212, or UKH1 vs UKH2), and are the same if both are known to NUTS-3 and
 * equal there. Otherwise (no NUTS, or only coarser equal codes) the folded localities decide; when
 * a locality is missing too, it cannot be told. O(1).
 * Example: UKH12/Fenbridge vs UKH14/Newmarket → 0; UKH1/Fenbridge vs UKH12/Fenbridge → 1; UKH1 vs
 * UKH12 without localities → −1.
 */
export function sameArea(area: AreaIndex, u: number, v: number): 1 | 0 | -1 {
  const lu = area.level[u];
  const lv = area.level[v];
  if (lu >= 0 && lv >= 0) {
    const l = Math.min(lu, lv);
    if (area.nuts[l][u] !== area.nuts[l][v]) return 0;
    if (l === 3) return 1;
  }
  const a = area.locality[u];
  const b = area.locality[v];
  if (a >= 0 && b >= 0) return a === b ? 1 : 0;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Projects

/** The distinct organisations of each project: orgs[offsets[p] … offsets[p+1]), ascending. */
export interface ProjectMembers {
  offsets: Int32Array;
  orgs: Int32Array;
}

const PROJECT_MEMBERS = new WeakMap<Dataset, ProjectMembers>();

/**
 * Distinct participating organisations per project (a repeated participation counts once; rows
 * with an unknown organisation or project are left out). Counting sort, O(L + projects), cached.
 */
export function projectMembers(dataset: Dataset): ProjectMembers {
  const cached = PROJECT_MEMBERS.get(dataset);
  if (cached) return cached;
  const pa = dataset.participations;
  const np = dataset.projects.count;
  const n = dataset.organisations.count;
  const raw = new Int32Array(np + 1);
  for (let k = 0; k < pa.count; k++) {
    const p = pa.project[k];
    const u = pa.organisation[k];
    if (p >= 0 && p < np && u >= 0 && u < n) raw[p + 1]++;
  }
  for (let p = 0; p < np; p++) raw[p + 1] += raw[p];
  const cursor = raw.slice(0, np);
  const all = new Int32Array(raw[np]);
  for (let k = 0; k < pa.count; k++) {
    const p = pa.project[k];
    const u = pa.organisation[k];
    if (p >= 0 && p < np && u >= 0 && u < n) all[cursor[p]++] = u;
  }
  const offsets = new Int32Array(np + 1);
  let m = 0;
  for (let p = 0; p < np; p++) {
    const row = all.subarray(raw[p], raw[p + 1]).sort();
    for (let i = 0; i < row.length; i++) if (i === 0 || row[i] !== row[i - 1]) all[m++] = row[i];
    offsets[p + 1] = m;
  }
  const out = { offsets, orgs: all.slice(0, m) };
  PROJECT_MEMBERS.set(dataset, out);
  return out;
}

/** 1 for each project the selection keeps: overlapping the years, at most maxProjectSize members. */
export function selectedProjects(dataset: Dataset, selection: Selection): Uint8Array {
  const sel = checkSelection(selection);
  const pr = dataset.projects;
  const { offsets } = projectMembers(dataset);
  const keep = new Uint8Array(pr.count);
  const years = givenYears(sel);
  for (let p = 0; p < pr.count; p++) {
    const size = offsets[p + 1] - offsets[p];
    keep[p] =
      size <= sel.maxProjectSize && overlapsYears(yearOf(pr.start[p]), yearOf(pr.end[p]), years) ? 1 : 0;
  }
  return keep;
}

/**
 * Size of the largest selected project with a participant among `within` (1 = counted; all
 * organisations when null), 0 when there is none. A project of s organisations is a clique of s in
 * the co-participation network, so it alone makes an (s − 1)-core: on project data the degeneracy
 * is bounded below by this size − 1. Cost O(L).
 */
export function largestProject(dataset: Dataset, selection: Selection, within: Uint8Array | null): number {
  const keep = selectedProjects(dataset, selection);
  const { offsets, orgs } = projectMembers(dataset);
  let largest = 0;
  for (let p = 0; p < keep.length; p++) {
    const size = offsets[p + 1] - offsets[p];
    if (!keep[p] || size <= largest) continue;
    let touches = within === null;
    for (let k = offsets[p]; k < offsets[p + 1] && !touches; k++) touches = within![orgs[k]] === 1;
    if (touches) largest = size;
  }
  return largest;
}

/**
 * The co-participation options `milieu compare` and `milieu rtd` use unless told otherwise (the
 * library's `compareRegions` and `rtdLinkages` too): full counting, projects of more than 30
 * organisations left out. Why 30: it is about the 99th percentile of Horizon 2020 consortium sizes
 * (356 of 31,451 projects are larger, up to 186), and beyond it a consortium is a programme-level
 * network (coordination and support actions, flagships) whose partners do not all work with each
 * other — yet those 1 % of projects make 35 % of all co-participation pairs, so uncapped they decide
 * every cluster's ties, degrees and k-cores (the 186-partner project alone made the largest k-core
 * 185 in eight of the ten study clusters). Degrees and k-cores count ties, so fractional weights
 * cannot fix them; a cap can. `measure` keeps every project unless `--max-project-size` is given.
 */
export const CLUSTER_COMPARISON_DEFAULTS: Readonly<
  Required<Pick<Selection, 'weighting' | 'maxProjectSize'>>
> = Object.freeze({ weighting: 'count' as const, maxProjectSize: 30 });

// ---------------------------------------------------------------------------------------------
// Networks

/** True when the selection restricts or reweights nothing the prebuilt networks hold. */
function isDefaultNetwork(sel: CheckedSelection): boolean {
  return (
    givenYears(sel) === undefined &&
    sel.weighting === 'count' &&
    sel.maxProjectSize === Number.POSITIVE_INFINITY
  );
}

function networkKey(sel: CheckedSelection): string {
  return `${givenYears(sel)?.join('-') ?? 'all'}|${sel.weighting}|${sel.maxProjectSize}`;
}

const CO_CACHE = new WeakMap<Dataset, Map<string, Csr>>();
const NET_CACHE = new WeakMap<Dataset, Map<string, Csr>>();
/** Networks kept per Dataset (a few selections; each H2020 network is about 20 MB). */
const CACHE_SIZE = 4;

function cached(
  cache: WeakMap<Dataset, Map<string, Csr>>,
  dataset: Dataset,
  key: string,
  make: () => Csr,
): Csr {
  let byKey = cache.get(dataset);
  if (!byKey) cache.set(dataset, (byKey = new Map()));
  let csr = byKey.get(key);
  if (!csr) {
    csr = make();
    if (byKey.size >= CACHE_SIZE) byKey.delete(byKey.keys().next().value as string);
    byKey.set(key, csr);
  }
  return csr;
}

/** Position of v in u's sorted CSR row, −1 when absent (binary search). */
function arcOf(graph: Csr, u: number, v: number): number {
  let lo = graph.offsets[u];
  let hi = graph.offsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = graph.targets[mid];
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** True when the undirected CSR has the tie {u, v} (binary search in u's sorted row). */
export function hasTie(graph: Csr, u: number, v: number): boolean {
  return arcOf(graph, u, v) >= 0;
}

/**
 * The co-participation network of a selection: organisations sharing a selected project (see the
 * module comment), weighted by `count` or `fractional`. `dataset.coParticipation` when nothing is
 * restricted. Cost O(L + Σ_p s_p²) for the projection (plus a binary search per project pair for
 * fractional weights), once per Dataset and selection.
 *
 * Example: projects {a, b, c} and {a, b}: count weights a–b 2, a–c 1, b–c 1; fractional weights
 * a–b 1/2 + 1/1 = 1.5, a–c 0.5, b–c 0.5; with maxProjectSize 2 only a–b remains (weight 1).
 */
export function coParticipationIn(dataset: Dataset, selection: Selection = {}): Csr {
  const sel = checkSelection(selection);
  if (isDefaultNetwork(sel)) return dataset.coParticipation;
  return cached(CO_CACHE, dataset, networkKey(sel), () => {
    const keep = selectedProjects(dataset, sel);
    const { offsets, orgs } = projectMembers(dataset);
    const np = dataset.projects.count;
    let kept = 0;
    for (let p = 0; p < np; p++) if (keep[p]) kept += offsets[p + 1] - offsets[p];
    const po = new Int32Array(kept);
    const pp = new Int32Array(kept);
    kept = 0;
    for (let p = 0; p < np; p++) {
      if (!keep[p]) continue;
      for (let k = offsets[p]; k < offsets[p + 1]; k++) {
        po[kept] = orgs[k];
        pp[kept++] = p;
      }
    }
    const co = projectBipartite(dataset.organisations.count, np, po, pp);
    if (sel.weighting === 'fractional') {
      co.weights.fill(0);
      for (let p = 0; p < np; p++) {
        const size = offsets[p + 1] - offsets[p];
        if (!keep[p] || size < 2) continue;
        const w = 1 / (size - 1);
        for (let i = offsets[p]; i < offsets[p + 1]; i++) {
          const u = orgs[i];
          for (let j = offsets[p]; j < offsets[p + 1]; j++)
            if (j !== i) co.weights[arcOf(co, u, orgs[j])] += w;
        }
      }
    }
    return co;
  });
}

/**
 * The tie network of a selection: stored ties overlapping the years (their own weights) plus the
 * selection's co-participation ties, weights summed (as in dataset/build.ts). `dataset.network`
 * when nothing is restricted. The region is not applied here: families decide how to use members.
 */
export function networkIn(dataset: Dataset, selection: Selection = {}): Csr {
  const sel = checkSelection(selection);
  if (isDefaultNetwork(sel)) return dataset.network;
  return cached(NET_CACHE, dataset, networkKey(sel), () => {
    const co = coParticipationIn(dataset, sel);
    const t = dataset.ties;
    const years = givenYears(sel);
    const n = dataset.organisations.count;
    const total = co.targets.length / 2 + t.count;
    const s = new Int32Array(total);
    const d = new Int32Array(total);
    const w = new Float64Array(total);
    let e = 0;
    for (let u = 0; u < n; u++) {
      for (let k = co.offsets[u]; k < co.offsets[u + 1]; k++) {
        if (co.targets[k] > u) {
          s[e] = u;
          d[e] = co.targets[k];
          w[e++] = co.weights[k];
        }
      }
    }
    for (let k = 0; k < t.count; k++) {
      if (t.source[k] < 0 || t.target[k] < 0 || !overlapsYears(t.start[k], t.end[k], years)) continue;
      s[e] = t.source[k];
      d[e] = t.target[k];
      w[e++] = t.weight[k];
    }
    return buildUndirectedCsr(n, s.subarray(0, e), d.subarray(0, e), w.subarray(0, e));
  });
}

/**
 * One sentence stating how the selection's co-participation network was built, for the notes of
 * every table that uses it (and the provenance of `compare` and `rtd`).
 * Example: "Co-participation: fractional weights (1/(n−1) per project of n partners); projects of
 * more than 50 organisations left out."
 */
export function networkNote(selection: Selection): string {
  const sel = checkSelection(selection);
  const weighting =
    sel.weighting === 'fractional'
      ? 'fractional weights (each project of n organisations adds 1/(n−1) to each of its pairs)'
      : 'full counting (weight = shared projects)';
  const cap =
    sel.maxProjectSize === Number.POSITIVE_INFINITY
      ? 'no project-size cap'
      : `projects of more than ${sel.maxProjectSize} organisations left out`;
  return `Co-participation: ${weighting}; ${cap}.`;
}
