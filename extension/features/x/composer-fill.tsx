import { anchors } from '../common/anchors.ts';
import { startComposerFill } from '../common/composer-fill.tsx';
import { defineFeature } from '../../lib/features.ts';

/** Fills X's composer with a due post Sightline opened it for: https://x.com/compose/post */
export default defineFeature({
  id: 'x/composer-fill',
  init: (ctx) =>
    startComposerFill(ctx, {
      featureId: 'x/composer-fill',
      platformName: 'X',
      editor: anchors['composer-fill'].x,
      postButton: ['[data-testid="tweetButton"]', '[data-testid="tweetButtonInline"]'],
    }),
});
