/**
 * Growth (stream 'growth'): each open local firm's performance and target size, after this year's
 * learning (learning.ts). Performance
 *   P_o = D_t · (0.5 + K_o[sector]) · exp(σ ε) · (1 + a · spin-off),  ε ~ N(0, 1),
 * σ = `performanceNoise`, a = `spinoffAdvantage`; the firm aims at size
 * max(1, round(S (1 + g (P − 1)))), g = `growthElasticity`. Universities, institutes and other
 * non-firms keep their size. Exits (exits.ts) read this year's P_o. Cost O(organisations).
 */
import type { ProcessContext } from '../context.ts';
import { normal } from '../context.ts';
import { isFirm } from '../state.ts';

export function growth(ctx: ProcessContext): void {
  const { state: s, params: p, rng, demand } = ctx;
  const f = s.fields;
  const K = s.orgKnowledge;
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0 || !isFirm(s.orgKind[o])) continue;
    const shock = Math.exp(p.performanceNoise * normal(rng));
    const performance =
      demand * (0.5 + K[o * f + s.orgSector[o]]) * shock * (1 + p.spinoffAdvantage * s.orgSpinoff[o]);
    s.orgPerformance[o] = performance;
    const size = Math.max(1, s.orgSize[o]);
    s.orgTarget[o] = Math.max(1, Math.round(size * (1 + p.growthElasticity * (performance - 1))));
  }
}
