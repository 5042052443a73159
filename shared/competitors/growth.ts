/**
 * Competitor metrics from snapshots the extension took on visits: growth, posting
 * cadence, engagement rate and best recent posts. Pure, so the overlay (offline, from
 * Dexie) and the worker (from D1) compute the same numbers.
 */

export interface Snapshot {
  capturedAt: number;
  followers: number | null;
}

export interface PostMetrics {
  id: string;
  text: string;
  url: string | null;
  publishedAt: number;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  views: number | null;
}

export interface CompetitorGrowth {
  followers: number | null;
  /** Net followers gained per day between the earliest and latest usable snapshots. */
  followersPerDay: number | null;
  /** Compound growth per 7 days over the same span, in percent. */
  pctPerWeek: number | null;
  /** Days between the snapshots the growth is measured over; growth needs ≥ 1 day. */
  spanDays: number | null;
  /** Posts per week over the posts seen (at least two needed). */
  postsPerWeek: number | null;
  /** Mean (likes + comments + shares) per post divided by followers, in percent. */
  engagementRatePct: number | null;
  bestRecentPosts: (PostMetrics & { engagement: number })[];
  /** Plain-words caveats: why a figure is missing. */
  notes: string[];
}

const DAY = 86_400_000;
const MIN_SPAN_DAYS = 1;

export function engagementOf(p: PostMetrics): number {
  return (p.likes ?? 0) + (p.comments ?? 0) + (p.shares ?? 0);
}

export function competitorGrowth(snapshots: readonly Snapshot[], posts: readonly PostMetrics[], now: number, opts: { bestPosts?: number; recentDays?: number } = {}): CompetitorGrowth {
  const notes: string[] = [];
  const usable = snapshots.filter((s) => s.followers !== null && Number.isFinite(s.followers)).sort((a, b) => a.capturedAt - b.capturedAt);
  const latest = usable[usable.length - 1] ?? null;
  const earliest = usable[0] ?? null;

  let followersPerDay: number | null = null;
  let pctPerWeek: number | null = null;
  let spanDays: number | null = null;
  if (latest && earliest && latest !== earliest) {
    spanDays = (latest.capturedAt - earliest.capturedAt) / DAY;
    if (spanDays >= MIN_SPAN_DAYS) {
      const gained = latest.followers! - earliest.followers!;
      followersPerDay = gained / spanDays;
      if (earliest.followers! > 0) pctPerWeek = (Math.pow(latest.followers! / earliest.followers!, 7 / spanDays) - 1) * 100;
    } else {
      notes.push('growth needs snapshots at least a day apart; visit again tomorrow');
    }
  } else {
    notes.push(usable.length === 0 ? 'no follower count captured yet' : 'growth appears after a second visit on another day');
  }

  const recentDays = opts.recentDays ?? 90;
  const recent = posts.filter((p) => p.publishedAt <= now && now - p.publishedAt <= recentDays * DAY).sort((a, b) => a.publishedAt - b.publishedAt);
  let postsPerWeek: number | null = null;
  if (recent.length >= 2) {
    const span = Math.max(DAY, now - recent[0]!.publishedAt);
    postsPerWeek = (recent.length / span) * 7 * DAY;
  } else {
    notes.push('posting cadence needs at least two recent posts');
  }

  let engagementRatePct: number | null = null;
  const followers = latest?.followers ?? null;
  const withCounts = recent.filter((p) => p.likes !== null || p.comments !== null || p.shares !== null);
  if (followers && followers > 0 && withCounts.length > 0) {
    engagementRatePct = (withCounts.reduce((sum, p) => sum + engagementOf(p), 0) / withCounts.length / followers) * 100;
  } else if (withCounts.length > 0) {
    notes.push('engagement rate needs a follower count');
  }

  const bestRecentPosts = withCounts
    .map((p) => ({ ...p, engagement: engagementOf(p) }))
    .sort((a, b) => b.engagement - a.engagement || b.publishedAt - a.publishedAt)
    .slice(0, opts.bestPosts ?? 3);

  return { followers, followersPerDay, pctPerWeek, spanDays, postsPerWeek, engagementRatePct, bestRecentPosts, notes };
}
