/**
 * Stored region resolutions: the `resolutions` table (one row per organisation: its NUTS-3 code,
 * how it was found, the point used) and its provenance in `milieu_meta` (keys `resolutions.*`: the
 * Milieu version, the SHA-256 of the NUTS GeoJSON, the gazetteer, the imports resolved). Saving
 * replaces the table and its provenance in one transaction: all or nothing.
 */

import { MilieuError } from '../errors.ts';
import { RESOLUTION_METHODS, type Resolution, UNRESOLVED_REASONS } from '../model/resolution.ts';
import { MILIEU_VERSION } from '../version.ts';
import { DOUBLE, DuckDBDataChunk, VARCHAR } from './duckdb.ts';
import { literal } from './sql.ts';
import { inTransaction, type Store } from './store.ts';

export const RESOLUTIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS resolutions (
  organisation VARCHAR NOT NULL, nuts3 VARCHAR, method VARCHAR NOT NULL, reason VARCHAR NOT NULL,
  lat DOUBLE, lon DOUBLE, distance_km DOUBLE, place VARCHAR)`;

export interface ResolutionsMeta {
  milieuVersion: string;
  /** SHA-256 of the NUTS GeoJSON. */
  nutsSha256: string;
  /** Path of the GeoJSON as given. */
  nutsPath: string | null;
  gazetteer: string | null;
  maxDistanceKm: number;
  /** Content hashes of the store's imports at resolution time. */
  imports: string[];
  createdAt: string;
}

export interface SaveOptions {
  /** Path of the GeoJSON, recorded for the user. */
  nutsPath?: string;
  /** Called inside the transaction after the rows are written, before COMMIT (a throw rolls back). */
  beforeCommit?: () => Promise<void> | void;
}

const CHUNK = 2048;

async function importHashes(store: Store): Promise<string[]> {
  const rows = (
    await store.connection.runAndReadAll('SELECT content_hash FROM imports ORDER BY id')
  ).getRows();
  return rows.map((r) => String(r[0]));
}

/** The organisations a resolution was computed for, in its row order (a Dataset's `organisations`). */
export interface ResolvedOrganisations {
  readonly count: number;
  readonly id: ArrayLike<string>;
}

/**
 * Replaces the stored resolutions with `resolution` (computed on `dataset`'s organisations) in one
 * transaction. Returns the number of rows written. O(n).
 */
export async function saveResolutions(
  store: Store,
  dataset: { readonly organisations: ResolvedOrganisations },
  resolution: Resolution,
  options: SaveOptions = {},
): Promise<number> {
  const n = resolution.count;
  if (n !== dataset.organisations.count)
    throw new MilieuError(
      'resolutions',
      `resolution has ${n} rows for ${dataset.organisations.count} organisations`,
    );
  const imports = await importHashes(store);
  const { connection } = store;
  return inTransaction(store, async () => {
    await connection.run(RESOLUTIONS_TABLE_SQL);
    await connection.run('DELETE FROM resolutions');
    const appender = await connection.createAppender('resolutions');
    const types = [VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, VARCHAR];
    const num = (x: number) => (Number.isFinite(x) ? x : null);
    for (let start = 0; start < n; start += CHUNK) {
      const end = Math.min(n, start + CHUNK);
      const size = end - start;
      const cols: (string | number | null)[][] = types.map(() => new Array(size));
      for (let k = 0; k < size; k++) {
        const i = start + k;
        cols[0][k] = dataset.organisations.id[i];
        cols[1][k] = resolution.nuts3[i];
        cols[2][k] = RESOLUTION_METHODS[resolution.method[i]];
        cols[3][k] = UNRESOLVED_REASONS[resolution.reason[i]];
        cols[4][k] = num(resolution.lat[i]);
        cols[5][k] = num(resolution.lon[i]);
        cols[6][k] = num(resolution.distanceKm[i]);
        cols[7][k] = resolution.place[i];
      }
      const chunk = DuckDBDataChunk.create(types, size);
      chunk.setColumns(cols);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
    const meta: Record<string, string> = {
      'resolutions.milieu_version': MILIEU_VERSION,
      'resolutions.nuts_sha256': resolution.meta.nutsHash,
      'resolutions.nuts_path': options.nutsPath ?? '',
      'resolutions.gazetteer': resolution.meta.gazetteer ?? '',
      'resolutions.max_distance_km': String(resolution.meta.maxDistanceKm),
      'resolutions.imports': JSON.stringify(imports),
      'resolutions.created_at': new Date().toISOString(),
    };
    await connection.run("DELETE FROM milieu_meta WHERE key LIKE 'resolutions.%'");
    for (const [key, value] of Object.entries(meta))
      await connection.run(`INSERT INTO milieu_meta VALUES (${literal(key)}, ${literal(value)})`);
    await options.beforeCommit?.();
    return n;
  });
}

export interface StoredResolutions {
  count: number;
  organisation: string[];
  nuts3: (string | null)[];
  method: string[];
  lat: Float64Array;
  lon: Float64Array;
  meta: ResolutionsMeta;
  /** True when the store's imports changed since the resolutions were computed. */
  stale: boolean;
}

/** The stored resolutions, or null when `milieu resolve` has not been run on this store. */
export async function loadResolutions(store: Store): Promise<StoredResolutions | null> {
  const { connection } = store;
  const exists = await connection.runAndReadAll(
    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'resolutions'",
  );
  if (Number(exists.getRows()[0][0]) === 0) return null;
  const reader = await connection.runAndReadAll(
    'SELECT organisation, nuts3, method, lat, lon FROM resolutions ORDER BY organisation',
  );
  const [organisation, nuts3, method, lat, lon] = reader.getColumnsJS() as [
    string[],
    (string | null)[],
    string[],
    (number | null)[],
    (number | null)[],
  ];
  const metaRows = (
    await connection.runAndReadAll("SELECT key, value FROM milieu_meta WHERE key LIKE 'resolutions.%'")
  ).getRows();
  const m = new Map(metaRows.map((r) => [String(r[0]).slice('resolutions.'.length), String(r[1])]));
  const imports = JSON.parse(m.get('imports') || '[]') as string[];
  const current = await importHashes(store);
  const count = reader.currentRowCount;
  const floats = (values: (number | null)[] | undefined) =>
    Float64Array.from(values ?? [], (v) => (v === null ? Number.NaN : v));
  return {
    count,
    organisation: organisation ?? [],
    nuts3: nuts3 ?? [],
    method: method ?? [],
    lat: floats(lat),
    lon: floats(lon),
    meta: {
      milieuVersion: m.get('milieu_version') ?? '',
      nutsSha256: m.get('nuts_sha256') ?? '',
      nutsPath: m.get('nuts_path') || null,
      gazetteer: m.get('gazetteer') || null,
      maxDistanceKm: Number(m.get('max_distance_km') ?? Number.NaN),
      imports,
      createdAt: m.get('created_at') ?? '',
    },
    stale: JSON.stringify(imports) !== JSON.stringify(current),
  };
}
