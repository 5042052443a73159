import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { SourceStatus } from '../../../../shared/contracts/api.ts';
import { ok } from '../api.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';

const names: Record<SourceStatus['source'], string> = {
  hackernews: 'Hacker News',
  reddit: 'Reddit',
  github: 'GitHub',
  'google-trends': 'Google Trends',
};

/** One line per source: healthy with its last pull, or failing since when and retrying when. */
export function describeSource(s: SourceStatus, now = Date.now()): string {
  switch (s.status) {
    case 'never_run':
      return 'waiting for the first pull';
    case 'ok':
      return `ok · ${s.lastObservationCount ?? 0} items ${s.lastSuccessAt ? relativeTime(s.lastSuccessAt, now) : ''}`.trim();
    case 'unreachable':
    case 'rate_limited': {
      const what = s.status === 'rate_limited' ? 'rate limited' : 'unreachable';
      const since = s.failingSince ? ` since ${new Date(s.failingSince).toLocaleString()}` : '';
      const next = s.nextAttemptAt ? `, next try ${relativeTime(s.nextAttemptAt, now)}` : '';
      return `${what}${since}${next}`;
    }
  }
}

export function SourcesStrip({ state }: { state: AppState }) {
  const sources = useSignal<SourceStatus[]>([]);
  useEffect(() => {
    const load = () =>
      state.client.v1.sources
        .$get()
        .then(ok)
        .then((r) => (sources.value = r.sources))
        .catch(() => {});
    void load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, []);
  if (sources.value.length === 0) return null;
  return (
    <ul class="sources" aria-label="Source status" data-testid="sources">
      {sources.value.map((s) => (
        <li key={s.source} class={`source source-${s.status}`} title={s.lastError ?? ''} data-source={s.source}>
          <strong>{names[s.source]}</strong> {describeSource(s)}
        </li>
      ))}
    </ul>
  );
}
