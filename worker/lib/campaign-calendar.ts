import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { allocate } from '../../shared/calendar/allocate.ts';
import { newDraft, transition, type CalendarPost } from '../../shared/calendar/state.ts';
import type { PlannedVideo } from '../../shared/video/campaign.ts';
import type { VideoPlatform } from '../../shared/video/formats.ts';
import { scheduledPosts } from '../db/schema-calendar.ts';
import { accountLogLifts } from './models.ts';
import { customEvents } from '../routes/calendar.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;

/** Where each video format lives on the content calendar. */
const calendarPlatform: Record<VideoPlatform, string> = {
  linkedin: 'linkedin',
  x: 'x',
  shorts: 'youtube-shorts',
  youtube: 'youtube-description',
  tiktok: 'short-video',
  reels: 'short-video',
};
const DAY = 86_400_000;

/**
 * Places a campaign's videos on the workspace's content calendar with the same allocator
 * as any other post: this account's best times, daily caps, spacing, and the posts
 * already booked. Each placed video becomes a scheduled calendar post (piece = the
 * campaign); a video the calendar cannot fit keeps its default slot and says why.
 */
export async function placeCampaign(
  db: Db,
  workspaceId: string,
  campaignId: string,
  plan: PlannedVideo[],
  opts: { from: number; timeZone?: string },
): Promise<PlannedVideo[]> {
  const timeZone = opts.timeZone ?? 'UTC';
  const days = Math.min(28, Math.max(7, plan.length + 1));
  const logLift = await accountLogLifts(db, workspaceId, plan.map((p) => calendarPlatform[p.platform]), timeZone);
  const booked = await db
    .select()
    .from(scheduledPosts)
    .where(and(eq(scheduledPosts.workspaceId, workspaceId), inArray(scheduledPosts.state, ['scheduled', 'due', 'notified', 'opened']), gte(scheduledPosts.scheduledAt, opts.from - DAY), lte(scheduledPosts.scheduledAt, opts.from + days * DAY)))
    .all();
  const ids = plan.map(() => crypto.randomUUID());
  const result = allocate({
    posts: plan.map((p, i) => ({ id: ids[i]!, platform: calendarPlatform[p.platform], topic: p.pillar })),
    existing: booked.map((b) => ({ platform: b.platform, topic: b.topic, pieceId: b.pieceId, at: new Date(b.scheduledAt!).toISOString() })),
    logLift,
    timeZone,
    from: opts.from,
    days,
    events: await customEvents(db, workspaceId),
  });
  const now = Date.now();
  const rows: CalendarPost[] = [];
  const placedPlan = plan.map((p, i) => {
    const slot = result.placed.find((a) => a.postId === ids[i]);
    if (!slot) {
      const why = result.unplaced.find((u) => u.postId === ids[i])?.reason ?? 'no free slot';
      return { ...p, slotReason: `${p.slotReason}; the calendar had no room (${why})` };
    }
    rows.push(
      transition(newDraft({ id: ids[i]!, platform: calendarPlatform[p.platform], topic: p.pillar, pieceId: campaignId, text: `Video (${p.platform}): ${p.title}` }, now), 'scheduled', now, {
        scheduledAt: slot.at,
      }),
    );
    return { ...p, publishAt: Date.parse(slot.at), slotReason: `calendar slot ${slot.local}: ${slot.reasons.join('; ') || 'best available'}` };
  });
  if (rows.length) {
    await db.batch(
      rows.map((r) =>
        db.insert(scheduledPosts).values({
          id: r.id,
          workspaceId,
          platform: r.platform,
          topic: r.topic,
          pieceId: r.pieceId,
          text: r.text,
          scheduledAt: Date.parse(r.scheduledAt!),
          state: r.state,
          history: r.history,
          updatedAt: now,
        }),
      ) as [never, ...never[]],
    );
  }
  return placedPlan;
}
