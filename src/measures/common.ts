/**
 * What every measure shares: the selection options (`{ region, years, weighting, maxProjectSize }`),
 * checked here once, and the result shape (from src/model/results.ts: a plain table, or "not
 * available" with a reason — never NaN or a silent zero — and headline indicators that
 * `milieu compare` lays side by side). How a selection is applied to a Dataset (members, years,
 * projects, the network) is src/measures/selection.ts.
 */
import { UsageError } from '../errors.ts';

export * from '../model/results.ts';

/**
 * How a shared project weighs a co-participation tie: `count` (full counting: 1 per shared project,
 * the weight `dataset.coParticipation` holds) or `fractional` (each project of n participants adds
 * 1/(n − 1) to each of its pairs, so every participant spreads one unit of weight over its project
 * partners: Newman 2001, "Scientific collaboration networks. II", Phys. Rev. E 64, 016132).
 */
export type CoParticipationWeighting = 'count' | 'fractional';
export const CO_PARTICIPATION_WEIGHTINGS: readonly CoParticipationWeighting[] = ['count', 'fractional'];

/** Which part of a Dataset a measure looks at. Every family goes through the same selection. */
export interface Selection {
  /** Region id (from the regions table) or a NUTS code; organisations outside it are ignored. */
  region?: string;
  /** Inclusive year range for dated events (births, ties, projects, spin-offs, moves, acquisitions). */
  years?: [number, number];
  /** Weight of co-participation ties (default `count`). Stored ties keep their own weight. */
  weighting?: CoParticipationWeighting;
  /**
   * Projects with more participating organisations than this are left out of the co-participation
   * network (default: no cap). One 186-partner project otherwise ties 186 organisations to each
   * other and alone sets the largest k-core of most clusters.
   */
  maxProjectSize?: number;
}

export const SELECTION_DEFAULTS: Readonly<
  Required<Pick<Selection, 'years' | 'weighting' | 'maxProjectSize'>>
> = Object.freeze({
  years: [-9999, 9999] as [number, number],
  weighting: 'count' as const,
  maxProjectSize: Number.POSITIVE_INFINITY,
});

/** A selection with its defaults filled in and every value range-checked. */
export type CheckedSelection = Selection &
  Required<Pick<Selection, 'years' | 'weighting' | 'maxProjectSize'>>;

export function checkSelection(selection: Selection): CheckedSelection {
  const years = selection.years ?? SELECTION_DEFAULTS.years;
  if (!Number.isInteger(years[0]) || !Number.isInteger(years[1]) || years[0] > years[1]) {
    throw new UsageError(
      'measures',
      `invalid years: ${years.join('-')} (expected FIRST-LAST with FIRST ≤ LAST)`,
    );
  }
  const weighting = selection.weighting ?? SELECTION_DEFAULTS.weighting;
  if (!CO_PARTICIPATION_WEIGHTINGS.includes(weighting)) {
    throw new UsageError(
      'measures',
      `invalid weighting '${weighting}' (expected ${CO_PARTICIPATION_WEIGHTINGS.join(' or ')})`,
    );
  }
  const maxProjectSize = selection.maxProjectSize ?? SELECTION_DEFAULTS.maxProjectSize;
  if (
    maxProjectSize !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(maxProjectSize) && maxProjectSize >= 2)
  ) {
    throw new UsageError(
      'measures',
      `invalid maxProjectSize ${maxProjectSize} (expected a whole number ≥ 2: smaller projects tie nobody)`,
    );
  }
  return { ...selection, years, weighting, maxProjectSize };
}

/** Parses `1985-2000` (or a single year) into a year range. */
export function parseYears(text: string): [number, number] {
  const m = /^\s*(\d{3,4})\s*(?:[-–:]\s*(\d{3,4}))?\s*$/.exec(text);
  if (!m) throw new UsageError('measures', `invalid years '${text}' (expected e.g. 1985-2000)`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a > b) throw new UsageError('measures', `invalid years '${text}': first year after last`);
  return [a, b];
}

/** Parses a `--max-project-size` value: a whole number ≥ 2, or `none` for no cap. */
export function parseMaxProjectSize(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'none' || t === 'off') return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(t) || Number(t) < 2)
    throw new UsageError(
      'measures',
      `invalid --max-project-size '${text}' (expected a whole number ≥ 2, or 'none')`,
    );
  return Number(t);
}

/** Parses a `--weighting` value. */
export function parseWeighting(text: string): CoParticipationWeighting {
  const t = text.trim().toLowerCase();
  if (!CO_PARTICIPATION_WEIGHTINGS.includes(t as CoParticipationWeighting))
    throw new UsageError(
      'measures',
      `invalid --weighting '${text}' (expected ${CO_PARTICIPATION_WEIGHTINGS.join(' or ')})`,
    );
  return t as CoParticipationWeighting;
}

export function inYears(year: number, years: [number, number]): boolean {
  return !Number.isNaN(year) && year >= years[0] && year <= years[1];
}
