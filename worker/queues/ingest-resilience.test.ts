import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import worker from '../index.ts';
import { sourceClients } from '../sources/index.ts';
import { JobBudget } from '../sources/http.ts';
import { ingest } from './ingest.ts';

// Its own namespace on the shared replay server (see replay-server.ts), as test files run in parallel.
const base = `${inject('sourceReplayUrl')}/~ingest-resilience`;
const sourcesEnv = { ...env, HN_BASE_URL: base, REDDIT_BASE_URL: base, GITHUB_BASE_URL: base, GITHUB_TRENDING_BASE_URL: base, GOOGLE_TRENDS_BASE_URL: base };
const observedAt = Date.parse('2026-11-24T12:00:00Z');

async function runJobs(jobs: JobMessage[]) {
  const batch = createMessageBatch(
    'sightline-jobs',
    jobs.map((body, i) => ({ id: `job-${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, sourcesEnv, ctx);
  return getQueueResult(batch, ctx);
}
async function faults(list: { path: string; status: number; headers?: Record<string, string>; times: number; body?: string; query?: string }[]) {
  await fetch(`${base}/__faults`, { method: 'POST', body: JSON.stringify(list) });
}
const ids = async (source: string) =>
  (await env.DB.prepare('select external_id from observations where source = ? order by external_id').bind(source).all<{ external_id: string }>()).results.map((r) => r.external_id);
const state = (source: string) =>
  env.DB.prepare('select status, consecutive_failures, next_attempt_at, last_error from source_state where source = ?')
    .bind(source)
    .first<{ status: string; consecutive_failures: number; next_attempt_at: number | null; last_error: string | null }>();

beforeEach(async () => {
  await fetch(`${base}/__reset`, { method: 'POST' });
  await env.DB.batch([env.DB.prepare('delete from observations'), env.DB.prepare('delete from source_state')]);
});

describe('source-fetch jobs survive bad upstream data', () => {
  it('one item with an unparseable date does not roll back the rest of the feed', async () => {
    const body = (await (await fetch(`${inject('sourceReplayUrl')}/~ingest-resilience-fixtures/search/repositories`)).json()) as { items: Record<string, unknown>[] };
    body.items.push({ ...body.items[0], full_name: 'x/bad-date', created_at: 'yesterday' });
    await faults([{ path: '/search/repositories', status: 200, times: 1, body: JSON.stringify(body) }]);
    const result = await runJobs([{ type: 'source-fetch', source: 'github', topics: ['agents'], observedAt }]);
    expect(result.retryMessages).toEqual([]);
    expect(await ids('github')).toEqual(['acme-labs/agent-kit', 'kdev/rust_kernel_drivers']);
    expect((await state('github'))!.status).toBe('ok');
  });

  it('a body of {} is recorded as a broken source and acked, not retried as a crash', async () => {
    await faults([{ path: '/api/', status: 200, times: 1, body: '{}' }]);
    const result = await runJobs([{ type: 'source-fetch', source: 'hackernews', topics: [], observedAt }]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await state('hackernews')).toMatchObject({ status: 'unreachable', consecutive_failures: 1, last_error: expect.stringMatching(/documented shape/) });
  });
});

describe('one workspace’s topic cannot take the source down for everyone', () => {
  it('a GitHub 422 for one topic stores the other topics and leaves the breaker closed', async () => {
    await faults([{ path: '/search/repositories', query: 'user:nonexistent', status: 422, times: 5 }]);
    const result = await runJobs([{ type: 'source-fetch', source: 'github', topics: ['user:nonexistent', 'agents'], observedAt }]);
    expect(result.retryMessages).toEqual([]);
    expect(await ids('github')).toEqual(['acme-labs/agent-kit', 'kdev/rust_kernel_drivers']);
    expect(await state('github')).toMatchObject({ status: 'ok', consecutive_failures: 0, next_attempt_at: null });
  });

  it('a rate limit keeps what was read and pauses the source for the time asked, without counting a failure', async () => {
    await faults([{ path: '/api/', query: 'second', status: 429, times: 5, headers: { 'retry-after': '120' } }]);
    const now = Date.now();
    const outcome = await ingest({ type: 'source-fetch', source: 'hackernews', topics: ['first', 'second'], observedAt }, sourceClients(sourcesEnv).hackernews, drizzle(env.DB), now);
    expect(outcome).toMatchObject({ status: 'failed', fetched: 3, failedTopics: [{ topic: 'second', kind: 'rate_limited' }] });
    expect(await ids('hackernews')).toEqual(['42100001', '42100002', '42100003']);
    // 120 s as asked, not the 15-minute breaker, and the failure streak is untouched.
    expect(await state('hackernews')).toMatchObject({ status: 'rate_limited', consecutive_failures: 0, next_attempt_at: now + 120_000 });
  });
});

describe('per-job budget', () => {
  it('a job whose budget runs out stores what it read and stays healthy', async () => {
    const budget = new JobBudget({ deadline: Date.now() + 60_000, maxRequests: 2 });
    const outcome = await ingest({ type: 'source-fetch', source: 'hackernews', topics: ['a', 'b', 'c'], observedAt }, sourceClients(sourcesEnv).hackernews, drizzle(env.DB), Date.now(), budget);
    expect(outcome).toMatchObject({ status: 'stored', fetched: 3, inserted: 3, truncated: true });
    expect(((await (await fetch(`${base}/__log`)).json()) as unknown[]).length).toBe(2);
    expect((await state('hackernews'))!.status).toBe('ok');
  });
});
