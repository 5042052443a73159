import { describe, expect, it } from 'vitest';
import { fromZonedTime, hourOfWeek, slotLabel, zonedParts } from './time.ts';

describe('time zones', () => {
  it('converts wall time to UTC on both sides of a DST change', () => {
    expect(new Date(fromZonedTime(2016, 1, 26, 19, 30, 'America/New_York')).toISOString()).toBe('2016-01-27T00:30:00.000Z');
    expect(new Date(fromZonedTime(2016, 6, 26, 19, 30, 'America/New_York')).toISOString()).toBe('2016-06-26T23:30:00.000Z');
  });

  it('numbers hours of the week from Monday 00:00 in the given zone', () => {
    const mondayUtc = Date.UTC(2024, 0, 1, 3); // Monday 03:00 UTC = Sunday 21:00 in Chicago
    expect(hourOfWeek(mondayUtc, 'UTC')).toBe(3);
    expect(hourOfWeek(mondayUtc, 'America/Chicago')).toBe(6 * 24 + 21);
    expect(slotLabel(6 * 24 + 21)).toBe('Sun 21:00');
    expect(zonedParts(mondayUtc, 'Asia/Kolkata').minute).toBe(30);
  });
});
