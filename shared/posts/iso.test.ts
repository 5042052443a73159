import { describe, expect, it } from 'vitest';
import { dateProblem, dayExists, EARLIEST_YEAR } from './iso.ts';

describe('dayExists', () => {
  it.each([
    [2024, 2, 29, true],
    [2025, 2, 29, false],
    [2025, 2, 31, false],
    [2025, 4, 31, false],
    [2025, 13, 1, false],
    [2025, 0, 1, false],
    [18, 8, 2, true],
    [2025, 1, Number.NaN, false],
  ])('%i-%i-%i is %s', (y, m, d, ok) => expect(dayExists(y, m, d)).toBe(ok));
});

describe('dateProblem', () => {
  it('refuses years before the epoch first, then days the calendar lacks', () => {
    expect(EARLIEST_YEAR).toBe(1970);
    expect(dateProblem(1969, 12, 31)).toBe('before-earliest');
    expect(dateProblem(18, 2, 30)).toBe('before-earliest');
    expect(dateProblem(1970, 1, 1)).toBeNull();
    expect(dateProblem(2023, 2, 29)).toBe('no-such-day');
  });
});
