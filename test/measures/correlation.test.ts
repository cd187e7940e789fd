import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { averageRanks, spearman } from '../../src/measures/correlation.ts';

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    // sorted: 5 (rank 1), 10 (rank 2), 20 20 (ranks 3 and 4 → 3.5 each)
    expect([...averageRanks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
    // all equal: ranks 1…4 average 2.5
    expect([...averageRanks([7, 7, 7, 7])]).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect([...averageRanks([])]).toEqual([]);
  });
});

describe('spearman', () => {
  it('is ±1 for monotone relations, whatever their shape', () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [10, 5, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('matches a hand computation with ties', () => {
    // x ranks 1…5 (deviations −2 −1 0 1 2, Σ² = 10); y = 5 6 7 8 7 → ranks 1 2 3.5 5 3.5,
    // deviations −2 −1 0.5 2 0.5, Σ² = 9.5; Σ products = 4 + 1 + 0 + 2 + 1 = 8 → ρ = 8/√95
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
  });

  it('matches a hand computation without ties (the 1 − 6Σd²/(n(n²−1)) shortcut)', () => {
    // x ranks 1 2 3 4 5; y = 2 1 4 3 5 → ranks 2 1 4 3 5; d = −1 1 −1 1 0, Σd² = 4
    // ρ = 1 − 6·4/(5·24) = 1 − 0.2 = 0.8
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('agrees with pandas Series.corr(method="spearman") on a recorded case', () => {
    // recorded with /usr/bin/python3 and pandas: 0.19885368120992467
    expect(spearman([3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8])).toBeCloseTo(0.19885368120992467, 12);
  });

  it('is NaN when undefined: too few pairs, no variation, NaN input', () => {
    expect(spearman([], [])).toBeNaN();
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(spearman([1, Number.NaN, 3], [1, 2, 3])).toBeNaN();
  });

  it('throws on arrays of different length', () => {
    expect(() => spearman([1, 2], [1])).toThrow(RangeError);
  });

  const python = '/usr/bin/python3';
  const hasPandas =
    existsSync(python) && spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasPandas)('agrees with pandas on random integer data with many ties', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const cases: [number[], number[]][] = [];
    for (let c = 0; c < 20; c++) {
      const n = 5 + Math.floor(rand() * 30);
      const x = Array.from({ length: n }, () => Math.floor(rand() * 6));
      const y = x.map((v) => Math.floor(v / 2 + rand() * 4));
      cases.push([x, y]);
    }
    const script =
      'import json, sys, pandas as pd\n' +
      'cases = json.load(sys.stdin)\n' +
      'rho = [pd.Series(x).corr(pd.Series(y), method="spearman") for x, y in cases]\n' +
      'print(json.dumps([None if r != r else r for r in rho]))\n';
    const r = spawnSync(python, ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const expected = JSON.parse(r.stdout) as (number | null)[];
    cases.forEach(([x, y], i) => {
      const e = expected[i];
      if (e === null || Number.isNaN(e)) expect(spearman(x, y)).toBeNaN();
      else expect(spearman(x, y)).toBeCloseTo(e, 12);
    });
  });
});
