import { eq } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import type { Observation } from '../../shared/trends/types.ts';
import { observations, sourceState } from '../db/schema.ts';
import { feedKey, GENERAL_FEED } from '../lib/feeds.ts';
import { SourceError } from '../sources/http.ts';
import type { SourceClient } from '../sources/types.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;
type SourceFetchJob = Extract<JobMessage, { type: 'source-fetch' }>;

const BREAKER_BASE_MS = 15 * 60_000;
const BREAKER_MAX_MS = 6 * 3600_000;
// D1 allows 100 bound parameters per statement; an observation row binds 10.
const ROWS_PER_INSERT = 9;

/** How long the cron leaves a failing source alone: 15 min, doubling, at most 6 h, or longer if it asked. */
export function breakerDelayMs(consecutiveFailures: number, retryAfterMs: number | null): number {
  const backoff = Math.min(BREAKER_MAX_MS, BREAKER_BASE_MS * 2 ** Math.max(0, consecutiveFailures - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}

export type IngestOutcome =
  | { status: 'stored'; fetched: number; inserted: number }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: string };

/**
 * One source-fetch job: fetch, store idempotently, record the source's health.
 * A source failure is recorded and acknowledged (the client already retried, and the
 * breaker decides when to try again), so the queue never piles retries on top.
 */
export async function ingest(job: SourceFetchJob, client: SourceClient, db: Db, now = Date.now()): Promise<IngestOutcome> {
  const state = await db.select().from(sourceState).where(eq(sourceState.source, job.source)).get();
  if (state?.nextAttemptAt && state.nextAttemptAt > now && state.status !== 'ok') {
    return { status: 'skipped', reason: `${job.source} is backing off until ${new Date(state.nextAttemptAt).toISOString()}` };
  }

  let fetched: Observation[];
  try {
    fetched = await client.fetchObservations({ observedAt: job.observedAt, topics: job.topics });
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    const failures = (state?.consecutiveFailures ?? 0) + 1;
    const row = {
      source: job.source,
      status: err.kind === 'rate_limited' ? ('rate_limited' as const) : ('unreachable' as const),
      failingSince: state?.failingSince ?? now,
      lastError: err.message,
      consecutiveFailures: failures,
      nextAttemptAt: now + breakerDelayMs(failures, err.retryAfterMs),
      updatedAt: now,
    };
    await db.insert(sourceState).values(row).onConflictDoUpdate({ target: sourceState.source, set: row });
    return { status: 'failed', error: err.message };
  }

  const inserted = await storeObservations(db, fetched, feedKey(job.topics));
  const ok = {
    source: job.source,
    status: 'ok' as const,
    lastSuccessAt: now,
    failingSince: null,
    lastError: null,
    consecutiveFailures: 0,
    nextAttemptAt: null,
    lastObservationCount: fetched.length,
    updatedAt: now,
  };
  await db.insert(sourceState).values(ok).onConflictDoUpdate({ target: sourceState.source, set: ok });
  return { status: 'stored', fetched: fetched.length, inserted };
}

/** Inserts observations into a feed, ignoring ones already stored there; returns how many were new. */
export async function storeObservations(db: Db, rows: Observation[], feed = GENERAL_FEED): Promise<number> {
  if (rows.length === 0) return 0;
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    statements.push(
      db
        .insert(observations)
        .values(rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({ ...r, feed })))
        .onConflictDoNothing()
        .returning({ id: observations.id }),
    );
  }
  const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return results.reduce((n, r) => n + r.length, 0);
}
