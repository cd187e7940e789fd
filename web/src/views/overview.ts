// Overview of a region: headline measures, births / exits / active firms over time, the three
// collective learning processes and the index (among every region with organisations), and the
// findings' verdicts (or why they are not available yet).
import * as Plot from '@observablehq/plot';
import { ApiError, type Comparison, type FamilyReport, get, type Indicator } from '../api.ts';
import { chartBox } from '../download.ts';
import { formatNumber, OKABE_ITO } from '../format.ts';
import { sortableTable } from '../table.ts';
import type { ViewContext } from '../view-context.ts';

/** The headline indicators shown as cards, in this order. */
export const HEADLINES = [
  'evolution.births',
  'evolution.creationRate',
  'spinoffs.count',
  'spinoffs.multiplier',
  'ties.localShare',
  'ties.eiIndex',
  'ties.count',
  'evolution.exits',
  'mobility.intensity',
  'knowledge.centres',
];

function card(indicator: Indicator | undefined, name: string): HTMLElement {
  const div = document.createElement('div');
  div.className = 'card';
  div.dataset.indicator = name;
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = name;
  const value = document.createElement('span');
  value.className = 'value';
  value.textContent = formatNumber(indicator?.value ?? null);
  if (indicator?.value !== null && indicator?.value !== undefined)
    value.dataset.value = String(indicator.value);
  if (indicator?.notAvailable) value.title = indicator.notAvailable;
  const unit = document.createElement('span');
  unit.className = 'unit';
  unit.textContent = indicator?.notAvailable ? 'not available' : (indicator?.unit ?? '');
  div.append(label, value, unit);
  return div;
}

function heading(text: string): HTMLElement {
  const h = document.createElement('h2');
  h.textContent = text;
  return h;
}

/** The regions the learning index standardises across: the study clusters with data, else every region. */
export function indexRegions(regions: ViewContext['regions'], region: string): string[] {
  const study = regions.filter((r) => r.study).map((r) => r.id);
  const ids = study.length >= 2 ? study : regions.map((r) => r.id);
  return ids.includes(region) ? ids : [...ids, region];
}

export async function overviewView({ region, regions, main, findings: canTest }: ViewContext): Promise<void> {
  const others = indexRegions(regions, region);
  const [measures, comparison, findings] = await Promise.all([
    get<{ families: FamilyReport[] }>(`regions/${encodeURIComponent(region)}/measures`, {
      families: 'evolution,spinoffs,ties,mobility,knowledge,learning',
    }),
    others.length >= 2
      ? get<Pick<Comparison, 'learning'>>('learning', { regions: others.join(',') })
      : Promise.resolve(null),
    canTest
      ? get<{ verdicts: unknown[] }>(`regions/${encodeURIComponent(region)}/findings`).catch(
          (e: ApiError) => e,
        )
      : Promise.resolve(new ApiError(501, 'this Milieu cannot test the findings yet')),
  ]);
  const indicators = new Map(measures.families.flatMap((f) => f.indicators.map((i) => [i.name, i] as const)));
  const name = regions.find((r) => r.id === region)?.name ?? region;
  main.append(heading(`Overview: ${name}`));
  const cards = document.createElement('div');
  cards.className = 'cards';
  cards.append(...HEADLINES.map((h) => card(indicators.get(h), h)));
  main.append(cards);

  // trend over time: births, exits and firms active at the start of each year
  const births = measures.families
    .find((f) => f.family === 'evolution')
    ?.tables.find((t) => t.measure === 'evolution.birthsAndExits');
  if (births?.rows && births.columns) {
    const rows = births.rows.flatMap((r) =>
      ['births', 'exits', 'activeAtStart'].map((series) => ({
        year: r[0] as number,
        series,
        value: r[births.columns!.indexOf(series)] as number,
      })),
    );
    const chart = Plot.plot({
      width: 760,
      height: 260,
      y: { grid: true, label: 'firms' },
      x: { label: 'year', tickFormat: 'd' },
      color: {
        legend: true,
        domain: ['births', 'exits', 'activeAtStart'],
        range: [OKABE_ITO[2], OKABE_ITO[5], OKABE_ITO[4]],
      },
      marks: [Plot.lineY(rows, { x: 'year', y: 'value', stroke: 'series', tip: true }), Plot.ruleY([0])],
    });
    main.append(chartBox('Firm births, exits and active firms per year', chart, `${region}-evolution`));
  }

  // the three collective learning processes (this region) and the index (among all regions shown)
  main.append(heading('Collective learning'));
  const learning = [
    'learning.spinoffIntensity',
    'learning.networkingIntensity',
    'learning.mobilityIntensity',
  ];
  const lcards = document.createElement('div');
  lcards.className = 'cards';
  lcards.append(...learning.map((l) => card(indicators.get(l), l)));
  const row = comparison?.learning.find((l) => l.region === region);
  lcards.append(
    card(
      { name: 'learning.index', value: row?.index ?? null, unit: 'mean z-score across the regions compared' },
      'learning.index',
    ),
  );
  main.append(lcards);
  if (comparison) {
    const parts = comparison.learning.flatMap((l) =>
      (['zSpinoff', 'zNetworking', 'zMobility', 'index'] as const).map((part) => ({
        region: l.region,
        part,
        z: l[part],
      })),
    );
    const chart = Plot.plot({
      width: 760,
      height: 240,
      marginBottom: 40,
      fx: { label: null },
      x: { axis: null },
      y: { grid: true, label: 'z-score' },
      color: { legend: true, range: OKABE_ITO.slice(0, 4) },
      marks: [
        Plot.barY(
          parts.filter((p) => p.z !== null),
          {
            fx: 'region',
            x: 'part',
            y: 'z',
            fill: 'part',
            stroke: (d: { region: string }) => (d.region === region ? 'black' : null),
            tip: true,
          },
        ),
        Plot.ruleY([0]),
      ],
    });
    main.append(
      chartBox('Learning index and its parts, every region (outlined: this one)', chart, 'learning-index'),
    );
  }

  main.append(heading('Findings'));
  if (findings instanceof ApiError) {
    const p = document.createElement('p');
    p.className = 'note findings-unavailable';
    p.textContent =
      findings.status === 501
        ? `Not yet available: ${findings.message}`
        : `Findings could not be loaded: ${findings.message}`;
    main.append(p);
  } else {
    const rows = (findings.verdicts as Record<string, unknown>[]).map((v) => [
      v.finding,
      v.verdict,
      v.effect,
      v.low,
      v.high,
      v.n,
      v.note,
    ]);
    main.append(
      sortableTable({
        name: `${region}-findings`,
        caption: 'Verdicts',
        columns: ['finding', 'verdict', 'effect', 'low', 'high', 'n', 'note'],
        rows,
      }),
    );
  }
}
