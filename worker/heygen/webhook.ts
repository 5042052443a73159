/**
 * HeyGen webhook verification. HeyGen signs each delivery with the endpoint's secret
 * (returned once when the endpoint is created: https://docs.heygen.com/reference/add-a-webhook-endpoint,
 * https://developers.heygen.com/docs/webhooks): the signature is the hex HMAC-SHA256 of the
 * raw request body, and nothing else. Current (v3) endpoints send it as `Heygen-Signature`
 * next to `Heygen-Timestamp` and `Heygen-Event-Id`; endpoints registered through the older
 * v1 API send it as `Signature`, and some integrations read `X-HeyGen-Signature`. All three
 * are accepted (with or without a `sha256=` prefix); each still needs the secret. (HeyGen's
 * v3 pages name a "Verifying Payloads" step without the header text in our copies; receivers
 * in the wild read `Signature` as hex HMAC-SHA256 of the raw body: see notes/heygen-v3.md.)
 *
 * Because only the body is signed, the timestamp and event-id headers prove nothing: a
 * captured delivery replays with a fresh timestamp and any event id. So neither is trusted
 * (the timestamp only gets a sanity check, below). Replays are stopped by de-duplicating on
 * what the signature does cover: the event type and video id in the body (a render succeeds
 * or fails once), see `eventId`. So a replay can trigger nothing beyond what HeyGen's own
 * delivery already did.
 */

/**
 * A `Heygen-Timestamp`, when sent, must be within five minutes. Unsigned, so this is a
 * sanity check (a clock or queueing fault upstream), not replay protection; HeyGen sends
 * one per delivery attempt, and a refused delivery is retried by HeyGen and covered by polling.
 */
const MAX_SKEW_SEC = 300;
const encoder = new TextEncoder();

export interface WebhookEvent {
  /** The delivery's de-duplication key, derived from the signed body: `<event_type>:<video_id>`. */
  eventId: string;
  eventType: string;
  videoId: string | null;
  callbackId: string | null;
  url: string | null;
  message: string | null;
}

export type VerifyResult = { ok: true; event: WebhookEvent } | { ok: false; status: 400 | 401; reason: string };

export async function hmacHex(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function verifyWebhook(headers: Headers, rawBody: string, secret: string, nowMs = Date.now()): Promise<VerifyResult> {
  const signature = (headers.get('heygen-signature') ?? headers.get('x-heygen-signature') ?? headers.get('signature') ?? '')
    .trim()
    .toLowerCase()
    .replace(/^sha256=/, '');
  if (!signature) return { ok: false, status: 401, reason: 'missing signature header' };
  const timestamp = headers.get('heygen-timestamp');
  if (timestamp !== null) {
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(nowMs / 1000 - ts) > MAX_SKEW_SEC) return { ok: false, status: 401, reason: 'stale or invalid timestamp' };
  }
  if (!timingSafeEqual(await hmacHex(secret, rawBody), signature)) return { ok: false, status: 401, reason: 'signature does not match' };

  let body: { event_id?: string; event_type?: string; event_data?: Record<string, unknown> };
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 400, reason: 'body is not JSON' };
  }
  const data = body.event_data ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const eventType = str(body.event_type);
  if (!eventType) return { ok: false, status: 400, reason: 'event_type missing' };
  const videoId = str(data.video_id);
  // The de-duplication key comes from the signed body only (an unsigned header would let a replay pick a new one).
  const eventId = videoId ? `${eventType}:${videoId}` : `body:${await hmacHex('dedup', rawBody)}`;
  return {
    ok: true,
    // HeyGen documents `url`/`msg` for these events; its v3 skills docs show `video_url`/`message`. Either is read.
    event: { eventId, eventType, videoId, callbackId: str(data.callback_id), url: str(data.url) ?? str(data.video_url), message: str(data.msg) ?? str(data.message) },
  };
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
