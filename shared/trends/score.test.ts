import { describe, expect, it } from 'vitest';
import { trendScore } from './score.ts';

describe('trendScore', () => {
  it('is 0..100 and monotone in both inputs', () => {
    expect(trendScore(0, 0)).toBe(0);
    expect(trendScore(1, 1)).toBe(100);
    expect(trendScore(0.8, 0.5)).toBeGreaterThan(trendScore(0.6, 0.5));
    expect(trendScore(0.8, 0.6)).toBeGreaterThan(trendScore(0.8, 0.5));
  });

  it('needs both confidence and velocity to score high', () => {
    expect(trendScore(1, 0.05)).toBeLessThan(trendScore(0.6, 0.6));
    expect(trendScore(0.05, 1)).toBeLessThan(trendScore(0.6, 0.6));
  });

  it('treats garbage as zero rather than NaN', () => {
    expect(trendScore(Number.NaN, 2)).toBe(trendScore(0, 1));
  });
});
