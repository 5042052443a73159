import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SocialPlatform } from '../../../shared/contracts/api.ts';
import { startAnchoredOverlay } from '../../lib/anchored-overlay.ts';
import { guard } from '../../lib/features.ts';
import { send, type BestTimesState } from '../../lib/messages.ts';
import { editorText, first } from '../../lib/publish/fill.ts';
import { createDraftScorer } from '../../lib/score-timing.ts';
import { TimeHint, failedPrediction, type DraftScoreView } from '../../lib/ui/time-hint.tsx';

export interface PostingTimeSite {
  featureId: string;
  platform: SocialPlatform;
  platformName: string;
  /** The composer's anchor and where the hint goes, or null when no composer is open. */
  composer(): { anchor: Element; append: 'before' | 'after' | 'first' | 'last'; key: string } | null;
  /** The composer's editable element, alternatives in order: the draft the score reads. */
  editor: readonly string[];
}

/** Fewer characters than this say too little to score (and the model would mostly see its length). */
export const MIN_DRAFT_CHARS = 15;

/**
 * Under the composer: the next best posting slots for this workspace (worker, cached by the
 * background), and the score of the draft being written (the background scores it with the
 * workspace's model, kept in Dexie), refreshed when typing pauses. Only the latest draft's
 * answer is shown.
 */
export function startPostingTimeHint(ctx: ContentScriptContext, site: PostingTimeSite): void {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  startAnchoredOverlay(ctx, {
    featureId: site.featureId,
    name: 'sightline-posting-time-hint',
    sightline: 'posting-time-hint',
    locate: () => site.composer(),
    mount(container, isCurrent) {
      let state: BestTimesState | null = null;
      let error: string | null = null;
      let draft: DraftScoreView = { kind: 'idle' };
      const draw = () => {
        // No editor (LinkedIn's "Start a post" entry, before its modal opens): nothing to score yet.
        const editing = first(document, site.editor) !== null;
        if (isCurrent()) render(<TimeHint state={state} error={error} platformName={site.platformName} timeZone={timeZone} {...(editing ? { draft } : {})} />, container);
      };
      draw();
      send('bestTimes', { platform: site.platform, timeZone }).then(
        (s) => {
          state = s;
          draw();
        },
        (err: unknown) => {
          error = err instanceof Error ? err.message : String(err);
          draw();
        },
      );

      const scorer = createDraftScorer({
        read: () => {
          const editor = first(document, site.editor);
          const text = editor ? editorText(editor) : '';
          if (text.length >= MIN_DRAFT_CHARS) return text;
          if (draft.kind !== 'idle') {
            draft = { kind: 'idle' };
            draw();
          }
          return null;
        },
        score: (text) => {
          draft = { kind: 'scoring' };
          draw();
          return send('predictDraft', { platform: site.platform, text });
        },
        settle: (outcome) => {
          draft = {
            kind: 'done',
            state: outcome.ok ? outcome.value : failedPrediction(outcome.error),
          };
          draw();
        },
      });
      const onInput = guard(site.featureId, (e: Event) => {
        const editor = first(document, site.editor);
        if (!editor || !(e.target instanceof Node) || !editor.contains(e.target)) return;
        scorer.schedule();
      });
      // Capture: the editors' own handlers may stop the event.
      document.addEventListener('input', onInput, true);
      // A composer opened with text in it (a draft Sightline filled in) is scored at once.
      scorer.now();
      return () => {
        scorer.dispose();
        document.removeEventListener('input', onInput, true);
        render(null, container);
      };
    },
  });
}
