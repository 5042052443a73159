import { and, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { heygenWebhookEvents, videoJobs } from '../db/schema.ts';
import type { AppEnv } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { adoptRender, nextWaiting, pollMessage, reviveRender } from './settle.ts';
import { verifyWebhook } from './webhook.ts';

/**
 * POST /v1/webhooks/heygen: public (HeyGen cannot hold a bearer token), so every delivery
 * must carry a valid signature. Handling is idempotent and deliveries are de-duplicated by
 * a key from the signed body (event type + video id); a success only schedules an
 * immediate status check (the status endpoint is the source of truth for URL, duration and
 * captions), so webhooks and polling converge. That check carries the job's poll count, so
 * it and the job's running poll chain race for one slot and only one chain continues.
 */
export const heygenWebhookRoutes = new Hono<AppEnv>()
  // HeyGen validates a new endpoint with an OPTIONS request.
  .options('/', (c) => c.body(null, 200))
  .post('/', async (c) => {
    const secret = c.env.HEYGEN_WEBHOOK_SECRET;
    if (!secret) throw new ApiError(503, 'internal', 'HeyGen webhooks are not configured (HEYGEN_WEBHOOK_SECRET); polling still tracks renders');
    const raw = await c.req.text();
    const verified = await verifyWebhook(c.req.raw.headers, raw, secret);
    if (!verified.ok) {
      throw verified.status === 401 ? ApiError.unauthorized(`webhook rejected: ${verified.reason}`) : new ApiError(400, 'bad_request', `webhook rejected: ${verified.reason}`);
    }
    const event = verified.event;
    const db = c.get('db');
    const seen = await db.select({ id: heygenWebhookEvents.eventId }).from(heygenWebhookEvents).where(eq(heygenWebhookEvents.eventId, event.eventId)).get();
    if (seen) return c.json({ ok: true, duplicate: true });

    const job = event.callbackId
      ? await db.select().from(videoJobs).where(eq(videoJobs.id, event.callbackId)).get()
      : event.videoId
        ? await db.select().from(videoJobs).where(eq(videoJobs.heygenVideoId, event.videoId)).get()
        : undefined;
    // Only a job whose render this event is about (callback id and video id agree).
    const matches = job && (!event.videoId || !job.heygenVideoId || job.heygenVideoId === event.videoId);
    let action = 'ignored';
    if (job && matches) {
      // Our create's answer was lost but HeyGen's signed callback names the render (callback_id
      // = job id): adopt it, so the pending retry finds the job rendering and sends nothing.
      if (event.eventType === 'avatar_video.success' && job.state === 'submitting' && event.videoId && !job.heygenVideoId) {
        if (await adoptRender(db, job.id, event.videoId, Date.now())) Object.assign(job, { state: 'rendering', heygenVideoId: event.videoId, polls: 0 });
      }
      // A job given up on (its render never found, or never finished in time) whose render
      // HeyGen now says succeeded, by the callback id we gave it: the render is paid for, so
      // it is taken back rather than left for the user to queue and pay for again.
      if (event.eventType === 'avatar_video.success' && job.state === 'failed' && event.videoId && event.callbackId === job.id) {
        if (await reviveRender(db, job.id, event.videoId, Date.now())) Object.assign(job, { state: 'rendering', heygenVideoId: event.videoId, polls: 0 });
      }
      if (event.eventType === 'avatar_video.success' && job.state === 'rendering') {
        await c.env.VIDEO.send(pollMessage(job.id, job.polls));
        action = 'status-check-queued';
      } else if (event.eventType === 'avatar_video.fail') {
        await db
          .update(videoJobs)
          .set({ state: 'failed', error: `HeyGen render failed: ${event.message ?? 'no reason given'}`, ...(event.videoId ? { heygenVideoId: event.videoId } : {}), updatedAt: Date.now() })
          .where(and(eq(videoJobs.id, job.id), inArray(videoJobs.state, ['submitting', 'rendering'])));
        const next = await nextWaiting(c.env, job.account);
        if (next) await c.env.VIDEO.send(next.body);
        action = 'failed';
      }
    }
    await db.insert(heygenWebhookEvents).values({ eventId: event.eventId, eventType: event.eventType, videoId: event.videoId, receivedAt: Date.now() }).onConflictDoNothing();
    return c.json({ ok: true, duplicate: false, action });
  });
