import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  pairingCodeAlphabet,
  renameWorkspaceRequest,
  topicsRequest,
  type DeviceTokenInfo,
  type LlmUsageResponse,
  type PairingCodeResponse,
  type WorkspaceResponse,
} from '../../shared/contracts/api.ts';
import { spendPeriod } from '../../shared/draft/spend.ts';
import { apiTokens, pairingCodes, workspaces, workspaceTopics } from '../db/schema.ts';
import { userById } from '../lib/auth.ts';
import { iso, isoOrNull, type AppEnv } from '../lib/context.ts';
import { randomCode, sha256Hex } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { DEFAULT_SPEND_CAP_USD, llmConfigFromEnv } from '../lib/llm.ts';
import { spendSummary } from '../lib/spend-store.ts';
import { zv } from '../lib/validate.ts';

const PAIRING_TTL_MS = 10 * 60 * 1000;

export const workspaceRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { workspaceId, userId, tokenKind } = c.get('auth');
    const db = c.get('db');
    const ws = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).get();
    const user = await userById(db, userId);
    if (!ws || !user) throw ApiError.notFound('workspace');
    return c.json({ id: ws.id, name: ws.name, user, tokenKind } satisfies WorkspaceResponse);
  })

  .patch('/', zv('json', renameWorkspaceRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { name } = c.req.valid('json');
    await c.get('db').update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId));
    return c.json({ id: workspaceId, name });
  })

  /** This month's LLM spend against the cap, so the cap is seen before a draft hits it. */
  .get('/llm-usage', async (c) => {
    const { workspaceId } = c.get('auth');
    const config = llmConfigFromEnv(c.env);
    const period = spendPeriod(Date.now());
    const { spentUsd, requests } = await spendSummary(c.get('db'), workspaceId, period);
    return c.json({ llm: config.apiKey ? 'openai-compatible' : 'built-in', period, spentUsd, capUsd: config.spendCapUsd ?? DEFAULT_SPEND_CAP_USD, requests } satisfies LlmUsageResponse);
  })

  /** A short code the extension's options page accepts; single use, 10 minutes. */
  .post('/pairing-codes', async (c) => {
    const { workspaceId, userId, tokenKind } = c.get('auth');
    // A paired browser must not be able to pair further browsers on its own.
    if (tokenKind !== 'session') throw new ApiError(403, 'forbidden', 'pairing codes are created from the console');
    const code = randomCode(pairingCodeAlphabet, 8);
    const expiresAt = Date.now() + PAIRING_TTL_MS;
    await c.get('db').insert(pairingCodes).values({ codeHash: await sha256Hex(code), workspaceId, userId, expiresAt });
    return c.json({ code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: iso(expiresAt) } satisfies PairingCodeResponse, 201);
  })

  .get('/devices', async (c) => {
    const { workspaceId } = c.get('auth');
    const rows = await c
      .get('db')
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.kind, 'extension'), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt))
      .all();
    const devices: DeviceTokenInfo[] = rows.map((r) => ({
      id: r.id,
      label: r.label,
      createdAt: iso(r.createdAt),
      lastUsedAt: isoOrNull(r.lastUsedAt),
    }));
    return c.json({ devices });
  })

  /** Topics the source jobs search for on this workspace's behalf. */
  .get('/topics', async (c) => {
    const { workspaceId } = c.get('auth');
    const rows = await c.get('db').select({ topic: workspaceTopics.topic }).from(workspaceTopics).where(eq(workspaceTopics.workspaceId, workspaceId)).orderBy(workspaceTopics.topic).all();
    return c.json({ topics: rows.map((r) => r.topic) });
  })

  .put('/topics', zv('json', topicsRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const topics = [...new Set(c.req.valid('json').topics.map((t) => t.toLowerCase()))].sort();
    const db = c.get('db');
    const now = Date.now();
    // Replace the list in one transaction so a failure cannot leave it half-written.
    await db.batch([
      db.delete(workspaceTopics).where(eq(workspaceTopics.workspaceId, workspaceId)),
      ...topics.map((topic) => db.insert(workspaceTopics).values({ workspaceId, topic, createdAt: now })),
    ]);
    return c.json({ topics });
  })

  .delete('/devices/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const revoked = await c
      .get('db')
      .update(apiTokens)
      .set({ revokedAt: Date.now() })
      .where(and(eq(apiTokens.id, c.req.param('id')), eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.kind, 'extension'), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id })
      .get();
    if (!revoked) throw ApiError.notFound('device');
    return c.body(null, 204);
  });
