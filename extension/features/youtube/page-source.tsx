import { startPageSource } from '../common/page-source.ts';
import { defineFeature } from '../../lib/features.ts';

/** The page's selection or main text for the popup's "Draft from this page": https://www.youtube.com/watch?v=… */
export default defineFeature({
  id: 'youtube/page-source',
  init: (ctx) => startPageSource(ctx),
});
