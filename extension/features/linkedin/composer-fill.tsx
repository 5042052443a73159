import { anchors } from '../common/anchors.ts';
import { startComposerFill } from '../common/composer-fill.tsx';
import { defineFeature } from '../../lib/features.ts';

/** Fills LinkedIn's share modal with a due post: https://www.linkedin.com/feed/?shareActive=true */
export default defineFeature({
  id: 'linkedin/composer-fill',
  init: (ctx) =>
    startComposerFill(ctx, {
      featureId: 'linkedin/composer-fill',
      platformName: 'LinkedIn',
      editor: anchors['composer-fill'].linkedin,
      postButton: ['.share-actions__primary-action', '[role="dialog"] button.share-actions__primary-action'],
    }),
});
