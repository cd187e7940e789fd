/**
 * Spin-offs: the genealogy of a cluster — which organisations were founded out of which — and what
 * it says about the milieu: how fertile each kind of parent is, whether spin-offs stay near their
 * parent and keep working with it, how fast they grow, and how many firms each founding firm has
 * led to over the generations.
 *
 * The spin-off process is the first of the three collective-learning mechanisms of the innovative
 * milieu (Keeble & Wilkinson 1999, "Collective learning and knowledge development in the evolution
 * of regional clusters of high technology SMEs in Europe", Regional Studies 33(4)); genealogies of
 * this kind go back to the "Fairchildren" chart of Silicon Valley and are analysed as firm lineages
 * by Klepper (2009, "Spinoffs: a review and synthesis", European Management Review 6) and as the
 * "multiplier effect" of founders by Endeavor Insight (2014, "The Power of Entrepreneur Networks:
 * How New York City Became the Role Model for Other Urban Tech Hubs").
 *
 * Selection: a spin-off (a row of the spinoffs table) is selected when its child is inside the
 * selected region and, when years are given, its year (else the child's founding year) is inside
 * them; undated spin-offs count only when no years are given. The spin-off rate instead selects by
 * the parent (a birth rate of the region's own organisations).
 *
 * The genealogy forest is src/measures/genealogy.ts; members, years, the tie network, kinds and
 * areas come from the shared selection module (src/measures/selection.ts).
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import { FIRM_KINDS, ORGANISATION_KINDS } from '../model/index.ts';
import {
  type Cell,
  checkSelection,
  type FamilyReport,
  type Indicator,
  indicator,
  inYears,
  type MeasureResult,
  notAvailable,
  type Selection,
} from './common.ts';
import { genealogy } from './genealogy.ts';
import {
  areaIndex,
  hasTie,
  kindMask,
  kindName,
  networkIn,
  networkNote,
  sameArea,
  selectionMembers,
} from './selection.ts';
import { bootstrapCI, mean } from './stats.ts';

// ---------------------------------------------------------------------------------------------
// The family
// ---------------------------------------------------------------------------------------------

export interface SpinoffOptions {
  /** Seed of the bootstrap (default 1). */
  seed?: number;
  /** Bootstrap resamples (default 2000). */
  samples?: number;
}

const FIRM_MASK = kindMask(FIRM_KINDS);
const KIND_SLOTS = ORGANISATION_KINDS.length + 1; // last slot: unknown kind
const slotOf = (code: number) =>
  code === UNKNOWN_CODE || code >= ORGANISATION_KINDS.length ? KIND_SLOTS - 1 : code;
const slotName = (slot: number) => (slot === KIND_SLOTS - 1 ? 'unknown' : ORGANISATION_KINDS[slot]);

const RATE_DESCRIPTION =
  'Spin-offs per 100 parent-years, by parent kind (parent-years = years each organisation of the kind was active in the window).';

const INDICATOR_NAMES = [
  'count',
  'maxDepth',
  'ratePer100ParentYears',
  'stayLocalShare',
  'tiePersistenceShare',
  'meanGrowth',
  'multiplier',
  'multiplierAllRoots',
];

/** Year of spin-off row k: its year, else the child's founding year (NaN when both are unknown). */
function spinoffYear(dataset: Dataset, k: number): number {
  const y = dataset.spinoffs.year[k];
  if (!Number.isNaN(y)) return y;
  const c = dataset.spinoffs.child[k];
  return c >= 0 ? dataset.organisations.founded[c] : Number.NaN;
}

/** Each organisation's first and last employment observation (year and head count; NaN when none). */
function employmentSpans(
  dataset: Dataset,
  index: ReadonlyMap<string, number>,
): { firstYear: Float64Array; lastYear: Float64Array; firstEmp: Float64Array; lastEmp: Float64Array } {
  const n = dataset.organisations.count;
  const firstYear = new Float64Array(n).fill(Number.NaN);
  const lastYear = new Float64Array(n).fill(Number.NaN);
  const firstEmp = new Float64Array(n).fill(Number.NaN);
  const lastEmp = new Float64Array(n).fill(Number.NaN);
  const t = dataset.other.employment;
  // a simulated run's numeric columns: every id known, every year and head count a finite number
  const numeric = index === dataset.organisations.index ? dataset.numeric?.employment : undefined;
  const orgCol = numeric ? [] : (t.columns.organisation ?? []);
  const yearCol = numeric ? [] : (t.columns.year ?? []);
  const empCol = numeric ? [] : (t.columns.employees ?? []);
  for (let k = 0; k < t.rowCount; k++) {
    let i: number | undefined;
    let y: number;
    let e: number;
    if (numeric) {
      i = numeric.organisation[k];
      y = numeric.year[k];
      e = numeric.employees[k];
    } else {
      i = index.get(String(orgCol[k] ?? ''));
      y = Number(yearCol[k]);
      e = Number(empCol[k]);
      if (
        i === undefined ||
        yearCol[k] === null ||
        empCol[k] === null ||
        !Number.isFinite(y) ||
        !Number.isFinite(e)
      )
        continue;
    }
    if (Number.isNaN(firstYear[i]) || y < firstYear[i]) {
      firstYear[i] = y;
      firstEmp[i] = e;
    }
    if (Number.isNaN(lastYear[i]) || y > lastYear[i]) {
      lastYear[i] = y;
      lastEmp[i] = e;
    }
  }
  return { firstYear, lastYear, firstEmp, lastEmp };
}

/**
 * Employment growth of each organisation: compound annual growth rate between its first and last
 * employment observation, CAGR = (E_last / E_first)^(1 / (y_last − y_first)) − 1; NaN with fewer than
 * two observation years or a first head count of 0. O(employment rows).
 * Example: 12 employees in 1985, 55 in 2005 → (55/12)^(1/20) − 1 ≈ 0.0791 (7.9 % a year).
 */
export function employmentGrowth(
  dataset: Dataset,
  index: ReadonlyMap<string, number> = dataset.organisations.index,
): Float64Array {
  const n = dataset.organisations.count;
  const { firstYear, lastYear, firstEmp, lastEmp } = employmentSpans(dataset, index);
  const growth = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const span = lastYear[i] - firstYear[i];
    if (span > 0 && firstEmp[i] > 0) growth[i] = (lastEmp[i] / firstEmp[i]) ** (1 / span) - 1;
  }
  return growth;
}

/**
 * The spin-off family. Measures (each a table; formulas in docs/measures/spinoffs.md):
 *
 * - `spinoffs.genealogy`: for every parent of the selected spin-offs, direct spin-offs (children),
 *   indirect ones (grandchildren and later: descendants − children), descendants, and maximal
 *   generation depth below it (1 = children only); see `genealogy`. `spinoffs.maxDepth` is the
 *   deepest lineage of the forest (generations below a root).
 * - `spinoffs.rateByParentKind`: spin-offs per 100 parent-years, rate_K = 100 × S_K / PY_K, with S_K
 *   the spin-offs in the window whose parent is of kind K (and in the region) and
 *   PY_K = Σ_{i of kind K in the region} max(0, min(closed_i, b) − max(founded_i, a) + 1), counting
 *   calendar years inclusively over the window [a, b] (unknown founded → a, unknown closed → b). The
 *   window is the selected years; without them (or for an open bound) the span of the dated
 *   spin-offs. After Klepper & Sleeper (2005, "Entry by spinoffs", Management Science 51(8)), who
 *   rate spin-offs per parent-year.
 * - `spinoffs.stayLocal`: share of spin-offs in the same area as their parent (same NUTS-3 code
 *   when both are known to that level, else same locality; see `sameArea`), with the number that
 *   cannot be told, by parent kind.
 * - `spinoffs.tiePersistence`: share of parent–child pairs that also have a tie (stored or
 *   co-participation) in the selection's network (ties and projects overlapping the years, the
 *   project-size cap applied: see selection.ts), by parent kind.
 * - `spinoffs.growthByParentKind`: mean employment CAGR of spin-offs (see `employmentGrowth`) by
 *   parent kind, with a percentile-bootstrap 95 % interval (seed option, default 1; none below 2
 *   spin-offs).
 * - `spinoffs.multiplier`: descendants (direct + indirect) per founding firm = Σ descendants of the
 *   roots that are firms / number of such roots; and the same per root of any kind (Endeavor
 *   Insight 2014's "multiplier effect", with firm lineages in place of founder networks).
 *
 * Indicators: spinoffs.count, spinoffs.maxDepth, spinoffs.ratePer100ParentYears,
 * spinoffs.stayLocalShare, spinoffs.tiePersistenceShare, spinoffs.meanGrowth, spinoffs.multiplier,
 * spinoffs.multiplierAllRoots.
 *
 * Cost: O(n + spin-offs + employment rows + B × spin-offs) for B bootstrap resamples, plus
 * O(log degree) per parent–child pair.
 *
 * Example (Fenland package, no selection): 8 spin-offs from roots uni-fen (4 descendants over 2
 * generations), ri-mrc (3) and lf-acorn (1); maxDepth 2; multiplier 1 (lf-acorn is the only firm
 * root), 8/3 per root overall; 4 of 8 parent–child pairs are tied.
 */
export function spinoffs(
  dataset: Dataset,
  selection: Selection = {},
  options: SpinoffOptions = {},
): FamilyReport {
  const sel = checkSelection(selection);
  const seed = options.seed ?? 1;
  const samples = options.samples ?? 2000;
  const o = dataset.organisations;
  const s = dataset.spinoffs;
  const n = o.count;
  const members = selectionMembers(dataset, sel);
  const yearsGiven = selection.years !== undefined;
  const tables: MeasureResult[] = [];
  const indicators: Indicator[] = [];

  const D = {
    genealogy:
      'Spin-off genealogy: per parent, direct and indirect spin-offs (organisations) and generations below it.',
    rate: RATE_DESCRIPTION,
    stay: 'Share of spin-offs in the same area (NUTS-3, else locality) as their parent, by parent kind.',
    ties: 'Share of parent–child pairs that also have a tie (stored or co-participation), by parent kind.',
    growth:
      'Mean employment growth of spin-offs (compound annual rate) by parent kind, with bootstrap 95% interval.',
    multiplier:
      'Descendants (direct + indirect spin-offs) per founding organisation: roots of the genealogy that are firms, and all roots.',
  };

  if (s.count === 0) {
    const reason = 'no spin-off records in the data';
    tables.push(
      notAvailable('spinoffs.genealogy', D.genealogy, reason),
      notAvailable('spinoffs.rateByParentKind', D.rate, reason),
      notAvailable('spinoffs.stayLocal', D.stay, reason),
      notAvailable('spinoffs.tiePersistence', D.ties, reason),
      notAvailable('spinoffs.growthByParentKind', D.growth, reason),
      notAvailable('spinoffs.multiplier', D.multiplier, reason),
    );
    for (const name of INDICATOR_NAMES)
      indicators.push(indicator(`spinoffs.${name}`, null, undefined, reason));
    return { family: 'spinoffs', tables, indicators };
  }

  // Selected spin-off rows: child in the region, year in the years (undated rows only without years).
  const keep = new Uint8Array(s.count);
  let undatedDropped = 0;
  for (let k = 0; k < s.count; k++) {
    const c = s.child[k];
    if (c < 0 || s.parent[k] < 0) continue;
    if (members && !members[c]) continue;
    if (yearsGiven) {
      const y = spinoffYear(dataset, k);
      if (Number.isNaN(y)) {
        undatedDropped++;
        continue;
      }
      if (!inYears(y, sel.years)) continue;
    }
    keep[k] = 1;
  }
  const g = genealogy(n, s.child, s.parent, keep);
  const where = selection.region ? ` in region ${selection.region}` : '';
  const noneReason = `no spin-offs${where}${yearsGiven ? ` in ${sel.years[0]}–${sel.years[1]}` : ''}`;
  const selectionNotes: string[] = [];
  if (undatedDropped > 0)
    selectionNotes.push(
      `${undatedDropped} spin-off(s) without a year (or child founding year) left out of the year selection`,
    );
  if (g.cyclic > 0)
    selectionNotes.push(`${g.cyclic} organisation(s) in a spin-off cycle (invalid lineage) left out`);
  // The selected spin-offs of the acyclic forest, for the count and the per-kind tables.
  const selectedChildren: number[] = [];
  for (let k = 0; k < g.order.length; k++) if (g.parentOf[g.order[k]] >= 0) selectedChildren.push(g.order[k]);
  const childArr = Int32Array.from(selectedChildren);
  indicators.push(indicator('spinoffs.count', childArr.length, 'spin-offs'));

  // 1. Genealogy.
  if (g.order.length === 0) {
    tables.push(notAvailable('spinoffs.genealogy', D.genealogy, noneReason));
    indicators.push(indicator('spinoffs.maxDepth', null, 'generations', noneReason));
  } else {
    const rows: Cell[][] = [];
    for (let k = 0; k < g.order.length; k++) {
      const p = g.order[k];
      const direct = g.childOffsets[p + 1] - g.childOffsets[p];
      if (direct === 0) continue;
      rows.push([
        o.id[p],
        o.name[p],
        kindName(o.kind[p]),
        direct,
        g.descendants[p] - direct,
        g.descendants[p],
        g.height[p],
        g.depth[p] === 0,
      ]);
    }
    rows.sort((a, b) => (b[5] as number) - (a[5] as number) || String(a[0]).localeCompare(String(b[0])));
    let maxDepth = 0;
    for (let k = 0; k < g.roots.length; k++)
      if (g.height[g.roots[k]] > maxDepth) maxDepth = g.height[g.roots[k]];
    tables.push({
      measure: 'spinoffs.genealogy',
      description: D.genealogy,
      columns: ['parent', 'name', 'kind', 'direct', 'indirect', 'descendants', 'generations', 'root'],
      rows,
      notes: [`${g.roots.length} root(s), deepest lineage ${maxDepth} generation(s)`, ...selectionNotes],
    });
    indicators.push(indicator('spinoffs.maxDepth', maxDepth, 'generations'));
  }

  // 2. Spin-off rate per 100 parent-years, by parent kind.
  tables.push(...rateByParentKind(dataset, sel, yearsGiven, members, indicators));

  // 3. Stay local.
  if (childArr.length === 0) {
    tables.push(notAvailable('spinoffs.stayLocal', D.stay, noneReason));
    indicators.push(indicator('spinoffs.stayLocalShare', null, 'share', noneReason));
  } else {
    const area = areaIndex(o);
    const same = new Float64Array(KIND_SLOTS);
    const other = new Float64Array(KIND_SLOTS);
    const unknown = new Float64Array(KIND_SLOTS);
    for (let k = 0; k < childArr.length; k++) {
      const c = childArr[k];
      const p = g.parentOf[c];
      const slot = slotOf(o.kind[p]);
      const a = sameArea(area, c, p);
      if (a === 1) same[slot]++;
      else if (a === 0) other[slot]++;
      else unknown[slot]++;
    }
    const rows = perKindRows(same, other, unknown, (x, y, z) => [
      x + y + z,
      x,
      y,
      z,
      x + y > 0 ? x / (x + y) : null,
    ]);
    const tot = rows[rows.length - 1];
    tables.push({
      measure: 'spinoffs.stayLocal',
      description: D.stay,
      columns: ['parentKind', 'spinoffs', 'sameArea', 'otherArea', 'unknown', 'stayLocalShare'],
      rows,
      notes: [
        'same area = same NUTS-3 code when both are known to that level, else same locality; share = sameArea / (sameArea + otherArea)',
        `${tot[4]} spin-off(s) whose location, or their parent's, could not be told`,
        ...selectionNotes,
      ],
    });
    indicators.push(
      indicator(
        'spinoffs.stayLocalShare',
        tot[5] as number | null,
        'share',
        'the location of no spin-off–parent pair could be told',
      ),
    );
  }

  // 4. Persistence of parent–child ties.
  if (childArr.length === 0) {
    tables.push(notAvailable('spinoffs.tiePersistence', D.ties, noneReason));
    indicators.push(indicator('spinoffs.tiePersistenceShare', null, 'share', noneReason));
  } else if (dataset.network.targets.length === 0) {
    const reason = 'no ties (stored or co-participation) in the data';
    tables.push(notAvailable('spinoffs.tiePersistence', D.ties, reason));
    indicators.push(indicator('spinoffs.tiePersistenceShare', null, 'share', reason));
  } else {
    const tied = new Float64Array(KIND_SLOTS);
    const untied = new Float64Array(KIND_SLOTS);
    const graph = networkIn(dataset, sel);
    for (let k = 0; k < childArr.length; k++) {
      const c = childArr[k];
      const p = g.parentOf[c];
      if (hasTie(graph, c, p)) tied[slotOf(o.kind[p])]++;
      else untied[slotOf(o.kind[p])]++;
    }
    const rows = perKindRows(tied, untied, new Float64Array(KIND_SLOTS), (x, y) => [x + y, x, x / (x + y)]);
    tables.push({
      measure: 'spinoffs.tiePersistence',
      description: D.ties,
      columns: ['parentKind', 'pairs', 'tied', 'share'],
      rows,
      notes: [
        `a tie of any kind, stored or from a shared project${yearsGiven ? `, alive in ${sel.years[0]}–${sel.years[1]}` : ', any year'}`,
        networkNote(sel),
        ...selectionNotes,
      ],
    });
    indicators.push(indicator('spinoffs.tiePersistenceShare', rows[rows.length - 1][3] as number, 'share'));
  }

  // 5. Growth by parent kind.
  const growth = employmentGrowth(dataset);
  const byKind: number[][] = Array.from({ length: KIND_SLOTS }, () => []);
  const all: number[] = [];
  for (let k = 0; k < childArr.length; k++) {
    const c = childArr[k];
    if (Number.isNaN(growth[c])) continue;
    byKind[slotOf(o.kind[g.parentOf[c]])].push(growth[c]);
    all.push(growth[c]);
  }
  if (all.length === 0) {
    const reason =
      childArr.length === 0
        ? noneReason
        : 'no selected spin-off has two employment observations in different years';
    tables.push(notAvailable('spinoffs.growthByParentKind', D.growth, reason));
    indicators.push(indicator('spinoffs.meanGrowth', null, 'per year', reason));
  } else {
    const rows: Cell[][] = [];
    const row = (label: string, values: number[]): Cell[] => {
      const ci = values.length >= 2 ? bootstrapCI(values, mean, { seed, samples }) : null;
      return [label, values.length, mean(values), ci ? ci.lower : null, ci ? ci.upper : null];
    };
    for (let slot = 0; slot < KIND_SLOTS; slot++)
      if (byKind[slot].length > 0) rows.push(row(slotName(slot), byKind[slot]));
    rows.push(row('all', all));
    tables.push({
      measure: 'spinoffs.growthByParentKind',
      description: D.growth,
      columns: ['parentKind', 'spinoffs', 'meanGrowth', 'lower95', 'upper95'],
      rows,
      notes: [
        'growth = (last / first employment)^(1 / years between them) − 1, per spin-off with two observations in different years',
        `percentile bootstrap, ${samples} resamples, seed ${seed}; no interval below 2 spin-offs`,
        `${childArr.length - all.length} of ${childArr.length} spin-off(s) without usable employment data`,
        ...selectionNotes,
      ],
    });
    indicators.push(indicator('spinoffs.meanGrowth', mean(all), 'per year'));
  }

  // 6. Multiplier.
  if (g.roots.length === 0) {
    tables.push(notAvailable('spinoffs.multiplier', D.multiplier, noneReason));
    indicators.push(indicator('spinoffs.multiplier', null, 'descendants per founding firm', noneReason));
    indicators.push(indicator('spinoffs.multiplierAllRoots', null, 'descendants per root', noneReason));
  } else {
    let firmRoots = 0;
    let firmDesc = 0;
    let allDesc = 0;
    for (let k = 0; k < g.roots.length; k++) {
      const r = g.roots[k];
      allDesc += g.descendants[r];
      if (FIRM_MASK[o.kind[r]]) {
        firmRoots++;
        firmDesc += g.descendants[r];
      }
    }
    const firmMultiplier = firmRoots > 0 ? firmDesc / firmRoots : null;
    tables.push({
      measure: 'spinoffs.multiplier',
      description: D.multiplier,
      columns: ['roots', 'count', 'descendants', 'multiplier'],
      rows: [
        ['firms', firmRoots, firmDesc, firmMultiplier],
        ['all', g.roots.length, allDesc, allDesc / g.roots.length],
      ],
      notes: [
        'a root is a parent that is nobody’s spin-off among the selected spin-offs; firm = kind sme, large-firm, firm, mnc-subsidiary or mnc-rd-lab',
        ...selectionNotes,
      ],
    });
    indicators.push(
      indicator(
        'spinoffs.multiplier',
        firmMultiplier,
        'descendants per founding firm',
        'no lineage is rooted in a firm',
      ),
    );
    indicators.push(
      indicator('spinoffs.multiplierAllRoots', allDesc / g.roots.length, 'descendants per root'),
    );
  }

  return { family: 'spinoffs', tables, indicators };
}

/** Rows by parent kind (kinds with data, then 'all') from three per-slot counters. */
function perKindRows(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  cells: (a: number, b: number, c: number) => Cell[],
): Cell[][] {
  const rows: Cell[][] = [];
  let ta = 0;
  let tb = 0;
  let tc = 0;
  for (let slot = 0; slot < KIND_SLOTS; slot++) {
    if (a[slot] + b[slot] + c[slot] === 0) continue;
    rows.push([slotName(slot), ...cells(a[slot], b[slot], c[slot])]);
    ta += a[slot];
    tb += b[slot];
    tc += c[slot];
  }
  rows.push(['all', ...cells(ta, tb, tc)]);
  return rows;
}

/** The spin-off rate table and its indicator (see `spinoffs`). */
function rateByParentKind(
  dataset: Dataset,
  sel: ReturnType<typeof checkSelection>,
  yearsGiven: boolean,
  members: Uint8Array | null,
  indicators: Indicator[],
): MeasureResult[] {
  const description = RATE_DESCRIPTION;
  const o = dataset.organisations;
  const s = dataset.spinoffs;
  // The observation window: selected years, open bounds replaced by the span of the dated spin-offs.
  let spanFirst = Number.POSITIVE_INFINITY;
  let spanLast = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < s.count; k++) {
    const y = spinoffYear(dataset, k);
    if (Number.isNaN(y)) continue;
    if (y < spanFirst) spanFirst = y;
    if (y > spanLast) spanLast = y;
  }
  const openFirst = !yearsGiven || sel.years[0] <= -9999;
  const openLast = !yearsGiven || sel.years[1] >= 9999;
  if ((openFirst || openLast) && !Number.isFinite(spanFirst)) {
    const reason = 'no dated spin-offs to fix the observation window (give years)';
    indicators.push(indicator('spinoffs.ratePer100ParentYears', null, 'per 100 parent-years', reason));
    return [notAvailable('spinoffs.rateByParentKind', description, reason)];
  }
  const a = openFirst ? spanFirst : sel.years[0];
  const b = openLast ? spanLast : sel.years[1];
  if (a > b) {
    const reason = `the observation window ${a}–${b} is empty`;
    indicators.push(indicator('spinoffs.ratePer100ParentYears', null, 'per 100 parent-years', reason));
    return [notAvailable('spinoffs.rateByParentKind', description, reason)];
  }
  const parentYears = new Float64Array(KIND_SLOTS);
  const organisations = new Float64Array(KIND_SLOTS);
  for (let i = 0; i < o.count; i++) {
    if (members && !members[i]) continue;
    const start = Number.isNaN(o.founded[i]) ? a : Math.max(o.founded[i], a);
    const end = Number.isNaN(o.closed[i]) ? b : Math.min(o.closed[i], b);
    const slot = slotOf(o.kind[i]);
    organisations[slot]++;
    if (end >= start) parentYears[slot] += end - start + 1;
  }
  const births = new Float64Array(KIND_SLOTS);
  let undated = 0;
  for (let k = 0; k < s.count; k++) {
    const p = s.parent[k];
    if (p < 0 || s.child[k] < 0 || (members && !members[p])) continue;
    const y = spinoffYear(dataset, k);
    if (Number.isNaN(y)) undated++;
    else if (y >= a && y <= b) births[slotOf(o.kind[p])]++;
  }
  const rows: Cell[][] = [];
  let totalYears = 0;
  let totalBirths = 0;
  let totalOrgs = 0;
  for (let slot = 0; slot < KIND_SLOTS; slot++) {
    if (organisations[slot] === 0 && births[slot] === 0) continue;
    rows.push([
      slotName(slot),
      organisations[slot],
      parentYears[slot],
      births[slot],
      parentYears[slot] > 0 ? (100 * births[slot]) / parentYears[slot] : null,
    ]);
    totalYears += parentYears[slot];
    totalBirths += births[slot];
    totalOrgs += organisations[slot];
  }
  if (totalYears === 0) {
    const reason = `no organisation${members ? ' of the region' : ''} was active in ${a}–${b}`;
    indicators.push(indicator('spinoffs.ratePer100ParentYears', null, 'per 100 parent-years', reason));
    return [notAvailable('spinoffs.rateByParentKind', description, reason)];
  }
  rows.push(['all', totalOrgs, totalYears, totalBirths, (100 * totalBirths) / totalYears]);
  const notes = [
    `window ${a}–${b}${openFirst || openLast ? ' (open bounds set by the span of the dated spin-offs)' : ''}; years counted inclusively; unknown founding or closing year = window bound`,
    members
      ? 'parents and parent-years: organisations of the selected region (children anywhere)'
      : 'all organisations',
  ];
  if (undated > 0) notes.push(`${undated} spin-off(s) without a year (or child founding year) not counted`);
  indicators.push(
    indicator('spinoffs.ratePer100ParentYears', (100 * totalBirths) / totalYears, 'per 100 parent-years'),
  );
  return [
    {
      measure: 'spinoffs.rateByParentKind',
      description,
      columns: ['parentKind', 'organisations', 'parentYears', 'spinoffs', 'ratePer100ParentYears'],
      rows,
      notes,
    },
  ];
}
