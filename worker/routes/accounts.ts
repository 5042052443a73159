import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { ownAccountRequest, ownPostsRequest, socialPlatforms, type OwnAccount, type OwnPostsResponse, type SocialPlatform } from '../../shared/contracts/api.ts';
import { ownAccounts } from '../db/schema.ts';
import { iso, type AppEnv } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { idempotent } from '../lib/idempotency.ts';
import { answeringModel, countPosts, postRow, upsertPosts } from '../lib/models.ts';
import { MIN_TRAINING_POSTS } from '../../shared/predict/model.ts';
import { zv } from '../lib/validate.ts';

/** A model is retrained for captured posts at most this often: every profile visit delivers some. */
export const RETRAIN_AFTER_MS = 60 * 60_000;

const toAccount = (r: typeof ownAccounts.$inferSelect): OwnAccount => ({ platform: r.platform as SocialPlatform, handle: r.handle, name: r.name, url: r.url, createdAt: iso(r.createdAt) });
const platformParam = z.object({ platform: z.enum(socialPlatforms) });

/**
 * The workspace's own accounts, one per platform, claimed in the extension from the
 * profile page ("This is my account"). Visits there deliver the page's posts as the
 * workspace's own history, which best times, the style profile and its own engagement
 * model learn from; imports (POST /v1/posts/import) remain the way to bring older posts.
 */
export const accountRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { workspaceId } = c.get('auth');
    const rows = await c.get('db').select().from(ownAccounts).where(eq(ownAccounts.workspaceId, workspaceId)).orderBy(ownAccounts.platform).all();
    return c.json({ accounts: rows.map(toAccount) });
  })

  /** Claims (or changes) the workspace's account on a platform. Posts already stored stay. */
  .put('/:platform', zv('param', platformParam), zv('json', ownAccountRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform } = c.req.valid('param');
    const input = c.req.valid('json');
    const row = { workspaceId, platform, handle: input.handle, name: input.name, url: input.url, createdAt: Date.now() };
    const stored = await c
      .get('db')
      .insert(ownAccounts)
      .values(row)
      .onConflictDoUpdate({
        target: [ownAccounts.workspaceId, ownAccounts.platform],
        // Claiming the same account again from a page that did not show its name or link
        // keeps the ones stored; a different account brings its own (or none).
        set: {
          handle: row.handle,
          name: sql`case when excluded.handle = ${ownAccounts.handle} then coalesce(excluded.name, ${ownAccounts.name}) else excluded.name end`,
          url: sql`case when excluded.handle = ${ownAccounts.handle} then coalesce(excluded.url, ${ownAccounts.url}) else excluded.url end`,
        },
      })
      .returning()
      .get();
    return c.json(toAccount(stored));
  })

  /** Forgets the claim; the posts it delivered stay in the history (remove them by re-importing, or not at all). */
  .delete('/:platform', zv('param', platformParam), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform } = c.req.valid('param');
    const gone = await c.get('db').delete(ownAccounts).where(and(eq(ownAccounts.workspaceId, workspaceId), eq(ownAccounts.platform, platform))).returning().all();
    if (!gone.length) throw ApiError.notFound('account');
    return c.body(null, 204);
  })

  /**
   * The posts a visit to the claimed profile showed, stored as the workspace's own (a post
   * seen again updates its counts). Refused for any other account: a content script cannot
   * file someone else's posts as yours.
   */
  .post('/:platform/posts', idempotent, zv('param', platformParam), zv('json', ownPostsRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.get('db');
    const account = await db.select().from(ownAccounts).where(and(eq(ownAccounts.workspaceId, workspaceId), eq(ownAccounts.platform, platform))).get();
    if (!account) throw new ApiError(409, 'conflict', `no ${platform} account is claimed as this workspace's own: claim it on its profile page first`);
    if (account.handle !== input.handle) throw new ApiError(409, 'conflict', `@${input.handle} is not this workspace's ${platform} account (@${account.handle})`);
    const capturedAt = Date.parse(input.capturedAt);
    const rows = input.posts.map((p) => postRow({ ...p, id: p.externalId, platform, author: account.handle, url: p.url ?? '' }, workspaceId, 'own', capturedAt));
    const upserts = upsertPosts(db, rows);
    // One batch, one transaction: a visit's posts land together or not at all.
    await db.batch(upserts as [(typeof upserts)[number], ...(typeof upserts)[number][]]);
    // The job trains the own and the general model: the newer of the two says when it last ran.
    // With neither yet, a thin history is not worth a job on every visit.
    const { own, general } = await answeringModel(db, workspaceId, platform);
    const last = Math.max(own?.trainedAt ?? 0, general?.trainedAt ?? 0);
    const training = last ? Date.now() - last >= RETRAIN_AFTER_MS : (await countPosts(db, workspaceId, platform)) >= MIN_TRAINING_POSTS;
    if (training) await c.env.JOBS.send({ type: 'train-model', workspaceId, platform });
    return c.json({ stored: rows.length, training } satisfies OwnPostsResponse, 201);
  });
