import { describe, expect, it } from 'vitest';
import { memberCounts, sourceName } from './types.ts';

describe('how sources and their counts read', () => {
  it('names sources as people write them, unknown ids as they are', () => {
    expect(['hackernews', 'reddit', 'github', 'google-trends', 'x', 'mastodon'].map(sourceName)).toEqual(['Hacker News', 'Reddit', 'GitHub', 'Google Trends', 'X', 'mastodon']);
  });

  it('words each source’s counts in its own terms, leaving out what the source does not report', () => {
    expect(memberCounts('hackernews', { score: 512, comments: 203 })).toBe('512 points · 203 comments');
    expect(memberCounts('reddit', { score: 1210, comments: 402 })).toBe('1,210 upvotes · 402 comments');
    expect(memberCounts('github', { score: 1540, comments: 12 })).toBe('1,540 stars · 12 open issues');
    expect(memberCounts('github', { score: 88, comments: null })).toBe('88 stars');
    expect(memberCounts('google-trends', { score: 20000, comments: null })).toBe('20,000+ searches');
    expect(memberCounts('hackernews', { score: null, comments: null })).toBe('');
  });
});
