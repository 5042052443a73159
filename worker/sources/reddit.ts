import { z } from 'zod';
import type { SourceClient, SourceClientConfig } from './types.ts';
import { Harvest, parseBody, sourceClient } from './harvest.ts';
import { getWithRetry, rateLimitSpent, readJson } from './http.ts';

/**
 * A Reddit Listing (https://www.reddit.com/dev/api#listings): `data.children` are
 * things, each `{ kind, data }`; `data.after` is the next page's cursor.
 */
const listing = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullish(),
    children: z.array(z.unknown()),
  }),
});

const thing = z.object({ kind: z.string(), data: z.record(z.string(), z.unknown()) });

/** A link (kind t3), the fields we store. Scores can be hidden for a while after posting. */
const link = z.object({
  name: z.string().min(1),
  title: z.string().trim().min(1),
  selftext: z.string().nullish(),
  permalink: z.string().startsWith('/').nullish(),
  score: z.number().nullish(),
  num_comments: z.number().int().nullish(),
  created_utc: z.number(),
  over_18: z.boolean().nullish(),
  stickied: z.boolean().nullish(),
});

/** Subreddits whose rising posts a social manager watching tech and marketing cares about. */
export const defaultSubreddits = ['technology', 'programming', 'marketing', 'socialmedia', 'artificial', 'startups'];

/**
 * Reddit's public JSON listings: `/r/<sub>/rising.json` for the general feed and
 * `/search.json` per topic, with a descriptive User-Agent as Reddit's API rules require.
 * Stops paginating as soon as Reddit says the rate limit is spent.
 */
export function redditClient(config: SourceClientConfig & { subreddits?: string[] }): SourceClient {
  const subreddits = config.subreddits ?? defaultSubreddits;
  return sourceClient('reddit', async (ctx) => {
    const paths = ctx.topics.length
      ? ctx.topics.map((q) => ({ topic: q as string | null, path: '/search.json', params: { q, sort: 'new', t: 'day', type: 'link' } }))
      : subreddits.map((s) => ({ topic: null, path: `/r/${encodeURIComponent(s)}/rising.json`, params: {} as Record<string, string> }));
    const harvest = new Harvest('reddit');
    const http = { ...config.http, budget: ctx.budget };
    let spent = false;
    for (const { topic, path, params } of paths) {
      const goOn = await harvest.topic(topic, async () => {
        let after: string | null = null;
        for (let page = 0; page < config.maxPages; page++) {
          const qs = new URLSearchParams({ ...params, limit: '100', raw_json: '1', ...(after ? { after } : {}) });
          const res = await getWithRetry('reddit', `${config.baseUrl}${path}?${qs}`, { headers: { 'user-agent': config.userAgent, accept: 'application/json' } }, http);
          const body = parseBody('reddit', listing, await readJson<unknown>('reddit', res), res.status);
          for (const raw of body.data.children) {
            const child = harvest.item(thing, raw);
            if (!child || child.kind !== 't3') continue;
            const post = harvest.item(link, child.data);
            if (!post || post.stickied || post.over_18) continue;
            harvest.add({
              source: 'reddit',
              externalId: post.name,
              title: post.title,
              text: post.selftext ? post.selftext.slice(0, 2000) : null,
              url: post.permalink ? `https://www.reddit.com${post.permalink}` : null,
              score: post.score ?? null,
              comments: post.num_comments ?? null,
              createdAt: Math.round(post.created_utc * 1000),
              observedAt: ctx.observedAt,
            });
          }
          if (rateLimitSpent(res.headers)) {
            spent = true;
            return;
          }
          after = body.data.after ?? null;
          if (!after) break;
        }
      });
      if (!goOn || spent) break;
    }
    return harvest.result();
  });
}
