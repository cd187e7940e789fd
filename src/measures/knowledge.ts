/**
 * Knowledge infrastructure and university links: how much knowledge infrastructure a region has
 * (universities, research institutes, technology centres, science parks), whether its SMEs are tied
 * to it, how many firms descend from its universities, how many graduates the universities place in
 * local firms, and which external sources of innovation the firms rate highest.
 *
 * In the innovative-milieu literature the knowledge infrastructure is a collective agent of the
 * milieu: universities and laboratories seed firms by spin-off, train and release skilled labour,
 * and collaborate with local SMEs (Keeble, Lawson, Moore & Wilkinson 1999, "Collective learning
 * processes, networking and 'institutional thickness' in the Cambridge region", Regional Studies
 * 33(4); Lawson 1999, "Towards a competence theory of the region", Cambridge Journal of Economics
 * 23(2)). Survey rankings of innovation sources follow the Community Innovation Survey question on
 * the importance of information sources (Eurostat CIS questionnaire, scale 1–5 here).
 */
import type { Dataset } from '../dataset/dataset.ts';
import {
  FIRM_KINDS,
  INNOVATION_SOURCES,
  KNOWLEDGE_CENTRE_KINDS,
  ORGANISATION_KINDS,
} from '../model/index.ts';
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
  activeInYears,
  areaIndex,
  kindMask,
  networkIn,
  networkNote,
  sameArea,
  selectionMembers,
  smeFlagMissing,
} from './selection.ts';
import { mean, tInterval95 } from './stats.ts';

const FIRM_MASK = kindMask(FIRM_KINDS);
const CENTRE_MASK = kindMask(KNOWLEDGE_CENTRE_KINDS);
const SME_CODE = ORGANISATION_KINDS.indexOf('sme');
const UNIVERSITY_CODE = ORGANISATION_KINDS.indexOf('university');

const DESCRIPTIONS = {
  infrastructure:
    'Knowledge centres of the selection by kind (organisations) and per 1,000 firms (firms = sme, large-firm, firm, mnc-subsidiary, mnc-rd-lab).',
  smeTies:
    'Share of SMEs with at least one tie (stored or co-participation) to a knowledge centre, any and local, and by centre kind.',
  universitySpinoffs:
    'Share of firms that are direct spin-offs of a university (or of any knowledge centre), and indirect ones (spin-offs of their spin-offs, any generation).',
  graduateHires:
    'Graduate hires (moves out of a university) per university, and the share of them hired in the region.',
  innovationSources:
    'External sources of innovation ranked by mean importance (1 none – 5 crucial) with Student-t 95% intervals.',
};

/**
 * The knowledge family. Measures (each a table; formulas and limits in docs/measures/knowledge.md):
 *
 * - `knowledge.infrastructure`: counts of universities, research institutes, technology centres and
 *   science parks in the selection and density = 1000 × count / firms.
 * - `knowledge.smeTies`: share of SMEs (kind `sme` or SME flag set) with a tie in the network to a
 *   knowledge centre = |{SME s : ∃ centre c, {s, c} ∈ ties}| / |SMEs|; "local" = the centre is inside
 *   the selected region, or, without a region, in the same area (same NUTS-3 code, else same locality;
 *   see `sameArea`).
 * - `knowledge.universitySpinoffs`: share of firms whose spin-off parent is a university (direct), and
 *   share whose nearest university ancestor is 2 or more generations up (indirect); the same for any
 *   knowledge centre. Lineages come from the whole spinoffs table (a stock, not an event count).
 * - `knowledge.graduateHires`: per university, moves whose `from` is it (graduate hires) in the
 *   years, and the share hired inside the region (or, without a region, in the same area).
 * - `knowledge.innovationSources`: per source, n answers, mean importance x̄ and x̄ ± t₀.₉₇₅,n−1 s/√n
 *   (none below 2 answers), ranked by mean.
 *
 * Selection: organisations inside the region; with years, organisations active at some time in them
 * (founded ≤ last, closed ≥ first), ties and projects alive in them, moves dated in them. The survey
 * is undated and ignores years.
 *
 * Indicators: knowledge.centres, knowledge.centresPer1000Firms, knowledge.universitiesPer1000Firms,
 * knowledge.smeShareTiedToKnowledgeCentre, knowledge.smeShareTiedToLocalKnowledgeCentre,
 * knowledge.universitySpinoffShare, knowledge.indirectUniversitySpinoffShare,
 * knowledge.graduateHiresPerUniversity, knowledge.graduateLocalShare,
 * knowledge.universitiesSourceImportance.
 *
 * Cost: O(n + m + spin-offs + moves + survey rows) with m network ties (plus rebuilding the network,
 * O(ties + Σ_p s_p²), when years are given).
 *
 * Example (Fenland package, no selection): 13 firms and 5 centres → 384.6 per 1,000 firms; of 9 SMEs,
 * 5 are tied to a centre (prism, cellgen, arcus, helix, quanta) and 3 to one in their own NUTS-3
 * area (quanta's technology centre is in UKH12, quanta in UKH14) → 5/9 and 1/3; 2 of 13 firms are
 * direct university spin-offs (prism, vision) and 2 indirect (lumen, arcus).
 */
export function knowledge(dataset: Dataset, selection: Selection = {}): FamilyReport {
  const sel = checkSelection(selection);
  const yearsGiven = selection.years !== undefined;
  const years = yearsGiven ? sel.years : undefined;
  const o = dataset.organisations;
  const n = o.count;
  const members = selectionMembers(dataset, sel);
  // The population: organisations of the region, active in the years when years are given.
  const inSelection = new Uint8Array(n);
  let population = 0;
  for (let i = 0; i < n; i++) {
    if (members && !members[i]) continue;
    if (yearsGiven && !activeInYears(o.founded[i], o.closed[i], sel.years)) continue;
    inSelection[i] = 1;
    population++;
  }
  const where = selection.region ? `region ${selection.region}` : 'the data';
  const span = yearsGiven ? ` active in ${sel.years[0]}–${sel.years[1]}` : '';
  const tables: MeasureResult[] = [];
  const indicators: Indicator[] = [];

  if (population === 0) {
    const reason = `no organisations in ${where}${span}`;
    for (const [key, d] of Object.entries(DESCRIPTIONS))
      tables.push(notAvailable(`knowledge.${key}`, d, reason));
    for (const name of INDICATOR_NAMES)
      indicators.push(indicator(`knowledge.${name}`, null, undefined, reason));
    return { family: 'knowledge', tables, indicators };
  }

  let firms = 0;
  for (let i = 0; i < n; i++) if (inSelection[i] && FIRM_MASK[o.kind[i]]) firms++;

  infrastructure(dataset, inSelection, firms, tables, indicators);
  smeTies(dataset, sel, years, members, inSelection, tables, indicators);
  universitySpinoffs(dataset, inSelection, firms, tables, indicators);
  graduateHires(dataset, sel, years, members, inSelection, tables, indicators);
  innovationSources(dataset, inSelection, yearsGiven, tables, indicators);
  return { family: 'knowledge', tables, indicators };
}

const INDICATOR_NAMES = [
  'centres',
  'centresPer1000Firms',
  'universitiesPer1000Firms',
  'smeShareTiedToKnowledgeCentre',
  'smeShareTiedToLocalKnowledgeCentre',
  'universitySpinoffShare',
  'indirectUniversitySpinoffShare',
  'graduateHiresPerUniversity',
  'graduateLocalShare',
  'universitiesSourceImportance',
];

function infrastructure(
  dataset: Dataset,
  inSelection: Uint8Array,
  firms: number,
  tables: MeasureResult[],
  indicators: Indicator[],
): void {
  const o = dataset.organisations;
  const codes = KNOWLEDGE_CENTRE_KINDS.map((k) => ORGANISATION_KINDS.indexOf(k));
  const counts = new Float64Array(256);
  for (let i = 0; i < o.count; i++) if (inSelection[i] && CENTRE_MASK[o.kind[i]]) counts[o.kind[i]]++;
  const density = (c: number) => (firms > 0 ? (1000 * c) / firms : null);
  const rows: Cell[][] = KNOWLEDGE_CENTRE_KINDS.map((k, j) => [
    k,
    counts[codes[j]],
    density(counts[codes[j]]),
  ]);
  let total = 0;
  for (const c of codes) total += counts[c];
  rows.push(['all centres', total, density(total)]);
  const noFirms = 'no firms in the selection';
  tables.push({
    measure: 'knowledge.infrastructure',
    description: DESCRIPTIONS.infrastructure,
    columns: ['kind', 'count', 'per1000Firms'],
    rows,
    notes: [`${firms} firm(s) in the selection${firms === 0 ? ': densities not available' : ''}`],
  });
  indicators.push(indicator('knowledge.centres', total, 'organisations'));
  indicators.push(indicator('knowledge.centresPer1000Firms', density(total), 'per 1,000 firms', noFirms));
  indicators.push(
    indicator(
      'knowledge.universitiesPer1000Firms',
      density(counts[UNIVERSITY_CODE]),
      'per 1,000 firms',
      noFirms,
    ),
  );
}

function smeTies(
  dataset: Dataset,
  sel: ReturnType<typeof checkSelection>,
  years: [number, number] | undefined,
  members: Uint8Array | null,
  inSelection: Uint8Array,
  tables: MeasureResult[],
  indicators: Indicator[],
): void {
  const o = dataset.organisations;
  const anyName = 'knowledge.smeShareTiedToKnowledgeCentre';
  const localName = 'knowledge.smeShareTiedToLocalKnowledgeCentre';
  let smes = 0;
  for (let i = 0; i < o.count; i++) if (inSelection[i] && (o.kind[i] === SME_CODE || o.sme[i] === 1)) smes++;
  const fail = (reason: string) => {
    tables.push(notAvailable('knowledge.smeTies', DESCRIPTIONS.smeTies, reason));
    indicators.push(indicator(anyName, null, 'share', reason), indicator(localName, null, 'share', reason));
  };
  if (smes === 0) {
    fail(smeFlagMissing(dataset) ?? 'no SMEs in the selection');
    return;
  }
  if (dataset.network.targets.length === 0) {
    fail('no ties (stored or co-participation) in the data');
    return;
  }
  const graph = networkIn(dataset, sel);
  const area = members ? null : areaIndex(o);
  const kindCodes = KNOWLEDGE_CENTRE_KINDS.map((k) => ORGANISATION_KINDS.indexOf(k));
  const byKind = new Float64Array(256);
  const seenKind = new Uint8Array(256);
  let tied = 0;
  let tiedLocal = 0;
  let undecided = 0;
  for (let u = 0; u < o.count; u++) {
    if (!inSelection[u] || !(o.kind[u] === SME_CODE || o.sme[u] === 1)) continue;
    let any = false;
    let local = false;
    let unknown = false;
    seenKind.fill(0, 0, ORGANISATION_KINDS.length);
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const v = graph.targets[e];
      if (!CENTRE_MASK[o.kind[v]]) continue;
      any = true;
      seenKind[o.kind[v]] = 1;
      if (members) {
        if (members[v]) local = true;
      } else {
        const a = sameArea(area!, u, v);
        if (a === 1) local = true;
        else if (a === -1) unknown = true;
      }
    }
    if (any) tied++;
    if (local) tiedLocal++;
    else if (unknown) undecided++;
    for (const c of kindCodes) if (seenKind[c]) byKind[c]++;
  }
  const rows: Cell[][] = [
    ['knowledge centre', smes, tied, tied / smes],
    ['local knowledge centre', smes, tiedLocal, tiedLocal / smes],
    ...KNOWLEDGE_CENTRE_KINDS.map((k, j): Cell[] => [
      k,
      smes,
      byKind[kindCodes[j]],
      byKind[kindCodes[j]] / smes,
    ]),
  ];
  const notes = [
    members
      ? `local = the centre is inside region ${sel.region}`
      : 'local = same NUTS-3 code as the SME when both are known to that level, else same locality',
    'SME = kind sme, or any kind with the SME flag set',
  ];
  if (years)
    notes.push(`ties alive in ${years[0]}–${years[1]} (unknown start or end = open); SMEs active then`);
  notes.push(networkNote(sel));
  if (undecided > 0)
    notes.push(
      `${undecided} SME(s) tied only to centres whose location relative to the SME could not be told (counted as not local)`,
    );
  tables.push({
    measure: 'knowledge.smeTies',
    description: DESCRIPTIONS.smeTies,
    columns: ['tieTo', 'smes', 'smesTied', 'share'],
    rows,
    notes,
  });
  indicators.push(indicator(anyName, tied / smes, 'share'), indicator(localName, tiedLocal / smes, 'share'));
}

function universitySpinoffs(
  dataset: Dataset,
  inSelection: Uint8Array,
  firms: number,
  tables: MeasureResult[],
  indicators: Indicator[],
): void {
  const o = dataset.organisations;
  const s = dataset.spinoffs;
  const directName = 'knowledge.universitySpinoffShare';
  const indirectName = 'knowledge.indirectUniversitySpinoffShare';
  const fail = (reason: string) => {
    tables.push(notAvailable('knowledge.universitySpinoffs', DESCRIPTIONS.universitySpinoffs, reason));
    indicators.push(
      indicator(directName, null, 'share', reason),
      indicator(indirectName, null, 'share', reason),
    );
  };
  if (s.count === 0) {
    fail('no spin-off records in the data');
    return;
  }
  if (firms === 0) {
    fail('no firms in the selection');
    return;
  }
  const g = genealogy(o.count, s.child, s.parent);
  // Nearest university / knowledge-centre ancestor generation of every forest node, top-down in
  // breadth-first order: 1 when the parent is one, else the parent's value + 1 (0 = none).
  const uniGen = new Int32Array(o.count);
  const centreGen = new Int32Array(o.count);
  for (let k = 0; k < g.order.length; k++) {
    const c = g.order[k];
    const p = g.parentOf[c];
    if (p < 0) continue;
    uniGen[c] = o.kind[p] === UNIVERSITY_CODE ? 1 : uniGen[p] > 0 ? uniGen[p] + 1 : 0;
    centreGen[c] = CENTRE_MASK[o.kind[p]] ? 1 : centreGen[p] > 0 ? centreGen[p] + 1 : 0;
  }
  let uniDirect = 0;
  let uniIndirect = 0;
  let centreDirect = 0;
  let centreIndirect = 0;
  for (let i = 0; i < o.count; i++) {
    if (!inSelection[i] || !FIRM_MASK[o.kind[i]]) continue;
    if (uniGen[i] === 1) uniDirect++;
    else if (uniGen[i] >= 2) uniIndirect++;
    if (centreGen[i] === 1) centreDirect++;
    else if (centreGen[i] >= 2) centreIndirect++;
  }
  tables.push({
    measure: 'knowledge.universitySpinoffs',
    description: DESCRIPTIONS.universitySpinoffs,
    columns: ['origin', 'firms', 'direct', 'indirect', 'directShare', 'indirectShare'],
    rows: [
      ['university', firms, uniDirect, uniIndirect, uniDirect / firms, uniIndirect / firms],
      ['knowledge centre', firms, centreDirect, centreIndirect, centreDirect / firms, centreIndirect / firms],
    ],
    notes: [
      'direct = the spin-off parent is a university (centre); indirect = the nearest such ancestor is 2 or more generations up',
      'lineages from the whole spinoffs table, whatever the spin-off year; the university may be outside the region',
      ...(g.cyclic > 0 ? [`${g.cyclic} organisation(s) in a spin-off cycle (invalid lineage) left out`] : []),
    ],
  });
  indicators.push(
    indicator(directName, uniDirect / firms, 'share'),
    indicator(indirectName, uniIndirect / firms, 'share'),
  );
}

function graduateHires(
  dataset: Dataset,
  sel: ReturnType<typeof checkSelection>,
  years: [number, number] | undefined,
  members: Uint8Array | null,
  inSelection: Uint8Array,
  tables: MeasureResult[],
  indicators: Indicator[],
): void {
  const o = dataset.organisations;
  const moves = dataset.other.moves;
  const perName = 'knowledge.graduateHiresPerUniversity';
  const localName = 'knowledge.graduateLocalShare';
  const fail = (reason: string) => {
    tables.push(notAvailable('knowledge.graduateHires', DESCRIPTIONS.graduateHires, reason));
    indicators.push(
      indicator(perName, null, 'hires per university', reason),
      indicator(localName, null, 'share', reason),
    );
  };
  if (moves.rowCount === 0) {
    fail('no moves in the data');
    return;
  }
  const universities: number[] = [];
  for (let i = 0; i < o.count; i++) if (inSelection[i] && o.kind[i] === UNIVERSITY_CODE) universities.push(i);
  if (universities.length === 0) {
    fail('no universities in the selection');
    return;
  }
  const index = dataset.organisations.index;
  const area = members ? null : areaIndex(o);
  const hires = new Float64Array(o.count);
  const local = new Float64Array(o.count);
  const away = new Float64Array(o.count);
  const fromCol = moves.columns.from ?? [];
  const toCol = moves.columns.to ?? [];
  const yearCol = moves.columns.year ?? [];
  for (let k = 0; k < moves.rowCount; k++) {
    const from = fromCol[k] === null || fromCol[k] === undefined ? undefined : index.get(String(fromCol[k]));
    if (from === undefined || !inSelection[from] || o.kind[from] !== UNIVERSITY_CODE) continue;
    if (years && !inYears(yearCol[k] === null ? Number.NaN : Number(yearCol[k]), years)) continue;
    hires[from]++;
    const to = toCol[k] === null || toCol[k] === undefined ? undefined : index.get(String(toCol[k]));
    if (to === undefined) continue;
    const stays = members ? (members[to] ? 1 : 0) : sameArea(area!, from, to);
    if (stays === 1) local[from]++;
    else if (stays === 0) away[from]++;
  }
  const rows: Cell[][] = [];
  let totalHires = 0;
  let totalLocal = 0;
  let totalAway = 0;
  for (const u of universities) {
    const known = local[u] + away[u];
    rows.push([
      o.id[u],
      o.name[u],
      hires[u],
      local[u],
      away[u],
      hires[u] - known,
      known > 0 ? local[u] / known : null,
    ]);
    totalHires += hires[u];
    totalLocal += local[u];
    totalAway += away[u];
  }
  rows.sort((a, b) => (b[2] as number) - (a[2] as number) || String(a[0]).localeCompare(String(b[0])));
  tables.push({
    measure: 'knowledge.graduateHires',
    description: DESCRIPTIONS.graduateHires,
    columns: ['university', 'name', 'graduateHires', 'local', 'elsewhere', 'unknown', 'localShare'],
    rows,
    notes: [
      'a graduate hire is a move whose `from` is a university',
      members
        ? `local = hired by an organisation inside region ${sel.region}`
        : 'local = hired in the same NUTS-3 area as the university (else same locality)',
      'localShare = local / (local + elsewhere); unknown = the hiring organisation’s location could not be told',
    ],
  });
  const known = totalLocal + totalAway;
  indicators.push(
    indicator(perName, totalHires / universities.length, 'hires per university'),
    indicator(
      localName,
      known > 0 ? totalLocal / known : null,
      'share',
      'no graduate hire with a known location',
    ),
  );
}

function innovationSources(
  dataset: Dataset,
  inSelection: Uint8Array,
  yearsGiven: boolean,
  tables: MeasureResult[],
  indicators: Indicator[],
): void {
  const survey = dataset.other.innovation_sources;
  const name = 'knowledge.universitiesSourceImportance';
  const fail = (reason: string) => {
    tables.push(notAvailable('knowledge.innovationSources', DESCRIPTIONS.innovationSources, reason));
    indicators.push(indicator(name, null, 'mean importance (1–5)', reason));
  };
  if (survey.rowCount === 0) {
    fail('no innovation-source survey in the data');
    return;
  }
  const index = dataset.organisations.index;
  const answers = new Map<string, number[]>();
  const orgCol = survey.columns.organisation ?? [];
  const sourceCol = survey.columns.source ?? [];
  const importanceCol = survey.columns.importance ?? [];
  for (let k = 0; k < survey.rowCount; k++) {
    const i = index.get(String(orgCol[k] ?? ''));
    const value = Number(importanceCol[k]);
    if (i === undefined || !inSelection[i] || importanceCol[k] === null || !Number.isFinite(value)) continue;
    const source = String(sourceCol[k]);
    let list = answers.get(source);
    if (!list) answers.set(source, (list = []));
    list.push(value);
  }
  if (answers.size === 0) {
    fail('no survey answers from organisations in the selection');
    return;
  }
  const order = (s: string) => {
    const k = (INNOVATION_SOURCES as readonly string[]).indexOf(s);
    return k < 0 ? INNOVATION_SOURCES.length : k;
  };
  const ranked = [...answers].map(([source, values]) => ({
    source,
    values,
    mean: mean(values),
    ci: tInterval95(values),
  }));
  ranked.sort(
    (a, b) => b.mean - a.mean || b.values.length - a.values.length || order(a.source) - order(b.source),
  );
  const rows: Cell[][] = ranked.map((r, k) => [
    k + 1,
    r.source,
    r.values.length,
    r.mean,
    r.ci ? r.ci.lower : null,
    r.ci ? r.ci.upper : null,
    r.ci ? null : 'fewer than 2 answers: no interval',
  ]);
  const notes = [
    'interval = mean ± t(0.975, n−1) × sd / √n (Student t); it may reach beyond the 1–5 scale for few answers',
  ];
  if (yearsGiven)
    notes.push('the survey is undated: years do not restrict it (respondents active in the years)');
  tables.push({
    measure: 'knowledge.innovationSources',
    description: DESCRIPTIONS.innovationSources,
    columns: ['rank', 'source', 'answers', 'meanImportance', 'lower95', 'upper95', 'note'],
    rows,
    notes,
  });
  const universities = answers.get('universities');
  indicators.push(
    indicator(
      name,
      universities ? mean(universities) : null,
      'mean importance (1–5)',
      'no survey answer rates universities',
    ),
  );
}
