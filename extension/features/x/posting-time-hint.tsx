import { anchors } from '../common/anchors.ts';
import { startPostingTimeHint } from '../common/posting-time-hint.tsx';
import { defineFeature } from '../../lib/features.ts';

/** Next best posting slots under X's composer (home timeline and the compose dialog): https://x.com/home */
export default defineFeature({
  id: 'x/posting-time-hint',
  init: (ctx) =>
    startPostingTimeHint(ctx, {
      featureId: 'x/posting-time-hint',
      platform: 'x',
      platformName: 'X',
      editor: anchors['composer-fill'].x,
      composer() {
        const editor = document.querySelector(anchors['posting-time-hint'].x.join(','));
        if (!editor) return null;
        // After the composer's toolbar, never inside the editor (its framework owns that DOM).
        let toolbar: Element | null = null;
        for (let p = editor.parentElement; p && !toolbar; p = p.parentElement) toolbar = p.querySelector('[data-testid="toolBar"]');
        const dialog = editor.closest('[role="dialog"]') ? 'dialog' : 'inline';
        return toolbar ? { anchor: toolbar, append: 'after', key: dialog } : { anchor: editor.parentElement ?? editor, append: 'after', key: dialog };
      },
    }),
});
