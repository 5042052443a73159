import { describe, expect, it } from 'vitest';
import { documentFrom } from '../testing.ts';
import { extractYouTube } from './extract.ts';
import channelHtml from './fixtures/channel.html?raw';
import homeHtml from './fixtures/home.html?raw';
import watchHtml from './fixtures/watch.html?raw';
import { videoIdOf, youTubePageKind } from './kind.ts';

const at = new Date('2025-04-09T12:00:00Z');

describe('YouTube page kind', () => {
  it.each([
    ['https://www.youtube.com/', 'yt-home'],
    ['https://www.youtube.com/feed/subscriptions', 'yt-home'],
    ['https://www.youtube.com/watch?v=GJLlxj_dtq8', 'yt-watch'],
    ['https://www.youtube.com/@Dave2D', 'yt-channel'],
    ['https://www.youtube.com/@Dave2D/videos', 'yt-channel'],
    ['https://www.youtube.com/channel/UCVYamHliCI9rw1tHR1xbkfw', 'yt-channel'],
    ['https://www.youtube.com/playlist?list=x', 'unknown'],
  ])('%s → %s', (url, kind) => {
    expect(youTubePageKind(new URL(url))).toBe(kind);
  });

  it('reads video ids', () => {
    expect(videoIdOf(new URL('https://www.youtube.com/watch?v=GJLlxj_dtq8&t=3'))).toBe('GJLlxj_dtq8');
    expect(videoIdOf(new URL('https://www.youtube.com/shorts/mIyJttK8aq4'))).toBe('mIyJttK8aq4');
  });
});

describe('extractYouTube on the home fixture', () => {
  const url = new URL('https://www.youtube.com/');
  const r = extractYouTube(documentFrom(homeHtml, url.href), url, at);

  it('reads classic, 2025-lockup, live and Shorts tiles, skipping ads and hidden pages', () => {
    expect(r.posts.map((p) => [p.id, p.title, p.author, p.views, p.publishedAt])).toEqual([
      ['AAAAAAAAAAA', 'Ten posting tips', 'Demo Channel', 1_234_567, '2025-04-06T12:00:00.000Z'],
      ['BBBBBBBBBBB', 'Streamed talk on analytics', 'Other Channel', 29_900, '2025-03-26T12:00:00.000Z'],
      ['CCCCCCCCCCC', 'Live now', 'Live Channel', 88, null],
      ['HHHHHHHHHHH', 'Plain text channel', 'Unlinked Channel', 0, '2025-04-09T11:55:00.000Z'],
      ['DDDDDDDDDDD', 'A quick short', null, 3_500_000, null],
    ]);
    expect(r.posts[0]?.handle).toBe('demochannel');
  });

  it('does not count fields a tile kind never shows as misses', () => {
    expect(r.misses).toEqual({});
  });
});

describe('extractYouTube on the rendered watch fixture', () => {
  const url = new URL('https://www.youtube.com/watch?v=WWWWWWWWWWW');
  const r = extractYouTube(documentFrom(watchHtml, url.href), url, at);

  it('reads exact counts from the rendered elements and ignores stale embedded JSON', () => {
    expect(r.kind).toBe('yt-watch');
    expect(r.profile).toEqual({ name: 'Demo Channel', handle: 'demochannel', subscribers: 1_500_000 });
    expect(r.posts).toEqual([
      {
        id: 'WWWWWWWWWWW',
        url: url.href,
        author: 'Demo Channel',
        handle: 'demochannel',
        title: 'How we read 2.5M views',
        text: 'How we read 2.5M views',
        publishedAt: '2021-03-03T00:00:00.000Z',
        views: 2_345_678,
        likes: 12_345,
      },
    ]);
    expect(r.misses).toEqual({});
  });
});

describe('extractYouTube on the channel fixture', () => {
  const url = new URL('https://www.youtube.com/@demochannel/videos');
  const r = extractYouTube(documentFrom(channelHtml, url.href), url, at);

  it('reads the header and the uploads grid', () => {
    expect(r.kind).toBe('yt-channel');
    expect(r.profile).toEqual({ name: 'Demo Channel', handle: 'demochannel', subscribers: 3_680_000, videos: 1234 });
    expect(r.posts.map((p) => [p.title, p.author, p.views, p.publishedAt])).toEqual([
      ['Newest upload', 'Demo Channel', 5432, '2025-04-09T07:00:00.000Z'],
      ['Older upload', 'Demo Channel', 1000, '2024-04-09T12:00:00.000Z'],
    ]);
    expect(r.misses).toEqual({});
  });
});

describe('extractYouTube after in-app navigation to another channel', () => {
  it('does not take the previous channel’s header, still on screen, for this one', () => {
    // The fixture's header is @demochannel's; the URL is already another channel's.
    const url = new URL('https://www.youtube.com/@otherchannel/videos');
    const r = extractYouTube(documentFrom(channelHtml, url.href), url, at);
    expect(r.profile).toMatchObject({ name: null, handle: 'otherchannel', subscribers: null, videos: null });
  });
});

describe('extractYouTube watch fallbacks', () => {
  const url = new URL('https://www.youtube.com/watch?v=LLLLLLLLLLL');
  const ld = (id: string) =>
    `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'VideoObject',
      '@id': `https://www.youtube.com/watch?v=${id}`,
      name: 'From JSON-LD',
      author: { '@type': 'Person', name: 'LD Channel' },
      uploadDate: '2024-02-29T08:00:00-08:00',
      interactionStatistic: [
        { '@type': 'InteractionCounter', interactionType: { '@type': 'WatchAction' }, userInteractionCount: 4321 },
        { '@type': 'InteractionCounter', interactionType: { '@type': 'LikeAction' }, userInteractionCount: 99 },
      ],
    })}</script>`;

  it('reads a JSON-LD VideoObject about this video', () => {
    const r = extractYouTube(documentFrom(`<html><body>${ld('LLLLLLLLLLL')}</body></html>`, url.href), url, at);
    expect(r.posts[0]).toMatchObject({ title: 'From JSON-LD', author: 'LD Channel', views: 4321, likes: 99, publishedAt: '2024-02-29T16:00:00.000Z' });
    expect(r.misses).toEqual({ 'profile.subscribers': 1 });
  });

  it('ignores JSON-LD about another video and counts the misses', () => {
    const r = extractYouTube(documentFrom(`<html><body>${ld('OTHEROTHERO')}</body></html>`, url.href), url, at);
    expect(r.posts[0]).toMatchObject({ title: null, views: null, likes: null, publishedAt: null });
    expect(r.misses).toEqual({
      'profile.name': 1, 'profile.subscribers': 1, 'post.views': 1, 'post.likes': 1, 'post.publishedAt': 1, 'post.title': 1,
    });
  });

  it('prefers an absolute date anywhere on the info line to a relative one', () => {
    const html = `<ytd-watch-info-text><div id="info-container"><div id="date-text" aria-label=""><span>6 years ago</span></div>
      <yt-formatted-string id="info"><span>1.8M views</span> <span>6 years ago</span></yt-formatted-string></div>
      <tp-yt-paper-tooltip><div id="tooltip">1,856,109 views • Aug 2, 2018</div></tp-yt-paper-tooltip></ytd-watch-info-text>`;
    const r = extractYouTube(documentFrom(html, url.href), url, at);
    expect(r.posts[0]).toMatchObject({ views: 1_856_109, publishedAt: '2018-08-02T00:00:00.000Z' });
  });
});
