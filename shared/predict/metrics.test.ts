import { describe, expect, it } from 'vitest';
import { brierScore, quantile, reliability, rocAuc } from './metrics.ts';

describe('rocAuc', () => {
  it.each([
    { scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1], auc: 1 },
    { scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1], auc: 0 },
    { scores: [0.5, 0.5, 0.5, 0.5], labels: [0, 1, 0, 1], auc: 0.5 },
    // pairs (pos,neg): (0.8>0.1) (0.8>0.4) (0.35<0.4) (0.35>0.1) → 3 of 4
    { scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1], auc: 0.75 },
    // a tie between a positive and a negative counts half: (0.5=0.5) 0.5 + (0.5>0.2) 1 → 0.75
    { scores: [0.2, 0.5, 0.5], labels: [0, 0, 1], auc: 0.75 },
  ] as const)('$scores / $labels → $auc', ({ scores, labels, auc }) => {
    expect(rocAuc([...scores], [...labels])).toBeCloseTo(auc, 12);
  });

  it('is NaN with a single class', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('calibration measures', () => {
  it('Brier is the mean squared error of the probability', () => {
    expect(brierScore([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12);
  });
  it('reliability bins are equal-count and ordered', () => {
    const bins = reliability([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9], [0, 0, 0, 1, 0, 1, 1, 1], 2);
    expect(bins.map((b) => [b.n, b.observedRate])).toEqual([
      [4, 0.25],
      [4, 0.75],
    ]);
  });
  it('quantile interpolates like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25, 12);
    expect(quantile([5], 0.5)).toBe(5);
  });
});
