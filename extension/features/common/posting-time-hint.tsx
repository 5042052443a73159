import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SocialPlatform } from '../../../shared/contracts/api.ts';
import { startAnchoredOverlay } from '../../lib/anchored-overlay.ts';
import { send, type BestTimesState } from '../../lib/messages.ts';
import { TimeHint } from '../../lib/ui/time-hint.tsx';

export interface PostingTimeSite {
  featureId: string;
  platform: SocialPlatform;
  platformName: string;
  /** The composer's anchor and where the hint goes, or null when no composer is open. */
  composer(): { anchor: Element; append: 'before' | 'after' | 'first' | 'last'; key: string } | null;
}

/** Next best posting slots for this workspace under the composer (worker, cached by the background). */
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
      const draw = () => {
        if (isCurrent()) render(<TimeHint state={state} error={error} platformName={site.platformName} timeZone={timeZone} />, container);
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
      return () => render(null, container);
    },
  });
}
