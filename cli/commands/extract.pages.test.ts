// The extractors against real rendered pages in ../shared/pages, loaded the way the
// `extract` command loads them. Expected values are the ones ../shared/pages/README.md
// lists, plus counts checked by hand against the pages' own aria-labels.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pagesDir, pagesPresent, savedPages } from '../../bench/extract-pages.ts';
import { timeFromActivityUrn } from '../../extension/sites/linkedin/extract.ts';
import { extractPage, type Extraction } from '../../extension/sites/index.ts';
import type { Post } from '../../extension/sites/types.ts';
import { loadDocument } from './extract.ts';

if (!pagesPresent) console.warn(`[extract.pages.test] skipped: ${pagesDir} is absent`);

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

const cache = new Map<string, Extraction>();
function page(file: string): Extraction {
  const hit = cache.get(file);
  if (hit) return hit;
  const saved = savedPages.find((p) => p.file === file);
  if (!saved) throw new Error(`no URL recorded for ${file}`);
  const { document, close } = loadDocument(readFileSync(path.join(pagesDir, file), 'utf8'), saved.url);
  closers.push(close);
  const result = extractPage(document, new URL(saved.url), new Date(saved.capturedAt));
  if (!result) throw new Error(`unsupported ${saved.url}`);
  cache.set(file, result);
  return result;
}

const counts = (p: Post | undefined) => [p?.replies, p?.reposts, p?.likes, p?.bookmarks, p?.views];

describe.skipIf(!pagesPresent)('real LinkedIn pages', () => {
  it('company.html: Motion, 8K followers, 51-200 employees, industry, location', () => {
    const r = page('linkedin/company.html');
    expect(r.kind).toBe('company');
    expect(r.profile).toMatchObject({
      name: 'Motion',
      followers: 8000,
      employees: '51-200',
      employeesMin: 51,
      employeesMax: 200,
      industry: 'Software Development',
      location: 'Mountain View, CA',
    });
    expect(r.misses).toEqual({});
  });

  it('company-posts.html: company posts with reactions, comments, reposts', () => {
    const r = page('linkedin/company-posts.html');
    expect(r.profile).toMatchObject({ name: 'Motion', followers: 8000 });
    expect(r.posts.map((p) => [p.author, p.reactions, p.comments, p.reposts])).toEqual([
      ['Motion', 25, 4, 0],
      ['Tova Dvorin', 9, 4, 1],
      ['Harry Qi', 119, 17, 10],
      ['Patrick Ward', 70, 9, 2],
      ['Motion', 70, 13, 15],
    ]);
    expect(r.posts[0]?.text).toMatch(/^🥁 Check out our latest release!/);
    expect(r.misses).toEqual({});
  });

  it('company-feed.html and company-people.html: the same top card on other tabs', () => {
    expect(page('linkedin/company-feed.html').profile).toMatchObject({
      name: 'Lorikeet', followers: 3000, employees: '11-50', industry: 'Technology, Information and Internet',
    });
    expect(page('linkedin/company-feed.html').posts.map((p) => [p.reactions, p.comments, p.reposts])).toEqual([
      [18, 1, 1], [9, 0, 0], [28, 2, 0], [17, 0, 0],
    ]);
    expect(page('linkedin/company-people.html').profile).toMatchObject({ name: 'Motion', followers: 8000, employees: '51-200' });
  });

  it('profile.html: Rob Cheung, headline, 500+ connections, 1,159 followers', () => {
    const r = page('linkedin/profile.html');
    expect(r.kind).toBe('profile');
    expect(r.profile).toEqual({ name: 'Rob Cheung', headline: 'Co-Founder ꩜Substrate', connections: 500, followers: 1159 });
  });

  it('feeds: every post has author, text, reactions and comments', () => {
    const expected: Record<string, Array<[number, number]>> = {
      'linkedin/feed.html': [[646, 52], [1672, 262], [221, 162]],
      'linkedin/person-feed.html': [[38, 2], [42, 2], [28, 14], [84, 14], [14, 3], [22, 4], [49, 5], [53, 4], [54, 3]],
    };
    for (const file of ['linkedin/feed.html', 'linkedin/feed-2.html', 'linkedin/feed-3.html', 'linkedin/person-feed.html']) {
      const r = page(file);
      expect(r.posts.length, file).toBeGreaterThanOrEqual(3);
      for (const p of r.posts) {
        expect(p.author, file).toBeTruthy();
        expect(p.text, file).toBeTruthy();
        expect(typeof p.reactions, file).toBe('number');
        expect(typeof p.comments, file).toBe('number');
      }
      const want = expected[file];
      if (want) expect(r.posts.map((p) => [p.reactions, p.comments]), file).toEqual(want);
      expect(r.misses, file).toEqual({});
    }
    expect(page('linkedin/person-feed.html').profile).toEqual({ name: 'Steve Hind' });
  });

  it('feed-3.html still reads every post when the data-urn hooks are gone (fallback alternatives)', async () => {
    const saved = savedPages.find((p) => p.file === 'linkedin/feed-3.html')!;
    const { document, close } = loadDocument(readFileSync(path.join(pagesDir, saved.file), 'utf8'), saved.url);
    for (const el of Array.from(document.querySelectorAll('[data-urn]'))) el.removeAttribute('data-urn');
    const r = extractPage(document, new URL(saved.url), new Date(saved.capturedAt));
    await close();
    const strip = (e: Extraction | null) => e?.posts.map((p) => [p.id, p.author, p.reactions, p.comments, p.reposts, p.publishedAt]);
    expect(strip(r)).toEqual(strip(page('linkedin/feed-3.html')));
    expect(r?.misses).toEqual({});
  });

  it('relative post times agree with the time inside each activity id', () => {
    // "20h" means 20-21 hours before capture, "1w" 7-13 days, "2mo" 2-3 months: the id's
    // embedded time must fall inside that window (1 h slack: feeds render over a session).
    const HOUR = 3_600_000;
    const span: Record<string, number> = { h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR, mo: 31 * 24 * HOUR, yr: 366 * 24 * HOUR };
    let checked = 0;
    for (const saved of savedPages.filter((p) => p.file.startsWith('linkedin/'))) {
      const html = readFileSync(path.join(pagesDir, saved.file), 'utf8');
      for (const post of page(saved.file).posts) {
        const urnTime = timeFromActivityUrn(post.id)?.getTime();
        const at = post.publishedAt ? Date.parse(post.publishedAt) : NaN;
        const label = new RegExp(`data-urn="${post.id}"[\\s\\S]*?sub-description[^>]*>\\s*<span aria-hidden="true">(?:<!---->)?(\\d+)(h|d|w|mo|yr)\\b`).exec(html);
        if (!urnTime || !label?.[2]) continue;
        const unit = span[label[2]] ?? 0;
        expect(urnTime, `${saved.file} ${post.id}`).toBeGreaterThanOrEqual(at - unit - HOUR);
        expect(urnTime, `${saved.file} ${post.id}`).toBeLessThanOrEqual(at + HOUR);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe.skipIf(!pagesPresent)('real X pages', () => {
  it('likes.html: @0thernet with 2,381 followers and 5,080 following; exact liked-tweet counts', () => {
    const r = page('x/likes.html');
    expect(r.kind).toBe('x-profile');
    expect(r.profile).toEqual({ name: 'ben g🥦', handle: '0thernet', followers: 2381, following: 5080 });
    expect(r.posts.map(counts)).toEqual([
      [79, 39, 968, 69, 21478],
      [41, 108, 799, 469, 82629],
      [0, 0, 2, 0, 220],
      [43, 43, 533, 65, 39375],
      [796, 1489, 11775, 1259, 1870251],
    ]);
    expect(r.misses).toEqual({});
  });

  it('home.html, bookmarks.html, thread.html: every tweet with <time datetime> and metrics', () => {
    expect(page('x/home.html').posts.map(counts)).toEqual([
      [6, 2, 28, 0, 255],
      [15, 4, 139, 9, 5470],
      [141, 157, 1247, 384, 161820],
      [7, 16, 159, 109, 21952],
      [21, 100, 1314, 818, 130516],
    ]);
    expect(page('x/bookmarks.html').posts.map(counts)).toEqual([
      [26, 54, 461, 205, 38614],
      [249, 352, 2274, 1408, 861097],
      [29, 48, 538, 462, 151712],
      [796, 1488, 11766, 1245, 1872345],
      [223, 182, 2977, 582, 183768],
    ]);
    const thread = page('x/thread.html');
    expect(thread.kind).toBe('thread');
    expect(thread.posts.map(counts)).toEqual([
      [29, 48, 538, 462, 151330],
      [5, 3, 100, 7, 12744],
      [7, 14, 130, 29, 22726],
      [6, 2, 128, 6, 26907],
    ]);
    for (const file of ['x/home.html', 'x/bookmarks.html', 'x/thread.html']) {
      const r = page(file);
      expect(r.posts).toHaveLength(file === 'x/thread.html' ? 4 : 5);
      for (const p of r.posts) {
        expect(p.publishedAt, file).toMatch(/^20\d\d-\d\d-\d\dT/);
        expect(p.handle, file).toMatch(/^\w+$/);
        expect(p.author, file).toBeTruthy();
      }
      expect(r.misses, file).toEqual({});
    }
    expect(thread.posts[0]).toMatchObject({ author: 'Eli Lifland', handle: 'eli_lifland', publishedAt: '2025-04-06T00:03:10.000Z' });
  });

  it('tweet-article-sample.html: exact counts from the metrics aria-label, Oct 23, 2025', () => {
    const r = page('x/tweet-article-sample.html');
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0]).toMatchObject({
      handle: 'TestUser123',
      replies: 48,
      reposts: 152,
      likes: 553,
      bookmarks: 9,
      views: 30142,
      publishedAt: '2025-10-23T16:34:09.000Z',
    });
  });

  it('tweet-article-quote.html: outer @TestQuoter counts, inner @OriginalAuthor', () => {
    const [outer] = page('x/tweet-article-quote.html').posts;
    expect(outer).toMatchObject({ handle: 'TestQuoter', replies: 2534, reposts: 4483, likes: 25616, bookmarks: 797, views: 2_596_467 });
    expect(outer?.text).toBe('This is a quote tweet with additional commentary');
    expect(outer?.quoted).toMatchObject({ handle: 'OriginalAuthor', author: 'Original Author', publishedAt: '2025-10-28T11:10:33.000Z' });
  });

  it('article-2026-02.html: a long-form article with its title and counts', () => {
    const r = page('x/article-2026-02.html');
    expect(r.kind).toBe('article');
    expect(r.posts[0]).toMatchObject({
      handle: 'arscontexta',
      title: 'obsidian + claude code 101',
      replies: 76,
      reposts: 234,
      likes: 2378,
      bookmarks: 8190,
      views: 1_122_900,
    });
    expect(r.posts[0]?.text).toMatch(/^ive spent the last year building/);
  });
});

describe.skipIf(!pagesPresent)('real YouTube pages', () => {
  it('home.html: 31 ytd-rich-item-renderer items with titles, channels, views, ages', () => {
    const r = page('youtube/home.html');
    expect(r.kind).toBe('yt-home');
    expect(r.posts).toHaveLength(31);
    for (const p of r.posts) {
      expect(p.title).toBeTruthy();
      expect(p.views).toBeGreaterThan(0);
    }
    const videos = r.posts.filter((p) => p.url?.includes('/watch'));
    expect(videos).toHaveLength(22);
    for (const p of videos) expect(p.author).toBeTruthy();
    // All but the live stream print an age.
    expect(videos.filter((p) => p.publishedAt).length).toBe(21);
    expect(r.posts[0]).toMatchObject({
      title: "Who benefits from Trump's tariff wall? | Ian Bremmer's Quick Take",
      author: 'GZERO Media',
      views: 77_097,
      publishedAt: '2025-04-08T12:00:00.000Z',
    });
    // A Short's rounded count ("22 million views").
    expect(r.posts.find((p) => p.title === 'Gun piano makes music from peoples screams')?.views).toBe(22_000_000);
    expect(r.misses).toEqual({});
  });

  it('watch-server-html.html: 1,856,109 views, 43,864 likes, 3.68M subscribers, publish date', () => {
    const r = page('youtube/watch-server-html.html');
    const player = JSON.parse(readFileSync(path.join(pagesDir, 'youtube/watch-player-response.json'), 'utf8')) as {
      videoDetails: { videoId: string; viewCount: string; author: string };
    };
    expect(r.kind).toBe('yt-watch');
    expect(r.profile).toMatchObject({ name: 'Dave2D', handle: 'Dave2D', subscribers: 3_680_000 });
    expect(r.posts[0]).toMatchObject({
      id: player.videoDetails.videoId,
      title: 'Surface Go Review - It’s Awesome',
      author: player.videoDetails.author,
      views: Number(player.videoDetails.viewCount),
      likes: 43_864,
      // publishDate "2018-08-02T06:00:08-07:00" of the page's player JSON and microdata.
      publishedAt: '2018-08-02T13:00:08.000Z',
    });
    expect(r.misses).toEqual({});
  });
});
