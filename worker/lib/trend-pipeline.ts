import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { correlate, trendIdFor, type CorrelatedTrend } from '../../shared/trends/correlate.ts';
import { carryTrendIds, type StoredTrend } from '../../shared/trends/identity.ts';
import { forecastPeaks, resolveForecast, type SeriesForecast } from '../../shared/trends/forecast-series.ts';
import { observationKey, type Observation, type TrendSource } from '../../shared/trends/types.ts';
import { observations, trendPredictions, trends, workspaceTopics } from '../db/schema.ts';
import { feedKey, feedsByWorkspace, GENERAL_FEED, HEARTBEAT_MS } from './feeds.ts';
import { newId } from './crypto.ts';
import { LIVE_FOR_MS } from './trend-list.ts';
import { cachedEmbeddings, MAX_NEW_PER_RUN, type EmbeddingConfig } from './embeddings.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;

const WINDOW_MS = 72 * 3600_000;
/**
 * Rows read per scope, newest first: a bound on the isolate's memory. Stored at one row per
 * item and hour at most (ingest.ts), 50,000 rows hold the window and its lead-in (96 h) for
 * ~500 items that move every hour; a feed busier than that loses its oldest hours, and the
 * summary says so.
 */
const MAX_OBSERVATIONS = 50_000;
/** Trends kept per run: the list users read is short, and every row is a write. */
const MAX_TRENDS = 100;
/**
 * Alarms this recent get a forecast if they have none yet. A forecast uses only points up
 * to its alarm, so raising it a few runs late (a missed cron, a slow queue) is still honest.
 */
const FRESH_ALARM_BUCKETS = 12;
const MEMBERS_PER_SOURCE = 10;

export interface TrendDetail {
  items: number;
  cohesion: number;
  members: Partial<Record<TrendSource, { externalId: string; title: string; url: string | null; score: number | null; comments: number | null; createdAt: string }[]>>;
  series: { start: string; bucketMs: number; items: number[]; activity: number[] };
}

export interface RecomputeSummary {
  observations: number;
  trends: number;
  stored: number;
  newForecasts: number;
  resolvedForecasts: number;
  /**
   * Which path correlation took: keyphrases alone ('off': no endpoint configured), blended with
   * title embeddings ('used'), or keyphrases alone because the endpoint failed ('failed').
   */
  embeddings: { path: 'off' } | { path: 'used'; fetched: number; cached: number; deferred: number } | { path: 'failed'; error: string };
  /** Whether some scope had more rows in the window than it may read, so its oldest hours were left out. */
  truncated: boolean;
  ms: number;
}

export interface RecomputeOptions {
  /** Title embeddings from an OpenAI-compatible endpoint; null or absent: keyphrases alone. */
  embeddings?: EmbeddingConfig | null;
  /** Rows read per scope (default MAX_OBSERVATIONS). */
  maxObservations?: number;
}

type ScopeSummary = Omit<RecomputeSummary, 'ms' | 'embeddings'>;

/**
 * Rebuilds trends from the last 72 h of observations: correlate across sources, store the
 * strongest, raise a peak forecast for each trend that just alarmed, and backfill forecasts
 * whose real peak has now passed with what happened and how accurate they were.
 * Idempotent: rerunning with the same data rewrites the same rows.
 *
 * The general feed makes the public trends. Each workspace's topic feeds make trends only
 * that workspace sees (computed once per distinct set of feeds, stored per workspace), so
 * one workspace's topics never shape what another is shown.
 */
export async function recomputeTrends(db: Db, now: number, opts: RecomputeOptions = {}): Promise<RecomputeSummary> {
  const started = Date.now();
  const total: RecomputeSummary = { observations: 0, trends: 0, stored: 0, newForecasts: 0, resolvedForecasts: 0, embeddings: { path: 'off' }, truncated: false, ms: 0 };
  const add = (s: ScopeSummary) => {
    total.observations += s.observations;
    total.trends += s.trends;
    total.stored += s.stored;
    total.newForecasts += s.newForecasts;
    total.resolvedForecasts += s.resolvedForecasts;
    total.truncated ||= s.truncated;
  };
  // Embeddings for a scope's titles, or none; never a reason for the recompute to fail.
  const embed = async (obs: Observation[]): Promise<Map<string, Float32Array> | undefined> => {
    if (!opts.embeddings || total.embeddings.path === 'failed') return undefined;
    try {
      const budget = MAX_NEW_PER_RUN - (total.embeddings.path === 'used' ? total.embeddings.fetched : 0);
      const run = await cachedEmbeddings(db, opts.embeddings, obs.map((o) => ({ key: observationKey(o), text: o.title })), { now, maxNew: budget });
      const prev = total.embeddings.path === 'used' ? total.embeddings : { fetched: 0, cached: 0, deferred: 0 };
      total.embeddings = { path: 'used', fetched: prev.fetched + run.fetched, cached: prev.cached + run.cached, deferred: prev.deferred + run.deferred };
      return run.vectors;
    } catch (err) {
      total.embeddings = { path: 'failed', error: err instanceof Error ? err.message : String(err) };
      return undefined;
    }
  };
  const limit = opts.maxObservations ?? MAX_OBSERVATIONS;
  add(await recomputeScope(db, now, [GENERAL_FEED], [null], embed, limit));

  const groups = new Map<string, { feeds: string[]; workspaces: string[] }>();
  for (const [workspaceId, chunks] of feedsByWorkspace(await db.select().from(workspaceTopics).all())) {
    const feeds = chunks.map(feedKey);
    const key = feeds.join('\n');
    const g = groups.get(key) ?? { feeds, workspaces: [] };
    g.workspaces.push(workspaceId);
    groups.set(key, g);
  }
  for (const g of groups.values()) add(await recomputeScope(db, now, g.feeds, g.workspaces, embed, limit));
  return { ...total, ms: Date.now() - started };
}

/** A workspace's copy of a trend found in its topic feeds: its own id, so rows never collide. */
const privateId = (workspaceId: string, id: string) => trendIdFor([`workspace:${workspaceId}`, id]);

async function recomputeScope(
  db: Db,
  now: number,
  feeds: string[],
  owners: (string | null)[],
  embed: (obs: Observation[]) => Promise<Map<string, Float32Array> | undefined>,
  limit: number,
): Promise<ScopeSummary> {
  // A heartbeat before the window too: an item that stood still has its last row there,
  // the level its growth in the window is measured from (feeds.ts HEARTBEAT_MS).
  const read = await db
    .select()
    .from(observations)
    .where(and(inArray(observations.feed, feeds), gte(observations.observedAt, now - WINDOW_MS - HEARTBEAT_MS)))
    .orderBy(desc(observations.observedAt))
    .limit(limit + 1)
    .all();
  const truncated = read.length > limit;
  // Items seen only before the window are gone from their listings (a listed one has a row
  // at least every heartbeat): the window is theirs no more.
  const inWindow = new Set(read.filter((r) => r.observedAt >= now - WINDOW_MS).map(observationKey));
  const rows = read.slice(0, limit).filter((r) => inWindow.has(observationKey(r)));
  if (rows.length === 0) return { observations: 0, trends: 0, stored: 0, newForecasts: 0, resolvedForecasts: 0, truncated };
  const obs: Observation[] = rows.map((r) => ({
    source: r.source as TrendSource,
    externalId: r.externalId,
    title: r.title,
    text: r.text,
    url: r.url,
    score: r.score,
    comments: r.comments,
    createdAt: r.createdAt,
    observedAt: r.observedAt,
  }));
  const embeddings = await embed(obs);
  const correlated = distinctNames(correlate(obs, { now, ...(embeddings ? { embeddings } : {}) }).sort((a, b) => b.score - a.score || b.items - a.items)).slice(0, MAX_TRENDS);
  let newForecasts = 0;
  let resolvedForecasts = 0;
  for (const owner of owners) {
    const idOf = (id: string) => (owner === null ? id : privateId(owner, id));
    const stored = await storedTrends(db, owner, now);
    const { trends: found, superseded } = carryTrendIds(
      correlated.map((t) => ({ ...t, id: idOf(t.id), relatedTrendIds: t.relatedTrendIds.map(idOf) })),
      stored,
    );
    // A row already pointing at the story that absorbed it needs no write again every run.
    const already = new Map(stored.map((s) => [s.id, s.supersededBy]));
    const r = await storeScope(db, now, obs, found, owner, superseded.filter((x) => already.get(x.id) !== x.by));
    newForecasts += r.newForecasts;
    resolvedForecasts += r.resolvedForecasts;
  }
  return { observations: obs.length, trends: correlated.length, stored: correlated.length * owners.length, newForecasts, resolvedForecasts, truncated };
}

/** The scope's stored trends the list may still show, with the members their detail kept, for `carryTrendIds`. */
async function storedTrends(db: Db, workspaceId: string | null, now: number): Promise<(StoredTrend & { supersededBy: string | null })[]> {
  const rows = await db
    .select({ id: trends.id, detail: trends.detail, supersededBy: trends.supersededBy })
    .from(trends)
    .where(and(workspaceId === null ? isNull(trends.workspaceId) : eq(trends.workspaceId, workspaceId), gte(trends.updatedAt, now - LIVE_FOR_MS)))
    .orderBy(desc(trends.updatedAt))
    .limit(500)
    .all();
  return rows.map((r) => {
    const members = (r.detail as Partial<TrendDetail> | null)?.members ?? {};
    return {
      id: r.id,
      supersededBy: r.supersededBy,
      members: Object.entries(members).flatMap(([source, list]) => (list ?? []).map((m) => observationKey({ source, externalId: m.externalId }))),
    };
  });
}

async function storeScope(
  db: Db,
  now: number,
  obs: Observation[],
  found: CorrelatedTrend[],
  workspaceId: string | null,
  superseded: { id: string; by: string }[],
): Promise<{ newForecasts: number; resolvedForecasts: number }> {
  const latest = new Map<string, Observation>();
  for (const o of obs) {
    const key = observationKey(o);
    const seen = latest.get(key);
    if (!seen || seen.observedAt < o.observedAt) latest.set(key, o);
  }

  // D1 binds at most 100 parameters per statement, so ask in chunks.
  const open: (typeof trendPredictions.$inferSelect)[] = [];
  for (let i = 0; i < found.length; i += 90) {
    const ids = found.slice(i, i + 90).map((t) => t.id);
    open.push(...(await db.select().from(trendPredictions).where(and(inArray(trendPredictions.trendId, ids), isNull(trendPredictions.actualPeakAt))).all()));
  }

  let newForecasts = 0;
  let resolvedForecasts = 0;
  const statements = [];
  for (const t of found) {
    const times = t.series.activity.map((_, i) => t.series.start + i * t.series.bucketMs);
    const values = t.series.activity;
    const forecasts = forecastPeaks(times, values);
    const fresh = forecasts.filter((f) => f.alarmIndex >= values.length - FRESH_ALARM_BUCKETS);

    for (const f of fresh) {
      statements.push(
        db
          .insert(trendPredictions)
          .values({
            id: newId(),
            trendId: t.id,
            alarmAt: f.forecast.alarmTime,
            predictedPeakAt: Math.round(f.forecast.peakTime.point),
            peakLowAt: Math.round(f.forecast.peakTime.low),
            peakHighAt: Math.round(f.forecast.peakTime.high),
            predictedPeakLevel: f.forecast.peakLevel.point,
            halfLifeHours: f.forecast.halfLifeHours?.point ?? null,
            features: { baseLevel: f.base.level, baseSpread: f.base.spread, support: f.forecast.support },
            support: f.forecast.support,
            createdAt: now,
          })
          // The same alarm seen by a rerun is the same prediction.
          .onConflictDoNothing(),
      );
      newForecasts++;
    }

    for (const p of open.filter((x) => x.trendId === t.id)) {
      const alarmIndex = times.indexOf(p.alarmAt);
      if (alarmIndex < 0) continue;
      const stored: SeriesForecast = {
        alarmIndex,
        base: { level: Number(p.features.baseLevel ?? 0), spread: Number(p.features.baseSpread ?? 1) },
        forecast: {
          alarmTime: p.alarmAt,
          peakTime: { point: p.predictedPeakAt, low: p.peakLowAt, high: p.peakHighAt },
          peakLevel: { point: p.predictedPeakLevel ?? 0, low: p.predictedPeakLevel ?? 0, high: p.predictedPeakLevel ?? 0 },
          halfLifeHours: undefined,
          support: p.support,
        },
      };
      const resolved = resolveForecast(stored, times, values);
      if (!resolved) continue;
      statements.push(
        db
          .update(trendPredictions)
          .set({
            actualPeakAt: resolved.actualPeakTime,
            actualPeakLevel: resolved.actualPeakValue,
            accuracy: resolved.accuracy,
            outcome: { lagHours: (resolved.actualPeakTime - p.alarmAt) / 3600_000, errorHours: (resolved.actualPeakTime - p.predictedPeakAt) / 3600_000 },
          })
          .where(and(inArray(trendPredictions.id, [p.id]), isNull(trendPredictions.actualPeakAt))),
      );
      resolvedForecasts++;
    }

    const peak = fresh.at(-1)?.forecast.peakTime.point ?? open.filter((x) => x.trendId === t.id).sort((a, b) => b.alarmAt - a.alarmAt)[0]?.predictedPeakAt ?? null;
    const row = {
      id: t.id,
      workspaceId,
      name: t.name,
      keywords: t.keywords,
      sourcePlatforms: t.platforms,
      confidenceScore: t.confidence,
      velocityScore: t.velocity,
      sentimentScore: t.sentiment,
      firstDetectedAt: t.firstDetectedAt,
      peakPredictedAt: peak === null ? null : Math.round(peak),
      relatedTrends: t.relatedTrendIds,
      detail: detailOf(t, latest) as unknown as Record<string, unknown>,
      // Found again: whatever absorbed it earlier, it stands on its own now.
      supersededBy: null,
      updatedAt: now,
    };
    statements.push(
      db
        .insert(trends)
        .values(row)
        .onConflictDoUpdate({
          target: trends.id,
          set: { ...row, firstDetectedAt: undefined },
        }),
    );
  }
  for (const { id, by } of superseded) {
    // Left as it was otherwise: still readable by id, with the trend to follow.
    statements.push(db.update(trends).set({ supersededBy: by }).where(eq(trends.id, id)));
  }
  for (let i = 0; i < statements.length; i += 50) {
    const chunk = statements.slice(i, i + 50);
    if (chunk.length) await db.batch(chunk as [(typeof chunk)[number], ...(typeof chunk)[number][]]);
  }
  return { newForecasts, resolvedForecasts };
}

/**
 * Correlation can split one big story into sub-clusters that end up with the same name;
 * a list with "Rust kernel drivers" three times helps nobody, so only the strongest is
 * kept and stored.
 */
function distinctNames(sorted: CorrelatedTrend[]): CorrelatedTrend[] {
  const seen = new Set<string>();
  const out: CorrelatedTrend[] = [];
  for (const t of sorted) {
    const key = t.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

function detailOf(t: CorrelatedTrend, latest: Map<string, Observation>): TrendDetail {
  const members: TrendDetail['members'] = {};
  for (const [source, ids] of Object.entries(t.memberIds) as [TrendSource, string[]][]) {
    members[source] = ids
      .map((externalId) => latest.get(observationKey({ source, externalId })))
      .filter((o): o is Observation => o !== undefined)
      .sort((a, b) => (b.score ?? 0) + (b.comments ?? 0) - ((a.score ?? 0) + (a.comments ?? 0)))
      .slice(0, MEMBERS_PER_SOURCE)
      .map((o) => ({ externalId: o.externalId, title: o.title, url: o.url, score: o.score, comments: o.comments, createdAt: new Date(o.createdAt).toISOString() }));
  }
  return {
    items: t.items,
    cohesion: t.cohesion,
    members,
    series: { start: new Date(t.series.start).toISOString(), bucketMs: t.series.bucketMs, items: t.series.items, activity: t.series.activity.map((v) => Math.round(v * 1000) / 1000) },
  };
}
