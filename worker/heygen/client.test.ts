import { describe, expect, it } from 'vitest';
import { HeyGenClient, HeyGenError, parseRetryAfter } from './client.ts';

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

  it('gives up after the bounded retries with a transient error (5xx, or 409 for a key still in flight)', async () => {
    const { calls, fetch } = scripted([json(503, {}), json(409, { error: { code: 'request_in_progress' } }), json(503, {})]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {}, retries: 2 });
    await expect(client.listAvatars()).rejects.toMatchObject({ kind: 'transient', status: 503 });
    expect(calls).toHaveLength(3);
  });

  it('surfaces 429 at once with its Retry-After instead of sleeping on it', async () => {
    const { calls, fetch } = scripted([json(429, { error: { message: 'slow down' } }, { 'retry-after': '30' })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    const err = (await client.generate({ video_inputs: [], dimension: { width: 1, height: 1 }, caption: true, title: 't', callback_id: 'c' }, 'key-1').catch((e) => e)) as HeyGenError;
    expect(err).toBeInstanceOf(HeyGenError);
    expect([err.kind, err.retryAfterMs]).toEqual(['rate_limited', 30_000]);
    expect(calls).toHaveLength(1);
    expect(new Headers(calls[0]!.init.headers).get('idempotency-key')).toBe('key-1');
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

describe('parseRetryAfter', () => {
  it.each([
    ['12', 12_000],
    ['Tue, 24 Nov 2026 12:00:30 GMT', 30_000],
    ['soon', null],
    [null, null],
  ])('%s → %s ms', (value, ms) => expect(parseRetryAfter(value, Date.parse('2026-11-24T12:00:00Z'))).toBe(ms));
});
