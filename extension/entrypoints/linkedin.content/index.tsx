import { defineContentScript } from 'wxt/utils/define-content-script';
import composerFill from '../../features/linkedin/composer-fill.tsx';
import competitorCard from '../../features/linkedin/competitor-card.tsx';
import postInsight from '../../features/linkedin/post-insight.tsx';
import postingTimeHint from '../../features/linkedin/posting-time-hint.tsx';
import pageSource from '../../features/linkedin/page-source.tsx';
import { runFeatures } from '../../lib/features.ts';

export default defineContentScript({
  matches: ['*://*.linkedin.com/*'],
  // Styles are inlined into each shadow root (lib/ui/styles.ts): no CSS file to fetch or inject.
  cssInjectionMode: 'manual',
  // One-per-page overlays start first: the post badges' first scan is the longest
  // synchronous step at start-up and would otherwise hold up the card's mount.
  main: (ctx) => runFeatures(ctx, [competitorCard, postingTimeHint, postInsight, composerFill, pageSource]),
});
