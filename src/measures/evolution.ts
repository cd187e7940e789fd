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
 *
 * This file holds the family's entry point and re-exports its parts, which stand beside it:
 * `demography.ts` (the yearly demography, births and exits, creation rate, employment),
 * `dip-and-resurgence.ts` (with the family's options), `survival.ts` (origins, survival by origin)
 * over `kaplan-meier.ts`, and `firms.ts` (the selection's firms and the data's latest year, shared
 * with the sectors family).
 */
import type { Dataset } from '../dataset/dataset.ts';
import {
  type FamilyReport,
  type Indicator,
  indicator,
  type MeasureResult,
  type Selection,
} from './common.ts';
import { birthsTable, employmentByYear, meanRate, prepare, rateTable } from './demography.ts';
import { checkEvolutionOptions, dipOf, type EvolutionOptions } from './dip-and-resurgence.ts';
import { medianSurvival, survivalAt } from './kaplan-meier.ts';
import { curvesTable, ORIGINS, survivalTable } from './survival.ts';

export { birthsAndExits, creationRate, employmentByYear } from './demography.ts';
export {
  checkEvolutionOptions,
  type DipAndResurgence,
  dipAndResurgence,
  EVOLUTION_DEFAULTS,
  type EvolutionOptions,
  findDip,
} from './dip-and-resurgence.ts';
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
