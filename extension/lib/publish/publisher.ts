import type { CalendarPost } from '../../../shared/calendar/state.ts';

/**
 * How a due post reaches its platform. Today there is one way, assisted: Sightline opens the
 * platform's composer with the text filled in and the user presses Post. An API publisher
 * (X API v2 `POST /2/tweets`, LinkedIn `POST /rest/posts`, each with the user's OAuth token)
 * would be another implementation of this interface, registered per platform ahead of the
 * assisted one in `publisherFor`, so posts on platforms with a token go out without a tab.
 */
export interface Publisher {
  readonly kind: 'assisted' | 'api';
  readonly platform: string;
  canPublish(post: Pick<CalendarPost, 'platform' | 'text'>): boolean;
  publish(post: Pick<CalendarPost, 'id' | 'platform' | 'text'>): Promise<PublishOutcome>;
}

export type PublishOutcome =
  /** A composer tab was opened; the post is published once the user posts (detected, or marked by hand). */
  | { kind: 'opened'; tabId: number; url: string }
  /** An API publisher posted it; `url` is the live post when the API returns one. */
  | { kind: 'published'; url: string | null }
  | { kind: 'failed'; reason: string };

/**
 * The composer each platform opens with. X: /compose/post is the URL X's own "Post" button
 * navigates to, and it opens the compose dialog over the home timeline on a cold load.
 * LinkedIn: the feed with `shareActive=true` opens the "Create a post" modal; LinkedIn has
 * no stand-alone composer page.
 */
export const composerUrls: Readonly<Record<string, string>> = {
  x: 'https://x.com/compose/post',
  linkedin: 'https://www.linkedin.com/feed/?shareActive=true',
};

export interface AssistedDeps {
  /** Opens a tab and answers its id (browser.tabs.create in the background). */
  openTab(url: string): Promise<number>;
  /** Remembers which post a composer tab is for, and the composer URL it was opened with, so that page's content script can fill it in. */
  rememberPending(tabId: number, post: Pick<CalendarPost, 'id' | 'platform' | 'text'>, url: string): Promise<void>;
}

/**
 * Whether `pageUrl` is the composer page opened as `composerUrl`: same origin and path. The
 * query and hash are left out because the sites rewrite them once the page has loaded
 * (LinkedIn drops `shareActive=true` when its modal opens).
 */
export function isComposerPage(composerUrl: string, pageUrl: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(composerUrl);
    b = new URL(pageUrl);
  } catch {
    return false;
  }
  const path = (u: URL) => u.pathname.replace(/\/+$/, '') || '/';
  return a.origin === b.origin && path(a) === path(b);
}

export function createAssistedPublisher(platform: string, deps: AssistedDeps): Publisher {
  const url = composerUrls[platform];
  return {
    kind: 'assisted',
    platform,
    canPublish: (post) => url !== undefined && post.platform === platform && post.text.trim().length > 0,
    async publish(post) {
      if (!url || post.platform !== platform) return { kind: 'failed', reason: `no composer for platform '${post.platform}'` };
      const tabId = await deps.openTab(url);
      await deps.rememberPending(tabId, post, url);
      return { kind: 'opened', tabId, url };
    },
  };
}

/** The first publisher that can take this post, or null (e.g. YouTube: nothing to compose in a tab). */
export function publisherFor(publishers: readonly Publisher[], post: Pick<CalendarPost, 'platform' | 'text'>): Publisher | null {
  return publishers.find((p) => p.canPublish(post)) ?? null;
}
