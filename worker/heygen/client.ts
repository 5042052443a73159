import { MAX_SCRIPT_CHARS } from '../../shared/video/quality.ts';
import type { AvatarInfo, VoiceInfo } from '../../shared/video/select.ts';
import type { Storyboard } from '../../shared/video/storyboard.ts';
import { jitteredBackoff, parseRetryAfter } from '../lib/retry.ts';

export const DEFAULT_HEYGEN_BASE_URL = 'https://api.heygen.com';

/**
 * What one second of avatar video costs, in the account's balance unit. HeyGen lists Avatar
 * IV/V video at 0.1 credits per second (https://developers.heygen.com/docs/enterprise-pricing)
 * and its own skills docs at $0.10 per second (heygen-com/skills), so one figure serves a
 * wallet kept in credits or in dollars. Configurable (HEYGEN_COST_PER_SEC) for other plans.
 */
export const DEFAULT_COST_PER_SEC = 0.1;

export interface HeyGenOptions {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Attempts after the first, for 5xx and network errors. */
  retries?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  /**
   * Longest Retry-After to wait out inside the call. 0 (the default, for queue jobs) means
   * a 429 surfaces at once and the job re-schedules itself; request handlers allow a
   * couple of seconds so a user's click survives a brief rate limit.
   */
  maxRateLimitWaitMs?: number;
  /**
   * Longest Retry-After on a 5xx to wait out inside the call; a longer one surfaces with
   * its `retryAfterMs` so the queue can wait instead.
   */
  maxServerWaitMs?: number;
  /** Balance units (credits or USD) one second of video costs; turns v3's balance into seconds. */
  costPerSec?: number;
  /** Most pages of public avatar looks / public voices read for the catalogue. */
  maxCataloguePages?: number;
  /** Most pages of the account's own looks and voices; generous, so an own look is never cut off. */
  maxOwnCataloguePages?: number;
  /** Called for every retried call, so callers can count them. */
  onRetry?: (info: { path: string; status: number | null; attempt: number }) => void;
}

export type HeyGenErrorKind = 'rate_limited' | 'transient' | 'rejected' | 'unknown_outcome';

/**
 * A HeyGen call that did not succeed. `rate_limited` carries how long HeyGen asked us to
 * wait; `transient` (5xx, network) is worth retrying later; `rejected` (4xx) is not.
 * `unknown_outcome` is only raised by the render create: the request may have reached
 * HeyGen and started a paid render (timeout, network error, 5xx, a 2xx without a
 * video_id, a 409 while the same idempotency key is still in flight), so it must be
 * reconciled (`findRender`) before it is ever sent again.
 */
export class HeyGenError extends Error {
  readonly kind: HeyGenErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  /** v3's `error.code` when the body had one (e.g. `rate_limit_exceeded`, `insufficient_credit`). */
  readonly code: string | null;
  constructor(kind: HeyGenErrorKind, message: string, status: number | null = null, retryAfterMs: number | null = null, code: string | null = null) {
    super(message);
    this.name = 'HeyGenError';
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.code = code;
  }
}

/**
 * A 429 that is about the account's usage quota or credit rather than its request rate (v3
 * answers 429 for both; the code tells them apart). Waiting does not help: only a top-up does.
 */
export function isQuotaRefusal(err: HeyGenError): boolean {
  const code = (err.code ?? '').toLowerCase();
  return err.status === 429 && (code.includes('quota') || code === 'insufficient_credit');
}

/** One row of GET /v3/videos. */
export interface ListedVideo {
  id: string;
  title: string;
  status: string;
  /** Epoch ms (HeyGen reports unix seconds). */
  createdAt: number | null;
}

/** What a look-up for a render found: its id, certainly nothing, or no certain answer. */
export type RenderLookup = { found: ListedVideo } | { absent: true } | { unknown: string };

export interface VideoStatus {
  id: string;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  videoUrl: string | null;
  thumbnailUrl: string | null;
  captionUrl: string | null;
  durationSec: number | null;
  error: { code: string; message: string } | null;
}

/** v3's VideoDetail (GET /v3/videos/{id} and the rows of GET /v3/videos); only `id` and `status` are required. */
interface VideoDetail {
  id: string;
  status: string;
  title?: string | null;
  created_at?: number | null;
  video_url?: string | null;
  thumbnail_url?: string | null;
  subtitle_url?: string | null;
  captioned_video_url?: string | null;
  duration?: number | null;
  failure_code?: string | null;
  failure_message?: string | null;
}

/** v3 list envelope: `{data: [...], has_more, next_token}`. */
interface Page<T> {
  items: T[];
  next: string | null;
  /** has_more said yes but no cursor came with it: the list cannot be followed further. */
  broken: boolean;
}

/** HeyGen's Idempotency-Key alphabet and length (POST /v3/videos reference). */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,255}$/;

export { parseRetryAfter };

/**
 * The HeyGen v3 REST API (X-Api-Key auth; `{data}` / `{data, has_more, next_token}` on
 * success, `{error: {code, message, param?, doc_url}}` with a real HTTP status on failure;
 * https://developers.heygen.com/reference/create-video, /reference/get-video,
 * /reference/list-videos, /docs/error-codes). v1/v2 were retired on 2026-11-01.
 *
 * Reads (GETs) are retried here a few times on 5xx and network errors with exponential
 * backoff and full jitter, waiting at least a 5xx's Retry-After. A 429 is only waited out
 * here when its Retry-After is short (maxRateLimitWaitMs); otherwise it surfaces as
 * `rate_limited` and the queue job re-schedules itself (a Worker should not sit idle
 * holding a slot).
 *
 * The render create (POST /v3/videos) carries an Idempotency-Key: HeyGen replays the
 * original response to any call with the same key for 24 hours, and answers 409
 * `request_in_progress` while the first is still running. Callers pass a key fixed per
 * job, so a re-send within a day cannot start a second paid render. The create is still
 * never retried blindly inside the call: keys expire, and a replay is only as good as
 * HeyGen's record of it. Only a 429 (refused, RFC 6585 §4) is re-sent here; anything
 * whose outcome is unknown surfaces as `unknown_outcome` for the caller to reconcile with
 * `findRender` (title marker) before it sends again.
 */
export class HeyGenClient {
  private readonly opts: Required<Omit<HeyGenOptions, 'onRetry'>> & Pick<HeyGenOptions, 'onRetry'>;

  constructor(opts: HeyGenOptions) {
    this.opts = {
      baseUrl: DEFAULT_HEYGEN_BASE_URL,
      fetch: (input, init) => fetch(input, init),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      random: Math.random,
      retries: 2,
      baseDelayMs: 500,
      maxRateLimitWaitMs: 0,
      timeoutMs: 15_000,
      maxServerWaitMs: 10_000,
      costPerSec: DEFAULT_COST_PER_SEC,
      maxCataloguePages: 10,
      maxOwnCataloguePages: 20,
      ...opts,
    };
  }

  /**
   * The account's avatar looks (GET /v3/avatars/looks): a look's `id` is what POST
   * /v3/videos takes as avatar_id (GET /v3/avatars lists groups, which it does not accept).
   * The account's own looks (`ownership=private`: its digital twins) come first and in
   * full, then the public ones within the page bound, so hundreds of public looks can never
   * push a twin out of the list. Private looks still training or failed cannot render and
   * are left out.
   */
  async listAvatars(): Promise<AvatarInfo[]> {
    type Look = { id: string; name?: string | null; gender?: string | null; status?: string | null };
    // Unlike private voices (a plan without clones is refused them), `ownership=private` is a
    // documented filter that answers an empty list, so a refusal here is not swallowed.
    const own = await this.pages<Look>('/v3/avatars/looks', { ownership: 'private', limit: '50' }, this.opts.maxOwnCataloguePages);
    const all = [...own, ...(await this.pages<Look>('/v3/avatars/looks', { ownership: 'public', limit: '50' }, this.opts.maxCataloguePages))];
    const seen = new Set<string>();
    return all
      .filter((l) => (!l.status || l.status === 'completed') && !seen.has(l.id) && seen.add(l.id))
      .map((l) => ({ id: l.id, name: l.name || l.id, gender: gender(l.gender) }));
  }

  /** An account HeyGen refuses its own voices to (a plan without clones) still has the public ones; a refused key does not. */
  private ownList<T>(list: Promise<T[]>): Promise<T[]> {
    return list.catch((err: unknown) => {
      if (err instanceof HeyGenError && err.kind === 'rejected' && err.status !== 401) return [];
      throw err;
    });
  }

  /**
   * The account's own voices (`type=private`: clones) first and in full, then the public ones within the page bound.
   * v3 has no emotion flag, so `emotionSupport` is false for every voice.
   */
  async listVoices(): Promise<VoiceInfo[]> {
    type Voice = { voice_id: string; name?: string | null; language?: string | null; gender?: string | null };
    const own = await this.ownList(this.pages<Voice>('/v3/voices', { type: 'private', limit: '100' }, this.opts.maxOwnCataloguePages));
    const all = [...own, ...(await this.pages<Voice>('/v3/voices', { limit: '100' }, this.opts.maxCataloguePages))];
    const seen = new Set<string>();
    return all
      .filter((v) => !seen.has(v.voice_id) && seen.add(v.voice_id))
      .map((v) => ({ id: v.voice_id, name: v.name || v.voice_id, language: v.language || 'unknown', gender: gender(v.gender), emotionSupport: false }));
  }

  /**
   * Remaining credit in seconds of video, or null when HeyGen reports no limit (a
   * usage-based plan without a cap, an unknown billing type, a missing balance). v3 reports
   * money or credits (GET /v3/users/me), not seconds, so the balance is divided by
   * `costPerSec`.
   */
  async remainingQuota(): Promise<number | null> {
    const balance = remainingBalance(await this.currentUser());
    if (balance === null) return null;
    return Math.max(0, Math.round((balance / this.opts.costPerSec) * 10) / 10);
  }

  /**
   * The API reference and the latest guide say /v3/users/me; an older guide and HeyGen's
   * own CLI (generated from its OpenAPI) say /v3/user/me. Ask the first, and the second
   * only when the first does not exist.
   */
  private async currentUser(): Promise<UserMe> {
    try {
      return await this.call<UserMe>('GET', '/v3/users/me');
    } catch (err) {
      if (!(err instanceof HeyGenError && err.kind === 'rejected' && err.status === 404)) throw err;
      return this.call<UserMe>('GET', '/v3/user/me');
    }
  }

  /**
   * Starts a render; POSTed once per call, with `idempotencyKey` (fixed per job) so that a
   * re-send within 24 hours replays the first answer instead of rendering again. The body
   * also carries a marker in `title` (GET /v3/videos filters and returns it) and
   * `callback_id` (echoed in the webhook), so a render whose answer was lost can be found
   * after the key has expired.
   */
  async generate(body: CreateVideoRequest, opts: { idempotencyKey: string }): Promise<string> {
    if (!IDEMPOTENCY_KEY.test(opts.idempotencyKey)) throw new Error(`not a valid HeyGen Idempotency-Key: ${JSON.stringify(opts.idempotencyKey)}`);
    const data = await this.call<{ video_id?: string }>('POST', '/v3/videos', body, { unsafe: true, headers: { 'idempotency-key': opts.idempotencyKey } });
    // A 2xx without an id may still be a started render: reconcile, do not re-send.
    if (!data.video_id) throw new HeyGenError('unknown_outcome', 'HeyGen answered the render without a video_id', 200);
    return data.video_id;
  }

  /** One page of the account's videos, newest first (GET /v3/videos, `token` pages on; `title` filters by substring). */
  async listVideos(opts: { token?: string; limit?: number; title?: string } = {}): Promise<{ videos: ListedVideo[]; token: string | null; broken: boolean }> {
    const q: Record<string, string> = { limit: String(opts.limit ?? 100) };
    if (opts.token) q.token = opts.token;
    if (opts.title) q.title = opts.title;
    const page = await this.page<VideoDetail>('/v3/videos', q);
    return {
      videos: page.items.map((v) => ({
        id: v.id,
        title: v.title ?? '',
        status: v.status ?? 'unknown',
        createdAt: typeof v.created_at === 'number' ? v.created_at * 1000 : null,
      })),
      token: page.next,
      broken: page.broken,
    };
  }

  /**
   * Looks for a render whose title contains `marker`, asking HeyGen to filter by it and
   * still checking each title here (a proxy or an older deployment may ignore the filter),
   * paging back until the videos are older than `notBefore` (epoch ms; nothing of ours can
   * be older), the list ends, or `maxPages` pages were read. Only the first two prove
   * absence; running out of pages is `unknown`, and the caller must not re-send on it.
   */
  async findRender(marker: string, opts: { notBefore: number; maxPages?: number }): Promise<RenderLookup> {
    const maxPages = opts.maxPages ?? 5;
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const { videos, token: next, broken } = await this.listVideos({ token, title: marker });
      const hit = videos.find((v) => v.title.includes(marker));
      if (hit) return { found: hit };
      // HeyGen lists newest first (its reference shows no sort option); a page made only of
      // videos older than the job ends the search. A whole page, not one row, so a few
      // out-of-order rows cannot end it early.
      if (videos.length > 0 && videos.every((v) => v.createdAt !== null && v.createdAt < opts.notBefore)) return { absent: true };
      if (broken) return { unknown: 'HeyGen said more videos follow but sent no next_token' };
      if (!next || videos.length === 0) return { absent: true };
      token = next;
    }
    return { unknown: `not among the ${maxPages} newest pages of HeyGen videos` };
  }

  async status(videoId: string): Promise<VideoStatus> {
    const d = await this.call<VideoDetail>('GET', `/v3/videos/${encodeURIComponent(videoId)}`);
    const status = d.status === 'completed' || d.status === 'failed' || d.status === 'processing' ? d.status : 'pending';
    return {
      id: d.id ?? videoId,
      // `waiting` (the create's initial status) and any status HeyGen adds later are not terminal.
      status,
      videoUrl: d.video_url ?? null,
      thumbnailUrl: d.thumbnail_url ?? null,
      captionUrl: d.subtitle_url ?? null,
      durationSec: d.duration ?? null,
      error: status === 'failed' && (d.failure_code || d.failure_message) ? { code: d.failure_code ?? '', message: d.failure_message ?? 'no reason given' } : null,
    };
  }

  /** Follows `next_token` for up to `maxPages` pages; a longer list is cut there (catalogues only). */
  private async pages<T>(path: string, query: Record<string, string>, maxPages: number): Promise<T[]> {
    const out: T[] = [];
    let token: string | null = null;
    for (let i = 0; i < maxPages; i++) {
      const page: Page<T> = await this.page<T>(path, token ? { ...query, token } : query);
      out.push(...page.items);
      if (!page.next) break;
      token = page.next;
    }
    return out;
  }

  private async page<T>(path: string, query: Record<string, string>): Promise<Page<T>> {
    const r = await this.send<T[]>('GET', `${path}?${new URLSearchParams(query)}`);
    // A list that is not a list proves nothing (least of all that a render is absent).
    if (!Array.isArray(r.data)) throw new HeyGenError('transient', `HeyGen answered GET ${path} without a list`, 200);
    const nextToken = typeof r.next_token === 'string' && r.next_token ? r.next_token : null;
    const hasMore = r.has_more === true || (r.has_more === undefined && nextToken !== null);
    return { items: r.data, next: hasMore ? nextToken : null, broken: hasMore && !nextToken };
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
    return (await this.send<T>(method, path, body, opts)).data;
  }

  /** One API call with its retries; the whole success envelope (lists need has_more/next_token). */
  private async send<T>(method: 'GET' | 'POST', path: string, body?: unknown, opts: CallOptions = {}): Promise<{ data: T; has_more?: unknown; next_token?: unknown }> {
    const { retries, baseDelayMs, random, sleep, timeoutMs } = this.opts;
    const name = `${method} ${path.split('?')[0]}`;
    // Not safe to repeat: any failure after the request may have reached HeyGen is final here.
    const unknown = (message: string, status: number | null) =>
      opts.unsafe ? new HeyGenError('unknown_outcome', message, status) : null;
    let last: HeyGenError | null = null;
    let wait = 0;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        this.opts.onRetry?.({ path, status: last?.status ?? null, attempt });
        await sleep(wait);
      }
      let res: Response;
      try {
        res = await this.opts.fetch(`${this.opts.baseUrl.replace(/\/$/, '')}${path}`, {
          method,
          headers: { 'x-api-key': this.opts.apiKey, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const message = `HeyGen unreachable: ${err instanceof Error ? err.message : String(err)}`;
        const u = unknown(message, null);
        if (u) throw u;
        last = new HeyGenError('transient', message);
        wait = jitteredBackoff(attempt + 1, baseDelayMs, random);
        continue;
      }
      const json = parseJson(await res.text()) as { data?: T; error?: unknown; message?: unknown; has_more?: unknown; next_token?: unknown } | null;
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      if (res.status === 429) {
        // Refused before any work (RFC 6585 §4), so even the create may be sent again.
        // v3 also answers 429 when a usage quota is exhausted; its Retry-After (or our
        // default) still paces the job, and the message says which it was.
        last = new HeyGenError('rate_limited', `HeyGen rate limit reached (HTTP 429)${errorDetail(json)}`, 429, retryAfterMs ?? 60_000, errorCode(json));
        if (attempt < retries && last.retryAfterMs! <= this.opts.maxRateLimitWaitMs) {
          wait = last.retryAfterMs!;
          continue;
        }
        throw last;
      }
      if (res.status >= 500) {
        const u = unknown(`HeyGen failed with HTTP ${res.status}`, res.status);
        if (u) throw u;
        last = new HeyGenError('transient', `HeyGen failed with HTTP ${res.status}`, res.status, retryAfterMs);
        // A server that says when to come back is asked no sooner (RFC 9110 §10.2.3).
        if (retryAfterMs !== null && retryAfterMs > this.opts.maxServerWaitMs) throw last;
        wait = Math.max(retryAfterMs ?? 0, jitteredBackoff(attempt + 1, baseDelayMs, random));
        continue;
      }
      // 409 on the create: a call with the same Idempotency-Key is still being handled
      // (`request_in_progress`), so a render may be starting; the next delivery reconciles.
      if (res.status === 409 && opts.unsafe) throw new HeyGenError('unknown_outcome', `HeyGen is still handling an earlier ${name} with this idempotency key (HTTP 409)${errorDetail(json)}`, 409);
      // The status decides before the body: a 401/403/404 HTML page from a proxy is a refusal, not a blip.
      if (!res.ok) throw new HeyGenError('rejected', `HeyGen refused ${name} (HTTP ${res.status})${errorDetail(json) || ': no JSON body'}`, res.status);
      if (json === null || typeof json !== 'object') {
        const u = unknown(`HeyGen returned a body that is not JSON (HTTP ${res.status})`, res.status);
        if (u) throw u;
        last = new HeyGenError('transient', `HeyGen returned a body that is not JSON (HTTP ${res.status})`, res.status);
        wait = jitteredBackoff(attempt + 1, baseDelayMs, random);
        continue;
      }
      if (json.error) throw new HeyGenError('rejected', `HeyGen error: ${describe(json.error)}`, res.status);
      if (json.data === undefined || json.data === null) {
        const u = unknown('HeyGen response has no data', res.status);
        if (u) throw u;
        throw new HeyGenError('transient', 'HeyGen response has no data', res.status);
      }
      return json as { data: T; has_more?: unknown; next_token?: unknown };
    }
    throw last!;
  }
}

/** POST /v3/videos, `type: "avatar"`: exactly the fields we send (v3 refuses unknown ones). */
export interface CreateVideoRequest {
  type: 'avatar';
  avatar_id: string;
  script: string;
  voice_id: string;
  voice_settings: { speed: number };
  title: string;
  resolution: '4k' | '1080p' | '720p';
  aspect_ratio: '9:16' | '1:1' | '16:9';
  background: { type: 'color'; value: string };
  caption: { file_format: 'srt' };
  callback_id: string;
  callback_url?: string;
}

/**
 * One v3 avatar video per storyboard. v3 takes one script per video (the multi-scene Studio
 * API has no v3 equivalent), so the scenes are joined in order with a blank line, a
 * paragraph pause for the voice. The frame becomes an aspect ratio and a resolution named
 * by its short side. A storyboard v3 cannot take (another frame, a script over the limit)
 * is refused here, before anything is sent.
 */
export function toCreateRequest(sb: Storyboard, opts: { callbackId: string; title: string; callbackUrl?: string }): CreateVideoRequest {
  const script = sb.scenes.map((s) => s.text.trim()).filter(Boolean).join('\n\n');
  if (!script) throw new HeyGenError('rejected', 'the storyboard has no scene text to render');
  if (script.length > MAX_SCRIPT_CHARS) throw new HeyGenError('rejected', `the script is ${script.length} characters; HeyGen accepts at most ${MAX_SCRIPT_CHARS}`);
  return {
    type: 'avatar',
    avatar_id: sb.casting.avatar.id,
    script,
    voice_id: sb.casting.voice.id,
    voice_settings: { speed: 1 },
    title: opts.title.slice(0, 100),
    resolution: resolutionOf(sb.dimension),
    aspect_ratio: aspectRatioOf(sb.dimension),
    background: { type: 'color', value: '#FAFAFA' },
    caption: { file_format: 'srt' },
    callback_id: opts.callbackId,
    ...(opts.callbackUrl ? { callback_url: opts.callbackUrl } : {}),
  };
}

/** The v3 aspect ratio of one of our frames (shared/video/formats.ts); anything else is refused. */
export function aspectRatioOf(d: { width: number; height: number }): CreateVideoRequest['aspect_ratio'] {
  if (d.width > 0 && d.height > 0) {
    if (d.width * 16 === d.height * 9) return '9:16';
    if (d.width === d.height) return '1:1';
    if (d.width * 9 === d.height * 16) return '16:9';
  }
  throw new HeyGenError('rejected', `HeyGen v3 has no aspect ratio for a ${d.width}×${d.height} frame (9:16, 1:1 or 16:9 only)`);
}

export function resolutionOf(d: { width: number; height: number }): CreateVideoRequest['resolution'] {
  const short = Math.min(d.width, d.height);
  return short >= 2160 ? '4k' : short >= 1080 ? '1080p' : '720p';
}

/** GET /v3/users/me: only the object named by billing_type is populated. */
interface UserMe {
  billing_type?: string | null;
  wallet?: { currency?: string | null; remaining_balance?: number | null } | null;
  subscription?: { credits?: { premium_credits?: { remaining?: number | null } | null; add_on_credits?: { remaining?: number | null } | null } | null } | null;
  usage_based?: { spending_current_usd?: number | null; spending_cap_usd?: number | null } | null;
}

/** Credits or USD left, or null when the account reports no limit (or a billing type we do not know). */
export function remainingBalance(u: UserMe): number | null {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  switch (u.billing_type) {
    case 'wallet':
      return num(u.wallet?.remaining_balance);
    case 'subscription': {
      const premium = num(u.subscription?.credits?.premium_credits?.remaining);
      const addOn = num(u.subscription?.credits?.add_on_credits?.remaining);
      return premium === null && addOn === null ? null : (premium ?? 0) + (addOn ?? 0);
    }
    case 'usage_based': {
      const cap = num(u.usage_based?.spending_cap_usd);
      return cap === null ? null : Math.max(0, cap - (num(u.usage_based?.spending_current_usd) ?? 0));
    }
    default:
      return null;
  }
}

function gender(g: string | null | undefined): 'male' | 'female' | 'unknown' {
  const v = (g ?? '').toLowerCase();
  return v === 'male' || v === 'female' ? v : 'unknown';
}

interface CallOptions {
  /** The create: a failure after the request may have reached HeyGen is `unknown_outcome`, never retried here. */
  unsafe?: boolean;
  headers?: Record<string, string>;
}

/** A response body as JSON, or null when it is not JSON (a proxy's page, an empty body). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The `error.code` of a v3 error body, if any. */
function errorCode(body: unknown): string | null {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' && code ? code : null;
}

/** `: code (param): message` from a v3 error body (`{error: {code, message, param?}}`), or '' without one. */
function errorDetail(body: unknown): string {
  const d = body && typeof body === 'object' ? ((body as { error?: unknown; message?: unknown }).error ?? (body as { message?: unknown }).message) : null;
  return d ? `: ${describe(d)}` : '';
}

/**
 * `code (param): message` of a v3 error body (`{error: {code, message, param?}}`), or
 * whatever text there is. `param` names the offending field on validation errors, which
 * the message alone often does not ("Field required").
 */
function describe(e: unknown): string {
  if (!e) return 'no detail';
  if (typeof e === 'string') return e;
  if (typeof e === 'object') {
    const { code, message, param } = e as { code?: unknown; message?: unknown; param?: unknown };
    const head = [typeof code === 'string' && code ? code : '', typeof param === 'string' && param ? `(${param})` : ''].filter(Boolean).join(' ');
    if (typeof message === 'string' && message) return head ? `${head}: ${message}` : message;
    if (head) return head;
  }
  return JSON.stringify(e);
}
