import { app } from './app.ts';
import { handleScheduled } from './cron/scheduled.ts';
import type { Env } from './env.ts';
import { handleQueue } from './queues/consumer.ts';

export type { AppType } from './app.ts';

export default {
  fetch: app.fetch,
  queue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
    return handleQueue(batch, env, ctx);
  },
  scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    return handleScheduled(controller, env, ctx);
  },
} satisfies ExportedHandler<Env, unknown>;
