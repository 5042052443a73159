import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/pages: real saved pages, read in place (never copied into the project). */
export const pagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'pages');
export const pagesPresent = existsSync(pagesDir);

export interface SavedPage {
  file: string;
  /** The address the page was saved from (decides site and page kind). */
  url: string;
  /**
   * When it was saved. The README gives no times: these are read off the pages themselves
   * (X prints both "2 hours ago" and <time datetime>; LinkedIn's relative labels bracket the
   * capture against the activity ids' embedded times).
   */
  capturedAt: string;
}

export const savedPages: SavedPage[] = [
  { file: 'linkedin/company.html', url: 'https://www.linkedin.com/company/motionapp/', capturedAt: '2025-04-10T15:30:00Z' },
  { file: 'linkedin/company-posts.html', url: 'https://www.linkedin.com/company/motionapp/posts/', capturedAt: '2025-04-10T15:30:00Z' },
  { file: 'linkedin/company-feed.html', url: 'https://www.linkedin.com/company/lorikeetcx/posts/?feedView=all', capturedAt: '2025-04-10T15:30:00Z' },
  { file: 'linkedin/company-people.html', url: 'https://www.linkedin.com/company/motionapp/people/', capturedAt: '2025-04-10T15:30:00Z' },
  { file: 'linkedin/profile.html', url: 'https://www.linkedin.com/in/robertkcheung/', capturedAt: '2025-04-10T15:30:00Z' },
  { file: 'linkedin/person-feed.html', url: 'https://www.linkedin.com/in/shind/recent-activity/all/', capturedAt: '2025-04-10T15:30:00Z' },
  { file: 'linkedin/feed.html', url: 'https://www.linkedin.com/feed/', capturedAt: '2025-04-08T17:45:00Z' },
  { file: 'linkedin/feed-2.html', url: 'https://www.linkedin.com/feed/', capturedAt: '2025-04-08T19:00:00Z' },
  { file: 'linkedin/feed-3.html', url: 'https://www.linkedin.com/feed/', capturedAt: '2025-04-10T16:00:00Z' },
  { file: 'x/likes.html', url: 'https://x.com/0thernet/likes', capturedAt: '2025-04-08T20:20:00Z' },
  { file: 'x/home.html', url: 'https://x.com/home', capturedAt: '2025-04-08T16:37:00Z' },
  { file: 'x/bookmarks.html', url: 'https://x.com/i/bookmarks', capturedAt: '2025-04-09T11:30:00Z' },
  { file: 'x/thread.html', url: 'https://x.com/eli_lifland/status/1908671786876850246', capturedAt: '2025-04-09T12:00:00Z' },
  { file: 'x/tweet-article-sample.html', url: 'https://x.com/TestUser123/status/1981398750557065646', capturedAt: '2025-10-28T15:15:00Z' },
  { file: 'x/tweet-article-quote.html', url: 'https://x.com/TestQuoter/status/1983130065320780162', capturedAt: '2025-10-28T15:15:00Z' },
  { file: 'x/article-2026-02.html', url: 'https://x.com/arscontexta/status/2013045749580259680', capturedAt: '2026-02-10T12:00:00Z' },
  { file: 'youtube/home.html', url: 'https://www.youtube.com/', capturedAt: '2025-04-09T12:00:00Z' },
  { file: 'youtube/watch-server-html.html', url: 'https://www.youtube.com/watch?v=GJLlxj_dtq8', capturedAt: '2025-06-11T12:00:00Z' },
];
