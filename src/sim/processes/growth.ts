/**
 * Learning, growth and exit. Knowledge K_o ∈ [0,1]^F per organisation (F = the scenario's sectors):
 *  - incremental learning: K_o[sector] += λ (1 − K_o[sector]), λ = `learningRate`;
 *  - people: an employee of field f and knowledge k_i lifts K_o[f] by λ (k_i − K_o[f]) / size when
 *    k_i is higher, and learns λ (K_o[f] − k_i) from the employer when the employer knows more;
 *  - diffusion along open ties: each local end takes δ (K_b[f] − K_a[f]) of a partner's lead in every
 *    field, δ = `diffusionRate`;
 *  - recombination: with probability `recombinationRate` a firm opens a random field at half its
 *    own-sector level; a field that overtakes the sector becomes the firm's sector (diversification).
 * Performance P_o = D_t · (0.5 + K_o[sector]) · exp(σ ε) · (1 + a · spin-off), ε ~ N(0, 1),
 * σ = `performanceNoise`, a = `spinoffAdvantage`. Firms aim at size max(1, round(S (1 + g (P − 1)))),
 * g = `growthElasticity`, and exit with probability x · (1 + s · max(0, 1 − P)), x = `exitRate`,
 * s = `exitSensitivity`. Universities, institutes and other non-firms keep their size and never exit.
 * Cost O(people + ties · F + organisations · F) per year.
 */
import type { ProcessContext } from '../context.ts';
import { normal } from '../context.ts';
import { isFirm } from '../state.ts';

export function growth(ctx: ProcessContext): void {
  const { state: s, params: p, rng, year, demand } = ctx;
  const f = s.fields;
  const K = s.orgKnowledge;
  for (let n = 0; n < s.peopleCount; n++) {
    const i = s.people[n];
    const o = s.personEmployer[i];
    if (o < 0 || s.orgLocal[o] === 0) continue;
    const at = o * f + s.personField[i];
    const k = s.personKnowledge[i];
    if (k > K[at]) K[at] += (p.learningRate * (k - K[at])) / Math.max(1, s.orgSize[o]);
    else s.personKnowledge[i] = k + p.learningRate * (K[at] - k);
  }
  for (let n = 0; n < s.openTieCount; n++) {
    const t = s.openTies[n];
    if (s.tieEnd[t] !== 0) continue;
    const a = s.tieSource[t];
    const b = s.tieTarget[t];
    for (let k = 0; k < f; k++) {
      const ka = K[a * f + k];
      const kb = K[b * f + k];
      if (kb > ka && s.orgLocal[a] === 1) K[a * f + k] = ka + p.diffusionRate * (kb - ka);
      else if (ka > kb && s.orgLocal[b] === 1) K[b * f + k] = kb + p.diffusionRate * (ka - kb);
    }
  }
  const count = s.orgCount;
  const exits: number[] = [];
  for (let o = 0; o < count; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0) continue;
    const own = o * f + s.orgSector[o];
    K[own] += p.learningRate * (1 - K[own]);
    if (rng() < p.recombinationRate) {
      const field = Math.floor(rng() * f);
      const opened = 0.5 * K[own];
      if (K[o * f + field] < opened) K[o * f + field] = opened;
      if (K[o * f + field] > K[own]) s.orgSector[o] = field;
    }
    if (!isFirm(s.orgKind[o])) continue;
    const shock = Math.exp(p.performanceNoise * normal(rng));
    const performance =
      demand * (0.5 + K[o * f + s.orgSector[o]]) * shock * (1 + p.spinoffAdvantage * s.orgSpinoff[o]);
    s.orgPerformance[o] = performance;
    const exit = p.exitRate * (1 + p.exitSensitivity * Math.max(0, 1 - performance)) * (1 - s.orgSupport[o]); // policy support
    if (s.orgFounded[o] < year && rng() < exit) {
      exits.push(o);
      continue;
    }
    const size = Math.max(1, s.orgSize[o]);
    s.orgTarget[o] = Math.max(1, Math.round(size * (1 + p.growthElasticity * (performance - 1))));
  }
  s.closeAll(exits, year);
}
