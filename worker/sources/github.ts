import { z } from 'zod';
import type { Observation } from '../../shared/trends/types.ts';
import { Harvest, parseBody, sourceClient } from './harvest.ts';
import { getWithRetry, rateLimitSpent, readJson, SourceError, type HttpOptions } from './http.ts';
import type { SourceClient, SourceClientConfig } from './types.ts';

/**
 * GitHub REST "search repositories" (https://docs.github.com/rest/search/search#search-repositories):
 * `items` of repository objects; we read the fields below.
 */
const searchResponse = z.object({
  total_count: z.number().optional(),
  incomplete_results: z.boolean().optional(),
  items: z.array(z.unknown()),
});

const searchItem = z.object({
  // The title is built from the repository half of "owner/repo".
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
  html_url: z.string().nullish(),
  description: z.string().nullish(),
  stargazers_count: z.number().nullish(),
  open_issues_count: z.number().int().nullish(),
  created_at: z.string().refine((s) => Number.isFinite(Date.parse(s)), 'not a date'),
  topics: z.array(z.string()).nullish(),
  language: z.string().nullish(),
});

const LOOKBACK_DAYS = 7;

/** One entry of github.com/trending. */
export interface TrendingRepo {
  fullName: string;
  description: string | null;
  language: string | null;
  stars: number | null;
  starsToday: number | null;
}

const count = (text: string | undefined): number | null => {
  const n = text ? Number(text.replace(/[^\d]/g, '')) : NaN;
  return Number.isFinite(n) && text && /\d/.test(text) ? n : null;
};
const decodeText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The trending page has no API; each repository is an `article.Box-row` whose heading
 * links to /owner/repo. Parsed with patterns rather than a DOM (Workers have none), and
 * every field is optional so a markup change loses fields, not the whole page.
 */
export function parseTrendingPage(html: string): TrendingRepo[] {
  const out: TrendingRepo[] = [];
  for (const m of html.matchAll(/<article\b[^>]*class="[^"]*\bBox-row\b[^"]*"[^>]*>([\s\S]*?)<\/article>/g)) {
    const body = m[1]!;
    const link = /<h[12]\b[\s\S]*?<a\b[^>]*href="\/([\w.-]+\/[\w.-]+)"/.exec(body);
    if (!link) continue;
    const fullName = link[1]!;
    const description = /<p\b[^>]*>([\s\S]*?)<\/p>/.exec(body);
    const language = /itemprop="programmingLanguage"[^>]*>([^<]*)</.exec(body);
    const stars = new RegExp(`href="/${fullName.replace(/[.]/g, '\\.')}/stargazers"[^>]*>([\\s\\S]*?)</a>`).exec(body);
    const today = /([\d,]+)\s+stars?\s+(today|this week|this month)/.exec(decodeText(body));
    out.push({
      fullName,
      description: description ? decodeText(description[1]!) || null : null,
      language: language ? decodeText(language[1]!) || null : null,
      stars: stars ? count(decodeText(stars[1]!)) : null,
      starsToday: today ? count(today[1]) : null,
    });
  }
  return out;
}

/**
 * Recently created repositories by stars: what developers are starring this week,
 * optionally narrowed to each topic. Follows the Link header's rel="next" and stops
 * when the rate limit is spent. The trending page adds older repositories that are
 * surging today, as a secondary signal: if it cannot be read, the search results stand.
 */
export function gitHubClient(config: SourceClientConfig & { trendingBaseUrl?: string }): SourceClient {
  return sourceClient('github', async (ctx) => {
    const since = new Date(ctx.observedAt - LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    const queries = ctx.topics.length ? ctx.topics.map((t) => ({ topic: t as string | null, q: `${t} created:>${since}` })) : [{ topic: null, q: `created:>${since} stars:>10` }];
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': config.userAgent,
    };
    if (config.token) headers.authorization = `Bearer ${config.token}`;
    const harvest = new Harvest('github');
    const http = { ...config.http, budget: ctx.budget };
    let spent = false;
    for (const { topic, q } of queries) {
      const goOn = await harvest.topic(topic, async () => {
        let url: string | null = `${config.baseUrl}/search/repositories?${new URLSearchParams({ q, sort: 'stars', order: 'desc', per_page: '100' })}`;
        for (let page = 0; page < config.maxPages && url; page++) {
          const res = await getWithRetry('github', url, { headers }, http);
          const body = parseBody('github', searchResponse, await readJson<unknown>('github', res), res.status);
          for (const raw of body.items) {
            const repo = harvest.item(searchItem, raw);
            if (!repo) continue;
            harvest.add({
              source: 'github',
              externalId: repo.full_name,
              // "owner/repo-name" reads better as words for keyphrase extraction.
              title: `${repo.full_name.split('/')[1]!.replace(/[-_]+/g, ' ')}: ${repo.description ?? ''}`.trim().replace(/:$/, ''),
              text: [repo.description, repo.topics?.join(' '), repo.language].filter(Boolean).join(' · ') || null,
              url: repo.html_url ?? `https://github.com/${repo.full_name}`,
              score: repo.stargazers_count ?? null,
              comments: repo.open_issues_count ?? null,
              createdAt: Date.parse(repo.created_at),
              observedAt: ctx.observedAt,
            });
          }
          if (rateLimitSpent(res.headers)) {
            spent = true;
            return;
          }
          url = nextLink(res.headers.get('link'));
        }
      });
      if (!goOn || spent) break;
    }
    // Secondary signal: its own failure (or a spent job budget) never costs the search results.
    if (ctx.topics.length === 0 && config.trendingBaseUrl) {
      for (const repo of await trending(config, ctx.observedAt, http)) {
        if (!harvest.has(repo.externalId)) harvest.add(repo);
      }
    }
    return harvest.result();
  });
}

async function trending(config: SourceClientConfig & { trendingBaseUrl?: string }, observedAt: number, http: HttpOptions): Promise<Observation[]> {
  try {
    const res = await getWithRetry('github', `${config.trendingBaseUrl}/trending?since=daily`, { headers: { 'user-agent': config.userAgent, accept: 'text/html' } }, { ...http, retries: 1 });
    return parseTrendingPage(await res.text()).map((r) => ({
      source: 'github' as const,
      externalId: r.fullName,
      title: `${r.fullName.split('/')[1]!.replace(/[-_]+/g, ' ')}: ${r.description ?? ''}`.trim().replace(/:$/, ''),
      text: [r.description, r.language].filter(Boolean).join(' · ') || null,
      url: `https://github.com/${r.fullName}`,
      score: r.stars,
      comments: null,
      // The page does not say when a repository was created; what it reports is today's surge.
      createdAt: observedAt,
      observedAt,
    }));
  } catch (err) {
    if (err instanceof SourceError) return [];
    throw err;
  }
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
