import { and, desc, eq, gte, isNotNull, isNull, like, or } from 'drizzle-orm';
import { Hono } from 'hono';
import { listTrendsQuery, type Platform, type Trend, type TrendList } from '../../shared/contracts/api.ts';
import { trendScore } from '../../shared/trends/score.ts';
import { trendPredictions, trends } from '../db/schema.ts';
import { iso, isoOrNull, type AppEnv } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { zv } from '../lib/validate.ts';

type TrendRow = typeof trends.$inferSelect;

export function toTrend(r: TrendRow): Trend {
  return {
    id: r.id,
    name: r.name,
    keywords: r.keywords,
    platforms: r.sourcePlatforms as Platform[],
    confidence: r.confidenceScore,
    velocity: r.velocityScore,
    sentiment: r.sentimentScore,
    score: trendScore(r.confidenceScore, r.velocityScore),
    firstDetectedAt: iso(r.firstDetectedAt),
    peakPredictedAt: isoOrNull(r.peakPredictedAt),
    relatedTrendIds: r.relatedTrends,
    updatedAt: iso(r.updatedAt),
    workspaceId: r.workspaceId,
  };
}

/** A trend stays listed this long after the newest recompute of its scope last found it. */
const LIVE_FOR_MS = 6 * 3600_000;

/** Public trends plus the caller's own; never another workspace's. */
const visibleTo = (workspaceId: string) => or(isNull(trends.workspaceId), eq(trends.workspaceId, workspaceId));

export const trendRoutes = new Hono<AppEnv>()
  .get('/', zv('query', listTrendsQuery), async (c) => {
    const { limit, q } = c.req.valid('query');
    const { workspaceId } = c.get('auth');
    const where = q
      ? and(visibleTo(workspaceId), or(like(trends.name, `%${q}%`), like(trends.keywords, `%${q}%`)))
      : visibleTo(workspaceId);
    // Ranking by the derived score happens here rather than in SQL: the score function
    // lives in shared/ so every surface ranks identically; the candidate set is bounded.
    const rows = await c.get('db').select().from(trends).where(where).orderBy(desc(trends.updatedAt)).limit(500).all();
    // "Trending now" is what the latest recomputes found: a story that dropped out hours ago
    // is no longer listed (it stays readable by id). Measured from the newest row of each
    // scope, not the clock, so a worker cut off from its sources keeps its last list.
    const newest = { public: 0, own: 0 };
    for (const r of rows) {
      const k = r.workspaceId === null ? 'public' : 'own';
      newest[k] = Math.max(newest[k], r.updatedAt);
    }
    const live = rows.filter((r) => r.supersededBy === null && r.updatedAt >= newest[r.workspaceId === null ? 'public' : 'own'] - LIVE_FOR_MS);
    // One row per story name ("Open-weight models" and "open weight models" are one): the
    // workspace's own trend over a public one, then the higher score.
    const nameKey = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const seen = new Set<string>();
    const list = live
      .map(toTrend)
      .sort((a, b) => Number(b.workspaceId !== null) - Number(a.workspaceId !== null) || b.score - a.score || a.name.localeCompare(b.name))
      .filter((t) => !seen.has(nameKey(t.name)) && Boolean(seen.add(nameKey(t.name))))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, limit);
    return c.json({ trends: list, generatedAt: new Date().toISOString() } satisfies TrendList);
  })

  /** Recent alarms: trends that just started rising faster than their own history, with their peak forecasts. */
  .get('/alerts', async (c) => {
    const { workspaceId } = c.get('auth');
    const since = Date.now() - 7 * 86_400_000;
    const rows = await c
      .get('db')
      .select({ p: trendPredictions, name: trends.name, id: trends.id, platforms: trends.sourcePlatforms, confidence: trends.confidenceScore, velocity: trends.velocityScore })
      .from(trendPredictions)
      .innerJoin(trends, eq(trends.id, trendPredictions.trendId))
      .where(and(visibleTo(workspaceId), gte(trendPredictions.alarmAt, since)))
      .orderBy(desc(trendPredictions.alarmAt))
      .limit(50)
      .all();
    return c.json({
      alerts: rows.map((r) => ({
        trendId: r.id,
        name: r.name,
        platforms: r.platforms,
        score: trendScore(r.confidence, r.velocity),
        alarmAt: iso(r.p.alarmAt),
        peakAt: iso(r.p.predictedPeakAt),
        peakInterval: [iso(r.p.peakLowAt), iso(r.p.peakHighAt)] as [string, string],
        actualPeakAt: isoOrNull(r.p.actualPeakAt),
        accuracy: r.p.accuracy,
      })),
    });
  })

  /** How good the peak forecasts have been, over every forecast (on trends this workspace sees) whose real peak has passed. */
  .get('/accuracy', async (c) => {
    const { workspaceId } = c.get('auth');
    const rows = await c
      .get('db')
      .select({ accuracy: trendPredictions.accuracy, predicted: trendPredictions.predictedPeakAt, actual: trendPredictions.actualPeakAt })
      .from(trendPredictions)
      .innerJoin(trends, eq(trends.id, trendPredictions.trendId))
      .where(and(visibleTo(workspaceId), isNotNull(trendPredictions.actualPeakAt)))
      .orderBy(desc(trendPredictions.alarmAt))
      .limit(1000)
      .all();
    const n = rows.length;
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    return c.json({
      resolved: n,
      meanAccuracy: mean(rows.map((r) => r.accuracy ?? 0)),
      meanAbsErrorHours: mean(rows.map((r) => Math.abs((r.actual ?? 0) - r.predicted) / 3600_000)),
    });
  })

  .get('/:id', async (c) => {
    const { workspaceId } = c.get('auth');
    const db = c.get('db');
    const row = await db
      .select()
      .from(trends)
      .where(and(eq(trends.id, c.req.param('id')), visibleTo(workspaceId)))
      .get();
    // 404, not 403: another workspace's trend must be indistinguishable from none.
    if (!row) throw ApiError.notFound('trend');
    const predictions = await db.select().from(trendPredictions).where(eq(trendPredictions.trendId, row.id)).orderBy(desc(trendPredictions.alarmAt)).limit(20).all();
    return c.json({
      ...toTrend(row),
      detail: row.detail,
      supersededBy: row.supersededBy,
      forecasts: predictions.map((p) => ({
        alarmAt: iso(p.alarmAt),
        peakAt: iso(p.predictedPeakAt),
        peakInterval: [iso(p.peakLowAt), iso(p.peakHighAt)] as [string, string],
        peakLevel: p.predictedPeakLevel,
        halfLifeHours: p.halfLifeHours,
        basedOnPastBursts: p.support,
        actualPeakAt: isoOrNull(p.actualPeakAt),
        accuracy: p.accuracy,
      })),
    });
  });
