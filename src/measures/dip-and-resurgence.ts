/**
 * Dip and resurgence of the evolution family's creation rate (src/measures/evolution.ts says which
 * firms count and how the year axis is chosen): the yearly rate over years with enough active
 * firms, smoothed or not, and its first peak, the trough after it and the growth since. The
 * family's options are checked here too: they govern this measure alone.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UsageError } from '../errors.ts';
import { type MeasureResult, notAvailable, type Selection } from './common.ts';
import { type Prepared, prepare, rateAt } from './demography.ts';

// ---------------------------------------------------------------------------------------------
// Options

export interface EvolutionOptions {
  /**
   * Smoothing of the creation rate before the dip-and-resurgence detection: `centred-3` (a centred
   * three-year moving average over the eligible neighbouring years) or `none`.
   */
  smoothing?: 'none' | 'centred-3';
  /**
   * Years with fewer firms active at their start are left out of the dip-and-resurgence detection:
   * over one to four firms a single birth moves the rate by 20 to 100 points.
   */
  minActiveFirms?: number;
}

export const EVOLUTION_DEFAULTS: Required<EvolutionOptions> = { smoothing: 'centred-3', minActiveFirms: 5 };

export function checkEvolutionOptions(options: EvolutionOptions): Required<EvolutionOptions> {
  const o = { ...EVOLUTION_DEFAULTS, ...options };
  if (o.smoothing !== 'none' && o.smoothing !== 'centred-3') {
    throw new UsageError(
      'measures',
      `invalid smoothing: ${String(o.smoothing)} (expected none or centred-3)`,
    );
  }
  if (!Number.isInteger(o.minActiveFirms) || o.minActiveFirms < 1) {
    throw new UsageError('measures', `invalid minActiveFirms: ${o.minActiveFirms} (expected an integer ≥ 1)`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Dip and resurgence

const DIP_DESCRIPTION =
  'Dip and resurgence of the creation rate: its first peak, the lowest point after it (trough) and the change from the trough to the last year, in points per 100 firms.';

export interface DipAndResurgence {
  peakYear: number;
  peakRate: number;
  troughYear: number;
  troughRate: number;
  lastYear: number;
  lastRate: number;
  /** lastRate − troughRate, in points per 100 firms. */
  growthPoints: number;
  /** (lastRate / troughRate − 1) × 100; null when the trough rate is 0. */
  growthPercent: number | null;
  resurgence: boolean;
}

/**
 * Finds the dip in a yearly series: the first peak is the first value followed by a lower one (the
 * series rises or stays level up to it); the trough is the lowest value after the peak (the earliest
 * if tied); growth runs from the trough to the last value. A string says why nothing was found.
 * Cost O(years). Example: values 5, 8, 6, 3, 4, 7 for 1990–1995 → peak 1991 (8), trough 1993 (3),
 * growth +4 points, +133 %.
 */
export function findDip(years: ArrayLike<number>, values: ArrayLike<number>): DipAndResurgence | string {
  const m = values.length;
  if (m < 3) return `only ${m} year(s) to look at (need at least 3)`;
  let peak = -1;
  for (let i = 0; i + 1 < m; i++) {
    if (values[i + 1] < values[i]) {
      peak = i;
      break;
    }
  }
  if (peak < 0) return `the creation rate never falls from ${years[0]} to ${years[m - 1]}: no peak`;
  let trough = peak + 1;
  for (let j = peak + 2; j < m; j++) if (values[j] < values[trough]) trough = j;
  const growthPoints = values[m - 1] - values[trough];
  return {
    peakYear: years[peak],
    peakRate: values[peak],
    troughYear: years[trough],
    troughRate: values[trough],
    lastYear: years[m - 1],
    lastRate: values[m - 1],
    growthPoints,
    growthPercent: values[trough] > 0 ? (values[m - 1] / values[trough] - 1) * 100 : null,
    resurgence: growthPoints > 0,
  };
}

/** The `evolution.dipAndResurgence` table, the dip found (or null) and why there is none. */
export interface DipResult {
  table: MeasureResult;
  dip: DipAndResurgence | null;
  reason: string;
}

/** The dip of a demography's creation rate, under checked options. Cost O(years). */
export function dipOf(d: Prepared, options: Required<EvolutionOptions>): DipResult {
  if (typeof d === 'string')
    return { table: notAvailable('evolution.dipAndResurgence', DIP_DESCRIPTION, d), dip: null, reason: d };
  const span = d.births.length;
  const eligible = new Uint8Array(span);
  let eligibleCount = 0;
  for (let k = 0; k < span; k++) {
    if (d.activeAtStart[k] >= options.minActiveFirms) {
      eligible[k] = 1;
      eligibleCount++;
    }
  }
  const years = new Float64Array(eligibleCount);
  const values = new Float64Array(eligibleCount);
  let e = 0;
  for (let k = 0; k < span; k++) {
    if (!eligible[k]) continue;
    let value = rateAt(d, k)!;
    if (options.smoothing === 'centred-3') {
      let sum = value;
      let count = 1;
      for (const j of [k - 1, k + 1]) {
        if (j >= 0 && j < span && eligible[j]) {
          sum += rateAt(d, j)!;
          count++;
        }
      }
      value = sum / count;
    }
    years[e] = d.first + k;
    values[e++] = value;
  }
  const found = findDip(years, values);
  if (typeof found === 'string') {
    const reason = `${found} (years with at least ${options.minActiveFirms} firms active at their start, ${d.first}–${d.last})`;
    return { table: notAvailable('evolution.dipAndResurgence', DIP_DESCRIPTION, reason), dip: null, reason };
  }
  const smoothing = options.smoothing === 'centred-3' ? 'centred 3-year moving average' : 'none';
  return {
    table: {
      measure: 'evolution.dipAndResurgence',
      description: DIP_DESCRIPTION,
      columns: [
        'peakYear',
        'peakRate',
        'troughYear',
        'troughRate',
        'lastYear',
        'lastRate',
        'growthPoints',
        'growthPercent',
        'resurgence',
      ],
      rows: [
        [
          found.peakYear,
          found.peakRate,
          found.troughYear,
          found.troughRate,
          found.lastYear,
          found.lastRate,
          found.growthPoints,
          found.growthPercent,
          found.resurgence,
        ],
      ],
      notes: [
        `smoothing: ${smoothing}`,
        `only years with at least ${options.minActiveFirms} firms active at their start (${eligibleCount} of ${span}) are used`,
        ...(found.growthPercent === null ? ['growthPercent is null: the trough rate is 0'] : []),
      ],
    },
    dip: found,
    reason: '',
  };
}

/**
 * Dip and resurgence of the creation rate (Keeble & Wilkinson 2000, executive summary §4: a marked
 * resurgence of new technology-based firm creation after the early-1990s fall). The yearly rate is
 * taken over years with at least `minActiveFirms` firms active at their start, smoothed by default
 * with a centred 3-year moving average r̄(y) = mean of r(y−1), r(y), r(y+1) over those of the three
 * years that are used (two at the ends); then `findDip`: the first peak, the lowest point after it
 * and growth = r̄(last) − r̄(trough) in points (and in % of the trough rate). Cost O(n + years).
 * Example (no smoothing): rates 20, 25, 10, 5, 8, 15 for 1990–1995 → peak 1991, trough 1993,
 * growth +10 points (+200 %), resurgence true.
 */
export function dipAndResurgence(
  dataset: Dataset,
  selection: Selection = {},
  options: EvolutionOptions = {},
): MeasureResult {
  return dipOf(prepare(dataset, selection), checkEvolutionOptions(options)).table;
}
