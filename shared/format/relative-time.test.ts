import { describe, expect, it } from 'vitest';
import { relativeTime, UNKNOWN_TIME } from './relative-time.ts';

describe('relativeTime', () => {
  const now = Date.UTC(2026, 0, 1, 12);

  it.each(['garbage', '', '2026-02-30T25:00:00Z'])('says the time is unknown for %j', (iso) => {
    expect(relativeTime(iso, now)).toBe(UNKNOWN_TIME);
  });

  it('still words real times', () => {
    const hoursAgo = relativeTime('2026-01-01T09:00:00Z', now);
    expect(hoursAgo).not.toBe(UNKNOWN_TIME);
    expect(hoursAgo).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-3, 'hour'));
  });
});
