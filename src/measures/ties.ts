/**
 * Ties and their geography: how many of a cluster's ties stay inside the region (local) and how many
 * reach the rest of the country (national), the rest of Europe (international) or the world
 * (global); vertical (customer/supplier) against horizontal ties; the E-I index of the region; and
 * the "local buzz and global pipelines" profile of its firms (Bathelt, Malmberg & Maskell 2004).
 *
 * Also home to the geography shared by the other families: which organisations a selection covers,
 * when two organisations count as local to each other, and the dated tie list (stored ties plus
 * co-participation ties with the dates of their projects).
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import { findRegion, foldName, isEuropean, regionMembers, tieScope } from '../dataset/regions.ts';
import { projectBipartite } from '../graph/projection.ts';
import {
  FIRM_KINDS,
  ORGANISATION_KINDS,
  TIE_KINDS,
  TIE_SCOPES,
  type TieScope,
  VERTICAL_TIE_KINDS,
} from '../model/index.ts';
import {
  checkSelection,
  type FamilyReport,
  type Indicator,
  indicator,
  type MeasureResult,
  type MeasureTable,
  notAvailable,
  type Selection,
} from './common.ts';
import { spearman } from './correlation.ts';

// ---------------------------------------------------------------------------------------------
// Shared geography

/** Per-organisation geography codes, computed once per Dataset (see `geography`). */
export interface Geography {
  /** Code of each organisation's NUTS-3 code, −1 when unknown (no NUTS code, or level 0–2 only). */
  nuts3: Int32Array;
  /** Code of each organisation's country and folded locality, −1 when the locality is unknown. */
  place: Int32Array;
  /** Code of each organisation's country (exact spelling, as tieScope compares), −1 when unknown. */
  country: Int32Array;
  /** 1 when the country is European (isEuropean), else 0. */
  european: Uint8Array;
  /** Organisation number of each id. */
  index: ReadonlyMap<string, number>;
}

const GEOGRAPHY = new WeakMap<Dataset, Geography>();

/**
 * The geography codes of a Dataset's organisations, computed on first use and kept with the
 * Dataset (which is read-only). Cost O(n) once.
 */
export function geography(dataset: Dataset): Geography {
  const cached = GEOGRAPHY.get(dataset);
  if (cached) return cached;
  const o = dataset.organisations;
  const n = o.count;
  const nuts3 = new Int32Array(n).fill(-1);
  const place = new Int32Array(n).fill(-1);
  const country = new Int32Array(n).fill(-1);
  const european = new Uint8Array(n);
  const index = new Map<string, number>();
  const nutsCodes = new Map<string, number>();
  const placeCodes = new Map<string, number>();
  const countryCodes = new Map<string, number>();
  const code = (codes: Map<string, number>, key: string) => {
    let c = codes.get(key);
    if (c === undefined) codes.set(key, (c = codes.size));
    return c;
  };
  for (let i = 0; i < n; i++) {
    index.set(o.id[i], i);
    const nuts = o.nuts[i];
    if (nuts !== null && nuts.length >= 5) nuts3[i] = code(nutsCodes, nuts.slice(0, 5).toUpperCase());
    const c = o.country[i];
    if (c !== null) {
      country[i] = code(countryCodes, c);
      european[i] = isEuropean(c) ? 1 : 0;
    }
    const locality = o.locality[i];
    if (locality !== null) {
      const folded = foldName(locality);
      if (folded !== '') place[i] = code(placeCodes, `${(c ?? '').toUpperCase()}|${folded}`);
    }
  }
  const g = { nuts3, place, country, european, index };
  GEOGRAPHY.set(dataset, g);
  return g;
}

/**
 * Which organisations a selection covers and how locality is judged.
 *
 * With a region, `selected` = `members` = the region's organisations, and two organisations are
 * local to each other when both are members. Without a region every organisation is selected and
 * each one's "region" is its own area: two organisations are local to each other when both NUTS-3
 * codes are known and equal; when either NUTS-3 code is unknown (no NUTS code, or only level 0–2),
 * when both localities are known and equal (same country, names compared without case and
 * accents); otherwise it cannot be told.
 */
export interface SelectionScope extends Geography {
  /** Region id (or NUTS code) of the selection, null when none. */
  region: string | null;
  /** 1 for every organisation the selection covers. */
  selected: Uint8Array;
  /** Number of selected organisations. */
  selectedCount: number;
  /** Region membership, or null when no region is selected. */
  members: Uint8Array | null;
  /** All zeros: the mask handed to tieScope when no region is selected. */
  none: Uint8Array;
}

export function selectionScope(dataset: Dataset, selection: Selection): SelectionScope {
  const n = dataset.organisations.count;
  let members: Uint8Array | null = null;
  let selected: Uint8Array;
  if (selection.region !== undefined) {
    members = regionMembers(dataset, findRegion(dataset, selection.region));
    selected = members;
  } else {
    selected = new Uint8Array(n).fill(1);
  }
  let selectedCount = 0;
  for (let i = 0; i < n; i++) selectedCount += selected[i];
  return {
    ...geography(dataset),
    region: selection.region ?? null,
    selected,
    selectedCount,
    members,
    none: new Uint8Array(n),
  };
}

/** 1 when u and v are in the same area (NUTS-3, else locality), 0 when not, −1 when it cannot be told. */
export function sameArea(scope: SelectionScope, u: number, v: number): 1 | 0 | -1 {
  const { nuts3, place } = scope;
  if (nuts3[u] >= 0 && nuts3[v] >= 0) return nuts3[u] === nuts3[v] ? 1 : 0;
  if (place[u] >= 0 && place[v] >= 0) return place[u] === place[v] ? 1 : 0;
  return -1;
}

/**
 * 1 when u and v are local to each other, 0 when not, −1 when it cannot be told: with a region,
 * both members (never −1); without, the same area (see SelectionScope).
 */
export function isLocalPair(scope: SelectionScope, u: number, v: number): 1 | 0 | -1 {
  const m = scope.members;
  if (m !== null) return m[u] && m[v] ? 1 : 0;
  return sameArea(scope, u, v);
}

/**
 * Scope of the tie u–v under a selection: tieScope with the region's mask; without a region,
 * `local` for two organisations in the same area, else tieScope's national / international /
 * global, and null when a country is unknown or when the two share a country but their areas
 * cannot be compared (local and national cannot be told apart).
 */
export function scopeOfPair(dataset: Dataset, scope: SelectionScope, u: number, v: number): TieScope | null {
  if (scope.members !== null) return tieScope(dataset, scope.members, u, v);
  const local = sameArea(scope, u, v);
  if (local === 1) return 'local';
  const s = tieScope(dataset, scope.none, u, v);
  if (local === -1 && s === 'national') return null;
  return s;
}

/** Code of an unknown scope in scopeCode's numbering (after the TIE_SCOPES indices). */
export const SCOPE_UNKNOWN = TIE_SCOPES.length;

/**
 * scopeOfPair as an index into TIE_SCOPES (SCOPE_UNKNOWN for null), from the precomputed country
 * codes: the same rule as tieScope without string comparisons or set lookups, for loops over
 * ties. Cost O(1).
 */
export function scopeCode(scope: SelectionScope, u: number, v: number): number {
  const m = scope.members;
  let local: 1 | 0 | -1;
  if (m !== null) local = m[u] && m[v] ? 1 : 0;
  else local = sameArea(scope, u, v);
  if (local === 1) return 0;
  const cu = scope.country[u];
  const cv = scope.country[v];
  if (cu < 0 || cv < 0) return SCOPE_UNKNOWN;
  if (cu === cv) return local === -1 ? SCOPE_UNKNOWN : 1;
  return scope.european[u] && scope.european[v] ? 2 : 3;
}

/**
 * 1 when u and v lie in different groups, 0 when in the same, −1 when it cannot be told, for
 * brokerage: the selected region is one group; every organisation outside it (or every
 * organisation, without a region) is grouped by its own area.
 */
export function differentGroups(scope: SelectionScope, u: number, v: number): 1 | 0 | -1 {
  const m = scope.members;
  if (m !== null && (m[u] || m[v])) return m[u] && m[v] ? 0 : 1;
  const same = sameArea(scope, u, v);
  return same === -1 ? -1 : same === 1 ? 0 : 1;
}

/** The kind index of co-participation ties in TIE_KINDS. */
export const CO_PARTICIPATION = TIE_KINDS.indexOf('co-participation');

/**
 * The ties of a Dataset as one dated edge list: every stored tie (one entry per row; kind codes of
 * STORED_TIE_KINDS, which equal those of TIE_KINDS) followed by one co-participation tie per pair
 * of organisations sharing a project (kind CO_PARTICIPATION), dated from the earliest start to the
 * latest end of the shared projects (NaN when any of them is undated). Self-ties and ties to
 * unknown organisations are dropped.
 */
export interface TieList {
  count: number;
  source: Int32Array;
  target: Int32Array;
  /** Code into TIE_KINDS, UNKNOWN_CODE when unknown. */
  kind: Uint8Array;
  /** First and last year; NaN when unknown (an unknown end means the tie is still active). */
  start: Float64Array;
  end: Float64Array;
}

function yearOf(date: string | null): number {
  if (date === null || date.length < 4) return Number.NaN;
  const y = Number(date.slice(0, 4));
  return Number.isInteger(y) ? y : Number.NaN;
}

/** True when [start, end] overlaps years; an unknown start or end leaves that side open. */
export function overlapsYears(start: number, end: number, years: [number, number] | undefined): boolean {
  if (years === undefined) return true;
  return (Number.isNaN(start) || start <= years[1]) && (Number.isNaN(end) || end >= years[0]);
}

/**
 * The tie list, restricted (when years is given) to stored ties whose [start, end] overlaps the
 * range and to co-participation from projects whose [start, end] overlaps it; an unknown start or
 * end leaves that side open. Without years, co-participation is dataset.coParticipation itself.
 *
 * Cost: O(m + L + Σ_p s_p² log d) for m stored ties, L participations and projects of s_p
 * participants (the dating looks each project pair up in the CSR by binary search). The list
 * depends only on the dataset and the years, so it is kept per dataset: `compare` on ten clusters
 * asked for the same list twenty times (1 s each on H2020). Callers must not change it.
 */
export function collectTies(dataset: Dataset, years?: [number, number]): TieList {
  const key = years === undefined ? 'all' : `${years[0]}-${years[1]}`;
  let lists = tieLists.get(dataset);
  if (lists === undefined) tieLists.set(dataset, (lists = new Map()));
  let list = lists.get(key);
  if (list === undefined) lists.set(key, (list = computeTies(dataset, years)));
  return list;
}

const tieLists = new WeakMap<Dataset, Map<string, TieList>>();

function computeTies(dataset: Dataset, years?: [number, number]): TieList {
  const t = dataset.ties;
  const n = dataset.organisations.count;
  const pr = dataset.projects;
  const pa = dataset.participations;
  const pStart = new Float64Array(pr.count);
  const pEnd = new Float64Array(pr.count);
  const pIn = new Uint8Array(pr.count);
  for (let p = 0; p < pr.count; p++) {
    pStart[p] = yearOf(pr.start[p]);
    pEnd[p] = yearOf(pr.end[p]);
    pIn[p] = overlapsYears(pStart[p], pEnd[p], years) ? 1 : 0;
  }

  // Participations of the projects in range, valid references only.
  let keep = 0;
  for (let k = 0; k < pa.count; k++) {
    const u = pa.organisation[k];
    const p = pa.project[k];
    if (u >= 0 && u < n && p >= 0 && pIn[p]) keep++;
  }
  const partOrg = new Int32Array(keep);
  const partProject = new Int32Array(keep);
  keep = 0;
  for (let k = 0; k < pa.count; k++) {
    const u = pa.organisation[k];
    const p = pa.project[k];
    if (u >= 0 && u < n && p >= 0 && pIn[p]) {
      partOrg[keep] = u;
      partProject[keep++] = p;
    }
  }
  const co =
    years === undefined || keep === pa.count
      ? dataset.coParticipation
      : projectBipartite(n, pr.count, partOrg, partProject);

  // Number the co-participation edges (u < v) by arc position, then date them project by project.
  const arcEdge = new Int32Array(co.targets.length).fill(-1);
  let coEdges = 0;
  for (let u = 0; u < co.n; u++) {
    for (let a = co.offsets[u]; a < co.offsets[u + 1]; a++) if (co.targets[a] > u) arcEdge[a] = coEdges++;
  }
  const coStart = new Float64Array(coEdges).fill(Number.POSITIVE_INFINITY);
  const coEnd = new Float64Array(coEdges).fill(Number.NEGATIVE_INFINITY);
  if (coEdges > 0) {
    // Participants by project (counting sort), then every pair of each project.
    const projOff = new Int32Array(pr.count + 1);
    for (let k = 0; k < keep; k++) projOff[partProject[k] + 1]++;
    for (let p = 0; p < pr.count; p++) projOff[p + 1] += projOff[p];
    const cursor = projOff.slice(0, pr.count);
    const members = new Int32Array(keep);
    for (let k = 0; k < keep; k++) members[cursor[partProject[k]]++] = partOrg[k];
    for (let p = 0; p < pr.count; p++) {
      const s = Number.isNaN(pStart[p]) ? Number.NEGATIVE_INFINITY : pStart[p];
      const e = Number.isNaN(pEnd[p]) ? Number.POSITIVE_INFINITY : pEnd[p];
      for (let i = projOff[p]; i < projOff[p + 1]; i++) {
        for (let j = i + 1; j < projOff[p + 1]; j++) {
          const u = Math.min(members[i], members[j]);
          const v = Math.max(members[i], members[j]);
          if (u === v) continue;
          // binary search v in u's row
          let lo = co.offsets[u];
          let hi = co.offsets[u + 1] - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >>> 1;
            const x = co.targets[mid];
            if (x < v) lo = mid + 1;
            else if (x > v) hi = mid - 1;
            else {
              const edge = arcEdge[mid];
              if (s < coStart[edge]) coStart[edge] = s;
              if (e > coEnd[edge]) coEnd[edge] = e;
              break;
            }
          }
        }
      }
    }
  }

  let stored = 0;
  for (let i = 0; i < t.count; i++) {
    const u = t.source[i];
    const v = t.target[i];
    if (u >= 0 && v >= 0 && u !== v && overlapsYears(t.start[i], t.end[i], years)) stored++;
  }
  const count = stored + coEdges;
  const out: TieList = {
    count,
    source: new Int32Array(count),
    target: new Int32Array(count),
    kind: new Uint8Array(count),
    start: new Float64Array(count),
    end: new Float64Array(count),
  };
  let e = 0;
  for (let i = 0; i < t.count; i++) {
    const u = t.source[i];
    const v = t.target[i];
    if (u >= 0 && v >= 0 && u !== v && overlapsYears(t.start[i], t.end[i], years)) {
      out.source[e] = u;
      out.target[e] = v;
      out.kind[e] = t.kind[i];
      out.start[e] = t.start[i];
      out.end[e++] = t.end[i];
    }
  }
  for (let u = 0; u < co.n; u++) {
    for (let a = co.offsets[u]; a < co.offsets[u + 1]; a++) {
      const edge = arcEdge[a];
      if (edge < 0) continue;
      out.source[e] = u;
      out.target[e] = co.targets[a];
      out.kind[e] = CO_PARTICIPATION;
      out.start[e] = Number.isFinite(coStart[edge]) ? coStart[edge] : Number.NaN;
      out.end[e++] = Number.isFinite(coEnd[edge]) ? coEnd[edge] : Number.NaN;
    }
  }
  return out;
}

/** Incident ties of every organisation: the tie ids of node u are ids[offsets[u] … offsets[u+1]). */
export interface Incidence {
  offsets: Int32Array;
  ids: Int32Array;
}

/** Counting sort of the tie list by both ends. Cost O(n + m). */
export function incidence(n: number, ties: TieList): Incidence {
  const offsets = new Int32Array(n + 1);
  for (let t = 0; t < ties.count; t++) {
    offsets[ties.source[t] + 1]++;
    offsets[ties.target[t] + 1]++;
  }
  for (let u = 0; u < n; u++) offsets[u + 1] += offsets[u];
  const cursor = offsets.slice(0, n);
  const ids = new Int32Array(offsets[n]);
  for (let t = 0; t < ties.count; t++) {
    ids[cursor[ties.source[t]]++] = t;
    ids[cursor[ties.target[t]]++] = t;
  }
  return { offsets, ids };
}

/** 1 for the given kinds, else 0, indexed by ORGANISATION_KINDS code (UNKNOWN_CODE maps to 0). */
export function kindMask(kinds: readonly string[]): Uint8Array {
  const mask = new Uint8Array(UNKNOWN_CODE + 1);
  ORGANISATION_KINDS.forEach((k, i) => {
    if (kinds.includes(k)) mask[i] = 1;
  });
  return mask;
}

/** The name of the selection for reasons: "region fenland" or "the dataset". */
export function selectionName(scope: SelectionScope): string {
  return scope.region === null ? 'the dataset' : `region ${scope.region}`;
}

// ---------------------------------------------------------------------------------------------
// The ties family

const PROFILES = ['buzz-and-pipelines', 'buzz-only', 'pipelines-only', 'neither'] as const;

/**
 * Ties and their geography.
 *
 * Ties: the stored ties (one per row, with its kind) that overlap `selection.years` (an unknown
 * start or end leaves that side open) plus the co-participation ties of projects overlapping the
 * range (one per pair; kind `co-participation`, horizontal). Only ties with at least one end in the
 * selection count. The scope of a tie is tieScope's: local (both ends in the region), national
 * (same country), international (both in Europe), global; unknown when a country is missing. With
 * no region, each organisation's own NUTS-3 area (else its locality) is its region, so a tie is
 * local when both ends share it (see SelectionScope).
 *
 * - shares: scope count / ties of known scope; verticalShare = customer + supplier ties / all ties.
 * - E-I index (Krackhardt & Stern 1988) = (E − I) / (E + I), I = local ties, E = ties known not to
 *   be local (with a region: exactly one end inside). −1: all ties inside; +1: all reach out.
 * - per firm (FIRM_KINDS in the selection): local ties ("buzz") and non-local ties ("pipelines",
 *   Bathelt, Malmberg & Maskell 2004), a 2×2 classification, the share of firms with both, and
 *   Spearman's ρ between local and non-local tie counts across the firms with at least one tie of
 *   known locality (NotAvailable below 5 such firms or without variation).
 *
 * Cost: O(n + m + f log f) for n organisations, m ties and f firms (Spearman sorts), plus the
 * dating of co-participation ties (see collectTies).
 *
 * Example: region {a, b}, outside c (same country) and d (US, a non-European country): ties a–b
 * supplier, a–c collaboration, b–d licensing → local 1, national 1, global 1; localShare 1/3,
 * verticalShare 1/3, E-I = (2 − 1)/3 = 0.3333; a and b each have buzz and pipelines (share 1).
 */
export function ties(dataset: Dataset, selection: Selection = {}): FamilyReport {
  const sel = checkSelection(selection);
  const scope = selectionScope(dataset, sel);
  const where = selectionName(scope);
  const D = {
    byOrganisation: 'Ties of each selected organisation by scope and direction (counts of ties).',
    scope:
      'Ties with at least one end in the selection by scope: count, share of ties of known scope, vertical and horizontal counts.',
    kind: 'Ties with at least one end in the selection by kind: count, local and non-local counts.',
    ei: 'E-I index of the selection (Krackhardt & Stern 1988): (external − internal) / (external + internal) ties.',
    buzz: 'Firms by local ties ("buzz") and non-local ties ("pipelines") (Bathelt, Malmberg & Maskell 2004): firms per cell and share of firms.',
    rho: "Spearman's rank correlation between local and non-local tie counts across firms with ties.",
  };
  const names = {
    byOrganisation: 'ties.byOrganisation',
    scope: 'ties.scope',
    kind: 'ties.kind',
    ei: 'ties.eiIndex',
    buzz: 'ties.buzzPipelines',
    rho: 'ties.localExternalCorrelation',
  };
  const INDICATORS = [
    'ties.count',
    'ties.localShare',
    'ties.nationalShare',
    'ties.internationalShare',
    'ties.globalShare',
    'ties.verticalShare',
    'ties.eiIndex',
    'ties.firmsWithLocalAndExternalShare',
    'ties.localExternalSpearman',
  ];
  const allMissing = (reason: string): FamilyReport => ({
    family: 'ties',
    tables: (Object.keys(names) as (keyof typeof names)[]).map((k) => notAvailable(names[k], D[k], reason)),
    indicators: INDICATORS.map((name) => indicator(name, null, undefined, reason)),
  });
  if (scope.selectedCount === 0) return allMissing(`${where} has no organisations`);

  const list = collectTies(dataset, selection.years === undefined ? undefined : sel.years);
  const o = dataset.organisations;
  const n = o.count;
  const vertical = new Uint8Array(TIE_KINDS.length + 1);
  TIE_KINDS.forEach((k, i) => {
    if (VERTICAL_TIE_KINDS.includes(k)) vertical[i] = 1;
  });

  // Per organisation: [total, local, national, international, global, unknown, external, vertical]
  const F = 8;
  const per = new Int32Array(n * F);
  const byScope = new Float64Array(SCOPE_UNKNOWN + 1);
  const byScopeVertical = new Float64Array(SCOPE_UNKNOWN + 1);
  const byKind = new Float64Array((TIE_KINDS.length + 1) * 3); // total, local, external
  let total = 0;
  let internal = 0;
  let external = 0;
  let verticalCount = 0;
  for (let t = 0; t < list.count; t++) {
    const u = list.source[t];
    const v = list.target[t];
    if (!scope.selected[u] && !scope.selected[v]) continue;
    const sc = scopeCode(scope, u, v);
    // external: known not to be local (with a region, one end outside even when the country is unknown)
    const ext = scope.members !== null ? sc !== 0 : sc !== 0 && sc !== SCOPE_UNKNOWN;
    const kc = list.kind[t] === UNKNOWN_CODE ? TIE_KINDS.length : list.kind[t];
    const vert = kc < TIE_KINDS.length && vertical[kc] === 1;
    total++;
    byScope[sc]++;
    if (vert) {
      verticalCount++;
      byScopeVertical[sc]++;
    }
    if (sc === 0) internal++;
    if (ext) external++;
    byKind[kc * 3]++;
    if (sc === 0) byKind[kc * 3 + 1]++;
    if (ext) byKind[kc * 3 + 2]++;
    for (let end = 0; end < 2; end++) {
      const w = end === 0 ? u : v;
      if (!scope.selected[w]) continue;
      const b = w * F;
      per[b]++;
      per[b + 1 + sc]++;
      if (ext) per[b + 6]++;
      if (vert) per[b + 7]++;
    }
  }
  if (total === 0)
    return allMissing(
      `no ties with an end in ${where}${selection.years ? ` in ${sel.years.join('–')}` : ''}`,
    );

  const tables: MeasureResult[] = [];
  const profileOf = (b: number) => {
    const buzz = per[b + 1] > 0;
    const pipes = per[b + 6] > 0;
    return buzz ? (pipes ? 0 : 1) : pipes ? 2 : 3;
  };

  // per organisation
  const rows: MeasureTable['rows'] = [];
  for (let i = 0; i < n; i++) {
    if (!scope.selected[i]) continue;
    const b = i * F;
    rows.push([
      o.id[i],
      o.name[i],
      o.kind[i] === UNKNOWN_CODE ? null : ORGANISATION_KINDS[o.kind[i]],
      per[b],
      per[b + 1],
      per[b + 2],
      per[b + 3],
      per[b + 4],
      per[b + 5],
      per[b + 6],
      per[b + 7],
      per[b] - per[b + 7],
      PROFILES[profileOf(b)],
    ]);
  }
  tables.push({
    measure: names.byOrganisation,
    description: D.byOrganisation,
    columns: [
      'organisation',
      'name',
      'kind',
      'ties',
      'local',
      'national',
      'international',
      'global',
      'unknownScope',
      'nonLocal',
      'vertical',
      'horizontal',
      'profile',
    ],
    rows,
    notes: [
      scope.members === null
        ? 'No region selected: each organisation’s own NUTS-3 area (else locality) counts as its region.'
        : 'nonLocal: ties with the other end outside the region (scope national, international, global or unknown).',
    ],
  });

  // by scope
  const known = total - byScope[SCOPE_UNKNOWN];
  const shareOf = (sc: number) => (known > 0 ? byScope[sc] / known : null);
  tables.push({
    measure: names.scope,
    description: D.scope,
    columns: ['scope', 'ties', 'share', 'vertical', 'horizontal'],
    rows: [...TIE_SCOPES, 'unknown'].map((label, sc) => [
      label,
      byScope[sc],
      sc === SCOPE_UNKNOWN ? null : shareOf(sc),
      byScopeVertical[sc],
      byScope[sc] - byScopeVertical[sc],
    ]),
    notes: ['share: of the ties whose scope is known (both countries known, or both ends in the region).'],
  });

  // by kind
  const kindRows: MeasureTable['rows'] = [];
  for (let kc = 0; kc <= TIE_KINDS.length; kc++) {
    if (byKind[kc * 3] === 0 && kc === TIE_KINDS.length) continue;
    kindRows.push([
      kc === TIE_KINDS.length ? 'unknown' : TIE_KINDS[kc],
      kc < TIE_KINDS.length && vertical[kc] ? 'vertical' : 'horizontal',
      byKind[kc * 3],
      byKind[kc * 3 + 1],
      byKind[kc * 3 + 2],
    ]);
  }
  tables.push({
    measure: names.kind,
    description: D.kind,
    columns: ['kind', 'direction', 'ties', 'local', 'nonLocal'],
    rows: kindRows,
  });

  // E-I index
  const ei = internal + external > 0 ? (external - internal) / (internal + external) : null;
  tables.push(
    ei === null
      ? notAvailable(names.ei, D.ei, `no tie of ${where} has a known locality`)
      : {
          measure: names.ei,
          description: D.ei,
          columns: ['internal', 'external', 'eiIndex'],
          rows: [[internal, external, ei]],
        },
  );

  // firms: buzz and pipelines, Spearman
  const firm = kindMask(FIRM_KINDS);
  const cells = new Float64Array(4);
  let firms = 0;
  const localCounts: number[] = [];
  const externalCounts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!scope.selected[i] || !firm[o.kind[i]]) continue;
    const b = i * F;
    firms++;
    cells[profileOf(b)]++;
    if (per[b + 1] + per[b + 6] > 0) {
      localCounts.push(per[b + 1]);
      externalCounts.push(per[b + 6]);
    }
  }
  let bothShare: number | null = null;
  if (firms === 0) {
    tables.push(notAvailable(names.buzz, D.buzz, `${where} has no firms`));
  } else {
    bothShare = cells[0] / firms;
    tables.push({
      measure: names.buzz,
      description: D.buzz,
      columns: ['profile', 'localTies', 'nonLocalTies', 'firms', 'share'],
      rows: PROFILES.map((p, c) => [p, c < 2, c === 0 || c === 2, cells[c], cells[c] / firms]),
    });
  }
  let rho: number | null = null;
  let rhoReason = '';
  if (localCounts.length < 5) {
    rhoReason = `only ${localCounts.length} firm(s) of ${where} have ties of known locality (at least 5 needed)`;
  } else {
    const r = spearman(localCounts, externalCounts);
    if (Number.isNaN(r)) rhoReason = 'no variation in local or in non-local tie counts across firms';
    else rho = r;
  }
  tables.push(
    rho === null
      ? notAvailable(names.rho, D.rho, rhoReason)
      : {
          measure: names.rho,
          description: D.rho,
          columns: ['firms', 'spearman'],
          rows: [[localCounts.length, rho]],
        },
  );

  const knownReason = `no tie of ${where} has a known scope`;
  const indicators: Indicator[] = [
    indicator('ties.count', total, 'ties'),
    indicator('ties.localShare', shareOf(0), 'share', knownReason),
    indicator('ties.nationalShare', shareOf(1), 'share', knownReason),
    indicator('ties.internationalShare', shareOf(2), 'share', knownReason),
    indicator('ties.globalShare', shareOf(3), 'share', knownReason),
    indicator('ties.verticalShare', verticalCount / total, 'share'),
    indicator('ties.eiIndex', ei, 'index', `no tie of ${where} has a known locality`),
    indicator('ties.firmsWithLocalAndExternalShare', bothShare, 'share', `${where} has no firms`),
    indicator('ties.localExternalSpearman', rho, 'rho', rhoReason),
  ];
  return { family: 'ties', tables, indicators };
}
