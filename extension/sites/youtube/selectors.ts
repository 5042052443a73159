/**
 * YouTube hooks: the ytd-* custom element names and their ids (stable across Polymer
 * rebuilds), the 2024+ view-model elements (yt-lockup-view-model, yt-page-header-view-model),
 * schema.org microdata served with every watch page, and aria-labels holding exact counts.
 * Comments name where each alternative matches: ../shared/pages/youtube (home.html,
 * watch-server-html.html) and the fixtures in ./fixtures (watch.html, channel.html).
 */

export const feedItem = [
  // Home and subscriptions grid (home.html: 31 items, videos and Shorts).
  'ytd-rich-item-renderer',
  // Search results and list-style feeds.
  'ytd-video-renderer',
  // Older channel "Videos" grids.
  'ytd-grid-video-renderer',
  // 2025 lockups rendered outside a rich grid.
  'yt-lockup-view-model',
] as const;

/** Items that are ads or promos, skipped. */
export const adItem = 'ytd-ad-slot-renderer, ytd-in-feed-ad-layout-renderer, ytd-promoted-sparkles-web-renderer';

/** Page containers YouTube keeps hidden after in-app navigation. */
export const inactivePage = 'ytd-browse[hidden], ytd-search[hidden], ytd-watch-flexy[hidden]';

export const itemTitleLink = [
  // a#video-title-link carries title="…" and aria-label "… by GZERO Media 77,097 views 1 day ago …".
  'a#video-title-link',
  'a#video-title',
  // Shorts lockup: <h3 aria-label="…, 677K views - play Short"><a title="…" href="/shorts/…">.
  'h3 a[href^="/shorts/"]',
  // 2025 lockup title link.
  'a.yt-lockup-metadata-view-model__title',
  'a.yt-lockup-metadata-view-model-wiz__title',
  'h3 a[href*="/watch?v="]',
] as const;

export const itemTitleText = [
  // When the title link has no title attribute: yt-formatted-string#video-title (home.html),
  // the Shorts lockup's role="text" span, or the lockup heading.
  '#video-title',
  'h3 [role="text"]',
  'h3',
] as const;

export const itemChannel = [
  // ytd-channel-name > #text > a "GZERO Media" (home.html).
  'ytd-channel-name a',
  'ytd-channel-name #text',
  // 2025 lockups: metadata row link to the channel.
  'yt-content-metadata-view-model a[href^="/@"]',
  'a[href^="/@"]:not(#avatar-link)',
  'a[href^="/channel/"]:not(#avatar-link)',
] as const;

export const lockupMetadataRow = [
  // 2025 lockup metadata rows: "Channel" / "77K views • 1 day ago" (home.html fixture).
  '.yt-content-metadata-view-model__metadata-row',
  '.yt-content-metadata-view-model-wiz__metadata-row',
  'yt-content-metadata-view-model > div',
] as const;

export const itemMetaText = [
  // "77K views", "1 day ago", "404 watching" (home.html).
  '#metadata-line span',
  '.inline-metadata-item',
  // Shorts: <div aria-label="677K views"> (home.html).
  '[aria-label$=" views"]',
  // 2025 lockups.
  'yt-content-metadata-view-model span',
] as const;

export const liveBadge = [
  // LIVE badge and live thumbnails (home.html item 15).
  'ytd-thumbnail[is-live-video]',
  '.badge-style-type-live-now-alternate',
  '[aria-label="LIVE"]',
] as const;

// ---- watch page ----

export const watchTitle = [
  // Rendered watch page (ytd-watch-metadata, 2023+).
  'ytd-watch-metadata #title h1',
  'ytd-watch-metadata h1',
  // Older primary-info renderer.
  'ytd-video-primary-info-renderer h1',
  'h1.title',
] as const;

export const watchChannel = [
  // Channel link under the title (watch.html fixture; empty skeleton in home.html's hidden
  // ytd-watch-flexy), then the older owner renderer.
  'ytd-watch-metadata ytd-channel-name a',
  'ytd-video-owner-renderer ytd-channel-name a',
  'ytd-video-owner-renderer #channel-name #text',
  '#owner #channel-name a',
] as const;

export const watchSubscribers = [
  // "3.68M subscribers" under the channel name.
  'ytd-watch-metadata #owner-sub-count',
  '#owner-sub-count',
  'ytd-video-owner-renderer #owner-sub-count',
] as const;

export const watchViews = [
  // aria-label "1,856,109 views" on the info line (exact).
  'ytd-watch-info-text #view-count[aria-label]',
  // Tooltip "1,856,109 views • Aug 2, 2018".
  'ytd-watch-info-text #tooltip',
  // Older renderer: "1,856,109 views".
  'ytd-video-view-count-renderer .view-count',
  // Collapsed info line "1.8M views  6 years ago".
  'ytd-watch-info-text #info',
] as const;

export const watchDate = [
  // aria-label / text "Aug 2, 2018" (expanded) — the collapsed form is relative.
  'ytd-watch-info-text #date-text[aria-label]',
  'ytd-watch-info-text #tooltip',
  '#info-strings yt-formatted-string',
  'ytd-watch-info-text #info',
] as const;

export const watchLikeButton = [
  // aria-label "like this video along with 43,864 other people".
  'like-button-view-model button[aria-label]',
  'segmented-like-dislike-button-view-model button[aria-label]',
  'ytd-segmented-like-dislike-button-renderer button[aria-label]',
  '#top-level-buttons-computed button[aria-label*="like this video"]',
] as const;

/** schema.org microdata served with the watch page (watch-server-html.html). */
export const microdataRoot = [
  '[itemtype$="schema.org/VideoObject"]',
  '#watch7-content',
] as const;

export const ldJson = [
  // Rendered watch pages keep a JSON-LD VideoObject in ytd-player-microformat-renderer.
  'ytd-player-microformat-renderer script[type="application/ld+json"]',
  'script[type="application/ld+json"]',
] as const;

// ---- channel page ----

export const channelHeader = [
  // 2024+ header (yt-page-header-view-model inside yt-page-header-renderer).
  'yt-page-header-view-model',
  'yt-page-header-renderer',
  // 2022-2024 header.
  'ytd-c4-tabbed-header-renderer',
  '#page-header',
] as const;

export const channelName = [
  // 2024+ header h1 (channel.html fixture), then the c4 header's #channel-name.
  'yt-page-header-view-model h1',
  'yt-dynamic-text-view-model h1',
  'ytd-c4-tabbed-header-renderer #channel-name #text',
  'ytd-c4-tabbed-header-renderer #channel-name',
  '#page-header h1',
] as const;

export const channelHeaderText = [
  // Metadata rows: "@Dave2D", "3.68M subscribers", "1.2K videos".
  'yt-content-metadata-view-model span',
  '#channel-handle',
  '#subscriber-count',
  '#videos-count',
  'span',
] as const;
