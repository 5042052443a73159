import { startPageSource } from '../common/page-source.ts';
import { defineFeature } from '../../lib/features.ts';

/** The page's selection or main text for the popup's "Draft from this page": https://x.com/home */
export default defineFeature({
  id: 'x/page-source',
  init: (ctx) => startPageSource(ctx),
});
