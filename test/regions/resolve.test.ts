import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { parseCordis } from '../../src/io/cordis/index.ts';
import { Gazetteer } from '../../src/regions/gazetteer.ts';
import { loadNutsPolygons, nutsPolygonsFromGeojson } from '../../src/regions/nuts-polygons.ts';
import {
  METHOD_UNRESOLVED,
  RESOLUTION_METHODS,
  type Resolution,
  resolutionReport,
  resolveRegions,
  UNRESOLVED_REASONS,
} from '../../src/regions/resolve.ts';
import { SHARED_DATA } from '../helpers.ts';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const region = (id: string, name: string, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  properties: { NUTS_ID: id, LEVL_CODE: 3, CNTR_CODE: id.slice(0, 2), NAME_LATN: name },
  geometry: { type, coordinates },
});

/** XX001 Alphashire [0,4]² with the hole [1,3]²; XX002 Betaland, two unit squares at x 5–6 and 7–8; XX003 Gammaland [0,4]×[4,8]. */
const polygons = nutsPolygonsFromGeojson({
  type: 'FeatureCollection',
  features: [
    region('XX001', 'Alphashire', [square(0, 0, 4, 4), square(1, 1, 3, 3)]),
    region('XX002', 'Betaland', [[square(5, 0, 6, 1)], [square(7, 0, 8, 1)]], 'MultiPolygon'),
    region('XX003', 'Gammaland', [square(0, 4, 4, 8)]),
  ],
});

/** Two places: Alpha at (5.5, 0.5) inside XX002, and Gamma Town at (2, 6) inside XX003. */
const gazetteer = new Gazetteer(
  {
    name: ['Alpha', 'Gamma Town'],
    country: ['XX', 'XX'],
    lat: [0.5, 6],
    lon: [5.5, 2],
    population: [1000, 500],
  },
  { aliases: {}, extraPlaces: [] },
);

/**
 * One organisation per case (id: evidence → expected):
 *   a: source NUTS-3 XX001 (its coordinates point elsewhere) → source XX001
 *   b: coordinates (0.5, 0.5) → coordinates XX001
 *   c: coordinates (2, −0.05), 5.56 km south of XX001 → coordinates XX001 by the nearest-region fallback
 *   d: locality ALPHA, country XX → gazetteer XX002
 *   e: coarse source code XX0, locality Alpha → gazetteer XX002 (inside XX0: refined)
 *   g: coarse source code XX1, locality Alpha → unresolved, coarse-source (XX002 is not in XX1)
 *   h: nothing → unresolved, no-locality
 *   i: locality Nowhere → unresolved, locality-not-found
 *   j: locality Boston, country US (not covered by the polygons) → unresolved, outside-nuts
 *   k: coordinates (50, 50), country XX → unresolved, outside-nuts
 *   l: locality GAMMALAND, the name of a NUTS-3 region → gazetteer XX003 (no point)
 *   m: locality Gamma Town, no country → gazetteer XX003 (any country)
 */
function handMade(): Dataset {
  const rows: [string, string | null, string | null, string | null, number | null, number | null][] = [
    ['a', 'XX001', 'XX', null, 50, 50],
    ['b', null, 'XX', null, 0.5, 0.5],
    ['c', null, 'XX', null, -0.05, 2],
    ['d', null, 'XX', 'ALPHA', null, null],
    ['e', 'XX0', 'XX', 'Alpha', null, null],
    ['g', 'XX1', 'XX', 'Alpha', null, null],
    ['h', null, 'XX', null, null, null],
    ['i', null, 'XX', 'Nowhere', null, null],
    ['j', null, 'US', 'Boston', null, null],
    ['k', null, 'XX', null, 50, 50],
    ['l', null, 'XX', 'GAMMALAND', null, null],
    ['m', null, null, 'Gamma Town', null, null],
  ];
  return buildDataset({
    organisations: {
      rowCount: rows.length,
      columns: {
        id: rows.map((r) => r[0]),
        name: rows.map((r) => `Organisation ${r[0]}`),
        kind: rows.map(() => 'firm'),
        nuts: rows.map((r) => r[1]),
        country: rows.map((r) => r[2]),
        locality: rows.map((r) => r[3]),
        lat: rows.map((r) => r[4]),
        lon: rows.map((r) => r[5]),
      },
    },
  });
}

function byId(dataset: Dataset, r: Resolution, id: string) {
  const i = dataset.organisations.index.get(id)!;
  return {
    nuts3: r.nuts3[i],
    method: RESOLUTION_METHODS[r.method[i]],
    reason: UNRESOLVED_REASONS[r.reason[i]],
    lat: r.lat[i],
    lon: r.lon[i],
    distanceKm: r.distanceKm[i],
    place: r.place[i],
  };
}

describe('resolveRegions on hand-made data', () => {
  const dataset = handMade();
  const r = resolveRegions(dataset, { nutsGeojson: polygons, gazetteer });
  const get = (id: string) => byId(dataset, r, id);

  it('follows the order source → coordinates → gazetteer', () => {
    expect(get('a')).toMatchObject({
      nuts3: 'XX001',
      method: 'source',
      reason: 'resolved',
      lat: 50,
      lon: 50,
    });
    expect(get('b')).toMatchObject({ nuts3: 'XX001', method: 'coordinates', distanceKm: 0 });
    expect(get('c')).toMatchObject({ nuts3: 'XX001', method: 'coordinates' });
    // 0.05° of latitude = 0.05 × 111.195 km
    expect(get('c').distanceKm).toBeCloseTo(5.56, 2);
    expect(get('d')).toMatchObject({
      nuts3: 'XX002',
      method: 'gazetteer',
      lat: 0.5,
      lon: 5.5,
      place: 'Alpha',
    });
    expect(get('e')).toMatchObject({ nuts3: 'XX002', method: 'gazetteer' });
    expect(get('l')).toMatchObject({ nuts3: 'XX003', method: 'gazetteer', place: 'Gammaland' });
    expect(Number.isNaN(get('l').lat)).toBe(true);
    expect(get('m')).toMatchObject({ nuts3: 'XX003', method: 'gazetteer', lat: 6, lon: 2 });
  });

  it('says why the others are unresolved', () => {
    expect(get('g')).toMatchObject({
      nuts3: null,
      method: 'unresolved',
      reason: 'coarse-source',
      place: 'Alpha',
    });
    expect(get('h')).toMatchObject({ nuts3: null, method: 'unresolved', reason: 'no-locality' });
    expect(get('i')).toMatchObject({ method: 'unresolved', reason: 'locality-not-found' });
    expect(get('j')).toMatchObject({ method: 'unresolved', reason: 'outside-nuts' });
    expect(get('k')).toMatchObject({ method: 'unresolved', reason: 'outside-nuts', lat: 50, lon: 50 });
    expect(r.meta).toMatchObject({ nutsHash: polygons.hash, gazetteer: 'custom', maxDistanceKm: 10 });
  });

  it('without a gazetteer, localities stay unresolved', () => {
    const bare = resolveRegions(dataset, { nutsGeojson: polygons, gazetteer: null });
    expect(byId(dataset, bare, 'd')).toMatchObject({ method: 'unresolved', reason: 'locality-not-found' });
    // the NUTS-name match needs no gazetteer but is part of step (c): skipped as well
    expect(byId(dataset, bare, 'l').method).toBe('unresolved');
    expect(bare.meta.gazetteer).toBeNull();
  });

  it('is a pure function: the same input gives the same output', () => {
    const again = resolveRegions(dataset, { nutsGeojson: polygons, gazetteer });
    expect(again.nuts3).toEqual(r.nuts3);
    expect([...again.method]).toEqual([...r.method]);
  });

  it('reports rates by method that add up, and the unresolved by locality frequency', () => {
    const rep = resolutionReport(dataset, r);
    // 12 organisations: a source; b, c coordinates; d, e, l, m gazetteer; g, h, i, j, k unresolved
    expect(rep.total).toBe(12);
    expect(rep.byMethod).toEqual({ source: 1, coordinates: 2, gazetteer: 4, unresolved: 5 });
    expect(rep.rates.gazetteer).toBeCloseTo(4 / 12, 12);
    expect(rep.resolved).toBe(7);
    expect(rep.resolvedRate).toBeCloseTo(7 / 12, 12);
    // with a locality: d e g i j l m = 7, of which d e l m resolved
    expect(rep.withLocality).toBe(7);
    expect(rep.resolvedWithLocality).toBe(4);
    expect(rep.nearestFallback).toBe(1); // c
    expect(rep.unresolvedByReason).toEqual({
      'no-locality': 1,
      'locality-not-found': 1,
      'outside-nuts': 2,
      'coarse-source': 1,
    });
    expect(
      rep.topUnresolvedLocalities.map((u) => [u.locality, u.country, u.organisations, u.reason]),
    ).toEqual([
      ['Alpha', 'XX', 1, 'coarse-source'],
      ['Boston', 'US', 1, 'outside-nuts'],
      ['Nowhere', 'XX', 1, 'locality-not-found'],
    ]);
    // with localities first (by frequency, then name), then those without, in dataset order
    expect(rep.unresolved.map((u) => u.id)).toEqual(['g', 'j', 'i', 'h', 'k']);
  });

  it('groups unresolved spellings of one locality and counts them together', () => {
    const ds = buildDataset({
      organisations: {
        rowCount: 4,
        columns: {
          id: ['p', 'q', 'r', 's'],
          kind: ['firm', 'firm', 'firm', 'firm'],
          country: ['XX', 'XX', 'XX', 'XX'],
          locality: ['NOWHERE', 'Nowhere', 'NOWHERE', 'Elsewhere'],
        },
      },
    });
    const rep = resolutionReport(ds, resolveRegions(ds, { nutsGeojson: polygons, gazetteer }), { top: 1 });
    expect(rep.topUnresolvedLocalities).toEqual([
      { locality: 'NOWHERE', country: 'XX', organisations: 3, reason: 'locality-not-found' },
    ]);
    expect(rep.unresolved.map((u) => u.id)).toEqual(['p', 'q', 'r', 's']);
  });

  it('an empty dataset gives an empty report', () => {
    const empty = buildDataset({});
    const rep = resolutionReport(empty, resolveRegions(empty, { nutsGeojson: polygons, gazetteer }));
    expect(rep).toMatchObject({ total: 0, resolved: 0, resolvedRate: 0, unresolved: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// The real H2020 organisations

const CORDIS = join(SHARED_DATA, 'cordis');
const GEOJSON = join(SHARED_DATA, 'nuts/NUTS_RG_60M_2021_4326.geojson');
const hasData = existsSync(join(CORDIS, 'h2020-participations.csv.gz')) && existsSync(GEOJSON);

/**
 * Named organisations of the ten clusters and the NUTS-3 region they must resolve to (a NUTS-2 code
 * where the 1:60M polygons cannot tell the NUTS-3 region). Each was
 * checked by hand: `grep` of the PIC in h2020-organisations-2017.csv (city column) and
 * fp7-organisations.csv (address "street, city, postcode"), then the postcode's district looked up
 * against the NUTS 2021 code list (nuts2021-codes.csv). The city the importer keeps is quoted.
 */
const KNOWN: [pic: string, who: string, city: string, nuts3: string][] = [
  // Cambridge — UKH12 Cambridgeshire CC
  ['999977172', 'University of Cambridge', 'CAMBRIDGE (Madingley Road, CB3 0TX)', 'UKH12'],
  ['999813824', 'ARM Limited', 'CAMBRIDGE (110 Fulbourn Road, CB1 9NJ)', 'UKH12'],
  // Oxford — UKJ14 Oxfordshire
  ['999984350', 'University of Oxford', 'OXFORD (Wellington Square, OX1 2JD)', 'UKJ14'],
  ['998475612', 'Diamond Light Source', 'DIDCOT (Harwell campus, Chilton, OX11 0DE)', 'UKJ14'],
  ['998811911', 'UK Atomic Energy Authority', 'ABINGDON (Culham Science Centre, OX14 3DB)', 'UKJ14'],
  // Göteborg — SE232 Västra Götalands län
  ['999980373', 'Chalmers tekniska högskola', 'GOETEBORG (41296)', 'SE232'],
  ['998006908', 'Stiftelsen Chalmers Industriteknik', 'G√ñTEBORG — Mac Roman mojibake (41288)', 'SE232'],
  ['996424062', 'Volvo Bus Corporation', 'Gothenburg (40508)', 'SE232'],
  // Helsinki — FI1B1 Helsinki-Uusimaa
  ['991256096', 'Aalto University', 'ESPOO (Otakaari 1, 02150)', 'FI1B1'],
  ['999994535', 'University of Helsinki', 'HELSINGIN YLIOPISTO (Fabianinkatu 33, 00014)', 'FI1B1'],
  ['999901706', 'VTT', 'ESPOO (Tekniikantie 4 A, 02044)', 'FI1B1'],
  // Munich — DE212 (city) and DE21H (Landkreis München)
  ['999977463', 'Technische Universität München', 'MUENCHEN (Arcisstrasse 21, 80333)', 'DE212'],
  ['999978433', 'Ludwig-Maximilians-Universität', 'MUENCHEN (Geschwister-Scholl-Platz 1, 80539)', 'DE212'],
  ['999978918', 'Infineon Technologies', 'NEUBIBERG (Am Campeon 1-12, 85579)', 'DE21H'],
  ['999994729', 'Helmholtz Zentrum München', 'NEUHERBERG (Ingolstädter Landstraße 1, 85764)', 'DE21H'],
  ['999988036', 'European Southern Observatory', 'GARCHING (Karl-Schwarzschild-Straße 2)', 'DE21H'],
  // Sophia-Antipolis — FRL03 Alpes-Maritimes
  ['999580733', 'ETSI', 'SOPHIA ANTIPOLIS (650 route des Lucioles, 06921)', 'FRL03'],
  ['999606147', 'EURECOM', 'BIOT (450 route des Chappes, Campus SophiaTech, 06410)', 'FRL03'],
  // Grenoble — FRK24 Isère
  ['924833212', 'Université Grenoble Alpes', "SAINT MARTIN D'HERES (621 avenue Centrale, 38401)", 'FRK24'],
  ['999750580', 'STMicroelectronics Crolles 2', 'CROLLES (850 rue Jean Monnet, 38920)', 'FRK24'],
  ['999484121', 'ESRF', 'GRENOBLE (6 rue Jules Horowitz, 38043)', 'FRK24'],
  // Barcelona — ES511 Barcelona
  ['999976202', 'Universitat Politècnica de Catalunya', 'BARCELONA (Jordi Girona 31, 08034)', 'ES511'],
  [
    '999986484',
    'Universitat Autònoma de Barcelona',
    'CERDANYOLA BARCELONA (campus de Bellaterra, 08193)',
    'ES511',
  ],
  ['999619436', 'ICFO', 'Castelldefels (08860)', 'ES511'],
  // The Randstad — NL33x Zuid-Holland, NL329 Groot-Amsterdam, NL310 Utrecht
  // TU Delft is in NL333 Delft en Westland; but the 1:60M polygon of NL333 is a five-point sketch
  // that misses Delft (52.007 N, 4.356 E), which falls into NL332 Agglomeratie 's-Gravenhage. At this
  // scale only the NUTS-2 region (NL33 Zuid-Holland) is certain; a finer GISCO file (1:1M) fixes it.
  ['999977366', 'TU Delft', 'DELFT (Stevinweg 1, 2628 CN)', 'NL33'],
  ['999974553', 'Universiteit Leiden', 'LEIDEN (Rapenburg 70, 2311 EZ)', 'NL337'],
  ['999985708', 'Universiteit van Amsterdam', 'AMSTERDAM (Spui 21, 1012 WX)', 'NL329'],
  ['999839335', 'Erasmus Universiteit Rotterdam', 'ROTTERDAM (Burgemeester Oudlaan 50, 3062 PA)', 'NL33C'],
  ['999985805', 'Universiteit Utrecht', 'UTRECHT (Heidelberglaan, 3584 CS)', 'NL310'],
  // Pisa, Piacenza and north-east Milan — ITI17, ITH51, ITC4C
  ['999884731', "Scuola Superiore Sant'Anna", 'PISA (Piazza Martiri della Libertà 33, 56127)', 'ITI17'],
  ['999862712', 'Università di Pisa', 'PISA (Lungarno Pacinotti 43, 56126)', 'ITI17'],
  ['999718958', 'Piaggio & C.', 'PONTEDERA (Viale Rinaldo Piaggio 25, 56025)', 'ITI17'],
  ['937639249', 'Industria Cementi Giovanni Rossi', 'PIACENZA', 'ITH51'],
  ['999879881', 'Politecnico di Milano', 'MILANO (Piazza Leonardo da Vinci 32, 20133)', 'ITC4C'],
];

describe.skipIf(!hasData)('resolveRegions on the H2020 organisations', () => {
  let dataset: Dataset;
  let r: Resolution;
  beforeAll(() => {
    dataset = buildDataset(parseCordis(CORDIS).tables, { source: CORDIS });
    r = resolveRegions(dataset, { nutsGeojson: loadNutsPolygons(GEOJSON) });
  });

  it('resolves named organisations of the ten clusters to their NUTS-3 region', () => {
    for (const [pic, who, city, nuts3] of KNOWN) {
      const i = dataset.organisations.index.get(pic);
      expect(i, `${who} (${pic}) is imported`).toBeDefined();
      // a 4-character code: only the NUTS-2 region is certain (see TU Delft)
      if (nuts3.length === 5) expect(r.nuts3[i!], `${who}, ${city}`).toBe(nuts3);
      else expect(r.nuts3[i!]?.slice(0, 4), `${who}, ${city}`).toBe(nuts3);
      expect(RESOLUTION_METHODS[r.method[i!]]).toBe('gazetteer');
    }
  });

  it('computes the resolution report consistently (rates recorded in docs/regions.md)', () => {
    const rep = resolutionReport(dataset, r, { top: 10 });
    expect(rep.total).toBe(35871);
    const sum = Object.values(rep.byMethod).reduce((a, b) => a + b, 0);
    expect(sum).toBe(rep.total);
    expect(Object.values(rep.rates).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Object.values(rep.unresolvedByReason).reduce((a, b) => a + b, 0)).toBe(rep.byMethod.unresolved);
    expect(rep.unresolved.length).toBe(rep.byMethod.unresolved);
    // the files carry neither NUTS codes nor coordinates
    expect(rep.byMethod.source).toBe(0);
    expect(rep.byMethod.coordinates).toBe(0);
    // 19,739 organisations have a city; 16,132 have none (CORDIS lists only give cities for 55%)
    expect(rep.withLocality).toBe(19739);
    expect(rep.resolvedWithLocality).toBe(rep.byMethod.gazetteer);
    // Recorded on this data: 17,755 resolved by gazetteer (89.9% of those with a city); the rest of
    // those with a city are outside the NUTS countries or places the gazetteer lacks.
    expect(rep.byMethod.gazetteer / rep.withLocality).toBeGreaterThan(0.88);
    expect(rep.unresolvedByReason['locality-not-found']).toBeLessThan(600);
    // every resolved organisation has a NUTS-3 code of the polygons; every unresolved one none
    for (let i = 0; i < r.count; i++) {
      if (r.method[i] === METHOD_UNRESOLVED) expect(r.nuts3[i]).toBeNull();
      else expect(r.nuts3[i]).toMatch(/^[A-Z]{2}[0-9A-Z]{3}$/);
    }
    // the unresolved list starts with the most frequent locality
    const first = rep.topUnresolvedLocalities[0];
    expect(first.organisations).toBeGreaterThanOrEqual(rep.topUnresolvedLocalities[1].organisations);
    expect(rep.unresolved[0].locality?.toUpperCase()).toBe(first.locality.toUpperCase());
  });
});
