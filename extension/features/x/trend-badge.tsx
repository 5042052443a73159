import { defineFeature } from '../../lib/features.ts';
import { startTrendBadges } from '../../lib/trend-badges.tsx';

/** A trend score badge on every x post that mentions a current trend, with a Save action. */
export default defineFeature({
  id: 'x/trend-badge',
  init: (ctx) => startTrendBadges(ctx, 'x/trend-badge', 'x'),
});
