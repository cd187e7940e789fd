/**
 * Ties and their geography: how many of a cluster's ties stay inside the region (local) and how many
 * reach the rest of the country (national), the rest of Europe (international) or the world
 * (global); vertical (customer/supplier) against horizontal ties; the E-I index of the region; and
 * the "local buzz and global pipelines" profile of its firms (Bathelt, Malmberg & Maskell 2004).
 *
 * The geography shared with other families (which organisations a selection covers, when two are
 * local to each other) is src/measures/scope.ts; the dated tie list is src/measures/tie-list.ts.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UNKNOWN_CODE } from '../dataset/dataset.ts';
import { FIRM_KINDS, ORGANISATION_KINDS, TIE_KINDS, TIE_SCOPES, VERTICAL_TIE_KINDS } from '../model/index.ts';
import {
  checkSelection,
  type FamilyReport,
  type Indicator,
  indicator,
  type MeasureResult,
  type MeasureTable,
  notAvailable,
  type Selection,
} from './common.ts';
import { spearman } from './correlation.ts';
import { SCOPE_UNKNOWN, scopeCode, selectionName, selectionScope } from './scope.ts';
import { kindMask, networkNote } from './selection.ts';
import { collectTies, verticalRecorded } from './tie-list.ts';

export * from './scope.ts';
export * from './tie-list.ts';

// ---------------------------------------------------------------------------------------------
// The ties family

const PROFILES = ['buzz-and-pipelines', 'buzz-only', 'pipelines-only', 'neither'] as const;

/**
 * Ties and their geography.
 *
 * Ties: the stored ties (one per row, with its kind) that overlap `selection.years` (an unknown
 * start or end leaves that side open) plus the co-participation ties of projects overlapping the
 * range (one per pair; kind `co-participation`, horizontal). Only ties with at least one end in the
 * selection count. The scope of a tie is tieScope's: local (both ends in the region), national
 * (same country), international (both in Europe), global; unknown when a country is missing. With
 * no region, each organisation's own NUTS-3 area (else its locality) is its region, so a tie is
 * local when both ends share it (see SelectionScope).
 *
 * - shares: scope count / ties of known scope; verticalShare = customer + supplier ties / all ties,
 *   not available when the Dataset records no customer or supplier tie at all (co-participation
 *   data such as CORDIS cannot show vertical ties, so 0 would be a false zero).
 * - E-I index (Krackhardt & Stern 1988) = (E − I) / (E + I), I = local ties, E = ties known not to
 *   be local (with a region: exactly one end inside). −1: all ties inside; +1: all reach out.
 * - per firm (FIRM_KINDS in the selection): local ties ("buzz") and non-local ties ("pipelines",
 *   Bathelt, Malmberg & Maskell 2004), a 2×2 classification, the share of firms with both, and
 *   Spearman's ρ between local and non-local tie counts across the firms with at least one tie of
 *   known locality (NotAvailable below 5 such firms or without variation).
 *
 * Cost: O(n + m + f log f) for n organisations, m ties and f firms (Spearman sorts), plus the
 * dating of co-participation ties (see collectTies).
 *
 * Example: region {a, b}, outside c (same country) and d (US, a non-European country): ties a–b
 * supplier, a–c collaboration, b–d licensing → local 1, national 1, global 1; localShare 1/3,
 * verticalShare 1/3, E-I = (2 − 1)/3 = 0.3333; a and b each have buzz and pipelines (share 1).
 */
export function ties(dataset: Dataset, selection: Selection = {}): FamilyReport {
  const sel = checkSelection(selection);
  const scope = selectionScope(dataset, sel);
  const where = selectionName(scope);
  const D = {
    byOrganisation: 'Ties of each selected organisation by scope and direction (counts of ties).',
    scope:
      'Ties with at least one end in the selection by scope: count, share of ties of known scope, vertical and horizontal counts.',
    kind: 'Ties with at least one end in the selection by kind: count, local and non-local counts.',
    ei: 'E-I index of the selection (Krackhardt & Stern 1988): (external − internal) / (external + internal) ties.',
    buzz: 'Firms by local ties ("buzz") and non-local ties ("pipelines") (Bathelt, Malmberg & Maskell 2004): firms per cell and share of firms.',
    rho: "Spearman's rank correlation between local and non-local tie counts across firms with ties.",
  };
  const names = {
    byOrganisation: 'ties.byOrganisation',
    scope: 'ties.scope',
    kind: 'ties.kind',
    ei: 'ties.eiIndex',
    buzz: 'ties.buzzPipelines',
    rho: 'ties.localExternalCorrelation',
  };
  const INDICATORS = [
    'ties.count',
    'ties.localShare',
    'ties.nationalShare',
    'ties.internationalShare',
    'ties.globalShare',
    'ties.verticalShare',
    'ties.eiIndex',
    'ties.firmsWithLocalAndExternalShare',
    'ties.localExternalSpearman',
  ];
  const allMissing = (reason: string): FamilyReport => ({
    family: 'ties',
    tables: (Object.keys(names) as (keyof typeof names)[]).map((k) => notAvailable(names[k], D[k], reason)),
    indicators: INDICATORS.map((name) => indicator(name, null, undefined, reason)),
  });
  if (scope.selectedCount === 0) return allMissing(`${where} has no organisations`);

  const list = collectTies(dataset, sel);
  const o = dataset.organisations;
  const n = o.count;
  const vertical = new Uint8Array(TIE_KINDS.length + 1);
  TIE_KINDS.forEach((k, i) => {
    if (VERTICAL_TIE_KINDS.includes(k)) vertical[i] = 1;
  });

  // Per organisation: [total, local, national, international, global, unknown, external, vertical]
  const F = 8;
  const per = new Int32Array(n * F);
  const byScope = new Float64Array(SCOPE_UNKNOWN + 1);
  const byScopeVertical = new Float64Array(SCOPE_UNKNOWN + 1);
  const byKind = new Float64Array((TIE_KINDS.length + 1) * 3); // total, local, external
  let total = 0;
  let internal = 0;
  let external = 0;
  let verticalCount = 0;
  for (let t = 0; t < list.count; t++) {
    const u = list.source[t];
    const v = list.target[t];
    if (!scope.selected[u] && !scope.selected[v]) continue;
    const sc = scopeCode(scope, u, v);
    // external: known not to be local (with a region, one end outside even when the country is unknown)
    const ext = scope.members !== null ? sc !== 0 : sc !== 0 && sc !== SCOPE_UNKNOWN;
    const kc = list.kind[t] === UNKNOWN_CODE ? TIE_KINDS.length : list.kind[t];
    const vert = kc < TIE_KINDS.length && vertical[kc] === 1;
    total++;
    byScope[sc]++;
    if (vert) {
      verticalCount++;
      byScopeVertical[sc]++;
    }
    if (sc === 0) internal++;
    if (ext) external++;
    byKind[kc * 3]++;
    if (sc === 0) byKind[kc * 3 + 1]++;
    if (ext) byKind[kc * 3 + 2]++;
    for (let end = 0; end < 2; end++) {
      const w = end === 0 ? u : v;
      if (!scope.selected[w]) continue;
      const b = w * F;
      per[b]++;
      per[b + 1 + sc]++;
      if (ext) per[b + 6]++;
      if (vert) per[b + 7]++;
    }
  }
  if (total === 0)
    return allMissing(
      `no ties with an end in ${where}${selection.years ? ` in ${sel.years.join('–')}` : ''}`,
    );

  const tables: MeasureResult[] = [];
  const profileOf = (b: number) => {
    const buzz = per[b + 1] > 0;
    const pipes = per[b + 6] > 0;
    return buzz ? (pipes ? 0 : 1) : pipes ? 2 : 3;
  };

  // per organisation
  const rows: MeasureTable['rows'] = [];
  for (let i = 0; i < n; i++) {
    if (!scope.selected[i]) continue;
    const b = i * F;
    rows.push([
      o.id[i],
      o.name[i],
      o.kind[i] === UNKNOWN_CODE ? null : ORGANISATION_KINDS[o.kind[i]],
      per[b],
      per[b + 1],
      per[b + 2],
      per[b + 3],
      per[b + 4],
      per[b + 5],
      per[b + 6],
      per[b + 7],
      per[b] - per[b + 7],
      PROFILES[profileOf(b)],
    ]);
  }
  tables.push({
    measure: names.byOrganisation,
    description: D.byOrganisation,
    columns: [
      'organisation',
      'name',
      'kind',
      'ties',
      'local',
      'national',
      'international',
      'global',
      'unknownScope',
      'nonLocal',
      'vertical',
      'horizontal',
      'profile',
    ],
    rows,
    notes: [
      scope.members === null
        ? 'No region selected: each organisation’s own NUTS-3 area (else locality) counts as its region.'
        : 'nonLocal: ties with the other end outside the region (scope national, international, global or unknown).',
    ],
  });

  // Vertical ties can only be told where the data record customer/supplier ties at all: CORDIS
  // participations, for one, give only co-participation, so 0 vertical would be a false zero.
  const noVertical = verticalRecorded(dataset)
    ? null
    : 'the data record no customer or supplier ties (only co-participation and other horizontal kinds): vertical ties cannot be told from their absence';

  // by scope
  const known = total - byScope[SCOPE_UNKNOWN];
  const shareOf = (sc: number) => (known > 0 ? byScope[sc] / known : null);
  tables.push({
    measure: names.scope,
    description: D.scope,
    columns: ['scope', 'ties', 'share', 'vertical', 'horizontal'],
    rows: [...TIE_SCOPES, 'unknown'].map((label, sc) => [
      label,
      byScope[sc],
      sc === SCOPE_UNKNOWN ? null : shareOf(sc),
      noVertical ? null : byScopeVertical[sc],
      noVertical ? null : byScope[sc] - byScopeVertical[sc],
    ]),
    notes: [
      'share: of the ties whose scope is known (both countries known, or both ends in the region).',
      ...(noVertical ? [`vertical, horizontal: not available — ${noVertical}`] : []),
      networkNote(sel),
    ],
  });

  // by kind
  const kindRows: MeasureTable['rows'] = [];
  for (let kc = 0; kc <= TIE_KINDS.length; kc++) {
    if (byKind[kc * 3] === 0 && kc === TIE_KINDS.length) continue;
    kindRows.push([
      kc === TIE_KINDS.length ? 'unknown' : TIE_KINDS[kc],
      kc < TIE_KINDS.length && vertical[kc] ? 'vertical' : 'horizontal',
      byKind[kc * 3],
      byKind[kc * 3 + 1],
      byKind[kc * 3 + 2],
    ]);
  }
  tables.push({
    measure: names.kind,
    description: D.kind,
    columns: ['kind', 'direction', 'ties', 'local', 'nonLocal'],
    rows: kindRows,
  });

  // E-I index
  const ei = internal + external > 0 ? (external - internal) / (internal + external) : null;
  tables.push(
    ei === null
      ? notAvailable(names.ei, D.ei, `no tie of ${where} has a known locality`)
      : {
          measure: names.ei,
          description: D.ei,
          columns: ['internal', 'external', 'eiIndex'],
          rows: [[internal, external, ei]],
        },
  );

  // firms: buzz and pipelines, Spearman
  const firm = kindMask(FIRM_KINDS);
  const cells = new Float64Array(4);
  let firms = 0;
  const localCounts: number[] = [];
  const externalCounts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!scope.selected[i] || !firm[o.kind[i]]) continue;
    const b = i * F;
    firms++;
    cells[profileOf(b)]++;
    if (per[b + 1] + per[b + 6] > 0) {
      localCounts.push(per[b + 1]);
      externalCounts.push(per[b + 6]);
    }
  }
  let bothShare: number | null = null;
  if (firms === 0) {
    tables.push(notAvailable(names.buzz, D.buzz, `${where} has no firms`));
  } else {
    bothShare = cells[0] / firms;
    tables.push({
      measure: names.buzz,
      description: D.buzz,
      columns: ['profile', 'localTies', 'nonLocalTies', 'firms', 'share'],
      rows: PROFILES.map((p, c) => [p, c < 2, c === 0 || c === 2, cells[c], cells[c] / firms]),
    });
  }
  let rho: number | null = null;
  let rhoReason = '';
  if (localCounts.length < 5) {
    rhoReason = `only ${localCounts.length} firm(s) of ${where} have ties of known locality (at least 5 needed)`;
  } else {
    const r = spearman(localCounts, externalCounts);
    if (Number.isNaN(r)) rhoReason = 'no variation in local or in non-local tie counts across firms';
    else rho = r;
  }
  tables.push(
    rho === null
      ? notAvailable(names.rho, D.rho, rhoReason)
      : {
          measure: names.rho,
          description: D.rho,
          columns: ['firms', 'spearman'],
          rows: [[localCounts.length, rho]],
        },
  );

  const knownReason = `no tie of ${where} has a known scope`;
  const indicators: Indicator[] = [
    indicator('ties.count', total, 'ties'),
    indicator('ties.localShare', shareOf(0), 'share', knownReason),
    indicator('ties.nationalShare', shareOf(1), 'share', knownReason),
    indicator('ties.internationalShare', shareOf(2), 'share', knownReason),
    indicator('ties.globalShare', shareOf(3), 'share', knownReason),
    indicator(
      'ties.verticalShare',
      noVertical ? null : verticalCount / total,
      'share',
      noVertical ?? undefined,
    ),
    indicator('ties.eiIndex', ei, 'index', `no tie of ${where} has a known locality`),
    indicator('ties.firmsWithLocalAndExternalShare', bothShare, 'share', `${where} has no firms`),
    indicator('ties.localExternalSpearman', rho, 'rho', rhoReason),
  ];
  return { family: 'ties', tables, indicators };
}
