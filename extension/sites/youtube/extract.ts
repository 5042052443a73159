import { countBefore, parseCount } from '../../../shared/metrics/count.ts';
import { parseAbsoluteDate, parsePostTime, parseRelativeTime } from '../../../shared/metrics/time.ts';
import { everyMatch, first, outermost, text, toIso } from '../dom.ts';
import { maybe, read } from '../misses.ts';
import type { Extraction, Misses, PageKind, Post, Profile } from '../types.ts';
import { videoIdOf, youTubePageKind } from './kind.ts';
import * as S from './selectors.ts';

const VIEWS = /^[\d.,\s]+\s*(?:[KMB]|thousand|million|billion)?\s*views?$/i;

/** Visible metadata lines of a feed item: "77K views", "1 day ago", "404 watching". */
function metaLines(item: Element): string[] {
  const out: string[] = [];
  for (const s of S.itemMetaText) {
    for (const el of Array.from(item.querySelectorAll(s))) {
      const t = el.getAttribute('aria-label') && s.startsWith('[aria-label') ? (el.getAttribute('aria-label') ?? '') : text(el);
      if (t && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

function itemHref(link: Element | null, base: URL): string | null {
  const href = link?.getAttribute('href');
  return href ? new URL(href, base).href : null;
}

/** `owner`: on a channel's own grid the tiles omit the channel, which is the page's. */
function readItem(item: Element, base: URL, capturedAt: Date, misses: Misses, owner: string | null): Post | null {
  const link = first(item, S.itemTitleLink);
  const url = maybe(() => itemHref(link, base));
  const isShort = !!url && url.includes('/shorts/');
  const title = maybe(() => link?.getAttribute('title')?.trim() || text(first(item, S.itemTitleText)));
  if (!title && !url) return null; // empty slot (continuation spinner, removed item)
  const lines = metaLines(item);
  const live = !!first(item, S.liveBadge) || lines.some((l) => /\bwatching\b/i.test(l));
  const fullLabel = link?.getAttribute('aria-label') ?? link?.closest('h3')?.getAttribute('aria-label') ?? '';
  // "<title> by <channel> 77,097 views 1 day ago 9 minutes": drop the title so a title like
  // "How I got 100 views" is not read as the count.
  const label = title && fullLabel.startsWith(title) ? fullLabel.slice(title.length) : fullLabel;
  // 2025 lockups may print the channel as plain text in the first metadata row.
  const channelEl = first(item, S.itemChannel) ??
    Array.from(item.querySelectorAll(S.lockupMetadataRow.join(','))).find((row) => {
      const t = text(row);
      return t && !/\bviews?\b|\bago\b|\bwatching\b/i.test(t);
    }) ?? null;
  const channelHref = channelEl?.closest('a')?.getAttribute('href') ?? channelEl?.querySelector('a')?.getAttribute('href') ?? '';
  const id = url ? (/[?&]v=([\w-]{11})/.exec(url)?.[1] ?? /\/shorts\/([\w-]{11})/.exec(url)?.[1] ?? null) : null;
  // Shorts tiles show neither channel nor age, live tiles no age: not selector misses.
  const channel = isShort || owner
    ? (maybe(() => text(channelEl)) ?? owner)
    : read(misses, 'post.author', () => text(channelEl));
  const age = () => {
    const line = lines.find((l) => /\bago\b/i.test(l));
    return toIso(parseRelativeTime(line, capturedAt) ?? parseRelativeTime(label, capturedAt));
  };
  return {
    id,
    url,
    author: channel,
    handle: maybe(() => /^\/@([^/?]+)/.exec(channelHref)?.[1] ?? null),
    title: read(misses, 'post.title', () => title),
    text: title,
    publishedAt: isShort || live ? maybe(age) : read(misses, 'post.publishedAt', age),
    views: read(misses, 'post.views', () => {
      // The title link's aria-label has the exact count ("… 77,097 views …"); the tile
      // prints it rounded ("77K views").
      const exact = /([\d,.]+\s*(?:million|thousand|billion|[KMB])?)\s+views?\b/i.exec(label)?.[1];
      if (lines.some((l) => /^no views$/i.test(l))) return 0;
      return parseCount(exact) ?? parseCount(lines.find((l) => VIEWS.test(l)) ?? lines.find((l) => /\bwatching\b/i.test(l)));
    }),
  };
}

/** Text of the page's script that sets `name` (ytInitialData / ytInitialPlayerResponse). */
function scriptWith(doc: Document, name: string): string | null {
  for (const s of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const t = s.textContent ?? '';
    if (t.length > 1000 && t.includes(name)) return t;
  }
  return null;
}

/**
 * Embedded JSON is only trusted when it is about `videoId`: after in-app navigation the
 * scripts still describe the first video the tab loaded.
 */
function trustedScripts(doc: Document, videoId: string | null): { data: string; player: string } {
  const data = scriptWith(doc, 'ytInitialData') ?? '';
  const player = scriptWith(doc, 'ytInitialPlayerResponse') ?? '';
  const current = /"currentVideoEndpoint":\{.{0,400}?"videoId":"([\w-]{11})"/.exec(data)?.[1];
  const playerId = /"videoDetails":\{"videoId":"([\w-]{11})"/.exec(player)?.[1];
  return { data: videoId && current === videoId ? data : '', player: videoId && playerId === videoId ? player : '' };
}

function microdata(doc: Document, videoId: string | null): Element | null {
  const root = first(doc, S.microdataRoot);
  if (!root || !videoId) return null;
  const id = root.querySelector('meta[itemprop="identifier"]')?.getAttribute('content') ?? root.getAttribute('itemid') ?? '';
  return id.includes(videoId) ? root : null;
}

interface LdVideo {
  name: string | null;
  author: string | null;
  views: number | null;
  likes: number | null;
  date: string | null;
}

/** A rendered page's JSON-LD VideoObject (ytd-player-microformat-renderer), if about `videoId`. */
function ldVideo(doc: Document, videoId: string | null): LdVideo | null {
  if (!videoId) return null;
  for (const el of Array.from(doc.querySelectorAll(S.ldJson.join(',')))) {
    try {
      const d = JSON.parse(el.textContent ?? '') as Record<string, unknown>;
      if (d['@type'] !== 'VideoObject' || !JSON.stringify([d['@id'], d['url'], d['embedUrl']]).includes(videoId)) continue;
      const stats = (Array.isArray(d['interactionStatistic']) ? d['interactionStatistic'] : [d['interactionStatistic']]) as Array<Record<string, unknown> | undefined>;
      const stat = (type: string) => {
        // interactionType is a URL string or an object {"@type": "http://schema.org/WatchAction"}.
        const typeOf = (x: Record<string, unknown> | undefined) => {
          const t = x?.['interactionType'];
          return typeof t === 'object' && t !== null ? String((t as Record<string, unknown>)['@type'] ?? '') : String(t ?? '');
        };
        const s = stats.find((x) => typeOf(x).includes(type));
        return s ? parseCount(String(s['userInteractionCount'] ?? '')) : null;
      };
      const author = d['author'] as { name?: string } | string | undefined;
      return {
        name: typeof d['name'] === 'string' ? d['name'] : null,
        author: typeof author === 'string' ? author : (author?.name ?? null),
        views: stat('WatchAction') ?? parseCount(String(d['interactionCount'] ?? '')),
        likes: stat('LikeAction'),
        date: String(d['uploadDate'] ?? d['datePublished'] ?? '') || null,
      };
    } catch {
      // Not JSON we understand: try the next script.
    }
  }
  return null;
}

function interaction(root: Element | null, type: string): number | null {
  if (!root) return null;
  for (const stat of Array.from(root.querySelectorAll('[itemprop="interactionStatistic"]'))) {
    if (stat.querySelector('[itemprop="interactionType"]')?.getAttribute('content')?.endsWith(type)) {
      return parseCount(stat.querySelector('[itemprop="userInteractionCount"]')?.getAttribute('content'));
    }
  }
  return null;
}

function readWatch(doc: Document, url: URL, capturedAt: Date, misses: Misses): { profile: Profile; post: Post } {
  const videoId = videoIdOf(url);
  const md = maybe(() => microdata(doc, videoId));
  const ld = maybe(() => ldVideo(doc, videoId));
  const js = maybe(() => trustedScripts(doc, videoId)) ?? { data: '', player: '' };
  const channel = read(misses, 'profile.name', () =>
    text(first(doc, S.watchChannel)) ||
    md?.querySelector('[itemprop="author"] [itemprop="name"]')?.getAttribute('content') ||
    ld?.author ||
    /"ownerChannelName":"((?:[^"\\]|\\.)*)"/.exec(js.player)?.[1],
  );
  const handle = maybe(() => {
    const href = first(doc, S.watchChannel)?.closest('a')?.getAttribute('href') ??
      md?.querySelector('[itemprop="author"] link[itemprop="url"]')?.getAttribute('href') ?? '';
    return /\/@([^/?]+)/.exec(href)?.[1] ?? null;
  });
  const subscribers = read(misses, 'profile.subscribers', () => {
    const el = first(doc, S.watchSubscribers);
    return parseCount(el?.getAttribute('aria-label') || text(el)) ??
      parseCount(/"subscriberCountText":\{.{0,300}?"simpleText":"([^"]+)"/.exec(js.data)?.[1]);
  });
  const views = read(misses, 'post.views', () => {
    for (const el of everyMatch(doc, S.watchViews)) {
      const n = countBefore(el.getAttribute('aria-label') || text(el), 'views?');
      if (n !== null) return n;
    }
    return interaction(md, 'WatchAction') ?? ld?.views ?? parseCount(/"viewCount":"(\d+)"/.exec(js.player)?.[1]);
  });
  const likes = read(misses, 'post.likes', () => {
    for (const s of S.watchLikeButton) {
      for (const el of Array.from(doc.querySelectorAll(s))) {
        const n = countBefore(el.getAttribute('aria-label'), 'other (?:people|person)') ?? countBefore(el.getAttribute('aria-label'), 'likes?');
        if (n !== null) return n;
      }
    }
    return interaction(md, 'LikeAction') ?? ld?.likes ??
      parseCount(/"likeCount":"(\d+)"/.exec(js.player)?.[1]) ??
      countBefore(/like this video along with [\d,.]+ other people/.exec(js.data)?.[0], 'other people');
  });
  const publishedAt = read(misses, 'post.publishedAt', () => {
    const fromMeta = md?.querySelector('meta[itemprop="datePublished"], meta[itemprop="uploadDate"]')?.getAttribute('content') ||
      /"publishDate":"([^"]+)"/.exec(js.player)?.[1];
    if (fromMeta) return toIso(parseAbsoluteDate(fromMeta, capturedAt));
    if (ld?.date) return toIso(parseAbsoluteDate(ld.date, capturedAt));
    // Any absolute date on the info line beats a relative one ("6 years ago").
    const raws = everyMatch(doc, S.watchDate).map((el) => el.getAttribute('aria-label') || text(el));
    for (const raw of raws) {
      const d = parseAbsoluteDate(raw.replace(/^.*?views?\s*•?/i, ''), capturedAt);
      if (d) return toIso(d);
    }
    for (const raw of raws) {
      const d = parsePostTime(raw, capturedAt);
      if (d) return toIso(d);
    }
    return null;
  });
  const title = read(misses, 'post.title', () =>
    text(first(doc, S.watchTitle)) || md?.querySelector('meta[itemprop="name"]')?.getAttribute('content') || ld?.name,
  );
  return {
    profile: { name: channel, handle, subscribers },
    post: { id: videoId, url: url.href, author: channel, handle, title, text: title, publishedAt, views, likes },
  };
}

/** "3.68M subscribers" / "1.2K videos" / "@Dave2D" lines of a channel header. */
function readChannel(doc: Document, url: URL, misses: Misses): Profile {
  const header = first(doc, S.channelHeader);
  const lines: string[] = [];
  if (header) {
    for (const s of S.channelHeaderText) {
      for (const el of Array.from(header.querySelectorAll(s))) {
        const t = text(el);
        if (t && t.length < 60) lines.push(t);
      }
      if (lines.some((l) => /subscribers?$/i.test(l))) break;
    }
  }
  const data = scriptWith(doc, 'ytInitialData') ?? '';
  const urlHandle = /^\/@([^/]+)/.exec(url.pathname)?.[1] ?? null;
  // Server-rendered channel pages carry the header only in ytInitialData; trust it when it
  // names this channel's handle.
  const channelId = /^\/channel\/(UC[\w-]+)/.exec(url.pathname)?.[1];
  const trusted = (urlHandle && data.includes(`"/@${urlHandle}"`)) || (channelId && data.includes(`"browseId":"${channelId}"`)) ? data : '';
  const shown = (re: RegExp) => lines.flatMap((l) => l.split(/\s*[•·]\s*/)).find((l) => re.test(l));
  // After in-app navigation the header can still show the previous channel (its @handle,
  // subscribers and videos): then only what the page data says about this channel counts.
  const headerHandle = shown(/^@\S+$/)?.slice(1);
  const stale = Boolean(urlHandle && headerHandle && decodeURIComponent(urlHandle).toLowerCase() !== headerHandle.toLowerCase());
  const part = (re: RegExp) => (stale ? undefined : shown(re));
  return {
    name: read(misses, 'profile.name', () => (stale ? null : text(first(doc, S.channelName)) || null)),
    handle: read(misses, 'profile.handle', () => part(/^@\S+$/)?.slice(1) ?? urlHandle),
    subscribers: read(misses, 'profile.subscribers', () =>
      parseCount(part(/subscribers?$/i)) ?? parseCount(/"([\d.,]+\s*[KMB]? subscribers)"/.exec(trusted)?.[1]),
    ),
    videos: read(misses, 'profile.videos', () =>
      parseCount(part(/videos?$/i)) ?? parseCount(/"([\d.,]+\s*[KMB]? videos)"/.exec(trusted)?.[1]),
    ),
  };
}

function readItems(doc: Document, url: URL, capturedAt: Date, misses: Misses, owner: string | null): Post[] {
  // Pages left by in-app navigation stay in the DOM, hidden (a search page keeps the home
  // grid); collapsed shelf items ("Show more" Shorts) are hidden too but belong to this page.
  const items = maybe(() => {
    for (const s of S.feedItem) {
      const live = Array.from(doc.querySelectorAll(s)).filter((el) => !el.closest(S.inactivePage));
      if (live.length) return outermost(live);
    }
    return [];
  }) ?? [];
  const posts: Post[] = [];
  for (const item of items) {
    if (item.querySelector(S.adItem)) continue;
    try {
      const p = readItem(item, url, capturedAt, misses, owner);
      if (p) posts.push(p);
    } catch {
      misses['post'] = (misses['post'] ?? 0) + 1;
    }
  }
  return posts;
}

/** Extracts a YouTube page: home/feed tiles, a watch page's video, or a channel header + grid. */
export function extractYouTube(doc: Document, url: URL, capturedAt: Date): Extraction {
  const misses: Misses = {};
  const kind: PageKind = maybe(() => youTubePageKind(url)) ?? 'unknown';
  if (kind === 'yt-watch') {
    const w = readWatch(doc, url, capturedAt, misses);
    return { platform: 'youtube', kind, profile: w.profile, posts: [w.post], misses };
  }
  const profile = kind === 'yt-channel' ? readChannel(doc, url, misses) : null;
  const posts = readItems(doc, url, capturedAt, misses, profile?.name ?? null);
  // A feed with no readable tile means the tile hooks no longer match.
  if (posts.length === 0 && kind === 'yt-home') misses['posts'] = 1;
  return { platform: 'youtube', kind, profile, posts, misses };
}
