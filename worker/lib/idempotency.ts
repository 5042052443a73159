import { and, eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { idempotencyKeys } from '../db/schema.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/**
 * Honours `Idempotency-Key` on writes (the IETF httpapi draft's semantics): the first
 * request with a key is processed and its response stored; repeats get the stored
 * response with `Idempotent-Replayed: true` instead of a second write. This is what
 * lets the extension's outbox retry after a lost response without applying twice.
 * Keys are per workspace and purged after a day by the cron job.
 */
export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (!key) return next();
  if (key.length > 200) throw new ApiError(400, 'bad_request', 'Idempotency-Key must be at most 200 characters');
  const { workspaceId } = c.get('auth');
  const db = c.get('db');
  const method = c.req.method;
  const path = new URL(c.req.url).pathname;

  const reserved = await db
    .insert(idempotencyKeys)
    .values({ workspaceId, key, method, path, status: 0, body: null, createdAt: Date.now() })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
    .get();

  if (!reserved) {
    const prior = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)))
      .get();
    if (!prior || prior.status === 0) {
      throw new ApiError(409, 'idempotency_in_progress', 'a request with this Idempotency-Key is still being processed; retry shortly');
    }
    if (prior.method !== method || prior.path !== path) {
      throw new ApiError(400, 'bad_request', `Idempotency-Key was already used for ${prior.method} ${prior.path}`);
    }
    return new Response(prior.body, {
      status: prior.status,
      headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    });
  }

  let stored = false;
  try {
    await next();
    if (c.res.status < 500 && !c.error) {
      const body = await c.res.clone().text();
      await db
        .update(idempotencyKeys)
        .set({ status: c.res.status, body })
        .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)));
      stored = true;
    }
  } finally {
    // A failed attempt must not pin the key: release it so the client's retry runs.
    if (!stored) {
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)));
    }
  }
});
