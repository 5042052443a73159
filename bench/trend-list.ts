/**
 * bench/trend-list: what GET /v1/trends (and content gaps) cost in D1 with a realistic table:
 * 500 candidate trends, each with the detail a recompute stores (10 members per source with
 * titles and links, 72-hour series). Compares, in the same run, the list's query (every
 * column but `detail`) with reading whole rows, which is what it did before, and times the
 * whole liveTrends() call. D1 is the local one wrangler runs (SQLite in workerd).
 *
 * Run: npm run bench:trend-list
 */
import { desc, getTableColumns } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { trends } from '../worker/db/schema.ts';
import { liveTrends } from '../worker/lib/trend-list.ts';
import { median, withLocalD1 } from './local-d1.ts';

const ROWS = 500;
const RUNS = 15;

await withLocalD1(async (d1) => {
  const db = drizzle(d1 as never);
  const now = Date.now();
  const member = (source: string, k: number) => ({
    externalId: `${source}-${k}`,
    title: `A story title of ordinary length about topic ${k}, as sources write them`,
    url: `https://example.com/${source}/${k}/a-story-title-of-ordinary-length`,
    score: 100 + k,
    comments: 20 + k,
    createdAt: new Date(now - k * 3600_000).toISOString(),
  });
  const detail = {
    items: 40,
    cohesion: 0.42,
    members: Object.fromEntries(['hackernews', 'reddit', 'github', 'google-trends'].map((s) => [s, Array.from({ length: 10 }, (_, k) => member(s, k))])),
    series: { start: new Date(now - 72 * 3600_000).toISOString(), bucketMs: 3600_000, items: Array.from({ length: 72 }, (_, h) => h % 7), activity: Array.from({ length: 72 }, (_, h) => Math.round(Math.sin(h) * 1000) / 1000 + 1) },
  };
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: `tr_bench_${i}`,
    workspaceId: null,
    name: `Bench topic ${i}`,
    keywords: [`keyword ${i}`, `other keyword ${i}`, 'shared keyword'],
    sourcePlatforms: ['hackernews', 'reddit', 'github'],
    confidenceScore: (i % 10) / 10,
    velocityScore: (i % 7) / 7,
    sentimentScore: null,
    firstDetectedAt: now - 86_400_000,
    peakPredictedAt: null,
    relatedTrends: [],
    detail,
    supersededBy: null,
    // Every row found by a recompute within the last hour: all 500 are live candidates.
    updatedAt: now - (i % 4) * 15 * 60_000,
  }));
  // D1 binds at most 100 parameters per statement: 7 rows of 14 columns.
  for (let i = 0; i < rows.length; i += 7) await db.insert(trends).values(rows.slice(i, i + 7));
  const bytes = JSON.stringify(detail).length;

  const { detail: _detail, ...summary } = getTableColumns(trends);
  const whole = await median(RUNS, () => db.select().from(trends).orderBy(desc(trends.updatedAt)).limit(500).all());
  const slim = await median(RUNS, () => db.select(summary).from(trends).orderBy(desc(trends.updatedAt)).limit(500).all());
  const list = await median(RUNS, () => liveTrends(db as never, 'ws_bench', { limit: 50 }));

  console.log(`trend list over ${ROWS} live candidate rows (detail ${(bytes / 1024).toFixed(1)} KB each), local D1, median of ${RUNS}:`);
  console.log(`  read whole rows (before):      ${whole.toFixed(1)} ms`);
  console.log(`  read all but detail (now):     ${slim.toFixed(1)} ms  (${(whole / slim).toFixed(1)}x faster)`);
  console.log(`  liveTrends(), query + ranking: ${list.toFixed(1)} ms`);
});
