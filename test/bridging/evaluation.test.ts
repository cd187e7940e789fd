import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../src/bridging/logistic.ts';
import { evaluationSample, precisionAtK, rankCandidates, recallAtK, rocAuc } from './imports.ts';

describe('hold-out metrics, by hand', () => {
  const scores = Float64Array.of(0.9, 0.8, 0.8, 0.3, 0.1);
  const labels = Uint8Array.of(1, 0, 1, 0, 1);

  it('precision and recall at k, equal scores ordered by the tie-break key', () => {
    const a = rankCandidates(scores, Int32Array.of(0, 2, 1, 3, 4)); // candidate 2 before 1
    expect(Array.from(a)).toEqual([0, 2, 1, 3, 4]);
    expect(precisionAtK(a, labels, 2)).toBe(1);
    expect(recallAtK(a, labels, 2)).toBeCloseTo(2 / 3, 12);
    const b = rankCandidates(scores, Int32Array.of(0, 1, 2, 3, 4));
    expect(precisionAtK(b, labels, 2)).toBe(0.5);
    // k beyond the candidates: hits over k, as the literature counts it
    expect(precisionAtK(b, labels, 10)).toBe(0.3);
    expect(recallAtK(b, labels, 10)).toBe(1);
  });

  it('ROC AUC counts a tie as one half: 3.5 of 6 positive–negative pairs', () => {
    const all = Int32Array.of(0, 1, 2, 3, 4);
    expect(rocAuc(scores, labels, all)).toBeCloseTo(3.5 / 6, 12);
    expect(rocAuc(scores, Uint8Array.of(1, 1, 1, 1, 1), all)).toBeNaN();
  });

  it('the sample holds every positive and a seeded, repeatable draw of negatives', () => {
    const y = new Uint8Array(1000);
    y[3] = y[500] = 1;
    const s1 = evaluationSample(y, 100, 7);
    const s2 = evaluationSample(y, 100, 7);
    expect(Array.from(s1)).toEqual(Array.from(s2));
    expect(s1.length).toBe(102);
    expect(Array.from(s1.slice(0, 2))).toEqual([3, 500]);
    expect(new Set(s1).size).toBe(102);
    expect(Array.from(s1.slice(2)).every((i) => y[i] === 0)).toBe(true);
    expect(evaluationSample(y, 5000, 7).length).toBe(1000);
  });
});

describe('logistic regression', () => {
  it('recovers the closed-form estimate of one binary feature', () => {
    // x = 0: y 1,0,0,0 (p = 1/4); x = 1: y 1,1,1,0 (p = 3/4): β₀ = ln(1/3), β₁ = ln 3 − ln(1/3) = 2 ln 3
    const x = Float64Array.of(0, 0, 0, 0, 1, 1, 1, 1);
    const y = Uint8Array.of(1, 0, 0, 0, 1, 1, 1, 0);
    const fit = fitLogistic(x, y, 1, 1e-12);
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 3), 6);
    expect(fit.beta[0]).toBeCloseTo(2 * Math.log(3), 6);
  });

  it('sets the score equations to zero and gives a constant feature no weight', () => {
    const n = 400;
    const x = new Float64Array(n * 3);
    const y = new Uint8Array(n);
    let s = 1;
    const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < n; i++) {
      x[i * 3] = r() * 4;
      x[i * 3 + 1] = r() < 0.5 ? 1 : 0;
      x[i * 3 + 2] = 1; // constant
      y[i] = r() < 1 / (1 + Math.exp(-(-2 + 0.8 * x[i * 3] + 1.5 * x[i * 3 + 1]))) ? 1 : 0;
    }
    const fit = fitLogistic(x, y, 3, 1e-12);
    expect(fit.beta[2]).toBe(0);
    const grad = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const t = fit.intercept + fit.beta[0] * x[i * 3] + fit.beta[1] * x[i * 3 + 1];
      const res = y[i] - 1 / (1 + Math.exp(-t));
      grad[0] += res;
      grad[1] += res * x[i * 3];
      grad[2] += res * x[i * 3 + 1];
    }
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-6);
  });
});
