/**
 * The sectoral structure of a region in its snapshot year (src/measures/sectors.ts says which firms
 * count and how the year is chosen): the firms' NACE divisions, their weights, the reference
 * regions, and the tables of shares, variety, location quotients and the Krugman index. The
 * family's options are checked here too.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UsageError } from '../errors.ts';
import { parseNace } from '../model/index.ts';
import {
  type Cell,
  checkSelection,
  type MeasureResult,
  type MeasureTable,
  notAvailable,
  SELECTION_DEFAULTS,
  type Selection,
} from './common.ts';
import { FIRM_CODE_MASK, latestDataYear, rawNumber, selectFirms } from './firms.ts';
import { regionMask } from './selection.ts';
import {
  DIVISION_SECTION,
  DIVISION_SLOTS,
  krugmanIndex,
  type NestedVariety,
  nestedVariety,
  SECTION_COUNT,
  SECTION_LETTERS,
  sectoralVariety,
  type Variety,
} from './variety.ts';

// ---------------------------------------------------------------------------------------------
// Options

export interface SectorsOptions {
  /**
   * Regions (ids of the regions table or NUTS codes) whose firms together make the reference for
   * location quotients and the Krugman index; default the whole dataset.
   */
  referenceRegions?: string[];
  /**
   * `auto`: employment (each firm's latest record up to the snapshot year) when every firm counted
   * has one, else firm counts; `firms`: always counts; `employment`: always employment, leaving out
   * firms without a record.
   */
  weight?: 'auto' | 'firms' | 'employment';
  /** Length in years of the founding windows of `sectors.changeByFounding`. */
  window?: number;
}

export const SECTORS_DEFAULTS: Required<Omit<SectorsOptions, 'referenceRegions'>> = {
  weight: 'auto',
  window: 5,
};

export function checkSectorsOptions(options: SectorsOptions): SectorsOptions & typeof SECTORS_DEFAULTS {
  const o = { ...SECTORS_DEFAULTS, ...options };
  if (!['auto', 'firms', 'employment'].includes(o.weight)) {
    throw new UsageError(
      'measures',
      `invalid weight: ${String(o.weight)} (expected auto, firms or employment)`,
    );
  }
  if (!Number.isInteger(o.window) || o.window < 1) {
    throw new UsageError('measures', `invalid window: ${o.window} (expected a whole number of years ≥ 1)`);
  }
  if (o.referenceRegions !== undefined) {
    if (!Array.isArray(o.referenceRegions) || o.referenceRegions.length === 0) {
      throw new UsageError(
        'measures',
        'invalid referenceRegions: expected a non-empty list of region ids or NUTS codes',
      );
    }
  }
  return o;
}

const NO_SECTOR = -1;
const UNREADABLE = -2;
const SECTION_ONLY = -3;

/** NACE division of every organisation, or NO_SECTOR / UNREADABLE / SECTION_ONLY. Cost O(n). */
export function divisions(dataset: Dataset): Int8Array {
  const sector = dataset.organisations.sector;
  const out = new Int8Array(sector.length);
  const cache = new Map<string, number>();
  for (let i = 0; i < sector.length; i++) {
    const text = sector[i];
    if (text === null || text.trim() === '') {
      out[i] = NO_SECTOR;
      continue;
    }
    let code = cache.get(text);
    if (code === undefined) {
      const nace = parseNace(text);
      code = nace === null ? UNREADABLE : nace.division === null ? SECTION_ONLY : nace.division;
      cache.set(text, code);
    }
    out[i] = code;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The snapshot

export interface Snapshot {
  label: string;
  year: number;
  /** Snapshot firms of the region (active in E), any sector. */
  regionFirms: number;
  missing: { noSector: number; unreadable: number; sectionOnly: number };
  weighting: 'employment' | 'firms';
  weightingNote: string;
  /** Firms and weights by division in the region. */
  firms: Float64Array;
  weights: Float64Array;
  variety: Variety;
  /**
   * Entropy, UV and RV at the finest level the data allow: NACE classes (4-digit) within divisions
   * when every placed firm has a class, else divisions within sections (= `variety`).
   */
  nested: { level: string; entropy: number; unrelatedVariety: number; relatedVariety: number; note: string };
  reference: Reference | string;
}

export const CLASS_LEVEL = 'NACE classes (4-digit) within divisions (2-digit)';
export const DIVISION_LEVEL = 'NACE divisions (2-digit) within sections';

/**
 * Variety over NACE classes within divisions for the firms of a mask, weighted as the snapshot is;
 * null (with the number of firms lacking one) unless every firm with a division has a 4-digit class.
 */
function classVariety(
  dataset: Dataset,
  mask: Uint8Array,
  division: Int8Array,
  employees: Float64Array,
  weighting: 'employment' | 'firms',
): { variety: NestedVariety | null; withoutClass: number; placed: number } {
  const index = new Map<string, number>();
  const weights: number[] = [];
  const groups: number[] = [];
  let withoutClass = 0;
  let placed = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || division[i] < 0) continue;
    placed++;
    const text = dataset.organisations.sector[i];
    const code = text === null ? null : parseNace(text)?.code;
    if (!code || !/^\d{2}\.\d{2}$/.test(code)) {
      withoutClass++;
      continue;
    }
    const w = weighting === 'employment' ? employees[i] : 1;
    if (Number.isNaN(w)) continue;
    let k = index.get(code);
    if (k === undefined) {
      index.set(code, (k = weights.length));
      weights.push(0);
      groups.push(division[i]);
    }
    weights[k] += w;
  }
  if (withoutClass > 0) return { variety: null, withoutClass, placed };
  return { variety: nestedVariety(weights, groups), withoutClass, placed };
}

interface Reference {
  label: string;
  firms: Float64Array;
  weights: Float64Array;
  /** Region weights on the reference's basis (differs from `weights` when the reference forces counts). */
  regionWeights: Float64Array;
  weighting: 'employment' | 'firms';
  note: string | null;
  /** Firms of the region that are also in the reference. */
  overlap: number;
}

/** Latest employment record up to `year` of every organisation; NaN without one. Cost O(rows). */
function latestEmployment(dataset: Dataset, year: number): Float64Array {
  const n = dataset.organisations.count;
  const out = new Float64Array(n).fill(Number.NaN);
  const at = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const table = dataset.other.employment;
  if (table.rowCount === 0) return out;
  const index = dataset.organisations.index;
  const orgCol = table.columns.organisation ?? [];
  const yearCol = table.columns.year ?? [];
  const empCol = table.columns.employees ?? [];
  for (let r = 0; r < table.rowCount; r++) {
    const i = index.get(String(orgCol[r]));
    if (i === undefined) continue;
    const y = rawNumber(yearCol[r]);
    const e = rawNumber(empCol[r]);
    if (Number.isNaN(e) || !(y <= year) || y < at[i]) continue;
    at[i] = y;
    out[i] = e;
  }
  return out;
}

function presentIn(dataset: Dataset, i: number, year: number): boolean {
  const f = dataset.organisations.founded[i];
  const c = dataset.organisations.closed[i];
  return !(f > year) && !(c < year); // NaN compares false: unknown founding counts as present
}

/** Firms and weights by division over a mask of organisations; employees NaN-free only in employment mode. */
function tally(
  mask: Uint8Array,
  division: Int8Array,
  employees: Float64Array,
  mode: 'employment' | 'firms',
): { firms: Float64Array; weights: Float64Array; withoutEmployment: number; withDivision: number } {
  const firms = new Float64Array(DIVISION_SLOTS);
  const weights = new Float64Array(DIVISION_SLOTS);
  let withoutEmployment = 0;
  let withDivision = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || division[i] < 0) continue;
    withDivision++;
    const e = employees[i];
    if (Number.isNaN(e)) withoutEmployment++;
    if (mode === 'employment') {
      if (Number.isNaN(e)) continue;
      weights[division[i]] += e;
    } else weights[division[i]]++;
    firms[division[i]]++;
  }
  return { firms, weights, withoutEmployment, withDivision };
}

const NO_DATES = SELECTION_DEFAULTS.years[1];

/** "in 1995", or a plain word when the data hold no year at all and the selection sets none. */
function when(year: number): string {
  return year === NO_DATES ? 'at any date (the data hold no years)' : `in ${year}`;
}

function upTo(year: number): string {
  return year === NO_DATES ? '' : ` up to ${year}`;
}

export function snapshotYear(dataset: Dataset, years: [number, number]): number {
  const latest = latestDataYear(dataset);
  return Number.isNaN(latest) ? years[1] : Math.min(years[1], latest);
}

export function takeSnapshot(
  dataset: Dataset,
  selection: Selection,
  options: ReturnType<typeof checkSectorsOptions>,
): Snapshot | string {
  const sel = checkSelection(selection);
  const scope = selectFirms(dataset, sel);
  if (scope.organisationCount === 0) return `${scope.label} has no organisations`;
  if (scope.firmCount === 0) return `${scope.label} has no firms`;
  const year = snapshotYear(dataset, sel.years);
  const division = divisions(dataset);
  const n = dataset.organisations.count;
  const region = new Uint8Array(n);
  let regionFirms = 0;
  const missing = { noSector: 0, unreadable: 0, sectionOnly: 0 };
  for (let i = 0; i < n; i++) {
    if (!scope.firms[i] || !presentIn(dataset, i, year)) continue;
    region[i] = 1;
    regionFirms++;
    if (division[i] === NO_SECTOR) missing.noSector++;
    else if (division[i] === UNREADABLE) missing.unreadable++;
    else if (division[i] === SECTION_ONLY) missing.sectionOnly++;
  }
  if (regionFirms === 0) return `no firm of ${scope.label} is active ${when(year)}`;
  const placed = regionFirms - missing.noSector - missing.unreadable - missing.sectionOnly;
  if (placed === 0) {
    return `none of the ${regionFirms} firms of ${scope.label} active ${when(year)} has a NACE division (${missing.noSector} without sector, ${missing.unreadable} unreadable, ${missing.sectionOnly} section only)`;
  }
  const employees = latestEmployment(dataset, year);
  const counted = tally(region, division, employees, 'firms');
  let weighting: 'employment' | 'firms';
  let weightingNote: string;
  if (options.weight === 'firms') {
    weighting = 'firms';
    weightingNote = 'shares weighted by firm counts (option weight = firms)';
  } else if (options.weight === 'employment') {
    weighting = 'employment';
    weightingNote = `shares weighted by employment (each firm's latest record${upTo(year)}); ${counted.withoutEmployment} of ${placed} firms without a record are left out`;
  } else if (counted.withoutEmployment === 0) {
    weighting = 'employment';
    weightingNote = `shares weighted by employment: every firm has an employment record${upTo(year)} (its latest is used)`;
  } else {
    weighting = 'firms';
    weightingNote = `shares weighted by firm counts: ${counted.withoutEmployment} of ${placed} firms have no employment record${upTo(year)}`;
  }
  let { firms, weights } = counted;
  if (weighting === 'employment') ({ firms, weights } = tally(region, division, employees, 'employment'));
  let variety = sectoralVariety(weights);
  if (variety === null && options.weight === 'auto') {
    weighting = 'firms';
    weightingNote = 'shares weighted by firm counts: the firms report no employees';
    ({ firms, weights } = counted);
    variety = sectoralVariety(weights);
  }
  if (variety === null)
    return `the firms of ${scope.label} with a NACE division report no employees${upTo(year)}`;

  const reference = referenceOf(dataset, sel, options, division, employees, year, weighting, region, weights);
  const byClass = classVariety(dataset, region, division, employees, weighting);
  const nested = byClass.variety
    ? {
        level: CLASS_LEVEL,
        entropy: byClass.variety.entropy,
        unrelatedVariety: byClass.variety.unrelatedVariety,
        relatedVariety: byClass.variety.relatedVariety,
        note: `entropy, unrelated and related variety over ${CLASS_LEVEL}: every firm has a NACE class`,
      }
    : {
        level: DIVISION_LEVEL,
        entropy: variety.entropy,
        unrelatedVariety: variety.unrelatedVariety,
        relatedVariety: variety.relatedVariety,
        note: `entropy, unrelated and related variety over ${DIVISION_LEVEL}: ${byClass.withoutClass} of ${byClass.placed} firms have no 4-digit NACE class (the source, Frenken et al. 2007, uses finer codes within 2-digit sectors)`,
      };
  return {
    nested,
    label: scope.label,
    year,
    regionFirms,
    missing,
    weighting,
    weightingNote,
    firms,
    weights,
    variety,
    reference,
  };
}

function referenceOf(
  dataset: Dataset,
  sel: Selection,
  options: ReturnType<typeof checkSectorsOptions>,
  division: Int8Array,
  employees: Float64Array,
  year: number,
  weighting: 'employment' | 'firms',
  region: Uint8Array,
  regionWeights: Float64Array,
): Reference | string {
  if (!sel.region && !options.referenceRegions) {
    return 'no region selected and no reference regions given: the whole dataset would be compared with itself';
  }
  const n = dataset.organisations.count;
  const inside = new Uint8Array(n);
  if (options.referenceRegions) {
    for (const r of options.referenceRegions) {
      const m = regionMask(dataset, r);
      for (let i = 0; i < n; i++) inside[i] |= m[i];
    }
  } else inside.fill(1);
  const mask = new Uint8Array(n);
  let overlap = 0;
  for (let i = 0; i < n; i++) {
    if (inside[i] && FIRM_CODE_MASK[dataset.organisations.kind[i]] && presentIn(dataset, i, year)) {
      mask[i] = 1;
      if (region[i] && division[i] >= 0) overlap++;
    }
  }
  const label = options.referenceRegions
    ? `reference regions ${options.referenceRegions.join(', ')}`
    : 'the whole dataset';
  const counted = tally(mask, division, employees, 'firms');
  if (counted.withDivision === 0) return `${label} has no firm with a NACE division active ${when(year)}`;
  if (weighting === 'employment' && (options.weight === 'employment' || counted.withoutEmployment === 0)) {
    const t = tally(mask, division, employees, 'employment');
    if (t.weights.some((w) => w > 0)) {
      return { label, firms: t.firms, weights: t.weights, regionWeights, weighting, note: null, overlap };
    }
  }
  if (weighting === 'employment') {
    const regionCounts = tally(region, division, employees, 'firms').weights;
    return {
      label,
      firms: counted.firms,
      weights: counted.weights,
      regionWeights: regionCounts,
      weighting: 'firms',
      note: `location quotients and the Krugman index use firm counts: ${counted.withoutEmployment} of ${counted.withDivision} reference firms have no employment record`,
      overlap,
    };
  }
  return {
    label,
    firms: counted.firms,
    weights: counted.weights,
    regionWeights,
    weighting,
    note: null,
    overlap,
  };
}

function missingNotes(s: Snapshot): string[] {
  const m = s.missing;
  const notes = [
    `snapshot: the ${s.regionFirms} firms of ${s.label} active ${when(s.year)}`,
    s.weightingNote,
  ];
  if (m.noSector + m.unreadable + m.sectionOnly > 0) {
    notes.push(
      `left out for want of a NACE division: ${m.noSector} firm(s) without sector, ${m.unreadable} with an unreadable code, ${m.sectionOnly} coded by section only`,
    );
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Tables

export const DIVISION_DESCRIPTION =
  'Shares of NACE divisions among the firms active in the snapshot year (by employment or firm count, see notes).';
export const SECTION_DESCRIPTION =
  'Shares of NACE sections, their number of divisions and their within-section entropy H_s in bits.';
export const VARIETY_DESCRIPTION =
  'Shannon entropy over NACE divisions (bits), split into unrelated variety (between sections) and related variety (within sections), and the Herfindahl–Hirschman index.';
const LQ_DESCRIPTION =
  'Location quotients by NACE division: share in the region / share in the reference (1 = as common as in the reference).';
const KRUGMAN_DESCRIPTION =
  'Krugman specialisation index Σ|s_region − s_reference| over NACE divisions (0 = same structure as the reference, 2 = nothing in common).';
export const FOUNDING_DESCRIPTION =
  'Sectoral variety of the firms founded in each window of years (counts), with a verdict against the previous window: diversifying if entropy rises, specialising if it falls.';
export const ACTIVE_DESCRIPTION =
  'Sectoral variety of the firms active in each year (counts), with a verdict against the previous year: diversifying if entropy rises, specialising if it falls.';

function sectionLetter(division: number): string {
  return SECTION_LETTERS[DIVISION_SECTION[division]];
}

export function divisionTable(s: Snapshot): MeasureTable {
  const rows: Cell[][] = [];
  for (let d = 0; d < DIVISION_SLOTS; d++) {
    if (s.weights[d] === 0 && s.firms[d] === 0) continue;
    const employees = s.weighting === 'employment' ? s.weights[d] : null;
    rows.push([d, sectionLetter(d), s.firms[d], employees, s.weights[d] / s.variety.total]);
  }
  rows.sort((a, b) => (b[4] as number) - (a[4] as number) || (a[0] as number) - (b[0] as number));
  return {
    measure: 'sectors.divisionShares',
    description: DIVISION_DESCRIPTION,
    columns: ['division', 'section', 'firms', 'employees', 'share'],
    rows,
    notes: missingNotes(s),
  };
}

export function sectionTable(s: Snapshot): MeasureTable {
  const rows: Cell[][] = [];
  for (let k = 0; k < SECTION_COUNT; k++) {
    if (s.variety.sectionShares[k] === 0) continue;
    let firms = 0;
    let divs = 0;
    for (let d = 0; d < DIVISION_SLOTS; d++) {
      if (DIVISION_SECTION[d] !== k || s.weights[d] === 0) continue;
      firms += s.firms[d];
      divs++;
    }
    rows.push([SECTION_LETTERS[k], firms, divs, s.variety.sectionShares[k], s.variety.withinEntropy[k]]);
  }
  rows.sort((a, b) => (b[3] as number) - (a[3] as number) || String(a[0]).localeCompare(String(b[0])));
  return {
    measure: 'sectors.sectionShares',
    description: SECTION_DESCRIPTION,
    columns: ['section', 'firms', 'divisions', 'share', 'withinEntropy'],
    rows,
    notes: missingNotes(s),
  };
}

export function varietyTable(s: Snapshot): MeasureTable {
  const v = s.variety;
  return {
    measure: 'sectors.variety',
    description: VARIETY_DESCRIPTION,
    columns: [
      'year',
      'firms',
      'divisions',
      'sections',
      'entropy',
      'unrelatedVariety',
      'relatedVariety',
      'herfindahl',
      'weighting',
      'level',
    ],
    rows: [
      [
        s.year === NO_DATES ? null : s.year,
        s.firms.reduce((a, b) => a + b, 0),
        v.divisions,
        v.sections,
        s.nested.entropy,
        s.nested.unrelatedVariety,
        s.nested.relatedVariety,
        v.herfindahl,
        s.weighting,
        s.nested.level,
      ],
    ],
    notes: [...missingNotes(s), s.nested.note, 'herfindahl: over divisions'],
  };
}

export function lqTable(s: Snapshot | string): MeasureResult {
  if (typeof s === 'string') return notAvailable('sectors.locationQuotients', LQ_DESCRIPTION, s);
  if (typeof s.reference === 'string')
    return notAvailable('sectors.locationQuotients', LQ_DESCRIPTION, s.reference);
  const ref = s.reference;
  let regionTotal = 0;
  let refTotal = 0;
  for (let d = 0; d < DIVISION_SLOTS; d++) {
    regionTotal += ref.regionWeights[d];
    refTotal += ref.weights[d];
  }
  const rows: Cell[][] = [];
  let undefinedCount = 0;
  for (let d = 0; d < DIVISION_SLOTS; d++) {
    if (ref.regionWeights[d] === 0 && ref.weights[d] === 0) continue;
    const regionShare = ref.regionWeights[d] / regionTotal;
    const referenceShare = ref.weights[d] / refTotal;
    if (referenceShare === 0) {
      undefinedCount++;
      rows.push([
        d,
        sectionLetter(d),
        regionShare,
        0,
        null,
        `not available: ${ref.label} has no firm in division ${d}`,
      ]);
    } else rows.push([d, sectionLetter(d), regionShare, referenceShare, regionShare / referenceShare, null]);
  }
  rows.sort((a, b) => (a[0] as number) - (b[0] as number));
  const notes = [
    `reference: ${ref.label}; weighting: ${ref.weighting === 'employment' ? 'employment' : 'firm counts'}; firms active ${when(s.year)}`,
    ...missingNotes(s).slice(2),
  ];
  if (ref.note) notes.push(ref.note);
  if (undefinedCount > 0)
    notes.push(`${undefinedCount} division(s) have no location quotient: the reference has no firm in them`);
  return {
    measure: 'sectors.locationQuotients',
    description: LQ_DESCRIPTION,
    columns: ['division', 'section', 'regionShare', 'referenceShare', 'lq', 'note'],
    rows,
    notes,
  };
}

export function krugmanTable(s: Snapshot | string): {
  table: MeasureResult;
  value: number | null;
  reason: string;
} {
  const reason = typeof s === 'string' ? s : typeof s.reference === 'string' ? s.reference : '';
  if (typeof s === 'string' || typeof s.reference === 'string') {
    return { table: notAvailable('sectors.krugman', KRUGMAN_DESCRIPTION, reason), value: null, reason };
  }
  const ref = s.reference;
  const k = krugmanIndex(ref.regionWeights, ref.weights)!;
  const notes = [
    `weighting: ${ref.weighting === 'employment' ? 'employment' : 'firm counts'}; firms active ${when(s.year)}`,
  ];
  if (ref.note) notes.push(ref.note);
  if (ref.overlap > 0) {
    notes.push(
      `the reference contains ${ref.overlap} firm(s) of the region itself, which pulls the index towards 0`,
    );
  }
  return {
    table: {
      measure: 'sectors.krugman',
      description: KRUGMAN_DESCRIPTION,
      columns: ['reference', 'krugman'],
      rows: [[ref.label, k]],
      notes,
    },
    value: k,
    reason,
  };
}
