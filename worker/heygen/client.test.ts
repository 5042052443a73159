import { describe, expect, it } from 'vitest';
import { HeyGenClient, HeyGenError, parseRetryAfter, type GenerateRequest } from './client.ts';

function scripted(responses: (() => Response)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () => new Response(JSON.stringify(body), { status, headers });
const renderBody: GenerateRequest = { video_inputs: [], dimension: { width: 1, height: 1 }, caption: true, title: 't [sl:c]', callback_id: 'c' };

describe('HeyGenClient', () => {
  it('sends X-Api-Key and retries 5xx with exponential backoff and full jitter', async () => {
    const { calls, fetch } = scripted([json(500, {}), json(502, {}), json(200, { error: null, data: { remaining_quota: 1200, details: { api: 1200 } } })]);
    const sleeps: number[] = [];
    const client = new HeyGenClient({ apiKey: 'k1', baseUrl: 'https://heygen.test/', fetch, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, baseDelayMs: 100 });
    expect(await client.remainingQuota()).toBe(1200);
    expect(calls.map((c) => c.url)).toEqual(Array(3).fill('https://heygen.test/v2/user/remaining_quota'));
    expect(new Headers(calls[0]!.init.headers).get('x-api-key')).toBe('k1');
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after the bounded retries with a transient error', async () => {
    const { calls, fetch } = scripted([json(503, {}), json(502, {}), json(503, {})]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {}, retries: 2 });
    await expect(client.listAvatars()).rejects.toMatchObject({ kind: 'transient', status: 503 });
    expect(calls).toHaveLength(3);
  });

  it('surfaces 429 at once with its Retry-After instead of sleeping on it', async () => {
    const { calls, fetch } = scripted([json(429, { error: { message: 'slow down' } }, { 'retry-after': '30' })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    const err = (await client.generate(renderBody).catch((e) => e)) as HeyGenError;
    expect(err).toBeInstanceOf(HeyGenError);
    expect([err.kind, err.retryAfterMs]).toEqual(['rate_limited', 30_000]);
    expect(calls).toHaveLength(1);
    // HeyGen documents no idempotency key for /v2/video/generate; none is sent.
    expect(new Headers(calls[0]!.init.headers).get('idempotency-key')).toBeNull();
  });

  it.each([
    ['a 500', json(500, { error: { code: 'internal_error' } })],
    ['a 502 HTML page', () => new Response('<html>Bad gateway</html>', { status: 502 })],
    ['a network error', () => { throw new TypeError('fetch failed'); }],
    ['a timeout', () => { throw new DOMException('The operation was aborted due to timeout', 'TimeoutError'); }],
    ['a 200 without a video_id', json(200, { error: null, data: {} })],
    ['a 200 that is not JSON', () => new Response('<html>ok</html>', { status: 200 })],
  ])('never re-sends a render create after %s: its outcome is unknown', async (_name, response) => {
    const { calls, fetch } = scripted([response, json(200, { error: null, data: { video_id: 'v_second' } })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {}, retries: 2 });
    await expect(client.generate(renderBody)).rejects.toMatchObject({ kind: 'unknown_outcome' });
    expect(calls).toHaveLength(1);
  });

  it('re-sends a render create only after a 429 (refused, so nothing started), when the wait is short', async () => {
    const { calls, fetch } = scripted([json(429, {}, { 'retry-after': '1' }), json(200, { error: null, data: { video_id: 'v_1' } })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {}, maxRateLimitWaitMs: 2000 });
    expect(await client.generate(renderBody)).toBe('v_1');
    expect(calls).toHaveLength(2);
  });

  it('does not retry a 401/403 whose body is an HTML page: the status decides, not the body', async () => {
    for (const status of [401, 403]) {
      const { calls, fetch } = scripted([() => new Response('<html>Forbidden</html>', { status }), json(200, { error: null, data: { voices: [] } })]);
      const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
      await expect(client.listVoices()).rejects.toMatchObject({ kind: 'rejected', status });
      expect(calls).toHaveLength(1);
    }
  });

  it('waits at least a 5xx Retry-After (seconds or HTTP date) before retrying a read', async () => {
    const at = new Date(Date.now() + 8000).toUTCString();
    const { fetch } = scripted([json(503, {}, { 'retry-after': '4' }), json(503, {}, { 'retry-after': at }), json(200, { error: null, data: { voices: [] } })]);
    const sleeps: number[] = [];
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async (ms) => void sleeps.push(ms), random: () => 0, baseDelayMs: 100 });
    await client.listVoices();
    expect(sleeps[0]).toBe(4000);
    expect(sleeps[1]).toBeGreaterThan(6000);
  });

  it('surfaces a 5xx whose Retry-After is too long to wait inside the call', async () => {
    const { calls, fetch } = scripted([json(503, {}, { 'retry-after': '120' })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    await expect(client.listVoices()).rejects.toMatchObject({ kind: 'transient', retryAfterMs: 120_000 });
    expect(calls).toHaveLength(1);
  });

  it('waits out a short Retry-After when the caller allows it (request handlers)', async () => {
    const { calls, fetch } = scripted([json(429, {}, { 'retry-after': '1' }), json(200, { error: null, data: { voices: [] } })]);
    const sleeps: number[] = [];
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async (ms) => void sleeps.push(ms), maxRateLimitWaitMs: 2000 });
    expect(await client.listVoices()).toEqual([]);
    expect([calls.length, sleeps]).toEqual([2, [1000]]);
  });

  it('does not retry a request HeyGen refuses', async () => {
    const { calls, fetch } = scripted([json(400, { error: { code: 'invalid_parameter', message: 'avatar not found' }, data: null })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    await expect(client.listVoices()).rejects.toMatchObject({ kind: 'rejected', message: expect.stringMatching(/avatar not found/) });
    expect(calls).toHaveLength(1);
  });

  it('reads the v1 status envelope', async () => {
    const { fetch } = scripted([
      json(200, {
        code: 100,
        data: { id: 'v1', status: 'completed', video_url: 'https://x/v.mp4', thumbnail_url: 'https://x/t.jpg', caption_url: 'https://x/c.srt', duration: 31.5, callback_id: 'job', error: null },
        message: 'Success',
      }),
    ]);
    const s = await new HeyGenClient({ apiKey: 'k', fetch }).status('v1');
    expect(s).toEqual({ id: 'v1', status: 'completed', videoUrl: 'https://x/v.mp4', thumbnailUrl: 'https://x/t.jpg', captionUrl: 'https://x/c.srt', durationSec: 31.5, callbackId: 'job', error: null });
  });
});

describe('findRender (GET /v1/video.list)', () => {
  const page = (videos: { id: string; title: string; created: number }[], token: string | null) =>
    json(200, { code: 100, data: { videos: videos.map((v) => ({ video_id: v.id, video_title: v.title, status: 'processing', created_at: v.created, type: 'GENERATED' })), token }, message: 'Success' });
  const t0 = Date.parse('2026-11-24T12:00:00Z');
  const s = (ms: number) => Math.floor(ms / 1000);

  it('pages on with the token until it finds the marker in a title', async () => {
    const { calls, fetch } = scripted([
      page([{ id: 'v_9', title: 'Other [sl:job-9]', created: s(t0 + 60_000) }], 'tok-2'),
      page([{ id: 'v_1', title: 'AI agents (tiktok) [sl:job-1]', created: s(t0 + 5000) }], null),
    ]);
    const client = new HeyGenClient({ apiKey: 'k', baseUrl: 'https://heygen.test', fetch });
    expect(await client.findRender('[sl:job-1]', { notBefore: t0 })).toEqual({ found: { id: 'v_1', title: 'AI agents (tiktok) [sl:job-1]', status: 'processing', createdAt: s(t0 + 5000) * 1000 } });
    expect(calls.map((c) => c.url)).toEqual(['https://heygen.test/v1/video.list?limit=100', 'https://heygen.test/v1/video.list?limit=100&token=tok-2']);
  });

  it('is certain of absence once the list reaches videos older than the job, or ends', async () => {
    const older = scripted([
      page([{ id: 'v_2', title: 'x [sl:job-2]', created: s(t0 + 1000) }, { id: 'v_0', title: 'old', created: s(t0 - 3600_000) }], 'p2'),
      page([{ id: 'v_m', title: 'older', created: s(t0 - 7200_000) }], 'p3'),
    ]);
    expect(await new HeyGenClient({ apiKey: 'k', fetch: older.fetch }).findRender('[sl:job-1]', { notBefore: t0 })).toEqual({ absent: true });
    expect(older.calls).toHaveLength(2);
    const ended = scripted([page([], null)]);
    expect(await new HeyGenClient({ apiKey: 'k', fetch: ended.fetch }).findRender('[sl:job-1]', { notBefore: t0 })).toEqual({ absent: true });
  });

  it('answers unknown (never absent) when the bounded pages run out first', async () => {
    const { calls, fetch } = scripted([0, 1, 2].map((i) => page([{ id: `v_${i}`, title: `n${i}`, created: s(t0 + 60_000) }], `t${i + 1}`)));
    expect(await new HeyGenClient({ apiKey: 'k', fetch }).findRender('[sl:job-1]', { notBefore: t0, maxPages: 3 })).toMatchObject({ unknown: expect.any(String) });
    expect(calls).toHaveLength(3);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['12', 12_000],
    ['Tue, 24 Nov 2026 12:00:30 GMT', 30_000],
    ['soon', null],
    [null, null],
  ])('%s → %s ms', (value, ms) => expect(parseRetryAfter(value, Date.parse('2026-11-24T12:00:00Z'))).toBe(ms));
});
