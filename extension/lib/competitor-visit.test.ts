import { describe, expect, it } from 'vitest';
import { extractPage } from '../sites/index.ts';
import { documentFrom } from '../sites/testing.ts';
import linkedInCompany from '../sites/linkedin/fixtures/company-posts.html?raw';
import linkedInProfile from '../sites/linkedin/fixtures/profile.html?raw';
import xProfile from '../sites/x/fixtures/profile.html?raw';
import ytChannel from '../sites/youtube/fixtures/channel.html?raw';
import ytHome from '../sites/youtube/fixtures/home.html?raw';
import { accountOf, ownPosts, pageMetrics, snapshotOf } from './competitor-visit.ts';

const at = new Date('2026-11-24T12:00:00Z');
const read = (html: string, url: string) => extractPage(documentFrom(html, url), new URL(url), at)!;

describe('accountOf', () => {
  it.each([
    [xProfile, 'https://x.com/sightline_demo/likes', { platform: 'x', handle: 'sightline_demo', url: 'https://x.com/sightline_demo/' }],
    [ytChannel, 'https://www.youtube.com/@demochannel/videos', { platform: 'youtube', handle: 'demochannel', url: 'https://www.youtube.com/@demochannel/' }],
    [linkedInCompany, 'https://www.linkedin.com/company/sightline-demo/posts/?feedView=all', { platform: 'linkedin', handle: 'company/sightline-demo', name: 'Sightline Demo', url: 'https://www.linkedin.com/company/sightline-demo/' }],
  ])('%#: %s', (html, url, expected) => {
    expect(accountOf(read(html, url), new URL(url))).toMatchObject(expected);
  });

  it('a member profile is keyed by its vanity name', () => {
    const url = 'https://www.linkedin.com/in/robcheung/';
    expect(accountOf(read(linkedInProfile, url), new URL(url))?.handle).toBe('robcheung');
  });

  it('is null on pages that are not about one account', () => {
    expect(accountOf(read(ytHome, 'https://www.youtube.com/'), new URL('https://www.youtube.com/'))).toBeNull();
  });
});

describe('snapshotOf', () => {
  it('X profile: followers and following, and only the account’s own tweets', () => {
    const url = 'https://x.com/sightline_demo';
    const ex = read(xProfile, url);
    const account = accountOf(ex, new URL(url))!;
    const snap = snapshotOf(ex, account, at);
    expect(snap).toMatchObject({ capturedAt: at.toISOString(), followers: 1_200_000, following: 1024 });
    expect(snap.posts.length).toBe(ownPosts(ex, account).filter((p) => p.publishedAt).length);
    expect(snap.posts.length).toBeLessThan(ex.posts.length + 1);
    for (const p of snap.posts) expect(p.url).toMatch(/^https:\/\/x\.com\/sightline_demo\/status\/\d+$/);
  });

  it('YouTube channel: subscribers count as the audience, videos go to metrics', () => {
    const url = 'https://www.youtube.com/@demochannel/videos';
    const ex = read(ytChannel, url);
    const snap = snapshotOf(ex, accountOf(ex, new URL(url))!, at);
    expect(snap).toMatchObject({ followers: 3_680_000, following: null, metrics: { subscribers: 3_680_000, videos: 1234 } });
  });

  it('LinkedIn company: employees band in metrics, posts with reactions as likes', () => {
    const url = 'https://www.linkedin.com/company/sightline-demo/posts/';
    const ex = read(linkedInCompany, url);
    const snap = snapshotOf(ex, accountOf(ex, new URL(url))!, at);
    expect(snap.followers).toBe(1_200_000);
    expect(snap.metrics['employees']).toBe('10,001+');
    expect(snap.posts.some((p) => p.likes === 1234 && p.comments === 56 && p.shares === 7)).toBe(true);
  });
});

describe('pageMetrics', () => {
  it('lists what was read, in order, leaving out what was not', () => {
    expect(pageMetrics({ name: 'x', followers: 10, following: null, employees: '51-200' })).toEqual([
      { label: 'followers', value: 10 },
      { label: 'employees', value: '51-200' },
    ]);
  });
});
