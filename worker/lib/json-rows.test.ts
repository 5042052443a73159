import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { workspaces } from '../db/schema.ts';
import { jsonChunks } from './json-rows.ts';
import { postRow, upsertPosts } from './models.ts';

describe('rows as JSON parameters', () => {
  it('cuts rows into chunks under the byte limit, each valid JSON, none lost', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i, `row ${i} “quoted” 🚀`, null, 1.5]);
    const chunks = jsonChunks(rows, 10_000);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(new TextEncoder().encode(c).length).toBeLessThanOrEqual(10_000);
    expect(chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(rows);
  });

  it('stores text as binding it directly does, lone surrogates included, so an id stored either way matches', async () => {
    const db = drizzle(env.DB);
    const ws = `ws-${crypto.randomUUID()}`;
    await db.insert(workspaces).values({ id: ws, name: 'Surrogates', createdAt: Date.now() });
    const ids = ['cut-emoji-\uD83D', 'plain', 'ünïcödé 中文 🚀', '{"looks":"like json"}', '123'];
    const post = (id: string) => ({ id, platform: 'x', author: '', text: `text of ${id}`, url: '', publishedAt: '2026-11-01T00:00:00.000Z', likes: 1, comments: null, shares: null, views: null });
    await db.batch(upsertPosts(db, ids.map((id) => postRow(post(id), ws, 'own', Date.now()))) as never);
    for (const id of ids) {
      const found = await env.DB.prepare('select hex(external_id) = hex(?1) as same, hex(text) = hex(?2) as sameText from posts where workspace_id = ?3 and external_id = ?1').bind(id, `text of ${id}`, ws).first();
      expect(found, id).toEqual({ same: 1, sameText: 1 });
    }
  });
});
