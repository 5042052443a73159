import { and, eq, gt, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { loginRequest, pairRequest, signupRequest, type TokenResponse } from '../../shared/contracts/api.ts';
import { pairingCodes, users, workspaces } from '../db/schema.ts';
import { issueToken, requireAuth } from '../lib/auth.ts';
import type { AppEnv } from '../lib/context.ts';
import { decoyPasswordHash, hashPassword, newId, sha256Hex, verifyPassword } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { zv } from '../lib/validate.ts';
import { apiTokens } from '../db/schema.ts';

export const authRoutes = new Hono<AppEnv>()
  .post('/signup', zv('json', signupRequest), async (c) => {
    const { email, password, workspace } = c.req.valid('json');
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
