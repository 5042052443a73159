import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { allocate, type PlacedPost } from '../../shared/calendar/allocate.ts';
import { formatCalendarCsv, parseCalendarCsv } from '../../shared/calendar/csv.ts';
import { CsvSyntaxError } from '../../shared/posts/csv.ts';
import { contentGaps } from '../../shared/calendar/gaps.ts';
import { newDraft, transition, TransitionError, type CalendarPost } from '../../shared/calendar/state.ts';
import { allocateRequest, calendarQuery, createCalendarPostRequest, importCalendarRequest, seasonalEventsRequest, transitionRequest } from '../../shared/contracts/calendar.ts';
import { BUNDLED_EVENTS, type SeasonalEvent } from '../../shared/calendar/seasonal.ts';
import { posts } from '../db/schema.ts';
import { calendarEvents, scheduledPosts } from '../db/schema-calendar.ts';
import type { AppEnv } from '../lib/context.ts';
import { newId } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { idempotent } from '../lib/idempotency.ts';
import { accountLogLifts } from '../lib/models.ts';
import { liveTrends } from '../lib/trend-list.ts';
import { zv } from '../lib/validate.ts';

type Row = typeof scheduledPosts.$inferSelect;

export function toCalendarPost(r: Row): CalendarPost {
  return {
    id: r.id,
    platform: r.platform,
    topic: r.topic,
    pieceId: r.pieceId,
    text: r.text,
    scheduledAt: r.scheduledAt === null ? null : new Date(r.scheduledAt).toISOString(),
    state: r.state as CalendarPost['state'],
    history: r.history,
  };
}

function toRow(p: CalendarPost, workspaceId: string, now: number): Row {
  return {
    id: p.id,
    workspaceId,
    platform: p.platform,
    topic: p.topic,
    pieceId: p.pieceId,
    text: p.text,
    scheduledAt: p.scheduledAt === null ? null : Date.parse(p.scheduledAt),
    state: p.state,
    history: p.history,
    updatedAt: now,
  };
}


function conflict(err: unknown): never {
  if (err instanceof TransitionError) throw new ApiError(409, 'conflict', err.message);
  throw err;
}

const DAY = 86_400_000;

/** The workspace's own seasonal events (empty when it has none). */
export async function customEvents(db: DrizzleD1Database<Record<string, unknown>>, workspaceId: string): Promise<SeasonalEvent[]> {
  const row = await db.select({ events: calendarEvents.events }).from(calendarEvents).where(eq(calendarEvents.workspaceId, workspaceId)).get();
  return row?.events ?? [];
}

/**
 * When a move happens, by the server's clock, but never before the post's last recorded
 * change: the cron tick that made it due may have run in an isolate whose clock is a
 * little ahead, and the history must stay in order.
 */
export function moveTime(post: CalendarPost, now = Date.now()): number {
  const last = post.history.at(-1);
  return Math.max(now, last ? Date.parse(last.at) : 0);
}

export const calendarRoutes = new Hono<AppEnv>()
  .get('/', zv('query', calendarQuery), async (c) => {
    const { workspaceId } = c.get('auth');
    const q = c.req.valid('query');
    const where = [eq(scheduledPosts.workspaceId, workspaceId)];
    if (q.state) where.push(eq(scheduledPosts.state, q.state));
    // Drafts have no time; a window still lists them so nothing is hidden.
    if (q.from) where.push(or(isNull(scheduledPosts.scheduledAt), gte(scheduledPosts.scheduledAt, Date.parse(q.from)))!);
    if (q.to) where.push(or(isNull(scheduledPosts.scheduledAt), lte(scheduledPosts.scheduledAt, Date.parse(q.to)))!);
    const rows = await c.get('db').select().from(scheduledPosts).where(and(...where)).orderBy(asc(scheduledPosts.scheduledAt)).limit(500).all();
    return c.json({ posts: rows.map(toCalendarPost) });
  })

  .post('/', idempotent, zv('json', createCalendarPostRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const input = c.req.valid('json');
    const now = Date.now();
    let post = newDraft({ id: newId(), platform: input.platform, topic: input.topic, pieceId: input.pieceId, text: input.text }, now);
    if (input.scheduledAt) {
      try {
        post = transition(post, 'scheduled', now, { scheduledAt: new Date(input.scheduledAt).toISOString() });
      } catch (err) {
        conflict(err);
      }
    }
    await c.get('db').insert(scheduledPosts).values(toRow(post, workspaceId, now));
    return c.json(post, 201);
  })

  /**
   * Proposes slots for new posts from this account's best times, keeping the content mix
   * (no same topic back to back, daily caps, spacing), ordering a cross-platform piece and
   * weighing seasonal events; `commit` stores them as scheduled.
   */
  .post('/allocate', zv('json', allocateRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const input = c.req.valid('json');
    const db = c.get('db');
    const now = Date.now();
    const logLift = await accountLogLifts(db, workspaceId, input.posts.map((p) => p.platform), input.timeZone);
    const from = input.startAt ? Math.max(now, Date.parse(input.startAt)) : now;
    const horizon = from + input.days * DAY;
    const booked = await db
      .select()
      .from(scheduledPosts)
      .where(and(eq(scheduledPosts.workspaceId, workspaceId), inArray(scheduledPosts.state, ['scheduled', 'due', 'notified', 'opened']), gte(scheduledPosts.scheduledAt, from - DAY), lte(scheduledPosts.scheduledAt, horizon)))
      .all();
    const existing: PlacedPost[] = booked.map((b) => ({ platform: b.platform, topic: b.topic, pieceId: b.pieceId, at: new Date(b.scheduledAt!).toISOString() }));
    const ids = input.posts.map(() => newId());
    const result = allocate({
      posts: input.posts.map((p, i) => ({ id: ids[i]!, platform: p.platform, topic: p.topic, pieceId: p.pieceId })),
      existing,
      logLift,
      timeZone: input.timeZone,
      from,
      days: input.days,
      events: await customEvents(db, workspaceId),
    });
    let stored: CalendarPost[] = [];
    if (input.commit && result.placed.length) {
      stored = result.placed.map((a) => {
        const src = input.posts[ids.indexOf(a.postId)]!;
        return transition(newDraft({ id: a.postId, platform: src.platform, topic: src.topic, pieceId: src.pieceId, text: src.text }, now), 'scheduled', now, { scheduledAt: a.at });
      });
      await db.batch(stored.map((p) => db.insert(scheduledPosts).values(toRow(p, workspaceId, now))) as [never, ...never[]]);
    }
    return c.json({ ...result, committed: stored });
  })

  /** Content gaps: what is trending or covered by tracked competitors that this workspace has not posted about. */
  .get('/gaps', async (c) => {
    const { workspaceId } = c.get('auth');
    const db = c.get('db');
    const now = Date.now();
    const since = now - 60 * DAY;
    const [trendRows, competitorRows, ownRows, calendarRows] = await Promise.all([
      liveTrends(db, workspaceId, { limit: 100 }),
      db.select().from(posts).where(and(eq(posts.workspaceId, workspaceId), eq(posts.kind, 'competitor'), gte(posts.publishedAt, since))).limit(2000).all(),
      db.select().from(posts).where(and(eq(posts.workspaceId, workspaceId), eq(posts.kind, 'own'), gte(posts.publishedAt, since))).limit(2000).all(),
      db.select().from(scheduledPosts).where(and(eq(scheduledPosts.workspaceId, workspaceId), inArray(scheduledPosts.state, ['scheduled', 'due', 'notified', 'opened', 'published']))).limit(500).all(),
    ]);
    const gaps = contentGaps(
      trendRows.map((t) => ({ topic: t.name, score: t.score, keywords: t.keywords })),
      competitorRows.map((p) => ({ competitor: p.author ?? 'competitor', text: p.text, publishedAt: new Date(p.publishedAt).toISOString() })),
      [
        ...ownRows.map((p) => ({ text: p.text, publishedAt: new Date(p.publishedAt).toISOString() })),
        // Something already on the calendar covers its topic too.
        // Planned posts count as covered now (a future date would read as not yet covered).
        ...calendarRows.map((p) => ({ text: p.text, topic: p.topic, publishedAt: new Date(Math.min(p.scheduledAt ?? now, now)).toISOString() })),
      ],
      { now, limit: 20 },
    );
    return c.json({ gaps });
  })

  /** The seasonal calendar allocation weighs: the bundled events and the workspace's own. */
  .get('/events', async (c) => {
    const { workspaceId } = c.get('auth');
    return c.json({ bundled: BUNDLED_EVENTS, custom: await customEvents(c.get('db'), workspaceId) });
  })

  /** Replaces the workspace's own events (additions, or overrides of a bundled id). */
  .put('/events', zv('json', seasonalEventsRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { events } = c.req.valid('json');
    const ids = events.map((e) => e.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new ApiError(400, 'invalid_request', `events: id '${twice}' appears twice`, [{ path: 'events', message: `duplicate id ${twice}` }]);
    const row = { workspaceId, events: events as SeasonalEvent[], updatedAt: Date.now() };
    await c.get('db').insert(calendarEvents).values(row).onConflictDoUpdate({ target: calendarEvents.workspaceId, set: row });
    return c.json({ custom: events });
  })

  .get('/export', async (c) => {
    const { workspaceId } = c.get('auth');
    const rows = await c.get('db').select().from(scheduledPosts).where(eq(scheduledPosts.workspaceId, workspaceId)).orderBy(asc(scheduledPosts.scheduledAt)).all();
    return c.body(formatCalendarCsv(rows.map(toCalendarPost)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="sightline-calendar.csv"',
    });
  })

  /** Imports a calendar CSV (ours, or another scheduler's common columns); bad rows are reported by line and field. */
  .post('/import', idempotent, zv('json', importCalendarRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const now = Date.now();
    let parsed;
    try {
      parsed = parseCalendarCsv(c.req.valid('json').csv, { now });
    } catch (err) {
      // An unterminated quote swallows the rest of the file: no row after it can be trusted.
      if (err instanceof CsvSyntaxError) throw new ApiError(400, 'invalid_request', `csv: ${err.message}`, [{ path: 'csv', message: err.message }]);
      throw err;
    }
    if (parsed.items.length === 0 && parsed.errors.length === 0) throw new ApiError(400, 'invalid_request', 'csv: no rows');
    const db = c.get('db');
    // Imported rows get fresh ids: an id from another tool or workspace must never address an existing row.
    // Hence one batch (one transaction): a half-landed import, sent again, would duplicate its first half.
    const inserts = parsed.items.map((p) => db.insert(scheduledPosts).values(toRow({ ...p, id: newId() }, workspaceId, now)));
    if (inserts.length) await db.batch(inserts as [never, ...never[]]);
    return c.json({ imported: inserts.length, skipped: parsed.errors.length, errors: parsed.errors.slice(0, 20) }, 201);
  })

  .post('/:id/transition', zv('json', transitionRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const { to, scheduledAt } = c.req.valid('json');
    const db = c.get('db');
    const row = await db.select().from(scheduledPosts).where(and(eq(scheduledPosts.id, c.req.param('id')), eq(scheduledPosts.workspaceId, workspaceId))).get();
    if (!row) throw ApiError.notFound('calendar post');
    const current = toCalendarPost(row);
    const now = moveTime(current);
    let next: CalendarPost;
    try {
      next = transition(current, to, now, scheduledAt ? { scheduledAt: new Date(scheduledAt).toISOString() } : {});
    } catch (err) {
      conflict(err);
    }
    // Already there (the cron made it due, another browser marked it published): nothing to write.
    if (next === current) return c.json(current);
    // Compare-and-set on the state: two clients moving the same post cannot both win.
    const updated = await db
      .update(scheduledPosts)
      .set({ state: next.state, scheduledAt: next.scheduledAt === null ? null : Date.parse(next.scheduledAt), history: next.history, updatedAt: now })
      .where(and(eq(scheduledPosts.id, row.id), eq(scheduledPosts.state, row.state)))
      .returning({ id: scheduledPosts.id })
      .get();
    if (!updated) throw new ApiError(409, 'conflict', `calendar post ${row.id} changed while moving it; reload and retry`);
    return c.json(next);
  })

  .delete('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const gone = await c
      .get('db')
      .delete(scheduledPosts)
      .where(and(eq(scheduledPosts.id, c.req.param('id')), eq(scheduledPosts.workspaceId, workspaceId)))
      .returning({ id: scheduledPosts.id })
      .get();
    if (!gone) throw ApiError.notFound('calendar post');
    return c.body(null, 204);
  });
