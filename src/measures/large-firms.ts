/**
 * Large firms and acquisitions: what large firms and multinational laboratories give a cluster
 * (spin-offs, supply relations with its SMEs) and what happens when its firms are bought.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import type { Value } from '../dataset/raw.ts';
import { ORGANISATION_KINDS, TIE_KINDS } from '../model/index.ts';
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
import { differentGroups, isLocalPair, type SelectionScope, selectionName, selectionScope } from './scope.ts';
import { kindMask, smeFlagMissing } from './selection.ts';
import { collectTies, incidence, type TieList } from './tie-list.ts';

/** Kinds that count as large firms: large firms and multinational subsidiaries and laboratories. */
export const LARGE_FIRM_KINDS = ['large-firm', 'mnc-subsidiary', 'mnc-rd-lab'] as const;

const CUSTOMER = TIE_KINDS.indexOf('customer');
const SUPPLIER = TIE_KINDS.indexOf('supplier');
const FIRM = ORGANISATION_KINDS.indexOf('firm');
const SME = ORGANISATION_KINDS.indexOf('sme');

function num(v: Value | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return Number.NaN;
}

function bool(v: Value | undefined): boolean | null {
  if (v === true || v === 'true' || v === 1) return true;
  if (v === false || v === 'false' || v === 0) return false;
  return null;
}

/** 1 large firm, 2 SME, 0 neither, for every organisation: by kind, a `firm` of unknown kind by its SME flag. */
function sizeClasses(dataset: Dataset): Uint8Array {
  const o = dataset.organisations;
  const large = kindMask(LARGE_FIRM_KINDS);
  const out = new Uint8Array(o.count);
  for (let i = 0; i < o.count; i++) {
    const k = o.kind[i];
    if (large[k] || (k === FIRM && o.sme[i] === 0)) out[i] = 1;
    else if (k === SME || (k === FIRM && o.sme[i] === 1)) out[i] = 2;
  }
  return out;
}

/** True when t was active at some time before year y: a known start before y. */
function activeBefore(ties: TieList, t: number, y: number): boolean {
  return ties.start[t] < y;
}

/** True when t was active in or after year y: a known start, and no end or an end in or after y. */
function activeAfter(ties: TieList, t: number, y: number): boolean {
  const s = ties.start[t];
  if (Number.isNaN(s)) return false;
  const e = ties.end[t];
  return s >= y || Number.isNaN(e) || e >= y;
}

/**
 * Brokerage count of organisation f in the ties active in a period: the pairs {a, b} of f's
 * neighbours that are not tied to each other (by a tie active in the period) and lie in different
 * groups (differentGroups: the selected region is one group, other organisations are grouped by
 * NUTS-3 area, else locality; pairs whose groups cannot be told are left out). A simple proxy for
 * the gatekeeper, representative and liaison roles of Gould & Fernandez (1989), the brokerage roles
 * whose two ends belong to different groups.
 *
 * Cost: O(d² + Σ_{a ∈ N(f)} deg(a)) for d neighbours. `mark` and `stamp` are scratch arrays of
 * length n (mark filled with −1); `stamp` values must be fresh per call.
 */
function brokerage(
  ties: TieList,
  inc: ReturnType<typeof incidence>,
  scope: SelectionScope,
  f: number,
  active: (t: number) => boolean,
  mark: Int32Array,
  stamp: Int32Array,
  stampBase: number,
): number {
  const neighbours: number[] = [];
  for (let k = inc.offsets[f]; k < inc.offsets[f + 1]; k++) {
    const t = inc.ids[k];
    if (!active(t)) continue;
    const w = ties.source[t] === f ? ties.target[t] : ties.source[t];
    if (mark[w] !== f) {
      mark[w] = f;
      neighbours.push(w);
    }
  }
  let count = 0;
  for (let i = 0; i < neighbours.length; i++) {
    const a = neighbours[i];
    const s = stampBase + i;
    for (let k = inc.offsets[a]; k < inc.offsets[a + 1]; k++) {
      const t = inc.ids[k];
      if (!active(t)) continue;
      stamp[ties.source[t] === a ? ties.target[t] : ties.source[t]] = s;
    }
    for (let j = i + 1; j < neighbours.length; j++) {
      const b = neighbours[j];
      if (stamp[b] !== s && differentGroups(scope, a, b) === 1) count++;
    }
  }
  for (const w of neighbours) mark[w] = -1;
  return count;
}

/**
 * Large firms and acquisitions.
 *
 * - Spin-offs whose parent is a large firm or an MNC subsidiary or laboratory (LARGE_FIRM_KINDS, or a
 *   `firm` flagged not SME), counted per parent, for spin-offs located in the selection and dated in
 *   `selection.years` (undated ones count only without a year range); their share of all spin-offs.
 * - Large-firm ↔ SME supply ties: customer/supplier ties between a large firm and an SME (kind
 *   `sme`, or a `firm` flagged SME) with an end in the selection, overlapping the years, counted
 *   per large firm in both directions: the SME supplies the large firm (row `sme,large,supplier`
 *   or `large,sme,customer`) or the large firm supplies the SME.
 * - Acquisitions of organisations in the selection, dated in the years: per year; foreign share =
 *   acquirer country ≠ target country (over acquisitions with both countries known); multinational
 *   share = the `multinational` flag (over flagged rows); autonomy retained share likewise.
 * - For each acquired firm with a known acquisition year Y, over all its ties (stored and
 *   co-participation, whatever the year range): local ties (both ends in the region, or the same
 *   area without a region) started before Y (start < Y) and started from Y on (start ≥ Y); ties of
 *   unknown start are left out. Brokerage before and after (see brokerage): among the ties active
 *   before Y (start < Y) and those active from Y on (start ≥ Y, or an earlier start with no end or
 *   an end ≥ Y).
 *
 * Cost: O(n + m + A) plus, per acquired firm, O(d² + Σ deg) for its brokerage.
 *
 * Example: an SME acquired in 2006 with local ties to a (from 1990) and b (from 2008), and a tie to
 * foreign c (from 1999), none of them tied to another, no end years → local ties before 1, after
 * 1; brokerage before 1 (a–c: untied, in different groups), after 2 (a–c and b–c, since the ties to
 * a and c are still active; a–b lie in the same region).
 */
export function largeFirms(dataset: Dataset, selection: Selection = {}): FamilyReport {
  const sel = checkSelection(selection);
  const scope = selectionScope(dataset, sel);
  const where = selectionName(scope);
  const ranged = selection.years !== undefined;
  const inRange = (y: number) => (ranged ? inYears(y, sel.years) : true);
  const o = dataset.organisations;
  const n = o.count;
  const D = {
    spinoffs: 'Spin-offs from large firms and MNC subsidiaries or laboratories, per parent (counts).',
    supply:
      'Customer/supplier ties between large firms and SMEs, per large firm, by direction (counts of ties).',
    byYear:
      'Acquisitions of organisations in the selection per year: count, by foreign and by multinational acquirers, with autonomy retained.',
    acquired:
      'Each acquisition: acquirer, countries, flags, local ties and brokerage of the acquired firm before and after the acquisition year.',
    summary:
      'Acquisitions in the selection: shares of foreign and multinational acquirers and of autonomy retained; means over acquired firms of local ties and brokerage before and after.',
  };
  const names = {
    spinoffs: 'largeFirms.spinoffsByParent',
    supply: 'largeFirms.smeSupplyTies',
    byYear: 'largeFirms.acquisitionsByYear',
    acquired: 'largeFirms.acquiredFirms',
    summary: 'largeFirms.acquisitionSummary',
  };
  if (scope.selectedCount === 0) {
    const reason = `${where} has no organisations`;
    return {
      family: 'large-firms',
      tables: (Object.keys(names) as (keyof typeof names)[]).map((k) => notAvailable(names[k], D[k], reason)),
      indicators: [
        'largeFirms.spinoffsFromLargeFirms',
        'largeFirms.spinoffsFromLargeFirmsShare',
        'largeFirms.smeSuppliesLargeTies',
        'largeFirms.largeSuppliesSmeTies',
        'largeFirms.acquisitions',
        'largeFirms.foreignAcquirerShare',
        'largeFirms.multinationalAcquirerShare',
        'largeFirms.autonomyRetainedShare',
        'largeFirms.localTiesBeforeMean',
        'largeFirms.localTiesAfterMean',
        'largeFirms.brokerageBeforeMean',
        'largeFirms.brokerageAfterMean',
      ].map((name) => indicator(name, null, undefined, reason)),
    };
  }
  const size = sizeClasses(dataset);
  const kindName = (i: number) => (o.kind[i] === UNKNOWN_CODE ? null : ORGANISATION_KINDS[o.kind[i]]);
  const tables: MeasureResult[] = [];
  const indicators: Indicator[] = [];

  // --- spin-offs from large firms
  const sp = dataset.spinoffs;
  const perParent = new Int32Array(n);
  const firstYear = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const lastYear = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  let spinoffs = 0;
  let fromLarge = 0;
  for (let k = 0; k < sp.count; k++) {
    const child = sp.child[k];
    const parent = sp.parent[k];
    if (child < 0 || parent < 0 || !scope.selected[child] || !inRange(sp.year[k])) continue;
    spinoffs++;
    if (size[parent] !== 1) continue;
    fromLarge++;
    perParent[parent]++;
    const y = sp.year[k];
    if (!Number.isNaN(y)) {
      if (y < firstYear[parent]) firstYear[parent] = y;
      if (y > lastYear[parent]) lastYear[parent] = y;
    }
  }
  const spinReason = `no spin-offs located in ${where}${ranged ? ` in ${sel.years.join('–')}` : ''}`;
  if (spinoffs === 0) {
    tables.push(notAvailable(names.spinoffs, D.spinoffs, spinReason));
  } else {
    const rows: Cell[][] = [];
    for (let i = 0; i < n; i++) {
      if (perParent[i] === 0) continue;
      rows.push([
        o.id[i],
        o.name[i],
        kindName(i),
        scope.selected[i] === 1,
        perParent[i],
        Number.isFinite(firstYear[i]) ? firstYear[i] : null,
        Number.isFinite(lastYear[i]) ? lastYear[i] : null,
      ]);
    }
    rows.sort((a, b) => (b[4] as number) - (a[4] as number));
    tables.push({
      measure: names.spinoffs,
      description: D.spinoffs,
      columns: ['parent', 'name', 'kind', 'parentInSelection', 'spinoffs', 'firstYear', 'lastYear'],
      rows,
      notes: [
        `${fromLarge} of ${spinoffs} spin-offs located in ${where} come from large firms or MNC units.`,
      ],
    });
  }
  indicators.push(
    indicator(
      'largeFirms.spinoffsFromLargeFirms',
      spinoffs === 0 ? null : fromLarge,
      'spin-offs',
      spinReason,
    ),
    indicator(
      'largeFirms.spinoffsFromLargeFirmsShare',
      spinoffs === 0 ? null : fromLarge / spinoffs,
      'share',
      spinReason,
    ),
  );

  // --- large-firm ↔ SME supply ties
  // every year (acquisitions compare before and after their own year), the project-size cap kept
  const all = collectTies(dataset, { ...selection, years: undefined });
  const current = ranged ? collectTies(dataset, sel) : all;
  const smeSupplies = new Int32Array(n); // per large firm: ties where an SME supplies it
  const largeSupplies = new Int32Array(n); // per large firm: ties where it supplies an SME
  const localSupply = new Int32Array(n);
  let verticalTies = 0;
  let totalSmeSupplies = 0;
  let totalLargeSupplies = 0;
  for (let t = 0; t < current.count; t++) {
    const k = current.kind[t];
    if (k !== CUSTOMER && k !== SUPPLIER) continue;
    const u = current.source[t];
    const v = current.target[t];
    if (!scope.selected[u] && !scope.selected[v]) continue;
    verticalTies++;
    // the supplier end of the tie: `u,v,supplier` → u supplies v; `u,v,customer` → v supplies u
    const supplier = k === SUPPLIER ? u : v;
    const customer = k === SUPPLIER ? v : u;
    if (size[supplier] === 2 && size[customer] === 1) {
      smeSupplies[customer]++;
      totalSmeSupplies++;
      if (isLocalPair(scope, u, v) === 1) localSupply[customer]++;
    } else if (size[supplier] === 1 && size[customer] === 2) {
      largeSupplies[supplier]++;
      totalLargeSupplies++;
      if (isLocalPair(scope, u, v) === 1) localSupply[supplier]++;
    }
  }
  const smeMissing = smeFlagMissing(dataset);
  const supplyReason = smeMissing ?? `no customer/supplier ties with an end in ${where}`;
  if (verticalTies === 0 || smeMissing) {
    tables.push(notAvailable(names.supply, D.supply, supplyReason));
  } else {
    const rows: Cell[][] = [];
    for (let i = 0; i < n; i++) {
      if (smeSupplies[i] + largeSupplies[i] === 0) continue;
      rows.push([
        o.id[i],
        o.name[i],
        kindName(i),
        scope.selected[i] === 1,
        smeSupplies[i],
        largeSupplies[i],
        localSupply[i],
      ]);
    }
    tables.push({
      measure: names.supply,
      description: D.supply,
      columns: ['largeFirm', 'name', 'kind', 'inSelection', 'smeSuppliers', 'smeCustomers', 'local'],
      rows,
      notes: [
        `${totalSmeSupplies + totalLargeSupplies} of ${verticalTies} customer/supplier ties join a large firm and an SME.`,
        'smeSuppliers: ties in which an SME supplies the large firm; smeCustomers: the large firm supplies an SME; local: either, with both ends local.',
      ],
    });
  }
  indicators.push(
    indicator(
      'largeFirms.smeSuppliesLargeTies',
      verticalTies === 0 || smeMissing ? null : totalSmeSupplies,
      'ties',
      supplyReason,
    ),
    indicator(
      'largeFirms.largeSuppliesSmeTies',
      verticalTies === 0 || smeMissing ? null : totalLargeSupplies,
      'ties',
      supplyReason,
    ),
  );

  // --- acquisitions
  const acq = dataset.other.acquisitions;
  const { index } = scope;
  const ref = (v: Value | undefined) => (v === null || v === undefined ? -1 : (index.get(String(v)) ?? -1));
  interface Acquisition {
    target: number;
    acquirer: number;
    year: number;
    foreign: boolean | null;
    multinational: boolean | null;
    autonomy: boolean | null;
    price: number;
  }
  const list: Acquisition[] = [];
  for (let r = 0; r < acq.rowCount; r++) {
    const target = ref(acq.columns.target?.[r]);
    const acquirer = ref(acq.columns.acquirer?.[r]);
    const year = num(acq.columns.year?.[r]);
    if (target < 0 || !scope.selected[target] || !inRange(year)) continue;
    const ct = o.country[target];
    const ca = acquirer < 0 ? null : o.country[acquirer];
    list.push({
      target,
      acquirer,
      year,
      foreign: ct === null || ca === null ? null : ct.toUpperCase() !== ca.toUpperCase(),
      multinational: bool(acq.columns.multinational?.[r]),
      autonomy: bool(acq.columns.autonomy?.[r]),
      price: num(acq.columns.price?.[r]),
    });
  }
  const acqReason = `no acquisitions of organisations in ${where}${ranged ? ` in ${sel.years.join('–')}` : ''}`;
  if (list.length === 0) {
    tables.push(
      notAvailable(names.byYear, D.byYear, acqReason),
      notAvailable(names.acquired, D.acquired, acqReason),
      notAvailable(names.summary, D.summary, acqReason),
    );
    indicators.push(
      indicator('largeFirms.acquisitions', null, 'acquisitions', acqReason),
      ...[
        'largeFirms.foreignAcquirerShare',
        'largeFirms.multinationalAcquirerShare',
        'largeFirms.autonomyRetainedShare',
        'largeFirms.localTiesBeforeMean',
        'largeFirms.localTiesAfterMean',
        'largeFirms.brokerageBeforeMean',
        'largeFirms.brokerageAfterMean',
      ].map((name) => indicator(name, null, undefined, acqReason)),
    );
    return { family: 'large-firms', tables, indicators };
  }

  // per year
  const years = new Map<number | null, [number, number, number, number]>();
  for (const a of list) {
    const y = Number.isNaN(a.year) ? null : a.year;
    const row = years.get(y) ?? [0, 0, 0, 0];
    row[0]++;
    if (a.foreign === true) row[1]++;
    if (a.multinational === true) row[2]++;
    if (a.autonomy === true) row[3]++;
    years.set(y, row);
  }
  tables.push({
    measure: names.byYear,
    description: D.byYear,
    columns: ['year', 'acquisitions', 'foreignAcquirer', 'multinationalAcquirer', 'autonomyRetained'],
    rows: [...years]
      .sort((a, b) => (a[0] ?? Number.POSITIVE_INFINITY) - (b[0] ?? Number.POSITIVE_INFINITY))
      .map(([y, r]) => [y, ...r]),
  });

  // before / after, over all ties whatever the year range
  const inc = incidence(n, all);
  const mark = new Int32Array(n).fill(-1);
  const stamp = new Int32Array(n).fill(-1);
  let stampBase = 0;
  const rows: Cell[][] = [];
  const sums = { localBefore: 0, localAfter: 0, brokerBefore: 0, brokerAfter: 0, dated: 0 };
  for (const a of list) {
    let localBefore: number | null = null;
    let localAfter: number | null = null;
    let brokerBefore: number | null = null;
    let brokerAfter: number | null = null;
    if (!Number.isNaN(a.year)) {
      const f = a.target;
      const y = a.year;
      localBefore = 0;
      localAfter = 0;
      for (let k = inc.offsets[f]; k < inc.offsets[f + 1]; k++) {
        const t = inc.ids[k];
        const s = all.start[t];
        if (Number.isNaN(s) || isLocalPair(scope, all.source[t], all.target[t]) !== 1) continue;
        if (s < y) localBefore++;
        else localAfter++;
      }
      const degree = inc.offsets[f + 1] - inc.offsets[f];
      brokerBefore = brokerage(all, inc, scope, f, (t) => activeBefore(all, t, y), mark, stamp, stampBase);
      stampBase += degree;
      brokerAfter = brokerage(all, inc, scope, f, (t) => activeAfter(all, t, y), mark, stamp, stampBase);
      stampBase += degree;
      sums.localBefore += localBefore;
      sums.localAfter += localAfter;
      sums.brokerBefore += brokerBefore;
      sums.brokerAfter += brokerAfter;
      sums.dated++;
    }
    rows.push([
      o.id[a.target],
      a.acquirer < 0 ? null : o.id[a.acquirer],
      Number.isNaN(a.year) ? null : a.year,
      o.country[a.target],
      a.acquirer < 0 ? null : o.country[a.acquirer],
      a.foreign,
      a.multinational,
      a.autonomy,
      Number.isNaN(a.price) ? null : a.price,
      localBefore,
      localAfter,
      brokerBefore,
      brokerAfter,
    ]);
  }
  tables.push({
    measure: names.acquired,
    description: D.acquired,
    columns: [
      'target',
      'acquirer',
      'year',
      'targetCountry',
      'acquirerCountry',
      'foreignAcquirer',
      'multinational',
      'autonomyRetained',
      'price',
      'localTiesBefore',
      'localTiesAfter',
      'brokerageBefore',
      'brokerageAfter',
    ],
    rows,
    notes: [
      'localTiesBefore/After: local ties started before the acquisition year / in or after it (ties of unknown start left out).',
      'brokerageBefore/After: pairs of the firm’s partners, untied to each other and in different regions, among ties active before / from the acquisition year on (a proxy for Gould–Fernandez gatekeeping).',
    ],
  });

  const share = (pick: (a: Acquisition) => boolean | null) => {
    let known = 0;
    let yes = 0;
    for (const a of list) {
      const v = pick(a);
      if (v === null) continue;
      known++;
      if (v) yes++;
    }
    return { known, value: known === 0 ? null : yes / known };
  };
  const foreign = share((a) => a.foreign);
  const mnc = share((a) => a.multinational);
  const autonomy = share((a) => a.autonomy);
  const mean = (x: number) => (sums.dated === 0 ? null : x / sums.dated);
  tables.push({
    measure: names.summary,
    description: D.summary,
    columns: [
      'acquisitions',
      'foreignAcquirerShare',
      'multinationalAcquirerShare',
      'autonomyRetainedShare',
      'datedAcquisitions',
      'localTiesBeforeMean',
      'localTiesAfterMean',
      'brokerageBeforeMean',
      'brokerageAfterMean',
    ],
    rows: [
      [
        list.length,
        foreign.value,
        mnc.value,
        autonomy.value,
        sums.dated,
        mean(sums.localBefore),
        mean(sums.localAfter),
        mean(sums.brokerBefore),
        mean(sums.brokerAfter),
      ],
    ],
    notes: ['Shares are over acquisitions where the flag (or both countries) is known.'],
  });
  const undated = 'no acquisition has a known year';
  indicators.push(
    indicator('largeFirms.acquisitions', list.length, 'acquisitions'),
    indicator(
      'largeFirms.foreignAcquirerShare',
      foreign.value,
      'share',
      'no acquisition with both countries known',
    ),
    indicator(
      'largeFirms.multinationalAcquirerShare',
      mnc.value,
      'share',
      'no acquisition has the multinational flag',
    ),
    indicator(
      'largeFirms.autonomyRetainedShare',
      autonomy.value,
      'share',
      'no acquisition has the autonomy flag',
    ),
    indicator('largeFirms.localTiesBeforeMean', mean(sums.localBefore), 'ties', undated),
    indicator('largeFirms.localTiesAfterMean', mean(sums.localAfter), 'ties', undated),
    indicator('largeFirms.brokerageBeforeMean', mean(sums.brokerBefore), 'pairs', undated),
    indicator('largeFirms.brokerageAfterMean', mean(sums.brokerAfter), 'pairs', undated),
  );
  return { family: 'large-firms', tables, indicators };
}
