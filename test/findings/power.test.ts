/**
 * Power and honesty of every finding at its documented sample size (test/findings/planted.ts): over
 * the fixed seeds 1…20, the planted effect is found ("supported") at least 17 times and the absent
 * effect at most 3 times; "inconclusive" counts as a miss when planted and as quiet when absent.
 * bench/findings-power.ts runs 200 seeds and reports the rates in docs/findings.md.
 */
import { describe, expect, it } from 'vitest';
import { checkFindings, FINDINGS } from '../../src/findings/index.ts';
import { PLANTS, plantedDataset } from './planted.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

function detections(finding: string, effect: boolean): number {
  let found = 0;
  for (const seed of SEEDS) {
    const [row] = checkFindings(
      plantedDataset(finding, effect, seed),
      { region: 'r' },
      { seed, findings: [finding] },
    );
    if (row.verdict === 'supported') found++;
  }
  return found;
}

describe('power and false positives over 20 fixed seeds', () => {
  it('every finding has a plant', () => {
    expect(Object.keys(PLANTS).sort()).toEqual(FINDINGS.map((f) => f.id).sort());
  });

  for (const f of FINDINGS) {
    it(`${f.id}: finds the planted effect at least 17 times, the absent one at most 3 times`, () => {
      expect(detections(f.id, true)).toBeGreaterThanOrEqual(17);
      expect(detections(f.id, false)).toBeLessThanOrEqual(3);
    });
  }
});
