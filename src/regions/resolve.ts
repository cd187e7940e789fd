/**
 * Region resolution: the NUTS-3 region of every organisation, from the best evidence it has, in
 * order: (a) a NUTS-3 code given by the source; (b) its coordinates, located in the NUTS-3 polygons;
 * (c) its locality (city name) and country, turned into coordinates by the gazetteer, then (b); a
 * locality the gazetteer does not know but that is the name of a NUTS-3 region of the organisation's
 * country (`OXFORDSHIRE`, `NAVARRA`) gives that region (method `gazetteer`, no point).
 *
 * A source code coarser than NUTS-3 (`DE2`) is refined by (b)/(c) when they land inside it, and is
 * otherwise left as the organisation's own code (resolution then reports it unresolved at level 3,
 * reason `coarse-source`). Points outside every NUTS-3 polygon fall back to the nearest polygon
 * within `maxDistanceKm` (the 1:60M coastline puts seaside places in the sea); points farther away
 * (organisations outside the NUTS countries) stay unresolved, reason `outside-nuts`.
 *
 * `resolveRegions` is a pure function of the Dataset, the polygons and the gazetteer. Cost: O(n)
 * lookups, each a hash lookup plus a few point-in-polygon tests of the regions in the point's grid
 * cell; gazetteer results are cached per distinct (locality, country).
 */
import type { Dataset } from '../dataset/dataset.ts';
import { nutsLevel } from '../model/index.ts';
import {
  METHOD_COORDINATES,
  METHOD_GAZETTEER,
  METHOD_SOURCE,
  METHOD_UNRESOLVED,
  RESOLUTION_METHODS,
  type Resolution,
  type ResolutionMethod,
  UNRESOLVED_REASONS,
  type UnresolvedReason,
} from '../model/resolution.ts';
import {
  eurostatCountry,
  foldPlaceName,
  type Gazetteer,
  loadGazetteer,
  repairMojibake,
} from './gazetteer.ts';
import { locate, type NutsPolygons } from './nuts-polygons.ts';

// The vocabularies and the result shape live in src/model/resolution.ts, so the store can save a
// resolution without importing the resolver.
export {
  METHOD_COORDINATES,
  METHOD_GAZETTEER,
  METHOD_SOURCE,
  METHOD_UNRESOLVED,
  RESOLUTION_METHODS,
  type Resolution,
  type ResolutionMethod,
  UNRESOLVED_REASONS,
  type UnresolvedReason,
} from '../model/resolution.ts';

export interface ResolveOptions {
  /** NUTS-3 polygons (`loadNutsPolygons`). */
  nutsGeojson: NutsPolygons;
  /** Gazetteer for localities; default the bundled one (`loadGazetteer()`); null to skip step (c). */
  gazetteer?: Gazetteer | null;
  /** Nearest-polygon fallback radius in km (default 10). */
  maxDistanceKm?: number;
  /** Called now and then with (organisations done, organisations in all). */
  onProgress?: (done: number, total: number) => void;
}

interface PlaceResult {
  lat: number;
  lon: number;
  place: string | null;
  region: number;
  distanceKm: number;
}

/**
 * Resolves every organisation of the Dataset to a NUTS-3 region (see the module comment).
 * Example: an organisation with no NUTS code, no coordinates, locality `MUENCHEN` and country `DE`
 * resolves by gazetteer to Munich (48.137 N, 11.575 E), inside DE212 (München, Kreisfreie Stadt).
 */
export function resolveRegions(dataset: Dataset, options: ResolveOptions): Resolution {
  const polygons = options.nutsGeojson;
  const gazetteer = options.gazetteer === undefined ? loadGazetteer() : options.gazetteer;
  const maxKm = options.maxDistanceKm ?? 10;
  const o = dataset.organisations;
  const n = o.count;
  const nuts3 = new Array<string | null>(n).fill(null);
  const method = new Uint8Array(n).fill(METHOD_UNRESOLVED);
  const reason = new Uint8Array(n);
  const lat = new Float64Array(n).fill(Number.NaN);
  const lon = new Float64Array(n).fill(Number.NaN);
  const distanceKm = new Float64Array(n).fill(Number.NaN);
  const place = new Array<string | null>(n).fill(null);
  const places = new Map<string, PlaceResult | null>();

  const regionNames = new Map<string, number>();
  for (let f = 0; f < polygons.count; f++) {
    // `Cambridgeshire CC` (County Council) is also `Cambridgeshire`; `Araba/Álava` both names.
    const name = polygons.name[f].replace(/ CC$/, '');
    for (const part of [name, ...(name.includes('/') ? name.split('/') : [])]) {
      const key = foldPlaceName(part);
      if (key !== '') regionNames.set(`${polygons.country[f]}\u0000${key}`, f);
    }
  }

  /** Accepts region f for organisation i when it lies inside the coarse source code (if any). */
  const fits = (f: number, coarse: string | null) =>
    f >= 0 && (coarse === null || polygons.id[f].startsWith(coarse));

  for (let i = 0; i < n; i++) {
    if (i % 1000 === 0) options.onProgress?.(i, n);
    const country = o.country[i] ? eurostatCountry(o.country[i]!) : null;
    const source = o.nuts[i]?.trim().toUpperCase() ?? '';
    const level = source === '' ? null : nutsLevel(source);
    if (level === 3) {
      nuts3[i] = source;
      method[i] = METHOD_SOURCE;
      lat[i] = o.lat[i];
      lon[i] = o.lon[i];
      continue;
    }
    const coarse = level === null ? null : source;
    let outside = false;

    // (b) the organisation's own coordinates.
    const y = o.lat[i];
    const x = o.lon[i];
    if (Number.isFinite(x) && Number.isFinite(y) && Math.abs(y) <= 90 && Math.abs(x) <= 180) {
      lat[i] = y;
      lon[i] = x;
      const hit = locate(polygons, x, y, { maxKm, country });
      if (fits(hit.index, coarse)) {
        nuts3[i] = polygons.id[hit.index];
        method[i] = METHOD_COORDINATES;
        distanceKm[i] = hit.distanceKm;
        continue;
      }
      outside = hit.index < 0;
    }

    // (c) the locality through the gazetteer, then (b).
    // Only for countries the polygons cover: elsewhere no point could get a NUTS-3 region.
    const locality = o.locality[i];
    const covered = country === null || polygons.countries.has(country);
    if (!covered) outside = true;
    else if (gazetteer !== null && locality !== null && locality.trim() !== '') {
      const key = `${country ?? ''}\u0000${locality}`;
      let found = places.get(key);
      if (found === undefined) {
        const m = gazetteer.lookup(locality, country);
        if (m === null) found = null;
        else {
          const hit = locate(polygons, m.lon, m.lat, { maxKm, country });
          found = { lat: m.lat, lon: m.lon, place: m.name, region: hit.index, distanceKm: hit.distanceKm };
        }
        places.set(key, found);
      }
      if (found !== null) {
        if (Number.isNaN(lat[i])) {
          lat[i] = found.lat;
          lon[i] = found.lon;
        }
        place[i] = found.place;
        if (fits(found.region, coarse)) {
          nuts3[i] = polygons.id[found.region];
          method[i] = METHOD_GAZETTEER;
          lat[i] = found.lat;
          lon[i] = found.lon;
          distanceKm[i] = found.distanceKm;
          continue;
        }
        outside = outside || found.region < 0;
      } else {
        // A locality that is the name of a NUTS-3 region (`OXFORDSHIRE`, `NAVARRA`).
        const f = regionNames.get(`${country ?? ''}\u0000${foldPlaceName(locality)}`) ?? -1;
        if (fits(f, coarse)) {
          nuts3[i] = polygons.id[f];
          method[i] = METHOD_GAZETTEER;
          place[i] = polygons.name[f];
          continue;
        }
      }
    }

    reason[i] =
      coarse !== null
        ? 4
        : outside
          ? 3
          : locality !== null && locality.trim() !== ''
            ? 2
            : Number.isFinite(lat[i])
              ? 3
              : 1;
  }
  options.onProgress?.(n, n);
  return {
    count: n,
    nuts3,
    method,
    reason,
    lat,
    lon,
    distanceKm,
    place,
    meta: { nutsHash: polygons.hash, gazetteer: gazetteer?.source ?? null, maxDistanceKm: maxKm },
  };
}

export interface UnresolvedLocality {
  /** The most common spelling in the data (mojibake repaired). */
  locality: string;
  country: string | null;
  organisations: number;
  reason: UnresolvedReason;
}

export interface UnresolvedOrganisation {
  id: string;
  name: string | null;
  locality: string | null;
  country: string | null;
  reason: UnresolvedReason;
}

export interface ResolutionReport {
  total: number;
  /** Organisations per method; they add up to `total`. */
  byMethod: Record<ResolutionMethod, number>;
  /** Share of `total` per method. */
  rates: Record<ResolutionMethod, number>;
  resolved: number;
  resolvedRate: number;
  /** Organisations with a locality, and how many of them were resolved (by any method). */
  withLocality: number;
  resolvedWithLocality: number;
  /** Resolved through the nearest-polygon fallback (their point lies outside every polygon). */
  nearestFallback: number;
  /** Unresolved organisations per reason; they add up to byMethod.unresolved. */
  unresolvedByReason: Record<Exclude<UnresolvedReason, 'resolved'>, number>;
  /** Unresolved localities, most frequent first (ties: alphabetical). */
  topUnresolvedLocalities: UnresolvedLocality[];
  /** Every unresolved organisation: those with a locality ordered by their locality's frequency, then those without. */
  unresolved: UnresolvedOrganisation[];
  meta: Resolution['meta'];
}

/**
 * Rates by method and the unresolved organisations. O(n log n) for the sorting.
 * Example: 4 organisations resolved by source, gazetteer, gazetteer and none → rates 0.25, 0, 0.5, 0.25.
 */
export function resolutionReport(
  dataset: Dataset,
  resolution: Resolution,
  options: { top?: number } = {},
): ResolutionReport {
  const o = dataset.organisations;
  const n = resolution.count;
  const byMethod = Object.fromEntries(RESOLUTION_METHODS.map((m) => [m, 0])) as Record<
    ResolutionMethod,
    number
  >;
  const byReason = Object.fromEntries(UNRESOLVED_REASONS.slice(1).map((r) => [r, 0])) as Record<
    Exclude<UnresolvedReason, 'resolved'>,
    number
  >;
  let withLocality = 0;
  let resolvedWithLocality = 0;
  let nearestFallback = 0;
  const groups = new Map<
    string,
    { spellings: Map<string, number>; country: string | null; members: number[] }
  >();
  const noLocality: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = resolution.method[i];
    byMethod[RESOLUTION_METHODS[m]]++;
    const locality = o.locality[i]?.trim() || null;
    if (locality !== null) {
      withLocality++;
      if (m !== METHOD_UNRESOLVED) resolvedWithLocality++;
    }
    if (m !== METHOD_UNRESOLVED && resolution.distanceKm[i] > 0) nearestFallback++;
    if (m !== METHOD_UNRESOLVED) continue;
    byReason[UNRESOLVED_REASONS[resolution.reason[i]] as Exclude<UnresolvedReason, 'resolved'>]++;
    if (locality === null) {
      noLocality.push(i);
      continue;
    }
    const country = o.country[i];
    const key = `${country ?? ''}\u0000${foldPlaceName(locality) || locality}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { spellings: new Map(), country, members: [] };
      groups.set(key, g);
    }
    const spelling = repairMojibake(locality);
    g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + 1);
    g.members.push(i);
  }
  const sorted = [...groups.values()]
    .map((g) => {
      let best = '';
      let count = -1;
      for (const [s, c] of g.spellings) if (c > count || (c === count && s < best)) [best, count] = [s, c];
      return { ...g, locality: best };
    })
    .sort((a, b) => b.members.length - a.members.length || a.locality.localeCompare(b.locality));
  const describe = (i: number): UnresolvedOrganisation => ({
    id: o.id[i],
    name: o.name[i],
    locality: o.locality[i],
    country: o.country[i],
    reason: UNRESOLVED_REASONS[resolution.reason[i]],
  });
  const resolved = n - byMethod.unresolved;
  return {
    total: n,
    byMethod,
    rates: Object.fromEntries(RESOLUTION_METHODS.map((m) => [m, n > 0 ? byMethod[m] / n : 0])) as Record<
      ResolutionMethod,
      number
    >,
    resolved,
    resolvedRate: n > 0 ? resolved / n : 0,
    withLocality,
    resolvedWithLocality,
    nearestFallback,
    unresolvedByReason: byReason,
    topUnresolvedLocalities: sorted.slice(0, options.top ?? 20).map((g) => ({
      locality: g.locality,
      country: g.country,
      organisations: g.members.length,
      reason: UNRESOLVED_REASONS[resolution.reason[g.members[0]]],
    })),
    unresolved: [...sorted.flatMap((g) => g.members), ...noLocality].map(describe),
    meta: resolution.meta,
  };
}
