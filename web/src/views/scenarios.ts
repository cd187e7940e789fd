// Scenarios: pick a scenario file and policy levers, run a small ensemble on the server (queued
// POST, progress polled), and see each outcome's distribution with its interval against the
// baseline (the same scenario and seeds without the levers).
import * as Plot from '@observablehq/plot';
import { get, post } from '../api.ts';
import { chartBox } from '../download.ts';
import { OKABE_ITO } from '../format.ts';
import { sortableTable } from '../table.ts';
import type { ViewContext } from '../view-context.ts';

interface Offer {
  scenarios: { name: string; description: string; region: string }[];
  parameters: { name: string; min: number; max: number; unit: string; doc: string }[];
}
interface Outcome {
  outcome: string;
  values: (number | null)[];
  baseline: (number | null)[];
  mean: number | null;
  low: number | null;
  high: number | null;
  baselineMean: number | null;
  baselineLow: number | null;
  baselineHigh: number | null;
}
interface Job {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  position: number;
  error: string | null;
  result: { interval: string; seeds: number[]; outcomes: Outcome[]; scenario: string } | null;
}

function input(props: Record<string, string>): HTMLInputElement {
  const e = document.createElement('input');
  for (const [k, v] of Object.entries(props)) e.setAttribute(k, v);
  return e;
}
function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const l = document.createElement('label');
  l.append(`${text} `, control);
  return l;
}

export async function scenariosView({ main }: ViewContext): Promise<void> {
  const offer = await get<Offer>('scenarios');
  const h = document.createElement('h2');
  h.textContent = 'Scenarios';
  const form = document.createElement('form');
  form.className = 'scenario-form';
  const scenario = document.createElement('select');
  scenario.id = 'scenario';
  for (const s of offer.scenarios)
    scenario.append(
      Object.assign(document.createElement('option'), {
        value: s.name,
        textContent: `${s.name} (${s.region})`,
        title: s.description,
      }),
    );
  const lever = document.createElement('select');
  lever.id = 'lever';
  for (const p of offer.parameters)
    lever.append(
      Object.assign(document.createElement('option'), {
        value: p.name,
        textContent: p.name,
        title: `${p.doc} [${p.min}, ${p.max}] ${p.unit}`,
      }),
    );
  const leverValue = input({ type: 'number', step: 'any', id: 'lever-value', value: '0.01' });
  const replicates = input({ type: 'number', min: '1', max: '50', value: '5', id: 'replicates' });
  const seed = input({ type: 'number', min: '0', value: '1', id: 'seed' });
  const from = input({ type: 'number', id: 'years-from', placeholder: "scenario's" });
  const to = input({ type: 'number', id: 'years-to', placeholder: "scenario's" });
  const run = Object.assign(document.createElement('button'), {
    type: 'submit',
    textContent: 'Run ensemble',
    id: 'run-ensemble',
  });
  form.append(
    labelled('Scenario', scenario),
    labelled('Policy lever', lever),
    labelled('value', leverValue),
    labelled('Replicates', replicates),
    labelled('First seed', seed),
    labelled('Years from', from),
    labelled('to', to),
    run,
  );
  const progress = document.createElement('progress');
  progress.id = 'ensemble-progress';
  progress.max = 1;
  progress.value = 0;
  const status = document.createElement('p');
  status.id = 'ensemble-status';
  status.setAttribute('role', 'status');
  const out = document.createElement('div');
  main.append(h, form, progress, status, out);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      run.disabled = true;
      out.replaceChildren();
      try {
        const body: Record<string, unknown> = {
          scenario: scenario.value,
          parameters: { [lever.value]: Number(leverValue.value) },
          replicates: Number(replicates.value),
          seed: Number(seed.value),
        };
        if (from.value && to.value) body.years = { from: Number(from.value), to: Number(to.value) };
        const { id } = await post<{ id: string }>('ensembles', body);
        let job: Job;
        for (;;) {
          job = await get<Job>(`jobs/${id}`);
          progress.max = Math.max(1, job.total);
          progress.value = job.done;
          status.textContent =
            job.state === 'queued'
              ? `queued (${job.position} ahead)`
              : `${job.state}: ${job.done} of ${job.total || '?'} replicates`;
          if (job.state === 'done' || job.state === 'failed') break;
          await new Promise((r) => setTimeout(r, 250));
        }
        status.dataset.state = job.state;
        if (job.state === 'failed' || !job.result) {
          status.textContent = `failed: ${job.error}`;
          return;
        }
        show(job.result, out, lever.value, Number(leverValue.value));
      } catch (e) {
        status.textContent = (e as Error).message;
        status.dataset.state = 'failed';
      } finally {
        run.disabled = false;
      }
    })();
  });
}

function show(result: NonNullable<Job['result']>, out: HTMLElement, lever: string, value: number): void {
  const withLevers = 'with lever';
  const grid = document.createElement('div');
  grid.className = 'small-multiples';
  // one small chart per outcome: their scales differ (counts, shares, z-scores)
  for (const o of result.outcomes) {
    const rows = [
      { run: withLevers, mean: o.mean, low: o.low, high: o.high },
      { run: 'baseline', mean: o.baselineMean, low: o.baselineLow, high: o.baselineHigh },
    ];
    const points = [
      ...o.values.map((v) => ({ run: withLevers, v })),
      ...o.baseline.map((v) => ({ run: 'baseline', v })),
    ].filter((p) => p.v !== null);
    const chart = Plot.plot({
      width: 370,
      height: 110,
      marginLeft: 80,
      y: { label: null, domain: [withLevers, 'baseline'] },
      x: { label: o.outcome, grid: true },
      color: { domain: [withLevers, 'baseline'], range: [OKABE_ITO[5], OKABE_ITO[4]] },
      marks: [
        Plot.dot(points, { x: 'v', y: 'run', stroke: 'run', r: 2.5, opacity: 0.6 }),
        Plot.ruleY(
          rows.filter((r) => r.low !== null),
          { x1: 'low', x2: 'high', y: 'run', stroke: 'run', strokeWidth: 3 },
        ),
        Plot.tickX(
          rows.filter((r) => r.mean !== null),
          { x: 'mean', y: 'run', stroke: 'black', strokeWidth: 2 },
        ),
      ],
    });
    grid.append(chartBox(o.outcome, chart, `ensemble-${o.outcome}`));
  }
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = `Lever: ${lever} = ${value}. ${result.seeds.length} replicates (seeds ${result.seeds[0]}–${result.seeds[result.seeds.length - 1]}); dots: replicates; bar: ${result.interval}; tick: mean.`;
  out.append(
    note,
    grid,
    sortableTable({
      name: 'ensemble',
      caption: 'Outcomes: mean and interval, with the lever and at baseline',
      columns: ['outcome', 'mean', 'low', 'high', 'baseline mean', 'baseline low', 'baseline high'],
      rows: result.outcomes.map((o) => [
        o.outcome,
        o.mean,
        o.low,
        o.high,
        o.baselineMean,
        o.baselineLow,
        o.baselineHigh,
      ]),
    }),
  );
}
