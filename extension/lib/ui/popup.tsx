import { computed, signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Trend, TrendList } from '../../../shared/contracts/api.ts';
import type { CalendarPost } from '../../../shared/calendar/state.ts';
import { draftProvenance } from '../../../shared/draft/provenance.ts';
import { relativeTime } from '../../../shared/format/relative-time.ts';
import { sourceName } from '../../../shared/trends/types.ts';
import type { DraftResponse, DraftSource } from '../api.ts';
import { db as sharedDb, type SightlineDb } from '../db.ts';
import { send as sendMessage, type PageSource, type QueueState, type Status, type TrendsState } from '../messages.ts';
import { composerUrls } from '../publish/publisher.ts';
import { awaitingPublish, postsIn, stateLabels, todayWindow } from '../publish/queue.ts';
import { createDraftScorer } from '../score-timing.ts';
import { DraftScore, failedPrediction, type DraftScoreView } from './time-hint.tsx';
import { connectionItem, type Connection } from '../settings.ts';
import { timeAgo } from '../time-ago.ts';

export interface PopupDeps {
  send: typeof sendMessage;
  /** The popup shares the extension's origin, so it reads the Dexie cache itself: no round trip to the background first. */
  db: SightlineDb;
  getConnection(): Promise<Connection>;
  /** The active tab's title, URL and text (its content script, else the tab's title and URL). */
  pageSource(): Promise<PageSource | null>;
  now(): number;
}

/** The popup's state, built fresh per mount so tests and re-opens start clean. */
export function createPopupState(deps: PopupDeps) {
  const trends = signal<TrendsState | null>(null);
  const queue = signal<QueueState | null>(null);
  const status = signal<Status | null>(null);
  const refreshing = signal(false);
  const error = signal<string | null>(null);
  const connPaired = signal<boolean | null>(null);
  const paired = computed(() => status.value?.paired ?? trends.value?.paired ?? connPaired.value);
  const draft = signal<DraftState | null>(null);
  /** The draft's score (the composer hint's engine), refreshed when editing pauses. */
  const draftScore = signal<DraftScoreView | null>(null);
  /** The trend row opened for its details and draft buttons. */
  const openTrend = signal<string | null>(null);
  const window_ = todayWindow(deps.now());

  /** First paint: Dexie only. Answers ms from navigation start to the cached state being set. */
  async function loadCached(): Promise<void> {
    const [conn, t, q] = await Promise.all([deps.getConnection(), deps.db.cache.get('trends'), deps.db.cache.get('calendar:today')]);
    connPaired.value = conn.token !== null;
    if (!trends.value && conn.token) {
      trends.value = { trends: (t?.value as TrendList | undefined)?.trends ?? [], fetchedAt: t?.fetchedAt ?? null, offline: false, stale: true, paired: true, error: null };
    }
    if (!queue.value && conn.token) {
      queue.value = { posts: postsIn((q?.value as CalendarPost[] | undefined) ?? [], window_), fetchedAt: q?.fetchedAt ?? null, offline: false, error: null };
    }
    // Read by the e2e suite: when the cached queue and trends were in place.
    performance.mark('sightline:popup:cached');
  }

  async function refreshQueue(): Promise<void> {
    queue.value = await deps.send('todayQueue', window_);
  }

  async function load(): Promise<void> {
    await loadCached();
    const s = await deps.send('getStatus', {});
    status.value = s;
    if (!s.paired) return;
    refreshing.value = true;
    try {
      // Reminders first: a post due now shows as reminded, not due, in the queue below.
      await deps.send('checkDue', {}).catch(() => undefined);
      const [t, q] = await Promise.all([deps.send('getTrends', {}), deps.send('todayQueue', window_)]);
      trends.value = t;
      queue.value = q;
      status.value = await deps.send('getStatus', {});
      performance.mark('sightline:popup:live');
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      refreshing.value = false;
    }
  }

  async function retry(): Promise<void> {
    status.value = await deps.send('retryOutbox', {});
  }

  async function act(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
      await refreshQueue();
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  const openComposer = (post: CalendarPost) => act(() => deps.send('openComposer', { post: { id: post.id, platform: post.platform, text: post.text, state: post.state } }));
  const markPublished = (post: CalendarPost) => act(() => deps.send('markPublished', { postId: post.id, state: post.state }));

  const scorer = createDraftScorer({
    read: () => (draft.value?.result ? draft.value.text : null),
    score: (text) => {
      draftScore.value = { kind: 'scoring' };
      return deps.send('predictDraft', { platform: draft.value!.platform, text });
    },
    settle: (outcome) => {
      draftScore.value = {
        kind: 'done',
        state: outcome.ok ? outcome.value : failedPrediction(outcome.error),
      };
    },
  });

  async function writeDraft(origin: DraftOrigin, platform: 'x' | 'linkedin', source: DraftSource): Promise<void> {
    // The previous draft's score, if still on its way, is not this one's.
    scorer.cancel();
    draft.value = { origin, platform, result: null, text: '', busy: true, error: null, scheduled: null };
    draftScore.value = null;
    try {
      const result = await deps.send('draft', { platform, source });
      draft.value = { ...draft.value, result, text: result.draft.text, busy: false };
      scorer.now();
    } catch (err) {
      draft.value = { ...draft.value, busy: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async function draftFromPage(platform: 'x' | 'linkedin'): Promise<void> {
    const page = await deps.pageSource();
    if (!page) {
      error.value = 'No page to draft from: open the popup on a web page.';
      return;
    }
    // The worker wants a sentence or more; a bare title gets its URL for context.
    const text = page.text.length >= 20 ? page.text : `${page.title} — ${page.url}`;
    await writeDraft({ kind: 'page', page }, platform, { kind: 'page', text, title: page.title || null, url: /^https?:/.test(page.url) ? page.url : null });
  }

  /** The worker drafts from the trend's own headlines, so this works for a trend seen in the cached list too (once online). */
  const draftFromTrend = (trend: Pick<Trend, 'id' | 'name'>, platform: 'x' | 'linkedin') =>
    writeDraft({ kind: 'trend', trendId: trend.id, name: trend.name }, platform, { kind: 'trend', trendId: trend.id });

  function toggleTrend(id: string): void {
    openTrend.value = openTrend.value === id ? null : id;
  }

  /** The user's edits to the draft, kept in state so a re-render never drops them; rescored when editing pauses. */
  function editDraft(text: string): void {
    if (!draft.value) return;
    draft.value = { ...draft.value, text };
    scorer.schedule();
  }

  async function scheduleDraft(): Promise<void> {
    const d = draft.value;
    if (!d?.result) return;
    const text = d.text.trim();
    if (!text) {
      draft.value = { ...d, error: 'The draft is empty.' };
      return;
    }
    draft.value = { ...d, busy: true, error: null };
    try {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      const topic = (d.origin.kind === 'trend' ? d.origin.name : d.origin.page.title || d.result.draft.label || 'Page draft').slice(0, 200);
      const scheduled = await deps.send('scheduleDraft', { platform: d.platform, topic, text, timeZone });
      draft.value = { ...d, busy: false, scheduled, error: scheduled ? null : 'No free slot in the coming week.' };
      await refreshQueue();
    } catch (err) {
      draft.value = { ...d, busy: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The popup is going away: a score still pending or on its way lands nowhere. */
  const dispose = () => scorer.dispose();

  return { trends, queue, status, refreshing, error, paired, draft, draftScore, openTrend, load, loadCached, retry, openComposer, markPublished, draftFromPage, draftFromTrend, toggleTrend, editDraft, scheduleDraft, dispose };
}

type DraftOrigin = { kind: 'page'; page: PageSource } | { kind: 'trend'; trendId: string; name: string };

interface DraftState {
  origin: DraftOrigin;
  platform: 'x' | 'linkedin';
  result: DraftResponse | null;
  text: string;
  busy: boolean;
  error: string | null;
  scheduled: CalendarPost | null;
}

export type PopupState = ReturnType<typeof createPopupState>;

/** Asks the active tab's content script for its text; other pages give their title and URL. */
async function activePageSource(): Promise<PageSource | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab?.id) return null;
  const fallback: PageSource = { title: tab.title ?? '', url: tab.url ?? '', text: '' };
  try {
    const reply = (await browser.tabs.sendMessage(tab.id, { type: 'pageSource' })) as PageSource | undefined;
    return reply && typeof reply.text === 'string' ? reply : fallback;
  } catch {
    return fallback;
  }
}

export const browserPopupDeps = (): PopupDeps => ({
  send: sendMessage,
  db: sharedDb(),
  getConnection: () => connectionItem.getValue(),
  pageSource: activePageSource,
  now: Date.now,
});

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function Queue({ state }: { state: PopupState }) {
  const q = state.queue.value;
  if (!q) return null;
  return (
    <section data-testid="queue">
      <h2>Today’s queue</h2>
      {q.offline && <p class="muted">Offline — queue as last seen {q.fetchedAt !== null ? timeAgo(q.fetchedAt, Date.now()) : ''}</p>}
      {q.posts.length === 0 ? (
        <p class="muted">Nothing scheduled today.</p>
      ) : (
        <ol class="queue">
          {q.posts.map((p) => (
            <li key={p.id} data-testid="queue-post" data-post-id={p.id} data-state={p.state} class={p.state === 'missed' ? 'missed' : ''}>
              <span class="muted">
                {p.scheduledAt ? time(p.scheduledAt) : ''} · {sourceName(p.platform)}
              </span>{' '}
              <span class="state" data-testid="post-state" title={p.state === 'missed' ? 'Not published within its window: reschedule it from the console' : ''}>
                {stateLabels[p.state]}
              </span>
              <div class="post-text">{p.text.length > 90 ? `${p.text.slice(0, 89)}…` : p.text}</div>
              {awaitingPublish.includes(p.state) && (
                <div class="row">
                  {composerUrls[p.platform] && (
                    <button type="button" class="primary" onClick={() => void state.openComposer(p)}>
                      Open composer
                    </button>
                  )}
                  <button type="button" onClick={() => void state.markPublished(p)}>
                    Mark as published
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Draft({ state }: { state: PopupState }) {
  const d = state.draft.value;
  const fromPage = d?.origin.kind === 'page' ? d : null;
  return (
    <section data-testid="draft">
      <h2>Draft from this page</h2>
      <div class="row">
        <button type="button" disabled={d?.busy} onClick={() => void state.draftFromPage('x')}>
          For X
        </button>
        <button type="button" disabled={d?.busy} onClick={() => void state.draftFromPage('linkedin')}>
          For LinkedIn
        </button>
      </div>
      {fromPage && <DraftResult state={state} d={fromPage} />}
    </section>
  );
}

/** A draft in progress, where it was asked for: under the page buttons or under its trend. */
function DraftResult({ state, d }: { state: PopupState; d: DraftState }) {
  return (
    <div class="draft-result">
      {d.busy && <p class="muted">Working…</p>}
      {d.error && <p class="error">{d.error}</p>}
      {d.result && (
        <>
          <p class="muted" data-testid="draft-label">
            {draftProvenance(d.result, sourceName(d.platform))}
          </p>
          <textarea data-testid="draft-text" rows={6} aria-label="Draft text" value={d.text} onInput={(e) => state.editDraft(e.currentTarget.value)} />
          {state.draftScore.value && <DraftScore view={state.draftScore.value} />}
          {d.scheduled ? (
            <p class="muted" data-testid="draft-scheduled">
              Scheduled for {new Date(d.scheduled.scheduledAt!).toLocaleString()}
            </p>
          ) : (
            <div class="row">
              <button type="button" class="primary" disabled={d.busy} onClick={() => void state.scheduleDraft()}>
                Schedule at suggested time
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function TrendRow({ state, trend, now }: { state: PopupState; trend: Trend; now: number }) {
  const open = state.openTrend.value === trend.id;
  const d = state.draft.value;
  const drafting = d?.origin.kind === 'trend' && d.origin.trendId === trend.id ? d : null;
  return (
    <li data-testid="trend" data-trend-id={trend.id} class={open ? 'open' : ''}>
      <button type="button" class="trend-head" aria-expanded={open} onClick={() => state.toggleTrend(trend.id)}>
        <span class="trend-name">{trend.name}</span>
        <span class="trend-score" data-testid="trend-score" title="Trend score, 0–100">
          {trend.score}
        </span>
        <span class="muted">{trend.platforms.map(sourceName).join(' · ')}</span>
      </button>
      {open && (
        <div class="trend-more" data-testid="trend-more">
          {trend.keywords?.length > 0 && <p class="muted">{trend.keywords.slice(0, 6).join(', ')}</p>}
          <p class="muted">
            {trend.firstDetectedAt ? `First seen ${relativeTime(trend.firstDetectedAt, now)}` : ''}
            {trend.peakPredictedAt ? ` · ${peakWords(trend.peakPredictedAt, now)}` : ''}
          </p>
          {state.paired.value && (
            <div class="row">
              <button type="button" disabled={d?.busy} onClick={() => void state.draftFromTrend(trend, 'x')}>
                Draft for X
              </button>
              <button type="button" disabled={d?.busy} onClick={() => void state.draftFromTrend(trend, 'linkedin')}>
                Draft for LinkedIn
              </button>
            </div>
          )}
          {drafting && <DraftResult state={state} d={drafting} />}
        </div>
      )}
    </li>
  );
}


const peakWords = (iso: string, now: number) => {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 'peak time unknown';
  return at > now ? `peak expected ${relativeTime(iso, now)}` : `peak was forecast for ${relativeTime(iso, now)}`;
};

export function Popup({ deps }: { deps?: PopupDeps }) {
  const state = useMemo(() => createPopupState(deps ?? browserPopupDeps()), [deps]);
  useEffect(() => {
    state.load().catch((err: unknown) => (state.error.value = String(err)));
    return state.dispose;
  }, [state]);
  const t = state.trends.value;
  const s = state.status.value;
  const openOptions = () => void browser.runtime.openOptionsPage();

  return (
    <main class="popup">
      <header>
        <h1>Sightline</h1>
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

      {state.paired.value && <Queue state={state} />}
      {state.paired.value && <Draft state={state} />}

      {t && (t.trends.length > 0 || t.paired) && <h2>Trending now</h2>}
      {t && t.trends.length > 0 && (
        <ol class="trends" data-testid="trends">
          {t.trends.slice(0, 20).map((trend) => (
            <TrendRow key={trend.id} state={state} trend={trend} now={deps?.now() ?? Date.now()} />
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
      {s?.held.map((h) => (
        <p class="muted" data-testid="held" key={h.workspace}>
          {h.count === 1 ? '1 save' : `${h.count} saves`} from workspace “{h.workspace}” will be sent when this browser is paired with it again.
        </p>
      ))}
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
