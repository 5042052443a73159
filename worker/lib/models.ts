import { and, count, desc, eq, sql, type AnyColumn } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Post } from '../../shared/posts/canonical.ts';
import { chooseEngagementModel, engagementScorer, MIN_TRAINING_POSTS, parseEngagementModel, trainEngagementModel, UntrainableHistoryError, type EngagementModelJson, type EngagementScorer, type ModelSummary } from '../../shared/predict/model.ts';
import { accountPlatform } from '../../shared/contracts/calendar.ts';
import { bestTimes, expectedLogLifts } from '../../shared/schedule/best-time.ts';
import { engagementModels, posts } from '../db/schema.ts';
import { newId } from './crypto.ts';
import { insertColumns, jsonChunks, jsonRows } from './json-rows.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;

/** Key under which the pooled model (own + tracked competitors' posts) is stored. */
export const generalKey = (platform: string) => `${platform}:general`;

const HISTORY_LIMIT = 5000;

export async function loadPosts(db: Db, workspaceId: string, platform: string, kind?: 'own' | 'competitor', limit = HISTORY_LIMIT): Promise<Post[]> {
  const where = [eq(posts.workspaceId, workspaceId), eq(posts.platform, platform)];
  if (kind) where.push(eq(posts.kind, kind));
  // The newest posts when the history is longer than the limit, returned oldest first.
  const rows = (await db.select().from(posts).where(and(...where)).orderBy(desc(posts.publishedAt)).limit(limit).all()).reverse();
  return rows.map(storedPost);
}

/** A `posts` row as the canonical post (null author and URL read as empty). */
export function storedPost(r: typeof posts.$inferSelect): Post {
  return {
    id: r.externalId,
    platform: r.platform,
    author: r.author ?? '',
    text: r.text,
    url: r.url ?? '',
    publishedAt: new Date(r.publishedAt).toISOString(),
    likes: r.likes,
    comments: r.comments,
    shares: r.shares,
    views: r.views,
  };
}

/** A post as a `posts` row (the inverse of storedPost); empty author and URL are stored as null. */
export function postRow(p: Post, workspaceId: string, kind: 'own' | 'competitor', capturedAt: number): typeof posts.$inferInsert {
  return {
    id: newId(),
    workspaceId,
    kind,
    platform: p.platform,
    externalId: p.id,
    author: p.author || null,
    text: p.text,
    url: p.url || null,
    publishedAt: Date.parse(p.publishedAt),
    likes: p.likes,
    comments: p.comments,
    shares: p.shares,
    views: p.views,
    capturedAt,
  };
}

/**
 * Writes posts, or brings the workspace's copies up to date when it has them (counts keep
 * moving; an export or a later visit sees the same post again): the import, competitor
 * visits and own-profile visits all store posts this one way. What a new copy lacks (a
 * count the page did not show, an empty CSV cell, a missing link or text) is unknown, not
 * zero: the stored value stays, so a thinner second look never erases a fuller first one.
 *
 * The rows travel as JSON, one statement per ~1 MB (json-rows.ts): a whole X history export
 * (3,200 posts) is one or two statements, where a post per statement would pass D1's 1,000
 * queries per invocation near a thousand posts. Returns the statements for the caller's
 * batch (one transaction); none for no rows.
 */
export function upsertPosts(db: Db, rows: readonly (typeof posts.$inferInsert)[]) {
  const keep = (col: AnyColumn) => sql`coalesce(excluded.${sql.identifier(col.name)}, ${col})`;
  return jsonChunks(rows.map((r) => POST_COLUMNS.map((col) => r[col] ?? null))).map((chunk) =>
    db
      .insert(posts)
      .select(jsonRows(chunk, POST_COLUMNS.length))
      .onConflictDoUpdate({
        target: [posts.workspaceId, posts.kind, posts.platform, posts.externalId],
        set: {
          author: keep(posts.author),
          text: sql`case when excluded.text = '' then ${posts.text} else excluded.text end`,
          url: keep(posts.url),
          publishedAt: sql`excluded.published_at`,
          likes: keep(posts.likes),
          comments: keep(posts.comments),
          shares: keep(posts.shares),
          views: keep(posts.views),
          capturedAt: sql`excluded.captured_at`,
        },
      }),
  );
}

const POST_COLUMNS = insertColumns(posts);

/**
 * Expected log lifts by hour of the week for each calendar platform, from its account's own
 * history (the best-time engine; platform defaults while that history is thin).
 */
export async function accountLogLifts(db: Db, workspaceId: string, platforms: readonly string[], timeZone: string): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const account of new Set(platforms.map(accountPlatform))) {
    const lifts = expectedLogLifts(bestTimes(await loadPosts(db, workspaceId, account, 'own'), { platform: account, timeZone }));
    for (const p of platforms) if (accountPlatform(p) === account) out[p] = lifts;
  }
  return out;
}

export interface TrainResult {
  account: { trainedOn: number; auc: number | null } | { skipped: string };
  general: { trainedOn: number; auc: number | null } | { skipped: string };
}

/**
 * Trains the workspace's models for one platform: its own ("this account") model from its
 * own posts, and a general model pooling its own and its tracked competitors' posts, which
 * stands in while its own history is thin. Nothing from other workspaces is used.
 */
export async function trainWorkspaceModels(db: Db, workspaceId: string, platform: string, timeZone = 'UTC'): Promise<TrainResult> {
  const own = await loadPosts(db, workspaceId, platform, 'own');
  const all = await loadPosts(db, workspaceId, platform);
  const result: TrainResult = { account: { skipped: '' }, general: { skipped: '' } };
  for (const [which, set, key, scope] of [
    ['account', own, platform, 'account'],
    ['general', all, generalKey(platform), 'general'],
  ] as const) {
    // A history that can no longer train a model (its posts were deleted) keeps none: an older
    // model would go on predicting from posts the workspace removed.
    const skip = async (why: string) => {
      await db.delete(engagementModels).where(and(eq(engagementModels.workspaceId, workspaceId), eq(engagementModels.platform, key)));
      result[which] = { skipped: why };
    };
    const usable = set.filter((p) => p.likes !== null || p.comments !== null || p.shares !== null);
    if (usable.length < MIN_TRAINING_POSTS) {
      await skip(`${usable.length} posts with engagement counts; ${MIN_TRAINING_POSTS} needed`);
      continue;
    }
    let model: EngagementModelJson;
    try {
      model = trainEngagementModel(usable, { metric: 'total', timeZone, scope });
    } catch (err) {
      // History the engine cannot learn from (every post alike) is an answer, not a failure
      // to retry; and it must not keep the other model from training.
      if (!(err instanceof UntrainableHistoryError)) throw err;
      await skip(err.message);
      continue;
    }
    // postsUsed and validationAuc are the model's own summary, so a model can be chosen without parsing it.
    const row = { workspaceId, platform: key, model: JSON.stringify(model), postsUsed: model.trainedOn, validationAuc: model.validation.auc, trainedAt: Date.now() };
    await db.insert(engagementModels).values(row).onConflictDoUpdate({ target: [engagementModels.workspaceId, engagementModels.platform], set: row });
    result[which] = { trainedOn: usable.length, auc: model.validation.auc };
  }
  return result;
}

export type StoredModelSummary = ModelSummary & { key: string; trainedAt: number };

/** A stored model's summary (and key), read from its row's columns. */
export async function loadModelSummary(db: Db, workspaceId: string, key: string): Promise<StoredModelSummary | null> {
  const row = await db
    .select({ postsUsed: engagementModels.postsUsed, validationAuc: engagementModels.validationAuc, trainedAt: engagementModels.trainedAt })
    .from(engagementModels)
    .where(and(eq(engagementModels.workspaceId, workspaceId), eq(engagementModels.platform, key)))
    .get();
  return row ? { key, trainedOn: row.postsUsed, validation: { auc: row.validationAuc }, trainedAt: row.trainedAt } : null;
}

export async function loadModel(db: Db, workspaceId: string, key: string): Promise<EngagementModelJson | null> {
  const row = await db
    .select({ model: engagementModels.model })
    .from(engagementModels)
    .where(and(eq(engagementModels.workspaceId, workspaceId), eq(engagementModels.platform, key)))
    .get();
  return row ? parseEngagementModel(row.model) : null;
}

/**
 * Parsed scorers kept by the isolate between requests. The composer hint asks for a score at
 * every pause in typing, and a model is hundreds of KB of JSON whose parse and map building
 * cost far more than scoring (npm run bench:predict). An entry is used only while its
 * model's trainedAt matches the row, so a retrained model is picked up on the next request;
 * the key holds the workspace, so no workspace can be answered by another's model.
 */
// A scorer built from a 5,000-post history (the most a model is trained on) holds about
// 2.3 MB of heap (measured on Hacker News titles): 8 stay well inside an isolate's 128 MB.
const SCORER_CACHE_SIZE = 8;
const scorers = new Map<string, { trainedAt: number; scorer: EngagementScorer }>();

export async function modelScorer(db: Db, workspaceId: string, summary: StoredModelSummary): Promise<EngagementScorer | null> {
  const id = `${workspaceId}\u0000${summary.key}`;
  const hit = scorers.get(id);
  if (hit && hit.trainedAt === summary.trainedAt) {
    // Most recently used last: Map keeps insertion order, so the first key is the eviction candidate.
    scorers.delete(id);
    scorers.set(id, hit);
    return hit.scorer;
  }
  const model = await loadModel(db, workspaceId, summary.key);
  if (!model) return null;
  const scorer = engagementScorer(model);
  scorers.delete(id);
  scorers.set(id, { trainedAt: summary.trainedAt, scorer });
  while (scorers.size > SCORER_CACHE_SIZE) scorers.delete(scorers.keys().next().value!);
  return scorer;
}

/** Tests and benches start cold. */
export function clearScorerCache(): void {
  scorers.clear();
}

/**
 * The platform's stored models in summary, and the one that answers predictions (its own
 * when it earns it, else the general one; null when neither exists): what predict, the
 * browser's model download and the Settings summary all ask first.
 */
export async function answeringModel(db: Db, workspaceId: string, platform: string) {
  const [own, general] = await Promise.all([loadModelSummary(db, workspaceId, platform), loadModelSummary(db, workspaceId, generalKey(platform))]);
  return { own, general, choice: own ?? general ? chooseEngagementModel(own, (general ?? own)!) : null };
}

/** How many of a workspace's posts on a platform are stored (without reading them): of one kind, or all. */
export async function countPosts(db: Db, workspaceId: string, platform: string, kind?: 'own' | 'competitor'): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), eq(posts.platform, platform), kind ? eq(posts.kind, kind) : undefined))
    .get();
  return row?.n ?? 0;
}
