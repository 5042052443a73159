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
  /** Called for every retried call, so callers can count them. */
  onRetry?: (info: { path: string; status: number | null; attempt: number }) => void;
}

export type HeyGenErrorKind = 'rate_limited' | 'transient' | 'rejected';

/**
 * A HeyGen call that did not succeed. `rate_limited` carries how long HeyGen asked us to
 * wait; `transient` (5xx, network) is worth retrying later; `rejected` (4xx) is not.
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
 * The documented HeyGen REST API (X-Api-Key auth, `{error, data}` envelopes).
 *
 * 5xx and network errors are retried here a few times with exponential backoff and full
 * jitter. A 429 is only waited out here when its Retry-After is short (maxRateLimitWaitMs);
 * otherwise it surfaces as `rate_limited` and the queue job re-schedules itself for that
 * long (a Worker should not sit idle holding a slot).
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
   * Starts a render. `idempotencyKey` makes a retried call (after a lost response) return
   * the first call's video instead of paying for a second one; `callbackId` ties webhook
   * events back to our job.
   */
  async generate(body: GenerateRequest, idempotencyKey: string): Promise<string> {
    const data = await this.call<{ video_id: string }>('POST', '/v2/video/generate', body, { 'idempotency-key': idempotencyKey });
    if (!data.video_id) throw new HeyGenError('transient', 'HeyGen accepted the render but returned no video_id');
    return data.video_id;
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

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
    const { retries, baseDelayMs, random, sleep, timeoutMs } = this.opts;
    let last: HeyGenError | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        this.opts.onRetry?.({ path, status: last?.status ?? null, attempt });
        await sleep(last?.kind === 'rate_limited' ? last.retryAfterMs! : jitteredBackoff(attempt, baseDelayMs, random));
      }
      let res: Response;
      try {
        res = await this.opts.fetch(`${this.opts.baseUrl.replace(/\/$/, '')}${path}`, {
          method,
          headers: { 'x-api-key': this.opts.apiKey, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...extraHeaders },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        last = new HeyGenError('transient', `HeyGen unreachable: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      const text = await res.text();
      if (res.status === 429) {
        last = new HeyGenError('rate_limited', 'HeyGen rate limit reached (HTTP 429)', 429, parseRetryAfter(res.headers.get('retry-after')) ?? 60_000);
        if (attempt < retries && last.retryAfterMs! <= this.opts.maxRateLimitWaitMs) continue;
        throw last;
      }
      // 409: the same idempotency key is still in flight (a concurrent redelivery); try later.
      if (res.status >= 500 || res.status === 409) {
        last = new HeyGenError('transient', `HeyGen failed with HTTP ${res.status}`, res.status, parseRetryAfter(res.headers.get('retry-after')));
        continue;
      }
      let json: { data?: T; error?: unknown; code?: number; message?: string } = {};
      try {
        json = JSON.parse(text);
      } catch {
        last = new HeyGenError('transient', `HeyGen returned a body that is not JSON (HTTP ${res.status})`, res.status);
        continue;
      }
      if (!res.ok) throw new HeyGenError('rejected', `HeyGen refused ${method} ${path.split('?')[0]} (HTTP ${res.status}): ${describe(json.error ?? json.message)}`, res.status);
      if (json.error) throw new HeyGenError('rejected', `HeyGen error: ${describe(json.error)}`, res.status);
      if (json.data === undefined) throw new HeyGenError('transient', 'HeyGen response has no data', res.status);
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
