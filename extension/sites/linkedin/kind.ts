import type { PageKind } from '../types.ts';

/** LinkedIn page kind from the URL path. */
export function linkedInPageKind(url: URL): PageKind {
  const parts = url.pathname.split('/').filter(Boolean);
  const [a, , c] = parts;
  if (a === 'company' || a === 'school' || a === 'showcase') {
    return c === 'posts' || c === 'feed' ? 'company-posts' : 'company';
  }
  if (a === 'in') return c === 'recent-activity' || c === 'detail' ? 'activity' : 'profile';
  if (a === 'feed' || a === 'posts' || a === 'hashtag') return 'feed';
  return 'unknown';
}
