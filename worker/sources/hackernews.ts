import type { Observation } from '../../shared/trends/types.ts';
import { getWithRetry, readJson } from './http.ts';
import type { FetchContext, SourceClient, SourceClientConfig } from './types.ts';

/** The parts of the Algolia HN Search API response we read (https://hn.algolia.com/api). */
interface AlgoliaResponse {
  hits: {
    objectID: string;
    title: string | null;
    url: string | null;
    points: number | null;
    num_comments: number | null;
    created_at_i: number;
    story_text?: string | null;
  }[];
  page: number;
  nbPages: number;
  hitsPerPage: number;
}

const LOOKBACK_S = 48 * 3600;

/**
 * Hacker News through Algolia's search API: stories from the last 48 h, newest first,
 * per topic (or all stories with some traction when there are no topics).
 */
export function hackerNewsClient(config: SourceClientConfig): SourceClient {
  return {
    source: 'hackernews',
    async fetchObservations(ctx: FetchContext): Promise<Observation[]> {
      const since = Math.floor(ctx.observedAt / 1000) - LOOKBACK_S;
      const queries = ctx.topics.length ? ctx.topics : [''];
      const out = new Map<string, Observation>();
      for (const query of queries) {
        for (let page = 0; page < config.maxPages; page++) {
          const params = new URLSearchParams({
            tags: 'story',
            query,
            // Without a topic, only stories that got some votes: the raw firehose is noise.
            numericFilters: query ? `created_at_i>${since}` : `created_at_i>${since},points>=5`,
            hitsPerPage: '100',
            page: String(page),
          });
          const res = await getWithRetry('hackernews', `${config.baseUrl}/api/v1/search_by_date?${params}`, { headers: { 'user-agent': config.userAgent } }, config.http);
          const body = await readJson<AlgoliaResponse>('hackernews', res);
          for (const hit of body.hits) {
            if (!hit.title) continue;
            out.set(hit.objectID, {
              source: 'hackernews',
              externalId: hit.objectID,
              title: hit.title,
              text: hit.story_text ?? null,
              url: hit.url ?? `https://news.ycombinator.com/item?id=${hit.objectID}`,
              score: hit.points,
              comments: hit.num_comments,
              createdAt: hit.created_at_i * 1000,
              observedAt: ctx.observedAt,
            });
          }
          if (page + 1 >= body.nbPages) break;
        }
      }
      return [...out.values()];
    },
  };
}
