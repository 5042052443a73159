import { describe, expect, it } from 'vitest';
import { documentFrom } from '../testing.ts';
import { extractX } from './extract.ts';
import profileHtml from './fixtures/profile.html?raw';
import threadHtml from './fixtures/thread.html?raw';
import { handleFromUrl, xPageKind } from './kind.ts';

const at = new Date('2025-04-08T16:00:00Z');

describe('X page kind', () => {
  const doc = documentFrom('<main></main>', 'https://x.com/home');
  it.each([
    ['https://x.com/home', 'timeline'],
    ['https://x.com/i/bookmarks', 'timeline'],
    ['https://x.com/search?q=wxt', 'timeline'],
    ['https://x.com/0thernet', 'x-profile'],
    ['https://x.com/0thernet/likes', 'x-profile'],
    ['https://twitter.com/0thernet/with_replies', 'x-profile'],
    ['https://x.com/0thernet/status/123', 'thread'],
  ])('%s → %s', (url, kind) => {
    expect(xPageKind(doc, new URL(url))).toBe(kind);
  });

  it('reads handles only from profile-like paths', () => {
    expect(handleFromUrl(new URL('https://x.com/0thernet/likes'))).toBe('0thernet');
    expect(handleFromUrl(new URL('https://x.com/explore'))).toBeNull();
    expect(handleFromUrl(new URL('https://x.com/'))).toBeNull();
  });
});

describe('extractX on the profile fixture', () => {
  const url = new URL('https://x.com/sightline_demo');
  const r = extractX(documentFrom(profileHtml, url.href), url, at);

  it('reads the header, rounded counts included', () => {
    expect(r.kind).toBe('x-profile');
    expect(r.profile).toEqual({ name: 'Sightline Demo📈', handle: 'sightline_demo', followers: 1_200_000, following: 1024 });
  });

  it('prefers the exact aria-label counts over the rounded visible ones', () => {
    expect(r.posts[0]).toMatchObject({
      id: '1900000000000000001',
      url: 'https://x.com/sightline_demo/status/1900000000000000001',
      author: 'Sightline Demo📈',
      handle: 'sightline_demo',
      text: 'Posting times matter.\nHere is why 🧵',
      publishedAt: '2025-04-08T13:00:00.000Z',
      replies: 12,
      reposts: 34,
      likes: 1205,
      bookmarks: 56,
      views: 98_765,
      quoted: null,
    });
  });

  it('reads counts X leaves out of its labels as zero', () => {
    expect(r.posts[1]).toMatchObject({ replies: 0, reposts: 0, likes: 3, bookmarks: 0, views: 120 });
  });

  it('keeps a quote tweet and its inner tweet apart', () => {
    const q = r.posts[2];
    expect(q).toMatchObject({ text: 'Worth reading:', replies: 1, reposts: 2, likes: 45, views: 4567 });
    expect(q?.quoted).toEqual({
      author: 'Other Person',
      handle: 'other_person',
      text: 'The original thought.',
      publishedAt: '2025-03-29T10:00:00.000Z',
    });
  });

  it('falls back to the visible text when there are no aria-labels', () => {
    expect(r.posts[3]).toMatchObject({ replies: 7, reposts: 2500, likes: 29_900, views: 2_500_000, bookmarks: 0 });
  });

  it('reports no selector misses on a complete page', () => {
    expect(r.posts).toHaveLength(4);
    expect(r.misses).toEqual({});
  });
});

describe('extractX after in-app navigation to another profile', () => {
  it('does not take the previous profile’s header, still on screen, for this one', () => {
    // The fixture's header is @sightline_demo's; the URL is already another profile's.
    const url = new URL('https://x.com/someone_else');
    const r = extractX(documentFrom(profileHtml, url.href), url, at);
    expect(r.profile).toMatchObject({ name: null, handle: 'someone_else' });
  });
});

describe('extractX never throws', () => {
  it('returns nulls and counts misses on a page it cannot read', () => {
    const url = new URL('https://x.com/someone');
    const html = '<article data-testid="tweet"><div>no hooks here</div></article>';
    const r = extractX(documentFrom(html, url.href), url, at);
    expect(r.profile).toMatchObject({ name: null, handle: 'someone', followers: null, following: null });
    expect(r.posts[0]).toMatchObject({ author: null, publishedAt: null, likes: null, views: null });
    expect(r.misses['profile.followers']).toBe(1);
    expect(r.misses['post.publishedAt']).toBe(1);
    expect(r.misses['post.views']).toBe(1);
  });
});

describe('extractX on the thread fixture', () => {
  const url = new URL('https://x.com/sightline_demo/status/1900000000000000010');
  const r = extractX(documentFrom(threadHtml, url.href), url, at);

  it('reads a focal tweet whose views are plain text and zero counts are unlabelled', () => {
    expect(r.kind).toBe('thread');
    expect(r.profile).toBeNull();
    expect(r.posts[0]).toMatchObject({
      id: '1900000000000000010', handle: 'sightline_demo', replies: 3, reposts: 0, likes: 40, bookmarks: 2, views: 12_700,
    });
  });

  it('reads liked and bookmarked states (unlike / removeBookmark buttons)', () => {
    expect(r.posts[1]).toMatchObject({ author: 'Re Plier', handle: 'replier', replies: 1, reposts: 0, likes: 5, bookmarks: 1, views: 300 });
    expect(r.misses).toEqual({});
  });

  it('flags a timeline where no tweet could be read', () => {
    const home = new URL('https://x.com/home');
    expect(extractX(documentFrom('<main></main>', home.href), home, at).misses).toEqual({ posts: 1 });
  });
});

describe('extractX page facts that are not misses', () => {
  it('an old tweet without views and an ad without a time', () => {
    const url = new URL('https://x.com/home');
    const html = `
      <article data-testid="tweet"><div data-testid="User-Name"><a href="/old" role="link"><span>Old</span></a><span>@old</span></div>
        <a href="/old/status/1"><time datetime="2019-05-01T00:00:00.000Z">May 1, 2019</time></a>
        <div role="group" aria-label="4 replies, 10 likes"><button data-testid="reply"></button><button data-testid="retweet"></button>
        <button data-testid="like"></button><button data-testid="bookmark"></button></div></article>
      <article data-testid="tweet"><div data-testid="User-Name"><a href="/brand" role="link"><span>Brand</span></a><span>@brand</span></div>
        <span>Ad</span><div role="group" aria-label="1 reply, 2 reposts, 3 likes, 4 views"><button data-testid="like"></button></div></article>`;
    const r = extractX(documentFrom(html, url.href), url, at);
    expect(r.posts.map((p) => [p.handle, p.replies, p.likes, p.views, p.publishedAt])).toEqual([
      ['old', 4, 10, null, '2019-05-01T00:00:00.000Z'],
      ['brand', 1, 3, 4, null],
    ]);
    expect(r.misses).toEqual({});
  });
});
