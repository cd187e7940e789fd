import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register as registerRegions } from '../../src/cli/commands/regions.ts';
import { register as registerResolve } from '../../src/cli/commands/resolve.ts';
import { loadDataset, loadRawTables } from '../../src/dataset/load.ts';
import { applyResolutions } from '../../src/dataset/resolutions.ts';
import { UsageError } from '../../src/errors.ts';
import { readPackage } from '../../src/io/package.ts';
import { Gazetteer } from '../../src/regions/gazetteer.ts';
import { nutsPolygonsFromGeojson } from '../../src/regions/nuts-polygons.ts';
import { RESOLUTION_METHODS, resolveRegions } from '../../src/regions/resolve.ts';
import { importSource } from '../../src/store/import.ts';
import { loadResolutions, saveResolutions } from '../../src/store/resolutions.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { MILIEU_VERSION } from '../../src/version.ts';
import { copyExample, tempDir } from '../helpers.ts';

/**
 * A sketch of two NUTS-3 regions around the Fenland example: UKH12 the box 0–0.3 E × 52.1–52.4 N
 * (Fenbridge's organisations lie at 52.17–52.24 N, 0.11–0.15 E) and UKH14 the box 0.3–1.0 E.
 */
const GEOJSON = {
  type: 'FeatureCollection',
  features: [
    ['UKH12', 'Cambridgeshire CC', 0, 0.3],
    ['UKH14', 'Suffolk', 0.3, 1.0],
  ].map(([id, name, x0, x1]) => ({
    type: 'Feature',
    properties: { NUTS_ID: id, LEVL_CODE: 3, CNTR_CODE: 'UK', NAME_LATN: name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x0, 52.1],
          [x1, 52.1],
          [x1, 52.4],
          [x0, 52.4],
          [x0, 52.1],
        ],
      ],
    },
  })),
};
const polygons = nutsPolygonsFromGeojson(GEOJSON);
const noPlaces = new Gazetteer(
  { name: [], country: [], lat: [], lon: [], population: [] },
  { aliases: {}, extraPlaces: [] },
);

let stores: Store[] = [];
afterEach(() => {
  for (const s of stores) s.close();
  stores = [];
  vi.restoreAllMocks();
});

/**
 * The Fenland example with two organisations' NUTS codes removed: uni-fen (52.205 N, 0.119 E, in
 * the UKH12 box) and ri-mrc (52.175 N, 0.140 E, also UKH12). mnc-boston (US) has none already.
 */
function fenlandWithoutSomeNuts(): string {
  const dir = copyExample();
  const path = join(dir, 'organisations.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  const edited = lines.map((line) =>
    line.startsWith('uni-fen,') || line.startsWith('ri-mrc,') ? line.replace(',UKH12,', ',,') : line,
  );
  writeFileSync(path, edited.join('\n'));
  return dir;
}

async function fenlandStore(path = ':memory:'): Promise<Store> {
  const store = await openStore(path);
  stores.push(store);
  await importSource(store, 'package', fenlandWithoutSomeNuts(), readPackage);
  return store;
}

describe('stored resolutions', () => {
  it('returns null before any resolution', async () => {
    const store = await fenlandStore();
    expect(await loadResolutions(store)).toBeNull();
  });

  it('saves, loads and fills missing NUTS codes into raw tables', async () => {
    const store = await fenlandStore();
    const dataset = await loadDataset(store);
    const r = resolveRegions(dataset, { nutsGeojson: polygons, gazetteer: noPlaces });
    const method = (id: string) => RESOLUTION_METHODS[r.method[dataset.organisations.index.get(id)!]];
    expect(method('uni-fen')).toBe('coordinates');
    expect(method('ri-mrc')).toBe('coordinates');
    expect(method('tc-fen')).toBe('source');
    expect(method('mnc-boston')).toBe('unresolved');

    expect(await saveResolutions(store, dataset, r, { nutsPath: 'sketch.geojson' })).toBe(
      dataset.organisations.count,
    );
    const stored = (await loadResolutions(store))!;
    expect(stored.count).toBe(dataset.organisations.count);
    expect(stored.meta).toMatchObject({
      milieuVersion: MILIEU_VERSION,
      nutsSha256: polygons.hash,
      nutsPath: 'sketch.geojson',
      gazetteer: 'custom',
      maxDistanceKm: 10,
    });
    expect(stored.stale).toBe(false);
    const k = stored.organisation.indexOf('uni-fen');
    expect([stored.nuts3[k], stored.method[k], stored.lat[k], stored.lon[k]]).toEqual([
      'UKH12',
      'coordinates',
      52.205,
      0.119,
    ]);
    const boston = stored.organisation.indexOf('mnc-boston');
    expect([stored.nuts3[boston], stored.method[boston]]).toEqual([null, 'unresolved']);

    const raw = await loadRawTables(store);
    const org = raw.organisations!;
    const at = (id: string) => org.columns.id.indexOf(id);
    expect(org.columns.nuts[at('uni-fen')]).toBeNull();
    // two codes were missing and found; source codes are left alone; Boston stays without
    expect(applyResolutions(raw, stored)).toBe(2);
    expect(org.columns.nuts[at('uni-fen')]).toBe('UKH12');
    expect(org.columns.nuts[at('ri-mrc')]).toBe('UKH12');
    expect(org.columns.nuts[at('mnc-boston')]).toBeNull();
    expect(applyResolutions(raw, stored)).toBe(0);
  });

  it('replaces the table in one transaction: a failure leaves the earlier resolutions', async () => {
    const store = await fenlandStore();
    const dataset = await loadDataset(store);
    const first = resolveRegions(dataset, { nutsGeojson: polygons, gazetteer: noPlaces });
    await saveResolutions(store, dataset, first);
    const before = (await loadResolutions(store))!;

    // A second resolution where nothing is found (no polygons near): the write fails before COMMIT.
    const elsewhere = nutsPolygonsFromGeojson({
      type: 'FeatureCollection',
      features: [
        { ...GEOJSON.features[0], properties: { ...GEOJSON.features[0].properties, NUTS_ID: 'UKH11' } },
      ],
    });
    const second = resolveRegions(dataset, { nutsGeojson: elsewhere, gazetteer: noPlaces });
    await expect(
      saveResolutions(store, dataset, second, {
        beforeCommit: () => {
          throw new Error('killed before COMMIT');
        },
      }),
    ).rejects.toThrow('killed before COMMIT');
    const after = (await loadResolutions(store))!;
    expect(after.nuts3).toEqual(before.nuts3);
    expect(after.meta.nutsSha256).toBe(polygons.hash);

    // and a successful second save replaces every row (no duplicates)
    await saveResolutions(store, dataset, second);
    const replaced = (await loadResolutions(store))!;
    expect(replaced.count).toBe(dataset.organisations.count);
    expect(replaced.meta.nutsSha256).toBe(elsewhere.hash);
    expect(replaced.nuts3[replaced.organisation.indexOf('uni-fen')]).toBe('UKH11');
  });

  it('says when the imports changed since the resolution', async () => {
    const store = await openStore(':memory:');
    stores.push(store);
    const dir = fenlandWithoutSomeNuts();
    await importSource(store, 'package', dir, readPackage);
    const dataset = await loadDataset(store);
    await saveResolutions(
      store,
      dataset,
      resolveRegions(dataset, { nutsGeojson: polygons, gazetteer: noPlaces }),
    );
    expect((await loadResolutions(store))!.stale).toBe(false);
    // the same folder with one more organisation, imported again in place of the first import
    const orgs = join(dir, 'organisations.csv');
    writeFileSync(
      orgs,
      `${readFileSync(orgs, 'utf8').trimEnd()}\nnew-firm,New Firm,sme,62.01,2001,,UK,,Fenbridge,,,true\n`,
    );
    await importSource(store, 'package', dir, readPackage, { replace: true });
    expect((await loadResolutions(store))!.stale).toBe(true);
  });
});

/** Runs the commands in-process; returns stdout. */
async function run(args: string[]): Promise<string> {
  const program = new Command('milieu').exitOverride();
  registerRegions(program);
  registerResolve(program);
  for (const cmd of program.commands) cmd.exitOverride();
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

describe('milieu regions and milieu resolve', () => {
  it('regions list and show', async () => {
    const list = JSON.parse(await run(['regions', 'list', '--json']));
    expect(list.map((r: { id: string }) => r.id)).toContain('sophia-antipolis');
    const text = await run(['regions', 'list']);
    expect(text).toMatch(/munich\s+Munich\s+DE\s+DE212 DE21H/);
    const munich = JSON.parse(await run(['regions', 'show', 'munich', '--json']));
    expect(munich.nuts).toEqual([
      { code: 'DE212', level: 3, name: 'München, Kreisfreie Stadt' },
      { code: 'DE21H', level: 3, name: 'München, Landkreis' },
    ]);
    const shown = await run(['regions', 'show', 'grenoble']);
    expect(shown).toContain("Saint-Martin-d'Hères");
    await expect(run(['regions', 'show', 'atlantis'])).rejects.toThrow(UsageError);
  });

  it('resolve stores resolutions and reports the rates; --dry-run stores nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'fen.duckdb');
    (await fenlandStore(db)).close();
    stores = [];
    const nuts = join(dir, 'sketch.geojson');
    writeFileSync(nuts, JSON.stringify(GEOJSON));

    const dry = JSON.parse(
      await run(['resolve', db, '--nuts', nuts, '--dry-run', '--json', '--no-gazetteer']),
    );
    // 18 organisations: 15 with a UK source code... of which the two edited ones by coordinates
    expect(dry.stored).toBe(0);
    expect(dry.total).toBe(18);
    expect(dry.byMethod.coordinates).toBe(2);
    expect(
      dry.byMethod.source + dry.byMethod.coordinates + dry.byMethod.gazetteer + dry.byMethod.unresolved,
    ).toBe(18);
    let store = await openStore(db, { create: false, readOnly: true });
    expect(await loadResolutions(store)).toBeNull();
    store.close();

    const text = await run(['resolve', db, '--nuts', nuts]);
    expect(text).toMatch(/coordinates\s+2/);
    expect(text).toContain('stored 18 resolutions');
    store = await openStore(db, { create: false, readOnly: true });
    expect((await loadResolutions(store))!.count).toBe(18);
    store.close();
    await expect(run(['resolve', db, '--nuts', join(dir, 'missing.geojson')])).rejects.toThrow(UsageError);
  });
});
