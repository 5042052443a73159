import { defineFeature } from '../../lib/features.ts';
import { startTrendBadges } from '../../lib/trend-badges.tsx';

/** A trend score badge on every youtube post that mentions a current trend, with a Save action. */
export default defineFeature({
  id: 'youtube/trend-badge',
  init: (ctx) => startTrendBadges(ctx, 'youtube/trend-badge', 'youtube'),
});
