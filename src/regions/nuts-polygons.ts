/**
 * NUTS region polygons (Eurostat GISCO GeoJSON) and point location: which NUTS-3 region holds a
 * point given in WGS84 longitude/latitude.
 *
 * Geometry is flattened into typed arrays: all vertices in one Float64Array, ring offsets, and each
 * region's range of rings (a MultiPolygon's polygons and their holes are just more rings). A point is
 * inside a region when a ray from it crosses the region's rings an odd number of times (even–odd
 * rule), which handles holes and MultiPolygons alike for valid geometry. A uniform grid over the
 * regions' bounding boxes lists, per cell, the regions whose box meets the cell, so a point is tested
 * against a handful of regions instead of all of them.
 *
 * Edge convention: the crossing test counts an edge when exactly one of its ends lies strictly above
 * the point's latitude and the crossing lies strictly east of the point. So a point on a polygon's
 * west or south boundary is inside, a point on its east or north boundary is outside, and a point on
 * an edge shared by two adjacent regions belongs to exactly one of them (the one east of a north–south
 * edge, the one north of an east–west edge).
 *
 * The 1:60 million generalisation moves coastlines and borders by up to a few kilometres, so points
 * at the coast (a port, a seaside campus) can fall in the sea. `locate` therefore falls back to the
 * nearest region within `maxKm` (10 km by default) and reports the distance.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';

/** Polygons of one NUTS level, flattened, with a grid index. */
export interface NutsPolygons {
  /** Number of regions. */
  count: number;
  /** NUTS level of the regions (3 for resolution). */
  level: number;
  /** NUTS_ID per region. */
  id: string[];
  /** Country code per region (Eurostat spelling: EL, UK). */
  country: string[];
  /** Latin-script name per region. */
  name: string[];
  /** The distinct country codes. */
  countries: ReadonlySet<string>;
  /** Vertices: x (longitude) at 2k, y (latitude) at 2k+1. */
  coords: Float64Array;
  /** Ring r spans vertices ringStart[r] .. ringStart[r+1]-1 (count + 1 entries). */
  ringStart: Int32Array;
  /** Region f owns rings regionRingStart[f] .. regionRingStart[f+1]-1. */
  regionRingStart: Int32Array;
  /** Bounding box per region: minX, minY, maxX, maxY at 4f..4f+3. */
  bbox: Float64Array;
  grid: Grid;
  /** Region index by NUTS_ID. */
  index: ReadonlyMap<string, number>;
  /** SHA-256 of the GeoJSON file, or of its JSON text when built from an object. */
  hash: string;
}

/** Uniform grid over the union of the regions' boxes; cell (cx, cy) lists regions in CSR form. */
interface Grid {
  minX: number;
  minY: number;
  cellSize: number;
  nx: number;
  ny: number;
  cellStart: Int32Array;
  items: Int32Array;
}

/** Kilometres per degree of latitude (mean Earth radius 6371.0088 km). */
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

export interface NutsPolygonOptions {
  /** NUTS level to keep (default 3). */
  level?: number;
  /** Grid cell size in degrees (default 0.25). */
  cellSize?: number;
}

/** Reads a GISCO NUTS GeoJSON file (any level mix) and keeps one level (default NUTS-3). */
export function loadNutsPolygons(path: string, options: NutsPolygonOptions = {}): NutsPolygons {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError('regions', `cannot read the NUTS GeoJSON ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new UsageError('regions', `${path} is not JSON: ${(e as Error).message}`);
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  return nutsPolygonsFromGeojson(json, { ...options, hash, source: path });
}

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

/**
 * Builds the polygon index from a parsed GeoJSON FeatureCollection whose features carry `NUTS_ID`
 * (and `LEVL_CODE`, else the level is read from the code's length) and `CNTR_CODE`.
 */
export function nutsPolygonsFromGeojson(
  geojson: unknown,
  options: NutsPolygonOptions & { hash?: string; source?: string } = {},
): NutsPolygons {
  const level = options.level ?? 3;
  const source = options.source ?? 'GeoJSON';
  const features = (geojson as { features?: unknown })?.features;
  if (!Array.isArray(features))
    throw new UsageError('regions', `${source} is not a GeoJSON FeatureCollection (no features array)`);

  const ids: string[] = [];
  const countries: string[] = [];
  const names: string[] = [];
  const coords: number[] = [];
  const ringStart: number[] = [0];
  const regionRingStart: number[] = [0];
  for (const f of features as Feature[]) {
    const p = f?.properties ?? {};
    const id = typeof p.NUTS_ID === 'string' ? p.NUTS_ID : null;
    if (id === null) continue;
    const featureLevel = typeof p.LEVL_CODE === 'number' ? p.LEVL_CODE : id.length - 2;
    if (featureLevel !== level) continue;
    const g = f.geometry;
    const polygons =
      g?.type === 'Polygon'
        ? [g.coordinates as number[][][]]
        : g?.type === 'MultiPolygon'
          ? (g.coordinates as number[][][][])
          : null;
    if (polygons === null || !Array.isArray(polygons))
      throw new UsageError('regions', `${source}: region ${id} has no Polygon or MultiPolygon geometry`);
    for (const polygon of polygons) {
      for (const ring of polygon) {
        if (!Array.isArray(ring) || ring.length < 3) continue;
        for (const point of ring) coords.push(Number(point[0]), Number(point[1]));
        ringStart.push(coords.length / 2);
      }
    }
    regionRingStart.push(ringStart.length - 1);
    ids.push(id);
    countries.push(typeof p.CNTR_CODE === 'string' ? p.CNTR_CODE : id.slice(0, 2));
    names.push(
      typeof p.NAME_LATN === 'string' ? p.NAME_LATN : typeof p.NUTS_NAME === 'string' ? p.NUTS_NAME : id,
    );
  }
  if (ids.length === 0)
    throw new UsageError('regions', `${source} holds no NUTS level-${level} region with a polygon`);

  const n = ids.length;
  const xy = Float64Array.from(coords);
  const rings = Int32Array.from(ringStart);
  const regionRings = Int32Array.from(regionRingStart);
  const bbox = new Float64Array(4 * n);
  for (let f = 0; f < n; f++) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let v = rings[regionRings[f]]; v < rings[regionRings[f + 1]]; v++) {
      const x = xy[2 * v];
      const y = xy[2 * v + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    bbox.set([minX, minY, maxX, maxY], 4 * f);
  }
  return {
    count: n,
    level,
    id: ids,
    country: countries,
    name: names,
    countries: new Set(countries),
    coords: xy,
    ringStart: rings,
    regionRingStart: regionRings,
    bbox,
    grid: buildGrid(bbox, n, options.cellSize ?? 0.25),
    index: new Map(ids.map((id, i) => [id, i])),
    hash: options.hash ?? createHash('sha256').update(JSON.stringify(geojson)).digest('hex'),
  };
}

function buildGrid(bbox: Float64Array, n: number, cellSize: number): Grid {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let f = 0; f < n; f++) {
    minX = Math.min(minX, bbox[4 * f]);
    minY = Math.min(minY, bbox[4 * f + 1]);
    maxX = Math.max(maxX, bbox[4 * f + 2]);
    maxY = Math.max(maxY, bbox[4 * f + 3]);
  }
  const nx = Math.max(1, Math.floor((maxX - minX) / cellSize) + 1);
  const ny = Math.max(1, Math.floor((maxY - minY) / cellSize) + 1);
  const counts = new Int32Array(nx * ny + 1);
  const span = (f: number) => [
    Math.floor((bbox[4 * f] - minX) / cellSize),
    Math.floor((bbox[4 * f + 1] - minY) / cellSize),
    Math.floor((bbox[4 * f + 2] - minX) / cellSize),
    Math.floor((bbox[4 * f + 3] - minY) / cellSize),
  ];
  for (let f = 0; f < n; f++) {
    const [x0, y0, x1, y1] = span(f);
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) counts[cy * nx + cx + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) counts[c + 1] += counts[c];
  const cellStart = counts;
  const fill = cellStart.slice(0, nx * ny);
  const items = new Int32Array(cellStart[nx * ny]);
  for (let f = 0; f < n; f++) {
    const [x0, y0, x1, y1] = span(f);
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) items[fill[cy * nx + cx]++] = f;
  }
  return { minX, minY, cellSize, nx, ny, cellStart, items };
}

/**
 * Even–odd ray casting over every ring of region f (outer rings and holes alike). O(vertices of f).
 * Example: the unit square with the hole [0.25, 0.75]² holds (0.1, 0.1) but not (0.5, 0.5).
 */
export function regionContains(p: NutsPolygons, f: number, x: number, y: number): boolean {
  const { coords, ringStart } = p;
  let inside = false;
  for (let r = p.regionRingStart[f]; r < p.regionRingStart[f + 1]; r++) {
    const start = ringStart[r];
    const end = ringStart[r + 1];
    let j = end - 1;
    for (let i = start; i < end; j = i++) {
      const yi = coords[2 * i + 1];
      const yj = coords[2 * j + 1];
      if (yi > y !== yj > y) {
        const xi = coords[2 * i];
        const xj = coords[2 * j];
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Index of the region containing (x, y), or -1. With `country`, a containing region of that country
 * is preferred when regions overlap. Tests only the regions listed in the point's grid cell whose box
 * holds the point.
 */
export function regionAt(p: NutsPolygons, x: number, y: number, country: string | null = null): number {
  const g = p.grid;
  const cx = Math.floor((x - g.minX) / g.cellSize);
  const cy = Math.floor((y - g.minY) / g.cellSize);
  if (!(cx >= 0 && cx < g.nx && cy >= 0 && cy < g.ny)) return -1;
  const cell = cy * g.nx + cx;
  const { bbox } = p;
  let found = -1;
  for (let k = g.cellStart[cell]; k < g.cellStart[cell + 1]; k++) {
    const f = g.items[k];
    if (x < bbox[4 * f] || x > bbox[4 * f + 2] || y < bbox[4 * f + 1] || y > bbox[4 * f + 3]) continue;
    if (!regionContains(p, f, x, y)) continue;
    if (country === null || p.country[f] === country) return f;
    if (found < 0) found = f;
  }
  return found;
}

/** Distance in km from (x, y) to region f's boundary, in a local equirectangular projection. */
export function distanceToRegionKm(p: NutsPolygons, f: number, x: number, y: number): number {
  const ky = KM_PER_DEGREE;
  const kx = KM_PER_DEGREE * Math.cos((y * Math.PI) / 180);
  const { coords, ringStart } = p;
  let best = Infinity;
  for (let r = p.regionRingStart[f]; r < p.regionRingStart[f + 1]; r++) {
    const start = ringStart[r];
    const end = ringStart[r + 1];
    for (let i = start + 1; i < end; i++) {
      const ax = (coords[2 * i - 2] - x) * kx;
      const ay = (coords[2 * i - 1] - y) * ky;
      const bx = (coords[2 * i] - x) * kx;
      const by = (coords[2 * i + 1] - y) * ky;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
      if (t < 0) t = 0;
      else if (t > 1) t = 1;
      const px = ax + t * dx;
      const py = ay + t * dy;
      const d2 = px * px + py * py;
      if (d2 < best) best = d2;
    }
  }
  return Math.sqrt(best);
}

/**
 * The region nearest to (x, y) within maxKm (only regions of `country` when given): index and
 * distance in km, or index -1. Looks at the grid cells within maxKm of the point.
 */
export function nearestRegion(
  p: NutsPolygons,
  x: number,
  y: number,
  maxKm: number,
  country: string | null = null,
): { index: number; distanceKm: number } {
  const g = p.grid;
  const dy = maxKm / KM_PER_DEGREE;
  const cos = Math.cos((y * Math.PI) / 180);
  const dx = cos > 1e-6 ? dy / cos : 360;
  const x0 = Math.max(0, Math.floor((x - dx - g.minX) / g.cellSize));
  const x1 = Math.min(g.nx - 1, Math.floor((x + dx - g.minX) / g.cellSize));
  const y0 = Math.max(0, Math.floor((y - dy - g.minY) / g.cellSize));
  const y1 = Math.min(g.ny - 1, Math.floor((y + dy - g.minY) / g.cellSize));
  let index = -1;
  let distanceKm = Infinity;
  const seen = new Set<number>();
  const { bbox } = p;
  for (let cy = y0; cy <= y1; cy++) {
    for (let cx = x0; cx <= x1; cx++) {
      const cell = cy * g.nx + cx;
      for (let k = g.cellStart[cell]; k < g.cellStart[cell + 1]; k++) {
        const f = g.items[k];
        if (seen.has(f)) continue;
        seen.add(f);
        if (country !== null && p.country[f] !== country) continue;
        if (
          x + dx < bbox[4 * f] ||
          x - dx > bbox[4 * f + 2] ||
          y + dy < bbox[4 * f + 1] ||
          y - dy > bbox[4 * f + 3]
        )
          continue;
        const d = regionContains(p, f, x, y) ? 0 : distanceToRegionKm(p, f, x, y);
        if (d < distanceKm) [index, distanceKm] = [f, d];
      }
    }
  }
  return distanceKm <= maxKm ? { index, distanceKm } : { index: -1, distanceKm: Number.NaN };
}

export interface Location {
  /** Region index, -1 when none. */
  index: number;
  /** 0 when the point is inside the region; the distance to it when the nearest-region fallback was used. */
  distanceKm: number;
}

/**
 * Locates a point: the region containing it; when none contains it (a coastal point falling in the
 * generalised sea), the nearest region within maxKm. With `country` (Eurostat spelling), a region of
 * that country is preferred: a point that falls just across a generalised border goes to the nearest
 * region of its own country within maxKm.
 */
export function locate(
  p: NutsPolygons,
  lon: number,
  lat: number,
  options: { maxKm?: number; country?: string | null } = {},
): Location {
  const maxKm = options.maxKm ?? 10;
  const country = options.country && p.countries.has(options.country) ? options.country : null;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { index: -1, distanceKm: Number.NaN };
  const inside = regionAt(p, lon, lat, country);
  if (inside >= 0 && (country === null || p.country[inside] === country))
    return { index: inside, distanceKm: 0 };
  if (maxKm > 0) {
    const near = nearestRegion(p, lon, lat, maxKm, country);
    if (near.index >= 0) return near;
  }
  return inside >= 0 ? { index: inside, distanceKm: 0 } : { index: -1, distanceKm: Number.NaN };
}
