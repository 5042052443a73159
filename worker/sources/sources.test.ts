import { beforeEach, describe, expect, inject, it } from 'vitest';
import { gitHubClient, nextLink, parseTrendingPage } from './github.ts';
import { googleTrendsClient, parseTrendsRss } from './google-trends.ts';
import { hackerNewsClient } from './hackernews.ts';
import { getWithRetry, parseRetryAfter, SourceError, type HttpOptions } from './http.ts';
import { redditClient } from './reddit.ts';

// Its own namespace on the shared replay server (see replay-server.ts), as test files run in parallel.
const base = `${inject('sourceReplayUrl')}/~sources`;
const observedAt = Date.parse('2026-11-24T12:00:00Z');

/** Records the waits instead of sleeping, so backoff is checked without slowing the suite. */
function recordingHttp(): HttpOptions & { waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms), random: () => 0.5 };
}

const config = (http?: HttpOptions) => ({ baseUrl: base, userAgent: 'test-agent/1.0', maxPages: 3, ...(http ? { http } : {}) });

async function faults(list: { path: string; status: number; headers?: Record<string, string>; times: number; body?: string }[]) {
  await fetch(`${base}/__faults`, { method: 'POST', body: JSON.stringify(list) });
}
async function requests(): Promise<{ path: string; query: Record<string, string> }[]> {
  return (await fetch(`${base}/__log`)).json();
}

beforeEach(async () => {
  await fetch(`${base}/__reset`, { method: 'POST' });
});

describe('Hacker News (Algolia)', () => {
  it('pages through search_by_date and maps hits to observations', async () => {
    const obs = await hackerNewsClient(config()).fetchObservations({ observedAt, topics: [] });
    expect(obs.map((o) => o.externalId)).toEqual(['42100001', '42100002', '42100003']);
    expect(obs[0]).toEqual({
      source: 'hackernews',
      externalId: '42100001',
      title: 'Rust for Linux reaches a new milestone',
      text: null,
      url: 'https://lwn.net/Articles/990001/',
      score: 412,
      comments: 87,
      createdAt: Date.parse('2026-11-24T09:12:40Z'),
      observedAt,
    });
    // An Ask/Show HN without a URL links to its discussion.
    expect(obs[1]!.url).toBe('https://news.ycombinator.com/item?id=42100002');
    const log = await requests();
    expect(log.map((r) => r.query.page)).toEqual(['0', '1']);
    expect(log[0]!.query).toMatchObject({ tags: 'story', hitsPerPage: '100' });
    expect(log[0]!.query.numericFilters).toMatch(/^created_at_i>\d+,points>=5$/);
  });

  it('searches each topic', async () => {
    await hackerNewsClient({ ...config(), maxPages: 1 }).fetchObservations({ observedAt, topics: ['rust', 'passkeys'] });
    expect((await requests()).map((r) => r.query.query)).toEqual(['rust', 'passkeys']);
  });
});

describe('Reddit', () => {
  it('reads rising listings with a descriptive User-Agent, skipping stickied posts', async () => {
    const obs = await redditClient({ ...config(), subreddits: ['programming'] }).fetchObservations({ observedAt, topics: [] });
    expect(obs.map((o) => o.externalId)).toEqual(['t3_1h2abcd', 't3_1h2abce']);
    expect(obs[1]).toMatchObject({
      title: 'We replaced our support scripts with AI agents',
      text: 'We moved our support flows to AI agents. Here is what broke.',
      url: 'https://www.reddit.com/r/programming/comments/1h2abce/we_replaced_our_support_scripts_with_ai_agents/',
      score: 97,
      comments: 41,
      createdAt: 1795503600000,
    });
    const log = await requests();
    expect(log.map((r) => r.path)).toEqual(['/r/programming/rising.json']);
  });

  it('stops paginating when the rate limit is spent', async () => {
    await faults([{ path: '/r/', status: 200, times: 1, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '300' }, body: JSON.stringify({ kind: 'Listing', data: { after: 't3_next', children: [] } }) }]);
    await redditClient({ ...config(), subreddits: ['a', 'b'] }).fetchObservations({ observedAt, topics: [] });
    expect((await requests()).length).toBe(1);
  });
});

describe('GitHub', () => {
  it('searches recent repositories by stars and follows the Link header', async () => {
    const obs = await gitHubClient(config()).fetchObservations({ observedAt, topics: [] });
    expect(obs.map((o) => o.externalId)).toEqual(['acme-labs/agent-kit', 'kdev/rust_kernel_drivers']);
    expect(obs[0]).toMatchObject({
      title: 'agent kit: A tiny framework for building AI agents with tool calling',
      score: 2841,
      url: 'https://github.com/acme-labs/agent-kit',
      createdAt: Date.parse('2026-11-20T14:03:11Z'),
    });
    expect(obs[1]!.title).toBe('rust kernel drivers');
    const log = await requests();
    expect(log.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(log[0]!.query).toMatchObject({ sort: 'stars', order: 'desc', q: 'created:>2026-11-17 stars:>10' });
  });

  it.each([
    ['<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=9>; rel="last"', 'https://api.github.com/x?page=2'],
    ['<https://api.github.com/x?page=1>; rel="prev"', null],
    [null, null],
  ])('nextLink(%j)', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});

describe('Google Trends RSS', () => {
  it('parses items, traffic, dates and news, decoding entities and CDATA', async () => {
    const obs = await googleTrendsClient(config()).fetchObservations({ observedAt, topics: [] });
    expect(obs).toHaveLength(2);
    expect(obs[0]).toMatchObject({
      source: 'google-trends',
      externalId: 'US:passkeys',
      title: 'passkeys',
      score: 50000,
      url: 'https://www.example.com/news/passkeys-banks',
      createdAt: Date.parse('2026-11-24T14:10:00Z'),
      text: 'Big banks switch on passkeys for "every" customer · What passkeys mean for your passwords & you',
    });
    expect(obs[1]!.score).toBe(2_000_000);
  });

  it('ignores items without a title', () => {
    expect(parseTrendsRss('<rss><channel><item><description>x</description></item></channel></rss>')).toEqual([]);
  });
});

describe('retries', () => {
  it('honours Retry-After on 429 and then succeeds', async () => {
    await faults([{ path: '/trending/rss', status: 429, times: 2, headers: { 'retry-after': '3' } }]);
    const http = recordingHttp();
    const obs = await googleTrendsClient(config(http)).fetchObservations({ observedAt, topics: [] });
    expect(obs).toHaveLength(2);
    expect(http.waits).toEqual([3000, 3000]);
  });

  it('backs off exponentially with jitter on 5xx', async () => {
    await faults([{ path: '/trending/rss', status: 503, times: 3 }]);
    const http = recordingHttp();
    await googleTrendsClient(config({ ...http, baseDelayMs: 100 })).fetchObservations({ observedAt, topics: [] });
    // random() = 0.5 → half of 100, 200, 400.
    expect(http.waits).toEqual([50, 100, 200]);
  });

  it('gives up after a bounded number of attempts with a clear error', async () => {
    await faults([{ path: '/trending/rss', status: 500, times: 100 }]);
    const http = recordingHttp();
    const err = await googleTrendsClient(config(http)).fetchObservations({ observedAt, topics: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).kind).toBe('unreachable');
    expect((err as SourceError).message).toMatch(/failed with HTTP 500/);
    expect((await requests()).length).toBe(4);
  });

  it('does not retry a 4xx other than 429', async () => {
    await faults([{ path: '/search/repositories', status: 422, times: 5 }]);
    const err = await gitHubClient(config(recordingHttp())).fetchObservations({ observedAt, topics: ['x'] }).catch((e: unknown) => e);
    // 422 is GitHub refusing this query, not GitHub being broken.
    expect((err as SourceError).kind).toBe('rejected');
    expect((await requests()).length).toBe(1);
  });

  it('stops waiting when Retry-After is longer than a job should wait, reporting it', async () => {
    await faults([{ path: '/api/', status: 429, times: 5, headers: { 'retry-after': '3600' } }]);
    const http = recordingHttp();
    const err = (await hackerNewsClient(config(http)).fetchObservations({ observedAt, topics: [] }).catch((e: unknown) => e)) as SourceError;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(3_600_000);
    expect(http.waits).toEqual([]);
  });

  it('reports an unreachable host as such', async () => {
    const err = (await getWithRetry('reddit', 'http://127.0.0.1:9/nothing', {}, { ...recordingHttp(), retries: 1 }).catch((e: unknown) => e)) as SourceError;
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe('127.0.0.1:9 unreachable: could not connect (DNS or network failure)');
  });

  it.each([
    ['120', 120_000],
    ['Tue, 24 Nov 2026 12:01:00 GMT', 60_000],
    ['soon', null],
    [null, null],
  ])('parseRetryAfter(%j)', (value, expected) => {
    expect(parseRetryAfter(value, Date.parse('2026-11-24T12:00:00Z'))).toBe(expected);
  });
});

describe('GitHub trending page (secondary signal)', () => {
  it('parses repositories, stars and stars today from the page markup', async () => {
    const html = await (await fetch(`${base}/trending`)).text();
    expect(parseTrendingPage(html)).toEqual([
      { fullName: 'acme-labs/agent-kit', description: 'A tiny framework for building AI agents with tool calling', language: 'TypeScript', stars: 2841, starsToday: 412 },
      { fullName: 'torvalds/linux', description: 'Linux kernel source tree & Rust drivers', language: 'C', stars: 190512, starsToday: 1037 },
    ]);
    expect(parseTrendingPage('<html>no articles</html>')).toEqual([]);
  });

  it('adds trending repositories the search did not return, once', async () => {
    const obs = await gitHubClient({ ...config(), trendingBaseUrl: base }).fetchObservations({ observedAt, topics: [] });
    expect(obs.map((o) => o.externalId)).toEqual(['acme-labs/agent-kit', 'kdev/rust_kernel_drivers', 'torvalds/linux']);
    expect(obs[2]).toMatchObject({ score: 190512, url: 'https://github.com/torvalds/linux', title: 'linux: Linux kernel source tree & Rust drivers' });
  });

  it('keeps the search results when the trending page is down', async () => {
    await faults([{ path: '/trending', status: 503, times: 10 }]);
    const obs = await gitHubClient({ ...config(recordingHttp()), trendingBaseUrl: base }).fetchObservations({ observedAt, topics: [] });
    expect(obs.map((o) => o.externalId)).toEqual(['acme-labs/agent-kit', 'kdev/rust_kernel_drivers']);
  });
});
