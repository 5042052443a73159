import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Trend, TrendList } from '../../shared/contracts/api.ts';
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
