import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import {
  distanceToRegionKm,
  loadNutsPolygons,
  locate,
  nearestRegion,
  nutsPolygonsFromGeojson,
  regionAt,
  regionContains,
} from '../../src/regions/nuts-polygons.ts';
import { SHARED_DATA } from '../helpers.ts';

const GEOJSON = join(SHARED_DATA, 'nuts/NUTS_RG_60M_2021_4326.geojson');
const hasNuts = existsSync(GEOJSON);

type Ring = number[][];
function feature(id: string, geometry: { type: string; coordinates: unknown }, country = id.slice(0, 2)) {
  return {
    type: 'Feature',
    properties: { NUTS_ID: id, LEVL_CODE: id.length - 2, CNTR_CODE: country, NAME_LATN: `name ${id}` },
    geometry,
  };
}
const square = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/**
 * Hand-made regions (degrees, but small and near the equator so 1° ≈ 111 km):
 *   XX001 the square [0, 4]² with the hole [1, 3]²;
 *   XX002 a MultiPolygon of two unit squares [5, 6]×[0, 1] and [7, 8]×[0, 1];
 *   XX003 the square [0, 4]×[4, 8], sharing its south edge y = 4 with XX001's north edge;
 *   XX004 the square [4, 5]×[0, 1], sharing its west edge x = 4 with XX001 and its east edge x = 5 with XX002;
 *   XX01 a level-2 region that must be ignored.
 */
const HAND_MADE = {
  type: 'FeatureCollection',
  features: [
    feature('XX001', { type: 'Polygon', coordinates: [square(0, 0, 4, 4), square(1, 1, 3, 3)] }),
    feature('XX002', { type: 'MultiPolygon', coordinates: [[square(5, 0, 6, 1)], [square(7, 0, 8, 1)]] }),
    feature('XX003', { type: 'Polygon', coordinates: [square(0, 4, 4, 8)] }),
    feature('XX004', { type: 'Polygon', coordinates: [square(4, 0, 5, 1)] }, 'YY'),
    feature('XX01', { type: 'Polygon', coordinates: [square(-50, -50, 50, 50)] }),
  ],
};

describe('point in polygon on hand-made regions', () => {
  const p = nutsPolygonsFromGeojson(HAND_MADE);
  const at = (x: number, y: number) => {
    const f = regionAt(p, x, y);
    return f < 0 ? null : p.id[f];
  };

  it('keeps only level-3 regions and indexes them', () => {
    expect(p.count).toBe(4);
    expect(p.id).toEqual(['XX001', 'XX002', 'XX003', 'XX004']);
    expect(p.index.get('XX003')).toBe(2);
    expect([...p.countries].sort()).toEqual(['XX', 'YY']);
    // 5 + 5 ring vertices for XX001, 5 + 5 for XX002, 5 + 5 for XX003 and XX004
    expect(p.coords.length / 2).toBe(30);
  });

  it('square with a hole: inside the ring, not inside the hole', () => {
    expect(regionContains(p, 0, 0.5, 0.5)).toBe(true);
    expect(regionContains(p, 0, 3.5, 2)).toBe(true);
    expect(regionContains(p, 0, 2, 2)).toBe(false); // in the hole
    expect(regionContains(p, 0, -1, 2)).toBe(false);
    expect(at(2, 2)).toBeNull();
    expect(at(0.5, 3.9)).toBe('XX001');
  });

  it('MultiPolygon: both parts, not the gap between them', () => {
    expect(at(5.5, 0.5)).toBe('XX002');
    expect(at(7.5, 0.5)).toBe('XX002');
    expect(at(6.5, 0.5)).toBeNull();
  });

  it('points on edges: west and south edges are inside, east and north edges outside, so a shared edge belongs to one region', () => {
    // XX001's west edge x = 0 and south edge y = 0: inside
    expect(regionContains(p, 0, 0, 2)).toBe(true);
    expect(regionContains(p, 0, 2, 0)).toBe(true);
    // The shared edge y = 4 is XX001's north edge (outside) and XX003's south edge (inside).
    expect(regionContains(p, 0, 2, 4)).toBe(false);
    expect(regionContains(p, 2, 2, 4)).toBe(true);
    expect(at(2, 4)).toBe('XX003');
    // The shared edge x = 4 between XX001 and XX004: the region to the east (XX004) holds it.
    expect(at(4, 0.5)).toBe('XX004');
    // x = 5 between XX004 and XX002: XX002 (east).
    expect(at(5, 0.5)).toBe('XX002');
    // the hole's edges: the hole's west edge x = 1 is XX001's "east" side of the hole: outside
    expect(regionContains(p, 0, 1, 2)).toBe(false);
    expect(regionContains(p, 0, 3, 2)).toBe(true);
  });

  it('a country filter prefers that country only among containing regions', () => {
    expect(regionAt(p, 4.5, 0.5, 'YY')).toBe(3);
    // no XX region contains the point: the YY one is still returned
    expect(regionAt(p, 4.5, 0.5, 'XX')).toBe(3);
  });

  it('outside the grid: -1', () => {
    expect(regionAt(p, 100, 100)).toBe(-1);
    expect(regionAt(p, Number.NaN, 0)).toBe(-1);
  });

  it('distance to a region boundary in km (1° of latitude ≈ 111.2 km)', () => {
    // (2, -0.1) is 0.1° south of XX001's south edge: 0.1 × 111.195 km
    expect(distanceToRegionKm(p, 0, 2, -0.1)).toBeCloseTo(11.1195, 3);
    // the hole's centre (2, 2) is 1° from the hole's edges; the nearest are the west and east ones,
    // 1° of longitude at latitude 2° = 111.195 × cos 2° = 111.127 km
    expect(distanceToRegionKm(p, 0, 2, 2)).toBeCloseTo(111.195 * Math.cos((2 * Math.PI) / 180), 3);
  });

  it('nearest region within a radius, and locate falls back to it', () => {
    // (6.5, 0.5) lies in XX002's gap, 0.5° (55.6 km at the equator) from either part
    expect(nearestRegion(p, 6.5, 0.5, 10).index).toBe(-1);
    const near = nearestRegion(p, 6.5, 0.5, 60);
    expect(p.id[near.index]).toBe('XX002');
    expect(near.distanceKm).toBeCloseTo(55.6, 1);
    // 0.05° south of XX001 = 5.56 km: placed with the default 10 km
    const hit = locate(p, 2, -0.05);
    expect(p.id[hit.index]).toBe('XX001');
    expect(hit.distanceKm).toBeCloseTo(5.56, 2);
    // inside: distance 0
    expect(locate(p, 0.5, 0.5)).toEqual({ index: 0, distanceKm: 0 });
    // too far, or fallback disabled
    expect(locate(p, 2, -0.2).index).toBe(-1);
    expect(locate(p, 2, -0.05, { maxKm: 0 }).index).toBe(-1);
  });

  it('locate with a country: a point in another country goes to the nearest region of its own within maxKm', () => {
    // (4.05, 0.5) is inside XX004 (country YY), 0.05° = 5.6 km east of XX001
    expect(p.id[locate(p, 4.05, 0.5).index]).toBe('XX004');
    const own = locate(p, 4.05, 0.5, { country: 'XX' });
    expect(p.id[own.index]).toBe('XX001');
    expect(own.distanceKm).toBeCloseTo(5.56, 2);
    // (5.5, 0.5) is inside XX002; the only YY region, XX004, is 0.5° = 55 km away, beyond 10 km:
    // the containing region is kept
    expect(p.id[locate(p, 5.5, 0.5, { country: 'YY' }).index]).toBe('XX002');
    // a country absent from the polygons is ignored
    expect(p.id[locate(p, 4.5, 0.5, { country: 'ZZ' }).index]).toBe('XX004');
  });

  it('rejects what is not a NUTS FeatureCollection', () => {
    expect(() => nutsPolygonsFromGeojson({ type: 'Feature' })).toThrow(UsageError);
    expect(() => nutsPolygonsFromGeojson({ type: 'FeatureCollection', features: [] })).toThrow(
      /no NUTS level-3/,
    );
    expect(() =>
      nutsPolygonsFromGeojson({ features: [feature('XX001', { type: 'Point', coordinates: [0, 0] })] }),
    ).toThrow(/no Polygon/);
    expect(() => loadNutsPolygons('/nonexistent.geojson')).toThrow(UsageError);
  });

  it('a grid of many cells gives the same answers as testing every region', () => {
    const fine = nutsPolygonsFromGeojson(HAND_MADE, { cellSize: 0.3 });
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let k = 0; k < 2000; k++) {
      const x = -1 + 10 * rand();
      const y = -1 + 10 * rand();
      let brute = -1;
      for (let f = 0; f < p.count; f++) if (regionContains(p, f, x, y)) brute = f;
      expect(regionAt(fine, x, y)).toBe(brute);
      expect(regionAt(p, x, y)).toBe(brute);
    }
  });
});

describe.skipIf(!hasNuts)('the GISCO NUTS 2021 polygons (1:60M)', () => {
  it('loads the 1,514 NUTS-3 regions and locates known places', () => {
    const p = loadNutsPolygons(GEOJSON);
    // nuts2021-codes.csv: 1514 rows with LEVL_CODE 3
    expect(p.count).toBe(1514);
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    const where = (lon: number, lat: number, country?: string) => {
      const hit = locate(p, lon, lat, { country });
      return hit.index < 0 ? null : p.id[hit.index];
    };
    // Marienplatz, München (48.137 N, 11.575 E): München, Kreisfreie Stadt
    expect(where(11.5755, 48.1374)).toBe('DE212');
    // King's Parade, Cambridge: Cambridgeshire CC
    expect(where(0.1167, 52.2)).toBe('UKH12');
    // Piazza dei Miracoli, Pisa
    expect(where(10.3966, 43.723)).toBe('ITI17');
    // Nice, on the coast: inside or within 10 km of Alpes-Maritimes
    expect(where(7.2661, 43.7031, 'FR')).toBe('FRL03');
    // The Atlantic and the Gulf of Guinea: nothing
    expect(where(-30, 45)).toBeNull();
    expect(where(0, 0)).toBeNull();
  });
});
