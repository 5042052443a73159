import { describe, expect, it } from 'vitest';
import type { Post } from '../sites/types.ts';
import { authorBaselines, authorKey, compact, engagementOf, insightParts, postInsight } from './insight.ts';

const now = Date.parse('2026-11-24T12:00:00Z');
const post = (p: Partial<Post>): Post => ({ author: 'Ada', handle: 'ada', publishedAt: '2026-11-24T10:00:00Z', ...p });

describe('engagementOf', () => {
  it.each([
    [{ likes: 10, replies: 2, reposts: 3 }, 15],
    [{ reactions: 25, comments: 4 }, 29],
    [{ likes: 0 }, 0],
    [{ views: 1000 }, null],
    [{}, null],
  ] as const)('%o → %s', (counts, expected) => {
    expect(engagementOf(post(counts))).toBe(expected);
  });
});

describe('authorKey', () => {
  it.each([
    [{ handle: 'Ada_L', author: 'Ada' }, '@ada_l'],
    [{ handle: null, author: ' Motion ' }, 'motion'],
    [{ handle: null, author: null }, null],
  ])('%o → %s', (p, expected) => expect(authorKey(p)).toBe(expected));
});

describe('postInsight', () => {
  const posts = [post({ id: 'a', likes: 30 }), post({ id: 'b', likes: 10 }), post({ id: 'c', handle: 'bob', likes: 50 })];
  const base = authorBaselines(posts);

  it('relative to the author’s mean over their visible posts, with n', () => {
    expect(base.get('@ada')).toEqual({ n: 2, mean: 20 });
    const i = postInsight(posts[0]!, base, now);
    expect(i).toMatchObject({ engagement: 30, relative: 1.5, n: 2, velocity: 15, velocityOf: 'engagements', hours: 2 });
    expect(insightParts(i)).toEqual(['1.5× author avg (2 posts)', '15 eng./h']);
  });

  it('one post is no average: says so', () => {
    expect(insightParts(postInsight(posts[2]!, base, now))).toEqual(['50 engagements (avg needs 2+ posts, 1 seen)', '25 eng./h']);
  });

  it('stored posts from earlier visits join the average, without counting a visible post twice', () => {
    const withStored = authorBaselines(posts, new Map([['@bob', { n: 3, sum: 30, ids: ['c', 'x', 'y'] }]]));
    expect(withStored.get('@bob')).toEqual({ n: 3, mean: (50 + 10 + 10) / 3 });
  });

  it('views per hour when a tile shows only views; nothing when nothing was read', () => {
    expect(insightParts(postInsight(post({ views: 5400, publishedAt: '2026-11-24T07:00:00Z' }), new Map(), now))).toEqual(['1.1K views/h']);
    expect(insightParts(postInsight(post({ publishedAt: null }), new Map(), now))).toEqual([]);
  });
});

describe('compact', () => {
  it.each([
    [0, '0'],
    [9.25, '9.3'],
    [999, '999'],
    [1200, '1.2K'],
    [25_616, '26K'],
    [2_596_467, '2.6M'],
  ])('%d → %s', (n, s) => expect(compact(n)).toBe(s));
});
