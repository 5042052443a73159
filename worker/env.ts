// Imported from the module build of workers-types rather than used as globals, so
// the console and extension can import `AppType` without the Workers globals
// clashing with the DOM's.
import type { D1Database, Queue, RateLimit } from '@cloudflare/workers-types';
import type { JobMessage } from '../shared/contracts/jobs.ts';

/** Bindings and variables from wrangler.toml (and `--var` / secrets). */
export interface Env {
  DB: D1Database;
  JOBS: Queue<JobMessage>;
  /** Video render and poll jobs (their own queue: own retries and dead-letter reasons). */
  VIDEO: Queue<JobMessage>;
  /** Static console assets. Typed structurally so it uses whichever Request/Response the program has. */
  ASSETS: { fetch(request: Request): Promise<Response> };
  /** Limits the public auth routes; absent in configs without [[ratelimits]] (then not limited). */
  AUTH_LIMITER?: RateLimit;
  /**
   * When set, creating a workspace needs this code. Every workspace draws on this deployment's
   * OpenAI and HeyGen keys (credits, private avatars and voices), so a deployment reachable
   * from the internet should set it.
   */
  SIGNUP_CODE?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  /** Embedding model for trend correlation (default text-embedding-3-small); 'off' disables embeddings. */
  OPENAI_EMBEDDING_MODEL?: string;
  HEYGEN_API_KEY?: string;
  HEYGEN_BASE_URL?: string;
  /** Secret of the registered HeyGen webhook endpoint; webhooks are refused without it. */
  HEYGEN_WEBHOOK_SECRET?: string;
  /** Renders in flight per HeyGen account (default 3). */
  HEYGEN_MAX_CONCURRENCY?: string;
  /**
   * What one second of avatar video costs in the HeyGen account's balance unit (credits or
   * USD; default 0.1): turns v3's balance into seconds of video for the quota check.
   */
  HEYGEN_COST_PER_SEC?: string;
  /** Base of the in-call backoff for HeyGen 5xx, in ms (default 500). */
  HEYGEN_RETRY_BASE_MS?: string;
  /** Public origin of this worker, for HeyGen's callback_url (webhooks); polling works without it. */
  PUBLIC_BASE_URL?: string;
  /** Source endpoints; defaults are the public APIs. */
  HN_BASE_URL?: string;
  REDDIT_BASE_URL?: string;
  GITHUB_BASE_URL?: string;
  GITHUB_TOKEN?: string;
  /** github.com, for the trending page (a secondary GitHub signal). */
  GITHUB_TRENDING_BASE_URL?: string;
  GOOGLE_TRENDS_BASE_URL?: string;
}
