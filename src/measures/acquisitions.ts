/**
 * Acquisitions of a cluster's firms: how many local firms were bought, year by year, and by whom —
 * firms from abroad, firms from elsewhere in the country, or other local firms. The TSER network's
 * comparative study of ten European high-technology SME clusters (Keeble & Wilkinson, executive
 * summary, ¶22–23; Keeble & Wilkinson 1999, Regional Studies 33(4)) found acquisitions of local
 * technology SMEs by (mostly multinational) large firms common in several regions, and on balance a
 * source of resources, marketing and internationalisation rather than a loss; such measures let that
 * finding be checked on acquisition lists.
 *
 * The region is passed as a plain definition (NUTS codes and/or localities, and its country), so the
 * family works on data whose organisations have no NUTS code, such as acquisition lists located by
 * city only. See docs/acquisitions.md.
 */
import type { Dataset } from '../dataset/dataset.ts';
import {
  INSIDE,
  OUTSIDE,
  type RegionDefinition,
  regionCountries,
  regionLocation,
  UNKNOWN_LOCATION,
} from '../dataset/regions.ts';
import { FIRM_KINDS, ORGANISATION_KINDS } from '../model/index.ts';
import {
  type Cell,
  checkSelection,
  type FamilyReport,
  type Indicator,
  indicator,
  inYears,
  type MeasureResult,
  type MeasureTable,
  notAvailable,
  type Selection,
} from './common.ts';

/** A study region as a plain definition: NUTS codes and/or localities, and the country it lies in. */
export type ClusterRegion = Pick<RegionDefinition, 'id' | 'name' | 'nuts' | 'localities'> & {
  /** Country code (alpha-2; GB and GR are read as UK and EL); needed when the region has localities. */
  country?: string | null;
};

// Location relative to a region is the shared membership rule of src/dataset/regions.ts, so an
// acquisitions report counts the same firms as every other command.
export { INSIDE, OUTSIDE, regionCountries, UNKNOWN_LOCATION };

function normalCountry(c: string | null | undefined): string | null {
  const s = c?.trim().toUpperCase() ?? '';
  if (s === '') return null;
  return s === 'GB' ? 'UK' : s === 'GR' ? 'EL' : s;
}

/**
 * Location of every organisation relative to the region: INSIDE, OUTSIDE or UNKNOWN_LOCATION
 * (`regionLocation`: NUTS code first, else locality and country; a matching locality with no country
 * is unknown). Cost O(n).
 */
export function clusterLocation(dataset: Dataset, region: ClusterRegion): Uint8Array {
  return regionLocation(dataset, region);
}

interface YearCounts {
  acquisitions: number;
  foreign: number;
  countryKnown: number;
  outside: number;
  locationKnown: number;
  local: number;
}

const newCounts = (): YearCounts => ({
  acquisitions: 0,
  foreign: 0,
  countryKnown: 0,
  outside: 0,
  locationKnown: 0,
  local: 0,
});

function tally(c: YearCounts, targetCountry: string | null, acquirerCountry: string | null, where: number) {
  c.acquisitions++;
  if (targetCountry !== null && acquirerCountry !== null) {
    c.countryKnown++;
    if (targetCountry !== acquirerCountry) c.foreign++;
  }
  if (where !== UNKNOWN_LOCATION) {
    c.locationKnown++;
    if (where === OUTSIDE) c.outside++;
    else c.local++;
  }
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

const MEASURES = {
  summary: [
    'acquisitions.summary',
    'Acquisitions of firms inside the region: totals, shares bought by acquirers from another country and from outside the region.',
  ],
  byYear: [
    'acquisitions.by-year',
    'Acquisitions of firms inside the region per year; shares over acquisitions whose acquirer country (or location) is known.',
  ],
  countries: [
    'acquisitions.acquirer-countries',
    "Acquirers' home countries for acquisitions of firms inside the region: counts and shares of all such acquisitions.",
  ],
  local: [
    'acquisitions.local-acquirers',
    'Acquirers inside the region that bought firms inside the region: number of such acquisitions and years.',
  ],
} as const;

function allUnavailable(reason: string, countReason = reason): FamilyReport {
  return {
    family: 'acquisitions',
    tables: Object.values(MEASURES).map(([m, d]) => notAvailable(m, d, reason)),
    indicators: [
      indicator('acquisitions.count', null, 'acquisitions', countReason),
      indicator('acquisitions.foreignShare', null, 'share', reason),
      indicator('acquisitions.outsideRegionShare', null, 'share', reason),
    ],
  };
}

/**
 * Acquisitions of a cluster's firms (targets of a firm kind located inside the region, see
 * clusterLocation), from the dataset's acquisitions table.
 *
 * - count = number of such acquisitions (in `selection.years` when given; without a year range,
 *   undated acquisitions count too, in a row with an empty year)
 * - foreignShare = acquisitions whose acquirer's country differs from the target's / acquisitions
 *   where both countries are known
 * - outsideRegionShare = acquisitions whose acquirer lies outside the region / acquisitions whose
 *   acquirer's location is known
 * - acquirers' home countries, counted and sorted (most first), unknown last
 * - local acquirers: acquirers inside the region buying local firms
 *
 * Indicators `acquisitions.count`, `acquisitions.foreignShare`, `acquisitions.outsideRegionShare`.
 * Not available: no acquisitions in the data; a region with neither NUTS codes nor localities, or
 * with localities but no country; no acquisition of a local firm (count is then 0: the data has
 * acquisitions, none of them of a firm in the region). `selection.region` is not used: the region is
 * the `region` argument.
 * Source: Keeble & Wilkinson, TSER executive summary ¶22–23; cost O(n + a) for n organisations and a acquisitions.
 * Example: local firms t1, t2 (DE, Munich); t1 bought in 2010 by a US firm, t2 in 2011 by a firm of
 * Munich → count 2, foreignShare 1/2, outsideRegionShare 1/2, acquirer countries DE 1, US 1, local
 * acquirers: the Munich firm (1).
 */
export function clusterAcquisitions(
  dataset: Dataset,
  region: ClusterRegion,
  selection: Selection = {},
): FamilyReport {
  const { years } = checkSelection(selection);
  const yearsGiven = selection.years !== undefined;
  const table = dataset.other.acquisitions;
  if (table.rowCount === 0) return allUnavailable('no acquisitions in the data');
  if (region.nuts.length === 0 && region.localities.length === 0)
    return allUnavailable(`region '${region.id}' has neither NUTS codes nor localities`);
  if (region.nuts.length === 0 && regionCountries(region).size === 0) {
    return allUnavailable(
      `region '${region.id}' is defined by localities but has no country: a locality name alone cannot place a firm (Cambridge, England or Cambridge, Massachusetts)`,
    );
  }
  const o = dataset.organisations;
  const location = clusterLocation(dataset, region);
  const firmCodes = new Uint8Array(256);
  for (const k of FIRM_KINDS) firmCodes[ORGANISATION_KINDS.indexOf(k)] = 1;
  const countries = o.country.map(normalCountry);

  const targets = table.columns.target ?? [];
  const acquirers = table.columns.acquirer ?? [];
  const yearCol = table.columns.year ?? [];
  const byYear = new Map<number, YearCounts>();
  const undated = newCounts();
  const total = newCounts();
  const acquirerCountries = new Map<string | null, number>();
  const localAcquirers = new Map<number, { count: number; first: number; last: number }>();
  let unresolved = 0;
  let nonFirmTargets = 0;
  let ambiguousTargets = 0;
  let dated = 0;
  let firstYear = Number.POSITIVE_INFINITY;
  let lastYear = Number.NEGATIVE_INFINITY;

  for (let r = 0; r < table.rowCount; r++) {
    const t = o.index.get(String(targets[r]));
    const a = o.index.get(String(acquirers[r]));
    if (t === undefined || a === undefined) {
      unresolved++;
      continue;
    }
    const y = yearCol[r];
    const year = typeof y === 'number' ? y : typeof y === 'string' && y !== '' ? Number(y) : Number.NaN;
    if (yearsGiven && !inYears(year, years)) continue;
    if (location[t] === UNKNOWN_LOCATION) {
      // with a locality, the locality matched but the country is unknown
      if (o.locality[t] !== null && o.locality[t] !== '') ambiguousTargets++;
      continue;
    }
    if (location[t] !== INSIDE) continue;
    if (!firmCodes[o.kind[t]]) {
      nonFirmTargets++;
      continue;
    }
    let counts: YearCounts;
    if (Number.isNaN(year)) counts = undated;
    else {
      dated++;
      if (year < firstYear) firstYear = year;
      if (year > lastYear) lastYear = year;
      counts = byYear.get(year) ?? newCounts();
      byYear.set(year, counts);
    }
    const ac = countries[a];
    tally(counts, countries[t], ac, location[a]);
    tally(total, countries[t], ac, location[a]);
    acquirerCountries.set(ac, (acquirerCountries.get(ac) ?? 0) + 1);
    if (location[a] === INSIDE) {
      const l = localAcquirers.get(a) ?? { count: 0, first: Number.NaN, last: Number.NaN };
      l.count++;
      if (!Number.isNaN(year)) {
        if (!(l.first <= year)) l.first = year;
        if (!(l.last >= year)) l.last = year;
      }
      localAcquirers.set(a, l);
    }
  }

  const notes: string[] = [];
  if (unresolved > 0)
    notes.push(`${unresolved} acquisition(s) name an organisation that is not in the data: left out`);
  if (ambiguousTargets > 0) {
    notes.push(
      `${ambiguousTargets} acquisition(s) of a firm with one of the region's localities but no country: left out (cannot tell whether it lies in the region)`,
    );
  }
  if (nonFirmTargets > 0)
    notes.push(
      `${nonFirmTargets} acquisition(s) of organisations in the region that are not firms: left out`,
    );
  if (yearsGiven) notes.push(`years ${years[0]}–${years[1]}; undated acquisitions left out`);

  if (total.acquisitions === 0) {
    const reason = `no acquisition of a firm in region '${region.id}'${yearsGiven ? ` in ${years[0]}–${years[1]}` : ''} (of ${table.rowCount} acquisitions in the data)`;
    const report = allUnavailable(reason);
    report.indicators[0] = indicator('acquisitions.count', 0, 'acquisitions');
    return report;
  }

  const summary: MeasureTable = {
    measure: MEASURES.summary[0],
    description: MEASURES.summary[1],
    columns: [
      'region',
      'acquisitions',
      'dated',
      'firstYear',
      'lastYear',
      'foreignAcquirer',
      'countryKnown',
      'foreignShare',
      'outsideRegionAcquirer',
      'locationKnown',
      'outsideRegionShare',
      'localAcquirer',
    ],
    rows: [
      [
        region.id,
        total.acquisitions,
        dated,
        dated > 0 ? firstYear : null,
        dated > 0 ? lastYear : null,
        total.foreign,
        total.countryKnown,
        share(total.foreign, total.countryKnown),
        total.outside,
        total.locationKnown,
        share(total.outside, total.locationKnown),
        total.local,
      ],
    ],
    notes,
  };

  const yearRow = (year: number | null, c: YearCounts): Cell[] => [
    year,
    c.acquisitions,
    c.foreign,
    c.countryKnown,
    share(c.foreign, c.countryKnown),
    c.outside,
    c.locationKnown,
    share(c.outside, c.locationKnown),
    c.local,
  ];
  const yearRows = [...byYear.keys()].sort((x, y) => x - y).map((y) => yearRow(y, byYear.get(y)!));
  if (undated.acquisitions > 0) yearRows.push(yearRow(null, undated));
  const perYear: MeasureTable = {
    measure: MEASURES.byYear[0],
    description: MEASURES.byYear[1],
    columns: [
      'year',
      'acquisitions',
      'foreignAcquirer',
      'countryKnown',
      'foreignShare',
      'outsideRegionAcquirer',
      'locationKnown',
      'outsideRegionShare',
      'localAcquirer',
    ],
    rows: yearRows,
    notes: undated.acquisitions > 0 ? ['the row with an empty year holds the undated acquisitions'] : [],
  };

  const countryRows = [...acquirerCountries]
    .sort((x, y) => {
      if ((x[0] === null) !== (y[0] === null)) return x[0] === null ? 1 : -1;
      return y[1] - x[1] || String(x[0]).localeCompare(String(y[0]));
    })
    .map(([c, n]): Cell[] => [c, n, n / total.acquisitions]);
  const countryTable: MeasureTable = {
    measure: MEASURES.countries[0],
    description: MEASURES.countries[1],
    columns: ['country', 'acquisitions', 'share'],
    rows: countryRows,
    notes: acquirerCountries.has(null) ? ['an empty country: the acquirer country is unknown'] : [],
  };

  const localRows = [...localAcquirers]
    .sort((x, y) => y[1].count - x[1].count || o.id[x[0]].localeCompare(o.id[y[0]]))
    .map(([a, l]): Cell[] => [
      o.id[a],
      o.name[a],
      l.count,
      Number.isNaN(l.first) ? null : l.first,
      Number.isNaN(l.last) ? null : l.last,
    ]);
  const localTable: MeasureTable = {
    measure: MEASURES.local[0],
    description: MEASURES.local[1],
    columns: ['acquirer', 'name', 'acquisitions', 'firstYear', 'lastYear'],
    rows: localRows,
    notes: localRows.length === 0 ? ['no acquirer inside the region bought a firm inside the region'] : [],
  };

  const tables: MeasureResult[] = [summary, perYear, countryTable, localTable];
  const indicators: Indicator[] = [
    indicator('acquisitions.count', total.acquisitions, 'acquisitions'),
    indicator(
      'acquisitions.foreignShare',
      share(total.foreign, total.countryKnown),
      'share',
      'no acquisition of a local firm with both countries known',
    ),
    indicator(
      'acquisitions.outsideRegionShare',
      share(total.outside, total.locationKnown),
      'share',
      "no acquisition of a local firm whose acquirer's location is known",
    ),
  ];
  return { family: 'acquisitions', tables, indicators };
}
