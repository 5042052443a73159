import { describe, expect, it } from 'vitest';
import { allocateRequest, seasonalEventsRequest } from './calendar.ts';

const event = (rule: unknown) => ({ events: [{ id: 'e', name: 'Event', rule, lift: 1.2 }] });

describe('seasonalEventsRequest', () => {
  it.each([
    [2, 30],
    [2, 31],
    [4, 31],
    [11, 31],
  ])('rejects the fixed date %i/%i with an error on the day field', (month, day) => {
    const r = seasonalEventsRequest.safeParse(event({ kind: 'fixed', month, day }));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toEqual([['events', 0, 'rule', 'day']]);
  });

  it('accepts real fixed dates, 29 February included (it occurs in leap years)', () => {
    for (const [month, day] of [[2, 29], [1, 31], [12, 31], [4, 30]]) {
      expect(seasonalEventsRequest.safeParse(event({ kind: 'fixed', month, day })).success).toBe(true);
    }
  });
});

describe('allocateRequest', () => {
  it.each(['constructor', 'toString', '__proto__'])('refuses the platform %s', (platform) => {
    expect(allocateRequest.safeParse({ posts: [{ platform, topic: 't', text: 'x' }] }).success).toBe(false);
  });
});
