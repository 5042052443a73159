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
  /** The job's shared allowance; every attempt, wait and timeout fits inside it. */
  budget?: JobBudget | undefined;
}

/**
 * - unreachable: network failure or 5xx after retries: the source is down.
 * - rate_limited: the source asked us to slow down (429, or GitHub's 403 rate limits).
 * - bad_response: a body without the documented shape, or a refusal that applies to every
 *   request (401, a 403 that is not a rate limit): the source or our setup is broken.
 * - rejected: this one request was refused (400, 404, 422), e.g. a topic that makes an
 *   invalid search query. Says nothing about the source's health.
 * - out_of_budget: the job ran out of time or requests before this call; not the source's fault.
 */
export type SourceErrorKind = 'unreachable' | 'rate_limited' | 'bad_response' | 'rejected' | 'out_of_budget';

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

/**
 * A job's allowance of wall-clock time and outgoing requests, shared by every call it
 * makes, so a slow or failing source cannot stretch one job past its share of the queue
 * consumer's invocation (worker/queues/ingest.ts says how the numbers were chosen).
 */
export class JobBudget {
  readonly deadline: number;
  private requestsLeft: number;
  private readonly clock: () => number;

  constructor(opts: { deadline: number; maxRequests: number; now?: () => number }) {
    this.deadline = opts.deadline;
    this.requestsLeft = opts.maxRequests;
    this.clock = opts.now ?? Date.now;
  }

  msLeft(): number {
    return this.deadline - this.clock();
  }

  /** Claims one request; false when the time or the requests are spent. */
  take(): boolean {
    if (this.requestsLeft <= 0 || this.msLeft() <= 0) return false;
    this.requestsLeft--;
    return true;
  }
}

export { parseRetryAfter };

/** GitHub's docs: a secondary rate limit without Retry-After means "wait at least one minute". */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

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
  const budget = opts.budget;
  const outOfBudget = (why: string) => new SourceError(source, 'out_of_budget', `${hostOf(url)} not read: the job's ${why}`);

  let lastError: SourceError | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const backoff = jitteredBackoff(attempt, base, random, maxDelay);
      const wait = lastError?.retryAfterMs ?? backoff;
      if (wait > maxDelay) throw lastError!;
      // A rate limit stays a rate limit (the source should pause); any other error cut
      // short by the deadline says nothing yet about the source.
      if (budget && wait >= budget.msLeft()) throw lastError?.kind === 'rate_limited' ? lastError : outOfBudget('time ran out while retrying');
      await sleep(wait);
    }
    if (budget && !budget.take()) throw outOfBudget(budget.msLeft() <= 0 ? 'time ran out' : 'request allowance is spent');
    const timeLeft = budget ? budget.msLeft() : Number.POSITIVE_INFINITY;
    let res: Response;
    try {
      res = await doFetch(url, { ...init, method: 'GET', signal: AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, timeLeft))) });
    } catch (err) {
      if (timeLeft < timeoutMs && err instanceof Error && err.name === 'TimeoutError') throw outOfBudget('time ran out waiting for a response');
      lastError = new SourceError(source, 'unreachable', `${hostOf(url)} unreachable: ${describeNetworkError(err)}`);
      continue;
    }
    if (res.ok) return res;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    // A 403 is a rate limit only when it says so (headers or message); otherwise it is a
    // permission error and retrying cannot help. The body is small; read it to tell them apart.
    const text = res.status === 403 || res.status === 429 ? await res.text().catch(() => '') : (await res.body?.cancel(), '');
    const secondary = /secondary rate limit|abuse detection/i.test(text);
    if (res.status === 429 || (res.status === 403 && (retryAfterMs !== null || rateLimitSpent(res.headers) || secondary || /rate limit/i.test(text)))) {
      // GitHub's order: Retry-After; else x-ratelimit-reset when remaining is 0; else a minute for a secondary limit.
      // (Reddit's reset counts down every window, so a 429 may use it whatever remains.)
      const reset = rateLimitSpent(res.headers) || res.status === 429 ? rateLimitResetMs(res.headers) : null;
      const wait = retryAfterMs ?? reset ?? (secondary ? SECONDARY_LIMIT_WAIT_MS : null);
      lastError = new SourceError(source, 'rate_limited', `${hostOf(url)} rate limited (HTTP ${res.status})`, res.status, wait);
      continue;
    }
    if (res.status >= 500) {
      lastError = new SourceError(source, 'unreachable', `${hostOf(url)} failed with HTTP ${res.status}`, res.status, retryAfterMs);
      continue;
    }
    // Other 4xx: our request is wrong; retrying cannot help. 400/404/422 refuse this
    // request's own query or path; anything else (401, 403) refuses us altogether.
    const kind = res.status === 400 || res.status === 404 || res.status === 422 ? 'rejected' : 'bad_response';
    throw new SourceError(source, kind, `${hostOf(url)} refused the request with HTTP ${res.status}`, res.status);
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
