import type { PageKind } from '../types.ts';
import * as S from './selectors.ts';

// First path segments that are X's own pages, never a handle.
const RESERVED = new Set([
  'home', 'explore', 'notifications', 'messages', 'i', 'settings', 'search', 'compose',
  'login', 'logout', 'signup', 'tos', 'privacy', 'jobs', 'hashtag', 'communities', 'lists',
]);

/** The handle a profile or status URL is about ("/0thernet/likes" → "0thernet"), else null. */
export function handleFromUrl(url: URL): string | null {
  const seg = url.pathname.split('/').filter(Boolean)[0];
  if (!seg || RESERVED.has(seg.toLowerCase()) || !/^\w{1,15}$/.test(seg)) return null;
  return seg;
}

/** Page kind from the URL, refined by the DOM (a status URL may hold a long-form article). */
export function xPageKind(doc: Document, url: URL): PageKind {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[1] === 'status' || parts[1] === 'article' || (parts[0] === 'i' && parts[1] === 'article')) {
    return doc.querySelector(S.articleView.join(',')) ? 'article' : 'thread';
  }
  if (handleFromUrl(url)) return 'x-profile';
  return 'timeline';
}
