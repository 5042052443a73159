/**
 * X (x.com / twitter.com) hooks. Class names are generated and churn weekly, so every
 * alternative anchors on data-testid, role, aria-label, <time> or a link path. Each list is
 * tried in order; the comment says where the alternative matches (pages in ../shared/pages/x
 * and the fixtures in ./fixtures).
 */

export const tweet = [
  // Every timeline, thread and profile tab: home.html, likes.html, bookmarks.html, thread.html.
  'article[data-testid="tweet"]',
  // Older builds and embeds kept role="article" without the testid.
  'article[role="article"]',
] as const;

export const userName = [
  // Display name + @handle block inside a tweet (tweet-article-sample.html, quote tweets).
  '[data-testid="User-Name"]',
] as const;

export const tweetText = [
  // The tweet body (absent on media-only tweets and long-form articles).
  '[data-testid="tweetText"]',
] as const;

export const articleTitle = [
  // Long-form article page (article-2026-02.html).
  '[data-testid="twitter-article-title"]',
] as const;

export const articleBody = [
  // Draft.js body of a long-form article (article-2026-02.html).
  '[data-testid="longformRichTextComponent"]',
  '[data-testid="twitterArticleRichTextView"]',
] as const;

export const articleView = [
  // Present only on long-form article pages.
  '[data-testid="twitterArticleReadView"]',
] as const;

export const metricsGroup = [
  // The action bar: aria-label "48 replies, 152 reposts, 553 likes, 9 bookmarks, 30142 views"
  // holds exact counts while the visible text rounds (29.9K).
  '[role="group"][aria-label*="repl"]',
  '[role="group"][aria-label*="like"]',
  '[role="group"][aria-label*="view"]',
  '[role="group"][aria-label]',
] as const;

/** Per-button fallbacks; aria-label "553 Likes. Like" / "2378 Likes. Liked". */
export const replyButton = [
  // aria-label "48 Replies. Reply" (every tweet's action bar).
  '[data-testid="reply"]',
] as const;
export const repostButton = [
  '[data-testid="retweet"]',
  // After the viewer reposted.
  '[data-testid="unretweet"]',
] as const;
export const likeButton = [
  '[data-testid="like"]',
  // After the viewer liked (likes.html, article-2026-02.html).
  '[data-testid="unlike"]',
] as const;
export const bookmarkButton = [
  '[data-testid="bookmark"]',
  // After the viewer bookmarked (bookmarks.html, thread.html).
  '[data-testid="removeBookmark"]',
] as const;
export const viewsLink = [
  // "30142 views. View post analytics" (every tweet with a view count).
  'a[href$="/analytics"][aria-label]',
  // Focal tweet in older thread layouts shows "12.7K Views" as plain text beside the time.
  'a[href$="/analytics"]',
] as const;

export const quotedTweet = [
  // The quoted tweet is a focusable block with role="link" inside the outer article
  // (tweet-article-quote.html).
  'div[role="link"][tabindex="0"]',
  'div[role="link"]',
] as const;

export const profileName = [
  // Profile header name + handle (likes.html).
  '[data-testid="UserName"]',
] as const;

export const profileSchema = [
  // JSON-LD with exact Follows/Friends counts (likes.html head).
  'script[data-testid="UserProfileSchema-test"]',
  'script[type="application/ld+json"]',
] as const;

/** `{handle}` is replaced with the profile's handle. */
export const followersLink = [
  // "2,381 Followers" (likes.html).
  'a[href="/{handle}/verified_followers"]',
  'a[href="/{handle}/followers"]',
  'a[href$="/verified_followers"]',
  'a[href$="/followers"]',
] as const;

export const followingLink = [
  // "5,080 Following" (likes.html).
  'a[href="/{handle}/following"]',
  'a[href$="/following"]',
] as const;
