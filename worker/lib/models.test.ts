import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { formatPostsCsv } from '../../shared/posts/canonical.ts';
import { syntheticPosts } from '../../shared/predict/synthetic.ts';
import { call, signup } from '../test/helpers.ts';
import { accountLogLifts, loadPosts } from './models.ts';

describe('loadPosts', () => {
  it('keeps the newest posts when the history is longer than the limit, oldest first', async () => {
    const u = await signup();
    const history = syntheticPosts(40, 3, 'x');
    const res = await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history) } });
    expect(res.status).toBe(201);
    const db = drizzle(env.DB);
    const newest = [...history].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt)).slice(-5);
    const loaded = await loadPosts(db, u.workspace.id, 'x', 'own', 5);
    expect(loaded.map((p) => p.id)).toEqual(newest.map((p) => p.id));
  });
});

describe('accountLogLifts', () => {
  it('gives every calendar platform its account’s lifts (YouTube formats share YouTube’s)', async () => {
    const u = await signup();
    const db = drizzle(env.DB);
    const lifts = await accountLogLifts(db, u.workspace.id, ['x', 'youtube-shorts', 'youtube-description'], 'UTC');
    expect(Object.keys(lifts).sort()).toEqual(['x', 'youtube-description', 'youtube-shorts']);
    expect(lifts['youtube-shorts']).toEqual(lifts['youtube-description']);
    expect(lifts.x).toHaveLength(168);
    expect(lifts.x).not.toEqual(lifts['youtube-shorts']);
  });
});
