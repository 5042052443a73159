import type { JobMessage } from '../../shared/contracts/jobs.ts';
import type { Env } from '../env.ts';

/**
 * Cron runs stay tiny: they only enqueue work, so a slow job never makes a trigger
 * overrun and the queue's retries and dead-lettering apply to all of it.
 */
export async function handleScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const jobs: JobMessage[] = [{ type: 'purge-expired', now: controller.scheduledTime }];
  await env.JOBS.sendBatch(jobs.map((body) => ({ body })));
}
