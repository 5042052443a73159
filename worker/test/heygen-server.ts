/**
 * A local HeyGen-compatible server for tests and the bench: the v3 endpoints with the
 * documented JSON shapes (notes/heygen-v3.md), plus fault injection. Each X-Api-Key is its
 * own account (own videos, quota, faults and log), so test files running side by side
 * cannot disturb each other; every control call names the account with `?key=`.
 *
 * API (HeyGen v3; success `{data}` or `{data: [...], has_more, next_token}`, failure
 * `{error: {code, message, param?, doc_url}}` with a real HTTP status):
 *   GET  /v3/avatars/looks?limit(1-50)&token&ownership=public|private   looks: {id, name, avatar_type, group_id,
 *                                    gender, ..., status}; public first, the account's own (extraPrivateLooks) last
 *   GET  /v3/voices?type=public|private&limit(1-100)&token   {voice_id, name, language, gender, type, ...}
 *   GET  /v3/users/me                billing_type "wallet", wallet {currency "credits", remaining_balance =
 *                                    (quotaSec − seconds rendered) × 0.1}; the path is `userMePath` (config), so
 *                                    the client's fallback to /v3/user/me can be exercised
 *   POST /v3/videos                  type "avatar" only; strict: an unknown field → 400 "Extra inputs are not
 *                                    permitted"; missing type/avatar_id/script → 400; → {data: {video_id, status:
 *                                    "waiting", output_format}}. Idempotency-Key: the same key within 24 h replays
 *                                    the first (committed) answer and starts no render (unless
 *                                    honourIdempotencyKey is false)
 *   GET  /v3/videos?limit(1-100)&token&title   VideoDetail rows, newest first; `title` is a substring filter
 *   GET  /v3/videos/{id}             {data: VideoDetail}: status pending|processing|completed|failed, video_url,
 *                                    thumbnail_url, subtitle_url, captioned_video_url, duration, failure_code/message
 *   /v1/*, /v2/*                     404 with a v3 error body (retired 2026-11-01)
 *   Webhooks avatar_video.success / avatar_video.fail ({event_type, event_data: {video_id, url |
 *   msg, callback_id}}), signed: Heygen-Signature = hex HMAC-SHA256(raw body, secret);
 *   Heygen-Timestamp and Heygen-Event-Id ride along unsigned. A redelivery
 *   (duplicateWebhooks) gets a fresh event id and timestamp, as a retry or a replay would.
 *   They are put in an outbox (GET /__webhooks drains it) for the test to deliver to the worker.
 *
 * Control:
 *   POST /__config?key=K   merge into the account's config (fault rates, render times, quota…)
 *   POST /__faults?key=K   [{ "path": "/v3/videos", "method": "POST", "status": 429, "headers": {...}, "times": 1 }]
 *                          (path is a prefix; method optional)
 *   GET  /__log?key=K      requests, per-status counts, renders per callback_id and per idempotency key,
 *                          idempotent replays
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
  /** Seconds of video the account's credit pays for (reported as credits: × 0.1). */
  quotaSec: number;
  /** Where GET current-user answers (the docs disagree: /v3/users/me or /v3/user/me); the other path is a 404. */
  userMePath: string;
  /** 'usage_based' reports a usage-based plan without a spending cap (no limit). */
  billingType: 'wallet' | 'usage_based';
  seed: number;
  /** Reply of the OpenAI-compatible chat endpoint for this key (the video script LLM). */
  llmReply: string;
  llmStatus: number;
  /** Synthetic public looks listed after the built-in ones (a large public catalogue). */
  extraPublicLooks: number;
  /** The account's own, finished looks (digital twins), listed after every public look. */
  extraPrivateLooks: { id: string; name: string; gender: string }[];
  /**
   * Whether POST /v3/videos honours Idempotency-Key. Off, every create renders, as after the
   * key's 24 h: what is left to prevent a duplicate is the client's title-marker look-up.
   */
  honourIdempotencyKey: boolean;
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
  userMePath: '/v3/users/me',
  billingType: 'wallet',
  seed: 1,
  llmReply: '',
  llmStatus: 200,
  extraPublicLooks: 0,
  extraPrivateLooks: [],
  honourIdempotencyKey: true,
};

/** Looks (what POST /v3/videos takes as avatar_id); the last is a private look still training. */
const fakeLooks = [
  look('Anna_public_3_20240108', 'Anna in Business Suit', 'female', 'ag_anna', null),
  look('Brandon_casual_hoodie_20240301', 'Brandon Casual Hoodie', 'male', 'ag_brandon', null),
  look('Carla_teacher_office_20240215', 'Carla Teacher Office', 'female', 'ag_carla', null),
  look('look_private_training_1', 'My Twin (training)', 'female', 'ag_twin', 'processing'),
];
const fakeVoices = [
  voice('v_en_f_professional', 'Sara - Professional', 'English', 'female', 'public'),
  voice('v_en_m_friendly', 'Mike - Friendly', 'English', 'male', 'public'),
  voice('v_de_m', 'Jonas', 'German', 'male', 'public'),
];
/** The account's own voice (GET /v3/voices?type=private). */
const fakePrivateVoices = [voice('v_private_clone_lena', 'Lena (voice clone)', 'German', 'female', 'private')];

/** The account's looks: the built-in ones, then `extraPublicLooks`, then its own finished looks (status set: private). */
function accountLooks(c: HeyGenFakeConfig) {
  return [
    ...fakeLooks,
    ...Array.from({ length: c.extraPublicLooks }, (_, i) => look(`public_look_${i}`, `Public look ${i}`, i % 2 ? 'male' : 'female', `ag_public_${i}`, null)),
    ...c.extraPrivateLooks.map((l) => look(l.id, l.name, l.gender, `ag_${l.id}`, 'completed')),
  ];
}

function look(id: string, name: string, gender: string, groupId: string, status: string | null) {
  return {
    id,
    name,
    avatar_type: status === null ? 'studio_avatar' : 'video_avatar',
    group_id: groupId,
    preview_image_url: `https://files.heygen.ai/${id}.webp`,
    preview_video_url: `https://files.heygen.ai/${id}.mp4`,
    gender,
    tags: ['business'],
    default_voice_id: null,
    supported_api_engines: ['avatar_4_quality', 'avatar_4_turbo'],
    image_width: 1920,
    image_height: 1080,
    preferred_orientation: 'landscape',
    status,
  };
}

function voice(voiceId: string, name: string, language: string, gender: string, type: string) {
  return { voice_id: voiceId, name, language, gender, type, preview_audio_url: `https://files.heygen.ai/${voiceId}.mp3`, support_pause: true, support_locale: true };
}

/** CreateVideoFromAvatar's fields (developers.heygen.com/reference/create-video); anything else is refused. */
const AVATAR_VIDEO_FIELDS = new Set([
  'type', 'avatar_id', 'script', 'voice_id', 'audio_url', 'audio_asset_id', 'voice_settings', 'title', 'resolution', 'aspect_ratio', 'fit', 'background',
  'remove_background', 'output_format', 'caption', 'engine', 'motion_prompt', 'expressiveness', 'brand_glossary_id', 'watermark', 'callback_url', 'callback_id',
]);
const VOICE_SETTINGS_FIELDS = new Set(['speed', 'pitch', 'volume', 'locale', 'engine_settings']);
const BACKGROUND_FIELDS = new Set(['type', 'value', 'url', 'asset_id']);
const CAPTION_FIELDS = new Set(['file_format', 'style']);
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

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
  faults: { path: string; method?: string; status: number; headers?: Record<string, string>; body?: string; times: number }[];
  videos: Map<string, Video>;
  rendersByCallback: Record<string, number>;
  rendersByKey: Record<string, number>;
  /** First committed answer per Idempotency-Key. */
  idempotency: Map<string, { at: number; status: number; body: unknown }>;
  idempotentReplays: number;
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
    idempotency: new Map(),
    idempotentReplays: 0,
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
        settle(a, hostOrigin(req));
        return send(200, {
          requests: a.requests,
          statusCounts: a.statusCounts,
          rendersByCallback: a.rendersByCallback,
          rendersByKey: a.rendersByKey,
          idempotentReplays: a.idempotentReplays,
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

    // ---- the HeyGen API (v3) ----
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !key || key.startsWith('invalid')) {
      return send(401, v3Error('unauthorized', 'Invalid API key'));
    }
    const a = account(key);
    settle(a, hostOrigin(req));
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      a.requests.push({ method: req.method ?? 'GET', path: url.pathname, status });
      a.statusCounts[status] = (a.statusCounts[status] ?? 0) + 1;
      send(status, body, headers);
    };

    const fault = a.faults.find((f) => url.pathname.startsWith(f.path) && (!f.method || f.method === req.method) && f.times > 0);
    if (fault) {
      fault.times--;
      return reply(fault.status, fault.body ?? v3Error(`http_${fault.status}`, `injected ${fault.status}`), fault.headers ?? {});
    }
    const c = a.config;
    const roll = a.rng();
    if (roll < c.rate429) return reply(429, v3Error('rate_limit_exceeded', 'Too many requests'), { 'retry-after': String(c.retryAfterSec) });
    if (roll < c.rate429 + c.rate500) return reply(500, v3Error('internal_error', 'Internal server error'));

    // v1/v2 were retired on 2026-11-01: any leftover legacy call fails loudly.
    if (/^\/v[12]\//.test(url.pathname)) return reply(404, v3Error('not_found', `${req.method} ${url.pathname} was retired on 2026-11-01; use the v3 API`));

    const listQuery = (max: number, def: number) => {
      const raw = url.searchParams.get('limit');
      const limit = raw === null ? def : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > max) return { error: v3Error('invalid_parameter', `limit must be an integer from 1 to ${max}`, 'limit') };
      const token = url.searchParams.get('token');
      const offset = token === null ? 0 : decodeToken(token);
      if (offset === null) return { error: v3Error('invalid_parameter', 'token is not a cursor this endpoint issued', 'token') };
      return { limit, offset };
    };
    const paged = <T>(all: T[], q: { limit: number; offset: number }) => {
      const more = q.offset + q.limit < all.length;
      return { data: all.slice(q.offset, q.offset + q.limit), has_more: more, next_token: more ? encodeToken(q.offset + q.limit) : null };
    };

    if (req.method === 'GET' && url.pathname === '/v3/avatars/looks') {
      const q = listQuery(50, 20);
      if ('error' in q) return reply(400, q.error);
      const ownership = url.searchParams.get('ownership');
      if (ownership !== null && ownership !== 'public' && ownership !== 'private') return reply(400, v3Error('invalid_parameter', 'ownership must be public or private', 'ownership'));
      // Only private looks carry a status (processing|completed|failed).
      return reply(200, paged(accountLooks(c).filter((l) => !ownership || (ownership === 'private') === (l.status !== null)), q));
    }
    if (req.method === 'GET' && url.pathname === '/v3/voices') {
      const q = listQuery(100, 20);
      if ('error' in q) return reply(400, q.error);
      const type = url.searchParams.get('type') ?? 'public';
      if (type !== 'public' && type !== 'private') return reply(400, v3Error('invalid_parameter', 'type must be public or private', 'type'));
      return reply(200, paged(type === 'private' ? fakePrivateVoices : fakeVoices, q));
    }
    if (req.method === 'GET' && url.pathname === c.userMePath) {
      // Credits at Avatar IV's 0.1 credits per second of video.
      const credits = Math.round(Math.max(0, c.quotaSec - a.quotaUsedSec) * 0.1 * 100) / 100;
      const user = { username: `acct_${key.slice(-6)}`, email: 'api@example.com', first_name: 'API', last_name: 'Account', subscription: null };
      if (c.billingType === 'usage_based') {
        return reply(200, { data: { ...user, billing_type: 'usage_based', wallet: null, usage_based: { spending_current_usd: Math.round(a.quotaUsedSec * 0.1 * 100) / 100, spending_cap_usd: null } } });
      }
      return reply(200, {
        data: {
          ...user,
          billing_type: 'wallet',
          wallet: { currency: 'credits', remaining_balance: credits, auto_reload: { enabled: false, threshold_usd: null, amount_usd: null } },
          usage_based: null,
        },
      });
    }

    if (req.method === 'POST' && url.pathname === '/v3/videos') return createVideo(a, req, raw, reply);

    if (req.method === 'GET' && url.pathname === '/v3/videos') {
      const q = listQuery(100, 10);
      if ('error' in q) return reply(400, q.error);
      const title = (url.searchParams.get('title') ?? '').toLowerCase();
      const all = [...a.videos.values()].filter((v) => v.title.toLowerCase().includes(title)).sort((x, y) => y.createdAt - x.createdAt || (y.id < x.id ? -1 : 1));
      const origin = hostOrigin(req);
      const page = paged(all, q);
      return reply(200, { ...page, data: page.data.map((v) => videoDetail(v, origin)) });
    }

    const one = /^\/v3\/videos\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const v = a.videos.get(decodeURIComponent(one[1]!));
      if (!v) return reply(404, v3Error('video_not_found', 'Video not found'));
      return reply(200, { data: videoDetail(v, hostOrigin(req)) });
    }
    reply(404, v3Error('not_found', `no route ${req.method} ${url.pathname}`));
  });

  /**
   * POST /v3/videos, type "avatar". Strict like v3: an unknown field is a 400 "Extra inputs
   * are not permitted". An Idempotency-Key seen in the last 24 hours replays the first
   * answer and starts nothing; the answer stored is the committed one, so a create whose
   * 500 was injected after the render started (a lost response) replays its success.
   */
  function createVideo(a: Account, req: IncomingMessage, raw: string, reply: (status: number, body: unknown) => void) {
    const c = a.config;
    const idemHeader = req.headers['idempotency-key'];
    const idem = typeof idemHeader === 'string' ? idemHeader : null;
    if (idem !== null && !/^[A-Za-z0-9_\-:.]{1,255}$/.test(idem)) return reply(400, v3Error('invalid_parameter', 'Idempotency-Key must match ^[A-Za-z0-9_\\-:.]{1,255}$', 'Idempotency-Key'));
    const now = Date.now();
    const stored = idem && c.honourIdempotencyKey ? a.idempotency.get(idem) : undefined;
    if (stored && now - stored.at < IDEMPOTENCY_TTL_MS) {
      a.idempotentReplays++;
      return reply(stored.status, stored.body);
    }

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(400, v3Error('invalid_parameter', 'body is not JSON'));
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return reply(400, v3Error('invalid_parameter', 'body must be an object'));
    const invalid = (message: string, param?: string) => reply(400, v3Error('invalid_parameter', message, param));
    const extra = extraField(body, AVATAR_VIDEO_FIELDS) ?? nested(body, 'voice_settings', VOICE_SETTINGS_FIELDS) ?? nested(body, 'background', BACKGROUND_FIELDS) ?? nested(body, 'caption', CAPTION_FIELDS);
    if (extra) return invalid('Extra inputs are not permitted', extra);
    if (body.type === undefined) return invalid('Field required', 'type');
    if (body.type !== 'avatar') return invalid(`type ${JSON.stringify(body.type)} is not supported here (avatar only)`, 'type');
    if (typeof body.avatar_id !== 'string' || !body.avatar_id) return invalid('Field required', 'avatar_id');
    if (typeof body.script !== 'string' || !body.script.trim()) return invalid('Field required', 'script');
    if (body.script.length > 5000) return invalid('script is longer than 5000 characters', 'script');
    if (body.resolution !== undefined && !['4k', '1080p', '720p'].includes(body.resolution as string)) return invalid('resolution must be 4k, 1080p or 720p', 'resolution');
    if (body.aspect_ratio !== undefined && !['16:9', '9:16', '4:5', '5:4', '1:1', 'auto'].includes(body.aspect_ratio as string)) return invalid('aspect_ratio is not a supported ratio', 'aspect_ratio');
    if (body.caption !== undefined && (body.caption as { file_format?: unknown }).file_format !== 'srt') return invalid('caption.file_format must be srt', 'caption.file_format');
    if (!accountLooks(c).some((l) => l.id === body.avatar_id)) return reply(404, v3Error('avatar_not_found', `Avatar look ${body.avatar_id} not found`, 'avatar_id'));
    if (body.voice_id !== undefined && body.voice_id !== null && ![...fakeVoices, ...fakePrivateVoices].some((v) => v.voice_id === body.voice_id)) {
      return reply(404, v3Error('voice_not_found', `Voice ${String(body.voice_id)} not found`, 'voice_id'));
    }
    const script = body.script;

    const id = `v_${(nextId++).toString(16).padStart(8, '0')}${Math.floor(a.rng() * 1e8).toString(16)}`;
    const slow = a.rng() < c.slowRenderRate;
    const words = script.trim().split(/\s+/).length;
    const callbackId = typeof body.callback_id === 'string' ? body.callback_id : null;
    a.videos.set(id, {
      id,
      callbackId,
      title: typeof body.title === 'string' ? body.title : '',
      createdAt: now,
      doneAt: now + (slow ? c.slowRenderMs : c.renderMs),
      willFail: a.rng() < c.failRenderRate,
      durationSec: Math.round((words / 150) * 60 * 10) / 10,
      settled: false,
    });
    const answer = { data: { video_id: id, status: 'waiting', output_format: 'mp4' } };
    if (idem) {
      a.rendersByKey[idem] = (a.rendersByKey[idem] ?? 0) + 1;
      a.idempotency.set(idem, { at: now, status: 200, body: answer });
    }
    const cb = callbackId ?? `(no callback_id) ${id}`;
    a.rendersByCallback[cb] = (a.rendersByCallback[cb] ?? 0) + 1;
    // The render is running and paid for; the caller just never hears about it.
    if (a.rng() < c.rate500AfterCommit) return reply(500, v3Error('internal_error', 'Internal server error'));
    return reply(200, answer);
  }

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

function v3Error(code: string, message: string, param?: string) {
  return { error: { code, message, ...(param ? { param } : {}), doc_url: `https://developers.heygen.com/docs/error-codes#${code.replace(/_/g, '-')}` } };
}

/** Opaque cursors, as v3's next_token is. */
function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | null {
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return m ? Number(m[1]) : null;
}

function extraField(obj: Record<string, unknown>, allowed: Set<string>): string | null {
  return Object.keys(obj).find((k) => !allowed.has(k)) ?? null;
}

function nested(body: Record<string, unknown>, field: string, allowed: Set<string>): string | null {
  const v = body[field];
  if (!v || typeof v !== 'object') return null;
  const extra = extraField(v as Record<string, unknown>, allowed);
  return extra ? `${field}.${extra}` : null;
}

/** v3's VideoDetail; timestamps in unix seconds, links presigned for 7 days (legacy lifetime; v3's is not documented). */
function videoDetail(v: Video, origin: string) {
  const now = Date.now();
  const status = now >= v.doneAt ? (v.willFail ? 'failed' : 'completed') : now - v.createdAt < (v.doneAt - v.createdAt) / 3 ? 'pending' : 'processing';
  const expires = Math.floor(now / 1000) + 7 * 24 * 3600;
  const done = status === 'completed';
  const link = (file: string) => (done ? `${origin}/files/${file}?Expires=${expires}` : null);
  return {
    id: v.id,
    status,
    title: v.title,
    created_at: Math.floor(v.createdAt / 1000),
    completed_at: status === 'completed' || status === 'failed' ? Math.floor(v.doneAt / 1000) : null,
    video_url: link(`${v.id}.mp4`),
    thumbnail_url: link(`${v.id}.jpg`),
    gif_url: link(`${v.id}.gif`),
    captioned_video_url: link(`${v.id}_caption.mp4`),
    subtitle_url: link(`${v.id}.srt`),
    duration: done ? v.durationSec : null,
    folder_id: null,
    video_page_url: `https://app.heygen.com/videos/${v.id}`,
    // "Only present when status is failed" (OpenAPI VideoDetail).
    ...(status === 'failed' ? { failure_code: 'rendering_failed', failure_message: 'Avatar rendering failed' } : {}),
  };
}
