import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { beforeEach, describe, expect, it } from 'vitest';
import { correlate } from '../../shared/trends/correlate.ts';
import type { Observation } from '../../shared/trends/types.ts';
import { recomputeTrends } from '../lib/trend-pipeline.ts';
import { withD1Limits } from '../test/d1-limits.ts';
import { storeObservations } from './ingest.ts';

const HOUR = 3600_000;
const t0 = Date.parse('2026-11-20T00:00:00Z');
const db = () => drizzle(withD1Limits(env.DB).db);

const sighting = (externalId: string, observedAt: number, score: number, extra: Partial<Observation> = {}): Observation => ({
  source: 'hackernews',
  externalId,
  title: `Story ${externalId}`,
  text: null,
  url: null,
  score,
  comments: Math.floor(score / 4),
  createdAt: t0,
  observedAt,
  ...extra,
});

const rows = async (externalId?: string) =>
  (
    await env.DB.prepare(`select external_id, feed, score, comments, title, observed_at from observations ${externalId ? 'where external_id = ?' : ''} order by external_id, feed, observed_at`)
      .bind(...(externalId ? [externalId] : []))
      .all<{ external_id: string; feed: string; score: number; comments: number; title: string; observed_at: number }>()
  ).results;

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('delete from observations'), env.DB.prepare('delete from trends'), env.DB.prepare('delete from trend_predictions')]);
});

describe('storing sightings', () => {
  it('keeps one row per item and hour: the hour’s latest sighting', async () => {
    for (const [minute, score] of [[0, 10], [15, 14], [30, 19], [45, 25]] as const) {
      expect(await storeObservations(db(), [sighting('a', t0 + minute * 60_000, score)])).toBe(1);
    }
    expect(await rows('a')).toEqual([{ external_id: 'a', feed: '', score: 25, comments: 6, title: 'Story a', observed_at: t0 + 45 * 60_000 }]);
  });

  it('adds nothing for a sighting that matches the item’s latest row, and a row for one that moved', async () => {
    await storeObservations(db(), [sighting('a', t0, 10)]);
    expect(await storeObservations(db(), [sighting('a', t0 + HOUR, 10)])).toBe(0);
    expect(await storeObservations(db(), [sighting('a', t0 + 2 * HOUR, 10)])).toBe(0);
    expect(await storeObservations(db(), [sighting('a', t0 + 3 * HOUR, 12)])).toBe(1);
    // A new title (an edit upstream) is a change too, even with the same counts.
    expect(await storeObservations(db(), [sighting('a', t0 + 4 * HOUR, 12, { title: 'Story a (2025)' })])).toBe(1);
    expect((await rows('a')).map((r) => [r.observed_at - t0, r.score, r.title])).toEqual([
      [0, 10, 'Story a'],
      [3 * HOUR, 12, 'Story a'],
      [4 * HOUR, 12, 'Story a (2025)'],
    ]);
  });

  it('stores a pull of 3,000 items in a few statements (D1 counts each toward its 1,000 queries per invocation), twice over', async () => {
    const pull = (at: number, score: number) => Array.from({ length: 3000 }, (_, i) => sighting(`big-${i}`, at, score + (i % 7), { title: `Story ${i} “quoted” 🚀 and 'single' \\ back` }));
    const counted = withD1Limits(env.DB);
    expect(await storeObservations(drizzle(counted.db), pull(t0, 10))).toBe(3000);
    // One lookup of the latest rows, one insert.
    expect(counted.prepared()).toBeLessThanOrEqual(2);
    // An hour later half moved: the lookup finds all 3,000, and only the moved are written.
    const later = pull(t0 + HOUR, 10).map((o, i) => (i % 2 ? o : { ...o, score: (o.score ?? 0) + 1 }));
    expect(await storeObservations(drizzle(counted.db), later)).toBe(1500);
    expect(counted.prepared()).toBeLessThanOrEqual(4);
    const stored = await env.DB.prepare("select count(*) as n, max(title) as t from observations where external_id like 'big-%'").first<{ n: number; t: string }>();
    expect(stored).toEqual({ n: 4500, t: `Story 999 “quoted” 🚀 and 'single' \\ back` });
  });

  it('is idempotent under redelivery: an older sighting never overwrites a newer one, and fills only an empty hour', async () => {
    await storeObservations(db(), [sighting('a', t0 + 30 * 60_000, 20)]);
    // The same job again, and an earlier job of the same hour arriving late.
    expect(await storeObservations(db(), [sighting('a', t0 + 30 * 60_000, 20)])).toBe(0);
    expect(await storeObservations(db(), [sighting('a', t0 + 15 * 60_000, 15)])).toBe(0);
    // A late job from an hour nothing was stored for fills it.
    expect(await storeObservations(db(), [sighting('a', t0 - 30 * 60_000, 5)])).toBe(1);
    expect((await rows('a')).map((r) => [r.observed_at - t0, r.score])).toEqual([
      [-30 * 60_000, 5],
      [30 * 60_000, 20],
    ]);
  });

  it('keeps feeds apart: the same item in a topic feed has rows of its own', async () => {
    await storeObservations(db(), [sighting('a', t0, 10)]);
    expect(await storeObservations(db(), [sighting('a', t0 + 10 * 60_000, 10)], '["rust"]')).toBe(1);
    expect((await rows('a')).map((r) => [r.feed, r.observed_at - t0])).toEqual([
      ['', 0],
      ['["rust"]', 10 * 60_000],
    ]);
  });

  it('several sightings of an item in one call: unchanged ones dropped, one row per hour', async () => {
    const written = await storeObservations(db(), [
      sighting('a', t0 + 2 * HOUR, 30),
      sighting('a', t0, 10),
      sighting('a', t0 + HOUR, 10),
      sighting('a', t0 + HOUR + 20 * 60_000, 18),
      sighting('a', t0 + HOUR + 40 * 60_000, 18),
    ]);
    expect(written).toBe(3);
    expect((await rows('a')).map((r) => [r.observed_at - t0, r.score])).toEqual([
      [0, 10],
      [HOUR + 20 * 60_000, 18],
      [2 * HOUR, 30],
    ]);
  });
});

describe('a busy feed over the whole trend window', () => {
  // 40 items seen every 15 minutes for 72 h, their counts moving at every pull.
  const ITEMS = 40;
  const now = t0 + 72 * HOUR;
  function pull(at: number): Observation[] {
    return Array.from({ length: ITEMS }, (_, i) => {
      const age = (at - (t0 - i * HOUR)) / HOUR;
      return sighting(`s${i}`, at, Math.round(age * (i % 5 === 0 ? 9 : 2)), {
        title: i % 5 === 0 ? `Rust kernel drivers news ${i}` : `Unrelated story number ${i} about gardening`,
        createdAt: t0 - i * HOUR,
      });
    });
  }
  const pulls = Array.from({ length: 72 * 4 }, (_, k) => t0 + k * 15 * 60_000 + 60_000);

  it('stays within items × hours, so a recompute reads all 72 h instead of the newest few', async () => {
    for (const at of pulls) await storeObservations(db(), pull(at));
    const stored = (await rows()).length;
    const sightings = pulls.length * ITEMS;
    console.log(`busy feed: ${sightings} sightings over 72 h stored as ${stored} rows (${(sightings / stored).toFixed(1)}× fewer)`);
    expect(stored).toBe(ITEMS * 72);

    // A cap between the two: every sighting kept would hold only the newest ~18 h.
    const cap = 3000;
    const summary = await recomputeTrends(drizzle(env.DB), now, { maxObservations: cap });
    expect(summary.truncated).toBe(false);
    expect(summary.observations).toBe(ITEMS * 72);
    const cut = await recomputeTrends(drizzle(env.DB), now, { maxObservations: ITEMS * 72 - 1 });
    expect(cut.truncated).toBe(true);
  });

  it('gives the trend the same hourly activity as keeping every sighting', async () => {
    const all = pulls.flatMap(pull);
    for (const at of pulls) await storeObservations(db(), pull(at));
    const stored: Observation[] = (await env.DB.prepare('select * from observations').all<Record<string, unknown>>()).results.map((r) => ({
      source: 'hackernews',
      externalId: String(r.external_id),
      title: String(r.title),
      text: null,
      url: null,
      score: Number(r.score),
      comments: Number(r.comments),
      createdAt: Number(r.created_at),
      observedAt: Number(r.observed_at),
    }));
    const rustOf = (obs: Observation[]) => correlate(obs, { now }).find((t) => /kernel drivers/i.test(t.name))!;
    const full = rustOf(all);
    const compact = rustOf(stored);
    expect(full.items).toBe(ITEMS / 5);
    expect(compact.memberIds).toEqual(full.memberIds);
    // Growth within an hour telescopes into that hour, so the series agree hour by hour. Only
    // the first hour differs: what an item gathered before it was first seen is spread over
    // its earlier hours, and the first row now holds the hour's last sighting, not its first.
    const { start, bucketMs } = full.series;
    expect(compact.series.start).toBe(start);
    expect(compact.series.activity.length).toBe(full.series.activity.length);
    const later = (a: number[]) => a.filter((_, i) => start + i * bucketMs > t0);
    expect(later(compact.series.activity).length).toBeGreaterThan(60);
    expect(later(full.series.activity).reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
    later(compact.series.activity).forEach((v, i) => expect(v).toBeCloseTo(later(full.series.activity)[i]!, 6));
  });

  it('an item that stood still across the window’s start keeps its later jump in the hour it happened', async () => {
    // Three old stories, quiet for days, each jumping from 200 to 800 points three hours ago.
    const now = t0 + 100 * HOUR;
    const angles = ['merged upstream', 'benchmarks against C', 'explained by maintainers'];
    const pullAt = (at: number) =>
      angles.map((angle, i) => sighting(`q${i}`, at, at < now - 3 * HOUR ? 200 : 800, { title: `Rust kernel drivers ${angle}`, createdAt: t0 - 100 * HOUR }));
    const pulls = Array.from({ length: 100 * 4 }, (_, k) => t0 + k * 15 * 60_000 + 60_000);
    for (const at of pulls) await storeObservations(db(), pullAt(at));
    await recomputeTrends(drizzle(env.DB), now);

    // What the recompute saw when every sighting was kept: the window's rows, the quiet level at its start.
    const windowed = pulls.flatMap(pullAt).filter((o) => o.observedAt >= now - 72 * HOUR);
    const reference = correlate(windowed, { now }).find((t) => /kernel drivers/i.test(t.name))!;
    expect(reference.velocity).toBeGreaterThan(0.3);
    const stored = (await env.DB.prepare('select name, velocity_score from trends where workspace_id is null').all<{ name: string; velocity_score: number }>()).results.find((t) =>
      /kernel drivers/i.test(t.name),
    )!;
    expect(stored.velocity_score).toBeCloseTo(reference.velocity, 6);
    // A heartbeat a day, not a row per pull, for the days nothing moved.
    expect((await rows('q0')).length).toBeLessThan(10);
  });
});

