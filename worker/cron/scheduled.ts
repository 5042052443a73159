import { drizzle } from 'drizzle-orm/d1';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import { trendSources } from '../../shared/trends/types.ts';
import { sourceState, workspaceTopics } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { feedKey, feedsByWorkspace } from '../lib/feeds.ts';
import { enqueueStaleVideoJobs } from '../queues/video.ts';

const RECOMPUTE_DELAY_S = 180;

/**
 * Cron runs stay tiny: they only enqueue work, so a slow job never makes a trigger
 * overrun and the queue's retries and dead-lettering apply to all of it.
 *
 * Each run enqueues housekeeping plus one fetch per source and distinct topic list
 * (the general feed, then each workspace's topics), skipping sources whose breaker is
 * open after failures.
 */
export async function handleScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const now = controller.scheduledTime;
  const db = drizzle(env.DB);
  const jobs: JobMessage[] = [{ type: 'purge-expired', now }, { type: 'calendar-tick', now }];

  const [states, topicRows] = await Promise.all([db.select().from(sourceState).all(), db.select().from(workspaceTopics).all()]);
  const topicLists = distinctTopicLists(topicRows);
  for (const source of trendSources) {
    const state = states.find((s) => s.source === source);
    if (state && state.status !== 'ok' && state.nextAttemptAt && state.nextAttemptAt > now) continue;
    // Google Trends has no query parameter: one general fetch serves every topic list.
    const lists = source === 'google-trends' ? [[]] : [[], ...topicLists];
    for (const topics of lists) jobs.push({ type: 'source-fetch', source, topics, observedAt: now });
  }
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < jobs.length; i += 100) {
    await env.JOBS.sendBatch(jobs.slice(i, i + 100).map((body) => ({ body })));
  }
  // Rebuild trends once this run's fetches have had time to land, rather than after each.
  await env.JOBS.send({ type: 'trends-recompute', now: now + RECOMPUTE_DELAY_S * 1000 }, { delaySeconds: RECOMPUTE_DELAY_S });
  // Polling fallback for video renders whose webhook or poll message never came.
  await enqueueStaleVideoJobs(env, now);
}

/** Workspaces watching the same topics share one fetch. */
export function distinctTopicLists(rows: { workspaceId: string; topic: string }[]): string[][] {
  const byKey = new Map<string, string[]>();
  for (const feeds of feedsByWorkspace(rows).values()) for (const chunk of feeds) byKey.set(feedKey(chunk), chunk);
  return [...byKey.values()];
}
