/**
 * Loads demo data into the local D1 database, through the same code the worker runs:
 *   1. recorded source responses (worker/demo/recorded/, in each API's documented shape)
 *      are served by the local replay server and read by the real source clients, as if
 *      fetched just now;
 *   2. the observations are stored by the worker's ingestion code and turned into trends
 *      (with members, volume series and forecasts) by the worker's trend pipeline;
 *   3. a handful of sample trends (worker/demo/trends.json) are added so the popup and
 *      overlays have familiar topics to show.
 * Applies pending migrations first. Idempotent: re-running refreshes times instead of
 * adding rows. Usage:
 *   npm run demo:load [-- --persist-to <dir>]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/d1';
import { getPlatformProxy } from 'wrangler';
import type { D1Database } from '@cloudflare/workers-types';
import type { Observation } from '../shared/trends/types.ts';
import { trendSources } from '../shared/trends/types.ts';
import { tokenize } from '../shared/trends/match.ts';
import type { Env } from '../worker/env.ts';
import { recomputeTrends } from '../worker/lib/trend-pipeline.ts';
import { storeObservations } from '../worker/queues/ingest.ts';
import { sourceClients } from '../worker/sources/index.ts';
import { startSourceReplayServer } from '../worker/sources/replay-server.ts';
import { offlineEnv, root, wranglerRun } from './wrangler.ts';

interface DemoTrend {
  id: string;
  name: string;
  keywords: string[];
  platforms: string[];
  confidence: number;
  velocity: number;
  sentiment: number | null;
  firstDetectedHoursAgo: number;
  peakInHours: number | null;
  /** Hand-written summary, stored as the trend's detail: a sample has no source items to draft from. */
  brief: string;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlNum = (n: number | null) => (n === null ? 'NULL' : String(n));

export function demoTrendsSql(trends: DemoTrend[], now: number): string {
  const hour = 3600_000;
  const rows = trends.map((t) =>
    `(${[
      sqlText(t.id),
      'NULL',
      sqlText(t.name),
      sqlText(JSON.stringify(t.keywords)),
      sqlText(JSON.stringify(t.platforms)),
      sqlNum(t.confidence),
      sqlNum(t.velocity),
      sqlNum(t.sentiment),
      sqlNum(now - t.firstDetectedHoursAgo * hour),
      sqlNum(t.peakInHours === null ? null : now + t.peakInHours * hour),
      sqlText('[]'),
      sqlNum(now),
      sqlText(JSON.stringify({ brief: t.brief })),
    ].join(', ')})`,
  );
  return `INSERT INTO trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, sentiment_score, first_detected_at, peak_predicted_at, related_trends, updated_at, detail)
VALUES
${rows.join(',\n')}
ON CONFLICT(id) DO UPDATE SET name = excluded.name, keywords = excluded.keywords, source_platforms = excluded.source_platforms,
  confidence_score = excluded.confidence_score, velocity_score = excluded.velocity_score, sentiment_score = excluded.sentiment_score,
  first_detected_at = excluded.first_detected_at, peak_predicted_at = excluded.peak_predicted_at, updated_at = excluded.updated_at,
  detail = excluded.detail;
`;
}

/** Recorded items keep their spacing but are moved so the newest was created 20 minutes ago. */
export function replayAsOf(obs: Observation[], now: number): Observation[] {
  // Items a source stamps with the fetch time (GitHub's trending page says nothing about
  // creation) are already "now". The recording's own clock is read from the rest: taking
  // them into account anchored the replay on the wall clock, so a demo started late in
  // the day showed the recorded stories as 15 hours old, and not rising.
  const stampedAtFetch = (o: Observation) => o.createdAt === o.observedAt;
  const recorded = obs.filter((o) => !stampedAtFetch(o));
  if (recorded.length === 0) return obs.map((o) => ({ ...o, createdAt: now, observedAt: now }));
  const shift = now - 20 * 60_000 - Math.max(...recorded.map((o) => o.createdAt));
  return obs.map((o) => ({ ...o, createdAt: stampedAtFetch(o) ? now : o.createdAt + shift, observedAt: now }));
}

/**
 * One name inside the other, word for word ("work week" and "Four-day work week", "Rust" and
 * "Rust in the Linux kernel"): the same topic named more or less specifically.
 */
export function sameTopic(a: string, b: string): boolean {
  const [short, long] = [tokenize(a), tokenize(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (short.length === 0) return false;
  for (let i = 0; i + short.length <= long.length; i++) if (short.every((t, k) => long[i + k] === t)) return true;
  return false;
}

/**
 * `recorded: false` loads only the sample trends: the browser tests pin their expected
 * scores to worker/demo/trends.json and must not depend on what correlation makes of the
 * recorded responses (the worker's own tests cover that).
 */
export async function loadDemo(opts: { persistTo?: string; recorded?: boolean } = {}): Promise<{ sampleTrends: number; observations: number; computedTrends: number }> {
  Object.assign(process.env, offlineEnv);
  // Migrations first, so the demo loads into the schema the worker expects (a no-op when current).
  await wranglerRun(['d1', 'migrations', 'apply', 'DB', '--local', ...(opts.persistTo ? ['--persist-to', opts.persistTo] : [])]);
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(root, 'wrangler.toml'),
    // Same layout as `wrangler --persist-to <dir>` (which stores under <dir>/v3).
    persist: { path: path.join(opts.persistTo ?? path.join(root, '.wrangler', 'state'), 'v3') },
  });
  const server = await startSourceReplayServer({ fixturesDir: path.join(root, 'worker/demo/recorded') });
  try {
    const db = drizzle(proxy.env.DB as never);
    const now = Date.now();
    let observations: Observation[] = [];
    const computed: string[] = [];
    if (opts.recorded !== false) {
      const env = { HN_BASE_URL: server.url, REDDIT_BASE_URL: server.url, GITHUB_BASE_URL: server.url, GITHUB_TRENDING_BASE_URL: server.url, GOOGLE_TRENDS_BASE_URL: server.url } as Env;
      const clients = sourceClients(env, { retries: 0 });
      const fetched: Observation[] = [];
      for (const source of trendSources) fetched.push(...(await clients[source].fetchObservations({ observedAt: now, topics: [] })));
      observations = replayAsOf(fetched, now);
      // A rerun replaces the previous replay of these recorded items rather than piling up sightings.
      const del = proxy.env.DB.prepare('delete from observations where source = ? and external_id = ?');
      await proxy.env.DB.batch(observations.map((o) => del.bind(o.source, o.externalId)));
      await storeObservations(db as never, observations);
      await recomputeTrends(db as never, now);
      const rows = await proxy.env.DB.prepare('select name from trends where workspace_id is null and updated_at = ?').bind(now).all<{ name: string }>();
      computed.push(...rows.results.map((r) => r.name));
    }

    const { trends: all } = JSON.parse(readFileSync(path.join(root, 'worker/demo/trends.json'), 'utf8')) as { trends: DemoTrend[] };
    // A sample that the pipeline also found would show twice; the computed one wins.
    const samples = all.filter((t) => !computed.some((name) => sameTopic(name, t.name)));
    await proxy.env.DB.batch([
      proxy.env.DB.prepare(`delete from trends where id in (${all.map(() => '?').join(', ')})`).bind(...all.map((t) => t.id)),
      ...(samples.length ? [proxy.env.DB.prepare(demoTrendsSql(samples, now))] : []),
    ]);
    return { sampleTrends: samples.length, observations: observations.length, computedTrends: computed.length };
  } finally {
    await server.close();
    await proxy.dispose();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
  const r = await loadDemo(values['persist-to'] ? { persistTo: values['persist-to'] } : {});
  console.log(`demo: ${r.observations} recorded source items → ${r.computedTrends} computed trends, plus ${r.sampleTrends} sample trends`);
}
