import type { Observation } from '../../shared/trends/types.ts';
import { getWithRetry, rateLimitSpent, readJson } from './http.ts';
import type { FetchContext, SourceClient, SourceClientConfig } from './types.ts';

/** A Reddit Listing of links (https://www.reddit.com/dev/api#listings). */
interface Listing {
  kind: 'Listing';
  data: {
    after: string | null;
    children: {
      kind: string;
      data: {
        name: string;
        title: string;
        selftext?: string;
        url?: string;
        permalink: string;
        score: number;
        num_comments: number;
        created_utc: number;
        over_18?: boolean;
        stickied?: boolean;
      };
    }[];
  };
}

/** Subreddits whose rising posts a social manager watching tech and marketing cares about. */
export const defaultSubreddits = ['technology', 'programming', 'marketing', 'socialmedia', 'artificial', 'startups'];

/**
 * Reddit's public JSON listings: `/r/<sub>/rising.json` for the general feed and
 * `/search.json` per topic, with a descriptive User-Agent as Reddit's API rules require.
 * Stops paginating as soon as Reddit says the rate limit is spent.
 */
export function redditClient(config: SourceClientConfig & { subreddits?: string[] }): SourceClient {
  const subreddits = config.subreddits ?? defaultSubreddits;
  return {
    source: 'reddit',
    async fetchObservations(ctx: FetchContext): Promise<Observation[]> {
      const paths = ctx.topics.length
        ? ctx.topics.map((q) => ({ path: '/search.json', params: { q, sort: 'new', t: 'day', type: 'link' } }))
        : subreddits.map((s) => ({ path: `/r/${encodeURIComponent(s)}/rising.json`, params: {} as Record<string, string> }));
      const out = new Map<string, Observation>();
      outer: for (const { path, params } of paths) {
        let after: string | null = null;
        for (let page = 0; page < config.maxPages; page++) {
          const qs = new URLSearchParams({ ...params, limit: '100', raw_json: '1', ...(after ? { after } : {}) });
          const res = await getWithRetry('reddit', `${config.baseUrl}${path}?${qs}`, { headers: { 'user-agent': config.userAgent, accept: 'application/json' } }, config.http);
          const listing = await readJson<Listing>('reddit', res);
          for (const { kind, data } of listing.data?.children ?? []) {
            if (kind !== 't3' || data.stickied || data.over_18) continue;
            out.set(data.name, {
              source: 'reddit',
              externalId: data.name,
              title: data.title,
              text: data.selftext ? data.selftext.slice(0, 2000) : null,
              url: `https://www.reddit.com${data.permalink}`,
              score: data.score,
              comments: data.num_comments,
              createdAt: Math.round(data.created_utc * 1000),
              observedAt: ctx.observedAt,
            });
          }
          if (rateLimitSpent(res.headers)) break outer;
          after = listing.data?.after ?? null;
          if (!after) break;
        }
      }
      return [...out.values()];
    },
  };
}
