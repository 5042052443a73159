/** The public sources Sightline watches for rising topics. */
export const trendSources = ['hackernews', 'reddit', 'github', 'google-trends'] as const;
export type TrendSource = (typeof trendSources)[number];

const SOURCE_NAMES: Record<string, string> = {
  hackernews: 'Hacker News',
  reddit: 'Reddit',
  github: 'GitHub',
  'google-trends': 'Google Trends',
  linkedin: 'LinkedIn',
  x: 'X',
  youtube: 'YouTube',
};

/** A source or platform id as people write it ("hackernews" → "Hacker News"); unknown ids as they are. */
export const sourceName = (id: string): string => SOURCE_NAMES[id] ?? id;

const count = (v: number) => v.toLocaleString('en-US');

/** An item's counts in its source's own words: HN points, Reddit upvotes, GitHub stars and open issues, Google's search volume. */
export function memberCounts(source: string, m: { score: number | null; comments: number | null }): string {
  const parts: string[] = [];
  if (m.score !== null) {
    const unit = source === 'github' ? 'stars' : source === 'reddit' ? 'upvotes' : source === 'google-trends' ? 'searches' : 'points';
    parts.push(`${count(m.score)}${source === 'google-trends' ? '+' : ''} ${unit}`);
  }
  if (m.comments !== null) parts.push(`${count(m.comments)} ${source === 'github' ? 'open issues' : 'comments'}`);
  return parts.join(' · ');
}

/** An item's identity across sightings and stores: `${source}:${externalId}` (no source name has a colon). */
export function observationKey(o: { source: string; externalId: string }): string {
  return `${o.source}:${o.externalId}`;
}

/**
 * One sighting of one item on one source at one time. The same item seen again an hour
 * later is a second observation (its score and comments moved). The worker keeps at most
 * one per item, feed and clock hour (worker/queues/ingest.ts).
 */
export interface Observation {
  source: TrendSource;
  /** The source's own id: HN item id, Reddit fullname (t3_…), GitHub repo full_name, Trends query. */
  externalId: string;
  title: string;
  /** Extra text when the source has it: a repo description, a self-post excerpt, news snippets. */
  text: string | null;
  url: string | null;
  /** Points, upvotes, stars, or approximate search traffic; null when the source has none. */
  score: number | null;
  comments: number | null;
  /** Epoch ms when the item was created on its source. */
  createdAt: number;
  /** Epoch ms when we saw it. */
  observedAt: number;
}
