import { and, eq, gte, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { JobMessage } from '../../shared/contracts/jobs.ts';
import { observationKey, type Observation } from '../../shared/trends/types.ts';
import { observations, sourceState } from '../db/schema.ts';
import { feedKey, GENERAL_FEED, HEARTBEAT_MS } from '../lib/feeds.ts';
import { insertColumns, jsonChunks, jsonList, jsonRows } from '../lib/json-rows.ts';
import { JobBudget, SourceError } from '../sources/http.ts';
import type { PullResult, SourceClient } from '../sources/types.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;
type SourceFetchJob = Extract<JobMessage, { type: 'source-fetch' }>;

const BREAKER_BASE_MS = 15 * 60_000;
const BREAKER_MAX_MS = 6 * 3600_000;
/** What a stored sighting row holds, in insert order (json-rows.ts). */
const OBSERVATION_COLUMNS = insertColumns(observations);

/** How long the cron leaves a failing source alone: 15 min, doubling, at most 6 h, or longer if it asked. */
export function breakerDelayMs(consecutiveFailures: number, retryAfterMs: number | null): number {
  const backoff = Math.min(BREAKER_MAX_MS, BREAKER_BASE_MS * 2 ** Math.max(0, consecutiveFailures - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}

/**
 * Each source-fetch job's allowance. The JOBS consumer (wrangler.toml) takes batches of
 * up to 10 messages and runs them one after another in one invocation, and a Queue
 * consumer invocation may run 15 minutes of wall-clock time
 * (https://developers.cloudflare.com/queues/platform/limits/): 10 jobs × 60 s leaves
 * a third of it for the batch's D1 writes and non-fetch jobs. Subrequests are capped per
 * invocation too (https://developers.cloudflare.com/workers/platform/limits/, 1,000 on
 * the older Paid listing, 10,000 on the current one): 10 jobs × 90 stays under 1,000.
 * A full topic job (20 topics × 3 pages) needs 60, so the cap only bites on retries.
 */
export const JOB_TIME_BUDGET_MS = 60_000;
export const JOB_REQUEST_BUDGET = 90;

export function jobBudget(now = Date.now()): JobBudget {
  return new JobBudget({ deadline: now + JOB_TIME_BUDGET_MS, maxRequests: JOB_REQUEST_BUDGET });
}

/** Used when the source said it is rate limited but not for how long: the next cron tick. */
const RATE_LIMIT_DEFAULT_MS = BREAKER_BASE_MS;

export type IngestOutcome =
  | { status: 'stored'; fetched: number; inserted: number; failedTopics?: FailedTopic[]; dropped?: Record<string, number>; truncated?: boolean }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: string; fetched?: number; inserted?: number; failedTopics?: FailedTopic[]; dropped?: Record<string, number>; truncated?: boolean };

interface FailedTopic {
  topic: string | null;
  kind: string;
  error: string;
}

/**
 * One source-fetch job: fetch, store idempotently what could be read, record the
 * source's health. A source failure is recorded and acknowledged (the client already
 * retried, and the breaker decides when to try again), so the queue never piles
 * retries on top. How a failure counts:
 * - a topic the source rejected (400/404/422: that workspace's query) is reported and
 *   skipped; it does not touch the source's state, so it cannot pause other workspaces;
 * - a rate limit pauses the source for as long as the source asked, without counting
 *   as a failure of the source;
 * - a source that is down or answers in an undocumented shape opens the breaker.
 */
export async function ingest(job: SourceFetchJob, client: SourceClient, db: Db, now = Date.now(), budget = jobBudget(now)): Promise<IngestOutcome> {
  const state = await db.select().from(sourceState).where(eq(sourceState.source, job.source)).get();
  if (state?.nextAttemptAt && state.nextAttemptAt > now && state.status !== 'ok') {
    return { status: 'skipped', reason: `${job.source} is backing off until ${new Date(state.nextAttemptAt).toISOString()}` };
  }

  let pulled: PullResult;
  try {
    pulled = await client.pull({ observedAt: job.observedAt, topics: job.topics, budget });
  } catch (err) {
    // Clients report SourceErrors in the result; one thrown here is a client that still throws.
    if (!(err instanceof SourceError)) throw err;
    pulled = { observations: [], failures: [{ topic: null, error: err }], dropped: {}, truncated: false };
  }

  // Reported once per job in the outcome (the consumer logs it), not per item: a changed upstream shape would otherwise flood the log.
  const dropped = Object.values(pulled.dropped).reduce((n, c) => n + c, 0);
  const inserted = await storeObservations(db, pulled.observations, feedKey(job.topics));
  const fetched = pulled.observations.length;
  const failedTopics = pulled.failures.map((f) => ({ topic: f.topic, kind: f.error.kind, error: f.error.message }));
  const extra = {
    ...(failedTopics.length ? { failedTopics } : {}),
    ...(dropped ? { dropped: pulled.dropped } : {}),
    ...(pulled.truncated ? { truncated: true } : {}),
  };

  const broken = pulled.failures.find((f) => f.error.kind === 'unreachable' || f.error.kind === 'bad_response');
  const limited = pulled.failures.find((f) => f.error.kind === 'rate_limited');
  if (broken) {
    const err = broken.error;
    const failures = (state?.consecutiveFailures ?? 0) + 1;
    const row = {
      source: job.source,
      status: 'unreachable' as const,
      failingSince: state?.failingSince ?? now,
      lastError: err.message,
      consecutiveFailures: failures,
      nextAttemptAt: now + breakerDelayMs(failures, limited?.error.retryAfterMs ?? err.retryAfterMs),
      updatedAt: now,
    };
    await db.insert(sourceState).values(row).onConflictDoUpdate({ target: sourceState.source, set: row });
    return { status: 'failed', error: err.message, fetched, inserted, ...extra };
  }
  if (limited) {
    const err = limited.error;
    // Not broken, only asked to wait: the failure streak is neither extended nor cleared.
    const row = {
      source: job.source,
      status: 'rate_limited' as const,
      failingSince: state?.failingSince ?? now,
      lastError: err.message,
      consecutiveFailures: state?.consecutiveFailures ?? 0,
      nextAttemptAt: now + (err.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS),
      lastObservationCount: fetched,
      updatedAt: now,
    };
    await db.insert(sourceState).values(row).onConflictDoUpdate({ target: sourceState.source, set: row });
    return { status: 'failed', error: err.message, fetched, inserted, ...extra };
  }

  const ok = {
    source: job.source,
    status: 'ok' as const,
    lastSuccessAt: now,
    failingSince: null,
    lastError: null,
    consecutiveFailures: 0,
    nextAttemptAt: null,
    lastObservationCount: fetched,
    updatedAt: now,
  };
  await db.insert(sourceState).values(ok).onConflictDoUpdate({ target: sourceState.source, set: ok });
  return { status: 'stored', fetched, inserted, ...extra };
}

type Stored = Pick<Observation, 'observedAt' | 'score' | 'comments' | 'title' | 'text' | 'url'>;
const unchanged = (a: Stored, b: Stored) => a.score === b.score && a.comments === b.comments && a.title === b.title && a.text === b.text && a.url === b.url;


/**
 * Stores sightings in a feed, one row per item and clock hour (schema.ts says why). A
 * sighting that matches the item's latest row adds nothing, unless that row is a heartbeat
 * old: trend series are built from growth between sightings. One in the hour of the item's
 * latest row replaces that row. A sighting older than what is stored (a redelivered job)
 * fills its hour only if the hour is empty, so replays are idempotent. Returns how many
 * rows were written.
 */
export async function storeObservations(db: Db, rows: Observation[], feed = GENERAL_FEED): Promise<number> {
  if (rows.length === 0) return 0;
  const latest = await latestStored(db, feed, rows);
  const write: Observation[] = [];
  for (const r of [...rows].sort((a, b) => a.observedAt - b.observedAt)) {
    const prev = latest.get(observationKey(r));
    if (prev && prev.observedAt < r.observedAt && r.observedAt - prev.observedAt < HEARTBEAT_MS && unchanged(prev, r)) continue;
    if (!prev || prev.observedAt < r.observedAt) latest.set(observationKey(r), r);
    write.push(r);
  }
  if (write.length === 0) return 0;

  const rowsOf = write.map((r) => {
    const row: Record<(typeof OBSERVATION_COLUMNS)[number], unknown> = { ...r, id: null, feed };
    return OBSERVATION_COLUMNS.map((col) => row[col] ?? null);
  });
  const statements = jsonChunks(rowsOf).map((chunk) =>
    db
      .insert(observations)
      .select(jsonRows(chunk, OBSERVATION_COLUMNS.length))
      .onConflictDoUpdate({
        target: [observations.source, observations.feed, observations.externalId, observations.observedHour],
        set: {
          title: sql`excluded.title`,
          text: sql`excluded.text`,
          url: sql`excluded.url`,
          score: sql`excluded.score`,
          comments: sql`excluded.comments`,
          createdAt: sql`excluded.created_at`,
          observedAt: sql`excluded.observed_at`,
        },
        setWhere: sql`excluded.observed_at > ${observations.observedAt}`,
      })
      .returning({ id: observations.id }),
  );
  const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return results.reduce((n, r) => n + r.length, 0);
}

/**
 * The latest stored row of each item among `rows` in `feed` from the last heartbeat before
 * the earliest of them (an older one cannot spare a write), read in one round trip.
 */
async function latestStored(db: Db, feed: string, rows: Observation[]): Promise<Map<string, Stored & { source: string; externalId: string }>> {
  const idsBySource = new Map<string, Set<string>>();
  let earliest = Infinity;
  for (const r of rows) {
    const ids = idsBySource.get(r.source) ?? new Set<string>();
    ids.add(r.externalId);
    idsBySource.set(r.source, ids);
    earliest = Math.min(earliest, r.observedAt);
  }
  // On the hour column, so the unique index (source, feed, external_id, observed_hour) bounds the scan.
  const fromHour = Math.floor((earliest - HEARTBEAT_MS) / 3600_000);
  const queries = [];
  for (const [source, set] of idsBySource) {
    // The ids as one JSON parameter (json-rows.ts), not 90 bound ones a statement.
    for (const ids of jsonChunks([...set])) {
      queries.push(
        db
          // With one max() in a group, SQLite takes the other columns from the row holding the max.
          .select({
            source: observations.source,
            externalId: observations.externalId,
            observedAt: sql<number>`max(${observations.observedAt})`,
            score: observations.score,
            comments: observations.comments,
            title: observations.title,
            text: observations.text,
            url: observations.url,
          })
          .from(observations)
          .where(and(eq(observations.source, source), eq(observations.feed, feed), sql`${observations.externalId} in ${jsonList(ids)}`, gte(observations.observedHour, fromHour)))
          .groupBy(observations.externalId),
      );
    }
  }
  const results = await db.batch(queries as [(typeof queries)[number], ...(typeof queries)[number][]]);
  return new Map(results.flat().map((r) => [observationKey(r), r]));
}
