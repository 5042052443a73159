import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getPlatformProxy } from 'wrangler';
import type { D1Database } from '@cloudflare/workers-types';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemo, replayAsOf, sameTopic } from './demo-load.ts';
import { root } from './wrangler.ts';

describe('demo:load', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sightline-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs recorded source responses through the real clients, ingestion and trend pipeline, idempotently', async () => {
    const first = await loadDemo({ persistTo: dir });
    expect(first.observations).toBeGreaterThan(20);
    expect(first.computedTrends).toBeGreaterThan(3);
    const again = await loadDemo({ persistTo: dir });
    expect(again).toEqual(first);

    const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: path.join(root, 'wrangler.toml'), persist: { path: path.join(dir, 'v3') } });
    try {
      const obs = await proxy.env.DB.prepare('select count(*) as n from observations').first<{ n: number }>();
      expect(obs?.n).toBe(first.observations);
      const multi = await proxy.env.DB.prepare("select name from trends where id like 'tr_%' and json_array_length(source_platforms) >= 3").all<{ name: string }>();
      expect(multi.results.map((r) => r.name.toLowerCase())).toEqual(expect.arrayContaining(['ai agents', 'passkeys']));
      // No topic is listed twice, under the same name or a more specific one (a sample the pipeline also found is left out).
      const names = (await proxy.env.DB.prepare('select name from trends').all<{ name: string }>()).results.map((r) => r.name);
      expect(names.flatMap((a, i) => names.slice(i + 1).filter((b) => sameTopic(a, b)).map((b) => [a, b]))).toEqual([]);
    } finally {
      await proxy.dispose();
    }
  }, 60_000);

  it('treats one name inside the other, word for word, as the same topic', () => {
    expect(sameTopic('work week', 'Four-day work week')).toBe(true);
    expect(sameTopic('Small language models', 'language model')).toBe(true);
    expect(sameTopic('AI agents', 'ai agents')).toBe(true);
    expect(sameTopic('Rust', 'Trust and safety')).toBe(false);
    expect(sameTopic('work week', 'week of work')).toBe(false);
  });

  it('replays recorded items as if fetched now, keeping their spacing', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const base = { source: 'hackernews' as const, title: 't', text: null, url: null, score: 1, comments: 1, observedAt: 0 };
    const out = replayAsOf([{ ...base, externalId: 'a', createdAt: 1000 }, { ...base, externalId: 'b', createdAt: 1000 + 3600_000 }], now);
    expect(out[1]!.createdAt).toBe(now - 20 * 60_000);
    expect(out[1]!.createdAt - out[0]!.createdAt).toBe(3600_000);
    expect(out.every((o) => o.observedAt === now)).toBe(true);
  });

  it('reads the recording’s clock from recorded items, not from items stamped at fetch time', () => {
    const now = Date.parse('2026-12-01T23:00:00Z');
    const fetchedAt = Date.parse('2026-12-01T22:59:00Z');
    const base = { source: 'hackernews' as const, title: 't', text: null, url: null, score: 1, comments: 1 };
    const recordedAt = Date.parse('2026-11-24T08:22:40Z');
    const out = replayAsOf(
      [
        { ...base, externalId: 'story', createdAt: recordedAt, observedAt: fetchedAt },
        { ...base, source: 'github', externalId: 'trending/repo', createdAt: fetchedAt, observedAt: fetchedAt },
      ],
      now,
    );
    // The recorded story is 20 minutes old however late in the day the demo starts.
    expect(out[0]!.createdAt).toBe(now - 20 * 60_000);
    expect(out[1]!.createdAt).toBe(now);
  });
});
