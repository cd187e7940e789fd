/** Seeded random inputs for the graph kernel tests. */

import { mulberry32 } from '../../src/graph/rng.ts';

/** The generator the tests draw from: the library's one RNG module. */
export { mulberry32 };

/** Integer in [0, k). */
export function randomInt(rnd: () => number, k: number): number {
  return Math.floor(rnd() * k);
}

export interface EdgeList {
  n: number;
  sources: Int32Array;
  targets: Int32Array;
}

function fromPairs(n: number, pairs: number[]): EdgeList {
  const m = pairs.length / 2;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    sources[k] = pairs[2 * k];
    targets[k] = pairs[2 * k + 1];
  }
  return { n, sources, targets };
}

/** Erdős–Rényi G(n, p): each unordered pair independently with probability p, random orientation. */
export function gnp(n: number, p: number, seed: number): EdgeList {
  const rnd = mulberry32(seed);
  const pairs: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (rnd() < p) {
        if (rnd() < 0.5) pairs.push(u, v);
        else pairs.push(v, u);
      }
    }
  }
  return fromPairs(n, pairs);
}

/**
 * Chung–Lu-style multigraph with power-law weights w_i ∝ (i+1)^(-alpha): `count` draws of two
 * weighted endpoints, so hubs, repeated pairs and self-loops all occur.
 */
export function powerLaw(n: number, count: number, alpha: number, seed: number): EdgeList {
  const rnd = mulberry32(seed);
  const cum = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += (i + 1) ** -alpha;
    cum[i] = s;
  }
  const pickNode = (): number => {
    const x = rnd() * s;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const pairs: number[] = [];
  for (let k = 0; k < count; k++) pairs.push(pickNode(), pickNode());
  return fromPairs(n, pairs);
}

/**
 * Several small dense blocks plus a sprinkling of random pairs, leaving the last `isolates` node
 * ids without ties; includes duplicates in both orientations and self-loops.
 */
export function blocksWithIsolates(n: number, isolates: number, seed: number): EdgeList {
  const rnd = mulberry32(seed);
  const live = n - isolates;
  const pairs: number[] = [];
  for (let start = 0; start < live; start += 12) {
    const end = Math.min(live, start + 3 + randomInt(rnd, 10));
    for (let u = start; u < end; u++) {
      for (let v = u + 1; v < end; v++) if (rnd() < 0.6) pairs.push(u, v);
    }
  }
  for (let k = 0; k < live / 4; k++) pairs.push(randomInt(rnd, live), randomInt(rnd, live));
  for (let k = 0; k < 20; k++) {
    const u = randomInt(rnd, live);
    pairs.push(u, u);
  }
  const copies = pairs.length / 2;
  for (let k = 0; k < copies / 5; k++) {
    const e = randomInt(rnd, copies);
    pairs.push(pairs[2 * e + 1], pairs[2 * e]);
  }
  return fromPairs(n, pairs);
}

/** Random participations: project sizes 1 … maxSize, members uniform, some pairs repeated. */
export function randomParticipations(
  nOrgs: number,
  nProjects: number,
  maxSize: number,
  seed: number,
): { org: Int32Array; project: Int32Array } {
  const rnd = mulberry32(seed);
  const org: number[] = [];
  const project: number[] = [];
  for (let p = 0; p < nProjects; p++) {
    const size = 1 + randomInt(rnd, maxSize);
    for (let j = 0; j < size; j++) {
      org.push(randomInt(rnd, nOrgs));
      project.push(p);
    }
  }
  // Shuffle so the input is not grouped by project.
  for (let i = org.length - 1; i > 0; i--) {
    const j = randomInt(rnd, i + 1);
    [org[i], org[j]] = [org[j], org[i]];
    [project[i], project[j]] = [project[j], project[i]];
  }
  return { org: Int32Array.from(org), project: Int32Array.from(project) };
}
