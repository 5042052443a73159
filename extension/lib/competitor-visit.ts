import type { CompetitorSnapshotRequest, SocialPlatform } from '../../shared/contracts/api.ts';
import type { Extraction, Post, Profile } from '../sites/types.ts';
import { authorKey } from './insight.ts';

/**
 * What the competitor card knows about the page's account, read from the page alone. Pure:
 * building these values stores and sends nothing; the background decides (tracked or not).
 */

export interface Account {
  platform: SocialPlatform;
  /** As the worker keys competitors: lower case, no '@'. */
  handle: string;
  name: string | null;
  /** The account's page (https). */
  url: string;
}

const ACCOUNT_KINDS = new Set(['company', 'company-posts', 'profile', 'x-profile', 'yt-channel']);

/** LinkedIn keys accounts by vanity name, which only the URL carries. */
function linkedInHandle(url: URL): string | null {
  const [a, b] = url.pathname.split('/').filter(Boolean);
  if (!b || !['company', 'school', 'showcase', 'in'].includes(a ?? '')) return null;
  return `${a === 'in' ? '' : `${a}/`}${decodeURIComponent(b)}`;
}

/** The account a profile/company/channel page is about; null on other pages or when unreadable. */
export function accountOf(ex: Extraction, url: URL): Account | null {
  if (!ACCOUNT_KINDS.has(ex.kind) || !ex.profile) return null;
  const raw = ex.platform === 'linkedin' ? linkedInHandle(url) : (ex.profile.handle ?? null);
  if (!raw) return null;
  const handle = raw.replace(/^@/, '').toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  // The account's own page, without tab or query ("/company/motionapp/posts" → "/company/motionapp/").
  const base = ex.platform === 'linkedin' ? parts.slice(0, 2) : parts.slice(0, 1);
  return { platform: ex.platform, handle, name: ex.profile.name ?? null, url: `https://${url.host}/${base.join('/')}/` };
}

/** The page's headline figures, in display order; missing ones are left out. */
export function pageMetrics(p: Profile): { label: string; value: number | string }[] {
  const rows: [string, number | string | null | undefined][] = [
    ['followers', p.followers],
    ['subscribers', p.subscribers],
    ['connections', p.connections],
    ['following', p.following],
    ['videos', p.videos],
    ['employees', p.employees],
  ];
  return rows.filter((r): r is [string, number | string] => r[1] !== null && r[1] !== undefined).map(([label, value]) => ({ label, value }));
}

/** The followers figure growth is measured on: followers, or subscribers on YouTube. */
export function audienceOf(p: Profile): number | null {
  return p.followers ?? p.subscribers ?? null;
}

/** Posts by the account itself (a profile's Likes tab lists other people's posts). */
export function ownPosts(ex: Extraction, account: Account): Post[] {
  const mine = `@${account.handle}`;
  const name = account.name?.trim().toLowerCase() ?? null;
  return ex.posts.filter((p) => {
    const key = authorKey(p);
    return key !== null && (key === mine || (name !== null && key === name));
  });
}

function httpsUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    return new URL(u).protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** The snapshot a visit of a tracked account sends (the shape POST /v1/competitors/:id/snapshots takes). */
export function snapshotOf(ex: Extraction, account: Account, capturedAt: Date): CompetitorSnapshotRequest & { capturedAt: string; metrics: Record<string, number | string | null>; posts: NonNullable<CompetitorSnapshotRequest['posts']> } {
  const p = ex.profile ?? { name: null };
  const metrics: Record<string, number | string | null> = {};
  for (const { label, value } of pageMetrics(p)) if (label !== 'followers' && label !== 'following') metrics[label] = value;
  const posts = ownPosts(ex, account)
    .filter((q) => q.publishedAt && (q.id || q.url))
    .slice(0, 100)
    .map((q) => ({
      externalId: String(q.id ?? q.url).slice(0, 200),
      text: (q.text ?? q.title ?? '').slice(0, 10_000),
      url: httpsUrl(q.url),
      publishedAt: q.publishedAt!,
      likes: q.likes ?? q.reactions ?? null,
      comments: q.comments ?? q.replies ?? null,
      shares: q.reposts ?? null,
      views: q.views ?? null,
    }));
  return { capturedAt: capturedAt.toISOString(), followers: audienceOf(p), following: p.following ?? null, metrics, posts };
}
