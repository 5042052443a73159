import { defineContentScript } from 'wxt/utils/define-content-script';
import composerFill from '../../features/x/composer-fill.tsx';
import competitorCard from '../../features/x/competitor-card.tsx';
import postInsight from '../../features/x/post-insight.tsx';
import postingTimeHint from '../../features/x/posting-time-hint.tsx';
import pageSource from '../../features/x/page-source.tsx';
import { runFeatures } from '../../lib/features.ts';

export default defineContentScript({
  matches: ['*://x.com/*'],
  // Styles are inlined into each shadow root (lib/ui/styles.ts): no CSS file to fetch or inject.
  cssInjectionMode: 'manual',
  // One-per-page overlays start first: the post badges' first scan is the longest
  // synchronous step at start-up and would otherwise hold up the card's mount.
  main: (ctx) => runFeatures(ctx, [competitorCard, postingTimeHint, postInsight, composerFill, pageSource]),
});
