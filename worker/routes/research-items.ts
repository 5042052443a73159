import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { createResearchItemRequest, type ResearchItem, type SocialPlatform } from '../../shared/contracts/api.ts';
import { researchItems } from '../db/schema.ts';
import { iso, type AppEnv } from '../lib/context.ts';
import { newId } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { idempotent } from '../lib/idempotency.ts';
import { zv } from '../lib/validate.ts';

function toItem(r: typeof researchItems.$inferSelect): ResearchItem {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    text: r.text,
    platform: r.platform as SocialPlatform | null,
    trendId: r.trendId,
    createdAt: iso(r.createdAt),
  };
}

export const researchItemRoutes = new Hono<AppEnv>()
  .get('/', zv('query', z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })), async (c) => {
    const { workspaceId } = c.get('auth');
    const rows = await c
      .get('db')
      .select()
      .from(researchItems)
      .where(eq(researchItems.workspaceId, workspaceId))
      .orderBy(desc(researchItems.createdAt))
      .limit(c.req.valid('query').limit)
      .all();
    return c.json({ items: rows.map(toItem) });
  })

  .post('/', idempotent, zv('json', createResearchItemRequest), async (c) => {
    const { workspaceId, userId } = c.get('auth');
    const input = c.req.valid('json');
    const row = await c
      .get('db')
      .insert(researchItems)
      .values({ id: newId(), workspaceId, createdBy: userId, ...input, createdAt: Date.now() })
      .returning()
      .get();
    return c.json(toItem(row), 201);
  })

  .get('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const row = await c
      .get('db')
      .select()
      .from(researchItems)
      .where(and(eq(researchItems.id, c.req.param('id')), eq(researchItems.workspaceId, workspaceId)))
      .get();
    if (!row) throw ApiError.notFound('research item');
    return c.json(toItem(row));
  })

  .delete('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const gone = await c
      .get('db')
      .delete(researchItems)
      .where(and(eq(researchItems.id, c.req.param('id')), eq(researchItems.workspaceId, workspaceId)))
      .returning({ id: researchItems.id })
      .get();
    if (!gone) throw ApiError.notFound('research item');
    return c.body(null, 204);
  });
