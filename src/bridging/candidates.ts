/**
 * Which pairs of organisations a cluster manager could introduce: pairs with no tie yet at T, both
 * active by T, of the kinds asked for, placed as the scope says.
 *
 * - Pair types (kind groups): `firms:knowledge` (the default: any firm kind with a university,
 *   research institute or technology centre — the bridge the study asks for, par. 13 and 16),
 *   `firms:firms`, `any` (every pair of kinds).
 * - Scope: `inside` = both organisations in the region; `pipelines` = one inside, one outside (the
 *   "global pipelines" of the buzz-and-pipelines literature). Outside partners are countless, so a
 *   pipeline candidate must be a partner of a partner of the inside organisation at T: the
 *   introduction can go through someone both know.
 *
 * Candidates are grouped by their inside organisation (`left`), in ascending order, so that the
 * closure components can expand each left organisation's neighbourhood once.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { UsageError } from '../errors.ts';
import { FIRM_KINDS, ORGANISATION_KINDS, type OrganisationKind } from '../model/index.ts';
import { type Snapshot, tiedAt } from './snapshot.ts';

export const PAIR_TYPES = ['firms:knowledge', 'firms:firms', 'any'] as const;
export type PairType = (typeof PAIR_TYPES)[number];
export const SCOPES = ['inside', 'pipelines'] as const;
export type Scope = (typeof SCOPES)[number];

/** The knowledge side of `firms:knowledge` (the and the study's knowledge centres). */
export const KNOWLEDGE_KINDS: readonly OrganisationKind[] = [
  'university',
  'research-institute',
  'technology-centre',
];

/** Kind group of each kind code: 1 firm, 2 knowledge centre, 0 other (the unknown code too). */
export function kindGroups(): Uint8Array {
  const group = new Uint8Array(256);
  ORGANISATION_KINDS.forEach((k, i) => {
    if (FIRM_KINDS.includes(k)) group[i] = 1;
    else if (KNOWLEDGE_KINDS.includes(k)) group[i] = 2;
  });
  return group;
}
const GROUP = kindGroups();

/** Kind group of an organisation: 1 firm, 2 knowledge centre, 0 other. */
export function groupOf(dataset: Dataset, u: number): number {
  return GROUP[dataset.organisations.kind[u]];
}

/** True when the kinds of u and v make a pair of the type. */
export function pairTypeAllows(dataset: Dataset, type: PairType, u: number, v: number): boolean {
  if (type === 'any') return true;
  const a = groupOf(dataset, u);
  const b = groupOf(dataset, v);
  if (type === 'firms:firms') return a === 1 && b === 1;
  return (a === 1 && b === 2) || (a === 2 && b === 1);
}

export function parsePairType(text: string): PairType {
  const t = text.trim().toLowerCase();
  if (!(PAIR_TYPES as readonly string[]).includes(t))
    throw new UsageError('introduce', `--pairs must be one of ${PAIR_TYPES.join(', ')}, got '${text}'`);
  return t as PairType;
}

export function parseScope(text: string): Scope {
  const t = text.trim().toLowerCase();
  if (!(SCOPES as readonly string[]).includes(t))
    throw new UsageError('introduce', `--scope must be one of ${SCOPES.join(', ')}, got '${text}'`);
  return t as Scope;
}

/** Candidate pairs: left[i] (always inside the region) and right[i]; grouped by left, ascending. */
export interface Candidates {
  count: number;
  left: Int32Array;
  right: Int32Array;
}

/**
 * The candidate pairs of a region (`members`: 1 inside) at the snapshot's T. Inside scope: every
 * pair u < v of active members, untied at T, allowed by the pair type. Pipelines: every inside u and
 * outside v at distance exactly 2 in the network at T, allowed by the pair type. Cost: inside
 * O(r² log d) for r members; pipelines O(Σ_u Σ_{w∈N(u)} d_w).
 */
export function candidatePairs(
  dataset: Dataset,
  snapshot: Snapshot,
  members: Uint8Array,
  options: { pairs: PairType; scope: Scope },
): Candidates {
  const inside: number[] = [];
  for (let u = 0; u < snapshot.n; u++) if (members[u] && snapshot.active[u]) inside.push(u);
  const left: number[] = [];
  const right: number[] = [];
  if (options.scope === 'inside') {
    for (let i = 0; i < inside.length; i++) {
      const u = inside[i];
      for (let j = i + 1; j < inside.length; j++) {
        const v = inside[j];
        if (!pairTypeAllows(dataset, options.pairs, u, v) || tiedAt(snapshot, u, v)) continue;
        left.push(u);
        right.push(v);
      }
    }
  } else {
    // the kind group each inside organisation's partner must have (0 = any), so that a partner of a
    // partner of the wrong kind is skipped before anything else
    const kinds = dataset.organisations.kind;
    const wanted = (gu: number) =>
      options.pairs === 'any'
        ? -1
        : options.pairs === 'firms:firms'
          ? gu === 1
            ? 1
            : -2
          : gu === 1
            ? 2
            : gu === 2
              ? 1
              : -2;
    const { offsets, targets } = snapshot.network;
    const stamp = new Int32Array(snapshot.n).fill(-1);
    let found = new Int32Array(1024);
    for (const u of inside) {
      const need = wanted(GROUP[kinds[u]]);
      if (need === -2) continue;
      stamp[u] = u;
      for (let a = offsets[u]; a < offsets[u + 1]; a++) stamp[targets[a]] = u;
      let m = 0;
      for (let a = offsets[u]; a < offsets[u + 1]; a++) {
        const w = targets[a];
        for (let b = offsets[w]; b < offsets[w + 1]; b++) {
          const v = targets[b];
          if (stamp[v] === u) continue;
          stamp[v] = u;
          if (members[v] || (need >= 0 && GROUP[kinds[v]] !== need)) continue;
          if (m === found.length) {
            const grown = new Int32Array(2 * m);
            grown.set(found);
            found = grown;
          }
          found[m++] = v;
        }
      }
      const row = found.subarray(0, m).sort();
      for (let k = 0; k < m; k++) {
        left.push(u);
        right.push(row[k]);
      }
    }
  }
  return { count: left.length, left: Int32Array.from(left), right: Int32Array.from(right) };
}
