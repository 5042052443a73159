import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Trend } from '../../../../shared/contracts/api.ts';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ApiFailure, ok } from '../api.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';
import { SourcesStrip } from './sources.tsx';
import { TrendDetail } from './trend-detail.tsx';


export function TrendsPage({ state }: { state: AppState }) {
  const trends = useSignal<Trend[] | null>(null);
  const error = useSignal<string | null>(null);
  const q = useSignal('');
  const open = useSignal<string | null>(null);

  const load = async () => {
    try {
      const query = q.value.trim() ? { q: q.value.trim() } : {};
      trends.value = (await ok(await state.client.v1.trends.$get({ query }))).trends;
      error.value = null;
    } catch (err) {
      error.value = err instanceof ApiFailure ? err.message : 'The worker could not be reached.';
    }
  };

  useEffect(() => {
    void load();
    // Trends are recomputed by the cron pipeline; a minute is fresh enough for a list.
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section>
      <div class="section-head">
        <h1>Live trends</h1>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          <input type="search" placeholder="Filter by topic or keyword" value={q.value} onInput={(e) => (q.value = e.currentTarget.value)} aria-label="Filter trends" />
        </form>
      </div>
      <SourcesStrip state={state} />
      {error.value && <p class="error" role="alert">{error.value}</p>}
      {trends.value === null && !error.value && <p class="muted">Loading…</p>}
      {trends.value?.length === 0 && <p class="muted">No trends yet. Run <code>npm run demo:load</code> or wait for the next source pull.</p>}
      {trends.value && trends.value.length > 0 && (
        <table class="trends" data-testid="trends-table">
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Trend</th>
              <th scope="col">Sources</th>
              <th scope="col">First seen</th>
              <th scope="col">Peak expected</th>
            </tr>
          </thead>
          <tbody>
            {trends.value.map((t) => (
              <tr key={t.id} data-trend-id={t.id}>
                <td>
                  <span class="score" title={`confidence ${pct(t.confidence)}, velocity ${pct(t.velocity)}`}>
                    {t.score}
                  </span>
                </td>
                <td>
                  <button class="link trend-name" aria-expanded={open.value === t.id} onClick={() => (open.value = open.value === t.id ? null : t.id)}>
                    <strong>{t.name}</strong>
                  </button>
                  {t.workspaceId && (
                    <span class="muted" data-testid="own-topic">
                      {' '}
                      · from your topics
                    </span>
                  )}
                  <div class="keywords">{t.keywords.filter((k) => k !== t.name).join(' · ')}</div>
                  {open.value === t.id && <TrendDetail state={state} id={t.id} name={t.name} />}
                </td>
                <td>{t.platforms.map(sourceName).join(', ')}</td>
                <td>{relativeTime(t.firstDetectedAt)}</td>
                <td>{t.peakPredictedAt ? relativeTime(t.peakPredictedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
