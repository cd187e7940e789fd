/**
 * Benchmark: resolve every H2020 organisation to NUTS-3 (GeoJSON + gazetteer loading included) and
 * build the ten-cluster R&D linkages report, in process. Run: node --import tsx bench/rtd.ts
 */
import { buildDataset } from '../src/dataset/build.ts';
import { parseCordis } from '../src/io/cordis/index.ts';
import { builtInRegions, toRegionDefinition } from '../src/regions/definitions.ts';
import { loadGazetteer } from '../src/regions/gazetteer.ts';
import { loadNutsPolygons } from '../src/regions/nuts-polygons.ts';
import { resolveRegions } from '../src/regions/resolve.ts';
import { rtdLinkages } from '../src/report/rtd.ts';

const raw = parseCordis(new URL('../../shared/data/cordis', import.meta.url).pathname).tables;
const d0 = buildDataset(raw);
const t0 = performance.now();
const polys = loadNutsPolygons(
  new URL('../../shared/data/nuts/NUTS_RG_60M_2021_4326.geojson', import.meta.url).pathname,
);
const gaz = loadGazetteer();
const res = resolveRegions(d0, { nutsGeojson: polys, gazetteer: gaz });
const t1 = performance.now();
const nuts = (raw.organisations!.columns.nuts ??= new Array(raw.organisations!.rowCount).fill(null));
for (let i = 0; i < res.nuts3.length; i++) if (nuts[i] === null && res.nuts3[i]) nuts[i] = res.nuts3[i];
const d = buildDataset(raw);
const t2 = performance.now();
const rows = rtdLinkages(d, builtInRegions().map(toRegionDefinition));
const t3 = performance.now();
console.log(
  `resolve ${((t1 - t0) / 1000).toFixed(2)} s, rebuild ${((t2 - t1) / 1000).toFixed(2)} s, ten-cluster report ${((t3 - t2) / 1000).toFixed(2)} s, total ${((t3 - t0) / 1000).toFixed(2)} s; ${rows.length} clusters`,
);
