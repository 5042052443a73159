import { version } from '../../shared/version.ts';
import type { TrendSource } from '../../shared/trends/types.ts';
import type { Env } from '../env.ts';
import { gitHubClient } from './github.ts';
import { googleTrendsClient } from './google-trends.ts';
import { hackerNewsClient } from './hackernews.ts';
import type { HttpOptions } from './http.ts';
import { redditClient } from './reddit.ts';
import type { SourceClient } from './types.ts';

/** Reddit asks for `<platform>:<app id>:<version> (by /u/<user>)`. */
const userAgent = `web:sightline:${version} (trend research; +https://github.com/sightline)`;

/** Every source client, with base URLs from the environment so tests and proxies can redirect them. */
export function sourceClients(env: Env, http?: HttpOptions): Record<TrendSource, SourceClient> {
  const common = { userAgent, maxPages: 3, ...(http ? { http } : {}) };
  return {
    hackernews: hackerNewsClient({ ...common, baseUrl: env.HN_BASE_URL ?? 'https://hn.algolia.com' }),
    reddit: redditClient({ ...common, baseUrl: env.REDDIT_BASE_URL ?? 'https://www.reddit.com' }),
    github: gitHubClient({ ...common, baseUrl: env.GITHUB_BASE_URL ?? 'https://api.github.com', token: env.GITHUB_TOKEN, trendingBaseUrl: env.GITHUB_TRENDING_BASE_URL ?? 'https://github.com' }),
    'google-trends': googleTrendsClient({ ...common, baseUrl: env.GOOGLE_TRENDS_BASE_URL ?? 'https://trends.google.com' }),
  };
}
