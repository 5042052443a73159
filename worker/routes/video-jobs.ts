import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import { READY_TO_RENDER, type VideoJobView } from '../../shared/video/contract.ts';
import type { VideoFormat, VideoPlatform } from '../../shared/video/formats.ts';
import type { Storyboard } from '../../shared/video/storyboard.ts';
import { videoJobs } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { HeyGenError, type HeyGenClient } from '../heygen/client.ts';
import { iso, isoOrNull } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;
export type VideoJobRow = typeof videoJobs.$inferSelect;

/** Shared by /v1/videos, /v1/video-batches and /v1/campaigns: rows, views, quota, queueing. */

export function jobStatus(row: VideoJobRow): string {
  if (row.state === 'storyboard') return READY_TO_RENDER;
  if (row.state === 'failed') return `failed: ${row.error ?? 'unknown error'}`;
  return row.state;
}

export function toJobView(row: VideoJobRow): VideoJobView {
  return {
    id: row.id,
    batchId: row.batchId,
    campaignId: row.campaignId,
    state: row.state,
    status: jobStatus(row),
    platform: row.platform as VideoPlatform,
    format: row.format as VideoFormat,
    videoUrl: row.videoUrl,
    thumbnailUrl: row.thumbnailUrl,
    captionUrl: row.captionUrl,
    durationSec: row.renderedDurationSec,
    urlsExpireAt: isoOrNull(row.urlsExpireAt),
    error: row.error,
    warnings: row.warnings,
    publishAt: isoOrNull(row.publishAt),
    createdAt: iso(row.createdAt),
    storyboard: row.storyboard as unknown as Storyboard,
  };
}

export interface NewJob {
  storyboard: Storyboard;
  sourceText: string;
  durationSec: number;
  publishAt?: number;
}

/**
 * Inserts the jobs: storyboards only without HeyGen; with it, `queued` (or `failed` when
 * the pre-render quality checks fail, so nothing bad is ever paid for).
 */
export function jobRows(
  jobs: NewJob[],
  opts: { workspaceId: string; account: string | null; batchId?: string | null; campaignId?: string | null; now: number },
): (typeof videoJobs.$inferInsert)[] {
  return jobs.map((j) => {
    const failedChecks = j.storyboard.quality.issues.map((i) => i.message);
    const state = !opts.account ? 'storyboard' : failedChecks.length > 0 ? 'failed' : 'queued';
    return {
      id: crypto.randomUUID(),
      workspaceId: opts.workspaceId,
      batchId: opts.batchId ?? null,
      campaignId: opts.campaignId ?? null,
      state,
      platform: j.storyboard.platform,
      format: j.storyboard.format,
      durationSec: j.durationSec,
      sourceText: j.sourceText,
      storyboard: j.storyboard as unknown as Record<string, unknown>,
      account: opts.account,
      error: state === 'failed' ? `quality checks failed: ${failedChecks.join('; ')}` : null,
      publishAt: j.publishAt ?? null,
      createdAt: opts.now,
      updatedAt: opts.now,
    } as const;
  });
}

/** D1 binds at most 100 parameters per statement; a job row binds 17. */
const ROWS_PER_INSERT = 5;

export async function insertJobs(db: Db, rows: (typeof videoJobs.$inferInsert)[]): Promise<void> {
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) statements.push(db.insert(videoJobs).values(rows.slice(i, i + ROWS_PER_INSERT)));
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
}

export async function enqueueRenders(env: Env, rows: { id: string; state: string }[]): Promise<void> {
  const messages: { body: JobMessage }[] = rows.filter((r) => r.state === 'queued').map((r) => ({ body: { type: 'video-render', jobId: r.id } }));
  for (let i = 0; i < messages.length; i += 100) await env.VIDEO.sendBatch(messages.slice(i, i + 100));
}

/**
 * Refuses work the account cannot pay for: HeyGen's remaining credit (as seconds of video)
 * must cover these videos plus everything of this account still queued or rendering. An
 * account that reports no limit (usage-based without a cap) is not checked; HeyGen's own
 * 402 on the create still stops a render it cannot pay for.
 */
export async function ensureQuota(db: Db, client: HeyGenClient, account: string, neededSec: number): Promise<void> {
  let remaining: number | null;
  try {
    remaining = await client.remainingQuota();
  } catch (err) {
    throw heygenUnavailable(err);
  }
  if (remaining === null) return;
  const committed = await committedSeconds(db, account);
  if (neededSec + committed > remaining) {
    const fmt = (s: number) => `${Math.round((s / 60) * 10) / 10} min`;
    throw new ApiError(
      409,
      'conflict',
      `not enough HeyGen credit: these videos need about ${fmt(neededSec)}${committed ? ` on top of ${fmt(committed)} already queued` : ''}, but the account has ${fmt(remaining)} left. Remove some videos or add credit.`,
    );
  }
}

/** Seconds of video this HeyGen account has queued or rendering (not yet charged). */
export async function committedSeconds(db: Db, account: string): Promise<number> {
  const row = await db
    .select({ sec: sql<number>`coalesce(sum(${videoJobs.durationSec}), 0)` })
    .from(videoJobs)
    .where(and(eq(videoJobs.account, account), inArray(videoJobs.state, ['queued', 'submitting', 'rendering'])))
    .get();
  return row?.sec ?? 0;
}

export function heygenUnavailable(err: unknown): ApiError {
  if (err instanceof HeyGenError && err.kind === 'rate_limited') {
    return new ApiError(429, 'rate_limited', `HeyGen is rate limiting this account; try again in ${Math.ceil((err.retryAfterMs ?? 60_000) / 1000)} s`);
  }
  if (err instanceof HeyGenError && err.kind === 'rejected') return new ApiError(502, 'internal', `HeyGen refused the request: ${err.message}`);
  return new ApiError(503, 'internal', `HeyGen could not be reached (${err instanceof Error ? err.message : String(err)}); try again shortly`);
}
