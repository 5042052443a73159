import { describe, expect, it } from 'vitest';
import { builtInAvatars, builtInVoices } from '../../shared/video/select.ts';
import { buildStoryboard } from '../../shared/video/storyboard.ts';
import { HeyGenClient, HeyGenError, isQuotaRefusal, parseRetryAfter, remainingBalance, toCreateRequest } from './client.ts';

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
const v3Error = (status: number, code: string, message: string) => json(status, { error: { code, message, doc_url: `https://developers.heygen.com/docs/error-codes#${code}` } });
const list = (data: unknown[], next: string | null = null) => json(200, { data, has_more: next !== null, next_token: next });
const wallet = (remaining: number, currency = 'credits') => json(200, { data: { username: 'u', billing_type: 'wallet', wallet: { currency, remaining_balance: remaining }, subscription: null, usage_based: null } });
const source =
  'AI agents are moving from demos into production workflows at large companies. A survey of 1,200 engineering leaders found that 41% already run AI agents in at least one internal process. The biggest gains come from support triage and code review, where AI agents cut response times by half. Teams that succeed keep a human approval step for every action that touches customers.';
const storyboard = buildStoryboard({ sourceText: source, platform: 'tiktok', durationSec: 30, tone: 'professional' }, { avatars: builtInAvatars, voices: builtInVoices });
// What the queue sends: the builder's output, so the wire tests below check the body end to end.
const renderBody = toCreateRequest(storyboard, { callbackId: 'c', title: 't [sl:c]' });
const key = { idempotencyKey: 'sightline-render-c' };
const headerOf = (call: { init: RequestInit }, name: string) => new Headers(call.init.headers).get(name);

describe('HeyGenClient', () => {
  it('sends X-Api-Key and retries 5xx with exponential backoff and full jitter', async () => {
    const { calls, fetch } = scripted([json(500, {}), json(502, {}), wallet(120)]);
    const sleeps: number[] = [];
    const client = new HeyGenClient({ apiKey: 'k1', baseUrl: 'https://heygen.test/', fetch, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, baseDelayMs: 100 });
    expect(await client.remainingQuota()).toBe(1200);
    expect(calls.map((c) => c.url)).toEqual(Array(3).fill('https://heygen.test/v3/users/me'));
    expect(headerOf(calls[0]!, 'x-api-key')).toBe('k1');
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after the bounded retries with a transient error', async () => {
    const { calls, fetch } = scripted([json(503, {}), json(502, {}), json(503, {})]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {}, retries: 2 });
    await expect(client.listAvatars()).rejects.toMatchObject({ kind: 'transient', status: 503 });
    expect(calls).toHaveLength(3);
  });

  it('surfaces 429 at once with its Retry-After instead of sleeping on it', async () => {
    const { calls, fetch } = scripted([json(429, { error: { code: 'rate_limit_exceeded', message: 'slow down' } }, { 'retry-after': '30' })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    const err = (await client.generate(renderBody, key).catch((e) => e)) as HeyGenError;
    expect(err).toBeInstanceOf(HeyGenError);
    expect([err.kind, err.retryAfterMs]).toEqual(['rate_limited', 30_000]);
    expect(err.message).toBe('HeyGen rate limit reached (HTTP 429): rate_limit_exceeded: slow down');
    expect(calls).toHaveLength(1);
  });

  it('creates with POST /v3/videos: exactly the v3 body, and the Idempotency-Key header', async () => {
    const { calls, fetch } = scripted([json(200, { data: { video_id: 'v_1', status: 'waiting', output_format: 'mp4' } })]);
    const client = new HeyGenClient({ apiKey: 'k', baseUrl: 'https://heygen.test', fetch });
    expect(await client.generate(renderBody, key)).toBe('v_1');
    expect([calls[0]!.url, calls[0]!.init.method]).toEqual(['https://heygen.test/v3/videos', 'POST']);
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual(renderBody);
    expect(headerOf(calls[0]!, 'idempotency-key')).toBe('sightline-render-c');
    expect(headerOf(calls[0]!, 'content-type')).toBe('application/json');
  });

  it('sends the same Idempotency-Key when the same job’s create is sent again', async () => {
    const { calls, fetch } = scripted([json(500, v3Error(500, 'internal_error', 'x')), json(200, { data: { video_id: 'v_1', status: 'waiting' } })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    await expect(client.generate(renderBody, key)).rejects.toMatchObject({ kind: 'unknown_outcome' });
    expect(await client.generate(renderBody, key)).toBe('v_1');
    expect(calls.map((c) => headerOf(c, 'idempotency-key'))).toEqual(['sightline-render-c', 'sightline-render-c']);
  });

  it('refuses an Idempotency-Key HeyGen would reject, before sending anything', async () => {
    const { calls, fetch } = scripted([]);
    const client = new HeyGenClient({ apiKey: 'k', fetch });
    await expect(client.generate(renderBody, { idempotencyKey: 'has spaces/and slashes' })).rejects.toThrow(/not a valid HeyGen Idempotency-Key/);
    await expect(client.generate(renderBody, { idempotencyKey: 'x'.repeat(256) })).rejects.toThrow(/Idempotency-Key/);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['a 500', json(500, { error: { code: 'internal_error', message: 'Internal server error' } })],
    ['a 502 HTML page', () => new Response('<html>Bad gateway</html>', { status: 502 })],
    ['a network error', () => { throw new TypeError('fetch failed'); }],
    ['a timeout', () => { throw new DOMException('The operation was aborted due to timeout', 'TimeoutError'); }],
    ['a 200 without a video_id', json(200, { data: {} })],
    ['a 200 without data', json(200, {})],
    ['a 200 that is not JSON', () => new Response('<html>ok</html>', { status: 200 })],
    ['a 409 request_in_progress (the same key still in flight)', v3Error(409, 'request_in_progress', 'A request with this Idempotency-Key is in progress')],
  ])('never re-sends a render create after %s: its outcome is unknown', async (_name, response) => {
    const { calls, fetch } = scripted([response, json(200, { data: { video_id: 'v_second', status: 'waiting' } })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {}, retries: 2 });
    await expect(client.generate(renderBody, key)).rejects.toMatchObject({ kind: 'unknown_outcome' });
    expect(calls).toHaveLength(1);
  });

  it('re-sends a render create only after a 429 (refused, so nothing started), when the wait is short', async () => {
    const { calls, fetch } = scripted([json(429, {}, { 'retry-after': '1' }), json(200, { data: { video_id: 'v_1', status: 'waiting' } })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {}, maxRateLimitWaitMs: 2000 });
    expect(await client.generate(renderBody, key)).toBe('v_1');
    expect(calls).toHaveLength(2);
  });

  it('reads v3 error bodies: status first, then code and message (402 insufficient_credit is a refusal)', async () => {
    const { calls, fetch } = scripted([v3Error(402, 'insufficient_credit', 'Your account has 5 credits but this video requires 10 credits.')]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    const err = (await client.generate(renderBody, key).catch((e) => e)) as HeyGenError;
    expect([err.kind, err.status, err.message]).toEqual(['rejected', 402, 'HeyGen refused POST /v3/videos (HTTP 402): insufficient_credit: Your account has 5 credits but this video requires 10 credits.']);
    expect(calls).toHaveLength(1);
  });

  it('names v3’s error.param in the message when a validation error carries one', async () => {
    const withParam = scripted([json(400, { error: { code: 'invalid_parameter', message: 'Field required', param: 'voice_id', doc_url: 'https://developers.heygen.com/docs/error-codes#invalid-parameter' } })]);
    const err = (await new HeyGenClient({ apiKey: 'k', fetch: withParam.fetch }).generate(renderBody, key).catch((e) => e)) as HeyGenError;
    expect(err.message).toBe('HeyGen refused POST /v3/videos (HTTP 400): invalid_parameter (voice_id): Field required');
    // A 2xx envelope carrying an error names it the same way; without a message the code and param still say what was wrong.
    const inEnvelope = scripted([json(200, { error: { code: 'invalid_parameter', param: 'limit' } })]);
    const err2 = (await new HeyGenClient({ apiKey: 'k', fetch: inEnvelope.fetch }).remainingQuota().catch((e) => e)) as HeyGenError;
    expect(err2.message).toBe('HeyGen error: invalid_parameter (limit)');
  });

  it('keeps a 429’s error code, telling a spent quota from a rate limit', async () => {
    const refuse = async (code: string | null) => {
      const body = code ? { error: { code, message: 'no' } } : {};
      const { fetch } = scripted([json(429, body, { 'retry-after': '30' })]);
      return (await new HeyGenClient({ apiKey: 'k', fetch }).generate(renderBody, key).catch((e) => e)) as HeyGenError;
    };
    const quota = await refuse('insufficient_credit');
    expect([quota.kind, quota.code, isQuotaRefusal(quota)]).toEqual(['rate_limited', 'insufficient_credit', true]);
    expect(isQuotaRefusal(await refuse('Usage_Quota_Exceeded'))).toBe(true);
    expect(isQuotaRefusal(await refuse('rate_limit_exceeded'))).toBe(false);
    const bare = await refuse(null);
    expect([bare.code, isQuotaRefusal(bare)]).toEqual([null, false]);
    // The same code on another status is not this case (a 402 is already a refusal).
    expect(isQuotaRefusal(new HeyGenError('rejected', 'x', 402, null, 'insufficient_credit'))).toBe(false);
  });

  it('does not retry a 401/403 whose body is an HTML page: the status decides, not the body', async () => {
    for (const status of [401, 403]) {
      const { calls, fetch } = scripted([() => new Response('<html>Forbidden</html>', { status }), list([])]);
      const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
      await expect(client.listAvatars()).rejects.toMatchObject({ kind: 'rejected', status, message: expect.stringMatching(/no JSON body/) });
      expect(calls).toHaveLength(1);
    }
  });

  it('waits at least a 5xx Retry-After (seconds or HTTP date) before retrying a read', async () => {
    const at = new Date(Date.now() + 8000).toUTCString();
    const { fetch } = scripted([json(503, {}, { 'retry-after': '4' }), json(503, {}, { 'retry-after': at }), list([]), list([])]);
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
    const { calls, fetch } = scripted([json(429, {}, { 'retry-after': '1' }), list([]), list([])]);
    const sleeps: number[] = [];
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async (ms) => void sleeps.push(ms), maxRateLimitWaitMs: 2000 });
    expect(await client.listVoices()).toEqual([]);
    expect([calls.length, sleeps]).toEqual([3, [1000]]);
  });

  it('does not retry a request HeyGen refuses', async () => {
    const { calls, fetch } = scripted([json(400, { error: { code: 'invalid_parameter', message: 'limit must be at most 50', param: 'limit', doc_url: 'https://developers.heygen.com/docs/error-codes' } })]);
    const client = new HeyGenClient({ apiKey: 'k', fetch, sleep: async () => {} });
    await expect(client.listAvatars()).rejects.toMatchObject({ kind: 'rejected', status: 400, message: expect.stringMatching(/invalid_parameter \(limit\): limit must be at most 50/) });
    expect(calls).toHaveLength(1);
  });

  it('reads GET /v3/videos/{id}: id, subtitle_url as captions, failure_code/failure_message', async () => {
    const { calls, fetch } = scripted([
      json(200, {
        data: {
          id: 'v1', status: 'completed', title: 't', created_at: 1711929600, completed_at: 1711930200, video_url: 'https://x/v.mp4', thumbnail_url: 'https://x/t.jpg',
          gif_url: 'https://x/g.gif', captioned_video_url: 'https://x/vc.mp4', subtitle_url: 'https://x/c.srt', duration: 31.5, folder_id: null, video_page_url: 'https://app.heygen.com/videos/v1',
        },
      }),
      json(200, { data: { id: 'v2', status: 'failed', failure_code: 'rendering_failed', failure_message: 'Avatar rendering timed out' } }),
    ]);
    const client = new HeyGenClient({ apiKey: 'k', baseUrl: 'https://heygen.test', fetch });
    expect(await client.status('v1')).toEqual({ id: 'v1', status: 'completed', videoUrl: 'https://x/v.mp4', thumbnailUrl: 'https://x/t.jpg', captionUrl: 'https://x/c.srt', durationSec: 31.5, error: null });
    expect(await client.status('v2')).toMatchObject({ status: 'failed', error: { code: 'rendering_failed', message: 'Avatar rendering timed out' } });
    expect(calls.map((c) => c.url)).toEqual(['https://heygen.test/v3/videos/v1', 'https://heygen.test/v3/videos/v2']);
  });

  it.each(['waiting', 'queued', 'pending', 'some_future_status'])('maps status %s to pending (not terminal)', async (status) => {
    const { fetch } = scripted([json(200, { data: { id: 'v1', status } })]);
    expect(await new HeyGenClient({ apiKey: 'k', fetch }).status('v1')).toMatchObject({ status: 'pending', videoUrl: null, error: null });
  });
});

describe('toCreateRequest', () => {
  it('joins the scenes into one script with blank lines, in order, and sends only v3 fields', () => {
    const body = toCreateRequest(storyboard, { callbackId: 'job-1', title: 'AI agents (tiktok) [sl:job-1]', callbackUrl: 'https://app.test/v1/webhooks/heygen' });
    expect(body).toEqual({
      type: 'avatar',
      avatar_id: storyboard.casting.avatar.id,
      script: storyboard.scenes.map((s) => s.text).join('\n\n'),
      voice_id: storyboard.casting.voice.id,
      voice_settings: { speed: 1 },
      title: 'AI agents (tiktok) [sl:job-1]',
      resolution: '1080p',
      aspect_ratio: '9:16',
      background: { type: 'color', value: '#FAFAFA' },
      caption: { file_format: 'srt' },
      callback_id: 'job-1',
      callback_url: 'https://app.test/v1/webhooks/heygen',
    });
    expect(storyboard.scenes.length).toBeGreaterThan(1);
    expect('callback_url' in toCreateRequest(storyboard, { callbackId: 'j', title: 't' })).toBe(false);
  });

  it.each([
    [{ width: 1080, height: 1920 }, '9:16', '1080p'],
    [{ width: 1080, height: 1080 }, '1:1', '1080p'],
    [{ width: 1920, height: 1080 }, '16:9', '1080p'],
    [{ width: 720, height: 1280 }, '9:16', '720p'],
    [{ width: 3840, height: 2160 }, '16:9', '4k'],
  ])('maps the frame %j to aspect_ratio %s at %s', (dimension, aspect, resolution) => {
    expect(toCreateRequest({ ...storyboard, dimension }, { callbackId: 'j', title: 't' })).toMatchObject({ aspect_ratio: aspect, resolution });
  });

  it('refuses a frame v3 has no aspect ratio for, and a script over 5,000 characters, before sending', () => {
    expect(() => toCreateRequest({ ...storyboard, dimension: { width: 1080, height: 1350 } }, { callbackId: 'j', title: 't' })).toThrow(/no aspect ratio for a 1080×1350 frame/);
    const long = { ...storyboard, scenes: [{ ...storyboard.scenes[0]!, text: 'word '.repeat(1000) }, { ...storyboard.scenes[0]!, text: 'more' }] };
    const err = (() => {
      try {
        toCreateRequest(long, { callbackId: 'j', title: 't' });
      } catch (e) {
        return e as HeyGenError;
      }
    })();
    expect([err?.kind, err?.message]).toEqual(['rejected', 'the script is 5005 characters; HeyGen accepts at most 5000']);
  });
});

describe('remainingQuota (GET /v3/users/me)', () => {
  const me = (data: unknown) => json(200, { data });
  it.each([
    ['a wallet in credits', { billing_type: 'wallet', wallet: { currency: 'credits', remaining_balance: 42.5 } }, 425],
    ['a wallet in dollars', { billing_type: 'wallet', wallet: { currency: 'usd', remaining_balance: 3 } }, 30],
    ['an empty wallet', { billing_type: 'wallet', wallet: { currency: 'usd', remaining_balance: 0 } }, 0],
    ['a subscription: premium plus add-on credits', { billing_type: 'subscription', subscription: { plan: 'pro', credits: { premium_credits: { remaining: 30 }, add_on_credits: { remaining: 12 } } } }, 420],
    ['usage-based with a cap: cap minus spend', { billing_type: 'usage_based', usage_based: { spending_current_usd: 42.5, spending_cap_usd: 100 } }, 575],
    ['usage-based over its cap', { billing_type: 'usage_based', usage_based: { spending_current_usd: 120, spending_cap_usd: 100 } }, 0],
    ['usage-based without a cap: no limit', { billing_type: 'usage_based', usage_based: { spending_current_usd: 42.5, spending_cap_usd: null } }, null],
    ['a wallet without a balance', { billing_type: 'wallet', wallet: { currency: 'usd', remaining_balance: null } }, null],
    ['a billing type we do not know', { billing_type: 'enterprise_contract' }, null],
  ])('%s', async (_name, data, seconds) => {
    const { fetch } = scripted([me(data)]);
    expect(await new HeyGenClient({ apiKey: 'k', fetch }).remainingQuota()).toBe(seconds);
  });

  it('converts with the configured cost per second', async () => {
    const { fetch } = scripted([wallet(10)]);
    expect(await new HeyGenClient({ apiKey: 'k', fetch, costPerSec: 0.05 }).remainingQuota()).toBe(200);
  });

  it('falls back to /v3/user/me when /v3/users/me does not exist', async () => {
    const { calls, fetch } = scripted([v3Error(404, 'not_found', 'Not found'), wallet(6)]);
    expect(await new HeyGenClient({ apiKey: 'k', baseUrl: 'https://heygen.test', fetch }).remainingQuota()).toBe(60);
    expect(calls.map((c) => c.url)).toEqual(['https://heygen.test/v3/users/me', 'https://heygen.test/v3/user/me']);
  });

  it('does not fall back on other refusals', async () => {
    const { calls, fetch } = scripted([v3Error(401, 'unauthorized', 'Invalid API key'), wallet(6)]);
    await expect(new HeyGenClient({ apiKey: 'k', fetch }).remainingQuota()).rejects.toMatchObject({ kind: 'rejected', status: 401 });
    expect(calls).toHaveLength(1);
  });

  it('remainingBalance reads only the object billing_type names', () => {
    expect(remainingBalance({ billing_type: 'subscription', wallet: { remaining_balance: 99 }, subscription: { credits: { premium_credits: { remaining: 5 } } } })).toBe(5);
  });
});

describe('catalogue (GET /v3/avatars/looks, GET /v3/voices)', () => {
  const lookRow = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `Look ${id}`, avatar_type: 'studio_avatar', gender: 'female', status: null, ...extra });
  const voiceRow = (id: string, extra: Record<string, unknown> = {}) => ({ voice_id: id, name: `Voice ${id}`, language: 'English', gender: 'male', type: 'public', ...extra });

  it('lists the account’s own looks first, then public looks across pages with next_token, leaving out private looks that cannot render yet', async () => {
    const { calls, fetch } = scripted([
      list([lookRow('look_twin', { avatar_type: 'video_avatar', status: 'completed' }), lookRow('look_training', { avatar_type: 'video_avatar', status: 'processing' })]),
      list([lookRow('look_a'), lookRow('look_b', { gender: null })], 'tok-2'),
      list([lookRow('look_c', { gender: 'male' }), lookRow('look_twin', { status: 'completed' })]),
    ]);
    const avatars = await new HeyGenClient({ apiKey: 'k', baseUrl: 'https://heygen.test', fetch }).listAvatars();
    expect(avatars).toEqual([
      { id: 'look_twin', name: 'Look look_twin', gender: 'female' },
      { id: 'look_a', name: 'Look look_a', gender: 'female' },
      { id: 'look_b', name: 'Look look_b', gender: 'unknown' },
      { id: 'look_c', name: 'Look look_c', gender: 'male' },
    ]);
    expect(calls.map((c) => c.url)).toEqual([
      'https://heygen.test/v3/avatars/looks?ownership=private&limit=50',
      'https://heygen.test/v3/avatars/looks?ownership=public&limit=50',
      'https://heygen.test/v3/avatars/looks?ownership=public&limit=50&token=tok-2',
    ]);
  });

  it('stops the public looks after a bounded number of pages, and the account’s own after a larger bound', async () => {
    const own = (n: number) => Array.from({ length: n }, (_, i) => list([lookRow(`own${i}`, { status: 'completed' })], `o${i + 1}`));
    const pub = (n: number) => Array.from({ length: n }, (_, i) => list([lookRow(`l${i}`)], `t${i + 1}`));
    const bounded = scripted([list([lookRow('own0', { status: 'completed' })]), ...pub(5)]);
    expect(await new HeyGenClient({ apiKey: 'k', fetch: bounded.fetch, maxCataloguePages: 3 }).listAvatars()).toHaveLength(4);
    expect(bounded.calls).toHaveLength(4);
    // 15 pages of own looks: all read (default own bound 20), then the 3 public pages.
    const many = scripted([...own(14), list([lookRow('own14', { status: 'completed' })]), ...pub(5)]);
    const looks = await new HeyGenClient({ apiKey: 'k', fetch: many.fetch, maxCataloguePages: 3 }).listAvatars();
    expect(looks.map((l) => l.id)).toEqual([...Array.from({ length: 15 }, (_, i) => `own${i}`), 'l0', 'l1', 'l2']);
    expect(many.calls).toHaveLength(18);
  });

  it('lists the account’s own voices and the public ones across pages, once each, without emotion support', async () => {
    const { calls, fetch } = scripted([
      list([voiceRow('own_1', { type: 'private', gender: 'female', language: 'German' })]),
      list([voiceRow('pub_1'), voiceRow('own_1')], 'p2'),
      list([voiceRow('pub_2', { gender: 'female' })]),
    ]);
    const voices = await new HeyGenClient({ apiKey: 'k', baseUrl: 'https://heygen.test', fetch }).listVoices();
    expect(voices).toEqual([
      { id: 'own_1', name: 'Voice own_1', language: 'German', gender: 'female', emotionSupport: false },
      { id: 'pub_1', name: 'Voice pub_1', language: 'English', gender: 'male', emotionSupport: false },
      { id: 'pub_2', name: 'Voice pub_2', language: 'English', gender: 'female', emotionSupport: false },
    ]);
    expect(calls.map((c) => c.url)).toEqual([
      'https://heygen.test/v3/voices?type=private&limit=100',
      'https://heygen.test/v3/voices?limit=100',
      'https://heygen.test/v3/voices?limit=100&token=p2',
    ]);
  });
});

describe('listVoices refusals', () => {
  it('keeps the public voices when HeyGen refuses the private list, but not when the key is refused', async () => {
    const forbidden = scripted([json(403, { error: { code: 'forbidden', message: 'plan has no voice clones' } }), list([{ voice_id: 'pub_1', name: 'P', language: 'English', gender: 'male' }])]);
    expect((await new HeyGenClient({ apiKey: 'k', fetch: forbidden.fetch }).listVoices()).map((v) => v.id)).toEqual(['pub_1']);
    const unauthorized = scripted([json(401, { error: { code: 'unauthorized', message: 'Invalid API key' } })]);
    await expect(new HeyGenClient({ apiKey: 'k', fetch: unauthorized.fetch }).listVoices()).rejects.toMatchObject({ kind: 'rejected', status: 401 });
  });
});

describe('findRender (GET /v3/videos)', () => {
  const page = (videos: { id: string; title: string; created: number }[], next: string | null) =>
    list(videos.map((v) => ({ id: v.id, status: 'processing', title: v.title, created_at: v.created, video_url: null })), next);
  const t0 = Date.parse('2026-11-24T12:00:00Z');
  const s = (ms: number) => Math.floor(ms / 1000);
  const marker = encodeURIComponent('[sl:job-1]');

  it('asks HeyGen to filter by the marker and pages on with next_token until a title contains it', async () => {
    const { calls, fetch } = scripted([
      // A proxy that ignores the filter: the client still checks each title.
      page([{ id: 'v_9', title: 'Other [sl:job-9]', created: s(t0 + 60_000) }], 'tok-2'),
      page([{ id: 'v_1', title: 'AI agents (tiktok) [sl:job-1]', created: s(t0 + 5000) }], null),
    ]);
    const client = new HeyGenClient({ apiKey: 'k', baseUrl: 'https://heygen.test', fetch });
    expect(await client.findRender('[sl:job-1]', { notBefore: t0 })).toEqual({ found: { id: 'v_1', title: 'AI agents (tiktok) [sl:job-1]', status: 'processing', createdAt: s(t0 + 5000) * 1000 } });
    expect(calls.map((c) => c.url)).toEqual([`https://heygen.test/v3/videos?limit=100&title=${marker}`, `https://heygen.test/v3/videos?limit=100&token=tok-2&title=${marker}`]);
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

  it('answers unknown when has_more comes without a next_token, and fails on a list without data', async () => {
    const broken = scripted([json(200, { data: [{ id: 'v_5', status: 'processing', title: 'n', created_at: s(t0 + 60_000) }], has_more: true, next_token: null })]);
    expect(await new HeyGenClient({ apiKey: 'k', fetch: broken.fetch }).findRender('[sl:job-1]', { notBefore: t0 })).toMatchObject({ unknown: expect.stringMatching(/next_token/) });
    const empty = scripted([json(200, { has_more: false }), json(200, { has_more: false }), json(200, { has_more: false })]);
    await expect(new HeyGenClient({ apiKey: 'k', fetch: empty.fetch, sleep: async () => {} }).findRender('[sl:job-1]', { notBefore: t0 })).rejects.toMatchObject({ kind: 'transient' });
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
