/**
 * Survival of the evolution family's founding cohorts by origin (src/measures/evolution.ts says
 * which firms count and where the year axis ends): the origin of every firm from its spin-off
 * parent, and Kaplan–Meier estimates per origin, as a summary at fixed horizons and as full curves.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '../model/index.ts';
import { type Cell, type MeasureResult, notAvailable, type Selection } from './common.ts';
import { type Demography, type Prepared, prepare, undatedNote } from './demography.ts';
import { atRiskAt, type KaplanMeierCurve, kaplanMeier, medianSurvival, survivalAt } from './kaplan-meier.ts';

// ---------------------------------------------------------------------------------------------
// Origins

/** Origins of a firm, from the kind of its spin-off parent; `de-novo` when it is nobody's spin-off. */
export const ORIGINS = [
  'university-spinoff',
  'corporate-spinoff',
  'sme-spinoff',
  'research-spinoff',
  'other-spinoff',
  'de-novo',
] as const;
export type Origin = (typeof ORIGINS)[number];

const PARENT_ORIGIN: Partial<Record<OrganisationKind, Origin>> = {
  university: 'university-spinoff',
  'large-firm': 'corporate-spinoff',
  'mnc-subsidiary': 'corporate-spinoff',
  'mnc-rd-lab': 'corporate-spinoff',
  sme: 'sme-spinoff',
  firm: 'sme-spinoff',
  'research-institute': 'research-spinoff',
  'technology-centre': 'research-spinoff',
};

/**
 * Origin code (index into ORIGINS) of every organisation: the origin of its spin-off parent's kind
 * (parents of other kinds, or unknown parents, give `other-spinoff`), `de-novo` with no spin-off row.
 */
export function originCodes(dataset: Dataset): Uint8Array {
  const deNovo = ORIGINS.indexOf('de-novo');
  const other = ORIGINS.indexOf('other-spinoff');
  const byKind = new Uint8Array(256).fill(other);
  ORGANISATION_KINDS.forEach((kind, code) => {
    const origin = PARENT_ORIGIN[kind];
    if (origin) byKind[code] = ORIGINS.indexOf(origin);
  });
  const out = new Uint8Array(dataset.organisations.count).fill(deNovo);
  const { child, parent } = dataset.spinoffs;
  const kinds = dataset.organisations.kind;
  for (let r = 0; r < dataset.spinoffs.count; r++) {
    if (child[r] < 0) continue;
    out[child[r]] = parent[r] < 0 ? other : byKind[kinds[parent[r]]];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Survival by origin

export const SURVIVAL_HORIZONS = [1, 3, 5, 10] as const;

/** One Kaplan–Meier curve per origin and one for all firms (last), with the notes of the tables. */
export interface SurvivalData {
  groups: { origin: Origin | 'all'; curve: KaplanMeierCurve }[];
  end: number;
  notes: string[];
}

function survivalData(dataset: Dataset, d: Demography): SurvivalData {
  const { founded, closed } = dataset.organisations;
  const origin = originCodes(dataset);
  const time: number[][] = ORIGINS.map(() => []);
  const event: number[][] = ORIGINS.map(() => []);
  const allTime: number[] = [];
  const allEvent: number[] = [];
  let inconsistent = 0;
  for (let i = 0; i < d.scope.firms.length; i++) {
    if (!d.scope.firms[i]) continue;
    const f = founded[i];
    if (Number.isNaN(f) || f < d.first || f > d.last) continue;
    const c = closed[i];
    const exited = !Number.isNaN(c) && c <= d.last;
    const t = exited ? c - f : d.last - f;
    if (t < 0) {
      inconsistent++;
      continue;
    }
    time[origin[i]].push(t);
    event[origin[i]].push(exited ? 1 : 0);
    allTime.push(t);
    allEvent.push(exited ? 1 : 0);
  }
  const groups: SurvivalData['groups'] = ORIGINS.map((o, k) => ({
    origin: o,
    curve: kaplanMeier(time[k], event[k]),
  }));
  groups.push({ origin: 'all', curve: kaplanMeier(allTime, allEvent) });
  const notes = [
    `cohorts: firms founded ${d.first}–${d.last}; survival time = closed − founded for exits, else censored at ${d.last}`,
    ...undatedNote(d),
  ];
  if (inconsistent > 0) notes.push(`${inconsistent} firm(s) closed before they were founded are left out`);
  return { groups, end: d.last, notes };
}

const SURVIVAL_DESCRIPTION =
  'Kaplan–Meier survival of firms by origin: share still active 1, 3, 5 and 10 years after founding (0–1), the number still followed (at risk) then, and the median survival in years.';
const CURVES_DESCRIPTION =
  'Kaplan–Meier survival curves by origin: at each observed time (years since founding), firms at risk, exits, censorings and the survival estimate.';

/** The `evolution.survival` table, with the curves behind it (null when it is not available). */
export function survivalTable(
  dataset: Dataset,
  d: Prepared,
): { table: MeasureResult; data: SurvivalData | null } {
  if (typeof d === 'string')
    return { table: notAvailable('evolution.survival', SURVIVAL_DESCRIPTION, d), data: null };
  const data = survivalData(dataset, d);
  const all = data.groups[data.groups.length - 1];
  if (all.curve.observations === 0) {
    return {
      table: notAvailable(
        'evolution.survival',
        SURVIVAL_DESCRIPTION,
        `no firm of ${d.scope.label} was founded in ${d.first}–${d.last}`,
      ),
      data: null,
    };
  }
  const columns = ['origin', 'firms', 'exits', 'censored'];
  for (const h of SURVIVAL_HORIZONS) columns.push(`survival${h}y`, `atRisk${h}y`);
  columns.push('medianSurvival');
  const rows: Cell[][] = data.groups.map(({ origin, curve }) => {
    const exits = curve.events.reduce((a, b) => a + b, 0);
    const row: Cell[] = [origin, curve.observations, exits, curve.observations - exits];
    for (const h of SURVIVAL_HORIZONS) row.push(survivalAt(curve, h), atRiskAt(curve, h));
    row.push(medianSurvival(curve));
    return row;
  });
  return {
    table: {
      measure: 'evolution.survival',
      description: SURVIVAL_DESCRIPTION,
      columns,
      rows,
      notes: [
        ...data.notes,
        'survival is null where no firm of that origin was followed so long; medianSurvival is null when survival never falls to 0.5',
      ],
    },
    data,
  };
}

/** The `evolution.survivalCurves` table of the curves; `reason` when there are none. */
export function curvesTable(data: SurvivalData | null, reason: string): MeasureResult {
  if (data === null) return notAvailable('evolution.survivalCurves', CURVES_DESCRIPTION, reason);
  const rows: Cell[][] = [];
  for (const { origin, curve } of data.groups) {
    for (let i = 0; i < curve.times.length; i++) {
      rows.push([
        origin,
        curve.times[i],
        curve.atRisk[i],
        curve.events[i],
        curve.censored[i],
        curve.survival[i],
      ]);
    }
  }
  return {
    measure: 'evolution.survivalCurves',
    description: CURVES_DESCRIPTION,
    columns: ['origin', 'time', 'atRisk', 'exits', 'censored', 'survival'],
    rows,
    notes: data.notes,
  };
}

/**
 * Survival of founding cohorts by origin, Kaplan–Meier (product-limit) estimates. Origin comes from
 * the kind of the spin-off parent: university; corporate (large-firm, mnc-subsidiary, mnc-rd-lab);
 * SME (sme, firm); research (research-institute, technology-centre); other parents; de novo (no
 * spin-off row as child). Survival time T = closed − founded for firms that exit by the last year,
 * else censored at last year − founded. Cost O(n log n).
 * Example: research spin-offs founded 1992 (still active) and 1996 (closed 2009), end 2010 → times
 * 18 (censored) and 13 (exit): S(13) = 1 − 1/2 = 0.5, median survival 13 years.
 */
export function survivalByOrigin(dataset: Dataset, selection: Selection = {}): MeasureResult {
  return survivalTable(dataset, prepare(dataset, selection)).table;
}

/** The full Kaplan–Meier step curves behind `survivalByOrigin`, one row per origin and time. */
export function survivalCurves(dataset: Dataset, selection: Selection = {}): MeasureResult {
  const d = prepare(dataset, selection);
  const { table, data } = survivalTable(dataset, d);
  return curvesTable(data, 'notAvailable' in table ? table.notAvailable : '');
}
