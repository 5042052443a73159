import { and, eq, inArray } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import { jobMessage, type JobMessage } from '../../shared/contracts/jobs.ts';
import type { Storyboard } from '../../shared/video/storyboard.ts';
import { videoJobs } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { HeyGenError, toGenerateRequest, type HeyGenClient, type VideoStatus } from '../heygen/client.ts';
import { nextWaiting, setIf, settle, type NextStep } from '../heygen/settle.ts';
import { heygenFromEnv, maxConcurrency } from '../heygen/env.ts';
import { retryDelaySeconds } from '../lib/retry.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;
type VideoJob = Extract<JobMessage, { type: 'video-render' | 'video-poll' }>;


const SLOT_WAIT_SEC = 20;
const FIRST_POLL_SEC = 15;
const MAX_POLL_SEC = 60;
/** About six hours of polling before a render is declared lost. */
const MAX_POLLS = 360;

export interface VideoRunOptions {
  now?: () => number;
  random?: () => number;
  client?: HeyGenClient | null;
}

const jitter = (seconds: number, random: () => number) => Math.max(0, Math.round(seconds * (0.5 + random())));

/**
 * The jobs queue's backoff schedule (~10 s, 20 s, 40 s … capped at 10 min), jittered: many
 * video jobs fail together when HeyGen has an outage, and should not all return together.
 */
export function videoRetryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  return jitter(retryDelaySeconds(attempts), random);
}

/**
 * The video queue and its dead-letter queue. Each message is handled on its own; a
 * transient failure is retried with backoff (and after max_retries dead-lettered), while
 * waits that are not failures (a full concurrency cap, a 429's Retry-After, the next
 * poll) send a fresh delayed message and ack, so they do not use up the retry budget.
 */
export async function handleVideoQueue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext, opts: VideoRunOptions = {}): Promise<void> {
  const deadLetters = batch.queue.endsWith('-dlq');
  const random = opts.random ?? Math.random;
  for (const message of batch.messages) {
    const parsed = jobMessage.safeParse(message.body);
    if (!parsed.success || (parsed.data.type !== 'video-render' && parsed.data.type !== 'video-poll')) {
      console.error(JSON.stringify({ level: 'error', queue: batch.queue, messageId: message.id, error: 'not a video job' }));
      message.ack();
      continue;
    }
    const job = parsed.data;
    if (deadLetters) {
      await failDeadLettered(drizzle(env.DB), job.jobId, message.attempts, opts.now?.() ?? Date.now());
      message.ack();
      continue;
    }
    try {
      const next = await runVideoJob(job, env, opts);
      if (next) await env.VIDEO.send(next.body, { delaySeconds: next.delaySeconds });
      message.ack();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      console.error(JSON.stringify({ level: 'warn', queue: batch.queue, messageId: message.id, job: job.type, jobId: job.jobId, attempts: message.attempts, error: reason }));
      await drizzle(env.DB).update(videoJobs).set({ error: reason, updatedAt: Date.now() }).where(eq(videoJobs.id, job.jobId));
      message.retry({ delaySeconds: videoRetryDelaySeconds(message.attempts, random) });
    }
  }
}

export async function runVideoJob(job: VideoJob, env: Env, opts: VideoRunOptions = {}): Promise<NextStep> {
  const db = drizzle(env.DB);
  const client = opts.client !== undefined ? opts.client : heygenFromEnv(env);
  const ctx = { now: opts.now ?? Date.now, random: opts.random ?? Math.random };
  return job.type === 'video-render' ? submitRender(db, env, client, job.jobId, ctx) : pollRender(db, env, client, job.jobId, ctx);
}

interface Ctx {
  now: () => number;
  random: () => number;
}

async function submitRender(db: Db, env: Env, client: HeyGenClient | null, jobId: string, ctx: Ctx): Promise<NextStep> {
  const job = await db.select().from(videoJobs).where(eq(videoJobs.id, jobId)).get();
  // Done, failed, already submitted (polls take it from here) or never meant to render.
  if (!job || (job.state !== 'queued' && job.state !== 'submitting')) return null;
  if (!client || !job.account) {
    await db.update(videoJobs).set({ state: 'failed', error: 'HeyGen is not connected: set HEYGEN_API_KEY and queue the video again', updatedAt: ctx.now() }).where(eq(videoJobs.id, jobId));
    return null;
  }

  // One statement, so two consumers cannot both take the last slot. A job already in
  // `submitting` is a redelivery of our own claim (its response was lost): it keeps its slot
  // and re-sends with the same idempotency key, which HeyGen answers with the same video.
  const claimed = await env.DB.prepare(
    `update video_jobs set state = 'submitting', submit_attempts = submit_attempts + 1, updated_at = ?1
     where id = ?2 and (state = 'submitting' or (state = 'queued' and
       (select count(*) from video_jobs where account = ?3 and state in ('submitting', 'rendering')) < ?4))
     returning id`,
  )
    .bind(ctx.now(), jobId, job.account, maxConcurrency(env))
    .first<{ id: string }>();
  if (!claimed) return { body: { type: 'video-render', jobId }, delaySeconds: jitter(SLOT_WAIT_SEC, ctx.random) };

  const storyboard = job.storyboard as unknown as Storyboard;
  let videoId: string;
  try {
    videoId = await client.generate(
      toGenerateRequest(storyboard, {
        callbackId: job.id,
        title: storyboard.insights?.topic ? `${storyboard.insights.topic} (${job.platform})` : job.id,
        callbackUrl: env.PUBLIC_BASE_URL ? `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}/v1/webhooks/heygen` : undefined,
      }),
      idempotencyKey(job.id),
    );
  } catch (err) {
    if (!(err instanceof HeyGenError)) throw err;
    if (err.kind === 'rejected') {
      await setIf(db, jobId, 'submitting', { state: 'failed', error: err.message, updatedAt: ctx.now() });
      return nextWaiting(env, job.account);
    }
    // Give the slot back while we wait; the idempotency key keeps the retry from paying twice.
    await setIf(db, jobId, 'submitting', { state: 'queued', error: err.message, updatedAt: ctx.now() });
    if (err.kind === 'rate_limited') return { body: { type: 'video-render', jobId }, delaySeconds: Math.ceil((err.retryAfterMs ?? 60_000) / 1000) };
    throw err;
  }
  await setIf(db, jobId, ['submitting', 'queued'], { state: 'rendering', heygenVideoId: videoId, error: null, polls: 0, updatedAt: ctx.now() });
  return { body: { type: 'video-poll', jobId }, delaySeconds: FIRST_POLL_SEC };
}

/** Stable per job, so every retry of one job's render is the same request to HeyGen. */
export function idempotencyKey(jobId: string): string {
  return `sightline-render-${jobId}`;
}

async function pollRender(db: Db, env: Env, client: HeyGenClient | null, jobId: string, ctx: Ctx): Promise<NextStep> {
  const job = await db.select().from(videoJobs).where(eq(videoJobs.id, jobId)).get();
  // A webhook (or an earlier poll) already settled it.
  if (!job || job.state !== 'rendering' || !job.heygenVideoId || !client) return null;
  let status: VideoStatus;
  try {
    status = await client.status(job.heygenVideoId);
  } catch (err) {
    if (err instanceof HeyGenError && err.kind === 'rate_limited') return { body: { type: 'video-poll', jobId }, delaySeconds: Math.ceil((err.retryAfterMs ?? 60_000) / 1000) };
    if (err instanceof HeyGenError && err.kind === 'rejected' && err.status === 404) {
      await setIf(db, jobId, 'rendering', { state: 'failed', error: `HeyGen no longer knows video ${job.heygenVideoId}`, updatedAt: ctx.now() });
      return null;
    }
    throw err;
  }
  // A finished render frees a slot: hand it straight to the account's next waiting job.
  if (await settle(db, job, status, ctx.now())) return nextWaiting(env, job.account);
  const polls = job.polls + 1;
  if (polls >= MAX_POLLS) {
    await setIf(db, jobId, 'rendering', { state: 'failed', error: `render still ${status.status} after ${polls} checks; giving up`, updatedAt: ctx.now() });
    return null;
  }
  await db.update(videoJobs).set({ polls, updatedAt: ctx.now() }).where(eq(videoJobs.id, jobId));
  return { body: { type: 'video-poll', jobId }, delaySeconds: jitter(Math.min(MAX_POLL_SEC, FIRST_POLL_SEC + 5 * polls), ctx.random) };
}

async function failDeadLettered(db: Db, jobId: string, attempts: number, now: number): Promise<void> {
  const job = await db.select({ state: videoJobs.state, error: videoJobs.error }).from(videoJobs).where(eq(videoJobs.id, jobId)).get();
  if (!job || job.state === 'done' || job.state === 'failed') return;
  // A paid render still in progress is not given up on: the cron's polling fallback keeps checking it.
  if (job.state === 'rendering') return;
  await db
    .update(videoJobs)
    .set({ state: 'failed', error: `gave up after ${attempts} attempts: ${job.error ?? 'unknown error'}`, updatedAt: now })
    .where(and(eq(videoJobs.id, jobId), inArray(videoJobs.state, ['queued', 'submitting'])));
}

/** Jobs whose follow-up message may have been lost: rendering with no check for 10 min, queued untouched for 30. */
const STALE_RENDERING_MS = 10 * 60_000;
const STALE_QUEUED_MS = 30 * 60_000;

/**
 * The cron's polling fallback: re-sends a status check for renders nobody has looked at
 * recently (no webhook, a lost poll message) and a render message for stuck queued jobs.
 * Both are safe to duplicate: the handlers re-read the job's state first.
 */
export async function enqueueStaleVideoJobs(env: Env, now: number): Promise<number> {
  const { results } = await env.DB.prepare(
    `select id, state from video_jobs
     where (state = 'rendering' and updated_at < ?1) or (state in ('queued', 'submitting') and updated_at < ?2)
     order by updated_at limit 500`,
  )
    .bind(now - STALE_RENDERING_MS, now - STALE_QUEUED_MS)
    .all<{ id: string; state: string }>();
  const messages = results.map((r) => ({ body: { type: r.state === 'rendering' ? 'video-poll' : 'video-render', jobId: r.id } as VideoJob }));
  for (let i = 0; i < messages.length; i += 100) await env.VIDEO.sendBatch(messages.slice(i, i + 100));
  return messages.length;
}
