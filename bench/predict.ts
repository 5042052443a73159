/**
 * bench/predict: what one POST /v1/predict costs for a workspace with a long history (5,000
 * own posts, real Hacker News titles when ../shared/data is present, and their trained models
 * in local D1). The composer hint asks at every pause in
 * typing, without a planned time. Compares, in the same run:
 *   before: the route's old work per request: read the history and fit best times (for the
 *           timing it reported), read and parse the model JSON, build its scorer, score;
 *   now, first request of an isolate: model summaries, read + parse + build once, score;
 *   now, later requests: model summaries, the kept scorer, score.
 * D1 is the local one wrangler runs (SQLite in workerd); the JavaScript runs in Node.
 *
 * Run: npm run bench:predict
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/d1';
import { engagementScorer } from '../shared/predict/model.ts';
import { importHackerNews } from '../shared/posts/importers.ts';
import { syntheticPosts } from '../shared/predict/synthetic.ts';
import { bestTimes } from '../shared/schedule/best-time.ts';
import { posts, workspaces } from '../worker/db/schema.ts';
import { answeringModel, clearScorerCache, loadModel, loadPosts, modelScorer, postRow, trainWorkspaceModels } from '../worker/lib/models.ts';
import { root } from '../scripts/wrangler.ts';
import { median, withLocalD1 } from './local-d1.ts';

const POSTS = 5000;
// Real titles when ../shared/data is here (their vocabulary sizes the model), else synthetic posts.
const hnFile = path.join(root, '..', 'shared', 'data', 'hackernews', 'posts.csv');
const history = existsSync(hnFile)
  ? importHackerNews(readFileSync(hnFile, 'utf8')).items.slice(-POSTS).map((p) => ({ ...p, platform: 'x' }))
  : syntheticPosts(POSTS, 11, 'x');
const source = existsSync(hnFile) ? 'Hacker News titles from ../shared/data as X posts' : 'synthetic posts (../shared/data absent)';
const RUNS = 15;
const draft = { text: 'rust notes for the team, with a few numbers: 3 ways to ship faster', url: 'https://github.com/post/1' };

await withLocalD1(async (d1) => {
  const db = drizzle(d1 as never) as never;
  const ws = 'ws_bench';
  await (db as ReturnType<typeof drizzle>).insert(workspaces).values({ id: ws, name: 'Bench', createdAt: Date.now() });
  const rows = history.map((p) => postRow(p, ws, 'own', Date.now()));
  // D1 binds at most 100 parameters per statement: 7 rows of 14 columns.
  for (let i = 0; i < rows.length; i += 7) await (db as ReturnType<typeof drizzle>).insert(posts).values(rows.slice(i, i + 7));
  const t = performance.now();
  await trainWorkspaceModels(db, ws, 'x');
  const trainMs = performance.now() - t;

  const summaries = async () => (await answeringModel(db, ws, 'x')).choice!.model;
  const before = await median(RUNS, async () => {
    const chosen = await summaries();
    bestTimes(await loadPosts(db, ws, 'x', 'own'), { platform: 'x', timeZone: 'UTC', top: 3 });
    return engagementScorer((await loadModel(db, ws, chosen.key))!).predict(draft);
  });
  const cold = await median(RUNS, async () => {
    clearScorerCache();
    return (await modelScorer(db, ws, await summaries()))!.predict(draft);
  });
  const warm = await median(RUNS, async () => (await modelScorer(db, ws, await summaries()))!.predict(draft));
  const size = (await d1.prepare('select length(model) as n from engagement_models where workspace_id = ? and platform = ?').bind(ws, 'x').first<{ n: number }>())!.n;

  console.log(`POST /v1/predict without a planned time, ${rows.length} own posts: ${source} (models trained in ${(trainMs / 1000).toFixed(1)} s, ${(size / 1024).toFixed(0)} KB of JSON), local D1, median of ${RUNS}:`);
  console.log(`  before: history + best times + parse + score:   ${before.toFixed(1)} ms`);
  console.log(`  now, an isolate's first request (parse once):   ${cold.toFixed(1)} ms  (${(before / cold).toFixed(1)}x faster)`);
  console.log(`  now, later requests (scorer kept):              ${warm.toFixed(1)} ms  (${(before / warm).toFixed(1)}x faster)`);
});
