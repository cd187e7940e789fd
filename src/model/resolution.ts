/**
 * The vocabularies of region resolution (how each organisation's NUTS-3 region was found, or why it
 * was not) and the shape of a resolution. They sit in the model so that both the resolver
 * (`src/regions/resolve.ts`) and the store that saves its result (`src/store/resolutions.ts`) can
 * import them without the store depending on the resolver.
 */

/** How an organisation's NUTS-3 region was found; codes index this list. */
export const RESOLUTION_METHODS = ['source', 'coordinates', 'gazetteer', 'unresolved'] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];
export const METHOD_SOURCE = 0;
export const METHOD_COORDINATES = 1;
export const METHOD_GAZETTEER = 2;
export const METHOD_UNRESOLVED = 3;

/** Why an organisation is unresolved; code 0 (`resolved`) for the resolved ones. */
export const UNRESOLVED_REASONS = [
  'resolved',
  /** No NUTS code, no coordinates and no locality. */
  'no-locality',
  /** A locality the gazetteer does not know (or no gazetteer was used). */
  'locality-not-found',
  /**
   * A point (given or from the gazetteer) farther than maxDistanceKm from every NUTS-3 polygon, or a
   * country the polygons do not cover (the gazetteer is not consulted there).
   */
  'outside-nuts',
  /** A source NUTS code coarser than level 3 that coordinates and locality could not refine. */
  'coarse-source',
] as const;
export type UnresolvedReason = (typeof UNRESOLVED_REASONS)[number];

/** One entry per organisation (dataset.organisations order). */
export interface Resolution {
  count: number;
  /** NUTS-3 code, null when unresolved. */
  nuts3: (string | null)[];
  /** Code into RESOLUTION_METHODS. */
  method: Uint8Array;
  /** Code into UNRESOLVED_REASONS (0 when resolved). */
  reason: Uint8Array;
  /** The point used (the organisation's own or the gazetteer's); NaN when none. */
  lat: Float64Array;
  lon: Float64Array;
  /** 0 when the point lies inside its region; the distance in km when the nearest-polygon fallback placed it; NaN otherwise. */
  distanceKm: Float64Array;
  /** The gazetteer place used, when the gazetteer was. */
  place: (string | null)[];
  meta: {
    /** SHA-256 of the NUTS GeoJSON. */
    nutsHash: string;
    /** The gazetteer's source, or null when none was used. */
    gazetteer: string | null;
    maxDistanceKm: number;
  };
}
