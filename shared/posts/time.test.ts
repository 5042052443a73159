import { describe, expect, it } from 'vitest';
import { fromZonedTime, hourOfWeek, slotLabel, zonedParts } from './time.ts';

/** What Intl itself says, field by field: the reference the cached offsets must agree with. */
function intl(epochMs: number, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
  const p = Object.fromEntries(f.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return { year: +p.year!, month: +p.month!, day: +p.day!, hour: +p.hour! % 24, minute: +p.minute!, weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!) };
}

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

  it('agrees with Intl in every zone it knows, at random instants 1990–2035', () => {
    let seed = 42;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2035, 0, 1);
    const wrong: string[] = [];
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      for (let k = 0; k < 60; k++) {
        const t = Math.floor(from + rand() * (to - from));
        if (JSON.stringify(zonedParts(t, zone)) !== JSON.stringify(intl(t, zone))) wrong.push(`${zone} ${new Date(t).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with Intl minute by minute across DST changes, half-hour ones included', () => {
    const cases: [string, number][] = [
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Europe/London', Date.UTC(2026, 2, 29, 1)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
      ['America/St_Johns', Date.UTC(2026, 2, 8, 5, 30)],
      ['Asia/Kathmandu', Date.UTC(2026, 5, 1, 0)],
    ];
    for (const [zone, at] of cases) {
      for (let t = at - 90 * 60_000; t <= at + 90 * 60_000; t += 60_000) expect([zone, t, zonedParts(t, zone)]).toEqual([zone, t, intl(t, zone)]);
    }
  });
});

