import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { platformPostsQuery, importPostsRequest, maxImportRows, socialPlatforms, type DeletePostsResponse, type ImportPostsResponse } from '../../shared/contracts/api.ts';
import { formatPostsCsv, parsePostsCsv, TooManyRowsError, type Post } from '../../shared/posts/canonical.ts';
import { engagementModels, posts } from '../db/schema.ts';
import { iso, type AppEnv } from '../lib/context.ts';
import { generalKey, postRow, storedPost, upsertPosts } from '../lib/models.ts';
import { ApiError } from '../lib/errors.ts';
import { idempotent } from '../lib/idempotency.ts';
import { zv } from '../lib/validate.ts';

const MAX_ERRORS_SHOWN = 20;
const EXPORT_PAGE = 5000;

export const postRoutes = new Hono<AppEnv>()
  /**
   * Imports a canonical posts CSV as the workspace's own history (or competitors').
   * Bad rows are skipped and reported by line and field; good rows are upserted, so
   * re-importing an export updates counts instead of duplicating posts. Models for the
   * platforms touched are retrained in the background.
   */
  .post('/import', idempotent, zv('json', importPostsRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { kind, csv } = c.req.valid('json');
    let parsed;
    try {
      parsed = parsePostsCsv(csv, { platforms: socialPlatforms, maxRows: maxImportRows });
    } catch (err) {
      if (err instanceof TooManyRowsError) throw new ApiError(413, 'payload_too_large', `${err.message}; an import takes ${maxImportRows.toLocaleString('en-US')} at most: split it and import each part (posts already stored are updated, not duplicated)`);
      // Otherwise only a header that lacks required columns throws: nothing in the file is usable.
      throw new ApiError(400, 'invalid_request', `line 1 (header): ${(err as Error).message}`, [{ path: 'csv', message: (err as Error).message }]);
    }
    const errors = parsed.errors.map((e) => ({ line: e.line, field: e.field, message: e.message }));
    const good = parsed.items;
    const db = c.get('db');
    const now = Date.now();
    const statements = upsertPosts(db, good.map((p) => postRow(p, workspaceId, kind, now)));
    // One batch, one transaction: a file lands whole or not at all, and sending it again is harmless.
    if (statements.length) await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
    const touched = [...new Set(good.map((p) => p.platform))].sort();
    if (touched.length) await c.env.JOBS.sendBatch(touched.map((platform) => ({ body: { type: 'train-model' as const, workspaceId, platform } })));
    const body: ImportPostsResponse = { imported: good.length, skipped: errors.length, errors: errors.slice(0, MAX_ERRORS_SHOWN), training: touched };
    return c.json(body, 201);
  })

  /**
   * Removes the workspace's stored posts on one platform (a wrong file imported as its own
   * history, an account it no longer runs). The models learned from them go too, in the same
   * transaction, so nothing keeps predicting from deleted posts; a job retrains from what
   * remains (the general model from competitors' posts, say).
   */
  .delete('/', zv('query', platformPostsQuery), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform, kind } = c.req.valid('query');
    const db = c.get('db');
    const which = and(eq(posts.workspaceId, workspaceId), eq(posts.kind, kind), eq(posts.platform, platform));
    // Own posts teach both models; competitors' only the general one.
    const models = kind === 'own' ? [platform, generalKey(platform)] : [generalKey(platform)];
    const [[counted]] = await db.batch([
      db.select({ n: count() }).from(posts).where(which),
      db.delete(posts).where(which),
      db.delete(engagementModels).where(and(eq(engagementModels.workspaceId, workspaceId), inArray(engagementModels.platform, models))),
    ]);
    await c.env.JOBS.send({ type: 'train-model', workspaceId, platform });
    return c.json({ deleted: counted?.n ?? 0, training: true } satisfies DeletePostsResponse);
  })

  /**
   * The workspace's stored posts on one platform as the canonical posts CSV (what import
   * reads, the CLI trains on), oldest first: imported ones and those the extension captured
   * from the user's own profile, which exist nowhere else.
   */
  .get('/export', zv('query', platformPostsQuery), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform, kind } = c.req.valid('query');
    const db = c.get('db');
    const found: Post[] = [];
    // In pages, so a long history never comes back as one oversized result.
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const page = await db
        .select()
        .from(posts)
        .where(and(eq(posts.workspaceId, workspaceId), eq(posts.kind, kind), eq(posts.platform, platform)))
        .orderBy(asc(posts.publishedAt), asc(posts.externalId))
        .limit(EXPORT_PAGE)
        .offset(offset)
        .all();
      found.push(...page.map(storedPost));
      if (page.length < EXPORT_PAGE) break;
    }
    return c.body(formatPostsCsv(found), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="sightline-${platform}-${kind}-posts.csv"`,
    });
  })

  .get(
    '/',
    zv('query', z.object({ kind: z.enum(['own', 'competitor']).default('own'), platform: z.enum(socialPlatforms).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })),
    async (c) => {
      const { workspaceId } = c.get('auth');
      const { kind, platform, limit } = c.req.valid('query');
      const where = [eq(posts.workspaceId, workspaceId), eq(posts.kind, kind)];
      if (platform) where.push(eq(posts.platform, platform));
      const rows = await c.get('db').select().from(posts).where(and(...where)).orderBy(desc(posts.publishedAt)).limit(limit).all();
      return c.json({
        posts: rows.map((r) => ({
          id: r.externalId,
          platform: r.platform,
          author: r.author,
          text: r.text,
          url: r.url,
          publishedAt: iso(r.publishedAt),
          likes: r.likes,
          comments: r.comments,
          shares: r.shares,
          views: r.views,
        })),
      });
    },
  );
