import { describe, expect, it } from 'vitest';
import type { Post } from '../posts/canonical.ts';
import { hourOfWeek, zonedParts } from '../posts/time.ts';
import { bestTimes } from '../schedule/best-time.ts';
import { allocate, normTopic, type PostToPlace } from './allocate.ts';

const monday = Date.parse('2026-11-16T00:00:00Z'); // a week with no bundled event
const tz = 'America/New_York';

function check(placed: { postId: string; platform: string; at: string }[], posts: PostToPlace[]) {
  const byId = new Map(posts.map((p) => [p.id, p]));
  const sorted = [...placed].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (let i = 1; i < sorted.length; i++) {
    const a = byId.get(sorted[i - 1]!.postId)!;
    const b = byId.get(sorted[i]!.postId)!;
    const sameTime = sorted[i - 1]!.at === sorted[i]!.at;
    if (!sameTime && !(a.pieceId && a.pieceId === b.pieceId)) expect(normTopic(a.topic), `${a.id} then ${b.id}`).not.toBe(normTopic(b.topic));
  }
}

describe('allocate', () => {
  it('picks the best hours from platform defaults when there is no history', () => {
    const r = allocate({ from: monday, days: 7, timeZone: tz, posts: [{ id: 'a', platform: 'linkedin', topic: 'passkeys' }] });
    expect(r.unplaced).toEqual([]);
    const p = zonedParts(Date.parse(r.placed[0]!.at), tz);
    // LinkedIn defaults: Tue–Thu mornings.
    expect([1, 2, 3]).toContain(p.weekday);
    expect(p.hour).toBeGreaterThanOrEqual(8);
    expect(p.hour).toBeLessThanOrEqual(14);
    expect(r.placed[0]!.reasons[0]).toMatch(/platform default lift \+\d+%/);
  });

  it('places posts on the local hour in zones offset by a half or quarter hour', () => {
    for (const zone of ['Asia/Kathmandu', 'America/St_Johns', 'Asia/Kolkata']) {
      const r = allocate({ from: monday + 17 * 60_000, days: 7, timeZone: zone, posts: [{ id: 'a', platform: 'linkedin', topic: 'passkeys' }, { id: 'b', platform: 'x', topic: 'rust' }] });
      expect(r.unplaced).toEqual([]);
      for (const p of r.placed) expect(zonedParts(Date.parse(p.at), zone).minute, `${zone} ${p.at}`).toBe(0);
    }
  });

  it("uses the account's best-time output when given", () => {
    // An account whose posts do best on Saturday 20:00 UTC.
    const posts: Post[] = [];
    for (let w = 0; w < 40; w++) {
      for (const [day, hour, likes] of [[5, 20, 500], [1, 10, 5], [2, 14, 5]] as const) {
        const t = Date.parse('2026-01-05T00:00:00Z') + w * 7 * 86_400_000 + day * 86_400_000 + hour * 3_600_000;
        posts.push({ id: `${w}-${day}`, platform: 'x', author: 'me', text: 'post', url: '', publishedAt: new Date(t).toISOString(), likes: likes + (w % 3), comments: 0, shares: 0, views: null });
      }
    }
    const bt = bestTimes(posts, { platform: 'x', timeZone: 'UTC', metric: 'likes' });
    expect(bt.usingDefaults).toBe(false);
    const r = allocate({ from: monday, days: 7, timeZone: 'UTC', logLift: { x: bt.logLift }, posts: [{ id: 'a', platform: 'x', topic: 't' }] });
    expect(hourOfWeek(Date.parse(r.placed[0]!.at), 'UTC')).toBe(5 * 24 + 20);
    expect(r.placed[0]!.reasons[0]).toMatch(/account best-time/);
  });

  it('enforces daily caps, spacing and no same topic back to back', () => {
    const posts: PostToPlace[] = [];
    for (let i = 0; i < 6; i++) posts.push({ id: `li${i}`, platform: 'linkedin', topic: i % 2 ? 'rust' : 'passkeys' });
    for (let i = 0; i < 8; i++) posts.push({ id: `x${i}`, platform: 'x', topic: ['passkeys', 'cloud', 'rust', 'ai'][i % 4]! });
    const r = allocate({ from: monday, days: 7, timeZone: tz, posts, rules: { dailyCap: { linkedin: 1, x: 2 } } });
    expect(r.unplaced).toEqual([]);
    const day = (iso: string) => {
      const p = zonedParts(Date.parse(iso), tz);
      return `${p.month}-${p.day}`;
    };
    for (const platform of ['linkedin', 'x']) {
      const counts = new Map<string, number>();
      const times = r.placed.filter((p) => p.platform === platform).map((p) => Date.parse(p.at)).sort((a, b) => a - b);
      for (const p of r.placed.filter((q) => q.platform === platform)) counts.set(day(p.at), (counts.get(day(p.at)) ?? 0) + 1);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(platform === 'linkedin' ? 1 : 2);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(180 * 60_000);
    }
    check(r.placed, posts);
    // Half the calendar on one topic cannot be spread without repeats: reported, not forced.
    const lopsided = allocate({ from: monday, days: 2, timeZone: tz, posts: ['a', 'a', 'a', 'b'].map((topic, i) => ({ id: `p${i}`, platform: 'x', topic })) });
    expect(lopsided.unplaced.map((u) => u.reason)).toEqual([expect.stringMatching(/same topic back to back/)]);
    check(lopsided.placed, ['a', 'a', 'a', 'b'].map((topic, i) => ({ id: `p${i}`, platform: 'x', topic })));
  });

  it('orders a cross-platform piece: the X thread before the LinkedIn post before the video', () => {
    const posts: PostToPlace[] = [
      { id: 'yt', platform: 'youtube-shorts', topic: 'passkeys', pieceId: 'p' },
      { id: 'li', platform: 'linkedin', topic: 'passkeys', pieceId: 'p' },
      { id: 'x', platform: 'x', topic: 'passkeys', pieceId: 'p' },
    ];
    const r = allocate({ from: monday, days: 7, timeZone: tz, posts });
    const at = (id: string) => Date.parse(r.placed.find((p) => p.postId === id)!.at);
    expect(at('x')).toBeLessThan(at('li'));
    expect(at('li')).toBeLessThan(at('yt'));
    expect(at('li') - at('x')).toBeGreaterThanOrEqual(120 * 60_000);
    expect(at('yt') - at('x')).toBeLessThanOrEqual(48 * 3_600_000);
  });

  it('avoids holidays and boosts matching topics on observances', () => {
    // Thanksgiving week 2026: Thursday 26 (×0.55), Black Friday 27 (×0.85, sales ×1.4).
    const from = Date.parse('2026-11-25T05:00:00Z');
    const r = allocate({ from, days: 3, timeZone: tz, posts: [{ id: 'a', platform: 'linkedin', topic: 'rust' }, { id: 'b', platform: 'x', topic: 'Black Friday deals' }], rules: { quietHours: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23] } });
    const day = (id: string) => zonedParts(Date.parse(r.placed.find((p) => p.postId === id)!.at), tz).day;
    expect(day('a')).toBe(25);
    expect(day('b')).toBe(27);
    expect(r.placed.find((p) => p.postId === 'b')!.reasons.join(' ')).toMatch(/Black Friday \(×1\.19\)/);
    // A user-disabled event no longer steers the choice.
    const off = allocate({ from, days: 3, timeZone: tz, posts: [{ id: 'a', platform: 'linkedin', topic: 'rust' }], events: [{ id: 'thanksgiving', name: 'x', rule: { kind: 'fixed', month: 1, day: 1 }, lift: 1, region: '', disabled: true }], rules: { quietHours: [] } });
    expect(off.placed[0]!.reasons.join(' ')).not.toMatch(/Thanksgiving/);
  });

  it('respects existing posts and explains what it cannot place', () => {
    const existing = [{ platform: 'linkedin', topic: 'ai', at: '2026-11-17T15:00:00Z' }];
    const r = allocate({ from: monday, days: 1, timeZone: 'UTC', existing, posts: [{ id: 'a', platform: 'linkedin', topic: 'rust' }, { id: 'b', platform: 'linkedin', topic: 'ai', latest: '2026-11-16T12:00:00Z' }] });
    expect(r.placed.map((p) => p.postId)).toEqual(['a']);
    expect(r.unplaced[0]!.postId).toBe('b');
    expect(r.unplaced[0]!.reason).toMatch(/no free slot in the next 1 days: .*daily cap/);
  });

  // Platform names are data; 'constructor' used to reach Object.prototype in the lookups.
  it('places posts on platforms named like built-in object keys with the default curve', () => {
    for (const platform of ['constructor', 'toString', 'hasOwnProperty']) {
      const localMidnight = Date.parse('2026-11-16T05:00:00Z'); // one local day in New York
      const r = allocate({ from: localMidnight, days: 1, timeZone: tz, posts: [{ id: 'a', platform, topic: 't' }, { id: 'b', platform, topic: 'u' }, { id: 'c', platform, topic: 'v' }] });
      expect(r.placed[0]!.reasons[0]).toMatch(/^platform default lift/);
      // The default daily cap (2) applies, not a function read off the prototype.
      expect(r.placed.map((p) => p.postId)).toEqual(['a', 'b']);
    }
  });
});
