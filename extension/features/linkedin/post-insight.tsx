import { defineFeature } from '../../lib/features.ts';
import { startPostBadges } from '../../lib/post-badges.tsx';
import { extractLinkedIn } from '../../sites/linkedin/extract.ts';

/** One badge per LinkedIn post: engagement vs the author's average, velocity, and the trend score with Save when it matches a trend. */
export default defineFeature({
  id: 'linkedin/post-insight',
  init: (ctx) => startPostBadges(ctx, 'linkedin/post-insight', 'linkedin', extractLinkedIn),
});
