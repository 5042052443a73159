import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { competitorGrowth } from '../../shared/competitors/growth.ts';
import { createApi } from './api.ts';
import { createHandlers } from './background-handlers.ts';
import { openDb, type SightlineDb } from './db.ts';
import { createOutbox } from './outbox.ts';
import { createReminders } from './publish/reminders.ts';
import type { Connection } from './settings.ts';

/** The competitor and best-times routes the background calls, in memory. */
class CompetitorWorker {
  up = true;
  readonly competitors: { id: string; platform: string; handle: string; name: string | null }[] = [];
  readonly snapshots: { competitorId: string; key: string | null; body: ReturnType<typeof snapshot> }[] = [];
  readonly requests: string[] = [];
  ownPosts = 0;
  readonly accounts: { platform: string; handle: string; name: string | null }[] = [];
  readonly ownVisits: { platform: string; key: string | null; body: { handle: string; posts: unknown[] } }[] = [];
  /** Refuse own-post saves with this answer (a validation failure, say). */
  ownPostsRefusal: { status: number; body: unknown } | null = null;

  readonly fetch: typeof fetch = async (input, init) => {
    if (!this.up) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const req = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(req.url);
    const method = req.method;
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'GET' && url.pathname === '/v1/competitors') {
      // Shaped as worker/routes/competitors.ts: both filters optional; none lists the workspace's every tracked account.
      const platform = url.searchParams.get('platform');
      const handle = url.searchParams.get('handle')?.replace(/^@/, '').toLowerCase();
      const listed = this.competitors.filter((c) => (!platform || c.platform === platform) && (!handle || c.handle === handle));
      return json({
        competitors: listed.map((c) => ({ ...c, url: null, createdAt: new Date(0).toISOString(), lastSnapshotAt: this.snapshots.filter((x) => x.competitorId === c.id).at(-1)?.body.capturedAt ?? null })),
      });
    }
    if (method === 'POST' && url.pathname === '/v1/competitors') {
      const body = (await req.json()) as { platform: string; handle: string; name: string | null };
      const c = { id: `c${this.competitors.length + 1}`, ...body, handle: body.handle.toLowerCase() };
      this.competitors.push(c);
      return json({ ...c, url: null, createdAt: new Date(0).toISOString(), lastSnapshotAt: null }, 201);
    }
    const snap = /^\/v1\/competitors\/([^/]+)\/snapshots$/.exec(url.pathname);
    if (method === 'POST' && snap) {
      if (!this.competitors.some((c) => c.id === snap[1])) return json({ code: 'not_found', message: 'competitor not found' }, 404);
      const key = req.headers.get('idempotency-key');
      if (!this.snapshots.some((s) => s.key === key)) this.snapshots.push({ competitorId: snap[1]!, key, body: (await req.json()) as never });
      return json({ ok: true }, 201);
    }
    const one = /^\/v1\/competitors\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && one) {
      // Shaped as the worker's GET /v1/competitors/:id (worker/routes/competitors.ts).
      const c = this.competitors.find((x) => x.id === one[1]);
      if (!c) return json({ code: 'not_found', message: 'no such competitor' }, 404);
      const snaps = this.snapshots.filter((x) => x.competitorId === c.id).map((x) => x.body);
      const posts = new Map(snaps.flatMap((b) => b.posts).map((p) => [p.externalId, { id: p.externalId, text: p.text, url: p.url, publishedAt: Date.parse(p.publishedAt), likes: p.likes, comments: p.comments, shares: p.shares, views: p.views }]));
      const g = competitorGrowth(snaps.map((b) => ({ capturedAt: Date.parse(b.capturedAt), followers: b.followers })), [...posts.values()], now);
      return json({
        ...c,
        url: null,
        createdAt: new Date(0).toISOString(),
        lastSnapshotAt: snaps.at(-1)?.capturedAt ?? null,
        snapshots: snaps.map((b) => ({ capturedAt: b.capturedAt, followers: b.followers, following: b.following, metrics: b.metrics })),
        growth: { ...g, bestRecentPosts: g.bestRecentPosts.map((p) => ({ id: p.id, text: p.text, url: p.url, publishedAt: new Date(p.publishedAt).toISOString(), engagement: p.engagement })) },
      });
    }
    // Shaped as worker/routes/accounts.ts.
    if (method === 'GET' && url.pathname === '/v1/accounts') return json({ accounts: this.accounts.map((a) => ({ ...a, url: null, createdAt: new Date(0).toISOString() })) });
    const account = /^\/v1\/accounts\/([^/]+)$/.exec(url.pathname);
    if (method === 'PUT' && account) {
      const body = (await req.json()) as { handle: string; name: string | null };
      const a = { platform: account[1]!, handle: body.handle.toLowerCase(), name: body.name };
      this.accounts.splice(0, this.accounts.length, ...this.accounts.filter((x) => x.platform !== a.platform), a);
      return json({ ...a, url: null, createdAt: new Date(0).toISOString() });
    }
    const own = /^\/v1\/accounts\/([^/]+)\/posts$/.exec(url.pathname);
    if (method === 'POST' && own) {
      if (this.ownPostsRefusal) return json(this.ownPostsRefusal.body, this.ownPostsRefusal.status);
      const body = (await req.json()) as { handle: string; posts: unknown[] };
      if (!this.accounts.some((a) => a.platform === own[1] && a.handle === body.handle)) return json({ code: 'conflict', message: 'not your account' }, 409);
      const key = req.headers.get('idempotency-key');
      if (!this.ownVisits.some((v) => v.key === key)) this.ownVisits.push({ platform: own[1]!, key, body });
      return json({ stored: body.posts.length, training: true }, 201);
    }
    if (method === 'GET' && url.pathname === '/v1/best-times') {
      return json({ usingDefaults: this.ownPosts < 20, message: 'm', slots: [{ label: 'Tue 14:00', next: '2026-12-01T14:00:00.000Z', expectedLift: 0.1, confidence: 0.6 }] });
    }
    return json({ code: 'not_found', message: 'no route' }, 404);
  };
}

const sender = {} as Browser.runtime.MessageSender;
const ref = { platform: 'x' as const, handle: 'Rival' };
let db: SightlineDb;
let server: CompetitorWorker;
let conn: Connection;
let now = Date.parse('2026-11-20T12:00:00Z');

function handlers() {
  const getConnection = async () => conn;
  const api = createApi({ db, getConnection, fetch: server.fetch, now: () => now });
  const outbox = createOutbox({ db, send: (e) => api.sendWrite(e), now: () => now });
  const reminders = createReminders({ api, outbox, db, isPaired: async () => conn.token !== null, notify: async () => undefined, openTab: async () => 1 });
  return createHandlers({ api, outbox, db, reminders, getConnection, setConnection: async (c) => void (conn = c), deviceLabel: 'test' });
}

const snapshot = (followers: number, at: string) => ({
  capturedAt: at,
  followers,
  following: 10,
  metrics: {},
  posts: [
    { externalId: '1', text: 'a', url: 'https://x.com/rival/status/1', publishedAt: '2026-11-18T10:00:00Z', likes: 10, comments: 2, shares: 1, views: 500 },
    { externalId: '2', text: 'b', url: 'https://x.com/rival/status/2', publishedAt: '2026-11-19T10:00:00Z', likes: 30, comments: 4, shares: 2, views: 900 },
  ],
});

beforeEach(() => {
  db = openDb(`comp-${crypto.randomUUID()}`);
  server = new CompetitorWorker();
  conn = { workerUrl: 'http://127.0.0.1:8787', token: 'sl_t', workspace: { id: 'w', name: 'W' } };
  now = Date.parse('2026-11-20T12:00:00Z');
});
afterEach(() => db.delete());

describe('competitor tracking in the background', () => {
  it('untracked: status answers untracked and a snapshot is refused, with nothing stored or sent', async () => {
    const h = handlers();
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ paired: true, tracked: false, snapshots: 0, growth: null });
    await expect(h.recordSnapshot({ ...ref, snapshot: snapshot(100, '2026-11-20T12:00:00Z') }, sender)).rejects.toThrow(/not tracked/);
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(server.snapshots).toEqual([]);
    // Only the workspace's lists (its own accounts, its tracked ones) reached the worker: neither names the profile viewed.
    expect(server.requests).toEqual(['GET /v1/accounts', 'GET /v1/competitors']);
  });

  it('an unpaired browser asks nothing and cannot track', async () => {
    conn = { ...conn, token: null, workspace: null };
    const h = handlers();
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ paired: false, tracked: false });
    await expect(h.trackCompetitor({ ...ref, name: 'Rival', url: null }, sender)).rejects.toThrow(/pair this browser/);
    expect(server.requests).toEqual([]);
  });

  it('tracked: each visit is stored in Dexie and sent once through the outbox; growth from two days', async () => {
    const h = handlers();
    expect(await h.trackCompetitor({ ...ref, name: 'Rival', url: 'https://x.com/rival/' }, sender)).toMatchObject({ tracked: true, competitorId: 'c1', snapshots: 0 });
    const first = await h.recordSnapshot({ ...ref, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender);
    expect(first).toMatchObject({ tracked: true, snapshots: 1, sync: 'saved', syncReason: null });
    expect(first.growth?.notes).toContain('growth appears after a second visit on another day');

    now = Date.parse('2026-11-22T12:00:00Z');
    server.up = false;
    const second = await h.recordSnapshot({ ...ref, snapshot: snapshot(1100, '2026-11-22T12:00:00Z') }, sender);
    // Offline: the tracking answer comes from the cache, the snapshot waits in the outbox, growth still shows.
    expect(second).toMatchObject({ snapshots: 2, sync: 'queued', syncReason: 'unreachable' });
    expect(second.growth?.followersPerDay).toBe(50);
    expect(second.growth?.pctPerWeek).toBeCloseTo((Math.pow(1.1, 7 / 2) - 1) * 100, 6);
    // Two posts, seen twice: counted once each.
    expect(second.growth?.bestRecentPosts.map((p) => p.id)).toEqual(['2', '1']);

    server.up = true;
    await h.retryOutbox({}, sender);
    expect(server.snapshots.map((s) => [s.competitorId, s.body.followers])).toEqual([
      ['c1', 1000],
      ['c1', 1100],
    ]);
    expect(new Set(server.snapshots.map((s) => s.key)).size).toBe(2);
    expect(await db.snapshots.where('[platform+handle]').equals(['x', 'rival']).count()).toBe(2);
  });

  it('a second browser shows the workspace’s visits and growth until it has seen more itself', async () => {
    const a = handlers();
    await a.trackCompetitor({ ...ref, name: 'Rival', url: null }, sender);
    await a.recordSnapshot({ ...ref, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender);
    now = Date.parse('2026-11-22T12:00:00Z');
    await a.recordSnapshot({ ...ref, snapshot: snapshot(1100, '2026-11-22T12:00:00Z') }, sender);

    // Another browser of the same workspace: its own Dexie is empty.
    const dbA = db;
    db = openDb(`comp-b-${crypto.randomUUID()}`);
    const b = handlers();
    const seen = await b.competitorStatus(ref, sender);
    expect(seen).toMatchObject({ tracked: true, snapshots: 2, snapshotsFrom: 'workspace' });
    expect(seen.growth?.followersPerDay).toBe(50);
    expect(seen.growth?.bestRecentPosts.map((p) => [p.id, p.engagement])).toEqual([['2', 36], ['1', 13]]);

    // Its own visit reaches the worker, whose view now counts three.
    now = Date.parse('2026-11-24T12:00:00Z');
    const third = await b.recordSnapshot({ ...ref, snapshot: snapshot(1300, '2026-11-24T12:00:00Z') }, sender);
    expect(third).toMatchObject({ snapshots: 3, snapshotsFrom: 'workspace', sync: 'saved' });
    expect(third.growth?.followersPerDay).toBe(75);

    // Offline, the last workspace view is still shown (marked offline).
    server.up = false;
    now += 60 * 60_000;
    expect(await b.competitorStatus(ref, sender)).toMatchObject({ offline: true, snapshots: 3, snapshotsFrom: 'workspace' });

    // Back on the first browser, which stored two of the three: the workspace’s three win.
    server.up = true;
    now += 11 * 60_000;
    await db.delete();
    db = dbA;
    expect(await handlers().competitorStatus(ref, sender)).toMatchObject({ snapshots: 3, snapshotsFrom: 'workspace' });
    // A browser that has seen more than the worker (visits still queued) keeps its own count.
    server.snapshots.splice(0);
    now += 11 * 60_000;
    expect(await handlers().competitorStatus(ref, sender)).toMatchObject({ snapshots: 2, snapshotsFrom: 'browser' });
  });

  it('tracking stopped elsewhere meanwhile: the refused visit is not kept, here or as a refused save, and the card says so', async () => {
    const h = handlers();
    // The card's first status read caches the list, as on a real page, before Track is clicked.
    await h.competitorStatus(ref, sender);
    await h.trackCompetitor({ ...ref, name: 'Rival', url: null }, sender);
    await h.recordSnapshot({ ...ref, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender);
    // Stopped in the console; this browser's cached answer still says tracked.
    server.competitors.splice(0);
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ tracked: true });
    const after = await h.recordSnapshot({ ...ref, snapshot: snapshot(1100, '2026-11-21T12:00:00Z') }, sender);
    expect(after).toMatchObject({ tracked: false, competitorId: null, notice: 'No longer tracked in this workspace, so this visit was not saved.' });
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.deadLetters.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ tracked: false, notice: null });
  });

  it('stored baselines cover the tracked authors’ stored posts', async () => {
    const h = handlers();
    await h.trackCompetitor({ ...ref, name: 'Rival', url: null }, sender);
    await h.recordSnapshot({ ...ref, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender);
    expect(await h.storedBaselines({ platform: 'x', authors: ['@rival', '@other'] }, sender)).toEqual({ '@rival': { n: 2, sum: 13 + 36, ids: ['1', '2'] } });
  });
});

describe('your own account', () => {
  const mine = { platform: 'x' as const, handle: '@Me' };
  const visit = (likes: number) => ({ handle: 'me', capturedAt: '2026-11-20T12:00:00Z', posts: snapshot(100, '2026-11-20T12:00:00Z').posts.map((p) => ({ ...p, likes })) });

  it('"This is my account" claims it; its visits save the page’s posts to your history through the outbox (queued offline)', async () => {
    const h = handlers();
    expect(await h.competitorStatus(mine, sender)).toMatchObject({ mine: false, tracked: false });
    expect(await h.claimAccount({ ...mine, name: 'Me', url: null }, sender)).toMatchObject({ mine: true, tracked: false });
    expect(server.accounts).toEqual([{ platform: 'x', handle: 'me', name: 'Me' }]);
    expect(await h.recordOwnPosts({ ...mine, visit: visit(10) }, sender)).toMatchObject({ mine: true, ownPostsSaved: 2, sync: 'saved' });
    server.up = false;
    expect(await h.recordOwnPosts({ ...mine, visit: visit(12) }, sender)).toMatchObject({ mine: true, ownPostsSaved: 2, sync: 'queued' });
    server.up = true;
    await h.retryOutbox({}, sender);
    expect(server.ownVisits.map((v) => [v.platform, v.body.handle, v.body.posts.length])).toEqual([
      ['x', 'me', 2],
      ['x', 'me', 2],
    ]);
    // Known offline too, from the cached list: the card still says "Your account".
    server.up = false;
    now += 11 * 60_000;
    expect(await h.competitorStatus(mine, sender)).toMatchObject({ mine: true, offline: true });
  });

  it('released in Settings meanwhile: the visit is not saved, no refused save is left behind, and the card offers the choices again', async () => {
    const h = handlers();
    await h.claimAccount({ ...mine, name: 'Me', url: null }, sender);
    server.accounts.splice(0);
    // The cached list (10 minutes) still says yours, so the card saves the visit…
    expect(await h.competitorStatus(mine, sender)).toMatchObject({ mine: true });
    const after = await h.recordOwnPosts({ ...mine, visit: visit(10) }, sender);
    // …and the worker's refusal brings the card up to date at once.
    expect(after).toMatchObject({ mine: false, tracked: false, ownPostsSaved: null, notice: 'No longer your account in this workspace, so this visit was not saved.' });
    expect(server.ownVisits).toEqual([]);
    expect(await db.deadLetters.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await h.competitorStatus(mine, sender)).toMatchObject({ mine: false });
  });

  it('a visit queued behind a refused token says so (to pair again), not that the worker is unreachable', async () => {
    const h = handlers();
    await h.claimAccount({ ...mine, name: 'Me', url: null }, sender);
    server.ownPostsRefusal = { status: 401, body: { code: 'unauthorized', message: 'token revoked' } };
    expect(await h.recordOwnPosts({ ...mine, visit: visit(10) }, sender)).toMatchObject({ mine: true, sync: 'queued', syncReason: 'unauthorized' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('any other refusal of your posts is an error with the worker’s message, kept as a refused save', async () => {
    const h = handlers();
    await h.claimAccount({ ...mine, name: 'Me', url: null }, sender);
    server.ownPostsRefusal = { status: 400, body: { code: 'invalid_request', message: 'posts.0.publishedAt: must be an ISO 8601 time' } };
    await expect(h.recordOwnPosts({ ...mine, visit: visit(10) }, sender)).rejects.toThrow('the worker refused this save (HTTP 400): posts.0.publishedAt: must be an ISO 8601 time');
    expect(await db.deadLetters.count()).toBe(1);
  });

  it('refuses to save another account’s posts as yours, sending nothing', async () => {
    const h = handlers();
    await h.claimAccount({ ...mine, name: 'Me', url: null }, sender);
    await expect(h.recordOwnPosts({ ...ref, visit: { ...visit(10), handle: 'rival' } }, sender)).rejects.toThrow(/not your account/);
    expect(await db.outbox.count()).toBe(0);
    expect(server.ownVisits).toEqual([]);
  });
});

describe('bestTimes', () => {
  it('passes usingDefaults through and serves the cached answer offline', async () => {
    const h = handlers();
    expect(await h.bestTimes({ platform: 'x', timeZone: 'Europe/Berlin' }, sender)).toMatchObject({ paired: true, usingDefaults: true, offline: false, slots: [{ label: 'Tue 14:00' }] });
    expect(server.requests.at(-1)).toBe('GET /v1/best-times?platform=x&timeZone=Europe%2FBerlin&top=3');
    now += 2 * 60 * 60_000;
    server.up = false;
    expect(await h.bestTimes({ platform: 'x', timeZone: 'Europe/Berlin' }, sender)).toMatchObject({ offline: true, slots: [{ label: 'Tue 14:00' }] });
  });

  it('unpaired: no request, a paired:false answer', async () => {
    conn = { ...conn, token: null, workspace: null };
    expect(await handlers().bestTimes({ platform: 'linkedin', timeZone: 'UTC' }, sender)).toMatchObject({ paired: false, slots: [] });
    expect(server.requests).toEqual([]);
  });
});

describe('what is kept, and what the worker learns', () => {
  const at = (iso: string) => Date.parse(iso);
  /** Requests for the tracked list, or for any per-account "is it tracked?" answer. */
  const listAsks = () => server.requests.filter((r) => /^GET \/v1\/competitors(\?|$)/.test(r));
  const stored = (competitorId: string, capturedAt: number, extra: Partial<{ platform: string; handle: string; followers: number; posts: ReturnType<typeof snapshot>['posts'] }> = {}) =>
    db.snapshots.add({ platform: 'x', handle: 'rival', competitorId, capturedAt, followers: 100, following: null, metrics: {}, posts: [], ...extra } as never);

  it('visiting profiles asks only for the tracked list (at most every 10 minutes) and keeps no answer per profile', async () => {
    await db.cache.put({ key: 'trends', value: { trends: [] }, fetchedAt: now });
    server.competitors.push({ id: 'c1', platform: 'x', handle: 'rival', name: 'Rival' });
    const h = handlers();
    const visited = [{ platform: 'x' as const, handle: 'Alice' }, { platform: 'x' as const, handle: '@bob' }, { platform: 'youtube' as const, handle: 'carol' }];
    for (const v of visited) expect(await h.competitorStatus(v, sender)).toMatchObject({ tracked: false, offline: false });
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ tracked: true, competitorId: 'c1' });
    expect(listAsks()).toEqual(['GET /v1/competitors']);
    expect(server.requests.filter((r) => /alice|bob|carol/i.test(r))).toEqual([]);
    const keys = (await db.cache.toArray()).map((e) => e.key);
    expect(keys.filter((k) => k.startsWith('competitor:') || /alice|bob|carol/i.test(JSON.stringify(k)))).toEqual([]);
    expect(keys).toContain('trends');

    now += 11 * 60_000;
    await h.competitorStatus(visited[0]!, sender);
    expect(listAsks()).toEqual(['GET /v1/competitors', 'GET /v1/competitors']);

    // Offline, the cached list still answers both ways.
    server.up = false;
    now += 11 * 60_000;
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ tracked: true, offline: true });
    expect(await h.competitorStatus(visited[1]!, sender)).toMatchObject({ tracked: false, offline: true });
  });

  it('a newly tracked account is on the cached list at once: no second request, and offline visits of it are kept', async () => {
    const h = handlers();
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ tracked: false });
    expect(await h.trackCompetitor({ ...ref, name: 'Rival', url: null }, sender)).toMatchObject({ tracked: true, competitorId: 'c1' });
    server.up = false;
    expect(await h.competitorStatus(ref, sender)).toMatchObject({ tracked: true, competitorId: 'c1' });
    expect(await h.recordSnapshot({ ...ref, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender)).toMatchObject({ snapshots: 1, sync: 'queued' });
    expect(listAsks()).toEqual(['GET /v1/competitors']);
  });

  it('growth and stored baselines count only this workspace’s visits of the account', async () => {
    // Stored while paired with another workspace, where the same account had another id.
    await stored('other-workspace-c7', at('2026-11-15T12:00:00Z'), { followers: 500, posts: [{ ...snapshot(0, '').posts[0]!, externalId: '9', likes: 5000 }] });
    const h = handlers();
    await h.trackCompetitor({ ...ref, name: 'Rival', url: null }, sender);
    const s = await h.recordSnapshot({ ...ref, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender);
    expect(s).toMatchObject({ snapshots: 1, snapshotsFrom: 'browser' });
    expect(s.growth).toMatchObject({ followersPerDay: null, notes: expect.arrayContaining(['growth appears after a second visit on another day']) });
    expect(s.growth?.bestRecentPosts.map((p) => p.id)).toEqual(['2', '1']);
    expect(await h.storedBaselines({ platform: 'x', authors: ['@rival'] }, sender)).toEqual({ '@rival': { n: 2, sum: 13 + 36, ids: ['1', '2'] } });
  });

  it('storing a visit prunes: nothing older than 90 days, the latest five kept, older visits only the last of each day', async () => {
    // The background reads the clock itself (createHandlers passes competitors no clock): pin it to the test's.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    vi.setSystemTime(now);
    const h = handlers();
    await h.trackCompetitor({ ...ref, name: 'Rival', url: null }, sender);
    for (const iso of ['2026-08-12T12:00:00Z', '2026-08-23T12:00:00Z', '2026-11-10T08:00:00Z', '2026-11-10T12:00:00Z', '2026-11-10T18:00:00Z', '2026-11-15T09:00:00Z', '2026-11-15T10:00:00Z', '2026-11-20T06:00:00Z', '2026-11-20T07:00:00Z', '2026-11-20T08:00:00Z', '2026-11-20T09:00:00Z']) await stored('c1', at(iso));
    // Another workspace's visits of the account, and an old one of an account not visited since.
    for (const iso of ['2026-10-30T08:00:00Z', '2026-10-30T09:00:00Z', '2026-10-31T08:00:00Z', '2026-10-31T09:00:00Z', '2026-10-31T10:00:00Z', '2026-10-31T11:00:00Z', '2026-10-31T12:00:00Z']) await stored('other-c7', at(iso));
    await stored('c5', at('2026-07-01T12:00:00Z'), { handle: 'gone' });

    await h.recordSnapshot({ ...ref, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender);
    const left = async (id: string) => (await db.snapshots.toArray()).filter((s) => s.competitorId === id).map((s) => new Date(s.capturedAt).toISOString().slice(0, 16)).sort();
    expect(await left('c1')).toEqual(['2026-08-23T12:00', '2026-11-10T18:00', '2026-11-15T10:00', '2026-11-20T06:00', '2026-11-20T07:00', '2026-11-20T08:00', '2026-11-20T09:00', '2026-11-20T12:00']);
    expect(await left('other-c7')).toEqual(['2026-10-30T09:00', '2026-10-31T08:00', '2026-10-31T09:00', '2026-10-31T10:00', '2026-10-31T11:00', '2026-10-31T12:00']);
    expect(await left('c5')).toEqual([]);

    // A sixth visit today: the oldest of today's falls out of the latest five, and today already has its last visit kept.
    now = at('2026-11-20T13:00:00Z');
    vi.setSystemTime(now);
    await h.recordSnapshot({ ...ref, snapshot: snapshot(1001, '2026-11-20T13:00:00Z') }, sender);
    expect(await left('c1')).toEqual(['2026-08-23T12:00', '2026-11-10T18:00', '2026-11-15T10:00', '2026-11-20T07:00', '2026-11-20T08:00', '2026-11-20T09:00', '2026-11-20T12:00', '2026-11-20T13:00']);
  });

  it('LinkedIn: a tracked company’s stored posts answer for the author name its posts carry', async () => {
    const li = { platform: 'linkedin' as const, handle: 'company/Acme' };
    const h = handlers();
    await h.trackCompetitor({ ...li, name: 'Acme Corp', url: null }, sender);
    await h.recordSnapshot({ ...li, snapshot: snapshot(1000, '2026-11-20T12:00:00Z') }, sender);
    // As post-badges asks: authorKey of LinkedIn posts, which show the author's name only.
    expect(await h.storedBaselines({ platform: 'linkedin', authors: ['acme corp', 'someone else'] }, sender)).toEqual({ 'acme corp': { n: 2, sum: 13 + 36, ids: ['1', '2'] } });
    expect(await h.storedBaselines({ platform: 'x', authors: ['acme corp'] }, sender)).toEqual({});
  });
});
