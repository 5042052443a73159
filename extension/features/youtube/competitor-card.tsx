import { anchors, isAccountPage } from '../common/anchors.ts';
import { startCompetitorCard } from '../common/competitor-card.tsx';
import { defineFeature } from '../../lib/features.ts';
import { extractYouTube } from '../../sites/youtube/extract.ts';

/** Competitor card under a channel header: https://www.youtube.com/@Dave2D */
export default defineFeature({
  id: 'youtube/competitor-card',
  init: (ctx) =>
    startCompetitorCard(ctx, {
      featureId: 'youtube/competitor-card',
      platform: 'youtube',
      extract: extractYouTube,
      isAccountPage: isAccountPage.youtube,
      anchors: anchors['competitor-card'].youtube,
    }),
});
