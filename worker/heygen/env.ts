import { sha256Hex } from '../lib/crypto.ts';
import type { Env } from '../env.ts';
import { DEFAULT_HEYGEN_BASE_URL, HeyGenClient, type HeyGenOptions } from './client.ts';

export const DEFAULT_MAX_CONCURRENCY = 3;
/** What a request handler waits out of a 429 before answering the user with it. */
export const REQUEST_RATE_LIMIT_WAIT_MS = 3000;

/** The configured HeyGen client, or null when no key is set (storyboard-only mode). */
export function heygenFromEnv(env: Env, extra: Partial<HeyGenOptions> = {}): HeyGenClient | null {
  if (!env.HEYGEN_API_KEY) return null;
  const base = Number(env.HEYGEN_RETRY_BASE_MS);
  const cost = Number(env.HEYGEN_COST_PER_SEC);
  return new HeyGenClient({
    apiKey: env.HEYGEN_API_KEY,
    baseUrl: env.HEYGEN_BASE_URL || DEFAULT_HEYGEN_BASE_URL,
    ...(Number.isFinite(base) && base >= 0 && env.HEYGEN_RETRY_BASE_MS ? { baseDelayMs: base } : {}),
    ...(Number.isFinite(cost) && cost > 0 ? { costPerSec: cost } : {}),
    ...extra,
  });
}

/** Identifies the HeyGen account (its key) without storing the key. */
export async function accountOf(env: Env): Promise<string | null> {
  return env.HEYGEN_API_KEY ? (await sha256Hex(`heygen:${env.HEYGEN_API_KEY}`)).slice(0, 16) : null;
}

export function maxConcurrency(env: Env): number {
  const n = Number(env.HEYGEN_MAX_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_CONCURRENCY;
}
