import { anchors } from '../common/anchors.ts';
import { startPostingTimeHint } from '../common/posting-time-hint.tsx';
import { defineFeature } from '../../lib/features.ts';

/** Next best posting slots in LinkedIn's share box and share modal: https://www.linkedin.com/feed/ */
export default defineFeature({
  id: 'linkedin/posting-time-hint',
  init: (ctx) =>
    startPostingTimeHint(ctx, {
      featureId: 'linkedin/posting-time-hint',
      platform: 'linkedin',
      platformName: 'LinkedIn',
      editor: anchors['composer-fill'].linkedin,
      composer() {
        // Alternatives in order: the share modal's editor wins over the feed's share box while it is open.
        for (const s of anchors['posting-time-hint'].linkedin) {
          const el = document.querySelector(s);
          if (el) return s.startsWith('[role="dialog"]') ? { anchor: el, append: 'after', key: 'modal' } : { anchor: el, append: 'last', key: 'feed' };
        }
        return null;
      },
    }),
});
