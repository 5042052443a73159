import type { AvatarInfo, VoiceInfo } from '../../shared/video/select.ts';
import type { Storyboard } from '../../shared/video/storyboard.ts';
import { jitteredBackoff, parseRetryAfter } from '../lib/retry.ts';

export const DEFAULT_HEYGEN_BASE_URL = 'https://api.heygen.com';

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
  /** Called for every retried call, so callers can count them. */
  onRetry?: (info: { path: string; status: number | null; attempt: number }) => void;
}

export type HeyGenErrorKind = 'rate_limited' | 'transient' | 'rejected' | 'unknown_outcome';

/**
 * A HeyGen call that did not succeed. `rate_limited` carries how long HeyGen asked us to
 * wait; `transient` (5xx, network) is worth retrying later; `rejected` (4xx) is not.
 * `unknown_outcome` is only raised by the render create: the request may have reached
 * HeyGen and started a paid render (timeout, network error, 5xx, a 200 without a
 * video_id), so it must be reconciled (`findRender`) before it is ever sent again.
 */
export class HeyGenError extends Error {
  readonly kind: HeyGenErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  constructor(kind: HeyGenErrorKind, message: string, status: number | null = null, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'HeyGenError';
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** One row of GET /v1/video.list. */
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
  status: 'pending' | 'processing' | 'waiting' | 'completed' | 'failed';
  videoUrl: string | null;
  thumbnailUrl: string | null;
  captionUrl: string | null;
  durationSec: number | null;
  callbackId: string | null;
  error: { code: string | number; message: string; detail?: string } | null;
}

export { parseRetryAfter };

/**
 * The documented HeyGen REST API (X-Api-Key auth, `{error, data}` / `{code, data, message}`
 * envelopes; https://docs.heygen.com/reference/create-an-avatar-video-v2,
 * https://docs.heygen.com/reference/video-status, https://docs.heygen.com/reference/video-list).
 *
 * Reads (GETs) are retried here a few times on 5xx and network errors with exponential
 * backoff and full jitter, waiting at least a 5xx's Retry-After. A 429 is only waited out
 * here when its Retry-After is short (maxRateLimitWaitMs); otherwise it surfaces as
 * `rate_limited` and the queue job re-schedules itself for that long (a Worker should not
 * sit idle holding a slot).
 *
 * The render create (POST /v2/video/generate) is never retried blindly: HeyGen documents
 * no idempotency key for it, so a second POST after a lost answer is a second paid render.
 * Only a 429 (the request was refused, RFC 6585 §4) may be re-sent; anything whose outcome
 * is unknown surfaces as `unknown_outcome` for the caller to reconcile with `findRender`.
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
      ...opts,
    };
  }

  async listAvatars(): Promise<AvatarInfo[]> {
    const data = await this.call<{ avatars?: { avatar_id: string; avatar_name?: string; gender?: string }[] }>('GET', '/v2/avatars');
    return (data.avatars ?? []).map((a) => ({ id: a.avatar_id, name: a.avatar_name ?? a.avatar_id, gender: gender(a.gender) }));
  }

  async listVoices(): Promise<VoiceInfo[]> {
    const data = await this.call<{ voices?: { voice_id: string; name?: string; language?: string; gender?: string; emotion_support?: boolean }[] }>(
      'GET',
      '/v2/voices',
    );
    return (data.voices ?? []).map((v) => ({
      id: v.voice_id,
      name: v.name ?? v.voice_id,
      language: v.language ?? 'unknown',
      gender: gender(v.gender),
      emotionSupport: v.emotion_support === true,
    }));
  }

  /** Remaining credit in seconds of video (HeyGen reports `remaining_quota` in seconds). */
  async remainingQuota(): Promise<number> {
    const data = await this.call<{ remaining_quota: number }>('GET', '/v2/user/remaining_quota');
    return data.remaining_quota;
  }

  /**
   * Starts a render; POSTed once. The caller puts a marker HeyGen stores and lists in the
   * request (`title`, returned by video.list as `video_title`) and `callback_id` (echoed in
   * the webhook and the status), so a render whose answer was lost can be found again.
   */
  async generate(body: GenerateRequest): Promise<string> {
    const data = await this.call<{ video_id?: string }>('POST', '/v2/video/generate', body, { unsafe: true });
    // A 200 without an id may still be a started render: reconcile, do not re-send.
    if (!data.video_id) throw new HeyGenError('unknown_outcome', 'HeyGen answered the render without a video_id', 200);
    return data.video_id;
  }

  /** One page of the account's videos, newest first (GET /v1/video.list, `token` pages on). */
  async listVideos(token?: string, limit = 100): Promise<{ videos: ListedVideo[]; token: string | null }> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (token) q.set('token', token);
    const d = await this.call<{ videos?: { video_id: string; video_title?: string | null; status?: string; created_at?: number | null }[]; token?: string | null }>(
      'GET',
      `/v1/video.list?${q}`,
    );
    return {
      videos: (d.videos ?? []).map((v) => ({
        id: v.video_id,
        title: v.video_title ?? '',
        status: v.status ?? 'unknown',
        createdAt: typeof v.created_at === 'number' ? v.created_at * 1000 : null,
      })),
      token: d.token || null,
    };
  }

  /**
   * Looks for a render whose title contains `marker`, paging back through video.list until
   * the videos are older than `notBefore` (epoch ms; nothing of ours can be older), the list
   * ends, or `maxPages` pages were read. Only the first two prove absence; running out of
   * pages is `unknown`, and the caller must not re-send on it.
   */
  async findRender(marker: string, opts: { notBefore: number; maxPages?: number }): Promise<RenderLookup> {
    const maxPages = opts.maxPages ?? 5;
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const { videos, token: next } = await this.listVideos(token);
      const hit = videos.find((v) => v.title.includes(marker));
      if (hit) return { found: hit };
      // HeyGen lists newest first (its reference shows no sort option); a page made only of
      // videos older than the job ends the search. A whole page, not one row, so a few
      // out-of-order rows cannot end it early.
      if (videos.length > 0 && videos.every((v) => v.createdAt !== null && v.createdAt < opts.notBefore)) return { absent: true };
      if (!next || videos.length === 0) return { absent: true };
      token = next;
    }
    return { unknown: `not among the ${maxPages} newest pages of HeyGen videos` };
  }

  async status(videoId: string): Promise<VideoStatus> {
    const d = await this.call<{
      id?: string;
      status: VideoStatus['status'];
      video_url?: string | null;
      thumbnail_url?: string | null;
      caption_url?: string | null;
      duration?: number | null;
      callback_id?: string | null;
      error?: VideoStatus['error'];
    }>('GET', `/v1/video_status.get?video_id=${encodeURIComponent(videoId)}`);
    return {
      id: d.id ?? videoId,
      status: d.status,
      videoUrl: d.video_url ?? null,
      thumbnailUrl: d.thumbnail_url ?? null,
      captionUrl: d.caption_url ?? null,
      durationSec: d.duration ?? null,
      callbackId: d.callback_id ?? null,
      error: d.error ?? null,
    };
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, opts: { unsafe?: boolean } = {}): Promise<T> {
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
          headers: { 'x-api-key': this.opts.apiKey, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
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
      const text = await res.text();
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      if (res.status === 429) {
        // Refused before any work (RFC 6585 §4), so even the create may be sent again.
        last = new HeyGenError('rate_limited', 'HeyGen rate limit reached (HTTP 429)', 429, retryAfterMs ?? 60_000);
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
      let json: { data?: T; error?: unknown; code?: number; message?: string } | null = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      // The status decides before the body: a 401/403/404 HTML page from a proxy is a refusal, not a blip.
      if (!res.ok) throw new HeyGenError('rejected', `HeyGen refused ${name} (HTTP ${res.status}): ${json ? describe(json.error ?? json.message) : 'no JSON body'}`, res.status);
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
      return json.data;
    }
    throw last!;
  }
}

export interface GenerateRequest {
  video_inputs: {
    character: { type: 'avatar'; avatar_id: string; avatar_style: 'normal' | 'circle' | 'closeUp' };
    voice: { type: 'text'; input_text: string; voice_id: string; speed?: number };
    background?: { type: 'color'; value: string };
  }[];
  dimension: { width: number; height: number };
  caption: boolean;
  title: string;
  callback_id: string;
  callback_url?: string;
  test?: boolean;
}

/** One HeyGen scene per storyboard scene, all with the chosen avatar and voice. */
export function toGenerateRequest(sb: Storyboard, opts: { callbackId: string; title: string; callbackUrl?: string; test?: boolean }): GenerateRequest {
  return {
    video_inputs: sb.scenes.map((s) => ({
      character: { type: 'avatar', avatar_id: sb.casting.avatar.id, avatar_style: 'normal' },
      voice: { type: 'text', input_text: s.text, voice_id: sb.casting.voice.id, speed: 1 },
      background: { type: 'color', value: '#FAFAFA' },
    })),
    dimension: sb.dimension,
    caption: true,
    title: opts.title.slice(0, 100),
    callback_id: opts.callbackId,
    ...(opts.callbackUrl ? { callback_url: opts.callbackUrl } : {}),
    ...(opts.test ? { test: true } : {}),
  };
}

function gender(g: string | undefined): 'male' | 'female' | 'unknown' {
  const v = (g ?? '').toLowerCase();
  return v === 'male' || v === 'female' ? v : 'unknown';
}

function describe(e: unknown): string {
  if (!e) return 'no detail';
  if (typeof e === 'string') return e;
  if (typeof e === 'object' && e && 'message' in e) return String((e as { message: unknown }).message);
  return JSON.stringify(e);
}
