import { countBefore, parseCount } from '../../../shared/metrics/count.ts';
import { blockText, first, outermost, text, toIso } from '../dom.ts';
import { maybe, read } from '../misses.ts';
import type { Extraction, Misses, Post, Profile } from '../types.ts';
import { handleFromUrl, xPageKind } from './kind.ts';
import * as S from './selectors.ts';

/** First match of any alternative inside `root` that is not inside `skip` (the quoted tweet). */
function own(root: Element, selectors: readonly string[], skip: Element | null): Element | null {
  for (const s of selectors) {
    for (const el of Array.from(root.querySelectorAll(s))) {
      if (!skip || !skip.contains(el)) return el;
    }
  }
  return null;
}

/** The quoted tweet block: the container of the second User-Name inside the article. */
function quotedBlock(article: Element): Element | null {
  const names = article.querySelectorAll(S.userName.join(','));
  const inner = names[1];
  if (!inner) return null;
  for (const s of S.quotedTweet) {
    const block = inner.closest(s);
    if (block && article.contains(block) && block !== article) return block;
  }
  return null;
}

function displayName(nameBlock: Element | null): string | null {
  if (!nameBlock) return null;
  // The first link (or first dir=ltr run in quoted tweets) holds the display name.
  const el = nameBlock.querySelector('a[role="link"]') ?? nameBlock.querySelector('[dir="ltr"]');
  const name = text(el).replace(/\s*@\w+.*$/, '');
  return name || null;
}

function handleIn(nameBlock: Element | null): string | null {
  if (!nameBlock) return null;
  for (const span of Array.from(nameBlock.querySelectorAll('span'))) {
    const m = /^@(\w{1,15})$/.exec(text(span));
    if (m?.[1]) return m[1];
  }
  return null;
}

type Metric = 'replies' | 'reposts' | 'likes' | 'bookmarks' | 'views';

const NOUN: Record<Metric, string> = {
  replies: 'repl(?:y|ies)',
  reposts: 'reposts?|retweets?',
  likes: 'likes?',
  bookmarks: 'bookmarks?',
  views: 'views?',
};

const BUTTON: Record<Metric, readonly string[]> = {
  replies: S.replyButton,
  reposts: S.repostButton,
  likes: S.likeButton,
  bookmarks: S.bookmarkButton,
  views: S.viewsLink,
};

/**
 * One metric of a tweet, exact where X gives it: the group's aria-label, then the button's
 * aria-label ("553 Likes. Like"), then the rounded visible text (29.9K). X leaves a zero
 * count out of both labels, so a present button with no number reads as 0 (views excepted:
 * old tweets have none).
 */
function metric(article: Element, skip: Element | null, m: Metric): number | null {
  const group = own(article, S.metricsGroup, skip);
  const fromGroup = countBefore(group?.getAttribute('aria-label'), NOUN[m]);
  if (fromGroup !== null) return fromGroup;
  const button = own(article, BUTTON[m], skip);
  const fromButton = countBefore(button?.getAttribute('aria-label'), NOUN[m]);
  if (fromButton !== null) return fromButton;
  const visible = parseCount(text(button?.querySelector('[data-testid="app-text-transition-container"]')));
  if (visible !== null) return visible;
  if (m !== 'views' && (button || (group && /\d/.test(group.getAttribute('aria-label') ?? '')))) return 0;
  // Focal tweets of some thread layouts print "12.7K Views" beside the time, outside the bar.
  if (m === 'views') {
    for (const el of Array.from(article.querySelectorAll('span'))) {
      if (skip?.contains(el)) continue;
      const t = text(el);
      if (t.length < 20 && /^[\d.,]+\s*[KMB]?\s+Views$/i.test(t)) return parseCount(t);
    }
  }
  return null;
}

function tweetUrl(article: Element, skip: Element | null, base: URL): string | null {
  const time = own(article, ['time'], skip);
  const link = time?.closest('a[href*="/status/"]') ?? own(article, ['a[href*="/status/"]'], skip);
  const href = link?.getAttribute('href');
  return href ? new URL(href.replace(/\/(analytics|photo\/\d+|video\/\d+)$/, ''), base).href : null;
}

function quotedPost(block: Element, misses: Misses): Post {
  const name = block.querySelector(S.userName.join(','));
  return {
    author: read(misses, 'quoted.author', () => displayName(name)),
    handle: read(misses, 'quoted.handle', () => handleIn(name)),
    text: maybe(() => blockText(block.querySelector(S.tweetText.join(',')))),
    publishedAt: read(misses, 'quoted.publishedAt', () => toIso(new Date(block.querySelector('time[datetime]')?.getAttribute('datetime') ?? ''))),
  };
}

function readTweet(article: Element, base: URL, misses: Misses): Post {
  const quoted = quotedBlock(article);
  const name = own(article, S.userName, quoted);
  const url = maybe(() => tweetUrl(article, quoted, base));
  const title = maybe(() => text(own(article, S.articleTitle, quoted)));
  const body = title
    ? maybe(() => blockText(own(article, S.articleBody, quoted)))
    : maybe(() => blockText(own(article, S.tweetText, quoted)));
  const groupLabel = own(article, S.metricsGroup, quoted)?.getAttribute('aria-label') ?? '';
  // Tweets from before late 2022 have no view count: a labelled bar without views and no
  // analytics link is a page fact, not a selector miss. Ads print no time.
  const viewsShown = !/\d/.test(groupLabel) || /views?/i.test(groupLabel) || !!own(article, S.viewsLink, quoted);
  const isAd = Array.from(article.querySelectorAll('span')).some((el) => /^(?:Ad|Promoted)$/.test(text(el)));
  const time = () => {
    const dt = own(article, ['time[datetime]'], quoted)?.getAttribute('datetime');
    return dt ? toIso(new Date(dt)) : null;
  };
  return {
    id: url ? (/\/status\/(\d+)/.exec(url)?.[1] ?? null) : null,
    url,
    author: read(misses, 'post.author', () => displayName(name)),
    handle: read(misses, 'post.handle', () => handleIn(name) ?? (url ? /\/(\w+)\/status\//.exec(url)?.[1] : null)),
    ...(title ? { title } : {}),
    // Media-only tweets have no text: not a selector miss.
    text: body,
    publishedAt: isAd ? maybe(time) : read(misses, 'post.publishedAt', time),
    replies: read(misses, 'post.replies', () => metric(article, quoted, 'replies')),
    reposts: read(misses, 'post.reposts', () => metric(article, quoted, 'reposts')),
    likes: read(misses, 'post.likes', () => metric(article, quoted, 'likes')),
    bookmarks: read(misses, 'post.bookmarks', () => metric(article, quoted, 'bookmarks')),
    views: viewsShown ? read(misses, 'post.views', () => metric(article, quoted, 'views')) : maybe(() => metric(article, quoted, 'views')),
    quoted: quoted ? quotedPost(quoted, misses) : null,
  };
}

interface SchemaCounts {
  handle: string | null;
  name: string | null;
  followers: number | null;
  following: number | null;
}

/** Exact counts from the profile's JSON-LD (ProfilePage → interactionStatistic). */
function schemaCounts(doc: Document): SchemaCounts | null {
  for (const s of S.profileSchema) {
    for (const el of Array.from(doc.querySelectorAll(s))) {
      try {
        const data = JSON.parse(el.textContent ?? '') as {
          mainEntity?: { additionalName?: string; givenName?: string; interactionStatistic?: Array<{ name?: string; userInteractionCount?: number }> };
        };
        const e = data.mainEntity;
        if (!e?.interactionStatistic) continue;
        const stat = (n: string) => e.interactionStatistic?.find((i) => i.name === n)?.userInteractionCount ?? null;
        return { handle: e.additionalName ?? null, name: e.givenName ?? null, followers: stat('Follows'), following: stat('Friends') };
      } catch {
        // Not JSON-LD we understand: try the next script.
      }
    }
  }
  return null;
}

function linkCount(doc: Document, selectors: readonly string[], handle: string | null): number | null {
  for (const s of selectors) {
    if (s.includes('{handle}') && !handle) continue;
    const el = doc.querySelector(s.replace('{handle}', handle ?? ''));
    const n = parseCount(text(el));
    if (n !== null) return n;
  }
  return null;
}

function readProfile(doc: Document, url: URL, misses: Misses): Profile {
  const urlHandle = handleFromUrl(url);
  const header = first(doc, S.profileName);
  const schema = maybe(() => schemaCounts(doc));
  // The JSON-LD is only trusted when it describes the handle in the URL (after in-app
  // navigation it can describe the previous profile).
  const trusted = schema && urlHandle && schema.handle?.toLowerCase() === urlHandle.toLowerCase() ? schema : null;
  // So is the header: for a moment it still shows the previous profile's name and handle,
  // and a card that took them would track (or claim) the wrong account.
  const headerHandle = maybe(() => handleIn(header));
  const current = !urlHandle || !headerHandle || headerHandle.toLowerCase() === urlHandle.toLowerCase() ? header : null;
  return {
    name: read(misses, 'profile.name', () => displayName(current) ?? trusted?.name),
    handle: read(misses, 'profile.handle', () => handleIn(current) ?? urlHandle),
    followers: read(misses, 'profile.followers', () => trusted?.followers ?? linkCount(doc, S.followersLink, urlHandle)),
    following: read(misses, 'profile.following', () => trusted?.following ?? linkCount(doc, S.followingLink, urlHandle)),
  };
}

/** Extracts an X page: profile header (on profile pages) and every rendered tweet. */
export function extractX(doc: Document, url: URL, capturedAt: Date): Extraction {
  void capturedAt; // X prints absolute <time datetime>: the capture time is not needed.
  const misses: Misses = {};
  const kind = maybe(() => xPageKind(doc, url)) ?? 'unknown';
  const profile = kind === 'x-profile' ? readProfile(doc, url, misses) : null;
  const posts: Post[] = [];
  const articles = maybe(() => outermost(Array.from(doc.querySelectorAll(S.tweet.join(','))))) ?? [];
  for (const article of articles) {
    try {
      posts.push(readTweet(article, url, misses));
    } catch {
      misses['post'] = (misses['post'] ?? 0) + 1;
    }
  }
  // A listing page with no readable tweet means the tweet hooks no longer match.
  if (posts.length === 0 && (kind === 'timeline' || kind === 'thread' || kind === 'article')) misses['posts'] = 1;
  return { platform: 'x', kind, profile, posts, misses };
}
