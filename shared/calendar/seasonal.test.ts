import { describe, expect, it } from 'vitest';
import { dateOf, easterSunday, eventsForYears, mergeEvents, seasonalFactor } from './seasonal.ts';

describe('seasonal calendar', () => {
  it('computes rule-based dates for any year', () => {
    // Thanksgiving: 4th Thursday of November.
    expect(dateOf({ kind: 'nth-weekday', month: 11, weekday: 3, n: 4 }, 2024)).toBe('2024-11-28');
    expect(dateOf({ kind: 'nth-weekday', month: 11, weekday: 3, n: 4 }, 2026)).toBe('2026-11-26');
    expect(dateOf({ kind: 'nth-weekday', month: 11, weekday: 3, n: 4 }, 2030)).toBe('2030-11-28');
    // Memorial Day: last Monday of May.
    expect(dateOf({ kind: 'nth-weekday', month: 5, weekday: 0, n: -1 }, 2026)).toBe('2026-05-25');
    expect(dateOf({ kind: 'nth-weekday', month: 5, weekday: 0, n: -1 }, 2027)).toBe('2027-05-31');
    // Labor Day: first Monday of September.
    expect(dateOf({ kind: 'nth-weekday', month: 9, weekday: 0, n: 1 }, 2026)).toBe('2026-09-07');
    // Cyber Monday crosses into December some years.
    const days = (y: number) => Object.fromEntries(eventsForYears([y]).map((e) => [e.id, e.date]));
    expect(days(2026)['cyber-monday']).toBe('2026-11-30');
    expect(days(2025)['cyber-monday']).toBe('2025-12-01');
    expect(days(2026)['black-friday']).toBe('2026-11-27');
  });

  it('finds Easter (known dates)', () => {
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2025)).toEqual({ month: 4, day: 20 });
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
    expect(eventsForYears([2026]).find((e) => e.id === 'good-friday')!.date).toBe('2026-04-03');
  });

  it('has no date in a year where the rule has no such day', () => {
    // Fridays of February 2026: 6, 13, 20, 27; counting on used to land on 6 March.
    const fifthFriday = { kind: 'nth-weekday', month: 2, weekday: 4, n: 5 } as const;
    expect(dateOf(fifthFriday, 2026)).toBeNull();
    expect(dateOf({ kind: 'nth-weekday', month: 5, weekday: 4, n: 5 }, 2026)).toBe('2026-05-29');
    expect(dateOf({ kind: 'fixed', month: 2, day: 29 }, 2026)).toBeNull();
    expect(dateOf({ kind: 'fixed', month: 2, day: 29 }, 2028)).toBe('2028-02-29');
    const custom = [{ id: 'fifth-friday', name: 'Fifth Friday', rule: fifthFriday, lift: 1.2, region: 'custom' }];
    expect(eventsForYears([2026], custom).filter((e) => e.id === 'fifth-friday')).toEqual([]);
    // February 2036 starts on a Friday, so it has five.
    expect(eventsForYears([2036], custom).find((e) => e.id === 'fifth-friday')?.date).toBe('2036-02-29');
  });

  it('takes user events: add, override by id, disable', () => {
    const merged = mergeEvents([
      { id: 'launch-day', name: 'Our launch', rule: { kind: 'fixed', month: 3, day: 3 }, lift: 1.5, region: 'us' },
      { id: 'halloween', name: 'Halloween', rule: { kind: 'fixed', month: 10, day: 31 }, lift: 0.5, region: 'us' },
      { id: 'thanksgiving', name: 'Thanksgiving', rule: { kind: 'fixed', month: 1, day: 1 }, lift: 1, region: 'us', disabled: true },
    ]);
    expect(merged.find((e) => e.id === 'launch-day')!.lift).toBe(1.5);
    expect(merged.find((e) => e.id === 'halloween')!.lift).toBe(0.5);
    expect(merged.some((e) => e.id === 'thanksgiving')).toBe(false);
  });

  it('multiplies the day lift and the topic lift', () => {
    const ev = eventsForYears([2026]);
    expect(seasonalFactor('2026-12-25', 'rust', ev).factor).toBe(0.45);
    expect(seasonalFactor('2026-11-27', 'Black Friday deals', ev).factor).toBeCloseTo(0.85 * 1.4, 9);
    expect(seasonalFactor('2026-11-27', 'rust', ev).factor).toBeCloseTo(0.85, 9);
    expect(seasonalFactor('2026-11-18', 'rust', ev)).toEqual({ factor: 1, events: [] });
  });
});
