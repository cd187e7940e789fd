/**
 * Validation on what happened next (Liben-Nowell & Kleinberg, "The link-prediction problem for
 * social networks", JASIST 58(7), 2007): the network is cut at the end of year T, candidate pairs
 * (untied at T) are scored with information up to T only, and the scores are judged against the
 * pairs that first co-participate in a project starting after T.
 *
 * - precision@k = (new ties among the k best-scored candidates) / k
 * - recall@k = (new ties among the k best) / (new ties among all candidates)
 * - ROC AUC = P(score of a new tie > score of a non-tie), ties counted ½ (the Mann–Whitney
 *   statistic), over every new tie and a seeded uniform sample of non-tie candidates.
 * Equal scores are ordered by one seeded random permutation shared by every method compared, so
 * that a score with many ties (common neighbours, 0 for most pairs) is neither helped nor hurt by
 * the candidates' order.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { Csr } from '../graph/csr.ts';
import { buildUndirectedCsr } from '../graph/csr.ts';
import { mulberry32, sampleWithoutReplacement, shuffle } from '../graph/rng.ts';
import { projectMembers, yearOf } from '../measures/selection.ts';
import type { Candidates } from './candidates.ts';

/**
 * The pairs co-participating in a project that starts in (after, until] with at most
 * maxProjectSize organisations, as an unweighted CSR. Cost O(L + Σ_p s_p²).
 */
export function tiesStartingAfter(dataset: Dataset, after: number, until: number, maxProjectSize = 30): Csr {
  const { offsets, orgs } = projectMembers(dataset);
  const s: number[] = [];
  const d: number[] = [];
  for (let p = 0; p < dataset.projects.count; p++) {
    const y = yearOf(dataset.projects.start[p]);
    const size = offsets[p + 1] - offsets[p];
    if (!(y > after && y <= until) || size > maxProjectSize) continue;
    for (let i = offsets[p]; i < offsets[p + 1]; i++)
      for (let j = i + 1; j < offsets[p + 1]; j++) {
        s.push(orgs[i]);
        d.push(orgs[j]);
      }
  }
  return buildUndirectedCsr(dataset.organisations.count, Int32Array.from(s), Int32Array.from(d));
}

function hasArc(g: Csr, u: number, v: number): boolean {
  let lo = g.offsets[u];
  let hi = g.offsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (g.targets[mid] === v) return true;
    if (g.targets[mid] < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** 1 for each candidate pair that the future network ties. */
export function labelCandidates(candidates: Candidates, future: Csr): Uint8Array {
  const y = new Uint8Array(candidates.count);
  for (let i = 0; i < candidates.count; i++)
    y[i] = hasArc(future, candidates.left[i], candidates.right[i]) ? 1 : 0;
  return y;
}

/** A seeded random tie-break key for each of `count` candidates (a permutation of 0…count−1). */
export function tieBreakKeys(count: number, seed: number): Int32Array {
  return shuffle(
    Int32Array.from({ length: count }, (_, i) => i),
    mulberry32(seed),
  );
}

/** Candidate indices, best score first, equal scores ordered by the tie-break key. */
export function rankCandidates(scores: ArrayLike<number>, tieBreak: Int32Array): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((i, j) => scores[j] - scores[i] || tieBreak[i] - tieBreak[j]);
}

export function precisionAtK(order: Int32Array, labels: Uint8Array, k: number): number {
  const m = Math.min(k, order.length);
  let hits = 0;
  for (let r = 0; r < m; r++) hits += labels[order[r]];
  return k === 0 ? Number.NaN : hits / k;
}

export function recallAtK(order: Int32Array, labels: Uint8Array, k: number): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  if (positives === 0) return Number.NaN;
  const m = Math.min(k, order.length);
  let hits = 0;
  for (let r = 0; r < m; r++) hits += labels[order[r]];
  return hits / positives;
}

/**
 * The evaluation sample: every positive candidate and up to `negatives` non-tie candidates drawn
 * uniformly without replacement with the seeded RNG (all of them when there are fewer).
 */
export function evaluationSample(labels: Uint8Array, negatives: number, seed: number): Int32Array {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] ? pos : neg).push(i);
  const k = Math.min(negatives, neg.length);
  const pick = sampleWithoutReplacement(neg.length, k, mulberry32(seed));
  const out = new Int32Array(pos.length + k);
  out.set(pos);
  for (let i = 0; i < k; i++) out[pos.length + i] = neg[pick[i]];
  return out;
}

/**
 * ROC AUC over the sample: the share of (positive, negative) pairs in which the positive scores
 * higher, ties ½; by sorting and average ranks, O(s log s). NaN without a positive or a negative.
 */
export function rocAuc(scores: ArrayLike<number>, labels: Uint8Array, sample: Int32Array): number {
  const idx = Array.from(sample).sort((i, j) => scores[i] - scores[j]);
  let pos = 0;
  let rankSum = 0;
  let r = 0;
  while (r < idx.length) {
    let e = r;
    while (e + 1 < idx.length && scores[idx[e + 1]] === scores[idx[r]]) e++;
    const avg = (r + e) / 2 + 1;
    for (let t = r; t <= e; t++) {
      if (labels[idx[t]]) {
        pos++;
        rankSum += avg;
      }
    }
    r = e + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
