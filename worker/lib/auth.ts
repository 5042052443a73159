import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { apiTokens, users } from '../db/schema.ts';
import type { AppEnv } from './context.ts';
import { newId, newToken, sha256Hex } from './crypto.ts';
import { ApiError } from './errors.ts';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as schema from '../db/schema.ts';

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
// Writing last_used_at on every request would turn every read into a write.
const LAST_USED_GRANULARITY_MS = 10 * 60 * 1000;

/** Resolves `Authorization: Bearer <token>` to a workspace, or 401. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw ApiError.unauthorized();
  const tokenHash = await sha256Hex(match[1]!);
  const db = c.get('db');
  const row = await db
    .select({
      id: apiTokens.id,
      workspaceId: apiTokens.workspaceId,
      userId: apiTokens.userId,
      kind: apiTokens.kind,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .get();
  const now = Date.now();
  if (!row || (row.expiresAt !== null && row.expiresAt <= now)) throw ApiError.unauthorized();
  if (row.lastUsedAt === null || now - row.lastUsedAt > LAST_USED_GRANULARITY_MS) {
    c.executionCtx.waitUntil(db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run());
  }
  c.set('auth', { workspaceId: row.workspaceId, userId: row.userId, tokenId: row.id, tokenKind: row.kind });
  await next();
});

export async function issueToken(
  db: DrizzleD1Database<typeof schema>,
  opts: { workspaceId: string; userId: string; kind: 'session' | 'extension'; label: string },
): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await db.insert(apiTokens).values({
    id: newId(),
    workspaceId: opts.workspaceId,
    userId: opts.userId,
    tokenHash: await sha256Hex(token),
    kind: opts.kind,
    label: opts.label,
    createdAt: now,
    // Extension tokens live until revoked from the console: re-pairing a browser is a chore.
    expiresAt: opts.kind === 'session' ? now + SESSION_TTL_MS : null,
  });
  return token;
}

export async function userById(db: DrizzleD1Database<typeof schema>, id: string) {
  return db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, id)).get();
}
