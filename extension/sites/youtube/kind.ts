import type { PageKind } from '../types.ts';

/** YouTube page kind from the URL path (the DOM keeps hidden watch markup on every page). */
export function youTubePageKind(url: URL): PageKind {
  const p = url.pathname;
  if (p === '/watch' || p.startsWith('/live/') || p.startsWith('/shorts/')) return 'yt-watch';
  if (/^\/(@[^/]+|channel\/[^/]+|c\/[^/]+|user\/[^/]+)(\/|$)/.test(p)) return 'yt-channel';
  if (p === '/' || p === '' || p.startsWith('/feed/') || p === '/results') return 'yt-home';
  return 'unknown';
}

/** The video id a watch URL is about. */
export function videoIdOf(url: URL): string | null {
  if (url.pathname === '/watch') return url.searchParams.get('v');
  return /^\/(?:live|shorts)\/([\w-]{11})/.exec(url.pathname)?.[1] ?? null;
}
