/**
 * Labour mobility: skilled people moving between the organisations of a cluster, one of the
 * channels of collective learning in an innovative milieu (Camagni 1991; Keeble & Wilkinson 1999;
 * Almeida & Kogut 1999 on the mobility of engineers as a carrier of localised knowledge).
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { Value } from '../dataset/raw.ts';
import { connectedComponents } from '../graph/components.ts';
import { buildUndirectedCsr } from '../graph/csr.ts';
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
import { geography, isLocalPair, type SelectionScope, selectionName, selectionScope } from './scope.ts';
import { kindMask } from './selection.ts';

const UNIVERSITY = ORGANISATION_KINDS.indexOf('university');
const RESEARCH_INSTITUTE = ORGANISATION_KINDS.indexOf('research-institute');

function num(v: Value | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return Number.NaN;
}

const INDICATORS = [
  'mobility.moves',
  'mobility.localMovesPer100Employees',
  'mobility.fromOutsideMovesPer100Employees',
  'mobility.hiresFromLocalFirmsShare',
  'mobility.hiresFromUniversitiesShare',
  'mobility.hiresFromResearchInstitutesShare',
  'mobility.graduateRetention',
  'mobility.intensity',
  'mobility.networkComponents',
];

const ORIGINS = ['firm', 'university', 'research-institute', 'other', 'unknown origin'] as const;

/**
 * The employment table as numbers: organisation number (−1 when missing or unknown), year and head
 * count (NaN when missing). From the Dataset's numeric columns when it has them (a simulated run
 * in memory, whose ids are all known), else decoded from the raw columns.
 */
function employmentRows(dataset: Dataset): {
  count: number;
  organisation: Int32Array;
  year: Float64Array;
  employees: Float64Array;
} {
  if (dataset.numeric) return dataset.numeric.employment;
  const t = dataset.other.employment;
  const { index } = geography(dataset);
  const organisation = new Int32Array(t.rowCount);
  const year = new Float64Array(t.rowCount);
  const employees = new Float64Array(t.rowCount);
  for (let r = 0; r < t.rowCount; r++) {
    const id = t.columns.organisation?.[r];
    organisation[r] = id === null || id === undefined ? -1 : (index.get(String(id)) ?? -1);
    year[r] = num(t.columns.year?.[r]);
    employees[r] = num(t.columns.employees?.[r]);
  }
  return { count: t.rowCount, organisation, year, employees };
}

/**
 * The moves table as numbers: from and to as organisation numbers (−1 when empty, −2 for an id
 * not in the Dataset) and the year (NaN when missing); from the numeric columns when the Dataset
 * has them (every id known, from −1 when the person came from outside the data).
 */
function moveRows(dataset: Dataset): { count: number; from: Int32Array; to: Int32Array; year: Float64Array } {
  if (dataset.numeric) return dataset.numeric.moves;
  const mv = dataset.other.moves;
  const { index } = geography(dataset);
  const ref = (v: Value | undefined) =>
    v === null || v === undefined || v === '' ? -1 : (index.get(String(v)) ?? -2);
  const from = new Int32Array(mv.rowCount);
  const to = new Int32Array(mv.rowCount);
  const year = new Float64Array(mv.rowCount);
  for (let r = 0; r < mv.rowCount; r++) {
    from[r] = ref(mv.columns.from?.[r]);
    to[r] = ref(mv.columns.to?.[r]);
    year[r] = num(mv.columns.year?.[r]);
  }
  return { count: mv.rowCount, from, to, year };
}

/**
 * Employment of the selected organisations in each year of [first, last]: each organisation's
 * observations, linearly interpolated between consecutive observed years and not extrapolated
 * beyond its first and last observation (so an organisation adds nothing to a year outside its
 * observed span). Returns the sum per year and how many organisations it covers.
 */
export function regionalEmployment(
  dataset: Dataset,
  selected: Uint8Array,
  first: number,
  last: number,
): { employees: Float64Array; organisations: Int32Array } {
  const len = last - first + 1;
  const employees = new Float64Array(len);
  const organisations = new Int32Array(len);
  const rows = employmentRows(dataset);
  const n = dataset.organisations.count;
  const rowOrg = new Int32Array(rows.count).fill(-1);
  const rowYear = new Float64Array(rows.count);
  const rowValue = new Float64Array(rows.count);
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < rows.count; r++) {
    const i = rows.organisation[r];
    const y = rows.year[r];
    const e = rows.employees[r];
    if (i < 0 || !selected[i] || Number.isNaN(y) || Number.isNaN(e)) continue;
    rowOrg[r] = i;
    rowYear[r] = y;
    rowValue[r] = e;
    offsets[i + 1]++;
  }
  // rows grouped by organisation (counting sort), each group then sorted by year (insertion sort:
  // groups are short time series)
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, n);
  const year = new Float64Array(offsets[n]);
  const value = new Float64Array(offsets[n]);
  for (let r = 0; r < rows.count; r++) {
    const i = rowOrg[r];
    if (i < 0) continue;
    let k = cursor[i]++;
    while (k > offsets[i] && year[k - 1] > rowYear[r]) {
      year[k] = year[k - 1];
      value[k] = value[k - 1];
      k--;
    }
    year[k] = rowYear[r];
    value[k] = rowValue[r];
  }
  const add = (y: number, e: number) => {
    if (y < first || y > last) return;
    employees[y - first] += e;
    organisations[y - first]++;
  };
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    for (let a = offsets[i]; a < end; a++) {
      if (a + 1 === end) {
        add(year[a], value[a]); // the organisation's last observation
      } else if (year[a + 1] > year[a]) {
        const y0 = year[a];
        const y1 = year[a + 1];
        const to = Math.min(y1 - 1, last);
        for (let y = Math.max(y0, first); y <= to; y++) {
          add(y, value[a] + ((value[a + 1] - value[a]) * (y - y0)) / (y1 - y0));
        }
      }
    }
  }
  return { employees, organisations };
}

/** The moves with a known destination touching the selection (one end selected), in `years` when given. */
function movesTouching(
  mv: { count: number; from: Int32Array; to: Int32Array; year: Float64Array },
  selected: Uint8Array,
  years: [number, number] | null,
): { from: Int32Array; to: Int32Array; year: Float64Array; count: number } {
  const from = new Int32Array(mv.count);
  const to = new Int32Array(mv.count);
  const year = new Float64Array(mv.count);
  let m = 0;
  for (let r = 0; r < mv.count; r++) {
    const f = mv.from[r];
    const t = mv.to[r];
    const y = mv.year[r];
    if (t < 0 || f === -2 || (years !== null && !inYears(y, years))) continue;
    if (!selected[t] && !(f >= 0 && selected[f])) continue;
    from[m] = f;
    to[m] = t;
    year[m++] = y;
  }
  return { from, to, year, count: m };
}

const FIRM_MASK = kindMask(FIRM_KINDS);

/**
 * Each move's locality (1 local, 0 not or no origin, −1 unknown) and the counts of the family's
 * tables: hires by locality and by origin (ORIGINS × local, non-local, unknown), moves out, moves
 * out of local universities, and the years of the hires with a known year and locality.
 */
function classifyMoves(
  scope: SelectionScope,
  kind: Uint8Array,
  from: Int32Array,
  to: Int32Array,
  year: Float64Array,
  m: number,
) {
  const selected = scope.selected;
  const local = new Int8Array(m);
  let hires = 0;
  let localMoves = 0;
  let fromOutside = 0;
  let movesOut = 0;
  let unknownLocality = 0;
  let firstYear = Number.POSITIVE_INFINITY;
  let lastYear = Number.NEGATIVE_INFINITY;
  const origins = new Float64Array(ORIGINS.length * 3); // local, non-local, unknown locality
  let gradMoves = 0;
  let gradRetained = 0;
  for (let k = 0; k < m; k++) {
    const f = from[k];
    const t = to[k];
    const l = f < 0 ? 0 : isLocalPair(scope, f, t);
    local[k] = l;
    if (f >= 0 && selected[f] && kind[f] === UNIVERSITY && l !== -1) {
      gradMoves++;
      if (l === 1) gradRetained++;
    }
    if (!selected[t]) {
      if (l === 0) movesOut++;
      continue;
    }
    hires++;
    if (l === 1) localMoves++;
    else if (l === 0) fromOutside++;
    else unknownLocality++;
    if (!Number.isNaN(year[k]) && l !== -1) {
      if (year[k] < firstYear) firstYear = year[k];
      if (year[k] > lastYear) lastYear = year[k];
    }
    const kf = f < 0 ? -1 : kind[f];
    const origin = f < 0 ? 4 : FIRM_MASK[kf] ? 0 : kf === UNIVERSITY ? 1 : kf === RESEARCH_INSTITUTE ? 2 : 3;
    origins[origin * 3 + (l === 1 ? 0 : l === 0 ? 1 : 2)]++;
  }
  return {
    local,
    hires,
    localMoves,
    fromOutside,
    movesOut,
    unknownLocality,
    firstYear,
    lastYear,
    origins,
    gradMoves,
    gradRetained,
  };
}

/** Local hires L and hires from outside O per year from `first` (len years), over hires with a known year. */
function hiresPerYear(
  selected: Uint8Array,
  to: Int32Array,
  year: Float64Array,
  local: Int8Array,
  m: number,
  first: number,
  len: number,
): { L: Float64Array; O: Float64Array } {
  const L = new Float64Array(len);
  const O = new Float64Array(len);
  for (let k = 0; k < m; k++) {
    if (!selected[to[k]] || Number.isNaN(year[k])) continue;
    if (local[k] === 1) L[year[k] - first]++;
    else if (local[k] === 0) O[year[k] - first]++;
  }
  return { L, O };
}

/**
 * The mobility network of the `pairs` moves with a known origin: its edge rows (from id, to id,
 * moves) in order of from, then to, and the organisations it touches, its undirected edges,
 * connected components and the largest one.
 */
function mobilityNetwork(
  id: readonly string[],
  n: number,
  from: Int32Array,
  to: Int32Array,
  m: number,
  pairs: number,
): { edgeRows: Cell[][]; nodes: number; edges: number; components: number; largest: number } {
  const ef = new Int32Array(pairs);
  const et = new Int32Array(pairs);
  let p = 0;
  for (let k = 0; k < m; k++) {
    if (from[k] < 0) continue;
    ef[p] = from[k];
    et[p++] = to[k];
  }
  // (from, to) pairs in order of from, then to: two stable counting sorts (by to, then by from),
  // O(pairs + n); then run-length counted
  const count = new Int32Array(n + 1);
  const byTo = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) count[et[k] + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  for (let k = 0; k < pairs; k++) byTo[count[et[k]]++] = k;
  count.fill(0);
  const order = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) count[ef[k] + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  for (let j = 0; j < pairs; j++) {
    const k = byTo[j];
    order[count[ef[k]]++] = k;
  }
  const edgeRows: Cell[][] = [];
  for (let i = 0; i < pairs; ) {
    const f = ef[order[i]];
    const t = et[order[i]];
    let j = i + 1;
    while (j < pairs && ef[order[j]] === f && et[order[j]] === t) j++;
    edgeRows.push([id[f], id[t], j - i]);
    i = j;
  }

  const csr = buildUndirectedCsr(n, ef, et);
  const comps = connectedComponents(csr);
  const touched = new Uint8Array(n);
  for (let k = 0; k < pairs; k++) {
    touched[ef[k]] = 1;
    touched[et[k]] = 1;
  }
  const seen = new Uint8Array(comps.count);
  let nodes = 0;
  let components = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    if (!touched[i]) continue;
    nodes++;
    const label = comps.labels[i];
    if (!seen[label]) {
      seen[label] = 1;
      components++;
      if (comps.sizes[label] > largest) largest = comps.sizes[label];
    }
  }
  return { edgeRows, nodes, edges: csr.offsets[n] / 2, components, largest };
}

/**
 * Labour mobility.
 *
 * Moves (other.moves: person, from, to, year, role) dated in `selection.years`. A move is local
 * when `from` and `to` are both in the region (without a region: in the same NUTS-3 area, else
 * locality; see SelectionScope) and from outside when its destination is in the selection and its
 * origin is not local (or empty: from outside the data). Hires are the moves into the selection.
 *
 * - per year y from the first to the last hire: local moves L(y) and moves from outside O(y) per
 *   100 employees, 100·L(y)/E(y), with E(y) the employment of the selected organisations
 *   (regionalEmployment; years with E(y) = 0 give no rate). Indicators: the mean of the annual
 *   rates over the years with a rate (`localMovesPer100Employees`, `fromOutsideMovesPer100Employees`).
 * - intensity = 100 · Σ L(y) / Σ E(y) over the years with a rate: local moves per 100 regional
 *   employees per year, the labour market pooled over the period (big years weigh more than in the
 *   mean of annual rates).
 * - hire sources: hires by the kind of the former employer (firm, university, research institute,
 *   other, unknown) and whether it is local; shares of all hires.
 * - graduate retention = moves out of local universities (a university in the selection) whose
 *   destination is local / such moves with a known locality.
 * - mobility network: one directed edge per (from, to) pair with the number of moves, over moves
 *   with both ends known and one end in the selection; nodes, undirected edges and connected
 *   components (src/graph) of the organisations it touches.
 *
 * Cost: O(n + M + R + Y·K) for M moves, R employment rows, Y years in the window and K
 * organisations with employment records.
 *
 * Example: region {a, b, u (university)}, outside x; moves u→a 2000, b→a 2000, x→b 2001, u→x 2001;
 * employment a 100 and b 100 in 2000 and 2001 → local 2 in 2000 (1 per 100), 0 in 2001; from outside
 * 1 in 2001 (0.5 per 100); mean local rate (1 + 0)/2 = 0.5, intensity 100·2/400 = 0.5; hires 3:
 * local firm 1/3, university 1/3; graduate retention 1/2.
 */
export function mobility(dataset: Dataset, selection: Selection = {}): FamilyReport {
  const sel = checkSelection(selection);
  const scope = selectionScope(dataset, sel);
  const where = selectionName(scope);
  const ranged = selection.years !== undefined;
  const o = dataset.organisations;
  const n = o.count;
  const D = {
    perYear:
      'Moves into the selection per year: local moves and moves from outside, employment of the selected organisations, and both per 100 employees.',
    sources:
      'Hires (moves into the selection) by kind of former employer and locality: counts and share of all hires.',
    retention: 'Graduate retention: moves out of local universities, those staying local, and their share.',
    edges: 'Mobility network: moves per (from, to) pair of organisations.',
    network:
      'Mobility network summary: organisations, undirected edges, connected components and the largest one.',
    summary:
      'Moves touching the selection: counts by locality, employee-years with known employment and the mobility intensity (local moves per 100 employees per year).',
  };
  const names = {
    perYear: 'mobility.perYear',
    sources: 'mobility.hireSources',
    retention: 'mobility.graduateRetention',
    edges: 'mobility.networkEdges',
    network: 'mobility.network',
    summary: 'mobility.summary',
  };
  const allMissing = (reason: string): FamilyReport => ({
    family: 'mobility',
    tables: (Object.keys(names) as (keyof typeof names)[]).map((k) => notAvailable(names[k], D[k], reason)),
    indicators: INDICATORS.map((name) => indicator(name, null, undefined, reason)),
  });
  if (scope.selectedCount === 0) return allMissing(`${where} has no organisations`);
  const mv = moveRows(dataset);
  if (mv.count === 0) return allMissing('no moves recorded in the dataset');

  const { from, to, year, count: m } = movesTouching(mv, scope.selected, ranged ? sel.years : null);
  if (m === 0) return allMissing(`no moves touch ${where}${ranged ? ` in ${sel.years.join('–')}` : ''}`);

  const tables: MeasureResult[] = [];
  const c = classifyMoves(scope, o.kind, from, to, year, m);
  const {
    local,
    hires,
    localMoves,
    fromOutside,
    movesOut,
    unknownLocality,
    origins,
    gradMoves,
    gradRetained,
  } = c;
  const { firstYear, lastYear } = c;

  // --- per year
  let rateYears = 0;
  let localRateSum = 0;
  let outsideRateSum = 0;
  let pooledLocal = 0;
  let employeeYears = 0;
  const noHires = `no hires into ${where} with a known year and locality`;
  let rateReason = noHires;
  if (!Number.isFinite(firstYear)) {
    tables.push(notAvailable(names.perYear, D.perYear, noHires));
  } else {
    const len = lastYear - firstYear + 1;
    const { L, O } = hiresPerYear(scope.selected, to, year, local, m, firstYear, len);
    const emp = regionalEmployment(dataset, scope.selected, firstYear, lastYear);
    const rows: Cell[][] = [];
    for (let i = 0; i < len; i++) {
      const e = emp.employees[i];
      const has = emp.organisations[i] > 0 && e > 0;
      if (has) {
        rateYears++;
        localRateSum += (100 * L[i]) / e;
        outsideRateSum += (100 * O[i]) / e;
        pooledLocal += L[i];
        employeeYears += e;
      }
      rows.push([
        firstYear + i,
        L[i],
        O[i],
        emp.organisations[i] > 0 ? e : null,
        emp.organisations[i],
        has ? (100 * L[i]) / e : null,
        has ? (100 * O[i]) / e : null,
      ]);
    }
    tables.push({
      measure: names.perYear,
      description: D.perYear,
      columns: [
        'year',
        'localMoves',
        'movesFromOutside',
        'employees',
        'organisationsWithEmployment',
        'localPer100',
        'fromOutsidePer100',
      ],
      rows,
      notes: [
        'employees: employment of the selected organisations, interpolated linearly between each one’s observed years, not extrapolated.',
      ],
    });
    if (rateYears === 0) rateReason = `no employment known for ${where} in ${firstYear}–${lastYear}`;
  }

  // --- hire sources
  const hireReason = `no hires into ${where}`;
  if (hires === 0) {
    tables.push(notAvailable(names.sources, D.sources, hireReason));
  } else {
    tables.push({
      measure: names.sources,
      description: D.sources,
      columns: ['origin', 'hires', 'local', 'nonLocal', 'localityUnknown', 'share'],
      rows: ORIGINS.map((label, g) => {
        const total = origins[g * 3] + origins[g * 3 + 1] + origins[g * 3 + 2];
        return [label, total, origins[g * 3], origins[g * 3 + 1], origins[g * 3 + 2], total / hires];
      }),
    });
  }
  const originShare = (g: number) =>
    hires === 0 ? null : (origins[g * 3] + origins[g * 3 + 1] + origins[g * 3 + 2]) / hires;

  // --- graduate retention
  const gradReason = `no moves out of universities in ${where} with a known locality`;
  const retention = gradMoves === 0 ? null : gradRetained / gradMoves;
  tables.push(
    retention === null
      ? notAvailable(names.retention, D.retention, gradReason)
      : {
          measure: names.retention,
          description: D.retention,
          columns: ['movesFromLocalUniversities', 'stayingLocal', 'retention'],
          rows: [[gradMoves, gradRetained, retention]],
        },
  );

  // --- mobility network
  let pairs = 0;
  for (let k = 0; k < m; k++) if (from[k] >= 0) pairs++;
  let components: number | null = null;
  const netReason = `no moves of ${where} with both organisations known`;
  if (pairs === 0) {
    tables.push(
      notAvailable(names.edges, D.edges, netReason),
      notAvailable(names.network, D.network, netReason),
    );
  } else {
    const net = mobilityNetwork(o.id, n, from, to, m, pairs);
    tables.push({
      measure: names.edges,
      description: D.edges,
      columns: ['from', 'to', 'moves'],
      rows: net.edgeRows,
    });
    const { nodes, edges, largest } = net;
    components = net.components;
    tables.push({
      measure: names.network,
      description: D.network,
      columns: ['organisations', 'edges', 'components', 'largestComponent'],
      rows: [[nodes, edges, components, largest]],
      notes: ['Edges are undirected pairs of organisations; moves within one organisation are left out.'],
    });
  }

  // --- summary
  const intensity = employeeYears > 0 ? (100 * pooledLocal) / employeeYears : null;
  tables.push({
    measure: names.summary,
    description: D.summary,
    columns: [
      'moves',
      'hires',
      'localMoves',
      'movesFromOutside',
      'movesOut',
      'localityUnknown',
      'yearsWithEmployment',
      'employeeYears',
      'intensity',
    ],
    rows: [
      [m, hires, localMoves, fromOutside, movesOut, unknownLocality, rateYears, employeeYears, intensity],
    ],
    notes: [
      'movesOut: moves from the selection to non-local organisations; intensity: 100 × local moves / employee-years, over the years with known employment.',
    ],
  });

  const indicators: Indicator[] = [
    indicator('mobility.moves', m, 'moves'),
    indicator(
      'mobility.localMovesPer100Employees',
      rateYears ? localRateSum / rateYears : null,
      'moves per 100 employees per year',
      rateReason,
    ),
    indicator(
      'mobility.fromOutsideMovesPer100Employees',
      rateYears ? outsideRateSum / rateYears : null,
      'moves per 100 employees per year',
      rateReason,
    ),
    indicator(
      'mobility.hiresFromLocalFirmsShare',
      hires === 0 ? null : origins[0] / hires,
      'share',
      hireReason,
    ),
    indicator('mobility.hiresFromUniversitiesShare', originShare(1), 'share', hireReason),
    indicator('mobility.hiresFromResearchInstitutesShare', originShare(2), 'share', hireReason),
    indicator('mobility.graduateRetention', retention, 'share', gradReason),
    indicator('mobility.intensity', intensity, 'moves per 100 employees per year', rateReason),
    indicator('mobility.networkComponents', components, 'components', netReason),
  ];
  return { family: 'mobility', tables, indicators };
}
