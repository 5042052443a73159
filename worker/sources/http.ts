import type { TrendSource } from '../../shared/trends/types.ts';
import { jitteredBackoff, parseRetryAfter } from '../lib/retry.ts';

export interface HttpOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Attempts after the first. */
  retries?: number;
  baseDelayMs?: number;
  /** Longest we wait inside one job; a longer Retry-After ends the job instead. */
  maxDelayMs?: number;
  timeoutMs?: number;
}

export type SourceErrorKind = 'unreachable' | 'rate_limited' | 'bad_response';

/** A source that could not be read. The ingestion job records it; the cron backs off. */
export class SourceError extends Error {
  readonly source: TrendSource;
  readonly kind: SourceErrorKind;
  readonly status: number | null;
  /** How long the source asked us to stay away, when it said. */
  readonly retryAfterMs: number | null;

  constructor(source: TrendSource, kind: SourceErrorKind, message: string, status: number | null = null, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'SourceError';
    this.source = source;
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

export { parseRetryAfter };

/**
 * GET with bounded retries: exponential backoff with full jitter on network errors, 429
 * and 5xx, honouring Retry-After. At most `retries` extra attempts per call and never a
 * wait longer than `maxDelayMs`, so a dead source costs one short job, not a storm.
 */
export async function getWithRetry(source: TrendSource, url: string, init: RequestInit, opts: HttpOptions = {}): Promise<Response> {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const retries = opts.retries ?? 3;
  const base = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 20_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;

  let lastError: SourceError | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const backoff = jitteredBackoff(attempt, base, random, maxDelay);
      const wait = lastError?.retryAfterMs ?? backoff;
      if (wait > maxDelay) throw lastError!;
      await sleep(wait);
    }
    let res: Response;
    try {
      res = await doFetch(url, { ...init, method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      lastError = new SourceError(source, 'unreachable', `${hostOf(url)} unreachable: ${describeNetworkError(err)}`);
      continue;
    }
    if (res.ok) return res;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    // Drain the body so the connection can be reused.
    await res.body?.cancel();
    if (res.status === 429 || (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0')) {
      const reset = rateLimitResetMs(res.headers);
      lastError = new SourceError(source, 'rate_limited', `${hostOf(url)} rate limited (HTTP ${res.status})`, res.status, retryAfterMs ?? reset);
      continue;
    }
    if (res.status >= 500) {
      lastError = new SourceError(source, 'unreachable', `${hostOf(url)} failed with HTTP ${res.status}`, res.status, retryAfterMs);
      continue;
    }
    // Other 4xx: our request is wrong; retrying cannot help.
    throw new SourceError(source, 'bad_response', `${hostOf(url)} refused the request with HTTP ${res.status}`, res.status);
  }
  throw lastError!;
}

/** GitHub and Reddit announce when a spent rate limit resets. */
export function rateLimitResetMs(headers: Headers, now = Date.now()): number | null {
  const reset = headers.get('x-ratelimit-reset');
  if (!reset || !/^\d+(\.\d+)?$/.test(reset)) return null;
  const n = Number(reset);
  // GitHub sends an epoch second; Reddit sends seconds until reset.
  return n > 1e9 ? Math.max(0, n * 1000 - now) : n * 1000;
}

export function rateLimitSpent(headers: Headers): boolean {
  const remaining = headers.get('x-ratelimit-remaining');
  return remaining !== null && Number(remaining) < 1;
}

export async function readJson<T>(source: TrendSource, res: Response): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch {
    throw new SourceError(source, 'bad_response', `${hostOf(res.url)} returned a body that is not JSON`, res.status);
  }
}

/** workerd reports DNS and connection failures as an opaque "internal error; reference = …". */
function describeNetworkError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.name === 'TimeoutError') return 'no response in time';
  if (/internal error|Network connection lost|connection refused|lookup/i.test(message)) return 'could not connect (DNS or network failure)';
  return message;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
