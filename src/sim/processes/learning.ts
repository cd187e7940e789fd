/**
 * Learning (stream 'learning'). Knowledge K_o ∈ [0,1]^F per organisation (F = the scenario's sectors):
 *  - people: an employee of field f and knowledge k_i lifts K_o[f] by λ (k_i − K_o[f]) / size when
 *    k_i is higher, and learns λ (K_o[f] − k_i) from the employer when the employer knows more;
 *  - diffusion along open ties: each local end takes δ (K_b[f] − K_a[f]) of a partner's lead in every
 *    field, δ = `diffusionRate`;
 *  - incremental learning: K_o[sector] += λ (1 − K_o[sector]), λ = `learningRate`;
 *  - recombination: with probability `recombinationRate` a local organisation opens a random field
 *    at half its own-sector level; a field that overtakes the sector becomes its sector
 *    (diversification).
 * Only recombination draws random numbers. Growth (performance and target sizes) and exits follow
 * as processes of their own, each on its own stream, so switching learning off leaves the numbers
 * they draw unchanged. Cost O(people + ties · F + organisations).
 */
import type { ProcessContext } from '../context.ts';

export function learning(ctx: ProcessContext): void {
  const { state: s, params: p, rng } = ctx;
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
  for (let o = 0; o < s.orgCount; o++) {
    if (s.orgLocal[o] === 0 || s.orgClosed[o] !== 0) continue;
    const own = o * f + s.orgSector[o];
    K[own] += p.learningRate * (1 - K[own]);
    if (rng() < p.recombinationRate) {
      const field = Math.floor(rng() * f);
      const opened = 0.5 * K[own];
      if (K[o * f + field] < opened) K[o * f + field] = opened;
      if (K[o * f + field] > K[own]) s.orgSector[o] = field;
    }
  }
}
