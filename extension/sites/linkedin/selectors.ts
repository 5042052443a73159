/**
 * LinkedIn hooks. Layout classes are obfuscated per build ("DgyYRhiN..."), so alternatives
 * anchor on data-urn/data-id, aria-label, link paths and LinkedIn's long-lived BEM names
 * (org-top-card-*, update-components-*, social-details-*), with visible-text patterns as the
 * last resort in extract.ts. Comments name the pages in ../shared/pages/linkedin and the
 * fixtures in ./fixtures where each alternative matches.
 */

export const post = [
  // Feed, activity, company posts, profile activity card: every post root carries its URN
  // (feed.html, feed-3.html, person-feed.html, company-posts.html, profile.html).
  '[data-urn^="urn:li:activity:"]',
  // Grouped updates ("X and Y commented") wrap one activity (feed-3.html).
  '[data-urn^="urn:li:aggregate:(urn:li:activity:"]',
  // The 2024+ feed moved the URN to data-id on the same element.
  '[data-id^="urn:li:activity:"]',
  '[data-urn^="urn:li:share:"]',
  '[data-urn^="urn:li:ugcPost:"]',
  // Server-driven feed wrapper; its tracking scope names the updateUrn (feed-3.html).
  '[data-view-name="feed-full-update"]',
] as const;

export const actorName = [
  // Visible copy of the author's name (the visually-hidden copy repeats it).
  '.update-components-actor__title [aria-hidden="true"]',
  '.update-components-actor__title',
  '.update-components-actor__name',
  // Pre-2023 class names, still served to some accounts.
  '.feed-shared-actor__name',
] as const;

export const actorLink = [
  // aria-label "View: Steffen Holm • 1st co-founder ..." (feed-3.html).
  'a.update-components-actor__meta-link[aria-label]',
  'a[aria-label^="View: "]',
] as const;

export const actorTime = [
  // The outer actor's "20h • Edited •" line; the first in document order is the post's own
  // (a reshared post's actor comes later).
  '.update-components-actor__sub-description',
  '.feed-shared-actor__sub-description',
] as const;

/** Inside actorTime: the visible compact copy ("4w") is finer than the screen-reader one
 *  ("1 month ago"), so it is read first. */
export const actorTimeCopies = ['[aria-hidden="true"]', '.visually-hidden'] as const;

export const postText = [
  // The commentary (feed.html, company-posts.html); the first one is the outer post's.
  '.update-components-text',
  '.feed-shared-update-v2__description',
  '.feed-shared-inline-show-more-text',
  '.feed-shared-text',
] as const;

export const reactionsButton = [
  // aria-label "25 reactions" (company-posts.html, feed-3.html).
  'button[aria-label$=" reactions"]',
  'button[aria-label$=" reaction"]',
  // Older label on the count link.
  '[aria-label*=" reactions"]',
] as const;

export const reactionsFallbackNumber = [
  // Number shown beside "Chris Kruger and 4 others" (feed.html, company-feed.html).
  '.social-details-social-counts__social-proof-fallback-number',
  '.social-details-social-counts__reactions-count',
] as const;

export const reactionsSocialProof = [
  // "Chris Kruger and 4 others" = 5 reactions, when no number is printed.
  'button[data-reaction-details][aria-label]',
  '.social-details-social-counts__social-proof-text',
] as const;

export const commentsCount = [
  // aria-label "12 comments on Motion’s post" / "3 comments on {:actorName}{:actorName} post".
  'button[aria-label*=" comment"][aria-label$="post"]',
  '[aria-label$=" comments"]',
  '[aria-label$=" comment"]',
  '.social-details-social-counts__comments',
] as const;

export const repostsCount = [
  // aria-label "4 reposts of Motion’s post" / "1 repost of {:actorName}{:actorName} post".
  'button[aria-label*=" repost"][aria-label$="post"]',
  '[aria-label$=" reposts"]',
  '[aria-label$=" repost"]',
] as const;

export const socialBar = [
  // Present on every post that can be reacted to: counts missing beside it mean zero.
  '.feed-shared-social-action-bar',
  'button[aria-label^="React Like"]',
  'button.comment-button',
] as const;

/** Elements inside a post that belong to its comments, whose counts are not the post's. */
export const commentScope = '[class*="comments-comment"], [class*="comments-quick-comments"], [data-id^="urn:li:comment:"]';

// ---- company top card (company.html, company-posts.html, company-people.html) ----

export const companyName = [
  'h1.org-top-card-summary__title',
  '.org-top-card h1',
  'main h1',
] as const;

export const companyMain = [
  // aria-label "Organization page for Motion".
  'main[aria-label^="Organization page for"]',
] as const;

export const companyInfoItem = [
  // "Software Development", "Mountain View, CA", "8K followers", "51-200 employees".
  '.org-top-card-summary-info-list__info-item',
  '.org-top-card-summary-info-list > *',
  '.org-top-card-summary__info-item',
] as const;

export const aboutTerm = [
  // About tab: <dl><dt>Industry</dt><dd>…</dd><dt>Headquarters</dt><dd>…</dd></dl>; labelled,
  // so it wins over the top card's unlabelled order (industry, then headquarters).
  'main dl dt',
  'dl dt',
] as const;

export const companyTopCard = [
  // The whole top card, scanned for "N followers" / "N employees" lines when the info-list
  // classes are gone.
  '.org-top-card',
  'main section',
] as const;

// ---- person profile (profile.html) ----

export const personName = [
  // The top card's name (first h1 in main).
  'main section h1',
  'main h1',
  '.pv-text-details__left-panel h1',
] as const;

export const personHeadline = [
  // "Co-Founder ꩜Substrate" right under the name.
  'main section .text-body-medium.break-words',
  '[data-generated-suggestion-target]',
  '.pv-text-details__left-panel .text-body-medium',
  // Sticky header copy.
  '.pv-profile-sticky-header-v2__container .artdeco-entity-lockup__subtitle',
] as const;

export const personConnections = [
  // "500+ connections" link to the member's network search.
  'main a[href*="connectionOf"]',
  'main a[href*="/mynetwork/"]',
  'main li',
] as const;

export const personFollowers = [
  // "1,159 followers": top-card list item, or the Activity card header.
  'main ul li',
  'main .pvs-header__optional-link',
  'main p',
] as const;

export const activityName = [
  // Recent-activity page left card (person-feed.html): <h3> under the member photo.
  '.pv-recent-activity-top-card h3',
  'img.pv-recent-activity-top-card__member-photo[alt]',
  'aside h3',
] as const;
