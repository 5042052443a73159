import { defineContentScript } from 'wxt/utils/define-content-script';
import trendBadge from '../../features/linkedin/trend-badge.tsx';
import { runFeatures } from '../../lib/features.ts';

export default defineContentScript({
  matches: ['*://*.linkedin.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => runFeatures(ctx, [trendBadge]),
});
