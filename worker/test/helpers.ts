import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { TokenResponse } from '../../shared/contracts/api.ts';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import type { Env } from '../env.ts';
import worker from '../index.ts';
import { withD1Limits } from './d1-limits.ts';

/**
 * Every request and job in the worker tests runs against a binding that refuses what
 * Cloudflare's D1 would (local SQLite allows 999 parameters and any LIKE pattern), so a
 * query that only works locally fails here rather than in production.
 */
export const testEnv = { ...env, DB: withD1Limits(env.DB).db };

let counter = 0;

/**
 * A request through the real worker entry point (router, middleware, onError), with
 * `bindings` (default testEnv: D1 limits enforced) for tests that swap queues or keys in.
 */
export async function call(path: string, init: RequestInit & { token?: string; json?: unknown } = {}, bindings: Env = testEnv): Promise<Response> {
  const headers = new Headers(init.headers);
  // Each call looks like a different client unless a test says otherwise, so the auth
  // rate limiter only bites in the test that is about it.
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', `198.51.100.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID()}`);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`https://sightline.test${path}`, { ...init, headers, body }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export async function signup(workspace = 'Acme'): Promise<TokenResponse & { email: string; password: string }> {
  const email = `user${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery';
  const res = await call('/v1/auth/signup', { method: 'POST', json: { email, password, workspace } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  return { ...((await res.json()) as TokenResponse), email, password };
}

/** One job through the real queue consumer, as the Queue would deliver it; resolves to what it acked or retried. */
export async function runJob(body: JobMessage) {
  const batch = createMessageBatch('sightline-jobs', [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, testEnv, ctx);
  return getQueueResult(batch, ctx);
}
