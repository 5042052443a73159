import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { checkDuration } from '../../shared/video/quality.ts';
import type { Storyboard } from '../../shared/video/storyboard.ts';
import { videoJobs } from '../db/schema.ts';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import type { Env } from '../env.ts';
import type { HeyGenClient, VideoStatus } from './client.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;
type JobRow = typeof videoJobs.$inferSelect;

/**
 * A video queue message. A status check carries `seq`, the job's `polls` count when it was
 * sent: a check only runs if it can advance `polls` from that value, so of several checks
 * in flight for one job (a webhook's, the cron's, a redelivery) exactly one continues and
 * each job has at most one live poll chain. A check without `seq` (sent before checks
 * carried one) takes over the chain instead: it claims whatever `polls` it reads, which
 * ends the chain it overtook.
 */
export type VideoMessage = Extract<JobMessage, { type: 'video-render' | 'video-poll' }>;

/** What a video job wants next: nothing, or a message again after a delay. */
export type NextStep = { body: VideoMessage; delaySeconds: number } | null;

export function pollMessage(jobId: string, seq: number): VideoMessage {
  return { type: 'video-poll', jobId, seq };
}

/** HeyGen's download links lived 7 days in v1/v2 (v3 documents no lifetime); we treat them as stale an hour early. */
export const LINK_TTL_MS = 7 * 24 * 3600 * 1000;
const LINK_MARGIN_MS = 3600 * 1000;

/**
 * Records a finished render (completed or failed) once; returns false while it is still
 * rendering. The state guard makes a poll and a webhook racing to settle the same job safe.
 */
export async function settle(db: Db, job: JobRow, status: VideoStatus, now: number): Promise<boolean> {
  if (status.status === 'failed') {
    const e = status.error;
    await setIf(db, job.id, 'rendering', { state: 'failed', error: `HeyGen render failed${e ? `: ${e.message}${e.code ? ` (${e.code})` : ''}` : ''}`, updatedAt: now });
    return true;
  }
  if (status.status !== 'completed') return false;
  const storyboard = job.storyboard as unknown as Storyboard;
  const warnings: string[] = [];
  if (status.durationSec !== null && storyboard.script) {
    for (const issue of checkDuration(status.durationSec, storyboard.script.readingSec).issues) warnings.push(issue.message);
  }
  await setIf(db, job.id, 'rendering', {
    state: 'done',
    videoUrl: status.videoUrl,
    thumbnailUrl: status.thumbnailUrl,
    captionUrl: status.captionUrl,
    renderedDurationSec: status.durationSec,
    urlsExpireAt: now + LINK_TTL_MS,
    warnings,
    error: null,
    updatedAt: now,
  });
  return true;
}

/** Fresh download links for a finished video whose links are about to expire. */
export async function refreshLinks(db: Db, client: HeyGenClient | null, job: JobRow, now = Date.now()): Promise<JobRow> {
  if (job.state !== 'done' || !job.heygenVideoId || !client) return job;
  if (job.urlsExpireAt !== null && job.urlsExpireAt - LINK_MARGIN_MS > now) return job;
  const s = await client.status(job.heygenVideoId);
  if (s.status !== 'completed') return job;
  const set = { videoUrl: s.videoUrl, thumbnailUrl: s.thumbnailUrl, captionUrl: s.captionUrl, urlsExpireAt: now + LINK_TTL_MS, updatedAt: now };
  await db.update(videoJobs).set(set).where(eq(videoJobs.id, job.id));
  return { ...job, ...set };
}

/** Updates a job only while it is still in one of `from`, so racing writers settle it once. */
export async function setIf(db: Db, jobId: string, from: JobRow['state'] | JobRow['state'][], set: Partial<typeof videoJobs.$inferInsert>): Promise<void> {
  const states = Array.isArray(from) ? from : [from];
  await db.update(videoJobs).set(set).where(and(eq(videoJobs.id, jobId), inArray(videoJobs.state, states)));
}

/**
 * The job's render is HeyGen's `videoId` (found by lookup, or named by a signed webhook after
 * our create's answer was lost): it is rendering from here, polled from count 0. True when
 * this call moved it; false when it had already left `submitting`/`queued`.
 */
export async function adoptRender(db: Db, jobId: string, videoId: string, now: number): Promise<boolean> {
  const moved = await db
    .update(videoJobs)
    .set({ state: 'rendering', heygenVideoId: videoId, error: null, polls: 0, updatedAt: now })
    .where(and(eq(videoJobs.id, jobId), inArray(videoJobs.state, ['submitting', 'queued'])))
    .returning({ id: videoJobs.id });
  return moved.length > 0;
}

/** A failed job back to rendering `videoId` (a success webhook for it came after all); false when it is not failed, or failed on another render. */
export async function reviveRender(db: Db, jobId: string, videoId: string, now: number): Promise<boolean> {
  const moved = await db
    .update(videoJobs)
    .set({ state: 'rendering', heygenVideoId: videoId, error: null, polls: 0, updatedAt: now })
    .where(and(eq(videoJobs.id, jobId), eq(videoJobs.state, 'failed'), or(isNull(videoJobs.heygenVideoId), eq(videoJobs.heygenVideoId, videoId))))
    .returning({ id: videoJobs.id });
  return moved.length > 0;
}

/**
 * A render message for the account's oldest job waiting for a slot. It may duplicate that
 * job's own delayed retry, which is harmless: the claim admits only one of them.
 */
export async function nextWaiting(env: Env, account: string | null): Promise<NextStep> {
  if (!account) return null;
  const next = await env.DB.prepare(`select id from video_jobs where account = ? and state = 'queued' order by created_at, id limit 1`).bind(account).first<{ id: string }>();
  return next ? { body: { type: 'video-render', jobId: next.id }, delaySeconds: 0 } : null;
}
