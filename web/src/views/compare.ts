// Compare regions side by side: every indicator (one row each, one column per region, sortable by
// any column) and the collective learning index with its three parts as a grouped bar chart.
import * as Plot from '@observablehq/plot';
import { type Comparison, get } from '../api.ts';
import { chartBox } from '../download.ts';
import { OKABE_ITO } from '../format.ts';
import { sortableTable } from '../table.ts';
import type { ViewContext } from '../view-context.ts';

export async function compareView({ regions, main }: ViewContext): Promise<void> {
  const h = document.createElement('h2');
  h.textContent = 'Compare regions';
  main.append(h);
  const form = document.createElement('fieldset');
  form.className = 'pick-regions';
  const legend = document.createElement('legend');
  legend.textContent = 'Regions';
  form.append(legend);
  // two rows: the study clusters, then the store's own regions (a simulated run's region has its
  // cluster's name, so without the row heading the two would read as duplicates)
  const groups = [
    { title: 'Study clusters', members: regions.filter((r) => r.study) },
    { title: 'Regions of the store', members: regions.filter((r) => !r.study) },
  ].filter((g) => g.members.length > 0);
  for (const g of groups) {
    const row = document.createElement('div');
    const title = document.createElement('span');
    title.className = 'group-title';
    title.textContent = `${g.title}:`;
    row.append(title);
    for (const r of g.members) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = r.id;
      box.checked = r.study || !regions.some((x) => x.study);
      label.append(box, ` ${r.name.replace(/ \(simulated.*\)$/, '')}`);
      row.append(label);
    }
    form.append(row);
  }
  const go = document.createElement('button');
  go.type = 'button';
  go.textContent = 'Compare';
  form.append(go);
  const out = document.createElement('div');
  main.append(form, out);

  const run = async () => {
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
    if (chosen.length === 0) {
      out.textContent = 'Choose at least one region.';
      return;
    }
    out.textContent = 'Loading…';
    const c = await get<Comparison>('compare', { regions: chosen.join(',') });
    out.replaceChildren();
    const parts = c.learning.flatMap((l) =>
      (['zSpinoff', 'zNetworking', 'zMobility', 'index'] as const).map((part) => ({
        region: l.region,
        part,
        z: l[part],
      })),
    );
    const chart = Plot.plot({
      // room for each region's name under its group of bars (ten clusters in the demo)
      width: Math.max(760, 115 * c.learning.length),
      height: 260,
      marginBottom: 40,
      x: { axis: null },
      fx: { label: null },
      y: { grid: true, label: 'z-score' },
      color: { legend: true, range: OKABE_ITO.slice(0, 4) },
      marks: [
        Plot.barY(
          parts.filter((p) => p.z !== null),
          { fx: 'region', x: 'part', y: 'z', fill: 'part', tip: true },
        ),
        Plot.ruleY([0]),
      ],
    });
    out.append(
      chartBox(
        'Collective learning index and its parts (z-scores across the regions compared)',
        chart,
        'compare-learning',
      ),
    );
    out.append(
      sortableTable({
        name: 'compare',
        caption: 'Every indicator',
        columns: ['indicator', 'unit', ...c.regions],
        rows: c.rows.map((r) => [r.name, r.unit ?? '', ...r.values]),
        notes: c.notes,
      }),
    );
  };
  go.addEventListener('click', () => void run());
  await run();
}
