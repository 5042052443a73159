import type { Post } from '../sites/types.ts';

/**
 * Post insight figures, pure so they are unit-tested and identical wherever they are shown:
 * engagement relative to the author's average, and velocity since publishing.
 */

/** Likes (or reactions) + comments (or replies) + reposts; null when the post shows none of them. */
export function engagementOf(p: Post): number | null {
  const parts = [p.likes ?? p.reactions ?? null, p.comments ?? p.replies ?? null, p.reposts ?? null];
  if (parts.every((x) => x === null)) return null;
  return parts.reduce<number>((sum, x) => sum + (x ?? 0), 0);
}

/** Who a post is by, for averaging: the handle when the page shows one, else the display name. */
export function authorKey(p: Pick<Post, 'handle' | 'author'>): string | null {
  if (p.handle) return `@${p.handle.toLowerCase()}`;
  return p.author ? p.author.trim().toLowerCase() : null;
}

export interface AuthorBaseline {
  /** Posts the average is over. */
  n: number;
  mean: number;
}

/**
 * Mean engagement per author over the posts visible on the page, plus posts stored from
 * earlier visits (`stored`, keyed like authorKey) that are not on the page now.
 */
export function authorBaselines(
  posts: readonly Post[],
  stored: ReadonlyMap<string, { n: number; sum: number; ids: readonly string[] }> = new Map(),
): Map<string, AuthorBaseline> {
  const acc = new Map<string, { n: number; sum: number; ids: Set<string> }>();
  for (const p of posts) {
    const key = authorKey(p);
    const e = engagementOf(p);
    if (!key || e === null) continue;
    const a = acc.get(key) ?? { n: 0, sum: 0, ids: new Set<string>() };
    if (p.id && a.ids.has(p.id)) continue;
    if (p.id) a.ids.add(p.id);
    a.n++;
    a.sum += e;
    acc.set(key, a);
  }
  for (const [key, s] of stored) {
    const a = acc.get(key) ?? { n: 0, sum: 0, ids: new Set<string>() };
    // Posts on the page were counted with their current figures; stored copies of them are skipped.
    const overlap = s.ids.filter((id) => a.ids.has(id)).length;
    if (s.n - overlap <= 0) {
      acc.set(key, a);
      continue;
    }
    const meanStored = s.sum / s.n;
    a.n += s.n - overlap;
    a.sum += meanStored * (s.n - overlap);
    acc.set(key, a);
  }
  const out = new Map<string, AuthorBaseline>();
  for (const [key, a] of acc) if (a.n > 0) out.set(key, { n: a.n, mean: a.sum / a.n });
  return out;
}

export interface Insight {
  engagement: number | null;
  /** engagement / author's mean; null with fewer than two posts to compare or a zero mean. */
  relative: number | null;
  /** Posts the author's average is over. */
  n: number;
  /** Per hour since publishing: engagements, or views when the post shows no engagement (YouTube tiles). */
  velocity: number | null;
  velocityOf: 'engagements' | 'views';
  hours: number | null;
}

const HOUR = 3_600_000;

export function postInsight(p: Post, baselines: ReadonlyMap<string, AuthorBaseline>, now: number): Insight {
  const engagement = engagementOf(p);
  const key = authorKey(p);
  const base = key ? baselines.get(key) : undefined;
  const n = base?.n ?? 0;
  const relative = engagement !== null && base && base.n >= 2 && base.mean > 0 ? engagement / base.mean : null;
  const published = p.publishedAt ? Date.parse(p.publishedAt) : NaN;
  // Under six minutes old, a per-hour rate is mostly noise; clamp the divisor.
  const hours = Number.isFinite(published) ? Math.max(0.1, (now - published) / HOUR) : null;
  const velocityOf = engagement === null && p.views != null ? 'views' : 'engagements';
  const amount = velocityOf === 'views' ? (p.views ?? null) : engagement;
  const velocity = hours !== null && amount !== null ? amount / hours : null;
  return { engagement, relative, n, velocity, velocityOf, hours };
}

export function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${(n / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}K`;
  if (abs >= 10 || Number.isInteger(n)) return String(Math.round(n));
  return n.toFixed(1);
}

/** The badge's text parts; empty when nothing could be read. */
export function insightParts(i: Insight): string[] {
  const parts: string[] = [];
  if (i.relative !== null) parts.push(`${i.relative.toFixed(1)}× author avg (${i.n} posts)`);
  else if (i.engagement !== null) parts.push(`${compact(i.engagement)} engagements (avg needs 2+ posts, ${i.n} seen)`);
  if (i.velocity !== null) parts.push(`${compact(i.velocity)} ${i.velocityOf === 'views' ? 'views' : 'eng.'}/h`);
  return parts;
}
