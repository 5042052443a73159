import type { SocialPlatform } from '../../shared/contracts/api.ts';

/**
 * A deliberately small, generic post finder for the trend badge: per-site selector
 * arrays (alternatives, first match wins), the post's text, a permalink, and where a
 * badge goes. Full per-site extraction (authors, metrics…) lives in extension/sites/.
 */
export interface SiteSelectors {
  /** One element per post, video or tweet. Nested matches collapse to the outermost. */
  post: string[];
  /** The text to match trends against, inside the post; the whole post when none match. */
  text: string[];
  /** A link to the post itself, inside the post. */
  link: string[];
  /** Where the badge is inserted, relative to `append`; the post itself when none match. */
  badgeAnchor: string[];
  append: 'before' | 'after' | 'first' | 'last';
}

export const siteSelectors: Record<SocialPlatform, SiteSelectors> = {
  // https://www.linkedin.com/feed/
  linkedin: {
    post: ['div.feed-shared-update-v2', 'div[data-urn^="urn:li:activity:"]', 'div[data-id^="urn:li:activity:"]'],
    text: ['.update-components-text', '.feed-shared-update-v2__description', '.feed-shared-text'],
    link: ['a[href*="/feed/update/"]', 'a[href*="/posts/"]'],
    badgeAnchor: ['.update-components-text', '.feed-shared-update-v2__description'],
    append: 'before',
  },
  // https://x.com/home, https://x.com/<user>/status/<id>
  x: {
    post: ['article[data-testid="tweet"]'],
    text: ['[data-testid="tweetText"]'],
    link: ['a[href*="/status/"]:has(> time)', 'a[href*="/status/"]'],
    badgeAnchor: ['[data-testid="tweetText"]'],
    append: 'after',
  },
  // https://www.youtube.com/ (grid), /results (list), /watch?v= (title + related)
  youtube: {
    post: ['ytd-rich-item-renderer', 'ytd-video-renderer', 'ytd-grid-video-renderer', 'ytd-compact-video-renderer', 'ytd-watch-metadata'],
    text: ['#video-title', 'h1 yt-formatted-string', 'h1'],
    link: ['a#video-title-link', 'a#video-title', 'a#thumbnail'],
    badgeAnchor: ['#meta', '#title'],
    append: 'last',
  },
};

export interface FoundPost {
  element: Element;
  text: string;
  /** Absolute http(s) URL of the post; the page URL when the post has no link of its own. */
  url: string;
  anchor: Element;
}

const maxText = 5_000;

function first(root: Element, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}

function permalink(post: Element, s: SiteSelectors, pageUrl: string): string {
  const href = first(post, s.link)?.getAttribute('href');
  if (href) {
    try {
      const url = new URL(href, pageUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // Malformed href: fall through.
    }
  }
  // LinkedIn posts carry their id rather than a link.
  const urn = post.getAttribute('data-urn') ?? post.getAttribute('data-id');
  if (urn?.startsWith('urn:li:activity:')) return `https://www.linkedin.com/feed/update/${urn}/`;
  return pageUrl;
}

export function findPosts(root: ParentNode, s: SiteSelectors, pageUrl: string): FoundPost[] {
  const candidates = new Set<Element>();
  for (const sel of s.post) for (const el of root.querySelectorAll(sel)) candidates.add(el);
  const posts: FoundPost[] = [];
  for (const el of candidates) {
    let outer = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (candidates.has(p)) {
        outer = true;
        break;
      }
    }
    if (outer) continue;
    const textEl = first(el, s.text) ?? el;
    const text = (textEl.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, maxText);
    if (!text) continue;
    posts.push({ element: el, text, url: permalink(el, s, pageUrl), anchor: first(el, s.badgeAnchor) ?? el });
  }
  return posts;
}
