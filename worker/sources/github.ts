import type { Observation } from '../../shared/trends/types.ts';
import { getWithRetry, rateLimitSpent, readJson } from './http.ts';
import type { FetchContext, SourceClient, SourceClientConfig } from './types.ts';

/** GitHub REST "search repositories" (https://docs.github.com/rest/search/search#search-repositories). */
interface SearchResponse {
  total_count: number;
  incomplete_results: boolean;
  items: {
    id: number;
    full_name: string;
    html_url: string;
    description: string | null;
    stargazers_count: number;
    open_issues_count: number;
    created_at: string;
    topics?: string[];
    language?: string | null;
  }[];
}

const LOOKBACK_DAYS = 7;

/**
 * Recently created repositories by stars: what developers are starring this week,
 * optionally narrowed to each topic. Follows the Link header's rel="next" and stops
 * when the rate limit is spent.
 */
export function gitHubClient(config: SourceClientConfig): SourceClient {
  return {
    source: 'github',
    async fetchObservations(ctx: FetchContext): Promise<Observation[]> {
      const since = new Date(ctx.observedAt - LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
      const queries = ctx.topics.length ? ctx.topics.map((t) => `${t} created:>${since}`) : [`created:>${since} stars:>10`];
      const headers: Record<string, string> = {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': config.userAgent,
      };
      if (config.token) headers.authorization = `Bearer ${config.token}`;
      const out = new Map<string, Observation>();
      outer: for (const q of queries) {
        let url: string | null = `${config.baseUrl}/search/repositories?${new URLSearchParams({ q, sort: 'stars', order: 'desc', per_page: '100' })}`;
        for (let page = 0; page < config.maxPages && url; page++) {
          const res = await getWithRetry('github', url, { headers }, config.http);
          const body = await readJson<SearchResponse>('github', res);
          for (const repo of body.items) {
            out.set(repo.full_name, {
              source: 'github',
              externalId: repo.full_name,
              // "owner/repo-name" reads better as words for keyphrase extraction.
              title: `${repo.full_name.split('/')[1]!.replace(/[-_]+/g, ' ')}: ${repo.description ?? ''}`.trim().replace(/:$/, ''),
              text: [repo.description, repo.topics?.join(' '), repo.language].filter(Boolean).join(' · ') || null,
              url: repo.html_url,
              score: repo.stargazers_count,
              comments: repo.open_issues_count,
              createdAt: Date.parse(repo.created_at),
              observedAt: ctx.observedAt,
            });
          }
          if (rateLimitSpent(res.headers)) break outer;
          url = nextLink(res.headers.get('link'));
        }
      }
      return [...out.values()];
    },
  };
}

/** The rel="next" URL of an RFC 8288 Link header, as GitHub paginates. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1]!;
  }
  return null;
}
