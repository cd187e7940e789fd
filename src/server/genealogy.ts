/**
 * Spin-off family trees for the dashboard: the genealogy forest (src/measures/genealogy.ts) cut to
 * the trees that hold at least one organisation of the region, each as a nested tree ready for
 * d3-hierarchy, with its descendants, generation depth and the kinds of its parents.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { genealogy } from '../measures/genealogy.ts';
import { regionMask } from '../measures/selection.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';

export interface TreeNode {
  id: string;
  name: string | null;
  kind: string;
  /** Year the organisation was spun off its parent (null for the root or when unknown). */
  year: number | null;
  local: boolean;
  /** All generations below this node. */
  descendants: number;
  children: TreeNode[];
}

export interface FamilyTree {
  root: TreeNode;
  /** Direct spin-offs of the root. */
  direct: number;
  /** All descendants of the root (direct and indirect). */
  descendants: number;
  /** Generations below the root. */
  depth: number;
  /** Organisations of the region in the tree. */
  local: number;
  /** Number of parents of each kind in the tree (a parent = a node with children). */
  parentKinds: Record<string, number>;
}

/**
 * The region's family trees, largest first (by descendants, then id). `years` keeps only spin-offs
 * of those years.
 */
export function familyTrees(dataset: Dataset, region: string, years?: [number, number]): FamilyTree[] {
  const s = dataset.spinoffs;
  const o = dataset.organisations;
  const n = o.count;
  const keep = new Uint8Array(s.count);
  const yearOf = new Float64Array(n).fill(Number.NaN);
  for (let k = 0; k < s.count; k++) {
    const y = s.year[k];
    keep[k] = years === undefined || (!Number.isNaN(y) && y >= years[0] && y <= years[1]) ? 1 : 0;
    if (keep[k] && s.child[k] >= 0) yearOf[s.child[k]] = y;
  }
  const g = genealogy(n, s.child, s.parent, keep);
  const members = regionMask(dataset, region);
  const trees: FamilyTree[] = [];
  for (const r of g.roots) {
    let local = 0;
    let depth = 0;
    const parentKinds: Record<string, number> = {};
    const build = (u: number): TreeNode => {
      if (members[u]) local++;
      if (g.depth[u] > depth) depth = g.depth[u];
      const children: TreeNode[] = [];
      if (g.childOffsets[u + 1] > g.childOffsets[u]) {
        const kind = ORGANISATION_KINDS[o.kind[u]] ?? 'other';
        parentKinds[kind] = (parentKinds[kind] ?? 0) + 1;
      }
      for (let k = g.childOffsets[u]; k < g.childOffsets[u + 1]; k++) children.push(build(g.children[k]));
      return {
        id: o.id[u],
        name: o.name[u],
        kind: ORGANISATION_KINDS[o.kind[u]] ?? 'other',
        year: Number.isNaN(yearOf[u]) || u === r ? null : yearOf[u],
        local: members[u] === 1,
        descendants: g.descendants[u],
        children,
      };
    };
    const root = build(r);
    if (local === 0) continue;
    trees.push({
      root,
      direct: root.children.length,
      descendants: g.descendants[r],
      depth,
      local,
      parentKinds,
    });
  }
  trees.sort((a, b) => b.descendants - a.descendants || (a.root.id < b.root.id ? -1 : 1));
  return trees;
}
