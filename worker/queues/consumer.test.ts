import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import worker from '../index.ts';
import { retryDelaySeconds } from './consumer.ts';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import { call, signup } from '../test/helpers.ts';

describe('cron → queue', () => {
  it('the cron handler enqueues a purge job stamped with the scheduled time first', async () => {
    const sent: unknown[] = [];
    const jobs = { send: async (b: unknown) => void sent.push(b), sendBatch: async (ms: { body: unknown }[]) => void sent.push(...ms.map((m) => m.body)) };
    const controller = createScheduledController({ scheduledTime: new Date('2026-11-24T12:00:00Z'), cron: '*/15 * * * *' });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, { ...env, JOBS: jobs as unknown as Queue<JobMessage> }, ctx);
    await waitOnExecutionContext(ctx);
    expect(sent[0]).toEqual({ type: 'purge-expired', now: Date.parse('2026-11-24T12:00:00Z') });
  });

  it('end to end: cron → real queue binding → consumer purges an expired code', async () => {
    const u = await signup();
    await env.DB.prepare('insert into pairing_codes (code_hash, workspace_id, user_id, expires_at) values (?, ?, ?, ?)')
      .bind('stale-e2e', u.workspace.id, u.user!.id, Date.now() - 1000)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    await vi.waitFor(
      async () => {
        const left = await env.DB.prepare('select count(*) as n from pairing_codes where code_hash = ?').bind('stale-e2e').first<{ n: number }>();
        expect(left?.n).toBe(0);
      },
      // The consumer's max_batch_timeout is 5 s, so delivery can take that long.
      { timeout: 12_000, interval: 200 },
    );
  }, 15_000);
});

describe('queue consumer', () => {
  it('purges expired pairing codes, day-old idempotency keys, week-old observations and two-week-old embeddings, and nothing else', async () => {
    const u = await signup();
    const now = Date.parse('2026-11-24T12:00:00Z');
    const ws = u.workspace.id;
    await env.DB.batch([
      env.DB.prepare('insert into pairing_codes (code_hash, workspace_id, user_id, expires_at) values (?, ?, ?, ?)').bind('expired', ws, u.user!.id, now - 1),
      env.DB.prepare('insert into pairing_codes (code_hash, workspace_id, user_id, expires_at) values (?, ?, ?, ?)').bind('live', ws, u.user!.id, now + 60_000),
      env.DB.prepare(`insert into idempotency_keys (workspace_id, key, method, path, status, created_at) values (?, 'old', 'POST', '/x', 201, ?)`).bind(ws, now - 25 * 3600_000),
      env.DB.prepare(`insert into idempotency_keys (workspace_id, key, method, path, status, created_at) values (?, 'fresh', 'POST', '/x', 201, ?)`).bind(ws, now - 3600_000),
      env.DB.prepare(`insert into observations (source, external_id, title, created_at, observed_at) values ('reddit', 'purge-old', 'old', ?, ?)`).bind(now - 9 * 86_400_000, now - 8 * 86_400_000),
      env.DB.prepare(`insert into observations (source, external_id, title, created_at, observed_at) values ('reddit', 'purge-kept', 'kept', ?, ?)`).bind(now - 6 * 86_400_000, now - 6 * 86_400_000),
      env.DB.prepare(`insert into text_embeddings (text_hash, model, dimensions, vector, created_at) values ('purge-old', 'm', 2, 'AAAAAAAAAAA=', ?)`).bind(now - 15 * 86_400_000),
      env.DB.prepare(`insert into text_embeddings (text_hash, model, dimensions, vector, created_at) values ('purge-kept', 'm', 2, 'AAAAAAAAAAA=', ?)`).bind(now - 13 * 86_400_000),
    ]);

    const batch = createMessageBatch('sightline-jobs', [
      { id: 'm1', timestamp: new Date(now), attempts: 1, body: { type: 'purge-expired', now } },
      { id: 'm2', timestamp: new Date(now), attempts: 1, body: { type: 'no-such-job' } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    // The malformed message is acked (retrying cannot fix it), not retried forever.
    expect(result.explicitAcks.sort()).toEqual(['m1', 'm2']);
    expect(result.retryMessages).toEqual([]);

    const codes = await env.DB.prepare('select code_hash from pairing_codes where workspace_id = ?').bind(ws).all<{ code_hash: string }>();
    expect(codes.results.map((r) => r.code_hash)).toEqual(['live']);
    const keys = await env.DB.prepare('select key from idempotency_keys where workspace_id = ?').bind(ws).all<{ key: string }>();
    expect(keys.results.map((r) => r.key)).toEqual(['fresh']);
    // Observations past a week are gone; the trend window is 72 h.
    const obs = await env.DB.prepare(`select external_id from observations where external_id like 'purge-%'`).all<{ external_id: string }>();
    expect(obs.results.map((r) => r.external_id)).toEqual(['purge-kept']);
    const vectors = await env.DB.prepare(`select text_hash from text_embeddings where text_hash like 'purge-%'`).all<{ text_hash: string }>();
    expect(vectors.results.map((r) => r.text_hash)).toEqual(['purge-kept']);
    // Purging housekeeping rows must not touch the workspace's own data.
    expect((await call('/v1/workspace', { token: u.token })).status).toBe(200);
  });

  it('retries a failing job with backoff instead of dropping it', async () => {
    const batch = createMessageBatch('sightline-jobs', [{ id: 'm3', timestamp: new Date(), attempts: 3, body: { type: 'purge-expired', now: 1 } }]);
    const ctx = createExecutionContext();
    const broken = { ...env, DB: { prepare() { throw new Error('D1 is down'); }, batch() { throw new Error('D1 is down'); } } as unknown as D1Database };
    await worker.queue(batch, broken, ctx);
    const result = await getQueueResult(batch, ctx);
    // getQueueResult does not report delaySeconds; the schedule is checked below.
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m3']);
    expect(result.explicitAcks).toEqual([]);
  });
});

describe('retryDelaySeconds', () => {
  it.each([[1, 10], [2, 20], [3, 40], [7, 600], [50, 600]])('attempt %i waits %i s', (attempts, seconds) => {
    expect(retryDelaySeconds(attempts)).toBe(seconds);
  });
});
