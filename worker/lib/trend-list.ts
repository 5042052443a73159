import { and, desc, eq, getTableColumns, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Platform, Trend } from '../../shared/contracts/api.ts';
import { trendScore } from '../../shared/trends/score.ts';
import { trends } from '../db/schema.ts';
import { iso, isoOrNull, type AppEnv } from './context.ts';

type TrendRow = typeof trends.$inferSelect;

export function toTrend(r: Omit<TrendRow, 'detail'>): Trend {
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
export const LIVE_FOR_MS = 6 * 3600_000;

const { detail: _detail, ...listColumns } = getTableColumns(trends);

/** Public trends plus the caller's own; never another workspace's. */
export const visibleTo = (workspaceId: string) => or(isNull(trends.workspaceId), eq(trends.workspaceId, workspaceId));

/**
 * Case-insensitive substring match, the query taken literally. Not LIKE: D1 refuses a LIKE
 * pattern over 50 bytes (the query may be 100 characters) and `%`/`_` typed by a user would
 * act as wildcards. lower() folds ASCII only, as LIKE did, so what matches is unchanged.
 * A leading-wildcard LIKE never used an index, so nothing is lost there.
 */
const contains = (column: SQLiteColumn, text: string): SQL => sql`instr(lower(${column}), lower(${text})) > 0`;

/**
 * "Trending now" for a workspace, best score first: what the latest recomputes found. A story
 * that dropped out hours ago, or was absorbed by another, is not listed (it stays readable by
 * id). Every surface that offers trends (the list, content gaps) starts from this one set.
 */
export async function liveTrends(db: AppEnv['Variables']['db'], workspaceId: string, opts: { q?: string; limit: number }): Promise<Trend[]> {
  // A story absorbed by another is never listed: left out in SQL rather than read and dropped.
  const listable = and(visibleTo(workspaceId), isNull(trends.supersededBy));
  const where = opts.q ? and(listable, or(contains(trends.name, opts.q), contains(trends.keywords, opts.q))) : listable;
  // Ranking by the derived score happens here rather than in SQL: the score function
  // lives in shared/ so every surface ranks identically; the candidate set is bounded.
  // Every column but `detail` (members and series, ~10 KB a row), which only GET /v1/trends/:id serves:
  // reading and parsing it for 500 candidates made the list the heaviest request there was.
  const rows = await db.select(listColumns).from(trends).where(where).orderBy(desc(trends.updatedAt)).limit(500).all();
  // Freshness is measured from the newest row of each scope, not the clock, so a worker cut
  // off from its sources keeps its last list.
  const newest = { public: 0, own: 0 };
  for (const r of rows) {
    const k = r.workspaceId === null ? 'public' : 'own';
    newest[k] = Math.max(newest[k], r.updatedAt);
  }
  const live = rows.filter((r) => r.updatedAt >= newest[r.workspaceId === null ? 'public' : 'own'] - LIVE_FOR_MS);
  // One row per story name ("Open-weight models" and "open weight models" are one): the
  // workspace's own trend over a public one, then the higher score.
  const nameKey = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const seen = new Set<string>();
  return live
    .map(toTrend)
    .sort((a, b) => Number(b.workspaceId !== null) - Number(a.workspaceId !== null) || b.score - a.score || a.name.localeCompare(b.name))
    .filter((t) => !seen.has(nameKey(t.name)) && Boolean(seen.add(nameKey(t.name))))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, opts.limit);
}

/**
 * A trend the workspace can see, for work that starts from it (a draft, a video). One
 * absorbed by another story since (superseded) hands over to that story, whose members
 * are current; `null` when neither is visible.
 */
export async function trendToWorkFrom(db: AppEnv['Variables']['db'], workspaceId: string, id: string): Promise<TrendRow | null> {
  const read = (trendId: string) => db.select().from(trends).where(and(eq(trends.id, trendId), visibleTo(workspaceId))).get();
  const row = await read(id);
  if (!row?.supersededBy) return row ?? null;
  return (await read(row.supersededBy)) ?? row;
}
