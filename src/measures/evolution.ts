/**
 * Evolution: how a cluster's population of firms grows, stalls and recovers. Births and exits per
 * year, the creation rate (births per 100 active firms), employment over time, the "dip and
 * resurgence" of the creation rate that Keeble & Wilkinson's network reported for several European
 * high-technology regions (executive summary §4: creation rates fell in the early-1990s recession
 * and rose again from about 1993), and Kaplan–Meier survival of founding cohorts by origin
 * (university, corporate, SME or research-institute spin-off, or de novo start-up).
 *
 * Only firms count (FIRM_KINDS); a firm is born in its `founded` year and exits in its `closed`
 * year. The year axis runs from the later of the selection's first year and the first founding
 * among the selected firms to the earlier of the selection's last year and the latest year in the
 * data (`latestDataYear`); that last year is also where survival times are censored.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UsageError } from '../errors.ts';
import {
  type FamilyReport,
  type Indicator,
  indicator,
  type MeasureResult,
  notAvailable,
  type Selection,
} from './common.ts';
import {
  birthsTable,
  employmentByYear,
  meanRate,
  type Prepared,
  prepare,
  rateAt,
  rateTable,
} from './demography.ts';
import { medianSurvival, survivalAt } from './kaplan-meier.ts';
import { curvesTable, ORIGINS, survivalTable } from './survival.ts';

export { birthsAndExits, creationRate, employmentByYear } from './demography.ts';
export { FIRM_CODE_MASK, type FirmSelection, latestDataYear, rawNumber, selectFirms } from './firms.ts';
export { atRiskAt, type KaplanMeierCurve, kaplanMeier, medianSurvival, survivalAt } from './kaplan-meier.ts';
export {
  ORIGINS,
  type Origin,
  originCodes,
  SURVIVAL_HORIZONS,
  survivalByOrigin,
  survivalCurves,
} from './survival.ts';

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

interface DipResult {
  table: MeasureResult;
  dip: DipAndResurgence | null;
  reason: string;
}

function dipOf(d: Prepared, options: Required<EvolutionOptions>): DipResult {
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

// ---------------------------------------------------------------------------------------------
// The family

/**
 * The evolution family: births and exits, creation rate, employment, dip and resurgence, survival
 * by origin. Indicators: `evolution.births`, `evolution.exits` (totals over the year axis),
 * `evolution.creationRate` (mean yearly rate over the years with active firms, per 100 firms),
 * `evolution.peakYear`, `evolution.troughYear`, `evolution.growthSinceTrough` (points per 100 firms
 * from the trough to the last year), `evolution.survival5y.<origin>` for each origin and `all`, and
 * `evolution.medianSurvival` (all firms, years). Cost O(n log n + rows).
 */
export function evolution(
  dataset: Dataset,
  selection: Selection = {},
  options: EvolutionOptions = {},
): FamilyReport {
  const opts = checkEvolutionOptions(options);
  const d = prepare(dataset, selection);
  const dip = dipOf(d, opts);
  const survival = survivalTable(dataset, d);
  const survivalReason = 'notAvailable' in survival.table ? survival.table.notAvailable : '';
  const tables: MeasureResult[] = [
    birthsTable(d),
    rateTable(d),
    employmentByYear(dataset, selection),
    dip.table,
    survival.table,
    curvesTable(survival.data, survivalReason),
  ];

  const reason = typeof d === 'string' ? d : 'no data';
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const indicators: Indicator[] = [
    indicator('evolution.births', typeof d === 'string' ? null : sum(d.births), 'firms', reason),
    indicator('evolution.exits', typeof d === 'string' ? null : sum(d.exits), 'firms', reason),
    indicator(
      'evolution.creationRate',
      meanRate(d),
      'per 100 firms',
      typeof d === 'string' ? d : 'no year with active firms',
    ),
    indicator('evolution.peakYear', dip.dip?.peakYear, 'year', dip.reason),
    indicator('evolution.troughYear', dip.dip?.troughYear, 'year', dip.reason),
    indicator('evolution.growthSinceTrough', dip.dip?.growthPoints, 'points per 100 firms', dip.reason),
  ];
  for (const { origin, curve } of survival.data?.groups ?? []) {
    const why =
      curve.observations === 0
        ? `no ${origin} firm in the cohorts`
        : `no ${origin} firm followed for 5 years`;
    indicators.push(indicator(`evolution.survival5y.${origin}`, survivalAt(curve, 5), 'share', why));
  }
  if (survival.data === null) {
    for (const origin of [...ORIGINS, 'all'])
      indicators.push(indicator(`evolution.survival5y.${origin}`, null, 'share', survivalReason));
  }
  const allCurve = survival.data?.groups[survival.data.groups.length - 1].curve;
  indicators.push(
    indicator(
      'evolution.medianSurvival',
      allCurve ? medianSurvival(allCurve) : null,
      'years',
      allCurve ? 'survival never falls to 0.5' : survivalReason,
    ),
  );
  return { family: 'evolution', tables, indicators };
}
