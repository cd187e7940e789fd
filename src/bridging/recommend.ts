/**
 * `recommendIntroductions(dataset, selection, options)`: which organisations of a region a cluster
 * manager should introduce to each other, and why. Candidates (candidates.ts) are scored by the
 * model (model.ts) over components (components.ts) computed from what the data tell at the end of
 * year `asOf` (snapshot.ts); the best `top` are returned with their components, each component's
 * contribution and an explanation (explanations.ts). docs/bridging.md describes the model and its
 * validation on what happened next.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { RegionDefinition } from '../dataset/regions.ts';
import { UsageError } from '../errors.ts';
import { kindName, regionMask } from '../measures/selection.ts';
import { type Candidates, candidatePairs, groupOf, type PairType, type Scope } from './candidates.ts';
import { COMPONENTS, type Component, type ComponentValues, computeComponents } from './components.ts';
import { explain, type PairFacts, pairFacts } from './explanations.ts';
import { contributions, type ModelName, scorePairs, type Weights, weightsOf } from './model.ts';
import { latestYear, type Snapshot, snapshotAt } from './snapshot.ts';

export interface IntroduceOptions {
  /** Kind groups of the pairs (default `firms:knowledge`). */
  pairs?: PairType;
  /** Both inside the region (default) or one inside and one outside (`pipelines`). */
  scope?: Scope;
  /** Use only information up to the end of this year (default: the latest start year in the data). */
  asOf?: number;
  /** Number of recommendations returned (default 20). */
  top?: number;
  /** Projects with more organisations are left out of the network (default 30, as in compare). */
  maxProjectSize?: number;
  /** The weights (default `fitted`). */
  model?: ModelName | Weights;
}

export interface IntroduceSelection {
  region: string | RegionDefinition;
}

export interface PairSide {
  id: string;
  name: string | null;
  kind: string;
  inside: boolean;
}

export interface Recommendation {
  rank: number;
  a: PairSide;
  b: PairSide;
  score: number;
  /** Component values (null when not known, e.g. a sector without NACE codes). */
  components: Record<Component, number | null>;
  /** β_j x_j of each component. */
  contributions: Record<Component, number>;
  facts: PairFacts;
  explanation: string;
}

export interface Introductions {
  region: string;
  asOf: number;
  pairs: PairType;
  scope: Scope;
  model: ModelName | 'custom';
  /** The project-size cap ('none' without one, so that JSON can hold it). */
  maxProjectSize: number | 'none';
  /** Candidate pairs scored (untied at T, active, of the pair type and scope). */
  candidates: number;
  recommendations: Recommendation[];
  notes: string[];
}

/** A scored candidate set, for callers that rank every pair (the evaluation). */
export interface ScoredCandidates {
  candidates: Candidates;
  components: ComponentValues;
  scores: Float64Array;
}

const SNAPSHOTS = new WeakMap<Dataset, Map<string, Snapshot>>();

/** The snapshot at (asOf, cap), kept with the (read-only) Dataset for the next region. */
export function cachedSnapshot(dataset: Dataset, asOf: number, maxProjectSize: number): Snapshot {
  let byKey = SNAPSHOTS.get(dataset);
  if (!byKey) SNAPSHOTS.set(dataset, (byKey = new Map()));
  const key = `${asOf}|${maxProjectSize}`;
  let s = byKey.get(key);
  if (!s) {
    if (byKey.size >= 2) byKey.delete(byKey.keys().next().value as string);
    byKey.set(key, (s = snapshotAt(dataset, asOf, maxProjectSize)));
  }
  return s;
}

/** Candidates, components and scores of a region at the snapshot's T. */
export function scoreCandidates(
  dataset: Dataset,
  snapshot: Snapshot,
  members: Uint8Array,
  options: { pairs: PairType; scope: Scope; weights: Weights },
): ScoredCandidates {
  const candidates = candidatePairs(dataset, snapshot, members, options);
  const components = computeComponents(dataset, snapshot, members, candidates);
  return { candidates, components, scores: scorePairs(components, options.weights) };
}

/** Candidate indices by score, highest first; equal scores in candidate order (deterministic). */
export function rankByScore(scores: Float64Array): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((i, j) => scores[j] - scores[i] || i - j);
}

export function recommendIntroductions(
  dataset: Dataset,
  selection: IntroduceSelection,
  options: IntroduceOptions = {},
): Introductions {
  const pairs = options.pairs ?? 'firms:knowledge';
  const scope = options.scope ?? 'inside';
  const top = options.top ?? 20;
  const maxProjectSize = options.maxProjectSize ?? 30;
  if (!Number.isInteger(top) || top < 0)
    throw new UsageError('introduce', `top must be a whole number ≥ 0, got ${top}`);
  const asOf = options.asOf ?? latestYear(dataset);
  if (!Number.isInteger(asOf))
    throw new UsageError('introduce', 'the data have no dated project or tie: give an as-of year');
  const model = options.model ?? 'fitted';
  const weights = weightsOf(model);
  const members = regionMask(dataset, selection.region);
  const regionId = typeof selection.region === 'string' ? selection.region : selection.region.id;
  const snapshot = cachedSnapshot(dataset, asOf, maxProjectSize);
  const scored = scoreCandidates(dataset, snapshot, members, { pairs, scope, weights });
  const { candidates, components, scores } = scored;
  const order = rankByScore(scores);
  const o = dataset.organisations;
  const side = (u: number): PairSide => ({
    id: o.id[u],
    name: o.name[u],
    kind: kindName(o.kind[u]),
    inside: members[u] === 1,
  });
  const recommendations: Recommendation[] = [];
  for (let r = 0; r < Math.min(top, order.length); r++) {
    const i = order[r];
    let a = candidates.left[i];
    let b = candidates.right[i];
    // a firm–knowledge pair reads firm first
    if (groupOf(dataset, a) === 2 && groupOf(dataset, b) === 1) [a, b] = [b, a];
    const facts = pairFacts(dataset, snapshot, members, a, b);
    recommendations.push({
      rank: r + 1,
      a: side(a),
      b: side(b),
      score: scores[i],
      components: Object.fromEntries(
        COMPONENTS.map((c) => [c, Number.isNaN(components[c][i]) ? null : components[c][i]]),
      ) as Record<Component, number | null>,
      contributions: contributions(components, weights, i),
      facts,
      explanation: explain(dataset, snapshot, facts, a, b),
    });
  }
  const notes: string[] = [];
  let unknownSector = 0;
  let unknownNuts = 0;
  for (let i = 0; i < candidates.count; i++) {
    if (Number.isNaN(components.sector[i])) unknownSector++;
    if (Number.isNaN(components.sameNuts3[i])) unknownNuts++;
  }
  if (candidates.count > 0 && unknownSector === candidates.count)
    notes.push(
      'sector proximity not available: no candidate pair has NACE sectors on both sides (counted as 0)',
    );
  if (unknownNuts > 0)
    notes.push(
      `NUTS-3 unknown for one side of ${unknownNuts} of ${candidates.count} candidate pairs (counted as not the same; milieu resolve places organisations by city)`,
    );
  if (scope === 'pipelines')
    notes.push(
      'pipeline candidates are outside organisations that are partners of partners of the inside one at T',
    );
  return {
    region: regionId,
    asOf,
    pairs,
    scope,
    model: typeof model === 'string' ? model : 'custom',
    maxProjectSize: Number.isFinite(maxProjectSize) ? maxProjectSize : 'none',
    candidates: candidates.count,
    recommendations,
    notes,
  };
}
