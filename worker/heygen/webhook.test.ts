import { describe, expect, it } from 'vitest';
import { hmacHex, verifyWebhook } from './webhook.ts';

const secret = 'whsec_k7x9m2';
const body = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v_1', url: 'https://files.heygen.ai/v_1.mp4', callback_id: 'job-1' } });
const now = Date.parse('2026-11-24T12:00:00Z');
const ts = String(now / 1000);

describe('verifyWebhook', () => {
  it('accepts Heygen-Signature = hex HMAC-SHA256(raw body); the dedup key comes from the signed body', async () => {
    const headers = new Headers({ 'heygen-signature': await hmacHex(secret, body), 'heygen-timestamp': ts, 'heygen-event-id': 'evt_1' });
    expect(await verifyWebhook(headers, body, secret, now)).toEqual({
      ok: true,
      event: { eventId: 'avatar_video.success:v_1', eventType: 'avatar_video.success', videoId: 'v_1', callbackId: 'job-1', url: 'https://files.heygen.ai/v_1.mp4', message: null },
    });
  });

  it('gives a replay with a new event id and a fresh timestamp the same dedup key (those headers are not signed)', async () => {
    const mac = await hmacHex(secret, body);
    const first = await verifyWebhook(new Headers({ 'heygen-signature': mac, 'heygen-timestamp': ts, 'heygen-event-id': 'evt_1' }), body, secret, now);
    const replay = await verifyWebhook(new Headers({ 'heygen-signature': mac, 'heygen-timestamp': String(now / 1000 + 120), 'heygen-event-id': 'evt_forged' }), body, secret, now);
    expect(first.ok && replay.ok && replay.event.eventId === first.event.eventId).toBe(true);
  });

  it('accepts the legacy `signature` header; a body without a video id is keyed by its hash', async () => {
    const other = JSON.stringify({ event_type: 'personalized_video', event_data: { project_id: 'p1' } });
    const r = await verifyWebhook(new Headers({ signature: await hmacHex(secret, other) }), other, secret, now);
    expect(r.ok && r.event.eventId).toMatch(/^body:[0-9a-f]{64}$/);
  });

  it('accepts X-HeyGen-Signature, with or without a sha256= prefix', async () => {
    const mac = await hmacHex(secret, body);
    for (const value of [mac, `sha256=${mac}`, mac.toUpperCase()]) {
      expect((await verifyWebhook(new Headers({ 'X-HeyGen-Signature': value }), body, secret, now)).ok).toBe(true);
    }
    expect(await verifyWebhook(new Headers({ 'X-HeyGen-Signature': `sha256=${await hmacHex('other', body)}` }), body, secret, now)).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    ['a tampered body', async () => new Headers({ 'heygen-signature': await hmacHex(secret, body), 'heygen-timestamp': ts }), `${body} `],
    ['another secret', async () => new Headers({ 'heygen-signature': await hmacHex('other', body), 'heygen-timestamp': ts }), body],
    ['a timestamp outside five minutes (a sanity check only: it is not signed)', async () => new Headers({ 'heygen-signature': await hmacHex(secret, body), 'heygen-timestamp': String(now / 1000 - 600) }), body],
    ['no signature', async () => new Headers(), body],
  ])('rejects %s', async (_name, headers, payload) => {
    expect(await verifyWebhook(await headers(), payload, secret, now)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('verifyWebhook payload fields', () => {
  it('reads the v3 skills-doc names (video_url, message) when the documented url/msg are absent', async () => {
    const v3 = JSON.stringify({ event_id: 'e1', event_type: 'avatar_video.fail', event_data: { video_id: 'v_2', video_url: 'https://files.heygen.ai/v_2.mp4', message: 'Avatar rendering timed out', callback_id: 'job-2' } });
    const r = await verifyWebhook(new Headers({ 'heygen-signature': await hmacHex(secret, v3) }), v3, secret, now);
    expect(r).toMatchObject({ ok: true, event: { videoId: 'v_2', url: 'https://files.heygen.ai/v_2.mp4', message: 'Avatar rendering timed out', callbackId: 'job-2' } });
  });
});
