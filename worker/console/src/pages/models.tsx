import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ModelsResponse, ModelSummaryView } from '../../../../shared/contracts/api.ts';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ApiFailure, ok } from '../api.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';

const figures = (m: ModelSummaryView) =>
  `trained ${relativeTime(m.trainedAt)} on ${m.trainedOn.toLocaleString('en-US')} posts${m.heldOutAuc === null ? '' : `; on its own later posts it ranked hits above misses ${Math.round(m.heldOutAuc * 100)} % of the time (AUC ${m.heldOutAuc.toFixed(2)}; 50 % is chance)`}`;

/** Settings card: which model scores drafts on each platform, how it did on its own later posts, and why it was chosen. */
export function Models({ state }: { state: AppState }) {
  const models = useSignal<ModelsResponse['platforms'] | null>(null);
  const failed = useSignal<string | null>(null);
  const load = async () => {
    try {
      models.value = (await ok(await state.client.v1.models.$get())).platforms;
      failed.value = null;
    } catch (err) {
      failed.value = err instanceof ApiFailure ? err.message : 'The worker could not be reached.';
    }
  };
  useEffect(() => void load(), []);

  return (
    <div class="card">
      <h2>Your prediction models</h2>
      <p class="muted">They score drafts in the composer, the calendar and the API. Training runs after each import.</p>
      {failed.value && <p class="error">{failed.value}</p>}
      {models.value && (
        <ul class="items" data-testid="models">
          {models.value.map((m) => {
            const answering = m.answering === 'workspace-model' ? m.own : m.answering === 'general-model' ? m.general : null;
            return (
              <li key={m.platform} data-platform={m.platform}>
                <strong>{sourceName(m.platform)}</strong>:{' '}
                {answering ? (
                  <>
                    {m.answering === 'workspace-model' ? 'your own model' : 'the general model (your posts and tracked competitors’)'} answers, {figures(answering)}.{' '}
                    <span class="muted">{m.answering === 'general-model' ? `Not your own: ${m.why}.` : ''}</span>
                  </>
                ) : (
                  <span class="muted">no model yet: {m.why}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" class="secondary" onClick={() => void load()}>
        Refresh
      </button>
    </div>
  );
}
