import { and, desc, eq, gte, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { listTrendsQuery, type TrendList } from '../../shared/contracts/api.ts';
import { trendScore } from '../../shared/trends/score.ts';
import { trendPredictions, trends } from '../db/schema.ts';
import { iso, isoOrNull, type AppEnv } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { liveTrends, toTrend, visibleTo } from '../lib/trend-list.ts';
import { zv } from '../lib/validate.ts';

export const trendRoutes = new Hono<AppEnv>()
  .get('/', zv('query', listTrendsQuery), async (c) => {
    const { limit, q } = c.req.valid('query');
    const list = await liveTrends(c.get('db'), c.get('auth').workspaceId, { ...(q ? { q } : {}), limit });
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
