/**
 * Spin-off genealogies: the forest of which organisations were founded out of which, with each
 * organisation's generation, descendants and height. Shared by the spin-offs and knowledge families.
 */

/** A spin-off forest over organisations 0…n−1. */
export interface Genealogy {
  /** Parent of each organisation among the selected spin-offs, −1 when none. */
  parentOf: Int32Array;
  /** Children of organisation i: children[childOffsets[i] … childOffsets[i+1]). */
  childOffsets: Int32Array;
  children: Int32Array;
  /** Forest nodes reachable from a root, in breadth-first order (roots first). */
  order: Int32Array;
  /** Generation of each node below its root (root 0), −1 outside the forest or in a cycle. */
  depth: Int32Array;
  /** Number of descendants (all generations) of each node. */
  descendants: Int32Array;
  /** Longest chain of generations below each node (0 for a leaf). */
  height: Int32Array;
  /** Nodes with children and no parent. */
  roots: Int32Array;
  /** Spin-off edges in the forest (distinct children with a parent). */
  edges: number;
  /** Organisations in a lineage cycle or below one; ignored by every count. */
  cyclic: number;
}

/**
 * Builds the genealogy forest of spin-off edges child → parent (rows k with keep[k] = 1, or all):
 * one parent per child (a repeated child keeps its last row), children lists in CSR form, roots
 * (parents that are nobody's child), a breadth-first pass from the roots for generation depths, and
 * one reverse pass for descendant counts and heights:
 *   descendants(p) = Σ_{c child of p} (1 + descendants(c)),  height(p) = max_c (1 + height(c)).
 * Cycles (which the store rejects) cannot be reached from a root, so they are never walked; their
 * members are counted in `cyclic` and left out. Iterative, typed arrays, O(n + rows).
 * Example: a→b, a→c, b→d (parent→child): roots [a], descendants a 3, b 1; height a 2; depth d 2.
 */
export function genealogy(n: number, child: Int32Array, parent: Int32Array, keep?: Uint8Array): Genealogy {
  const parentOf = new Int32Array(n).fill(-1);
  for (let k = 0; k < child.length; k++) {
    if (keep && !keep[k]) continue;
    const c = child[k];
    const p = parent[k];
    if (c < 0 || p < 0 || c >= n || p >= n) continue;
    parentOf[c] = p;
  }
  const childOffsets = new Int32Array(n + 1);
  let edges = 0;
  for (let c = 0; c < n; c++) {
    if (parentOf[c] >= 0) {
      childOffsets[parentOf[c] + 1]++;
      edges++;
    }
  }
  for (let i = 0; i < n; i++) childOffsets[i + 1] += childOffsets[i];
  const children = new Int32Array(edges);
  const cursor = childOffsets.slice(0, n);
  for (let c = 0; c < n; c++) if (parentOf[c] >= 0) children[cursor[parentOf[c]]++] = c;

  let rootCount = 0;
  let forestNodes = 0;
  for (let i = 0; i < n; i++) {
    const hasChildren = childOffsets[i + 1] > childOffsets[i];
    if (hasChildren || parentOf[i] >= 0) forestNodes++;
    if (hasChildren && parentOf[i] < 0) rootCount++;
  }
  const roots = new Int32Array(rootCount);
  const order = new Int32Array(forestNodes);
  const depth = new Int32Array(n).fill(-1);
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (childOffsets[i + 1] > childOffsets[i] && parentOf[i] < 0) {
      roots[r++] = i;
      order[r - 1] = i;
      depth[i] = 0;
    }
  }
  // Breadth-first: `order` is its own queue. Every node is entered at most once (it has one parent
  // and is entered only from it), so the loop ends even on malformed input.
  let tail = rootCount;
  for (let head = 0; head < tail; head++) {
    const u = order[head];
    for (let k = childOffsets[u]; k < childOffsets[u + 1]; k++) {
      const c = children[k];
      if (depth[c] >= 0) continue;
      depth[c] = depth[u] + 1;
      order[tail++] = c;
    }
  }
  const descendants = new Int32Array(n);
  const height = new Int32Array(n);
  for (let k = tail - 1; k >= 0; k--) {
    const c = order[k];
    const p = parentOf[c];
    if (p < 0) continue;
    descendants[p] += 1 + descendants[c];
    if (height[c] + 1 > height[p]) height[p] = height[c] + 1;
  }
  return {
    parentOf,
    childOffsets,
    children,
    order: order.subarray(0, tail),
    depth,
    descendants,
    height,
    roots,
    edges,
    cyclic: forestNodes - tail,
  };
}
