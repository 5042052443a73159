import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { createVideoBatchRequest, createVideoRequest, type VideoBatchView, type VideoQuota } from '../../shared/video/contract.ts';
import { buildStoryboard } from '../../shared/video/storyboard.ts';
import { researchItems, trends, videoBatches, videoJobs } from '../db/schema.ts';
import { workspaceCatalogue, type Catalogue } from '../heygen/catalog.ts';
import type { HeyGenClient } from '../heygen/client.ts';
import { accountOf, heygenFromEnv, REQUEST_RATE_LIMIT_WAIT_MS } from '../heygen/env.ts';
import { iso, type AppEnv } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { idempotent } from '../lib/idempotency.ts';
import { trendToWorkFrom } from '../lib/trend-list.ts';
import { zv } from '../lib/validate.ts';
import { refreshLinks } from '../heygen/settle.ts';
import { llmScript } from './video-script.ts';
import { committedSeconds, enqueueRenders, ensureQuota, heygenUnavailable, insertJobs, jobRows, toJobView, type NewJob } from './video-jobs.ts';
import type { DrizzleD1Database } from 'drizzle-orm/d1';

export async function catalogueFor(db: DrizzleD1Database<Record<string, unknown>>, workspaceId: string, client: HeyGenClient | null): Promise<Catalogue> {
  try {
    return await workspaceCatalogue(db, workspaceId, client);
  } catch (err) {
    throw heygenUnavailable(err);
  }
}

/** POST /v1/videos: one video from a source; GET /v1/videos/:id with fresh download links. */
export const videoRoutes = new Hono<AppEnv>()
  .post('/', idempotent, zv('json', createVideoRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { researchItemId, trendId, ...input } = c.req.valid('json');
    const db = c.get('db');
    let sourceText = input.sourceText ?? '';
    let title = input.title;
    if (researchItemId) {
      const item = await db.select().from(researchItems).where(and(eq(researchItems.id, researchItemId), eq(researchItems.workspaceId, workspaceId))).get();
      if (!item) throw ApiError.notFound('research item');
      sourceText = item.text;
      title ??= item.title || undefined;
    }
    if (trendId) {
      const trend = await trendToWorkFrom(db, workspaceId, trendId);
      if (!trend) throw ApiError.notFound('trend');
      sourceText = trendSourceText(trend);
      title ??= trend.name;
    }
    const client = heygenFromEnv(c.env, { maxRateLimitWaitMs: REQUEST_RATE_LIMIT_WAIT_MS });
    const account = await accountOf(c.env);
    const catalogue = await catalogueFor(db, workspaceId, client);
    const storyInput = { ...input, sourceText, title };
    // One video can wait for an LLM; batches use the built-in writer (a hundred LLM calls do not fit in a request).
    const written = await llmScript(c.env, db, workspaceId, storyInput);
    let storyboard = buildStoryboard(storyInput, catalogue, written);
    // An LLM script that fails the checks (missing key message, too long) is not worth a render.
    if (written && !storyboard.quality.ok) storyboard = buildStoryboard(storyInput, catalogue);
    if (client && account && storyboard.quality.ok) await ensureQuota(db, client, account, input.durationSec);
    const rows = jobRows([{ storyboard, sourceText, durationSec: input.durationSec }], { workspaceId, account, now: Date.now() });
    await insertJobs(db, rows);
    await enqueueRenders(c.env, rows as { id: string; state: string }[]);
    const row = await db.select().from(videoJobs).where(eq(videoJobs.id, rows[0]!.id!)).get();
    return c.json(toJobView(row!), rows[0]!.state === 'queued' ? 202 : 201);
  })

  /** HeyGen credit left in seconds of video (null: the account reports no limit), and how much of it queued work will use. */
  .get('/quota', async (c) => {
    const client = heygenFromEnv(c.env, { maxRateLimitWaitMs: REQUEST_RATE_LIMIT_WAIT_MS });
    const account = await accountOf(c.env);
    let quota: VideoQuota = { connected: false, remainingSec: null, committedSec: 0 };
    if (client && account) {
      try {
        quota = { connected: true, remainingSec: await client.remainingQuota(), committedSec: await committedSeconds(c.get('db'), account) };
      } catch (err) {
        throw heygenUnavailable(err);
      }
    }
    return c.json(quota);
  })

  /**
   * The presenters a workspace can cast: its HeyGen account's avatars (cached like every
   * other catalogue read), or the built-in stock set without a key; `source` says which.
   */
  .get('/avatars', async (c) => {
    const client = heygenFromEnv(c.env, { maxRateLimitWaitMs: REQUEST_RATE_LIMIT_WAIT_MS });
    const { avatars, source } = await catalogueFor(c.get('db'), c.get('auth').workspaceId, client);
    return c.json({ source, avatars: avatars.map(({ id, name, gender }) => ({ id, name, gender })) });
  })

  .get('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const db = c.get('db');
    const row = await db.select().from(videoJobs).where(and(eq(videoJobs.id, c.req.param('id')), eq(videoJobs.workspaceId, workspaceId))).get();
    if (!row) throw ApiError.notFound('video');
    let fresh = row;
    try {
      fresh = await refreshLinks(db, heygenFromEnv(c.env, { maxRateLimitWaitMs: REQUEST_RATE_LIMIT_WAIT_MS }), row);
    } catch {
      // Stale links are still worth showing; the next read tries again.
    }
    return c.json(toJobView(fresh));
  });

/** Many videos at once, rendered through the queue; progress per batch. */
export const videoBatchRoutes = new Hono<AppEnv>()
  .post('/', idempotent, zv('json', createVideoBatchRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { items, blockedWords } = c.req.valid('json');
    const db = c.get('db');
    const client = heygenFromEnv(c.env, { maxRateLimitWaitMs: REQUEST_RATE_LIMIT_WAIT_MS });
    const account = await accountOf(c.env);
    const catalogue = await catalogueFor(db, workspaceId, client);
    const jobs: NewJob[] = items.map((item) => ({
      storyboard: buildStoryboard({ ...item, blockedWords }, catalogue),
      sourceText: item.sourceText,
      durationSec: item.durationSec,
    }));
    if (client && account) {
      const needed = jobs.filter((j) => j.storyboard.quality.ok).reduce((s, j) => s + j.durationSec, 0);
      if (needed > 0) await ensureQuota(db, client, account, needed);
    }
    const id = crypto.randomUUID();
    const now = Date.now();
    const rows = jobRows(jobs, { workspaceId, account, batchId: id, now });
    await db.insert(videoBatches).values({ id, workspaceId, total: rows.length, createdAt: now });
    await insertJobs(db, rows);
    await enqueueRenders(c.env, rows as { id: string; state: string }[]);
    return c.json({ id, total: rows.length, queued: rows.filter((r) => r.state === 'queued').length }, 202);
  })

  .get('/', zv('query', z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) })), async (c) => {
    const { workspaceId } = c.get('auth');
    const db = c.get('db');
    const batches = await db
      .select()
      .from(videoBatches)
      .where(eq(videoBatches.workspaceId, workspaceId))
      .orderBy(desc(videoBatches.createdAt))
      .limit(c.req.valid('query').limit)
      .all();
    // Counts for every batch of the workspace created since the oldest one listed, not for a
    // list of ids: D1 binds at most 100 parameters and a page holds up to 100 batches. That
    // range covers every listed batch (ties and batches created meanwhile are extra rows the
    // per-batch filter below ignores) and is read through video_batches_workspace_idx.
    const oldest = batches.at(-1)?.createdAt;
    const counts =
      oldest === undefined
        ? []
        : await db
            .select({ batchId: videoJobs.batchId, state: videoJobs.state, n: sql<number>`count(*)` })
            .from(videoJobs)
            .innerJoin(videoBatches, eq(videoBatches.id, videoJobs.batchId))
            .where(and(eq(videoBatches.workspaceId, workspaceId), gte(videoBatches.createdAt, oldest), eq(videoJobs.workspaceId, workspaceId)))
            .groupBy(videoJobs.batchId, videoJobs.state)
            .all();
    return c.json({
      batches: batches.map((b) => ({ ...summarise(counts.filter((r) => r.batchId === b.id)), id: b.id, campaignId: b.campaignId, total: b.total, createdAt: iso(b.createdAt) })),
    });
  })

  .get('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const db = c.get('db');
    const batch = await db.select().from(videoBatches).where(and(eq(videoBatches.id, c.req.param('id')), eq(videoBatches.workspaceId, workspaceId))).get();
    if (!batch) throw ApiError.notFound('video batch');
    const jobs = await db
      .select({ id: videoJobs.id, state: videoJobs.state, videoUrl: videoJobs.videoUrl, error: videoJobs.error })
      .from(videoJobs)
      .where(and(eq(videoJobs.batchId, batch.id), eq(videoJobs.workspaceId, workspaceId)))
      .orderBy(videoJobs.createdAt, videoJobs.id)
      .all();
    const counts = summarise(jobs.map((j) => ({ state: j.state, n: 1 })));
    return c.json({
      id: batch.id,
      campaignId: batch.campaignId,
      total: batch.total,
      ...counts,
      createdAt: iso(batch.createdAt),
      // A job that is retrying shows its last error while still queued.
      jobs: jobs.map((j) => ({ ...j, error: j.state === 'done' ? null : j.error })),
    } satisfies VideoBatchView);
  });

/** A trend as narration: what is trending where, then its top headlines from each source. */
export function trendSourceText(trend: typeof trends.$inferSelect): string {
  const detail = trend.detail as { members?: Record<string, { title: string }[]> } | null;
  const headlines = Object.values(detail?.members ?? {})
    .flat()
    .map((m) => m.title.trim())
    .filter(Boolean)
    .slice(0, 8);
  const where = trend.sourcePlatforms.length ? ` on ${trend.sourcePlatforms.join(', ')}` : '';
  const keywords = trend.keywords.length ? ` People are talking about ${trend.keywords.slice(0, 5).join(', ')}.` : '';
  return [`${trend.name} is trending${where}.${keywords}`, ...headlines.map((h) => (/[.!?]$/.test(h) ? h : `${h}.`))].join(' ');
}

function summarise(rows: { state: string; n: number }[]) {
  const n = (...states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((s, r) => s + r.n, 0);
  return { queued: n('queued'), rendering: n('submitting', 'rendering'), done: n('done'), failed: n('failed'), storyboard: n('storyboard') };
}
