/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3); milliseconds to wait, or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): a uniformly random wait up to base·2^(attempt−1), capped, so clients retrying
 * the same outage spread out instead of arriving together.
 */
export function jitteredBackoff(attempt: number, baseMs: number, random: () => number, capMs = Number.POSITIVE_INFINITY): number {
  return random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Exponential backoff between attempts (10 s, 20 s, 40 s … capped at 10 min) so a failing dependency is not hammered. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}
