/** Connected components of an undirected CSR graph. */

import type { Topology } from './csr.ts';

/** Connected components: a label per node, the size per label, and the largest size. */
export interface Components {
  /** Number of components (isolated nodes count, one each). */
  count: number;
  /** Component label of each node, 0 … count-1, numbered by the smallest node in the component. */
  labels: Int32Array;
  /** Number of nodes carrying each label, length count. */
  sizes: Int32Array;
  /** Size of the largest component (0 for the empty graph). */
  largest: number;
}

/**
 * Connected components by breadth-first search (Newman, "Networks", 2nd ed., 2018, chapter on
 * fundamental network algorithms; networkx.connected_components). Nodes i and j share a label iff
 * a path joins them; an isolated node is a component of size 1. Scanning start nodes 0, 1, … n-1
 * and opening a new label at each node not yet reached numbers components in order of their
 * smallest node, so label 0 contains node 0.
 *
 * Cost: O(n + m) time, one Int32Array queue of length n.
 *
 * Example: n = 5, ties {0,3} {3,4} → labels [0,1,2,0,0], sizes [3,1,1], count 3, largest 3.
 */
export function connectedComponents(csr: Topology): Components {
  const { n, offsets, targets } = csr;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizeBuf = new Int32Array(n);
  let count = 0;
  let largest = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    const label = count++;
    labels[s] = label;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = queue[head++];
      const end = offsets[u + 1];
      for (let a = offsets[u]; a < end; a++) {
        const v = targets[a];
        if (labels[v] === -1) {
          labels[v] = label;
          queue[tail++] = v;
        }
      }
    }
    sizeBuf[label] = tail;
    if (tail > largest) largest = tail;
  }
  return { count, labels, sizes: sizeBuf.slice(0, count), largest };
}
