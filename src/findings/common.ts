/**
 * What every finding shares: the context it is checked in (a Dataset and a selection, through the
 * measures' own selection and scope helpers), the masks of the organisations a claim is about (local
 * firms, SMEs, knowledge centres), and the one decision rule that turns a test into a verdict.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { type CheckedSelection, checkSelection, type Selection } from '../measures/common.ts';
import { type SelectionScope, selectionScope } from '../measures/scope.ts';
import { activeInYears, kindMask, smeFlagMissing } from '../measures/selection.ts';
import type { FindingSpec, Verdict, VerdictRow } from '../model/findings.ts';
import { FIRM_KINDS, KNOWLEDGE_CENTRE_KINDS, ORGANISATION_KINDS } from '../model/index.ts';
import { proportionTest, wilson } from './stats.ts';

export type { FindingSpec, Verdict, VerdictRow };

/** The significance level of every test (one-sided where the claim has a direction). */
export const ALPHA = 0.05;

/** A Dataset and selection, prepared once for all findings of one region. */
export interface FindingContext {
  dataset: Dataset;
  selection: CheckedSelection;
  scope: SelectionScope;
  /** 1 for every selected organisation active in the selection's years. */
  local: Uint8Array;
  /** 1 for every firm (FIRM_KINDS). */
  firm: Uint8Array;
  /** 1 for every SME: kind `sme` or the SME flag; without any SME information, every kind `firm`. */
  sme: Uint8Array;
  /** Why SMEs stand in for firms of unknown size, or null when the data tell SMEs apart. */
  smeProxy: string | null;
  /**
   * 1 for every organisation the relational data cover: on project data (any participation), the
   * organisations with a participation or a stored tie, so that firms known only from another source
   * (an acquisition list) do not count as unlinked; without participations, everyone.
   */
  covered: Uint8Array;
  /** 1 for universities, research institutes, technology centres and science parks. */
  knowledgeCentre: Uint8Array;
  seed: number;
  /** "region X" or "the dataset", for notes. */
  where: string;
}

export function findingContext(dataset: Dataset, selection: Selection, seed: number): FindingContext {
  const sel = checkSelection(selection);
  const scope = selectionScope(dataset, sel);
  const o = dataset.organisations;
  const n = o.count;
  const firmKinds = kindMask(FIRM_KINDS);
  const centreKinds = kindMask(KNOWLEDGE_CENTRE_KINDS);
  const smeCode = ORGANISATION_KINDS.indexOf('sme');
  const firmCode = ORGANISATION_KINDS.indexOf('firm');
  const proxy = smeFlagMissing(dataset);
  const local = new Uint8Array(n);
  const firm = new Uint8Array(n);
  const sme = new Uint8Array(n);
  const knowledgeCentre = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    local[i] = scope.selected[i] && activeInYears(o.founded[i], o.closed[i], sel.years) ? 1 : 0;
    firm[i] = firmKinds[o.kind[i]];
    knowledgeCentre[i] = centreKinds[o.kind[i]];
    sme[i] =
      proxy === null ? (o.kind[i] === smeCode || o.sme[i] === 1 ? 1 : 0) : o.kind[i] === firmCode ? 1 : 0;
  }
  const covered = new Uint8Array(n);
  if (dataset.participations.count === 0) covered.fill(1);
  else {
    const pa = dataset.participations;
    for (let k = 0; k < pa.count; k++) if (pa.organisation[k] >= 0) covered[pa.organisation[k]] = 1;
    const t = dataset.ties;
    for (let k = 0; k < t.count; k++) {
      if (t.source[k] >= 0) covered[t.source[k]] = 1;
      if (t.target[k] >= 0) covered[t.target[k]] = 1;
    }
  }
  return {
    dataset,
    selection: sel,
    covered,
    scope,
    local,
    firm,
    sme,
    smeProxy:
      proxy === null ? null : 'the data carry no SME flag, so every firm of unknown size counts as an SME',
    knowledgeCentre,
    seed,
    where: sel.region === undefined ? 'the dataset' : `region ${sel.region}`,
  };
}

/** A finding of the catalogue: its documentation and its check. */
export interface Finding extends FindingSpec {
  /** Units below which the test cannot decide (the documented minimum). */
  minimum: number;
  check(ctx: FindingContext): Omit<VerdictRow, 'finding' | 'region'>;
}

/** A verdict row saying which table or column is missing. */
export function notTestable(effectName: string, missing: string): Omit<VerdictRow, 'finding' | 'region'> {
  return {
    verdict: 'not testable here',
    effect: null,
    effectName,
    low: null,
    high: null,
    level: null,
    pValue: null,
    n: 0,
    values: {},
    note: missing,
  };
}

export interface TestOutcome {
  effect: number | null;
  effectName: string;
  low: number | null;
  high: number | null;
  level: number | null;
  pValue: number | null;
  n: number;
  values: Record<string, number | string | null>;
  /** What the claim says: the effect is above (`greater`) or below (`less`) the threshold. */
  direction: 'greater' | 'less';
  threshold: number;
  /** Smallest effect of interest beyond the threshold: an interval that rules it out is "not supported". */
  smallest: number;
  minimum: number;
  unit: string;
  notes?: string[];
  /** When set, the data are too few for the test: inconclusive with this reason. */
  short?: string;
}

/**
 * The decision rule of every directional finding:
 * - fewer units than the documented minimum → inconclusive;
 * - p < α in the claimed direction → supported;
 * - the interval rules out the smallest effect of interest (for `greater`: high < threshold +
 *   smallest) → not supported;
 * - otherwise inconclusive, with an estimate of the units that would decide it (the interval's
 *   half-width shrinks as 1/√n: n × (half-width / distance to decide)²).
 */
export function decide(t: TestOutcome): Omit<VerdictRow, 'finding' | 'region'> {
  const base = {
    effect: t.effect,
    effectName: t.effectName,
    low: t.low,
    high: t.high,
    level: t.level,
    pValue: t.pValue,
    n: t.n,
    values: t.values,
  };
  const notes = t.notes ?? [];
  const say = (verdict: Verdict, why: string) => ({
    ...base,
    verdict,
    note: [why, ...notes].filter(Boolean).join(' '),
  });
  if (t.short !== undefined) return say('inconclusive', t.short);
  if (t.n < t.minimum || t.effect === null || !Number.isFinite(t.effect))
    return say(
      'inconclusive',
      `${t.n} ${t.unit}; the test needs at least ${t.minimum}, so about ${Math.max(1, t.minimum - t.n)} more would let it decide.`,
    );
  const sign = t.direction === 'greater' ? 1 : -1;
  if (t.pValue !== null && t.pValue < ALPHA) return say('supported', '');
  const far = t.direction === 'greater' ? t.high : t.low;
  if (far !== null && sign * (far - t.threshold) < t.smallest)
    return say(
      'not supported',
      `the interval rules out an effect of ${t.smallest} beyond ${t.threshold} in the claimed direction.`,
    );
  let needed: number | null = null;
  if (t.low !== null && t.high !== null) {
    const half = (t.high - t.low) / 2;
    const beyond = sign * (t.effect - t.threshold);
    // to support: the interval must clear the threshold; to reject: it must fall below threshold + smallest
    const distance = beyond > 0 ? beyond : t.smallest - beyond;
    if (distance > 0 && half > 0) needed = Math.ceil(t.n * (half / distance) ** 2);
  }
  return say(
    'inconclusive',
    needed === null
      ? 'the test could not decide on these data.'
      : `the interval is too wide to decide; about ${needed} ${t.unit} (now ${t.n}) would.`,
  );
}

/** Count of 1s in a mask. */
export function count(mask: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < mask.length; i++) s += mask[i];
  return s;
}

/** Column of a raw table (empty when absent). */
export function column(dataset: Dataset, table: keyof Dataset['other'], name: string) {
  return dataset.other[table].columns[name] ?? [];
}

/** Organisation number of an id in a raw table's cell, −1 when missing or unknown. */
export function orgOf(dataset: Dataset, value: unknown): number {
  if (value === null || value === undefined) return -1;
  return dataset.organisations.index.get(String(value)) ?? -1;
}

/** A boolean cell of a raw table: true, false, or null when missing. */
export function boolOf(value: unknown): boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value;
  const s = String(value).toLowerCase();
  return s === 'true' || s === '1' || s === 'yes';
}

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** On project data, which organisations a count covers. */
export function coverageNote(ctx: FindingContext): string[] {
  return ctx.dataset.participations.count > 0
    ? ['On project data only organisations with a participation or a stored tie are counted.']
    : [];
}

/**
 * The test of a share x/n against a threshold: the share, its Wilson 95 % interval and the
 * one-sided score test in the claimed direction (all null without units).
 */
export function shareOutcome(x: number, n: number, threshold: number, direction: 'greater' | 'less') {
  if (n === 0)
    return { effect: null, low: null, high: null, level: 0.95, pValue: null, n, threshold, direction };
  const w = wilson(x, n);
  return {
    effect: x / n,
    low: w.low,
    high: w.high,
    level: 0.95,
    pValue: proportionTest(x, n, threshold, direction),
    n,
    threshold,
    direction,
  };
}

/**
 * Mean of `values` in group 1 minus group 0 (`labels`), over the units `pick` (all when omitted);
 * NaN when a group is empty. For permutation tests (shuffled labels) and bootstraps (resampled units).
 */
export function groupDifference(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  pick?: ArrayLike<number>,
): number {
  let s1 = 0;
  let n1 = 0;
  let s0 = 0;
  let n0 = 0;
  const len = pick ? pick.length : values.length;
  for (let k = 0; k < len; k++) {
    const j = pick ? pick[k] : k;
    if (labels[j]) {
      s1 += values[j];
      n1++;
    } else {
      s0 += values[j];
      n0++;
    }
  }
  return n1 === 0 || n0 === 0 ? Number.NaN : s1 / n1 - s0 / n0;
}
