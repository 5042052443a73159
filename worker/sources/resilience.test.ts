import { beforeEach, describe, expect, inject, it } from 'vitest';
import { gitHubClient } from './github.ts';
import { hackerNewsClient } from './hackernews.ts';
import { getWithRetry, JobBudget, SourceError, type HttpOptions } from './http.ts';
import { redditClient } from './reddit.ts';
import type { SourceClientConfig } from './types.ts';

// Its own namespace on the shared replay server (see replay-server.ts), as test files run in parallel.
const base = `${inject('sourceReplayUrl')}/~resilience`;
const observedAt = Date.parse('2026-11-24T12:00:00Z');

function recordingHttp(): HttpOptions & { waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms), random: () => 0.5 };
}
const config = (http: HttpOptions = recordingHttp()): SourceClientConfig => ({ baseUrl: base, userAgent: 'test-agent/1.0', maxPages: 3, http });

type Fault = { path: string; status: number; headers?: Record<string, string>; times: number; body?: string; query?: string };
async function faults(list: Fault[]) {
  await fetch(`${base}/__faults`, { method: 'POST', body: JSON.stringify(list) });
}
async function requests(): Promise<{ path: string; query: Record<string, string> }[]> {
  return (await fetch(`${base}/__log`)).json();
}

/**
 * The replay server's own fixture bodies, with items altered, so everything else keeps the
 * documented shape. Read through a namespace of their own so they stay out of this file's log.
 */
const fixturePaths = { hn: '/api/v1/search_by_date?page=0', github: '/search/repositories', reddit: '/r/programming/rising.json' };
const fixture = async (name: keyof typeof fixturePaths) => (await (await fetch(`${inject('sourceReplayUrl')}/~resilience-fixtures${fixturePaths[name]}`)).json()) as Record<string, unknown>;

beforeEach(async () => {
  await fetch(`${base}/__reset`, { method: 'POST' });
});

describe('malformed upstream items are dropped and counted, not fatal', () => {
  it('Hacker News: a hit without a title or with a non-numeric date is dropped, the rest kept', async () => {
    const page = (await fixture('hn')) as { hits: Record<string, unknown>[]; nbPages: number };
    page.nbPages = 1;
    page.hits[0] = { ...page.hits[0], created_at_i: 'yesterday' };
    page.hits.push({ objectID: '42100099', title: null, created_at_i: 1795471500 });
    await faults([{ path: '/api/', status: 200, times: 1, body: JSON.stringify(page) }]);
    const client = hackerNewsClient(config());
    const result = await client.pull({ observedAt, topics: [] });
    expect(result.observations.map((o) => o.externalId)).toEqual(['42100002']);
    expect(result.observations.every((o) => Number.isInteger(o.createdAt) && o.title.length > 0)).toBe(true);
    expect(Object.values(result.dropped).reduce((a, b) => a + b, 0)).toBe(2);
    expect(Object.keys(result.dropped).sort()).toEqual([expect.stringMatching(/^created_at_i/), expect.stringMatching(/^title/)]);
    expect(result.failures).toEqual([]);
  });

  it('GitHub: a repository without full_name or with an unparseable created_at is dropped', async () => {
    const body = (await fixture('github')) as { items: Record<string, unknown>[] };
    body.items.push({ ...body.items[0], full_name: undefined, id: 1 }, { ...body.items[1], full_name: 'x/broken-date', created_at: 'not a date' });
    await faults([{ path: '/search/repositories', status: 200, times: 1, body: JSON.stringify(body) }]);
    const obs = await gitHubClient({ ...config(), maxPages: 1 }).fetchObservations({ observedAt, topics: [] });
    expect(obs.map((o) => o.externalId)).toEqual(['acme-labs/agent-kit', 'kdev/rust_kernel_drivers']);
    expect(obs.every((o) => Number.isFinite(o.createdAt))).toBe(true);
  });

  it('Reddit: a child without data, or a post without a title, is dropped; the listing still counts', async () => {
    const body = (await fixture('reddit')) as { data: { children: unknown[] } };
    body.data.children.unshift({ kind: 't3' }, { kind: 't3', data: { name: 't3_notitle', created_utc: 1795500000, permalink: '/r/x/1' } });
    await faults([{ path: '/r/', status: 200, times: 1, body: JSON.stringify(body) }]);
    const result = await redditClient({ ...config(), subreddits: ['programming'] }).pull({ observedAt, topics: [] });
    expect(result.observations.map((o) => o.externalId)).toEqual(['t3_1h2abcd', 't3_1h2abce']);
    expect(Object.values(result.dropped).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it.each([
    ['hackernews', '/api/', 'null'],
    ['hackernews', '/api/', '{}'],
    ['github', '/search/repositories', 'null'],
    ['github', '/search/repositories', '{"items": {}}'],
    ['reddit', '/r/', 'null'],
    ['reddit', '/r/', '{"kind": "Listing", "data": null}'],
  ] as const)('%s (%s): a body of %s is a bad_response, not a TypeError', async (source, path, body) => {
    await faults([{ path, status: 200, times: 1, body }]);
    const client = source === 'hackernews' ? hackerNewsClient(config()) : source === 'github' ? gitHubClient(config()) : redditClient({ ...config(), subreddits: ['programming'] });
    const err = await client.fetchObservations({ observedAt, topics: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).kind).toBe('bad_response');
    expect((err as SourceError).message).toMatch(/documented shape/);
  });
});

describe('one failing topic does not cost the others', () => {
  it('GitHub: a 422 for one topic’s query is reported as rejected; the other topics are read', async () => {
    await faults([{ path: '/search/repositories', query: 'user:nonexistent', status: 422, times: 5, body: JSON.stringify({ message: 'Validation Failed', errors: [{ resource: 'Search', field: 'q', code: 'invalid' }] }) }]);
    const result = await gitHubClient({ ...config(), maxPages: 1 }).pull({ observedAt, topics: ['rust', 'user:nonexistent', 'agents'] });
    expect(result.observations.map((o) => o.externalId)).toEqual(['acme-labs/agent-kit', 'kdev/rust_kernel_drivers']);
    expect(result.failures.map((f) => [f.topic, f.error.kind, f.error.status])).toEqual([['user:nonexistent', 'rejected', 422]]);
    expect((await requests()).map((r) => r.query.q!.split(' ')[0])).toEqual(['rust', 'user:nonexistent', 'agents']);
  });

  it('Hacker News: a rate limit longer than a job waits keeps what was read and stops asking', async () => {
    await faults([{ path: '/api/', query: 'second', status: 429, times: 5, headers: { 'retry-after': '3600' } }]);
    const result = await hackerNewsClient({ ...config(), maxPages: 1 }).pull({ observedAt, topics: ['first', 'second', 'third'] });
    expect(result.observations.map((o) => o.externalId)).toEqual(['42100001', '42100002']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.topic).toBe('second');
    expect(result.failures[0]!.error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000 });
    // The rate limit applies to every topic: the third is not tried.
    expect((await requests()).map((r) => r.query.query)).toEqual(['first', 'second']);
  });
});

describe('GitHub rate limits (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api)', () => {
  const url = () => `${base}/search/repositories?q=x`;

  it('a secondary limit (403 with Retry-After, quota left) is a rate limit and waits as asked', async () => {
    await faults([{ path: '/search/repositories', status: 403, times: 1, headers: { 'retry-after': '2', 'x-ratelimit-remaining': '14' }, body: JSON.stringify({ message: 'You have exceeded a secondary rate limit.' }) }]);
    const http = recordingHttp();
    const res = await getWithRetry('github', url(), {}, http);
    expect(res.status).toBe(200);
    expect(http.waits).toEqual([2000]);
  });

  it('Retry-After as an HTTP date is honoured', async () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    await faults([{ path: '/search/repositories', status: 403, times: 1, headers: { 'retry-after': at } }]);
    const http = recordingHttp();
    await getWithRetry('github', url(), {}, http);
    expect(http.waits).toHaveLength(1);
    expect(http.waits[0]).toBeGreaterThan(3000);
    expect(http.waits[0]).toBeLessThanOrEqual(5000);
  });

  it('a secondary limit with no headers waits at least a minute, so a job reports it instead of waiting', async () => {
    await faults([{ path: '/search/repositories', status: 403, times: 5, body: JSON.stringify({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }) }]);
    const err = (await getWithRetry('github', url(), {}, recordingHttp()).catch((e: unknown) => e)) as SourceError;
    expect(err).toMatchObject({ kind: 'rate_limited', status: 403, retryAfterMs: 60_000 });
  });

  it('the primary limit (403, remaining 0) waits until x-ratelimit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    await faults([{ path: '/search/repositories', status: 403, times: 5, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } }]);
    const err = (await getWithRetry('github', url(), {}, recordingHttp()).catch((e: unknown) => e)) as SourceError;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(3_590_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  it('a 403 that is not a rate limit is not retried', async () => {
    await faults([{ path: '/search/repositories', status: 403, times: 5, headers: { 'x-ratelimit-remaining': '4999' }, body: JSON.stringify({ message: 'Resource not accessible by integration' }) }]);
    const err = (await getWithRetry('github', url(), {}, recordingHttp()).catch((e: unknown) => e)) as SourceError;
    expect(err.kind).toBe('bad_response');
    expect((await requests()).length).toBe(1);
  });
});

describe('per-job budget', () => {
  it('stops at the request allowance and returns what it read, marked truncated', async () => {
    const budget = new JobBudget({ deadline: Date.now() + 60_000, maxRequests: 3 });
    // Each topic reads two pages of the fixture (nbPages 2).
    const result = await hackerNewsClient(config()).pull({ observedAt, topics: ['a', 'b', 'c', 'd'], budget });
    expect((await requests()).length).toBe(3);
    expect(result.truncated).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.observations.map((o) => o.externalId)).toEqual(['42100001', '42100002', '42100003']);
  });

  it('does not start a retry wait that would end past the deadline', async () => {
    let clock = 0;
    const budget = new JobBudget({ deadline: 3000, maxRequests: 100, now: () => clock });
    const http = { ...recordingHttp(), sleep: async (ms: number) => void (clock += ms) };
    await faults([{ path: '/api/', status: 503, times: 5, headers: { 'retry-after': '5' } }]);
    const result = await hackerNewsClient(config(http)).pull({ observedAt, topics: ['a', 'b'], budget });
    expect(clock).toBe(0);
    expect((await requests()).length).toBe(1);
    expect(result).toMatchObject({ truncated: true, failures: [], observations: [] });
  });

  it('stops between pages once the time is spent', async () => {
    let clock = 0;
    const budget = new JobBudget({ deadline: 1000, maxRequests: 100, now: () => clock });
    // Every request "takes" 600 ms of the job's time.
    const http: HttpOptions = { fetch: async (input, init) => ((clock += 600), fetch(input, init)) };
    const result = await hackerNewsClient(config(http)).pull({ observedAt, topics: ['a', 'b'], budget });
    expect((await requests()).map((r) => [r.query.query, r.query.page])).toEqual([['a', '0'], ['a', '1']]);
    expect(result.truncated).toBe(true);
    expect(result.observations).toHaveLength(3);
  });
});
