import { and, eq, inArray, lt } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import { jobMessage } from '../../shared/contracts/jobs.ts';
import type { Storyboard } from '../../shared/video/storyboard.ts';
import { videoJobs } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { HeyGenError, isQuotaRefusal, toCreateRequest, type HeyGenClient, type RenderLookup, type VideoStatus } from '../heygen/client.ts';
import { adoptRender, nextWaiting, pollMessage, setIf, settle, type NextStep, type VideoMessage } from '../heygen/settle.ts';
import { heygenFromEnv, maxConcurrency } from '../heygen/env.ts';
import { retryDelaySeconds } from '../lib/retry.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;
type JobRow = typeof videoJobs.$inferSelect;

const SLOT_WAIT_SEC = 20;
const FIRST_POLL_SEC = 15;
const MAX_POLL_SEC = 60;
/** About six hours of polling before a render is declared lost. */
const MAX_POLLS = 360;
/**
 * Longest a poll chain waits between checks, even when a 429's Retry-After asks for more:
 * well under STALE_RENDERING_MS, so the cron never takes a live, rate-limited chain for a
 * dead one (one extra 429 is cheaper than a second chain).
 */
const MAX_POLL_WAIT_SEC = 300;
/**
 * A `submitting` job claimed less than this long ago with no error recorded has a create in
 * flight in another consumer (a concurrent redelivery); re-sending alongside it could pay
 * twice. Longer than one create call (15 s timeout) with margin, so a consumer that died
 * mid-call only delays the job, and its create is reconciled after the lease.
 */
const SUBMIT_LEASE_MS = 2 * 60_000;
/** Listed videos older than the job minus this cannot be its render (allows for clock skew with HeyGen). */
const LOOKUP_SKEW_MS = 10 * 60_000;
/** Pages of GET /v3/videos (100 videos each, filtered by the title marker) searched for a render before the answer counts as unknown. */
const LOOKUP_PAGES = 5;
/**
 * Creates of one job HeyGen may refuse with 429 in a row before the job fails. v3 answers
 * 429 both for its concurrency limit and for a spent usage quota; the first clears as
 * renders finish (minutes, and our own cap keeps us under it), the second never does, and
 * each refused job would otherwise re-POST forever while counted as committed. Twenty
 * refusals span at least 20 minutes at HeyGen's usual 60 s Retry-After (longer in practice,
 * as waiting jobs queue behind the slot), far past any burst, and cost twenty cheap
 * refused calls. At the fake's 15 % chaos 429 rate, 20 in a row has odds of ~3e-17.
 */
const MAX_RATE_LIMITED_CREATES = 20;

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
    const job: VideoMessage = parsed.data;
    if (deadLetters) {
      const next = await handleDeadLetter(env, job.jobId, message.attempts, opts);
      if (next) await env.VIDEO.send(next.body, { delaySeconds: next.delaySeconds });
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

export async function runVideoJob(job: VideoMessage, env: Env, opts: VideoRunOptions = {}): Promise<NextStep> {
  const db = drizzle(env.DB);
  const client = opts.client !== undefined ? opts.client : heygenFromEnv(env);
  const ctx = { now: opts.now ?? Date.now, random: opts.random ?? Math.random };
  return job.type === 'video-render' ? submitRender(db, env, client, job.jobId, ctx) : pollRender(db, env, client, job.jobId, job.seq, ctx);
}

interface Ctx {
  now: () => number;
  random: () => number;
}

/** The marker in a render's HeyGen title that finds it again in GET /v3/videos (`title` filter and field). */
export function renderMarker(jobId: string): string {
  return `[sl:${jobId}]`;
}

/**
 * The Idempotency-Key of a job's render create: the same for every send of that job, so
 * HeyGen replays the first answer to a re-send within 24 hours instead of rendering again.
 * Job ids are UUIDs, within HeyGen's ^[A-Za-z0-9_\-:.]{1,255}$.
 */
export function renderIdempotencyKey(jobId: string): string {
  return `sightline-render-${jobId}`;
}

/** A title people recognise in HeyGen's dashboard, ending in the job's marker (kept within 100 characters). */
export function renderTitle(job: Pick<JobRow, 'id' | 'platform' | 'storyboard'>): string {
  const storyboard = job.storyboard as unknown as Storyboard;
  const marker = renderMarker(job.id);
  const label = storyboard.insights?.topic ? `${storyboard.insights.topic} (${job.platform})` : 'Sightline video';
  return `${label.slice(0, Math.max(0, 99 - marker.length))} ${marker}`;
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
  // `submitting` sent a create whose answer never came (or its consumer died mid-call): it
  // keeps its slot (the render may be running at HeyGen), and is looked up below before
  // anything is re-sent. The claim names the state we read, so `uncertain` is exact.
  // `submit_attempts` counts claims since the job last had an uncertain outcome
  // (stillUncertain resets it), so at a 429 it is the number of creates refused in a row.
  const uncertain = job.state === 'submitting';
  const now = ctx.now();
  const claimed = uncertain
    ? await env.DB.prepare(
        `update video_jobs set state = 'submitting', submit_attempts = submit_attempts + 1, error = null, updated_at = ?1
         where id = ?2 and state = 'submitting' and (error is not null or updated_at < ?3) returning id, submit_attempts`,
      )
        .bind(now, jobId, now - SUBMIT_LEASE_MS)
        .first<{ id: string; submit_attempts: number }>()
    : await env.DB.prepare(
        `update video_jobs set state = 'submitting', submit_attempts = submit_attempts + 1, error = null, updated_at = ?1
         where id = ?2 and state = 'queued' and
           (select count(*) from video_jobs where account = ?3 and state in ('submitting', 'rendering')) < ?4
         returning id, submit_attempts`,
      )
        .bind(now, jobId, job.account, maxConcurrency(env))
        .first<{ id: string; submit_attempts: number }>();
  if (!claimed) {
    // Waiting for a slot is this chain being alive: without the touch, every cron run would
    // take the job for a stuck one and start another chain beside it. Once half-way to stale
    // is enough for that, not a write every 20 s per waiting job.
    await db
      .update(videoJobs)
      .set({ updatedAt: now })
      .where(and(eq(videoJobs.id, jobId), eq(videoJobs.state, 'queued'), lt(videoJobs.updatedAt, now - STALE_QUEUED_MS / 2)));
    return { body: { type: 'video-render', jobId }, delaySeconds: jitter(SLOT_WAIT_SEC, ctx.random) };
  }

  if (uncertain) {
    let lookup: RenderLookup;
    try {
      lookup = await lookupRender(client, job);
    } catch (err) {
      return stillUncertain(db, jobId, err, ctx);
    }
    if ('found' in lookup) return adopt(db, jobId, lookup.found.id, ctx);
    if ('unknown' in lookup) return stillUncertain(db, jobId, new Error(`cannot tell whether HeyGen started this render (${lookup.unknown}); not sending it again`), ctx);
    // Certainly absent: the earlier create never started a render, so sending it is safe.
    // A render HeyGen accepted but does not list yet (if its list lags its create) is
    // covered by the create's Idempotency-Key: within 24 hours the re-send gets the first
    // answer back, not a second render. The lookup is what still protects a job whose key
    // has expired.
  }

  let videoId: string;
  try {
    videoId = await client.generate(
      toCreateRequest(job.storyboard as unknown as Storyboard, {
        callbackId: job.id,
        title: renderTitle(job),
        // Without a secret the webhook route refuses every delivery (503), which HeyGen would retry.
        callbackUrl: env.PUBLIC_BASE_URL && env.HEYGEN_WEBHOOK_SECRET ? `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}/v1/webhooks/heygen` : undefined,
      }),
      { idempotencyKey: renderIdempotencyKey(job.id) },
    );
  } catch (err) {
    if (!(err instanceof HeyGenError)) throw err;
    if (err.kind === 'rejected') {
      await setIf(db, jobId, 'submitting', { state: 'failed', error: err.message, updatedAt: ctx.now() });
      return nextWaiting(env, job.account);
    }
    if (err.kind === 'rate_limited') {
      // Refused outright, so nothing is rendering; but a spent quota will not recover by waiting.
      const failure = isQuotaRefusal(err)
        ? `HeyGen refused the render because the account's usage quota or credit is spent (${err.message}); add credit, then queue the video again`
        : claimed.submit_attempts >= MAX_RATE_LIMITED_CREATES
          ? `HeyGen kept refusing with 429 (${claimed.submit_attempts} times in a row; last: ${err.message}); check the account's usage quota, then queue the video again`
          : null;
      if (failure) {
        await setIf(db, jobId, 'submitting', { state: 'failed', error: failure, updatedAt: ctx.now() });
        return nextWaiting(env, job.account);
      }
      // HeyGen refused this create outright, so it started nothing: give the slot back while
      // we wait. Unless an earlier create's outcome is unknown: that one may be rendering, so
      // the job keeps its slot and stays `submitting`, to be looked up again before a re-send.
      await setIf(db, jobId, 'submitting', uncertain ? { error: err.message, updatedAt: ctx.now() } : { state: 'queued', error: err.message, updatedAt: ctx.now() });
      return { body: { type: 'video-render', jobId }, delaySeconds: Math.ceil((err.retryAfterMs ?? 60_000) / 1000) };
    }
    // Unknown outcome: stay `submitting` (holding the slot); the queue's retry looks it up first.
    return stillUncertain(db, jobId, err, ctx);
  }
  return adopt(db, jobId, videoId, ctx);
}

/** This job's render among HeyGen's recent videos, by the marker its create carried. */
const lookupRender = (client: HeyGenClient, job: { id: string; createdAt: number }) => client.findRender(renderMarker(job.id), { notBefore: job.createdAt - LOOKUP_SKEW_MS, maxPages: LOOKUP_PAGES });

/** The render is HeyGen's `videoId`: track it, and start the job's one poll chain. */
async function adopt(db: Db, jobId: string, videoId: string, ctx: Ctx): Promise<NextStep> {
  // Adopted first by a signed webhook, which started the poll chain itself: a second would only repeat its reads.
  if (!(await adoptRender(db, jobId, videoId, ctx.now()))) return null;
  return { body: pollMessage(jobId, 0), delaySeconds: FIRST_POLL_SEC };
}

/**
 * Leaves the job `submitting` with the reason recorded (which also ends this consumer's
 * lease), then waits: a 429 re-schedules for its Retry-After without using the retry
 * budget; anything else is thrown for the queue's backoff. Either way the next delivery
 * looks the render up before sending anything.
 */
async function stillUncertain(db: Db, jobId: string, err: unknown, ctx: Ctx): Promise<NextStep> {
  const message = err instanceof Error ? err.message : String(err);
  // Not a refused create: the next 429 run is counted afresh (the queue's retry budget bounds these).
  await setIf(db, jobId, 'submitting', { error: message, submitAttempts: 0, updatedAt: ctx.now() });
  if (err instanceof HeyGenError && err.kind === 'rate_limited') return { body: { type: 'video-render', jobId }, delaySeconds: Math.ceil((err.retryAfterMs ?? 60_000) / 1000) };
  throw err instanceof Error ? err : new Error(message);
}

async function pollRender(db: Db, env: Env, client: HeyGenClient | null, jobId: string, seq: number | undefined, ctx: Ctx): Promise<NextStep> {
  const job = await db.select().from(videoJobs).where(eq(videoJobs.id, jobId)).get();
  // A webhook (or an earlier poll) already settled it.
  if (!job || job.state !== 'rendering' || !job.heygenVideoId || !client) return null;
  const from = seq ?? job.polls;
  // A check from a chain another check has already moved past: that chain carries on.
  if (from !== job.polls) return null;
  const next = (delaySeconds: number): NextStep => ({ body: pollMessage(jobId, from + 1), delaySeconds: Math.min(MAX_POLL_WAIT_SEC, delaySeconds) });
  let status: VideoStatus;
  try {
    status = await client.status(job.heygenVideoId);
  } catch (err) {
    if (!(err instanceof HeyGenError)) throw err;
    if (err.kind === 'rejected' && err.status === 404) {
      await setIf(db, jobId, 'rendering', { state: 'failed', error: `HeyGen no longer knows video ${job.heygenVideoId}`, updatedAt: ctx.now() });
      return null;
    }
    // Refused (a revoked key: 401/403), rate limited or down: this check counts (and touches
    // updated_at, so the cron sees the chain alive), so checks HeyGen keeps refusing end the
    // job after MAX_POLLS instead of holding its slot for good; the chain waits Retry-After,
    // capped, or a poll interval.
    if (!(await advance(env, jobId, from, ctx.now()))) return null;
    if (await gaveUp(db, jobId, from + 1, err.message, ctx)) return nextWaiting(env, job.account);
    return next(err.retryAfterMs !== null ? Math.ceil(err.retryAfterMs / 1000) : jitter(MAX_POLL_SEC, ctx.random));
  }
  // A finished render frees a slot: hand it straight to the account's next waiting job.
  if (await settle(db, job, status, ctx.now())) return nextWaiting(env, job.account);
  if (!(await advance(env, jobId, from, ctx.now()))) return null;
  if (await gaveUp(db, jobId, from + 1, `render still ${status.status}`, ctx)) return nextWaiting(env, job.account);
  return next(jitter(Math.min(MAX_POLL_SEC, FIRST_POLL_SEC + 5 * (from + 1)), ctx.random));
}

/** Moves the job's poll count from `from` to `from + 1`; false when another check got there first. */
async function advance(env: Env, jobId: string, from: number, now: number): Promise<boolean> {
  const row = await env.DB.prepare(`update video_jobs set polls = ?1 + 1, updated_at = ?2 where id = ?3 and state = 'rendering' and polls = ?1 returning id`)
    .bind(from, now, jobId)
    .first<{ id: string }>();
  return row !== null;
}

async function gaveUp(db: Db, jobId: string, polls: number, why: string, ctx: Ctx): Promise<boolean> {
  if (polls < MAX_POLLS) return false;
  await setIf(db, jobId, 'rendering', { state: 'failed', error: `${why} after ${polls} checks; giving up`, updatedAt: ctx.now() });
  return true;
}

/**
 * A message that used up its retries. A queued job is failed with the last reason. A
 * `submitting` job's last create has an unknown outcome, so it is looked up once more
 * first: a render HeyGen did start (and charged for) is adopted, never abandoned; when
 * HeyGen cannot be asked right now the job is left for the cron's fallback to ask again.
 * A rendering job is left to the cron's polling fallback too.
 */
async function handleDeadLetter(env: Env, jobId: string, attempts: number, opts: VideoRunOptions): Promise<NextStep> {
  const db = drizzle(env.DB);
  const ctx = { now: opts.now ?? Date.now, random: opts.random ?? Math.random };
  const job = await db.select().from(videoJobs).where(eq(videoJobs.id, jobId)).get();
  if (!job || job.state === 'done' || job.state === 'failed' || job.state === 'rendering' || job.state === 'storyboard') return null;
  if (job.state === 'submitting') {
    const client = opts.client !== undefined ? opts.client : heygenFromEnv(env);
    if (client) {
      let lookup: RenderLookup;
      try {
        lookup = await lookupRender(client, job);
      } catch {
        return null;
      }
      if ('found' in lookup) return adopt(db, jobId, lookup.found.id, ctx);
      // Too many newer videos to search: waiting will not make it findable, and a job left
      // `submitting` would hold its slot for good. Fail it, saying where to look.
      if ('unknown' in lookup) {
        await setIf(db, jobId, 'submitting', {
          state: 'failed',
          error: `gave up after ${attempts} attempts: cannot tell whether HeyGen started this render; look for "${renderMarker(job.id)}" in HeyGen's video titles before queueing it again`,
          updatedAt: ctx.now(),
        });
        return nextWaiting(env, job.account);
      }
    }
  }
  await db
    .update(videoJobs)
    .set({ state: 'failed', error: `gave up after ${attempts} attempts: ${job.error ?? 'unknown error'}`, updatedAt: ctx.now() })
    .where(and(eq(videoJobs.id, jobId), inArray(videoJobs.state, ['queued', 'submitting'])));
  return nextWaiting(env, job.account);
}

/** Jobs whose follow-up message may have been lost: rendering with no check for 10 min, queued untouched for 30. */
const STALE_RENDERING_MS = 10 * 60_000;
const STALE_QUEUED_MS = 30 * 60_000;

/**
 * The cron's polling fallback: re-sends a status check for renders nobody has looked at
 * recently (no webhook, a lost poll message) and a render message for stuck queued or
 * submitting jobs (a submitting one is looked up at HeyGen before anything is re-sent).
 * Both are safe to duplicate: the handlers re-read the job's state first, and status checks
 * carry the poll count so only one chain survives.
 */
export async function enqueueStaleVideoJobs(env: Env, now: number): Promise<number> {
  const { results } = await env.DB.prepare(
    `select id, state, polls from video_jobs
     where (state = 'rendering' and updated_at < ?1) or (state in ('queued', 'submitting') and updated_at < ?2)
     order by updated_at limit 500`,
  )
    .bind(now - STALE_RENDERING_MS, now - STALE_QUEUED_MS)
    .all<{ id: string; state: string; polls: number }>();
  // A revival check carries the count it saw: if the old chain was only late, whichever of the two runs first continues and the other stops.
  const messages = results.map((r) => ({ body: r.state === 'rendering' ? pollMessage(r.id, r.polls) : ({ type: 'video-render', jobId: r.id } as VideoMessage) }));
  for (let i = 0; i < messages.length; i += 100) await env.VIDEO.sendBatch(messages.slice(i, i + 100));
  return messages.length;
}
