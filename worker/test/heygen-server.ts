/**
 * A local HeyGen-compatible server for tests and the bench: the documented endpoints with
 * the documented JSON shapes, plus fault injection. Each X-Api-Key is its own account
 * (own videos, quota, faults and log), so test files running side by side cannot disturb
 * each other; every control call names the account with `?key=`.
 *
 * API (as documented by HeyGen):
 *   GET  /v2/avatars                 {"error": null, "data": {"avatars": [...], "talking_photos": []}}
 *   GET  /v2/voices                  {"error": null, "data": {"voices": [...]}}
 *   POST /v2/video/generate          {"error": null, "data": {"video_id": "..."}}. Like the documented
 *                                    endpoint it has no idempotency key: every accepted POST is a new
 *                                    paid render (an Idempotency-Key header is only counted, never honoured)
 *   GET  /v1/video.list?limit=&token=  {"code": 100, "data": {"videos": [{video_id, video_title, status,
 *                                    created_at (unix s), type}], "token": next page or null}, newest first
 *   GET  /v1/video_status.get?video_id=  {"code": 100, "data": {status pending|processing|completed|failed, ...}, "message": "Success"}
 *   GET  /v2/user/remaining_quota    {"error": null, "data": {"remaining_quota": seconds, "details": {"api": seconds}}}
 *   Webhooks avatar_video.success / avatar_video.fail, signed: Heygen-Signature = hex
 *   HMAC-SHA256(raw body, secret); Heygen-Timestamp and Heygen-Event-Id ride along unsigned.
 *   A redelivery (duplicateWebhooks) gets a fresh event id and timestamp, as a retry or a
 *   replay would. They are put in an outbox (GET /__webhooks drains it) for the test to
 *   deliver to the worker.
 *
 * Control:
 *   POST /__config?key=K   merge into the account's config (fault rates, render times, quota…)
 *   POST /__faults?key=K   [{ "path": "/v2/video/generate", "status": 429, "headers": {...}, "times": 1 }]
 *   GET  /__log?key=K      requests, per-status counts, renders per callback_id and per idempotency key
 *   GET  /__webhooks?key=K drain pending webhook deliveries [{ headers, body }]
 *   POST /__reset?key=K    forget the account
 *
 * It also answers POST /v1/chat/completions (OpenAI's documented response shape) with the
 * account's `llmReply`, keyed by the bearer token, so the video-script LLM path can be
 * tested without sharing the global OpenAI fake's reply queue with other test files.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../../shared/predict/logistic.ts';

export interface HeyGenFakeConfig {
  /** Probability that an API call gets 429 with Retry-After. */
  rate429: number;
  retryAfterSec: number;
  /** Probability that an API call gets a 500 before doing anything. */
  rate500: number;
  /** Probability that a generate call starts the render and still answers 500 (a lost response). */
  rate500AfterCommit: number;
  /** Probability that a render ends `failed`. */
  failRenderRate: number;
  renderMs: number;
  slowRenderRate: number;
  slowRenderMs: number;
  /** Extra copies of each webhook delivery. */
  duplicateWebhooks: number;
  webhookSecret: string;
  quotaSec: number;
  seed: number;
  /** Reply of the OpenAI-compatible chat endpoint for this key (the video script LLM). */
  llmReply: string;
  llmStatus: number;
}

const defaults: HeyGenFakeConfig = {
  rate429: 0,
  retryAfterSec: 1,
  rate500: 0,
  rate500AfterCommit: 0,
  failRenderRate: 0,
  renderMs: 30,
  slowRenderRate: 0,
  slowRenderMs: 3000,
  duplicateWebhooks: 0,
  webhookSecret: 'whsec_test_secret',
  quotaSec: 36_000,
  seed: 1,
  llmReply: '',
  llmStatus: 200,
};

export const fakeAvatars = [
  { avatar_id: 'Anna_public_3_20240108', avatar_name: 'Anna in Business Suit', gender: 'female', preview_image_url: 'https://files.heygen.ai/anna.webp', preview_video_url: 'https://files.heygen.ai/anna.mp4', premium: false },
  { avatar_id: 'Brandon_casual_hoodie_20240301', avatar_name: 'Brandon Casual Hoodie', gender: 'male', preview_image_url: 'https://files.heygen.ai/brandon.webp', preview_video_url: 'https://files.heygen.ai/brandon.mp4', premium: false },
  { avatar_id: 'Carla_teacher_office_20240215', avatar_name: 'Carla Teacher Office', gender: 'female', preview_image_url: 'https://files.heygen.ai/carla.webp', preview_video_url: 'https://files.heygen.ai/carla.mp4', premium: false },
];
export const fakeVoices = [
  { voice_id: 'v_en_f_professional', language: 'English', gender: 'female', name: 'Sara - Professional', preview_audio: 'https://files.heygen.ai/sara.mp3', support_pause: true, emotion_support: false, support_interactive_avatar: true },
  { voice_id: 'v_en_m_friendly', language: 'English', gender: 'male', name: 'Mike - Friendly', preview_audio: 'https://files.heygen.ai/mike.mp3', support_pause: true, emotion_support: true, support_interactive_avatar: true },
  { voice_id: 'v_de_m', language: 'German', gender: 'male', name: 'Jonas', preview_audio: 'https://files.heygen.ai/jonas.mp3', support_pause: true, emotion_support: false, support_interactive_avatar: false },
];

interface Video {
  id: string;
  callbackId: string | null;
  title: string;
  createdAt: number;
  doneAt: number;
  willFail: boolean;
  durationSec: number;
  settled: boolean;
}

interface Account {
  config: HeyGenFakeConfig;
  rng: () => number;
  faults: { path: string; status: number; headers?: Record<string, string>; body?: string; times: number }[];
  videos: Map<string, Video>;
  rendersByCallback: Record<string, number>;
  rendersByKey: Record<string, number>;
  requests: { method: string; path: string; status: number }[];
  statusCounts: Record<string, number>;
  outbox: { headers: Record<string, string>; body: string }[];
  quotaUsedSec: number;
  events: number;
}


function newAccount(config: Partial<HeyGenFakeConfig> = {}): Account {
  const c = { ...defaults, ...config };
  return {
    config: c,
    rng: mulberry32(c.seed),
    faults: [],
    videos: new Map(),
    rendersByCallback: {},
    rendersByKey: {},
    requests: [],
    statusCounts: {},
    outbox: [],
    quotaUsedSec: 0,
    events: 0,
  };
}

export async function startHeyGenServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const accounts = new Map<string, Account>();
  const account = (key: string) => {
    let a = accounts.get(key);
    if (!a) accounts.set(key, (a = newAccount()));
    return a;
  };
  let nextId = 1;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

    // ---- control API ----
    if (url.pathname.startsWith('/__')) {
      const key = url.searchParams.get('key') ?? '';
      if (url.pathname === '/__reset') {
        accounts.delete(key);
        return send(204, '');
      }
      const a = account(key);
      if (url.pathname === '/__config' && req.method === 'POST') {
        const patch = JSON.parse(raw || '{}') as Partial<HeyGenFakeConfig>;
        a.config = { ...a.config, ...patch };
        if (patch.seed !== undefined) a.rng = mulberry32(patch.seed);
        return send(200, a.config);
      }
      if (url.pathname === '/__faults' && req.method === 'POST') {
        a.faults.push(...(JSON.parse(raw) as Account['faults']));
        return send(204, '');
      }
      if (url.pathname === '/__log') {
        settle(a, url.origin);
        return send(200, {
          requests: a.requests,
          statusCounts: a.statusCounts,
          rendersByCallback: a.rendersByCallback,
          rendersByKey: a.rendersByKey,
          videos: a.videos.size,
          quotaUsedSec: a.quotaUsedSec,
        });
      }
      if (url.pathname === '/__webhooks') {
        settle(a, hostOrigin(req));
        const out = a.outbox;
        a.outbox = [];
        return send(200, out);
      }
      return send(404, { error: 'no such control route' });
    }

    if (url.pathname === '/v1/chat/completions' && req.method === 'POST') {
      const bearer = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const a = account(bearer);
      a.requests.push({ method: 'POST', path: url.pathname, status: a.config.llmStatus });
      if (a.config.llmStatus !== 200) return send(a.config.llmStatus, { error: { message: 'injected', type: 'server_error', code: null } });
      const content = a.config.llmReply;
      return send(200, {
        id: `chatcmpl-${nextId++}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: (JSON.parse(raw) as { model?: string }).model ?? 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((raw.length + content.length) / 4) },
      });
    }

    // ---- the HeyGen API ----
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !key || key.startsWith('invalid')) {
      return send(401, { error: { code: 'authentication_failed', message: 'Invalid API key' }, data: null });
    }
    const a = account(key);
    settle(a, hostOrigin(req));
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      a.requests.push({ method: req.method ?? 'GET', path: url.pathname, status });
      a.statusCounts[status] = (a.statusCounts[status] ?? 0) + 1;
      send(status, body, headers);
    };

    const fault = a.faults.find((f) => url.pathname.startsWith(f.path) && f.times > 0);
    if (fault) {
      fault.times--;
      return reply(fault.status, fault.body ?? { error: { code: `http_${fault.status}`, message: `injected ${fault.status}` }, data: null }, fault.headers ?? {});
    }
    const c = a.config;
    const roll = a.rng();
    if (roll < c.rate429) {
      return reply(429, { error: { code: 'rate_limit_exceeded', message: 'Too many requests' }, data: null }, { 'retry-after': String(c.retryAfterSec) });
    }
    if (roll < c.rate429 + c.rate500) return reply(500, { error: { code: 'internal_error', message: 'Internal server error' }, data: null });

    if (req.method === 'GET' && url.pathname === '/v2/avatars') return reply(200, { error: null, data: { avatars: fakeAvatars, talking_photos: [] } });
    if (req.method === 'GET' && url.pathname === '/v2/voices') return reply(200, { error: null, data: { voices: fakeVoices } });
    if (req.method === 'GET' && url.pathname === '/v2/user/remaining_quota') {
      const left = Math.max(0, c.quotaSec - a.quotaUsedSec);
      return reply(200, { error: null, data: { remaining_quota: left, details: { api: left } } });
    }

    if (req.method === 'POST' && url.pathname === '/v2/video/generate') {
      let body: {
        video_inputs?: { character?: { type?: string; avatar_id?: string }; voice?: { type?: string; input_text?: string; voice_id?: string } }[];
        dimension?: { width?: number; height?: number };
        callback_id?: string;
        title?: string;
      };
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(400, { error: { code: 'invalid_parameter', message: 'body is not JSON' }, data: null });
      }
      const inputs = body.video_inputs ?? [];
      const invalid = (message: string) => reply(400, { error: { code: 'invalid_parameter', message }, data: null });
      if (inputs.length < 1 || inputs.length > 50) return invalid('video_inputs must have 1 to 50 items');
      let text = '';
      for (const [i, v] of inputs.entries()) {
        if (v.character?.type !== 'avatar' || !fakeAvatars.some((x) => x.avatar_id === v.character?.avatar_id)) return invalid(`video_inputs[${i}].character: avatar not found`);
        if (v.voice?.type !== 'text' || !fakeVoices.some((x) => x.voice_id === v.voice?.voice_id)) return invalid(`video_inputs[${i}].voice: voice not found`);
        text += `${v.voice.input_text ?? ''} `;
      }
      if (text.trim().length > 5000) return invalid('input_text is longer than 5000 characters');
      if (body.dimension && (!body.dimension.width || !body.dimension.height)) return invalid('dimension needs width and height');

      const idem = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
      const id = `v_${(nextId++).toString(16).padStart(8, '0')}${Math.floor(a.rng() * 1e8).toString(16)}`;
      const slow = a.rng() < c.slowRenderRate;
      const now = Date.now();
      const words = text.trim().split(/\s+/).length;
      a.videos.set(id, {
        id,
        callbackId: body.callback_id ?? null,
        title: body.title ?? '',
        createdAt: now,
        doneAt: now + (slow ? c.slowRenderMs : c.renderMs),
        willFail: a.rng() < c.failRenderRate,
        durationSec: Math.round((words / 150) * 60 * 10) / 10,
        settled: false,
      });
      if (idem) a.rendersByKey[idem] = (a.rendersByKey[idem] ?? 0) + 1;
      const cb = body.callback_id ?? `(no callback_id) ${id}`;
      a.rendersByCallback[cb] = (a.rendersByCallback[cb] ?? 0) + 1;
      // The render is running and paid for; the caller just never hears about it.
      if (a.rng() < c.rate500AfterCommit) return reply(500, { error: { code: 'internal_error', message: 'Internal server error' }, data: null });
      return reply(200, { error: null, data: { video_id: id } });
    }

    if (req.method === 'GET' && url.pathname === '/v1/video.list') {
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 10) || 10));
      const offset = Number(url.searchParams.get('token') ?? 0) || 0;
      const all = [...a.videos.values()].sort((x, y) => y.createdAt - x.createdAt || (y.id < x.id ? -1 : 1));
      const page = all.slice(offset, offset + limit);
      const now = Date.now();
      return reply(200, {
        code: 100,
        data: {
          videos: page.map((v) => ({
            video_id: v.id,
            video_title: v.title,
            status: now >= v.doneAt ? (v.willFail ? 'failed' : 'completed') : 'processing',
            created_at: Math.floor(v.createdAt / 1000),
            type: 'GENERATED',
          })),
          token: offset + limit < all.length ? String(offset + limit) : null,
        },
        message: 'Success',
      });
    }

    if (req.method === 'GET' && url.pathname === '/v1/video_status.get') {
      const v = a.videos.get(url.searchParams.get('video_id') ?? '');
      if (!v) return reply(404, { code: 40004, data: null, message: 'video not found' });
      const now = Date.now();
      const status = now >= v.doneAt ? (v.willFail ? 'failed' : 'completed') : now - v.createdAt < (v.doneAt - v.createdAt) / 3 ? 'pending' : 'processing';
      const base = hostOrigin(req);
      const expires = Math.floor(now / 1000) + 7 * 24 * 3600;
      const done = status === 'completed';
      return reply(200, {
        code: 100,
        data: {
          id: v.id,
          status,
          callback_id: v.callbackId,
          video_url: done ? `${base}/files/${v.id}.mp4?Expires=${expires}` : null,
          video_url_caption: done ? `${base}/files/${v.id}_caption.mp4?Expires=${expires}` : null,
          thumbnail_url: done ? `${base}/files/${v.id}.jpg?Expires=${expires}` : null,
          gif_url: done ? `${base}/files/${v.id}.gif?Expires=${expires}` : null,
          caption_url: done ? `${base}/files/${v.id}.srt?Expires=${expires}` : null,
          duration: done ? v.durationSec : null,
          error: status === 'failed' ? { code: 40119, message: 'Avatar rendering failed', detail: 'injected render failure' } : null,
        },
        message: 'Success',
      });
    }
    reply(404, { error: { code: 'not_found', message: `no route ${req.method} ${url.pathname}` }, data: null });
  });

  /** Finishes renders whose time has come: charges quota once and queues their webhooks. */
  function settle(a: Account, origin: string) {
    const now = Date.now();
    for (const v of a.videos.values()) {
      if (v.settled || now < v.doneAt) continue;
      v.settled = true;
      if (!v.willFail) a.quotaUsedSec += v.durationSec;
      const body = JSON.stringify(
        v.willFail
          ? { event_type: 'avatar_video.fail', event_data: { video_id: v.id, msg: 'Avatar rendering failed', callback_id: v.callbackId } }
          : { event_type: 'avatar_video.success', event_data: { video_id: v.id, url: `${origin}/files/${v.id}.mp4`, callback_id: v.callbackId } },
      );
      const signature = createHmac('sha256', a.config.webhookSecret).update(body).digest('hex');
      for (let i = 0; i <= a.config.duplicateWebhooks; i++) {
        const headers = {
          'content-type': 'application/json',
          'heygen-signature': signature,
          'heygen-timestamp': String(Math.floor(now / 1000) + i),
          'heygen-event-id': `evt_${++a.events}_${v.id}`,
        };
        a.outbox.push({ headers, body });
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Keep-alive connections from workerd would otherwise hold the teardown open.
  server.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function hostOrigin(req: IncomingMessage): string {
  return `http://${req.headers.host ?? 'localhost'}`;
}
