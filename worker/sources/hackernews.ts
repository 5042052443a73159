import { z } from 'zod';
import type { SourceClient, SourceClientConfig } from './types.ts';
import { Harvest, parseBody, sourceClient } from './harvest.ts';
import { getWithRetry, readJson } from './http.ts';

/**
 * The parts of an Algolia HN Search response we read (https://hn.algolia.com/api):
 * `hits` plus the paging fields. A hit of tags=story always carries objectID and
 * created_at_i; title, url, points and num_comments can be null.
 */
const algoliaResponse = z.object({
  hits: z.array(z.unknown()),
  // Paging is a convenience: without it we read this page and stop.
  nbPages: z.number().int().optional(),
});

const algoliaHit = z.object({
  objectID: z.string().min(1),
  title: z.string().trim().min(1),
  url: z.string().nullish(),
  points: z.number().nullish(),
  num_comments: z.number().int().nullish(),
  created_at_i: z.number().int(),
  story_text: z.string().nullish(),
});

const LOOKBACK_S = 48 * 3600;

/**
 * Hacker News through Algolia's search API: stories from the last 48 h, newest first,
 * per topic (or all stories with some traction when there are no topics).
 */
export function hackerNewsClient(config: SourceClientConfig): SourceClient {
  return sourceClient('hackernews', async (ctx) => {
    const since = Math.floor(ctx.observedAt / 1000) - LOOKBACK_S;
    const queries = ctx.topics.length ? ctx.topics : [''];
    const harvest = new Harvest('hackernews');
    const http = { ...config.http, budget: ctx.budget };
    for (const query of queries) {
      const goOn = await harvest.topic(query || null, async () => {
        for (let page = 0; page < config.maxPages; page++) {
          const params = new URLSearchParams({
            tags: 'story',
            query,
            // Without a topic, only stories that got some votes: the raw firehose is noise.
            numericFilters: query ? `created_at_i>${since}` : `created_at_i>${since},points>=5`,
            hitsPerPage: '100',
            page: String(page),
          });
          const res = await getWithRetry('hackernews', `${config.baseUrl}/api/v1/search_by_date?${params}`, { headers: { 'user-agent': config.userAgent } }, http);
          const body = parseBody('hackernews', algoliaResponse, await readJson<unknown>('hackernews', res), res.status);
          for (const raw of body.hits) {
            const hit = harvest.item(algoliaHit, raw);
            if (!hit) continue;
            harvest.add({
              source: 'hackernews',
              externalId: hit.objectID,
              title: hit.title,
              text: hit.story_text ?? null,
              url: hit.url ?? `https://news.ycombinator.com/item?id=${hit.objectID}`,
              score: hit.points ?? null,
              comments: hit.num_comments ?? null,
              createdAt: hit.created_at_i * 1000,
              observedAt: ctx.observedAt,
            });
          }
          if (body.nbPages === undefined || page + 1 >= body.nbPages) break;
        }
      });
      if (!goOn) break;
    }
    return harvest.result();
  });
}
