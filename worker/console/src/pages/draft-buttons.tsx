import { useSignal } from '@preact/signals';
import { draftProvenance } from '../../../../shared/draft/provenance.ts';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ApiFailure, ok } from '../api.ts';
import type { AppState } from '../state.ts';

export type DraftSourceRef = { kind: 'trend'; trendId: string } | { kind: 'research'; itemId: string };

/**
 * "Draft for X / LinkedIn" on anything a post can start from (a trend, a saved item): the
 * draft, which writer made it, and "Plan it on the calendar", which fills the calendar's form.
 */
export function DraftButtons({ state, source, topic }: { state: AppState; source: DraftSourceRef; topic: string }) {
  const draft = useSignal<{ platform: 'x' | 'linkedin'; text: string; provenance: string } | null>(null);
  const failed = useSignal<string | null>(null);
  const make = async (platform: 'x' | 'linkedin') => {
    failed.value = null;
    try {
      const r = await ok(await state.client.v1.drafts.$post({ json: { platform, source } }));
      draft.value = { platform, text: r.draft.text, provenance: draftProvenance(r) };
    } catch (err) {
      failed.value = err instanceof ApiFailure ? err.message : 'Could not draft.';
    }
  };
  const plan = () => {
    if (!draft.value) return;
    state.pendingPiece.value = { topic, text: draft.value.text };
    state.navigate('calendar');
  };
  return (
    <div class="trend-draft">
      <button type="button" class="secondary" onClick={() => make('x')}>
        Draft for X
      </button>{' '}
      <button type="button" class="secondary" onClick={() => make('linkedin')}>
        Draft for LinkedIn
      </button>
      {failed.value && <p class="error">{failed.value}</p>}
      {draft.value && (
        <div data-testid="draft">
          <textarea readOnly rows={6} value={draft.value.text} aria-label={`Draft for ${sourceName(draft.value.platform)}`} />
          <p class="muted">
            {draft.value.provenance}{' '}
            <button type="button" class="link" onClick={plan}>
              Plan it on the calendar
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
