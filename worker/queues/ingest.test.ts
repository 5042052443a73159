import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { SourceStatus } from '../../shared/contracts/api.ts';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import worker from '../index.ts';
import { call, signup } from '../test/helpers.ts';
import { breakerDelayMs } from './ingest.ts';

// Its own namespace on the shared replay server (see replay-server.ts), as test files run in parallel.
const base = `${inject('sourceReplayUrl')}/~ingest`;
const sourcesEnv = { ...env, HN_BASE_URL: base, REDDIT_BASE_URL: base, GITHUB_BASE_URL: base, GITHUB_TRENDING_BASE_URL: base, GOOGLE_TRENDS_BASE_URL: base };

async function runJobs(jobs: JobMessage[], attempts = 1) {
  const batch = createMessageBatch(
    'sightline-jobs',
    jobs.map((body, i) => ({ id: `job-${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, sourcesEnv, ctx);
  return getQueueResult(batch, ctx);
}

const count = async (source: string) =>
  (await env.DB.prepare('select count(*) as n from observations where source = ?').bind(source).first<{ n: number }>())!.n;

beforeEach(async () => {
  await fetch(`${base}/__reset`, { method: 'POST' });
  await env.DB.batch([env.DB.prepare('delete from observations'), env.DB.prepare('delete from source_state')]);
});

describe('source-fetch jobs', () => {
  it('store every source’s observations and mark the sources healthy', async () => {
    const observedAt = Date.parse('2026-11-24T12:00:00Z');
    const result = await runJobs([
      { type: 'source-fetch', source: 'hackernews', topics: [], observedAt },
      { type: 'source-fetch', source: 'reddit', topics: [], observedAt },
      { type: 'source-fetch', source: 'github', topics: [], observedAt },
      { type: 'source-fetch', source: 'google-trends', topics: [], observedAt },
    ]);
    expect(result.retryMessages).toEqual([]);
    expect(await count('hackernews')).toBe(3);
    expect(await count('reddit')).toBe(2); // the default subreddits all replay the same listing
    expect(await count('github')).toBe(3); // two from search, plus torvalds/linux from the trending page
    expect(await count('google-trends')).toBe(2);
    const row = await env.DB.prepare("select title, score, observed_at from observations where external_id = '42100001'").first();
    expect(row).toEqual({ title: 'Rust for Linux reaches a new milestone', score: 412, observed_at: observedAt });
  });

  it('files a topic search under its own feed, apart from the general feed', async () => {
    const observedAt = Date.parse('2026-11-24T12:00:00Z');
    await runJobs([
      { type: 'source-fetch', source: 'hackernews', topics: [], observedAt },
      { type: 'source-fetch', source: 'hackernews', topics: ['passkeys', 'rust'], observedAt },
    ]);
    const feeds = await env.DB.prepare('select feed, count(*) as n from observations group by feed order by feed').all<{ feed: string; n: number }>();
    // The same stories can come back from both: each feed keeps its own rows.
    expect(feeds.results.map((r) => r.feed)).toEqual(['', '["passkeys","rust"]']);
    expect(feeds.results.every((r) => r.n > 0)).toBe(true);
  });

  it('is idempotent: a redelivered message does not double any row', async () => {
    const job: JobMessage = { type: 'source-fetch', source: 'hackernews', topics: [], observedAt: 1_795_500_000_000 };
    await runJobs([job]);
    await runJobs([job], 2);
    expect(await count('hackernews')).toBe(3);
    // A later pull whose counts did not move adds nothing (store-observations.test.ts has the rest).
    await runJobs([{ ...job, observedAt: job.observedAt + 3600_000 }]);
    expect(await count('hackernews')).toBe(3);
  });

  it('records a source that is down, acks the job, and backs off without a retry storm', async () => {
    await fetch(`${base}/__faults`, { method: 'POST', body: JSON.stringify([{ path: '/trending/rss', status: 503, times: 1000 }]) });
    const before = Date.now();
    const result = await runJobs([{ type: 'source-fetch', source: 'google-trends', topics: [], observedAt: before }]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);

    const log = (await (await fetch(`${base}/__log`)).json()) as unknown[];
    expect(log).toHaveLength(4); // one call plus three bounded retries

    const u = await signup();
    const { sources } = (await (await call('/v1/sources', { token: u.token })).json()) as { sources: SourceStatus[] };
    const gt = sources.find((s) => s.source === 'google-trends')!;
    expect(gt.status).toBe('unreachable');
    expect(gt.lastError).toMatch(/HTTP 503/);
    expect(Date.parse(gt.failingSince!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(gt.nextAttemptAt!)).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(sources.find((s) => s.source === 'reddit')!.status).toBe('never_run');

    // While the breaker is open, the cron does not enqueue it and a stray job does not call it.
    const sent: JobMessage[] = [];
    const ctx = createExecutionContext();
    const jobs = { send: async () => {}, sendBatch: async (ms: { body: JobMessage }[]) => void sent.push(...ms.map((m) => m.body)) };
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '*/15 * * * *' }), { ...sourcesEnv, JOBS: jobs as never }, ctx);
    await waitOnExecutionContext(ctx);
    expect(sent.filter((j) => j.type === 'source-fetch').map((j) => (j as { source: string }).source).sort()).toEqual(['github', 'hackernews', 'reddit']);
    await runJobs([{ type: 'source-fetch', source: 'google-trends', topics: [], observedAt: Date.now() }]);
    expect(((await (await fetch(`${base}/__log`)).json()) as unknown[]).length).toBe(4);
  });

  it('recovers: the first success after failures clears the error', async () => {
    await fetch(`${base}/__faults`, { method: 'POST', body: JSON.stringify([{ path: '/search/repositories', status: 500, times: 4 }]) });
    const t0 = Date.now();
    await runJobs([{ type: 'source-fetch', source: 'github', topics: [], observedAt: t0 }]);
    // Pretend the breaker interval has passed.
    await env.DB.prepare("update source_state set next_attempt_at = ? where source = 'github'").bind(t0 - 1).run();
    await runJobs([{ type: 'source-fetch', source: 'github', topics: [], observedAt: t0 + 1 }]);
    const state = await env.DB.prepare("select status, last_error, consecutive_failures, last_observation_count from source_state where source = 'github'").first();
    expect(state).toEqual({ status: 'ok', last_error: null, consecutive_failures: 0, last_observation_count: 3 });
  });

  it('the cron enqueues one fetch per source and distinct workspace topic list', async () => {
    const a = await signup();
    const b = await signup();
    expect((await call('/v1/workspace/topics', { method: 'PUT', token: a.token, json: { topics: ['Rust', 'passkeys'] } })).status).toBe(200);
    await call('/v1/workspace/topics', { method: 'PUT', token: b.token, json: { topics: ['passkeys', 'rust'] } });
    const sent: JobMessage[] = [];
    const jobs = { send: async () => {}, sendBatch: async (ms: { body: JobMessage }[]) => void sent.push(...ms.map((m) => m.body)) };
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), { ...sourcesEnv, JOBS: jobs as never }, ctx);
    const fetches = sent.filter((j) => j.type === 'source-fetch') as Extract<JobMessage, { type: 'source-fetch' }>[];
    const hn = fetches.filter((j) => j.source === 'hackernews').map((j) => j.topics);
    // Both workspaces watch the same topics: one shared job, plus the general feed.
    expect(hn).toContainEqual([]);
    expect(hn).toContainEqual(['passkeys', 'rust']);
    expect(fetches.filter((j) => j.source === 'google-trends')).toHaveLength(1);
    expect(new Set(fetches.map((j) => j.observedAt)).size).toBe(1);
  });
});

describe('topics API', () => {
  it('validates and keeps each workspace’s list to itself', async () => {
    const a = await signup();
    const b = await signup();
    await call('/v1/workspace/topics', { method: 'PUT', token: a.token, json: { topics: ['AI agents', 'ai agents', 'WebGPU'] } });
    expect(await (await call('/v1/workspace/topics', { token: a.token })).json()).toEqual({ topics: ['ai agents', 'webgpu'] });
    expect(await (await call('/v1/workspace/topics', { token: b.token })).json()).toEqual({ topics: [] });
    const bad = await call('/v1/workspace/topics', { method: 'PUT', token: a.token, json: { topics: ['x'] } });
    expect(bad.status).toBe(400);
    // A rejected update leaves the stored list as it was.
    expect(await (await call('/v1/workspace/topics', { token: a.token })).json()).toEqual({ topics: ['ai agents', 'webgpu'] });
  });
});

describe('breakerDelayMs', () => {
  it.each([
    [1, null, 15 * 60_000],
    [2, null, 30 * 60_000],
    [10, null, 6 * 3600_000],
    [1, 2 * 3600_000, 2 * 3600_000],
  ])('after %i failures (Retry-After %j) waits %i ms', (failures, retryAfter, expected) => {
    expect(breakerDelayMs(failures, retryAfter)).toBe(expected);
  });
});
