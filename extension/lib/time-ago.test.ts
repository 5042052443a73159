import { describe, expect, it } from 'vitest';
import { timeAgo } from './time-ago.ts';

const now = Date.parse('2026-11-24T12:00:00Z');
describe('timeAgo', () => {
  it.each([
    [0, 'just now'],
    [44_000, 'just now'],
    [60_000, '1 min ago'],
    [5 * 60_000, '5 min ago'],
    [59 * 60_000, '59 min ago'],
    [3 * 3600_000, '3 h ago'],
    [35 * 3600_000, '35 h ago'],
    [36 * 3600_000, '2 days ago'],
    [-5_000, 'just now'],
  ])('%i ms → %s', (age, text) => {
    expect(timeAgo(now - age, now)).toBe(text);
  });
});
