import { defineFeature } from '../../lib/features.ts';
import { startPostBadges } from '../../lib/post-badges.tsx';
import { extractX } from '../../sites/x/extract.ts';

/** One badge per X post: engagement vs the author's average, velocity, and the trend score with Save when it matches a trend. */
export default defineFeature({
  id: 'x/post-insight',
  init: (ctx) => startPostBadges(ctx, 'x/post-insight', 'x', extractX),
});
