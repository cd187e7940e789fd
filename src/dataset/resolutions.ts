/**
 * Stored region resolutions (`milieu resolve`, src/store/resolutions.ts) applied to raw tables as a
 * store is loaded into a Dataset.
 */
import type { StoredResolutions } from '../store/resolutions.ts';
import type { RawTables } from './raw.ts';

/**
 * Fills the organisations' missing `nuts` in raw tables (before `buildDataset`) from stored
 * resolutions; with `coordinates`, also missing lat/lon (the gazetteer's place for a city-only
 * organisation). Codes the source gave are never changed. Returns the number of organisations
 * whose NUTS code was filled. O(n).
 */
export function applyResolutions(
  raw: RawTables,
  stored: StoredResolutions,
  options: { coordinates?: boolean } = {},
): number {
  const org = raw.organisations;
  if (!org || org.rowCount === 0) return 0;
  const byId = new Map<string, number>();
  for (let k = 0; k < stored.count; k++) if (stored.nuts3[k] !== null) byId.set(stored.organisation[k], k);
  const ids = org.columns.id ?? [];
  const nuts = (org.columns.nuts ??= new Array(org.rowCount).fill(null));
  const lat = options.coordinates ? (org.columns.lat ??= new Array(org.rowCount).fill(null)) : null;
  const lon = options.coordinates ? (org.columns.lon ??= new Array(org.rowCount).fill(null)) : null;
  let filled = 0;
  for (let i = 0; i < org.rowCount; i++) {
    const k = byId.get(String(ids[i]));
    if (k === undefined) continue;
    if (nuts[i] === null || nuts[i] === undefined || nuts[i] === '') {
      nuts[i] = stored.nuts3[k];
      filled++;
    }
    if (lat && lon && (lat[i] === null || lat[i] === undefined) && Number.isFinite(stored.lat[k])) {
      lat[i] = stored.lat[k];
      lon[i] = stored.lon[k];
    }
  }
  return filled;
}
