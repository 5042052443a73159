import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ResearchItem } from '../../../../shared/contracts/api.ts';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ApiFailure, ok } from '../api.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';
import { DraftButtons } from './draft-buttons.tsx';
import { webUrl } from '../../../../shared/format/web-url.ts';

/** Posts and pages saved from the extension's overlays, for drafting later. */
export function SavedPage({ state }: { state: AppState }) {
  const items = useSignal<ResearchItem[] | null>(null);
  const error = useSignal<string | null>(null);

  const load = async () => {
    try {
      items.value = (await ok(await state.client.v1['research-items'].$get({ query: {} }))).items;
    } catch (err) {
      error.value = err instanceof ApiFailure ? err.message : 'The worker could not be reached.';
    }
  };
  useEffect(() => void load(), []);

  const remove = async (id: string) => {
    const res = await state.client.v1['research-items'][':id'].$delete({ param: { id } });
    if (res.ok) items.value = items.value?.filter((i) => i.id !== id) ?? null;
  };

  return (
    <section>
      <h1>Saved research</h1>
      {error.value && <p class="error" role="alert">{error.value}</p>}
      {items.value?.length === 0 && <p class="muted">Nothing saved yet. Use “Save” on a Sightline badge on LinkedIn, X or YouTube.</p>}
      <ul class="items">
        {items.value?.map((i) => (
          <li key={i.id} class="card">
            <a href={webUrl(i.url)} target="_blank" rel="noreferrer noopener">
              {i.title || i.url}
            </a>
            <span class="muted"> · {i.platform ? sourceName(i.platform) : 'web'} · saved {relativeTime(i.createdAt)}</span>
            {i.text && <p>{i.text.length > 280 ? `${i.text.slice(0, 280)}…` : i.text}</p>}
            <button class="link" onClick={() => remove(i.id)}>
              Remove
            </button>
            <DraftButtons state={state} source={{ kind: 'research', itemId: i.id }} topic={i.title || i.url} />
          </li>
        ))}
      </ul>
    </section>
  );
}
