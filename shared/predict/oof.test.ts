import { describe, expect, it } from 'vitest';
import { outOfFold } from './oof.ts';

describe('outOfFold over time-ordered rows', () => {
  it('expanding: every score comes from strictly earlier rows only', () => {
    const seen: { i: number; train: number[] }[] = [];
    const out = outOfFold(103, 8, 'expanding', (train) => (i) => {
      seen.push({ i, train });
      return Math.max(...train);
    });
    expect(out.slice(0, Math.floor(103 / 8)).every((v) => v === undefined)).toBe(true);
    for (const { i, train } of seen) {
      expect(train.length).toBeGreaterThan(0);
      expect(Math.max(...train)).toBeLessThan(i);
    }
    expect(out.filter((v) => v !== undefined)).toHaveLength(103 - Math.floor(103 / 8));
  });

  it('kfold: every row is scored without its own fold', () => {
    const out = outOfFold(50, 5, 'kfold', (train) => (i) => train.includes(i));
    expect(out).toEqual(new Array(50).fill(false));
  });

  it('copes with fewer rows than folds', () => {
    expect(outOfFold(3, 8, 'expanding', (train) => () => train.length)).toEqual([undefined, 1, 2]);
  });
});
