import { describe, expect, it } from 'vitest';
import { countBefore, parseCount, parseCountList } from './count.ts';

describe('parseCount', () => {
  it.each([
    ['8K', 8000],
    ['8K  followers', 8000],
    ['2.5M', 2_500_000],
    ['2.5M views', 2_500_000],
    ['1,159', 1159],
    ['1,159 followers', 1159],
    ['29.9K views', 29_900],
    ['3.68M subscribers', 3_680_000],
    ['3.68 million subscribers', 3_680_000],
    ['22 million views', 22_000_000],
    ['1.2B', 1_200_000_000],
    ['500+ connections', 500],
    ['51-200 employees', 51],
    ['30142', 30_142],
    ['1,856,109 views', 1_856_109],
    ['4.4K', 4400],
    ['25K', 25_000],
    ['1,2 mil visualizaciones', 1200],
    ['12 mil', 12_000],
    ['1,5 Mio. Aufrufe', 1_500_000],
    ['1.234 Aufrufe', 1234],
    ['2\u202f381 abonnés', 2381],
    ['1,234.5K', 1_234_500],
    ['0', 0],
    ['9 bookmarks', 9],
    ['12 members', 12],
  ])('%s → %d', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  it.each([[''], [null], [undefined], ['Like'], ['no views']])('%s → null', (text) => {
    expect(parseCount(text)).toBeNull();
  });
});

describe('countBefore', () => {
  const group = '48 replies, 152 reposts, 553 likes, 9 bookmarks, 30142 views';
  it.each([
    [group, 'repl(?:y|ies)', 48],
    [group, 'reposts?', 152],
    [group, 'likes?', 553],
    [group, 'bookmarks?', 9],
    [group, 'views?', 30_142],
    ['1,234 Likes. Like', 'likes?', 1234],
    ['like this video along with 43,864 other people', 'other people', 43_864],
    ['3 reposts of Motion’s post', 'reposts?', 3],
    // Scale words, and nouns that only end in the one asked for.
    ['2.5M views', 'views?', 2_500_000],
    ['3.68 million views', 'views?', 3_680_000],
    ['1.2Klikes', 'likes?', 1200],
    ['Liked by 2 others and 3 likes', 'likes?', 3],
    ['553 dislikes, 7 likes', 'likes?', 7],
  ])('%s / %s → %d', (text, noun, n) => {
    expect(countBefore(text, noun)).toBe(n);
  });

  it('is null when the noun has no number', () => {
    expect(countBefore('2 likes, Liked, 220 views', 'bookmarks?')).toBeNull();
    expect(countBefore('Bookmark', 'bookmarks?')).toBeNull();
  });

  // Element text can be arbitrarily long; a backtracking pattern never returned on these.
  // No timing assertion: vitest's test timeout is the guard.
  it('stays linear on long digit/space runs without the noun', () => {
    expect(countBefore(`${'1'.repeat(50_000)}${' '.repeat(50_000)}x`, 'likes?')).toBeNull();
    expect(countBefore(`${'1 '.repeat(50_000)}x`, 'likes?')).toBeNull();
    expect(countBefore(`${'1 '.repeat(50_000)}likes`, 'likes?')).toBe(1);
  });
});

describe('parseCountList', () => {
  it('maps nouns to counts and skips bare states', () => {
    const m = parseCountList('79 replies, 39 reposts, 968 likes, Liked, 69 bookmarks, 21478 views');
    expect(Object.fromEntries(m)).toEqual({ replies: 79, reposts: 39, likes: 968, bookmarks: 69, views: 21478 });
  });
});
