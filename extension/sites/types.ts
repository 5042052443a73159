/**
 * What every site extractor returns. Extractors are pure `(doc, url, capturedAt)`
 * functions: no chrome APIs, no network, no global `document`, and they never throw.
 */

export type Platform = 'linkedin' | 'x' | 'youtube';

export type PageKind =
  // LinkedIn
  | 'company'
  | 'company-posts'
  | 'profile'
  | 'feed'
  | 'activity'
  // X
  | 'x-profile'
  | 'timeline'
  | 'thread'
  | 'article'
  // YouTube
  | 'yt-home'
  | 'yt-watch'
  | 'yt-channel'
  | 'unknown';

/** The account a page is about. Counts are whole numbers; a field not read is null. */
export interface Profile {
  name: string | null;
  handle?: string | null;
  headline?: string | null;
  followers?: number | null;
  following?: number | null;
  connections?: number | null;
  /** LinkedIn's size band, as printed ("51-200") plus its bounds. */
  employees?: string | null;
  employeesMin?: number | null;
  employeesMax?: number | null;
  industry?: string | null;
  location?: string | null;
  subscribers?: number | null;
  videos?: number | null;
}

/** One post, tweet or video. Counts are whole numbers; `publishedAt` is ISO 8601. */
export interface Post {
  id?: string | null;
  url?: string | null;
  author: string | null;
  handle?: string | null;
  text?: string | null;
  title?: string | null;
  publishedAt: string | null;
  replies?: number | null;
  reposts?: number | null;
  likes?: number | null;
  comments?: number | null;
  reactions?: number | null;
  views?: number | null;
  bookmarks?: number | null;
  /** An X quote tweet's inner tweet. */
  quoted?: Post | null;
}

/** Field name → how many times a selector found nothing for it on this page. */
export type Misses = Record<string, number>;

export interface Extraction {
  platform: Platform;
  kind: PageKind;
  profile: Profile | null;
  posts: Post[];
  misses: Misses;
}

export type Extractor = (doc: Document, url: URL, capturedAt: Date) => Extraction;
