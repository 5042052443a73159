import { defineFeature } from '../../lib/features.ts';
import { startPostBadges } from '../../lib/post-badges.tsx';
import { extractYouTube } from '../../sites/youtube/extract.ts';

/** One badge per YouTube post: engagement vs the author's average, velocity, and the trend score with Save when it matches a trend. */
export default defineFeature({
  id: 'youtube/post-insight',
  init: (ctx) => startPostBadges(ctx, 'youtube/post-insight', 'youtube', extractYouTube),
});
