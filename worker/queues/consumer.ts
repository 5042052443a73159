import { drizzle } from 'drizzle-orm/d1';
import { lt } from 'drizzle-orm';
import { jobMessage, type JobMessage } from '../../shared/contracts/jobs.ts';
import { heygenWebhookEvents, idempotencyKeys, observations, pairingCodes, textEmbeddings } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { sourceClients } from '../sources/index.ts';
import { ingest } from './ingest.ts';
import { runVideoJob } from './video.ts';
import { trainWorkspaceModels } from '../lib/models.ts';
import { embeddingConfigFromEnv } from '../lib/embeddings.ts';
import { recomputeTrends } from '../lib/trend-pipeline.ts';
import { calendarTick } from '../lib/calendar-tick.ts';
import { retryDelaySeconds } from '../lib/retry.ts';

const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;
const WEBHOOK_EVENT_TTL_MS = 7 * 24 * 3600 * 1000;
/** Trends are built from the last 72 h; a week of observations leaves room for late forecast backfills. */
const OBSERVATION_TTL_MS = 7 * 24 * 3600 * 1000;
const EMBEDDING_TTL_MS = 14 * 24 * 3600 * 1000;

/**
 * Handles each message on its own: one bad or failing message is retried (and after
 * max_retries dead-lettered) without holding back the rest of the batch.
 */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext): Promise<void> {
  for (const message of batch.messages) {
    const parsed = jobMessage.safeParse(message.body);
    if (!parsed.success) {
      // Retrying cannot fix a malformed message; log it and drop it.
      console.error(JSON.stringify({ level: 'error', queue: batch.queue, messageId: message.id, error: 'malformed job', issues: parsed.error.issues }));
      message.ack();
      continue;
    }
    try {
      await runJob(parsed.data, env);
      message.ack();
    } catch (err) {
      console.error(JSON.stringify({ level: 'error', queue: batch.queue, messageId: message.id, job: parsed.data.type, attempts: message.attempts, error: String(err) }));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

export { retryDelaySeconds };

export async function runJob(job: JobMessage, env: Env): Promise<void> {
  const db = drizzle(env.DB);
  switch (job.type) {
    case 'purge-expired': {
      await db.batch([
        db.delete(pairingCodes).where(lt(pairingCodes.expiresAt, job.now)),
        db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, job.now - IDEMPOTENCY_KEY_TTL_MS)),
        // HeyGen stops retrying a webhook within a day; a week of event ids is ample for de-duplication.
        db.delete(heygenWebhookEvents).where(lt(heygenWebhookEvents.receivedAt, job.now - WEBHOOK_EVENT_TTL_MS)),
        db.delete(observations).where(lt(observations.observedAt, job.now - OBSERVATION_TTL_MS)),
        // Titles recur within days; an old vector is cheap to fetch again if one comes back.
        db.delete(textEmbeddings).where(lt(textEmbeddings.createdAt, job.now - EMBEDDING_TTL_MS)),
      ]);
      return;
    }
    case 'trends-recompute': {
      const summary = await recomputeTrends(db, job.now, { embeddings: embeddingConfigFromEnv(env) });
      // A truncated window means trends were computed from fewer hours than they claim: worth a look.
      console.log(JSON.stringify({ level: summary.truncated ? 'warn' : 'info', job: job.type, ...summary }));
      return;
    }
    case 'calendar-tick': {
      const moved = await calendarTick(db, job.now);
      console.log(JSON.stringify({ level: 'info', job: job.type, ...moved }));
      return;
    }
    case 'train-model': {
      const result = await trainWorkspaceModels(db, job.workspaceId, job.platform);
      console.log(JSON.stringify({ level: 'info', job: job.type, workspaceId: job.workspaceId, platform: job.platform, ...result }));
      return;
    }
    case 'video-render':
    case 'video-poll': {
      // Normally on the VIDEO queue; one that lands here still runs, and its follow-up goes there.
      const next = await runVideoJob(job, env);
      if (next) await env.VIDEO.send(next.body, { delaySeconds: next.delaySeconds });
      return;
    }
    case 'source-fetch': {
      const outcome = await ingest(job, sourceClients(env)[job.source], db);
      // Items dropped for an undocumented shape are worth a look even when the job stored the rest.
      console.log(JSON.stringify({ level: outcome.status === 'failed' || 'dropped' in outcome ? 'warn' : 'info', job: job.type, source: job.source, topics: job.topics.length, ...outcome }));
      return;
    }
  }
}
