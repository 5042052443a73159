import { anchors, isAccountPage } from '../common/anchors.ts';
import { startCompetitorCard } from '../common/competitor-card.tsx';
import { defineFeature } from '../../lib/features.ts';
import { extractX } from '../../sites/x/extract.ts';

/** Competitor card under an X profile's name: https://x.com/0thernet, https://x.com/0thernet/likes */
export default defineFeature({
  id: 'x/competitor-card',
  init: (ctx) =>
    startCompetitorCard(ctx, {
      featureId: 'x/competitor-card',
      platform: 'x',
      extract: extractX,
      isAccountPage: isAccountPage.x,
      anchors: anchors['competitor-card'].x,
    }),
});
