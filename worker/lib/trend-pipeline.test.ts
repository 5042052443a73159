import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Trend, TrendList } from '../../shared/contracts/api.ts';
import type { Observation, TrendSource } from '../../shared/trends/types.ts';
import worker from '../index.ts';
import { feedKey } from './feeds.ts';
import { call, signup } from '../test/helpers.ts';

const HOUR = 3600_000;


const t0 = Date.parse('2026-11-20T00:00:00Z');

async function insert(obs: Observation[], feed = '') {
  const stmt = env.DB.prepare(
    'insert or ignore into observations (source, external_id, title, text, url, score, comments, created_at, observed_at, feed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < obs.length; i += 50) {
    await env.DB.batch(obs.slice(i, i + 50).map((o) => stmt.bind(o.source, o.externalId, o.title, o.text, o.url, o.score, o.comments, o.createdAt, o.observedAt, feed)));
  }
}

async function recompute(now: number) {
  const batch = createMessageBatch('sightline-jobs', [{ id: crypto.randomUUID(), timestamp: new Date(now), attempts: 1, body: { type: 'trends-recompute', now } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const result = await getQueueResult(batch, ctx);
  expect(result.retryMessages).toEqual([]);
}

const listedFor = async (token: string) => ((await (await call('/v1/trends', { token })).json()) as TrendList).trends;

/** The rising Rust story computed at `now`, a new user, their list, and the story as listed. */
async function rustStoryListed(now: number) {
  await insert(risingStory(now));
  await recompute(now);
  const u = await signup();
  const list = () => listedFor(u.token);
  return { u, list, rust: (await list()).find((t) => /rust/i.test(t.name))! };
}

let n = 0;
function item(source: TrendSource, title: string, createdAt: number, score = 10): Observation {
  return { source, externalId: `${source}-${++n}`, title, text: null, url: `https://example.com/${n}`, score, comments: 2, createdAt, observedAt: createdAt + HOUR / 2 };
}

const angles = ['land in Linux mainline', 'are enabled by default in Linux 7.2', 'what maintainers think', 'benchmarks against C', 'Linus Torvalds explains the merge', 'a beginner guide', 'memory safety bugs found so far', 'how Android uses them', 'the GPU driver rewrite', 'why distros are cautious', 'first security advisory', 'talk video from Plumbers'];

/** A quiet topic for two days, then a burst on four sources over the last eight hours. */
function risingStory(end: number): Observation[] {
  const out: Observation[] = [];
  for (let h = 0; h < 60; h += 8) out.push(item('hackernews', `Rust kernel drivers: ${angles[h % angles.length]}`, end - (72 - h) * HOUR));
  const sources: TrendSource[] = ['hackernews', 'reddit', 'github', 'google-trends'];
  let a = 0;
  for (let h = 8; h >= 1; h--) {
    for (let k = 0; k < 2 * (9 - h); k++) {
      const source = sources[k % 4]!;
      out.push(item(source, source === 'google-trends' ? 'rust kernel drivers' : `Rust kernel drivers ${angles[a++ % angles.length]}`, end - h * HOUR + k * 60_000, 50 + k));
    }
  }
  return out;
}

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('delete from observations'),
    env.DB.prepare('delete from trend_predictions'),
    env.DB.prepare('delete from trends'),
    env.DB.prepare('delete from workspace_topics'),
  ]);
});

describe('trends-recompute', () => {
  it('turns observations into cross-source trends served by /v1/trends and /v1/trends/:id', async () => {
    const now = t0 + 72 * HOUR;
    await insert([...risingStory(now), item('reddit', 'My cat learned to open the fridge', now - 30 * HOUR), item('reddit', 'My cat learned to open the fridge door', now - 29 * HOUR)]);
    await recompute(now);

    const u = await signup();
    const { trends } = (await (await call('/v1/trends', { token: u.token })).json()) as TrendList;
    const rust = trends.find((t) => t.keywords.some((k) => /rust kernel driver/i.test(k)));
    expect(rust).toBeDefined();
    expect(rust!.platforms.sort()).toEqual(['github', 'google-trends', 'hackernews', 'reddit']);
    // Sub-clusters of the same story do not show up as duplicate names.
    expect(trends.filter((t) => t.name.toLowerCase() === rust!.name.toLowerCase())).toHaveLength(1);
    const cat = trends.find((t) => /cat|fridge/i.test(t.name));
    if (cat) expect(rust!.confidence).toBeGreaterThan(cat.confidence);

    const detail = (await (await call(`/v1/trends/${rust!.id}`, { token: u.token })).json()) as Trend & {
      detail: { members: Record<string, { title: string }[]>; series: { activity: number[]; items: number[] } };
      forecasts: unknown[];
    };
    expect(Object.keys(detail.detail.members).sort()).toEqual(expect.arrayContaining(['github', 'hackernews', 'reddit']));
    expect(detail.detail.series.items).toHaveLength(72);
    expect(detail.detail.series.items.slice(-6).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });

  it('lists what the latest runs found: a story that dropped out is no longer listed, but still readable', async () => {
    const now = t0 + 72 * HOUR;
    const { u, list, rust } = await rustStoryListed(now);
    expect(rust).toBeDefined();

    // Four days on, the Rust story has left the 72 h window and a new one is rising.
    const later = now + 96 * HOUR;
    const fresh: Observation[] = [];
    for (let k = 0; k < 12; k++) fresh.push(item(k % 2 ? 'reddit' : 'hackernews', `WebGPU compute shaders ${angles[k]}`, later - (12 - k) * HOUR, 40));
    await insert(fresh);
    await recompute(later);
    const now2 = await list();
    expect(now2.some((t) => /webgpu/i.test(t.name))).toBe(true);
    expect(now2.some((t) => t.id === rust.id)).toBe(false);
    expect((await call(`/v1/trends/${rust.id}`, { token: u.token })).status).toBe(200);
  });

  it('is idempotent: rerunning on the same data rewrites the same trends', async () => {
    const now = t0 + 72 * HOUR;
    await insert(risingStory(now));
    await recompute(now);
    const first = await env.DB.prepare('select id, confidence_score, velocity_score from trends order by id').all();
    const forecasts = await env.DB.prepare('select count(*) as n from trend_predictions').first<{ n: number }>();
    await recompute(now);
    expect((await env.DB.prepare('select id, confidence_score, velocity_score from trends order by id').all()).results).toEqual(first.results);
    expect((await env.DB.prepare('select count(*) as n from trend_predictions').first<{ n: number }>())!.n).toBe(forecasts!.n);
  });

  it('forecasts the peak of a trend that just alarmed, then backfills what happened and how accurate it was', async () => {
    const now = t0 + 72 * HOUR;
    await insert(risingStory(now));
    await recompute(now);
    const open = await env.DB.prepare('select trend_id, alarm_at, predicted_peak_at, peak_low_at, peak_high_at, actual_peak_at from trend_predictions').all<{
      trend_id: string;
      alarm_at: number;
      predicted_peak_at: number;
      peak_low_at: number;
      peak_high_at: number;
      actual_peak_at: number | null;
    }>();
    expect(open.results.length).toBeGreaterThan(0);
    const p = open.results[0]!;
    expect(p.alarm_at).toBeLessThanOrEqual(now);
    expect(p.peak_low_at).toBeLessThanOrEqual(p.predicted_peak_at);
    expect(p.predicted_peak_at).toBeLessThanOrEqual(p.peak_high_at);
    expect(p.actual_peak_at).toBeNull();
    const trend = await env.DB.prepare('select peak_predicted_at from trends where id = ?').bind(p.trend_id).first<{ peak_predicted_at: number }>();
    expect(trend?.peak_predicted_at).toBe(p.predicted_peak_at);

    // The story keeps going for a few hours, then fades; a day later the peak is known.
    const later: Observation[] = [];
    for (let h = 0; h < 4; h++) for (let k = 0; k < 10; k++) later.push(item(k % 2 ? 'reddit' : 'hackernews', `Rust kernel drivers ${angles[(h * 10 + k) % angles.length]}`, now + h * HOUR + k * 60_000, 60));
    await insert(later);
    const after = now + 30 * HOUR;
    await recompute(after);
    const resolved = await env.DB.prepare('select actual_peak_at, accuracy from trend_predictions where trend_id = ? and alarm_at = ?').bind(p.trend_id, p.alarm_at).first<{ actual_peak_at: number | null; accuracy: number | null }>();
    expect(resolved?.actual_peak_at).not.toBeNull();
    expect(resolved!.accuracy).toBeGreaterThan(0);
    expect(resolved!.accuracy).toBeLessThanOrEqual(1);

    const u = await signup();
    const acc = (await (await call('/v1/trends/accuracy', { token: u.token })).json()) as { resolved: number; meanAccuracy: number };
    expect(acc.resolved).toBeGreaterThanOrEqual(1);
    expect(acc.meanAccuracy).toBeGreaterThan(0);
  });

  it('keeps each story’s id when new items reshuffle its top keyphrases: no stale duplicate listed, one alert per alarm', async () => {
    const now = Date.now() - 2 * HOUR;
    await insert(risingStory(now));
    await recompute(now);
    const u = await signup();
    const list = () => listedFor(u.token);
    const alerts = async () => ((await (await call('/v1/trends/alerts', { token: u.token })).json()) as { alerts: { trendId: string; alarmAt: string }[] }).alerts;
    const firstIds = new Set((await list()).map((t) => t.id));
    const [alarm] = await alerts();
    expect(alarm).toBeDefined();

    // An hour later the story is told as a merge. Its sub-stories' heaviest keyphrases move
    // ("drivers memory safety" becomes "memory safety bugs"), which used to mint new ids and
    // leave the old rows listed beside them.
    const later = now + HOUR;
    const merged: Observation[] = [];
    for (let k = 0; k < 30; k++) merged.push(item(k % 2 ? 'reddit' : 'hackernews', `Rust for Linux: kernel drivers merged, ${angles[k % angles.length]}`, now + k * 2 * 60_000, 70));
    await insert(merged);
    await recompute(later);

    const listed = await list();
    // Every story continues, so everything listed is what the second run found, under the first run's ids.
    expect(listed.filter((t) => Date.parse(t.updatedAt) !== later)).toEqual([]);
    expect(listed.map((t) => t.id).filter((id) => !firstIds.has(id))).toEqual([]);
    expect(listed.filter((t) => /memory safety/i.test(t.name))).toHaveLength(1);
    expect((await alerts()).filter((a) => a.alarmAt === alarm!.alarmAt)).toEqual([expect.objectContaining({ trendId: alarm!.trendId })]);
  });

  it('a stored story whose members now sit inside another trend is superseded by it: not listed, still readable, with the id to follow', async () => {
    const now = t0 + 72 * HOUR;
    const { u, list, rust } = await rustStoryListed(now);
    const detail = (await (await call(`/v1/trends/${rust.id}`, { token: u.token })).json()) as { detail: { members: Record<string, { externalId: string }[]> } };
    // A row an earlier run (or an earlier clustering) wrote for part of the same story, under another id.
    const fragment = { hackernews: detail.detail.members.hackernews!.slice(0, 3) };
    await env.DB.prepare(
      "insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, related_trends, detail, updated_at) values ('tr_fragment', null, 'Rust GPU driver', '[]', '[\"hackernews\"]', 0.9, 0.9, ?, '[]', ?, ?)",
    )
      .bind(now - 10 * HOUR, JSON.stringify({ items: 3, cohesion: 1, members: fragment, series: { start: '', bucketMs: HOUR, items: [], activity: [] } }), now - HOUR)
      .run();
    expect((await list()).some((t) => t.id === 'tr_fragment')).toBe(true);

    await recompute(now + 15 * 60_000);
    expect((await list()).some((t) => t.id === 'tr_fragment')).toBe(false);
    const read = await call('/v1/trends/tr_fragment', { token: u.token });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { supersededBy: string | null }).supersededBy).toBe(rust.id);
    // The next run finds it absorbed still (and does not need to write that again).
    await recompute(now + 30 * 60_000);
    expect((await list()).some((t) => t.id === 'tr_fragment')).toBe(false);
    expect(((await (await call('/v1/trends/tr_fragment', { token: u.token })).json()) as { supersededBy: string | null }).supersededBy).toBe(rust.id);
  });
});

describe('GET /v1/trends/alerts', () => {
  it('lists fresh alarms with their forecasts, newest first', async () => {
    const now = Date.now();
    await insert(risingStory(now));
    await recompute(now);
    const u = await signup();
    const { alerts } = (await (await call('/v1/trends/alerts', { token: u.token })).json()) as { alerts: { name: string; alarmAt: string; peakAt: string }[] };
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]!.name.toLowerCase()).toContain('rust');
    expect(Date.parse(alerts[0]!.peakAt)).toBeGreaterThanOrEqual(Date.parse(alerts[0]!.alarmAt));
  });
});

describe('topic feeds stay with the workspaces that watch them', () => {
  it('trends from one workspace’s topics reach that workspace only; the general feed reaches everyone', async () => {
    const now = Date.now();
    const a = await signup();
    const b = await signup();
    await call('/v1/workspace/topics', { method: 'PUT', token: a.token, json: { topics: ['Rust kernel drivers'] } });
    // What the cron's search for A's topics brought back, and an unrelated general-feed story.
    await insert(risingStory(now), feedKey(['rust kernel drivers']));
    const general: Observation[] = [];
    for (let k = 0; k < 12; k++) general.push(item(k % 2 ? 'reddit' : 'hackernews', `Passkeys replace passwords ${angles[k]}`, now - (12 - k) * HOUR, 40));
    await insert(general);
    await recompute(now);

    const list = async (token: string) => ((await (await call('/v1/trends', { token })).json()) as TrendList).trends;
    const isRust = (t: Trend) => t.keywords.some((k) => /rust kernel driver/i.test(k));
    const isPasskeys = (t: Trend) => /passkey/i.test(t.name);
    const seenByA = await list(a.token);
    const rust = seenByA.find(isRust);
    expect(rust).toMatchObject({ workspaceId: a.workspace.id });
    expect(seenByA.some(isPasskeys)).toBe(true);

    const seenByB = await list(b.token);
    expect(seenByB.some(isRust)).toBe(false);
    expect(seenByB.some(isPasskeys)).toBe(true);
    expect((await call(`/v1/trends/${rust!.id}`, { token: b.token })).status).toBe(404);
    expect((await call(`/v1/trends/${rust!.id}`, { token: a.token })).status).toBe(200);
    const alerts = async (token: string) => ((await (await call('/v1/trends/alerts', { token })).json()) as { alerts: { trendId: string }[] }).alerts;
    expect((await alerts(a.token)).some((x) => x.trendId === rust!.id)).toBe(true);
    expect((await alerts(b.token)).some((x) => x.trendId === rust!.id)).toBe(false);

    // B starts watching the same topics: the shared feed now gives B its own copy, not A's rows.
    await call('/v1/workspace/topics', { method: 'PUT', token: b.token, json: { topics: ['rust kernel drivers'] } });
    await recompute(now);
    const bRust = (await list(b.token)).find(isRust);
    expect(bRust).toMatchObject({ workspaceId: b.workspace.id });
    expect(bRust!.id).not.toBe(rust!.id);
    expect((await list(a.token)).find(isRust)!.id).toBe(rust!.id);
  });
});
