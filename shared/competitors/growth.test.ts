import { describe, expect, it } from 'vitest';
import { competitorGrowth, type PostMetrics } from './growth.ts';

const DAY = 86_400_000;
const now = Date.parse('2026-11-24T12:00:00Z');
const post = (id: string, daysAgo: number, likes: number, comments = 0, shares = 0): PostMetrics => ({
  id,
  text: id,
  url: null,
  publishedAt: now - daysAgo * DAY,
  likes,
  comments,
  shares,
  views: null,
});

describe('competitorGrowth', () => {
  it('measures followers per day and compound % per week between the first and last snapshot', () => {
    const g = competitorGrowth(
      [
        { capturedAt: now - 14 * DAY, followers: 10_000 },
        { capturedAt: now - 7 * DAY, followers: null },
        { capturedAt: now, followers: 12_100 },
      ],
      [],
      now,
    );
    expect(g.followers).toBe(12_100);
    expect(g.followersPerDay).toBeCloseTo(150, 6);
    // 10,000 → 12,100 over two weeks is 10% a week compounded.
    expect(g.pctPerWeek).toBeCloseTo(10, 6);
    expect(g.spanDays).toBe(14);
  });

  it('says why growth is missing instead of inventing it', () => {
    expect(competitorGrowth([{ capturedAt: now, followers: 5 }], [], now)).toMatchObject({
      followersPerDay: null,
      notes: expect.arrayContaining(['growth appears after a second visit on another day']),
    });
    const sameDay = competitorGrowth([{ capturedAt: now - 3600_000, followers: 5 }, { capturedAt: now, followers: 6 }], [], now);
    expect(sameDay.followersPerDay).toBeNull();
    expect(sameDay.notes[0]).toMatch(/a day apart/);
  });

  it('computes cadence, engagement rate and best recent posts', () => {
    const posts = [post('a', 1, 100, 10, 5), post('b', 8, 40), post('c', 15, 300, 20), post('old', 200, 10_000)];
    const g = competitorGrowth([{ capturedAt: now, followers: 1000 }], posts, now);
    // three recent posts over 15 days
    expect(g.postsPerWeek).toBeCloseTo((3 / 15) * 7, 6);
    expect(g.engagementRatePct).toBeCloseTo(((115 + 40 + 320) / 3 / 1000) * 100, 6);
    expect(g.bestRecentPosts.map((p) => p.id)).toEqual(['c', 'a', 'b']);
  });
});
