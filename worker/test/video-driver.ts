import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import type { Env } from '../env.ts';
import worker from '../index.ts';
import { call } from './helpers.ts';

/**
 * Drives the video queue deterministically inside a test: delivers messages to the real
 * queue handler in batches of 10, feeds back retried messages (attempts + 1, dead-lettered
 * after max_retries like Cloudflare does) and every message the handlers sent, and
 * delivers the fake HeyGen's webhooks through the real fetch handler. Delays are recorded,
 * not waited for.
 */

export interface Sent {
  body: JobMessage;
  delaySeconds: number;
}

export function recordingQueue(): { sent: Sent[]; queue: Queue<JobMessage> } {
  const sent: Sent[] = [];
  const queue = {
    send: async (body: JobMessage, o?: { delaySeconds?: number }) => void sent.push({ body, delaySeconds: o?.delaySeconds ?? 0 }),
    sendBatch: async (ms: Iterable<{ body: JobMessage; delaySeconds?: number }>) => {
      for (const m of ms) sent.push({ body: m.body, delaySeconds: m.delaySeconds ?? 0 });
    },
  };
  return { sent, queue: queue as unknown as Queue<JobMessage> };
}

export interface DriveStats {
  deliveries: number;
  queueRetries: number;
  deadLettered: number;
  requeues: number;
  webhooksDelivered: number;
  webhookDuplicates: number;
  rounds: number;
  delays: number[];
}

interface Pending {
  id: string;
  body: JobMessage;
  attempts: number;
}

export async function drive(
  env: Env,
  initial: JobMessage[],
  opts: { maxRounds?: number; maxRetries?: number; heygenUrl?: string; heygenKey?: string; onRound?: () => Promise<void> } = {},
): Promise<DriveStats> {
  const maxRounds = opts.maxRounds ?? 5000;
  const maxRetries = opts.maxRetries ?? 5;
  const stats: DriveStats = { deliveries: 0, queueRetries: 0, deadLettered: 0, requeues: 0, webhooksDelivered: 0, webhookDuplicates: 0, rounds: 0, delays: [] };
  let pending: Pending[] = initial.map((body) => ({ id: crypto.randomUUID(), body, attempts: 1 }));

  const run = async (queueName: string, msgs: Pending[]) => {
    const rec = recordingQueue();
    const batch = createMessageBatch(
      queueName,
      msgs.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts, body: m.body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...env, VIDEO: rec.queue }, ctx);
    const result = await getQueueResult(batch, ctx);
    return { rec, result };
  };

  while (pending.length > 0 && stats.rounds < maxRounds) {
    stats.rounds++;
    const msgs = pending.splice(0, 10);
    stats.deliveries += msgs.length;
    const { rec, result } = await run('sightline-video', msgs);
    const dead: Pending[] = [];
    for (const r of result.retryMessages) {
      const m = msgs.find((x) => x.id === r.msgId)!;
      stats.queueRetries++;
      // Cloudflare dead-letters a message once it has been retried max_retries times.
      if (m.attempts > maxRetries) dead.push(m);
      else pending.push({ ...m, attempts: m.attempts + 1 });
    }
    if (dead.length > 0) {
      stats.deadLettered += dead.length;
      await run('sightline-video-dlq', dead);
    }
    for (const s of rec.sent) {
      stats.requeues++;
      stats.delays.push(s.delaySeconds);
      pending.push({ id: crypto.randomUUID(), body: s.body, attempts: 1 });
    }
    if (opts.heygenUrl && opts.heygenKey) pending.push(...(await deliverWebhooks(env, opts.heygenUrl, opts.heygenKey, stats)));
    await opts.onRound?.();
    // Only status checks left: give the fake's renders a moment to finish.
    if (pending.length > 0 && pending.every((p) => p.body.type === 'video-poll')) await new Promise((r) => setTimeout(r, 5));
  }
  return stats;
}

/** Delivers the fake HeyGen's pending webhooks to POST /v1/webhooks/heygen; returns the messages they queued. */
export async function deliverWebhooks(env: Env, heygenUrl: string, key: string, stats?: DriveStats): Promise<Pending[]> {
  const deliveries = (await (await fetch(`${heygenUrl}/__webhooks?key=${encodeURIComponent(key)}`)).json()) as { headers: Record<string, string>; body: string }[];
  const out: Pending[] = [];
  for (const d of deliveries) {
    const rec = recordingQueue();
    const res = await call('/v1/webhooks/heygen', { method: 'POST', headers: d.headers, body: d.body }, { ...env, VIDEO: rec.queue });
    if (res.status !== 200) throw new Error(`webhook refused: ${res.status} ${await res.text()}`);
    const json = (await res.json()) as { duplicate: boolean };
    if (stats) {
      stats.webhooksDelivered++;
      if (json.duplicate) stats.webhookDuplicates++;
    }
    out.push(...rec.sent.map((s) => ({ id: crypto.randomUUID(), body: s.body, attempts: 1 })));
  }
  return out;
}

export interface FakeLog {
  requests: { method: string; path: string; status: number }[];
  statusCounts: Record<string, number>;
  rendersByCallback: Record<string, number>;
  rendersByKey: Record<string, number>;
  videos: number;
  quotaUsedSec: number;
}

export async function fakeLog(heygenUrl: string, key: string): Promise<FakeLog> {
  return (await (await fetch(`${heygenUrl}/__log?key=${encodeURIComponent(key)}`)).json()) as FakeLog;
}

export async function configureFake(heygenUrl: string, key: string, config: Record<string, unknown>, faults?: unknown[]): Promise<void> {
  await fetch(`${heygenUrl}/__config?key=${encodeURIComponent(key)}`, { method: 'POST', body: JSON.stringify(config) });
  if (faults) await fetch(`${heygenUrl}/__faults?key=${encodeURIComponent(key)}`, { method: 'POST', body: JSON.stringify(faults) });
}
