import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Competitor, Trend, TrendList } from '../../shared/contracts/api.ts';
import { ApiError, createApi } from './api.ts';
import { openDb, type SightlineDb } from './db.ts';

const trend = (id: string, score: number): Trend => ({
  id, name: id, keywords: [id], platforms: ['reddit'], confidence: 0.5, velocity: 0.5, sentiment: null, score,
  firstDetectedAt: '2026-11-24T09:00:00.000Z', peakPredictedAt: null, relatedTrendIds: [], updatedAt: '2026-11-24T09:00:00.000Z', workspaceId: null,
});

let db: SightlineDb;
let clock: number;
let up: boolean;
let status: number;
let list: TrendList;
let calls: string[];

const fakeFetch: typeof fetch = async (input, init) => {
  const req = new Request(input, init);
  calls.push(`${req.method} ${new URL(req.url).pathname}${new URL(req.url).search} ${req.headers.get('authorization')}`);
  if (!up) throw new TypeError('fetch failed');
  if (status !== 200) return Response.json({ code: status === 401 ? 'unauthorized' : 'internal', message: 'no', requestId: 'r' }, { status });
  return Response.json(list);
};
const api = (token: string | null = 'sl_abc') =>
  createApi({ db, fetch: fakeFetch, now: () => clock, getConnection: async () => ({ workerUrl: 'http://127.0.0.1:9', token, workspace: null }) });

beforeEach(() => {
  db = openDb(`api-${crypto.randomUUID()}`);
  clock = 1_000_000;
  up = true;
  status = 200;
  calls = [];
  list = { trends: [trend('a', 80), trend('b', 40)], generatedAt: '2026-11-24T10:00:00.000Z' };
});
afterEach(() => db.delete());

describe('reads through the cache', () => {
  it('fetches with the bearer token and refreshes the cache', async () => {
    const r = await api().trends();
    expect(r).toMatchObject({ offline: false, stale: false, fetchedAt: clock, error: null });
    expect(r.value?.trends.map((t) => t.id)).toEqual(['a', 'b']);
    expect(calls).toEqual(['GET /v1/trends?limit=100 Bearer sl_abc']);
    expect((await db.cache.get('trends'))?.fetchedAt).toBe(clock);
  });

  it('falls back to the cached copy, marked offline, when the worker is down or failing', async () => {
    await api().trends();
    const cachedAt = clock;
    clock += 3_600_000;
    list = { trends: [trend('new', 99)], generatedAt: 'later' };
    up = false;
    const offline = await api().trends();
    expect(offline).toMatchObject({ offline: true, stale: true, fetchedAt: cachedAt });
    expect(offline.value?.trends.map((t) => t.id)).toEqual(['a', 'b']);
    expect(offline.error).toContain('unreachable');

    up = true;
    status = 503;
    expect(await api().trends()).toMatchObject({ offline: true, fetchedAt: cachedAt });

    status = 200;
    const back = await api().trends();
    expect(back).toMatchObject({ offline: false, fetchedAt: clock });
    expect(back.value?.trends.map((t) => t.id)).toEqual(['new']);
  });

  it('reports offline with nothing to show when nothing was ever cached', async () => {
    up = false;
    expect(await api().trends()).toEqual({ value: null, fetchedAt: null, offline: true, stale: true, error: expect.stringContaining('unreachable') });
  });

  it('serves a young cache without a request, and cacheOnly never asks the worker', async () => {
    await api().trends();
    clock += 60_000;
    expect(await api().trends({ maxAgeMs: 5 * 60_000 })).toMatchObject({ stale: true, offline: false });
    expect(await api().trends({ cacheOnly: true })).toMatchObject({ stale: true, offline: false });
    expect(calls).toHaveLength(1);
    clock += 10 * 60_000;
    expect(await api().trends({ maxAgeMs: 5 * 60_000 })).toMatchObject({ stale: false });
    expect(calls).toHaveLength(2);
  });

  it('does not hide a refused token behind the cache', async () => {
    await api().trends();
    status = 401;
    await expect(api().trends()).rejects.toBeInstanceOf(ApiError);
    await expect(api(null).trends()).rejects.toMatchObject({ status: 401 });
  });
});

describe('a worker that never answers', () => {
  it('counts as unreachable after the timeout, so a write waits in the outbox instead of holding it forever', async () => {
    // Answers nothing, as a half-open connection does; only the abort ends the request.
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)));
    const slow = createApi({ db, fetch: silent, timeoutMs: 50, getConnection: async () => ({ workerUrl: 'http://127.0.0.1:9', token: 'sl_abc', workspace: null }) });
    await expect(slow.sendWrite({ method: 'POST', path: '/v1/research-items', body: {}, idempotencyKey: 'k' })).rejects.toThrow('worker unreachable: no answer in 50 ms');
    expect(await slow.trends()).toMatchObject({ value: null, offline: true });
  });
});

describe('tracked competitors: one cached list', () => {
  const rival: Competitor = { id: 'c1', platform: 'x', handle: 'rival', name: 'Rival', url: null, createdAt: '2026-11-01T00:00:00.000Z', lastSnapshotAt: null };
  let tracked: Competitor[];
  // Shaped as worker/routes/competitors.ts: GET lists the workspace's tracked accounts, POST tracks one.
  const competitorFetch: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    calls.push(`${req.method} ${url.pathname}${url.search}`);
    if (!up) throw new TypeError('fetch failed');
    if (req.method === 'POST') {
      const body = (await req.json()) as Pick<Competitor, 'platform' | 'handle' | 'name'>;
      const c = { ...rival, ...body, id: `c${tracked.length + 1}` };
      tracked.push(c);
      return Response.json(c, { status: 201 });
    }
    return Response.json({ competitors: tracked });
  };
  const compApi = () => createApi({ db, fetch: competitorFetch, now: () => clock, getConnection: async () => ({ workerUrl: 'http://127.0.0.1:9', token: 'sl_abc', workspace: null }) });
  const cachedList = async () => ((await db.cache.get('competitors'))?.value as { handle: string }[] | undefined)?.map((c) => c.handle);

  beforeEach(() => void (tracked = [rival]));

  it('asks GET /v1/competitors naming no account and caches the one list beside the other entries', async () => {
    await db.cache.bulkPut([
      { key: 'competitor-detail:c1', value: {}, fetchedAt: 1 },
      { key: 'trends', value: list, fetchedAt: 1 },
    ]);
    const r = await compApi().trackedCompetitors({ maxAgeMs: 600_000 });
    expect(r.value?.map((c) => c.id)).toEqual(['c1']);
    expect(calls).toEqual(['GET /v1/competitors']);
    expect((await db.cache.toArray()).map((e) => e.key).sort()).toEqual(['competitor-detail:c1', 'competitors', 'trends']);
  });

  it('trackCompetitor puts the new account on the cached list at once, leaving the list’s age as it was', async () => {
    await compApi().trackedCompetitors();
    const fetchedAt = clock;
    clock += 60_000;
    await compApi().trackCompetitor({ platform: 'x', handle: 'other', name: null, url: null });
    expect(await cachedList()).toEqual(['rival', 'other']);
    expect((await db.cache.get('competitors'))?.fetchedAt).toBe(fetchedAt);
    expect(calls).toEqual(['GET /v1/competitors', 'POST /v1/competitors']);
  });

  it('with no list cached yet, trackCompetitor keeps the new one as due for a refresh, so the next read fetches the whole list (not a list of the new one alone)', async () => {
    await compApi().trackCompetitor({ platform: 'x', handle: 'other', name: null, url: null });
    expect(calls).toEqual(['POST /v1/competitors']);
    expect(await cachedList()).toEqual(['other']);
    expect((await db.cache.get('competitors'))?.fetchedAt).toBe(0);
    // Even a read that accepts a 10-minute-old list asks again.
    expect((await compApi().trackedCompetitors({ maxAgeMs: 600_000 })).value?.map((c) => c.handle)).toEqual(['rival', 'other']);
    expect(await cachedList()).toEqual(['rival', 'other']);
    expect(calls).toEqual(['POST /v1/competitors', 'GET /v1/competitors']);

    await db.cache.clear();
    await compApi().trackCompetitor({ platform: 'x', handle: 'third', name: null, url: null });
    // Unreachable at the next read: the new one stays, still due for a refresh.
    up = false;
    expect(await compApi().trackedCompetitors({ maxAgeMs: 600_000 })).toMatchObject({ offline: true });
    expect(await cachedList()).toEqual(['third']);
    expect((await db.cache.get('competitors'))?.fetchedAt).toBe(0);
  });
});
