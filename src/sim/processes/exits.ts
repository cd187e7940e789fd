/**
 * Exits (stream 'exits'): every open local firm founded before this year exits with probability
 *   `exitRate` · (1 + `exitSensitivity` · max(0, 1 − P_o)) · (1 − support_o),
 * P_o its performance (set by growth.ts this year, or the last one it set when growth is off) and
 * support_o the share of exit risk policy support removes (policy.ts). A year's exits close
 * together, after every draw, so the order of firms does not decide who sees whom closed. Cost
 * O(organisations), plus O(people + open ties) in a year with exits (SimState.closeAll).
 */
import type { ProcessContext } from '../context.ts';
import { isFirm } from '../state.ts';

export function exits(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year } = ctx;
  const closing: number[] = [];
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || !isFirm(s.orgKind[o]) || s.orgFounded[o] >= year)
      continue;
    const chance =
      p.exitRate * (1 + p.exitSensitivity * Math.max(0, 1 - s.orgPerformance[o])) * (1 - s.orgSupport[o]);
    if (rng() < chance) closing.push(o);
  }
  s.closeAll(closing, year);
}
