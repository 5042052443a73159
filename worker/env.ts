// Imported from the module build of workers-types rather than used as globals, so
// the console and extension can import `AppType` without the Workers globals
// clashing with the DOM's.
import type { D1Database, Queue } from '@cloudflare/workers-types';
import type { JobMessage } from '../shared/contracts/jobs.ts';

/** Bindings and variables from wrangler.toml (and `--var` / secrets). */
export interface Env {
  DB: D1Database;
  JOBS: Queue<JobMessage>;
  /** Static console assets. Typed structurally so it uses whichever Request/Response the program has. */
  ASSETS: { fetch(request: Request): Promise<Response> };
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  HEYGEN_API_KEY?: string;
  HEYGEN_BASE_URL?: string;
  /** Source endpoints; defaults are the public APIs. */
  HN_BASE_URL?: string;
  REDDIT_BASE_URL?: string;
  GITHUB_BASE_URL?: string;
  GITHUB_TOKEN?: string;
  GOOGLE_TRENDS_BASE_URL?: string;
}
