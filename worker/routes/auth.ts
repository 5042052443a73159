import { and, eq, gt, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { loginRequest, pairRequest, signupRequest, type TokenResponse } from '../../shared/contracts/api.ts';
import { pairingCodes, users, workspaces } from '../db/schema.ts';
import { issueToken, requireAuth } from '../lib/auth.ts';
import type { AppEnv } from '../lib/context.ts';
import { decoyPasswordHash, hashPassword, newId, sameSecret, sha256Hex, verifyPassword } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { zv } from '../lib/validate.ts';
import { apiTokens } from '../db/schema.ts';

/**
 * 20 requests a minute per client IP on each public auth route, and per email on log-in
 * (so a password-guessing run spread over many IPs is still slowed). Workers' rate-limit
 * binding is per location and approximate, which is what this needs: a brake, not a quota.
 */
const rateLimited = createMiddleware<AppEnv>(async (c, next) => {
  const limiter = c.env.AUTH_LIMITER;
  if (limiter) {
    const ip = c.req.header('cf-connecting-ip') ?? 'local';
    const keys = [`${c.req.path}:${ip}`];
    if (c.req.path.endsWith('/login')) {
      const body = (await c.req.raw.clone().json().catch(() => null)) as { email?: unknown } | null;
      if (typeof body?.email === 'string') keys.push(`login:${body.email.trim().toLowerCase()}`);
    }
    for (const key of keys) {
      if (!(await limiter.limit({ key })).success) throw new ApiError(429, 'rate_limited', 'too many attempts; wait a minute and try again');
    }
  }
  await next();
});

export const authRoutes = new Hono<AppEnv>()
  .use('/signup', rateLimited)
  .use('/login', rateLimited)
  .use('/pair', rateLimited)
  .post('/signup', zv('json', signupRequest), async (c) => {
    const { email, password, workspace, inviteCode } = c.req.valid('json');
    if (c.env.SIGNUP_CODE && !(await sameSecret(inviteCode ?? '', c.env.SIGNUP_CODE.trim()))) {
      throw new ApiError(403, 'forbidden', inviteCode ? 'that is not this deployment’s invite code' : 'this deployment creates workspaces with its invite code only: ask whoever runs it');
    }
    const db = c.get('db');
    const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    if (existing) throw new ApiError(409, 'conflict', 'an account with this email already exists; log in instead');

    const now = Date.now();
    const workspaceId = newId();
    const userId = newId();
    const passwordHash = await hashPassword(password);
    try {
      await db.batch([
        db.insert(workspaces).values({ id: workspaceId, name: workspace, createdAt: now }),
        db.insert(users).values({ id: userId, workspaceId, email, passwordHash, createdAt: now }),
      ]);
    } catch (err) {
      // Two signups racing for one email: the unique index decides, the loser gets 409.
      if (String(err).includes('UNIQUE')) throw new ApiError(409, 'conflict', 'an account with this email already exists');
      throw err;
    }
    const token = await issueToken(db, { workspaceId, userId, kind: 'session', label: 'Console' });
    return c.json({ token, workspace: { id: workspaceId, name: workspace }, user: { id: userId, email } } satisfies TokenResponse, 201);
  })

  .post('/login', zv('json', loginRequest), async (c) => {
    const { email, password } = c.req.valid('json');
    const db = c.get('db');
    const row = await db
      .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, workspaceId: users.workspaceId, workspaceName: workspaces.name })
      .from(users)
      .innerJoin(workspaces, eq(users.workspaceId, workspaces.id))
      .where(eq(users.email, email))
      .get();
    const ok = await verifyPassword(password, row?.passwordHash ?? decoyPasswordHash);
    if (!row || !ok) throw new ApiError(401, 'unauthorized', 'wrong email or password');
    const token = await issueToken(db, { workspaceId: row.workspaceId, userId: row.id, kind: 'session', label: 'Console' });
    return c.json({ token, workspace: { id: row.workspaceId, name: row.workspaceName }, user: { id: row.id, email: row.email } } satisfies TokenResponse);
  })

  /** The extension trades a one-time pairing code shown in the console for its own token. */
  .post('/pair', zv('json', pairRequest), async (c) => {
    const { code, device } = c.req.valid('json');
    const db = c.get('db');
    const now = Date.now();
    // Claim the code in one statement so two browsers racing with it cannot both win.
    const claimed = await db
      .update(pairingCodes)
      .set({ usedAt: now })
      .where(and(eq(pairingCodes.codeHash, await sha256Hex(code)), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, now)))
      .returning({ workspaceId: pairingCodes.workspaceId, userId: pairingCodes.userId })
      .get();
    if (!claimed) throw new ApiError(401, 'unauthorized', 'pairing code is wrong, expired or already used; create a new one in the console');
    const ws = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, claimed.workspaceId)).get();
    const token = await issueToken(db, { workspaceId: claimed.workspaceId, userId: claimed.userId, kind: 'extension', label: device });
    return c.json({ token, workspace: { id: claimed.workspaceId, name: ws?.name ?? '' }, user: null } satisfies TokenResponse, 201);
  })

  .post('/logout', requireAuth, async (c) => {
    const { tokenId } = c.get('auth');
    await c.get('db').update(apiTokens).set({ revokedAt: Date.now() }).where(eq(apiTokens.id, tokenId));
    return c.body(null, 204);
  });
