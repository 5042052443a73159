import { defineContentScript } from 'wxt/utils/define-content-script';
import competitorCard from '../../features/youtube/competitor-card.tsx';
import postInsight from '../../features/youtube/post-insight.tsx';
import pageSource from '../../features/youtube/page-source.tsx';
import { runFeatures } from '../../lib/features.ts';

export default defineContentScript({
  matches: ['*://*.youtube.com/*'],
  // Styles are inlined into each shadow root (lib/ui/styles.ts): no CSS file to fetch or inject.
  cssInjectionMode: 'manual',
  // One-per-page overlays start first: the post badges' first scan is the longest
  // synchronous step at start-up and would otherwise hold up the card's mount.
  main: (ctx) => runFeatures(ctx, [competitorCard, postInsight, pageSource]),
});
