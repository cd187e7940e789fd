/**
 * The geography of a selection, shared by the ties, mobility and large-firms families: which
 * organisations a selection covers (its region's members through src/measures/selection.ts, or
 * everyone), when two organisations count as local to each other, and the scope of a tie between
 * them (local, national, international, global).
 */
import type { Dataset } from '../dataset/dataset.ts';
import { foldName, isEuropean, tieScope } from '../dataset/regions.ts';
import { TIE_SCOPES, type TieScope } from '../model/index.ts';
import type { Selection } from './common.ts';
import { selectionMembers } from './selection.ts';

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
    members = selectionMembers(dataset, selection)!;
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

/** The name of the selection for reasons: "region fenland" or "the dataset". */
export function selectionName(scope: SelectionScope): string {
  return scope.region === null ? 'the dataset' : `region ${scope.region}`;
}
