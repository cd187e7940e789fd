// The Map: NUTS regions (level 2 or 3) shaded by a chosen measure, the ten study clusters outlined,
// drawn by Observable Plot's geo mark. Polygons: the NUTS 2021 file the server was given (the 1:60M
// one shipped with Milieu by default), © EuroGeographics for the administrative boundaries.
import * as Plot from '@observablehq/plot';
import { get } from '../api.ts';
import { chartBox } from '../download.ts';
import { sortableTable } from '../table.ts';
import type { ViewContext } from '../view-context.ts';

interface Feature {
  type: 'Feature';
  properties: { NUTS_ID: string; LEVL_CODE: number; NAME_LATN?: string };
  geometry: unknown;
}
interface MapAnswer {
  measure: string;
  level: number;
  values: Record<string, number>;
  clusters: { id: string; name: string; nuts: string[] }[];
  attribution: string;
}

const MEASURES = ['organisations', 'firms', 'knowledge-centres', 'spinoffs', 'ties', 'local-tie-share'];
/** Outermost regions left out of the frame (they would shrink Europe to a corner). */
const FAR = /^(FRY|ES7|PT2|PT3|NO0B)/;
let polygons: Promise<{ features: Feature[] }> | null = null;

export async function mapView({ main }: ViewContext): Promise<void> {
  polygons ??= fetch('api/nuts.geojson').then((r) => r.json());
  const h = document.createElement('h2');
  h.textContent = 'Map';
  const measure = document.createElement('select');
  measure.id = 'map-measure';
  for (const m of MEASURES)
    measure.append(Object.assign(document.createElement('option'), { value: m, textContent: m }));
  const level = document.createElement('select');
  level.id = 'map-level';
  for (const l of ['2', '3'])
    level.append(Object.assign(document.createElement('option'), { value: l, textContent: `NUTS ${l}` }));
  const controls = document.createElement('div');
  controls.className = 'controls';
  const l1 = document.createElement('label');
  l1.append('Measure ', measure);
  const l2 = document.createElement('label');
  l2.append('Level ', level);
  controls.append(l1, l2);
  const out = document.createElement('div');
  main.append(h, controls, out);

  const draw = async () => {
    const [geo, data] = await Promise.all([
      polygons!,
      get<MapAnswer>('map', { measure: measure.value, level: level.value }),
    ]);
    const lv = Number(level.value);
    const shown = geo.features.filter(
      (f) => f.properties.LEVL_CODE === lv && !FAR.test(f.properties.NUTS_ID),
    );
    const countries = geo.features.filter((f) => f.properties.LEVL_CODE === 0);
    const clusterCodes = new Set(data.clusters.flatMap((c) => c.nuts));
    const clusters = geo.features.filter((f) => clusterCodes.has(f.properties.NUTS_ID));
    const value = (f: Feature) => data.values[f.properties.NUTS_ID] ?? null;
    const chart = Plot.plot({
      width: 760,
      height: 700,
      projection: {
        type: 'azimuthal-equal-area',
        rotate: [-10, -52],
        domain: { type: 'FeatureCollection', features: shown } as never,
      },
      color: { type: 'sqrt', scheme: 'viridis', legend: true, label: data.measure, unknown: '#eee' },
      marks: [
        Plot.geo(shown, {
          fill: value,
          stroke: 'white',
          strokeWidth: 0.3,
          title: (f: Feature) =>
            `${f.properties.NUTS_ID} ${f.properties.NAME_LATN ?? ''}: ${value(f) ?? 'no data'}`,
        }),
        Plot.geo(countries, { stroke: '#555', strokeWidth: 0.6 }),
        Plot.geo(clusters, { stroke: '#D55E00', strokeWidth: 2 }),
        Plot.text([data.attribution], { frameAnchor: 'bottom-left', fontSize: 10, dy: -2 }),
      ],
    });
    out.replaceChildren(
      chartBox(
        `${data.measure} by NUTS ${lv} region; the ten study clusters outlined in vermilion`,
        chart,
        `map-${data.measure}-nuts${lv}`,
      ),
    );
    const attribution = document.createElement('p');
    attribution.className = 'attribution';
    attribution.textContent = `${data.attribution}. Regions without organisations in the data are grey.`;
    out.append(attribution);
    const rows = Object.entries(data.values).sort((a, b) => b[1] - a[1]);
    out.append(
      sortableTable({
        name: `map-${data.measure}`,
        caption: `${data.measure} by region`,
        columns: ['NUTS', data.measure],
        rows,
      }),
    );
  };
  measure.addEventListener('change', () => void draw());
  level.addEventListener('change', () => void draw());
  await draw();
}
