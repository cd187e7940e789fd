/**
 * Benchmark: region resolution of the ~36,000 H2020 organisations, end to end (load the NUTS
 * GeoJSON, load the gazetteer, resolve every organisation), and the point-in-polygon part alone
 * against Shapely (STRtree + prepared polygons) on the same points, in one run on this machine.
 *
 *   node --import tsx bench/regions.ts
 *
 * The Dataset is built first (not timed: that is the CORDIS reader's benchmark). The end-to-end
 * figure is the first, cold run in this process (the gazetteer is cached afterwards); the
 * point-in-polygon figures are the best of three. Record the printed figures in docs/regions.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataset } from '../src/dataset/build.ts';
import { parseCordis } from '../src/io/cordis/index.ts';
import { loadGazetteer } from '../src/regions/gazetteer.ts';
import { loadNutsPolygons, locate } from '../src/regions/nuts-polygons.ts';
import { RESOLUTION_METHODS, resolutionReport, resolveRegions } from '../src/regions/resolve.ts';

const DATA = new URL('../../shared/data/', import.meta.url).pathname;
const CORDIS = join(DATA, 'cordis');
const GEOJSON = join(DATA, 'nuts/NUTS_RG_60M_2021_4326.geojson');

const seconds = (t0: number) => (performance.now() - t0) / 1000;

const dataset = buildDataset(parseCordis(CORDIS).tables, { source: CORDIS });

// End to end, cold: GeoJSON + gazetteer + resolution.
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const polygons = loadNutsPolygons(GEOJSON);
const tPolygons = seconds(t0);
const t1 = performance.now();
const gazetteer = loadGazetteer();
const tGazetteer = seconds(t1);
const t2 = performance.now();
const resolution = resolveRegions(dataset, { nutsGeojson: polygons, gazetteer });
const tResolve = seconds(t2);
const total = seconds(t0);
const cpu = process.cpuUsage(cpu0);
const report = resolutionReport(dataset, resolution);

// The points the resolution used, for the point-in-polygon comparison.
const lon: number[] = [];
const lat: number[] = [];
for (let i = 0; i < resolution.count; i++) {
  if (Number.isFinite(resolution.lat[i])) {
    lon.push(resolution.lon[i]);
    lat.push(resolution.lat[i]);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'milieu-bench-regions-'));
const pointsCsv = join(dir, 'points.csv');
writeFileSync(pointsCsv, `lon,lat\n${lon.map((x, k) => `${x},${lat[k]}`).join('\n')}\n`);

function milieuPip(): { load: number; query: number; regions: string[]; fallback: number } {
  const a = performance.now();
  const p = loadNutsPolygons(GEOJSON);
  const load = seconds(a);
  const b = performance.now();
  const regions: string[] = new Array(lon.length);
  let fallback = 0;
  for (let k = 0; k < lon.length; k++) {
    const hit = locate(p, lon[k], lat[k], { maxKm: 10 });
    regions[k] = hit.index < 0 ? '' : p.id[hit.index];
    if (hit.distanceKm > 0) fallback++;
  }
  return { load, query: seconds(b), regions, fallback };
}
milieuPip();
const pipRuns = [milieuPip(), milieuPip(), milieuPip()];
const pip = pipRuns.reduce((x, y) => (y.load + y.query < x.load + x.query ? y : x));

const peer = spawnSync(
  '/usr/bin/python3',
  [new URL('peers/regions_reference.py', import.meta.url).pathname, GEOJSON, pointsCsv, '10'],
  {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  },
);
rmSync(dir, { recursive: true, force: true });
if (peer.status !== 0) throw new Error(`peer failed: ${peer.stderr}`);
const p = JSON.parse(peer.stdout) as {
  seconds: { load: number; tree: number; query: number };
  regions: string[];
  fallback: number;
};
const shapely = p.seconds.load + p.seconds.tree + p.seconds.query;
const milieu = pip.load + pip.query;
let same = 0;
for (let k = 0; k < lon.length; k++) if (p.regions[k] === pip.regions[k]) same++;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  `Region resolution of ${dataset.organisations.count.toLocaleString('en')} H2020 organisations (this machine)`,
);
console.log(`  load NUTS GeoJSON (NUTS-3 polygons + grid index)   ${tPolygons.toFixed(3)} s`);
console.log(`  load gazetteer (GeoNames cities500, country lines)  ${tGazetteer.toFixed(3)} s`);
console.log(`  resolve (index countries, look up, locate)          ${tResolve.toFixed(3)} s`);
console.log(`  end to end                                          ${total.toFixed(3)} s  (target < 5 s)`);
console.log(
  `  CPU time of this process meanwhile: ${(cpu.user / 1e6).toFixed(3)} s user + ${(cpu.system / 1e6).toFixed(3)} s system (other processes on the machine slow the wall-clock figure)`,
);
console.log(
  `  rates: ${RESOLUTION_METHODS.map((m) => `${m} ${report.byMethod[m]} (${pct(report.rates[m])})`).join(', ')}`,
);
console.log(`\nPoint in polygon alone, ${lon.length.toLocaleString('en')} points (best of 3 for milieu):`);
console.log(
  `  milieu: load + index ${pip.load.toFixed(3)} s, locate ${pip.query.toFixed(3)} s, total ${milieu.toFixed(3)} s`,
);
console.log(
  `  shapely ${'1.8'}: load ${p.seconds.load.toFixed(3)} s, STRtree + prepare ${p.seconds.tree.toFixed(3)} s, query ${p.seconds.query.toFixed(3)} s, total ${shapely.toFixed(3)} s`,
);
console.log(`  ratio shapely / milieu: ${(shapely / milieu).toFixed(1)}x`);
console.log(
  `  same region for ${same} of ${lon.length} points (${pct(same / lon.length)}); nearest-region fallback: milieu ${pip.fallback}, shapely ${p.fallback}`,
);
