import { and, desc, eq, getTableColumns, max, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  competitorSnapshotRequest,
  socialPlatforms,
  trackCompetitorRequest,
  type Competitor,
  type CompetitorDetail,
  type SocialPlatform,
} from '../../shared/contracts/api.ts';
import { competitorGrowth } from '../../shared/competitors/growth.ts';
import { competitors, competitorSnapshots, posts } from '../db/schema.ts';
import { iso, type AppEnv } from '../lib/context.ts';
import { newId } from '../lib/crypto.ts';
import { postRow, upsertPosts } from '../lib/models.ts';
import { ApiError } from '../lib/errors.ts';
import { idempotent } from '../lib/idempotency.ts';
import { zv } from '../lib/validate.ts';

type Row = typeof competitors.$inferSelect;

function toCompetitor(r: Row, lastSnapshotAt: number | null): Competitor {
  return {
    id: r.id,
    platform: r.platform as SocialPlatform,
    handle: r.handle,
    name: r.name,
    url: r.url,
    createdAt: iso(r.createdAt),
    lastSnapshotAt: lastSnapshotAt === null ? null : iso(lastSnapshotAt),
  };
}

const SNAPSHOT_HISTORY = 180;

/**
 * Competitors matching `where`, each with the time of its latest snapshot, from a correlated
 * subquery rather than a second query binding every listed id: D1 binds at most 100
 * parameters, and a workspace may track more accounts. competitor_snapshots_idx (workspace,
 * competitor, captured_at) answers each max() directly. It is a nested builder rather than
 * columns written into a sql`` field, because drizzle leaves a single-table select's field
 * columns unqualified: `id` would then resolve to the snapshot's own id inside the subquery.
 */
async function listCompetitors(db: AppEnv['Variables']['db'], where: SQL | undefined): Promise<Competitor[]> {
  const latest = db
    .select({ at: max(competitorSnapshots.capturedAt) })
    .from(competitorSnapshots)
    .where(and(eq(competitorSnapshots.workspaceId, competitors.workspaceId), eq(competitorSnapshots.competitorId, competitors.id)));
  const rows = await db
    .select({ ...getTableColumns(competitors), lastSnapshotAt: sql<number | null>`(${latest})` })
    .from(competitors)
    .where(where)
    .orderBy(competitors.handle)
    .all();
  return rows.map(({ lastSnapshotAt, ...r }) => toCompetitor(r, lastSnapshotAt));
}

export const competitorRoutes = new Hono<AppEnv>()
  /** Tracked accounts; `platform` + `handle` answers "is this page's account tracked?". */
  .get(
    '/',
    zv('query', z.object({ platform: z.enum(socialPlatforms).optional(), handle: z.string().max(100).optional() })),
    async (c) => {
      const { workspaceId } = c.get('auth');
      const { platform, handle } = c.req.valid('query');
      const db = c.get('db');
      const conditions = [eq(competitors.workspaceId, workspaceId)];
      if (platform) conditions.push(eq(competitors.platform, platform));
      if (handle) conditions.push(eq(competitors.handle, handle.replace(/^@/, '').toLowerCase()));
      return c.json({ competitors: await listCompetitors(db, and(...conditions)) });
    },
  )

  /** Start tracking an account. Tracking twice is not an error: it returns the existing one. */
  .post('/', zv('json', trackCompetitorRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const input = c.req.valid('json');
    const db = c.get('db');
    const inserted = await db
      .insert(competitors)
      .values({ id: newId(), workspaceId, ...input, createdAt: Date.now() })
      .onConflictDoNothing()
      .returning()
      .get();
    if (inserted) return c.json(toCompetitor(inserted, null), 201);
    const [existing] = await listCompetitors(db, and(eq(competitors.workspaceId, workspaceId), eq(competitors.platform, input.platform), eq(competitors.handle, input.handle)));
    return c.json(existing!, 200);
  })

  .get('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const db = c.get('db');
    const row = await db.select().from(competitors).where(and(eq(competitors.id, c.req.param('id')), eq(competitors.workspaceId, workspaceId))).get();
    if (!row) throw ApiError.notFound('competitor');
    const snaps = (
      await db
        .select()
        .from(competitorSnapshots)
        .where(and(eq(competitorSnapshots.workspaceId, workspaceId), eq(competitorSnapshots.competitorId, row.id)))
        .orderBy(desc(competitorSnapshots.capturedAt))
        .limit(SNAPSHOT_HISTORY)
        .all()
    ).reverse();
    const theirPosts = await db
      .select()
      .from(posts)
      .where(and(eq(posts.workspaceId, workspaceId), eq(posts.kind, 'competitor'), eq(posts.platform, row.platform), eq(posts.author, row.handle)))
      .orderBy(desc(posts.publishedAt))
      .limit(200)
      .all();
    const growth = competitorGrowth(
      snaps.map((s) => ({ capturedAt: s.capturedAt, followers: s.followers })),
      theirPosts.map((p) => ({ id: p.externalId, text: p.text, url: p.url, publishedAt: p.publishedAt, likes: p.likes, comments: p.comments, shares: p.shares, views: p.views })),
      Date.now(),
    );
    const detail: CompetitorDetail = {
      ...toCompetitor(row, snaps.at(-1)?.capturedAt ?? null),
      snapshots: snaps.map((s) => ({ capturedAt: iso(s.capturedAt), followers: s.followers, following: s.following, metrics: s.metrics })),
      growth: { ...growth, bestRecentPosts: growth.bestRecentPosts.map((p) => ({ id: p.id, text: p.text, url: p.url, publishedAt: iso(p.publishedAt), engagement: p.engagement })) },
    };
    return c.json(detail);
  })

  /**
   * A visit's snapshot, sent by the extension through its outbox (so retried with an
   * Idempotency-Key). Only tracked accounts have an id to post to: nothing is stored
   * for accounts the user did not choose to track.
   */
  .post('/:id/snapshots', idempotent, zv('json', competitorSnapshotRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const input = c.req.valid('json');
    const db = c.get('db');
    const row = await db.select().from(competitors).where(and(eq(competitors.id, c.req.param('id')), eq(competitors.workspaceId, workspaceId))).get();
    if (!row) throw ApiError.notFound('competitor');
    const now = Date.now();
    const capturedAt = Date.parse(input.capturedAt);
    const postRows = input.posts.map((p) => postRow({ ...p, id: p.externalId, platform: row.platform, author: row.handle, url: p.url ?? '' }, workspaceId, 'competitor', capturedAt));
    await db.batch([
      db.insert(competitorSnapshots).values({ id: newId(), workspaceId, competitorId: row.id, capturedAt, followers: input.followers, following: input.following, metrics: input.metrics }),
      // A post seen again updates its counts (they keep moving), never duplicates it.
      ...upsertPosts(db, postRows),
    ]);
    return c.json({ competitorId: row.id, capturedAt: iso(capturedAt), posts: postRows.length, storedAt: iso(now) }, 201);
  })

  .delete('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const gone = await c
      .get('db')
      .delete(competitors)
      .where(and(eq(competitors.id, c.req.param('id')), eq(competitors.workspaceId, workspaceId)))
      .returning({ id: competitors.id })
      .get();
    if (!gone) throw ApiError.notFound('competitor');
    return c.body(null, 204);
  });
