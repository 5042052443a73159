import { z } from 'zod';
import { trendSources } from '../trends/types.ts';

/** Every message that travels on the JOBS queue. Consumers switch on `type`. */
export const jobMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('purge-expired'),
    /** Epoch ms the cron run started; rows that expired before it are removed. */
    now: z.number().int(),
  }),
  z.object({
    type: z.literal('source-fetch'),
    source: z.enum(trendSources),
    /** Empty: the source's general rising feed. */
    topics: z.array(z.string().min(1).max(100)).max(20),
    /** Fixed when enqueued, so a redelivered message writes the same rows. */
    observedAt: z.number().int(),
  }),
  z.object({
    type: z.literal('trends-recompute'),
    /** Epoch ms the window ends at. */
    now: z.number().int(),
  }),
  z.object({
    /** Move calendar posts whose time has come: scheduled → due, stale → missed. */
    type: z.literal('calendar-tick'),
    now: z.number().int(),
  }),
  z.object({
    type: z.literal('train-model'),
    workspaceId: z.string().min(1),
    platform: z.string().min(1).max(40),
  }),
  z.object({
    /** Submit one video job's render to HeyGen (claims a concurrency slot first). */
    type: z.literal('video-render'),
    jobId: z.string().min(1).max(64),
  }),
  z.object({
    /** Check a submitted render's status (the fallback when no webhook arrives). */
    type: z.literal('video-poll'),
    jobId: z.string().min(1).max(64),
    /** The job's poll count when this check was sent: only one check per count continues the chain. */
    seq: z.number().int().nonnegative().optional(),
  }),
]);
export type JobMessage = z.infer<typeof jobMessage>;
