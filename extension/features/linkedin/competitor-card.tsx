import { anchors, isAccountPage } from '../common/anchors.ts';
import { startCompetitorCard } from '../common/competitor-card.tsx';
import { defineFeature } from '../../lib/features.ts';
import { extractLinkedIn } from '../../sites/linkedin/extract.ts';

/** Competitor card under a company or member top card: https://www.linkedin.com/company/motionapp/, /in/<name>/ */
export default defineFeature({
  id: 'linkedin/competitor-card',
  init: (ctx) =>
    startCompetitorCard(ctx, {
      featureId: 'linkedin/competitor-card',
      platform: 'linkedin',
      extract: extractLinkedIn,
      isAccountPage: isAccountPage.linkedin,
      anchors: anchors['competitor-card'].linkedin,
    }),
});
