import { describe, expect, it } from 'vitest';
import type { ModelsResponse, OwnAccount, OwnPostsRequest, OwnPostsResponse } from '../../shared/contracts/api.ts';
import { call, runJob, signup } from '../test/helpers.ts';

const DAY = 86_400_000;
/** A visit's posts as the extension reads them from the profile page. */
const visitPosts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `li-${from + i}`,
    text: i % 3 === 0 ? `What would you automate first? Post ${from + i}` : `Release notes for week ${from + i}`,
    url: `https://www.linkedin.com/feed/update/urn:li:activity:${1000 + from + i}/`,
    publishedAt: new Date(Date.UTC(2026, 8, 1) + (from + i) * DAY).toISOString(),
    likes: i % 3 === 0 ? 200 + i : 20 + (i % 7),
    comments: i % 5,
    shares: 1,
    views: null,
  }));

async function train(workspaceId: string, platform: string) {
  expect((await runJob({ type: 'train-model', workspaceId, platform })).retryMessages).toEqual([]);
}

describe('/v1/accounts: the workspace’s own accounts and the posts their profile visits deliver', () => {
  it('claims an account, stores a visit’s posts as its own history (updating them on the next visit), and trains on them', async () => {
    const u = await signup();
    const claimed = await call('/v1/accounts/linkedin', { method: 'PUT', token: u.token, json: { handle: '@Sightline-Demo', name: 'Sightline Demo', url: 'https://www.linkedin.com/company/sightline-demo/' } });
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({ platform: 'linkedin', handle: 'sightline-demo', name: 'Sightline Demo' } satisfies Partial<OwnAccount>);
    expect(((await (await call('/v1/accounts', { token: u.token })).json()) as { accounts: OwnAccount[] }).accounts.map((a) => a.handle)).toEqual(['sightline-demo']);

    const deliver = (posts: OwnPostsRequest['posts']) => call('/v1/accounts/linkedin/posts', { method: 'POST', token: u.token, json: { handle: 'sightline-demo', capturedAt: new Date().toISOString(), posts } });
    const first = await deliver(visitPosts(40));
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ stored: 40, training: true } satisfies OwnPostsResponse);
    // The next visit sees the same posts with new counts: updated, not duplicated.
    await deliver(visitPosts(40).map((p) => ({ ...p, likes: p.likes + 5 })));
    const own = (await (await call('/v1/posts?kind=own&platform=linkedin&limit=500', { token: u.token })).json()) as { posts: { externalId?: string; likes: number; author: string }[] };
    expect(own.posts).toHaveLength(40);
    expect(own.posts.every((p) => p.author === 'sightline-demo')).toBe(true);
    expect(Math.min(...own.posts.map((p) => p.likes))).toBeGreaterThanOrEqual(25);
    // A thinner look at the same posts (counts the page did not show, text and link not read)
    // keeps what was stored; the one count it did read still moves.
    await deliver(visitPosts(40).map((p) => ({ ...p, text: '', url: null, likes: null, comments: p.comments + 1, shares: null })));
    type Stored = { id: string; text: string; url: string; likes: number; comments: number; shares: number };
    const kept = ((await (await call('/v1/posts?kind=own&platform=linkedin&limit=500', { token: u.token })).json()) as { posts: Stored[] }).posts;
    const byId = new Map(kept.map((p) => [p.id, p]));
    for (const p of visitPosts(40)) {
      expect(byId.get(p.externalId)).toMatchObject({ text: p.text, url: p.url, likes: p.likes + 5, comments: p.comments + 1, shares: 1 });
    }

    await train(u.workspace.id, 'linkedin');
    const models = (await (await call('/v1/models', { token: u.token })).json()) as ModelsResponse;
    expect(models.platforms.find((p) => p.platform === 'linkedin')).toMatchObject({ ownPosts: 40, answering: 'general-model', general: { trainedOn: 40 } });
    // Trained a moment ago: another visit does not queue another training.
    expect(await (await deliver(visitPosts(2, 40))).json()).toEqual({ stored: 2, training: false });
  });

  it('a thin history queues no training on every visit: only once it holds enough posts to train on', async () => {
    const u = await signup();
    await call('/v1/accounts/linkedin', { method: 'PUT', token: u.token, json: { handle: 'thin' } });
    const deliver = (posts: OwnPostsRequest['posts']) => call('/v1/accounts/linkedin/posts', { method: 'POST', token: u.token, json: { handle: 'thin', capturedAt: new Date().toISOString(), posts } });
    expect(await (await deliver(visitPosts(5))).json()).toEqual({ stored: 5, training: false });
    expect(await (await deliver(visitPosts(5))).json()).toEqual({ stored: 5, training: false });
    expect(await (await deliver(visitPosts(30, 5))).json()).toEqual({ stored: 30, training: true });
  });

  it('refuses posts for an account that is not the claimed one, or with none claimed, and keeps each workspace’s to itself', async () => {
    const u = await signup();
    const other = await signup();
    const body = { handle: 'someone-else', capturedAt: new Date().toISOString(), posts: visitPosts(3) };
    const none = await call('/v1/accounts/linkedin/posts', { method: 'POST', token: u.token, json: body });
    expect(none.status).toBe(409);
    expect(await none.json()).toMatchObject({ code: 'conflict', message: "no linkedin account is claimed as this workspace's own: claim it on its profile page first" });
    await call('/v1/accounts/linkedin', { method: 'PUT', token: u.token, json: { handle: 'mine' } });
    const wrong = await call('/v1/accounts/linkedin/posts', { method: 'POST', token: u.token, json: body });
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toMatchObject({ message: "@someone-else is not this workspace's linkedin account (@mine)" });
    expect(((await (await call('/v1/accounts', { token: other.token })).json()) as { accounts: unknown[] }).accounts).toEqual([]);
    expect((await call('/v1/accounts/linkedin/posts', { method: 'POST', token: other.token, json: { ...body, handle: 'mine' } })).status).toBe(409);
  });

  it('claiming the same account again keeps the name and link a page did not show; another account replaces them', async () => {
    const u = await signup();
    const put = async (json: object) => (await (await call('/v1/accounts/x', { method: 'PUT', token: u.token, json })).json()) as OwnAccount;
    await put({ handle: 'me', name: 'Me Inc', url: 'https://x.com/me' });
    expect(await put({ handle: '@Me' })).toMatchObject({ handle: 'me', name: 'Me Inc', url: 'https://x.com/me' });
    expect(await put({ handle: 'me', name: 'Me, renamed' })).toMatchObject({ name: 'Me, renamed', url: 'https://x.com/me' });
    expect(await put({ handle: 'other' })).toMatchObject({ handle: 'other', name: null, url: null });
  });

  it('validates input with field errors, and releasing a claim keeps the posts it delivered', async () => {
    const u = await signup();
    const bad = await call('/v1/accounts/myspace', { method: 'PUT', token: u.token, json: { handle: 'x' } });
    expect(bad.status).toBe(400);
    expect((await call('/v1/accounts/x', { method: 'PUT', token: u.token, json: { handle: '' } })).status).toBe(400);
    await call('/v1/accounts/x', { method: 'PUT', token: u.token, json: { handle: 'me' } });
    const noDate = await call('/v1/accounts/x/posts', { method: 'POST', token: u.token, json: { handle: 'me', capturedAt: 'yesterday', posts: visitPosts(1) } });
    expect(noDate.status).toBe(400);
    expect(await noDate.json()).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/capturedAt/) });
    expect((await call('/v1/accounts/x/posts', { method: 'POST', token: u.token, json: { handle: 'me', capturedAt: new Date().toISOString(), posts: visitPosts(2) } })).status).toBe(201);
    expect((await call('/v1/accounts/x', { method: 'DELETE', token: u.token })).status).toBe(204);
    expect((await call('/v1/accounts/x', { method: 'DELETE', token: u.token })).status).toBe(404);
    const kept = (await (await call('/v1/posts?kind=own&platform=x', { token: u.token })).json()) as { posts: unknown[] };
    expect(kept.posts).toHaveLength(2);
  });
});
