import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Competitor, CompetitorDetail } from '../../shared/contracts/api.ts';
import { withD1Limits } from '../test/d1-limits.ts';
import { call, signup } from '../test/helpers.ts';

const DAY = 86_400_000;

async function track(token: string, body: Record<string, unknown> = { platform: 'x', handle: '@AcmeCorp', name: 'Acme' }) {
  return call('/v1/competitors', { method: 'POST', token, json: body });
}

describe('/v1/competitors', () => {
  it('tracks an account once, normalising the handle, and finds it by platform + handle', async () => {
    const u = await signup();
    const first = await track(u.token);
    expect(first.status).toBe(201);
    const c = (await first.json()) as Competitor;
    expect(c).toMatchObject({ platform: 'x', handle: 'acmecorp', name: 'Acme', lastSnapshotAt: null });
    const capturedAt = new Date(Date.now() - DAY).toISOString();
    await call(`/v1/competitors/${c.id}/snapshots`, { method: 'POST', token: u.token, json: { capturedAt, followers: 5 } });
    const again = await track(u.token, { platform: 'x', handle: 'acmecorp' });
    expect(again.status).toBe(200);
    // The account as stored, its latest visit included.
    expect(await again.json()).toMatchObject({ id: c.id, name: 'Acme', lastSnapshotAt: capturedAt });

    const found = (await (await call('/v1/competitors?platform=x&handle=@ACMECORP', { token: u.token })).json()) as { competitors: Competitor[] };
    expect(found.competitors.map((x) => x.id)).toEqual([c.id]);
    const none = (await (await call('/v1/competitors?platform=linkedin&handle=acmecorp', { token: u.token })).json()) as { competitors: Competitor[] };
    expect(none.competitors).toEqual([]);
  });

  it('stores snapshots idempotently and reports growth, cadence and best posts', async () => {
    const u = await signup();
    const c = (await (await track(u.token)).json()) as Competitor;
    const now = Date.now();
    const snap = (daysAgo: number, followers: number, key: string, posts: unknown[] = []) =>
      call(`/v1/competitors/${c.id}/snapshots`, {
        method: 'POST',
        token: u.token,
        headers: { 'idempotency-key': key },
        json: { capturedAt: new Date(now - daysAgo * DAY).toISOString(), followers, following: 10, metrics: { bookmarks: null }, posts },
      });
    const post = (id: string, daysAgo: number, likes: number) => ({ externalId: id, text: `post ${id}`, url: `https://x.com/acmecorp/status/${id}`, publishedAt: new Date(now - daysAgo * DAY).toISOString(), likes, comments: 1, shares: 0, views: 1000 });

    expect((await snap(14, 10_000, 'k1', [post('1', 20, 50), post('2', 13, 80)])).status).toBe(201);
    // The outbox retrying the same write changes nothing.
    expect((await snap(14, 10_000, 'k1', [post('1', 20, 50), post('2', 13, 80)])).headers.get('idempotent-replayed')).toBe('true');
    // A later visit sees post 2 again with more likes, and a new post.
    expect((await snap(0, 12_100, 'k2', [post('2', 13, 120), post('3', 1, 400)])).status).toBe(201);

    const d = (await (await call(`/v1/competitors/${c.id}`, { token: u.token })).json()) as CompetitorDetail;
    expect(d.snapshots.map((s) => s.followers)).toEqual([10_000, 12_100]);
    expect(d.growth.followers).toBe(12_100);
    expect(d.growth.followersPerDay).toBeCloseTo(150, 3);
    expect(d.growth.pctPerWeek).toBeCloseTo(10, 3);
    expect(d.growth.bestRecentPosts.map((p) => [p.id, p.engagement])).toEqual([
      ['3', 401],
      ['2', 121],
      ['1', 51],
    ]);
    const stored = await env.DB.prepare("select count(*) as n from posts where kind = 'competitor' and workspace_id = ?").bind(u.workspace.id).first<{ n: number }>();
    expect(stored?.n).toBe(3);
  });

  it('keeps competitors private to their workspace', async () => {
    const a = await signup();
    const b = await signup();
    const c = (await (await track(b.token)).json()) as Competitor;
    expect((await call(`/v1/competitors/${c.id}`, { token: a.token })).status).toBe(404);
    const write = await call(`/v1/competitors/${c.id}/snapshots`, { method: 'POST', token: a.token, json: { capturedAt: new Date().toISOString(), followers: 1 } });
    expect(write.status).toBe(404);
    expect((await call(`/v1/competitors/${c.id}`, { method: 'DELETE', token: a.token })).status).toBe(404);
    expect(((await (await call('/v1/competitors', { token: a.token })).json()) as { competitors: unknown[] }).competitors).toEqual([]);
  });

  it('rejects bad snapshots with field errors and keeps what was stored', async () => {
    const u = await signup();
    const c = (await (await track(u.token)).json()) as Competitor;
    await call(`/v1/competitors/${c.id}/snapshots`, { method: 'POST', token: u.token, json: { capturedAt: new Date().toISOString(), followers: 5 } });
    const bad = await call(`/v1/competitors/${c.id}/snapshots`, { method: 'POST', token: u.token, json: { capturedAt: 'yesterday', followers: -3 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['capturedAt', 'followers']);
    // A post link is rendered as a link: a script URL is refused, not stored.
    const script = await call(`/v1/competitors/${c.id}/snapshots`, {
      method: 'POST',
      token: u.token,
      json: { capturedAt: new Date().toISOString(), posts: [{ externalId: '9', text: 'x', url: 'javascript:alert(1)', publishedAt: new Date().toISOString() }] },
    });
    expect(script.status).toBe(400);
    expect(((await script.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['posts.0.url']);
    const d = (await (await call(`/v1/competitors/${c.id}`, { token: u.token })).json()) as CompetitorDetail;
    expect(d.snapshots).toHaveLength(1);
  });

  it('untracking removes the account and its snapshots', async () => {
    const u = await signup();
    const c = (await (await track(u.token)).json()) as Competitor;
    await call(`/v1/competitors/${c.id}/snapshots`, { method: 'POST', token: u.token, json: { capturedAt: new Date().toISOString(), followers: 5 } });
    expect((await call(`/v1/competitors/${c.id}`, { method: 'DELETE', token: u.token })).status).toBe(204);
    const left = await env.DB.prepare('select count(*) as n from competitor_snapshots where competitor_id = ?').bind(c.id).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe('/v1/competitors at scale', () => {
  it('lists 120 tracked accounts in full with their latest snapshot, within D1’s 100-parameter limit', async () => {
    const u = await signup();
    const other = await signup();
    const base = Date.parse('2026-11-01T00:00:00Z');
    const ids = Array.from({ length: 120 }, (_, i) => `cmp-${u.workspace.id}-${i}`);
    const statements = ids.flatMap((id, i) => {
      const rows = [env.DB.prepare("insert into competitors (id, workspace_id, platform, handle, created_at) values (?, ?, 'x', ?, ?)").bind(id, u.workspace.id, `h${String(i).padStart(3, '0')}`, base)];
      // Every third account was never visited: its lastSnapshotAt stays null.
      if (i % 3 === 0) return rows;
      const snap = (at: number, workspaceId = u.workspace.id) =>
        env.DB.prepare("insert into competitor_snapshots (id, workspace_id, competitor_id, captured_at, metrics) values (?, ?, ?, ?, '{}')").bind(crypto.randomUUID(), workspaceId, id, at);
      // Newest written first, so the answer cannot come from insertion order; another
      // workspace's later row for the same id must not count.
      return [...rows, snap(base + i * 60_000), snap(base + i * 60_000 - 3_600_000), snap(base + 999 * DAY, other.workspace.id)];
    });
    for (let i = 0; i < statements.length; i += 50) await env.DB.batch(statements.slice(i, i + 50));

    const limited = withD1Limits(env.DB);
    const res = await call('/v1/competitors', { token: u.token }, { ...env, DB: limited.db });
    expect(limited.violations).toEqual([]);
    expect(res.status).toBe(200);
    const { competitors } = (await res.json()) as { competitors: Competitor[] };
    expect(competitors.map((c) => c.id)).toEqual(ids);
    expect(competitors.map((c) => c.lastSnapshotAt)).toEqual(ids.map((_, i) => (i % 3 === 0 ? null : new Date(base + i * 60_000).toISOString())));
    expect(competitors[1]).toEqual({ id: ids[1], platform: 'x', handle: 'h001', name: null, url: null, createdAt: new Date(base).toISOString(), lastSnapshotAt: new Date(base + 60_000).toISOString() });
  });
});
