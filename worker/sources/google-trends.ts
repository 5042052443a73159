import { Harvest, sourceClient } from './harvest.ts';
import { getWithRetry, SourceError } from './http.ts';
import type { SourceClient, SourceClientConfig } from './types.ts';

export interface TrendsRssItem {
  title: string;
  /** "200,000+" → 200000; the feed's rough search volume. */
  approxTraffic: number | null;
  pubDate: number | null;
  newsTitles: string[];
  newsUrls: string[];
}

/**
 * Google Trends' daily trending-searches RSS (`/trending/rss?geo=US`, items with
 * `ht:approx_traffic` and `ht:news_item` children). There is no DOMParser in Workers,
 * and the feed is flat, so a small tolerant scanner reads it.
 */
export function parseTrendsRss(xml: string): TrendsRssItem[] {
  const items: TrendsRssItem[] = [];
  for (const m of xml.matchAll(/<item\b[^>]*>([\s\S]*?)<\/item>/g)) {
    const body = m[1]!;
    const title = textOf(body, 'title');
    if (!title) continue;
    const traffic = textOf(body, 'ht:approx_traffic');
    const pub = textOf(body, 'pubDate');
    items.push({
      title,
      approxTraffic: traffic ? Number(traffic.replace(/[^\d]/g, '')) || null : null,
      pubDate: pub && !Number.isNaN(Date.parse(pub)) ? Date.parse(pub) : null,
      newsTitles: allTextOf(body, 'ht:news_item_title'),
      newsUrls: allTextOf(body, 'ht:news_item_url'),
    });
  }
  return items;
}

function allTextOf(xml: string, tag: string): string[] {
  const re = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...xml.matchAll(re)].map((m) => decode(m[1]!)).filter((s) => s.length > 0);
}

function textOf(xml: string, tag: string): string | null {
  return allTextOf(xml, tag)[0] ?? null;
}

function decode(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  const s = cdata ? cdata[1]! : raw;
  return s
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * Daily trending searches for one region. Topics do not narrow this feed (it has no
 * query); the correlation step matches them, so topic jobs reuse the general feed.
 */
export function googleTrendsClient(config: SourceClientConfig & { geo?: string }): SourceClient {
  const geo = config.geo ?? 'US';
  return sourceClient('google-trends', async (ctx) => {
    const harvest = new Harvest('google-trends');
    await harvest.topic(null, async () => {
      const res = await getWithRetry('google-trends', `${config.baseUrl}/trending/rss?geo=${encodeURIComponent(geo)}`, { headers: { 'user-agent': config.userAgent } }, { ...config.http, budget: ctx.budget });
      const xml = await res.text();
      if (!/<rss\b/.test(xml)) throw new SourceError('google-trends', 'bad_response', 'trends.google.com returned something other than RSS', res.status);
      for (const item of parseTrendsRss(xml)) {
        harvest.add({
          source: 'google-trends',
          externalId: `${geo}:${item.title.toLowerCase()}`,
          title: item.title,
          text: item.newsTitles.length ? item.newsTitles.join(' · ') : null,
          url: item.newsUrls[0] ?? null,
          score: item.approxTraffic,
          comments: null,
          createdAt: item.pubDate ?? ctx.observedAt,
          observedAt: ctx.observedAt,
        });
      }
    });
    return harvest.result();
  });
}
