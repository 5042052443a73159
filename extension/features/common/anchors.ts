import { siteSelectors } from '../../lib/post-text.ts';
import { linkedInPageKind } from '../../sites/linkedin/kind.ts';
import { handleFromUrl } from '../../sites/x/kind.ts';
import { youTubePageKind } from '../../sites/youtube/kind.ts';
import { channelHeader } from '../../sites/youtube/selectors.ts';

/** Pages about one account (profile, company, channel): where the competitor card goes. */
export const isAccountPage: Record<'linkedin' | 'x' | 'youtube', (url: URL) => boolean> = {
  linkedin: (url) => ['company', 'company-posts', 'profile'].includes(linkedInPageKind(url)),
  // A profile and its tabs, not a status or article under it.
  x: (url) => handleFromUrl(url) !== null && !['status', 'article'].includes(url.pathname.split('/')[2] ?? ''),
  youtube: (url) => youTubePageKind(url) === 'yt-channel',
};

/**
 * Where each overlay anchors, per site, in one place: the features use these, and
 * bench/overlay.ts watches for the same elements to time "anchor present → mounted".
 */
export const anchors = {
  'post-insight': {
    // https://www.linkedin.com/feed/, https://x.com/home, https://www.youtube.com/
    linkedin: siteSelectors.linkedin.post,
    x: siteSelectors.x.post,
    youtube: siteSelectors.youtube.post,
  },
  'competitor-card': {
    // https://www.linkedin.com/company/motionapp/, https://www.linkedin.com/in/robertkcheung/
    linkedin: ['.org-top-card', 'main section'],
    // https://x.com/0thernet/likes
    x: ['[data-testid="UserName"]', '[data-testid="UserProfileHeader_Items"]'],
    // https://www.youtube.com/@Dave2D
    youtube: [...channelHeader],
  },
  'posting-time-hint': {
    // https://www.linkedin.com/feed/ (share box), its share modal
    linkedin: ['[role="dialog"] .share-creation-state__text-editor', '[role="dialog"] [role="textbox"][contenteditable="true"]', '.share-box-feed-entry__wrapper', '.share-box'],
    // https://x.com/home, https://x.com/compose/post
    x: ['[data-testid="tweetTextarea_0"]'],
    youtube: [],
  },
  'composer-fill': {
    // https://www.linkedin.com/feed/?shareActive=true (the share modal's Quill editor)
    linkedin: ['[role="dialog"] .ql-editor[contenteditable="true"]', '[role="dialog"] [role="textbox"][contenteditable="true"]'],
    // https://x.com/compose/post (draft.js editor)
    x: ['[data-testid="tweetTextarea_0"][contenteditable="true"]', '[data-testid="tweetTextarea_0"]'],
    youtube: [],
  },
} as const satisfies Record<string, Record<'linkedin' | 'x' | 'youtube', readonly string[]>>;
