import { computed, signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send, type Status, type TrendsState } from '../messages.ts';
import { timeAgo } from '../time-ago.ts';

/** The popup's state, built fresh per mount so tests and re-opens start clean. */
export function createPopupState() {
  const trends = signal<TrendsState | null>(null);
  const status = signal<Status | null>(null);
  const refreshing = signal(false);
  const error = signal<string | null>(null);
  const paired = computed(() => status.value?.paired ?? trends.value?.paired ?? null);

  async function load(): Promise<void> {
    // Cached list first (no network), then the live read replaces it.
    const [s, cached] = await Promise.all([send('getStatus', {}), send('getTrends', { cacheOnly: true })]);
    status.value = s;
    if (cached.trends.length > 0 || !trends.value) trends.value = cached;
    if (!s.paired) return;
    refreshing.value = true;
    try {
      trends.value = await send('getTrends', {});
      status.value = await send('getStatus', {});
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      refreshing.value = false;
    }
  }

  async function retry(): Promise<void> {
    status.value = await send('retryOutbox', {});
  }

  return { trends, status, refreshing, error, paired, load, retry };
}

export function Popup() {
  const state = useMemo(createPopupState, []);
  useEffect(() => {
    state.load().catch((err: unknown) => (state.error.value = String(err)));
  }, [state]);
  const t = state.trends.value;
  const s = state.status.value;
  const openOptions = () => void browser.runtime.openOptionsPage();

  return (
    <main class="popup">
      <header>
        <h1>Trending now</h1>
        <span class="muted" data-testid="workspace">
          {s?.workspace?.name ?? ''}
          {state.refreshing.value ? ' · refreshing…' : ''}
        </span>
      </header>

      {state.paired.value === false && (
        <div class="notice" data-testid="unpaired">
          This browser is not paired with a Sightline workspace yet.{' '}
          <button type="button" class="link" onClick={openOptions}>
            Open options to pair
          </button>
        </div>
      )}

      {t?.offline && (
        <div class="notice" data-testid="offline" title={t.error ?? ''}>
          {t.fetchedAt !== null
            ? `Offline — showing trends cached ${timeAgo(t.fetchedAt, Date.now())}`
            : 'Offline — the Sightline worker cannot be reached and nothing is cached yet'}
        </div>
      )}
      {t?.error && !t.offline && <p class="error">{t.error}</p>}
      {state.error.value && <p class="error">{state.error.value}</p>}

      {t && t.trends.length > 0 && (
        <ol class="trends" data-testid="trends">
          {t.trends.slice(0, 20).map((trend) => (
            <li key={trend.id} data-testid="trend" data-trend-id={trend.id}>
              <span class="trend-name">{trend.name}</span>
              <span class="trend-score" data-testid="trend-score" title="Trend score, 0–100">
                {trend.score}
              </span>
              <span class="muted">{trend.platforms.join(' · ')}</span>
            </li>
          ))}
        </ol>
      )}
      {t && t.paired && t.trends.length === 0 && !t.offline && !state.refreshing.value && <p class="muted">No trends yet.</p>}

      {s && s.pending > 0 && (
        <p class="muted" data-testid="outbox">
          {s.pending === 1 ? '1 save waiting' : `${s.pending} saves waiting`} to sync{s.lastError ? ` (${s.lastError})` : ''}.{' '}
          <button type="button" class="link" onClick={() => void state.retry()}>
            Retry now
          </button>
        </p>
      )}
      {s && s.deadLetters > 0 && (
        <p class="error" data-testid="dead-letters">
          {s.deadLetters === 1 ? '1 save was' : `${s.deadLetters} saves were`} refused by the worker.
        </p>
      )}
      {state.paired.value && (
        <p class="muted">
          <button type="button" class="link" onClick={openOptions}>
            Options
          </button>
        </p>
      )}
    </main>
  );
}
