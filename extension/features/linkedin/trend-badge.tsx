import { defineFeature } from '../../lib/features.ts';
import { startTrendBadges } from '../../lib/trend-badges.tsx';

/** A trend score badge on every linkedin post that mentions a current trend, with a Save action. */
export default defineFeature({
  id: 'linkedin/trend-badge',
  init: (ctx) => startTrendBadges(ctx, 'linkedin/trend-badge', 'linkedin'),
});
