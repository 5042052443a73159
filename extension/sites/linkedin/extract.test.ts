import { describe, expect, it } from 'vitest';
import { documentFrom } from '../testing.ts';
import { extractLinkedIn, parseEmployees, timeFromActivityUrn } from './extract.ts';
import activityHtml from './fixtures/activity.html?raw';
import companyHtml from './fixtures/company-posts.html?raw';
import feedHtml from './fixtures/feed.html?raw';
import profileHtml from './fixtures/profile.html?raw';
import { linkedInPageKind } from './kind.ts';

const at = new Date('2025-04-09T12:00:00Z');

describe('LinkedIn page kind', () => {
  it.each([
    ['https://www.linkedin.com/company/motionapp/', 'company'],
    ['https://www.linkedin.com/company/motionapp/about/', 'company'],
    ['https://www.linkedin.com/company/motionapp/people/', 'company'],
    ['https://www.linkedin.com/company/motionapp/posts/?feedView=all', 'company-posts'],
    ['https://www.linkedin.com/in/robertkcheung/', 'profile'],
    ['https://www.linkedin.com/in/shind/recent-activity/all/', 'activity'],
    ['https://www.linkedin.com/feed/', 'feed'],
    ['https://www.linkedin.com/jobs/', 'unknown'],
  ])('%s → %s', (url, kind) => {
    expect(linkedInPageKind(new URL(url))).toBe(kind);
  });
});

describe('LinkedIn helpers', () => {
  it.each([
    ['51-200 employees', { band: '51-200', min: 51, max: 200 }],
    ['10,001+ employees', { band: '10,001+', min: 10_001, max: null }],
    ['2-10 employees', { band: '2-10', min: 2, max: 10 }],
  ])('parseEmployees(%s)', (s, expected) => {
    expect(parseEmployees(s)).toEqual(expected);
  });

  it('dates an activity from its snowflake id', () => {
    expect(timeFromActivityUrn('urn:li:activity:7315810659462447104')?.toISOString()).toBe('2025-04-09T18:59:42.405Z');
    expect(timeFromActivityUrn('urn:li:comment:1')).toBeNull();
  });
});

describe('extractLinkedIn on the company posts fixture', () => {
  const url = new URL('https://www.linkedin.com/company/sightline-demo/posts/');
  const r = extractLinkedIn(documentFrom(companyHtml, url.href), url, at);

  it('reads the top card', () => {
    expect(r.kind).toBe('company-posts');
    expect(r.profile).toEqual({
      name: 'Sightline Demo',
      followers: 1_200_000,
      employees: '10,001+',
      employeesMin: 10_001,
      employeesMax: null,
      industry: 'Marketing Services',
      location: 'Berlin, Germany',
    });
  });

  it('reads every count format, ignoring the comments’ own counts', () => {
    expect(r.posts.map((p) => [p.author, p.reactions, p.comments, p.reposts])).toEqual([
      ['Sightline Demo', 1234, 56, 7],
      ['Ada Example', 42, 1, 0],
      ['Sightline Demo', 0, 0, 0],
      ['Sponsor Inc', 2501, 0, 0],
    ]);
  });

  it('resolves relative times against the capture time, and dates promoted posts by id', () => {
    expect(r.posts.map((p) => p.publishedAt)).toEqual([
      '2025-04-06T12:00:00.000Z',
      '2025-03-26T12:00:00.000Z',
      '2025-03-09T12:00:00.000Z',
      timeFromActivityUrn('urn:li:activity:7290000000000000000')?.toISOString(),
    ]);
  });

  it('keeps line breaks in post text and skips empty virtual-list slots', () => {
    expect(r.posts[0]?.text).toBe('We shipped posting-time advice.\n\nTry it 👉 today');
    expect(r.posts[0]?.url).toBe('https://www.linkedin.com/feed/update/urn:li:activity:7315000000000000000/');
    expect(r.posts).toHaveLength(4);
    expect(r.misses).toEqual({});
  });
});

describe('extractLinkedIn on the member profile fixture', () => {
  const url = new URL('https://www.linkedin.com/in/ada-example/');
  const r = extractLinkedIn(documentFrom(profileHtml, url.href), url, at);

  it('reads name, headline, connections and followers', () => {
    expect(r.kind).toBe('profile');
    expect(r.profile).toEqual({ name: 'Ada Example', headline: 'Head of Growth · Sightline', connections: 500, followers: 3456 });
    expect(r.posts[0]).toMatchObject({ author: 'Ada Example', reactions: 12, comments: 0, publishedAt: '2025-04-09T07:00:00.000Z' });
  });

  it('counts misses instead of throwing on an empty page', () => {
    const empty = extractLinkedIn(documentFrom('<main></main>', url.href), url, at);
    expect(empty.profile).toEqual({ name: null, headline: null, connections: null, followers: null });
    expect(empty.misses).toEqual({ 'profile.name': 1, 'profile.headline': 1, 'profile.connections': 1, 'profile.followers': 1 });
  });
});

describe('extractLinkedIn on the feed fixture', () => {
  const url = new URL('https://www.linkedin.com/feed/');
  const r = extractLinkedIn(documentFrom(feedHtml, url.href), url, at);

  it('reads the outer post of a reshare, a repost header, and the server-driven wrapper', () => {
    expect(r.kind).toBe('feed');
    expect(r.profile).toBeNull();
    expect(r.posts.map((p) => [p.id, p.author, p.text, p.reactions, p.comments, p.reposts, p.publishedAt])).toEqual([
      ['urn:li:activity:7316000000000000000', 'Outer Author', 'My take on this 👇', 7, 2, 0, '2025-04-09T07:00:00.000Z'],
      // "Ada Example and 12,344 others" is exact where the number beside it says 12K.
      ['urn:li:activity:7315500000000000000', 'Grace Hopper', 'A ship in port is safe.', 12_345, 1024, 512, '2025-04-07T12:00:00.000Z'],
      ['urn:li:activity:7314000000000000000', 'Server Driven', 'Rendered by the new feed.', 3, 0, 0, '2025-04-02T12:00:00.000Z'],
    ]);
    expect(r.misses).toEqual({});
  });

  it('flags a feed page where no post could be read', () => {
    const empty = extractLinkedIn(documentFrom('<main><div class="feed"></div></main>', url.href), url, at);
    expect(empty.posts).toEqual([]);
    expect(empty.misses).toEqual({ posts: 1 });
  });
});

describe('extractLinkedIn on the recent-activity fixture', () => {
  const url = new URL('https://www.linkedin.com/in/ada-example/recent-activity/all/');
  const r = extractLinkedIn(documentFrom(activityHtml, url.href), url, at);

  it('names the owner and reads the posts', () => {
    expect(r.kind).toBe('activity');
    expect(r.profile).toEqual({ name: 'Ada Example' });
    expect(r.posts).toEqual([
      {
        id: 'urn:li:activity:7313000000000000000',
        url: 'https://www.linkedin.com/feed/update/urn:li:activity:7313000000000000000/',
        author: 'Ada Example',
        text: 'Weekly numbers.',
        publishedAt: '2025-04-05T12:00:00.000Z',
        reactions: 88,
        comments: 9,
        reposts: 0,
      },
    ]);
  });
});

describe('extractLinkedIn on an About tab', () => {
  it('takes industry and headquarters from their labels, whatever the top card order', () => {
    const url = new URL('https://www.linkedin.com/company/labelled/about/');
    const html = `<main><section class="org-top-card"><h1>Labelled Co</h1>
      <div class="org-top-card-summary-info-list"><div class="org-top-card-summary-info-list__info-item">Paris, France</div>
      <div class="org-top-card-summary-info-list__info-item">950 followers</div></div></section>
      <section><dl><dt>Website</dt><dd>labelled.example</dd><dt>Industry</dt><dd>Design Services</dd>
      <dt>Company size</dt><dd>2-10 employees</dd><dt>Headquarters</dt><dd>Paris, France</dd></dl></section></main>`;
    const r = extractLinkedIn(documentFrom(html, url.href), url, at);
    expect(r.profile).toMatchObject({ name: 'Labelled Co', followers: 950, industry: 'Design Services', location: 'Paris, France' });
  });
});
