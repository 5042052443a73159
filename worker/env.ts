import type { JobMessage } from '../shared/contracts/jobs.ts';

/** Bindings and variables from wrangler.toml (and `--var` / secrets). */
export interface Env {
  DB: D1Database;
  JOBS: Queue<JobMessage>;
  ASSETS: Fetcher;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  HEYGEN_API_KEY?: string;
  HEYGEN_BASE_URL?: string;
}
