import { app } from './app.ts';
import { handleScheduled } from './cron/scheduled.ts';
import type { Env } from './env.ts';
import { handleQueue } from './queues/consumer.ts';
import { handleVideoQueue } from './queues/video.ts';

export type { AppType } from './app.ts';

export default {
  fetch: app.fetch,
  queue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
    if (batch.queue === 'sightline-video' || batch.queue === 'sightline-video-dlq') return handleVideoQueue(batch, env, ctx);
    return handleQueue(batch, env, ctx);
  },
  scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    return handleScheduled(controller, env, ctx);
  },
} satisfies ExportedHandler<Env, unknown>;
