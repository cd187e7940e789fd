/**
 * Charts for the reports, drawn by Observable Plot on the server into inline SVG: Plot builds its
 * figure with a `document`, which here comes from linkedom (a small server-side DOM), so a report is
 * one self-contained file that needs no script, no CDN and no network to be read. The palette is
 * Okabe & Ito's (2008) eight colours, distinguishable with the common colour-vision deficiencies;
 * categories are also told apart by symbol or position, never by colour alone.
 *
 * Every chart is deterministic: Plot's default class name is fixed, and no chart uses clip paths
 * (whose ids count up), so the same data give the same bytes.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Okabe–Ito, reordered for white paper: orange, sky blue, bluish green, blue, vermilion, reddish
 * purple, black; yellow last, as it reads poorly as a thin mark on white.
 */
export const PALETTE = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
  '#F0E442',
];
/** The colour of single-series bars. */
const BAR = '#0072B2';

/** One bar per region: the value of one indicator. */
export interface BarDatum {
  region: string;
  value: number;
}

/** One mark per region and part (stacked shares, grouped z-scores). */
export interface PartDatum {
  region: string;
  part: string;
  value: number;
}

type PlotDocument = NonNullable<Plot.PlotOptions['document']>;
let documentRef: PlotDocument | null = null;
function serverDocument(): PlotDocument {
  documentRef ??= parseHTML('<!doctype html><html><head></head><body></body></html>')
    .document as unknown as PlotDocument;
  return documentRef;
}

function render(options: Plot.PlotOptions): string {
  const node = Plot.plot({ ...options, document: serverDocument() }) as unknown as { outerHTML: string };
  return node.outerHTML;
}

/** Left margin wide enough for the longest region label (10 px font, about 6 px a character). */
function leftMargin(labels: readonly string[]): number {
  return Math.min(260, 16 + 6 * Math.max(4, ...labels.map((l) => l.length)));
}

/** Horizontal bars, one per region, with a zero line; `percent` shows shares 0–1 as 0–100 %. */
export function barChart(
  data: readonly BarDatum[],
  options: { label: string; percent?: boolean; order: readonly string[] },
): string {
  const k = options.percent ? 100 : 1;
  const rows = data.map((d) => ({ region: d.region, value: d.value * k }));
  return render({
    width: 640,
    height: 30 + 22 * options.order.length,
    marginLeft: leftMargin(options.order),
    // room for the value written after the longest bar (or before the longest negative one)
    marginRight: 48,
    insetLeft: rows.some((d) => d.value < 0) ? 40 : 0,
    x: { label: options.label, grid: true },
    y: { label: null, domain: [...options.order] },
    marks: [
      Plot.barX(rows, { x: 'value', y: 'region', fill: BAR }),
      Plot.ruleX([0]),
      // the value at the bar's end: after it for positive bars, before it for negative ones
      Plot.text(
        rows.filter((d) => d.value >= 0),
        {
          x: 'value',
          y: 'region',
          text: (d: { value: number }) => shortNumber(d.value),
          textAnchor: 'start',
          dx: 4,
        },
      ),
      Plot.text(
        rows.filter((d) => d.value < 0),
        {
          x: 'value',
          y: 'region',
          text: (d: { value: number }) => shortNumber(d.value),
          textAnchor: 'end',
          dx: -4,
        },
      ),
    ],
  });
}

/** Shares of a whole per region, stacked left to right in the order of `parts` (one colour each). */
export function stackedShareChart(
  data: readonly PartDatum[],
  options: { label: string; parts: readonly string[]; order: readonly string[] },
): string {
  const rows = data.map((d) => ({ ...d, value: 100 * d.value }));
  return render({
    width: 640,
    height: 60 + 22 * options.order.length,
    marginLeft: leftMargin(options.order),
    x: { label: options.label, domain: [0, 100], grid: true },
    y: { label: null, domain: [...options.order] },
    color: { domain: [...options.parts], range: PALETTE.slice(0, options.parts.length), legend: true },
    marks: [
      Plot.barX(rows, { x: 'value', y: 'region', fill: 'part', order: [...options.parts] }),
      Plot.ruleX([0]),
    ],
  });
}

const SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye', 'times'];

/** Several values per region on one axis (e.g. the learning index and its z-score parts). */
export function dotChart(
  data: readonly PartDatum[],
  options: { label: string; parts: readonly string[]; order: readonly string[] },
): string {
  // the last part (the index itself) in black, the parts in colours
  const range = [...PALETTE.slice(0, options.parts.length - 1), '#000000'];
  return render({
    width: 640,
    height: 60 + 24 * options.order.length,
    marginLeft: leftMargin(options.order),
    x: { label: options.label, grid: true },
    y: { label: null, domain: [...options.order] },
    // the symbol legend shows each part's symbol in its colour
    color: { domain: [...options.parts], range },
    symbol: { domain: [...options.parts], range: SYMBOLS.slice(0, options.parts.length), legend: true },
    marks: [
      Plot.ruleX([0]),
      Plot.dot(data, { x: 'value', y: 'region', stroke: 'part', symbol: 'part', r: 4, strokeWidth: 2 }),
    ],
  });
}

function shortNumber(v: number): string {
  const a = Math.abs(v);
  const digits = a === 0 || a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return v.toFixed(digits);
}
