/** Modularity and Louvain community detection on an undirected weighted CSR graph. */

import type { Csr } from './csr.ts';
import { type Rng, shuffle } from './rng.ts';

/**
 * Newman–Girvan modularity of a partition, with a resolution parameter γ (Newman & Girvan, Phys.
 * Rev. E 69, 2004; Reichardt & Bornholdt, Phys. Rev. E 74, 2006):
 *
 *   Q = Σ_c [ L_c / m − γ (d_c / 2m)² ]
 *
 * where m is the total tie weight, L_c the weight of ties inside community c and d_c the sum of the
 * weighted degrees of its members — networkx.community.modularity(G, communities, weight='weight',
 * resolution=γ). Labels are any non-negative integers; a node's label is its community.
 *
 * Cost: O(n + m + max label). Returns NaN for a graph without ties (Q is 0/0 there; networkx raises).
 *
 * Example: two triangles {0,1,2} and {3,4,5} joined by the tie 2–3, unit weights, m = 7, partition
 * [0,0,0,1,1,1]: each side has L_c = 3 and d_c = 7, so Q = 2 × (3/7 − (7/14)²) = 6/7 − 1/2 = 5/14.
 */
export function modularity(csr: Csr, communities: Int32Array, resolution = 1): number {
  const { n, offsets, targets, weights } = csr;
  if (communities.length !== n) {
    throw new RangeError(`communities has length ${communities.length}, expected ${n}`);
  }
  let maxLabel = -1;
  for (let i = 0; i < n; i++) {
    const c = communities[i];
    if (c < 0) throw new RangeError(`node ${i} has a negative community label ${c}`);
    if (c > maxLabel) maxLabel = c;
  }
  const degree = new Float64Array(maxLabel + 1);
  const inside = new Float64Array(maxLabel + 1); // 2 L_c: each inside tie is met from both ends
  let twiceM = 0;
  for (let u = 0; u < n; u++) {
    const cu = communities[u];
    const end = offsets[u + 1];
    let du = 0;
    let iu = 0;
    for (let a = offsets[u]; a < end; a++) {
      const w = weights[a];
      du += w;
      if (communities[targets[a]] === cu) iu += w;
    }
    degree[cu] += du;
    inside[cu] += iu;
    twiceM += du;
  }
  if (twiceM === 0) return Number.NaN;
  let q = 0;
  for (let c = 0; c <= maxLabel; c++) {
    const share = degree[c] / twiceM;
    q += inside[c] / twiceM - resolution * share * share;
  }
  return q;
}

export interface LouvainOptions {
  /** Source of randomness for the node visiting order (e.g. mulberry32(seed)). */
  rng: Rng;
  /** Resolution γ of the modularity being maximised (default 1; larger γ → smaller communities). */
  resolution?: number;
}

export interface LouvainResult {
  /** Community of each node, 0 … count−1, numbered in order of each community's smallest node. */
  communities: Int32Array;
  /** Number of communities (isolated nodes are communities of their own). */
  count: number;
  /** Modularity of `communities` at the given resolution (NaN for a graph without ties). */
  modularity: number;
  /** Number of aggregation levels that changed the partition. */
  levels: number;
}

/** A level of the Louvain hierarchy: community graph with self-loops kept apart from the rows. */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Weight of the self-loop of each node (the inside weight of the community it stands for). */
  loop: Float64Array;
  /** Weighted degree k_i = 2·loop_i + Σ_j w_ij. */
  strength: Float64Array;
}

/**
 * Louvain modularity maximisation (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
 * communities in large networks", J. Stat. Mech. P10008, 2008), weighted, at resolution γ.
 *
 * Each level repeats sweeps over the nodes in a random order (drawn from `rng` once per level); a
 * node i is taken out of its community and put into the neighbouring community c (or back into its
 * own) that maximises the gain
 *
 *   ΔQ(i → c) = [ k_{i,c} − γ Σ_tot(c) k_i / 2m ] / m
 *
 * with k_{i,c} the weight from i to members of c and Σ_tot(c) the summed weighted degree of c; it
 * moves only for a strictly larger gain than staying (by more than 1e-13 in Q, so rounding cannot
 * make it cycle). Sweeps stop when no node moves. The communities then become the nodes of the next
 * level (ties between communities summed, inside weight kept as a self-loop) and the process repeats
 * until a level moves nothing. Every move increases Q, so the result is a local maximum; different
 * seeds can give different partitions.
 *
 * Cost: O(m) per sweep (one pass over the rows with a stamp array instead of hashing), a few sweeps
 * per level, O(log n) levels in practice; O(n + m) memory.
 *
 * Example: two triangles {0,1,2} and {3,4,5} joined by 2–3 → communities [0,0,0,1,1,1], count 2,
 * modularity 5/14 ≈ 0.357 (for any seed).
 */
export function louvain(csr: Csr, options: LouvainOptions): LouvainResult {
  const resolution = options.resolution ?? 1;
  if (!(resolution > 0) || !Number.isFinite(resolution)) {
    throw new RangeError(`resolution must be a positive number, got ${resolution}`);
  }
  const { rng } = options;
  const n0 = csr.n;
  const membership = new Int32Array(n0);
  for (let i = 0; i < n0; i++) membership[i] = i;

  const strength0 = new Float64Array(n0);
  let twiceM = 0;
  for (let u = 0; u < n0; u++) {
    let s = 0;
    for (let a = csr.offsets[u]; a < csr.offsets[u + 1]; a++) s += csr.weights[a];
    strength0[u] = s;
    twiceM += s;
  }
  let level: Level = {
    n: n0,
    offsets: csr.offsets,
    targets: csr.targets,
    weights: csr.weights,
    loop: new Float64Array(n0),
    strength: strength0,
  };

  let levels = 0;
  if (twiceM > 0) {
    // Scratch shared by all levels (each level has at most n0 nodes).
    const comm = new Int32Array(n0);
    const total = new Float64Array(n0);
    const toComm = new Float64Array(n0);
    const stamp = new Int32Array(n0).fill(-1);
    const seen = new Int32Array(n0);
    const order = new Int32Array(n0);
    const queued = new Uint8Array(n0);
    const eps = 1e-13 * (twiceM / 2);
    for (;;) {
      const moved = moveNodes(level, resolution, twiceM, rng, eps, {
        comm,
        total,
        toComm,
        stamp,
        seen,
        order,
        queued,
      });
      if (!moved) break;
      levels++;
      const { label, count } = renumber(comm, level.n);
      for (let i = 0; i < n0; i++) membership[i] = label[comm[membership[i]]];
      if (count === level.n) break;
      level = aggregate(level, comm, label, count);
    }
  }

  // Final labels in order of each community's smallest node.
  const relabel = new Int32Array(n0).fill(-1);
  const communities = new Int32Array(n0);
  let count = 0;
  for (let i = 0; i < n0; i++) {
    const c = membership[i];
    if (relabel[c] === -1) relabel[c] = count++;
    communities[i] = relabel[c];
  }
  return { communities, count, modularity: modularity(csr, communities, resolution), levels };
}

interface Scratch {
  comm: Int32Array;
  total: Float64Array;
  toComm: Float64Array;
  stamp: Int32Array;
  seen: Int32Array;
  order: Int32Array;
  queued: Uint8Array;
}

/**
 * Local moving phase of one level; fills scratch.comm. Returns whether any node changed community.
 * Nodes wait in a queue (first in a random order); a node that moves puts its neighbours outside its
 * new community back in the queue, and the phase ends when the queue is empty, i.e. when no node can
 * raise modularity by moving. This "fast local move" (Traag, Waltman & van Eck 2019) reaches the same
 * kind of local optimum as repeated full sweeps without revisiting nodes whose surroundings did not
 * change, which on graphs without community structure saves hundreds of sweeps.
 */
function moveNodes(
  level: Level,
  resolution: number,
  twiceM: number,
  rng: Rng,
  eps: number,
  s: Scratch,
): boolean {
  const { n, offsets, targets, weights, strength } = level;
  const { comm, total, toComm, stamp, seen, queued } = s;
  const queue = s.order.subarray(0, n);
  for (let i = 0; i < n; i++) {
    comm[i] = i;
    total[i] = strength[i];
    queue[i] = i;
    stamp[i] = -1;
    queued[i] = 1;
  }
  shuffle(queue, rng);
  const scale = resolution / twiceM;
  let anyMove = false;
  // Circular queue over `queue`: every node is in it at most once (queued[]), so n slots suffice.
  let head = 0;
  let size = n;
  let visits = 0;
  const maxVisits = 1000 * n;
  while (size > 0 && visits++ < maxVisits) {
    const i = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    size--;
    queued[i] = 0;
    const own = comm[i];
    const ki = strength[i];
    // Weights from i to each neighbouring community.
    let count = 0;
    stamp[own] = i;
    toComm[own] = 0;
    seen[count++] = own;
    const end = offsets[i + 1];
    for (let a = offsets[i]; a < end; a++) {
      const c = comm[targets[a]];
      if (stamp[c] !== i) {
        stamp[c] = i;
        toComm[c] = weights[a];
        seen[count++] = c;
      } else {
        toComm[c] += weights[a];
      }
    }
    total[own] -= ki;
    let best = own;
    let bestGain = toComm[own] - total[own] * ki * scale;
    for (let k = 1; k < count; k++) {
      const c = seen[k];
      const gain = toComm[c] - total[c] * ki * scale;
      if (gain > bestGain + eps) {
        bestGain = gain;
        best = c;
      }
    }
    total[best] += ki;
    // Reset stamps so node ids can be reused as stamps.
    for (let k = 0; k < count; k++) stamp[seen[k]] = -1;
    if (best === own) continue;
    comm[i] = best;
    anyMove = true;
    for (let a = offsets[i]; a < end; a++) {
      const j = targets[a];
      if (queued[j] === 0 && comm[j] !== best && j !== i) {
        queued[j] = 1;
        let tail = head + size;
        if (tail >= n) tail -= n;
        queue[tail] = j;
        size++;
      }
    }
  }
  return anyMove;
}

/** Dense labels 0 … count−1 for the community ids used in comm[0 … n). */
function renumber(comm: Int32Array, n: number): { label: Int32Array; count: number } {
  const label = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = comm[i];
    if (label[c] === -1) label[c] = count++;
  }
  return { label, count };
}

/** The community graph of a level: one node per community, ties summed, inside weight as a loop. */
function aggregate(level: Level, comm: Int32Array, label: Int32Array, count: number): Level {
  const { n, offsets, targets, weights, loop } = level;
  // Members of each new node.
  const memberOff = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) memberOff[label[comm[i]] + 1]++;
  for (let c = 0; c < count; c++) memberOff[c + 1] += memberOff[c];
  const cursor = memberOff.slice(0, count);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[cursor[label[comm[i]]]++] = i;

  const newOffsets = new Int32Array(count + 1);
  const newTargets = new Int32Array(targets.length);
  const newWeights = new Float64Array(targets.length);
  const newLoop = new Float64Array(count);
  const newStrength = new Float64Array(count);
  const stamp = new Int32Array(count).fill(-1);
  const slot = new Int32Array(count);
  let write = 0;
  for (let c = 0; c < count; c++) {
    const rowStart = write;
    let inside = 0;
    let self = 0;
    for (let k = memberOff[c]; k < memberOff[c + 1]; k++) {
      const i = members[k];
      self += loop[i];
      const end = offsets[i + 1];
      for (let a = offsets[i]; a < end; a++) {
        const d = label[comm[targets[a]]];
        const w = weights[a];
        if (d === c) {
          inside += w;
        } else if (stamp[d] !== c) {
          stamp[d] = c;
          slot[d] = write;
          newTargets[write] = d;
          newWeights[write++] = w;
        } else {
          newWeights[slot[d]] += w;
        }
      }
    }
    newLoop[c] = self + inside / 2;
    let s = 2 * newLoop[c];
    for (let a = rowStart; a < write; a++) s += newWeights[a];
    newStrength[c] = s;
    newOffsets[c + 1] = write;
  }
  return {
    n: count,
    offsets: newOffsets,
    targets: newTargets.subarray(0, write),
    weights: newWeights.subarray(0, write),
    loop: newLoop,
    strength: newStrength,
  };
}
