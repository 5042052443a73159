import type { CalendarPost } from '../../shared/calendar/state.ts';
import type { Trend } from '../../shared/contracts/api.ts';
import { ApiError, type Api } from './api.ts';
import { createDraftModels } from './draft-models.ts';
import type { SightlineDb } from './db.ts';
import { createCompetitors } from './competitors.ts';
import type { BestTimesState, Handlers, Status, TrendsState } from './messages.ts';
import { refusal, type Outbox } from './outbox.ts';
import { missedLookbackMs, postsIn } from './publish/queue.ts';
import type { Reminders } from './publish/reminders.ts';
import { normaliseWorkerUrl, type Connection } from './settings.ts';
import { pairAgainSentence } from './waiting-why.ts';

export interface BackgroundDeps {
  api: Api;
  outbox: Outbox;
  db: SightlineDb;
  getConnection(): Promise<Connection>;
  setConnection(c: Connection): Promise<void>;
  /** Label the worker shows in the console's device list. */
  deviceLabel: string;
  reminders: Reminders;
}

/** The background's answer to every message type (see messages.ts). */
export function createHandlers(deps: BackgroundDeps): Handlers {
  const { api, outbox, db } = deps;
  const competitors = createCompetitors({ api, db, outbox, isPaired: async () => (await deps.getConnection()).token !== null });
  const draftModels = createDraftModels({
    api,
    db,
    workspaceId: async () => (await deps.getConnection()).workspace?.id ?? null,
    // A new model means new history: best times cached for the hour would still show the old (or the defaults).
    onNewModel: async (platform) => void (await db.cache.where('key').startsWith(`best-times:${platform}:`).delete()),
  });

  async function status(): Promise<Status> {
    const conn = await deps.getConnection();
    const stats = await outbox.stats();
    return { workerUrl: conn.workerUrl, paired: conn.token !== null, workspace: conn.workspace, ...stats };
  }

  async function connect(next: Connection): Promise<Status> {
    const before = (await deps.getConnection()).workspace?.id ?? null;
    await deps.setConnection(next);
    // Another workspace's trends must not linger in the cache.
    await db.cache.clear();
    // Nor, once this browser works for another workspace (or none), that workspace's
    // competitor visits and post reminders. Its queued writes stay, held for it (outbox.ts).
    if ((next.workspace?.id ?? null) !== before) {
      await db.transaction('rw', db.snapshots, db.reminders, db.composerTabs, () => Promise.all([db.snapshots.clear(), db.reminders.clear(), db.composerTabs.clear()]));
    }
    void outbox.replay({ force: true });
    return status();
  }

  return {
    async getTrends(req) {
      const conn = await deps.getConnection();
      const empty: TrendsState = { trends: [], fetchedAt: null, offline: false, stale: true, paired: conn.token !== null, error: null };
      if (!conn.token) return empty;
      try {
        const r = await api.trends(req);
        // The worker just answered: a good moment to deliver what waited for it.
        if (!r.offline && !r.stale) void outbox.replay({ force: true });
        return { trends: (r.value?.trends ?? []) as Trend[], fetchedAt: r.fetchedAt, offline: r.offline, stale: r.stale, paired: true, error: r.error };
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          const cached = await api.trends({ cacheOnly: true });
          return { ...empty, trends: cached.value?.trends ?? [], fetchedAt: cached.fetchedAt, error: pairAgainSentence };
        }
        throw err;
      }
    },

    getStatus: () => status(),

    async pair({ workerUrl, code, token }) {
      const url = normaliseWorkerUrl(workerUrl);
      if (token) {
        const ws = await api.workspace({ workerUrl: url, token });
        return connect({ workerUrl: url, token, workspace: { id: ws.id, name: ws.name } });
      }
      if (!code) throw new Error('enter the pairing code from the console’s Settings page, or paste a token');
      const res = await api.pair(url, code, deps.deviceLabel);
      return connect({ workerUrl: url, token: res.token, workspace: res.workspace });
    },

    async unpair() {
      const conn = await deps.getConnection();
      // Best effort: revoke the token on the worker; offline, it stays listed in the console to revoke there.
      if (conn.token) await api.logout(conn).catch(() => undefined);
      return connect({ workerUrl: conn.workerUrl, token: null, workspace: null });
    },

    async saveResearchItem({ item }) {
      const entry = await outbox.enqueue({ method: 'POST', path: '/v1/research-items', body: item });
      await outbox.replay();
      const done = await outbox.settled(entry.seq);
      if (done.state === 'refused') throw new Error(refusal(done.dead));
      return done.state === 'queued' ? { state: 'queued', reason: done.reason } : { state: 'saved' };
    },

    async retryOutbox() {
      await outbox.replay({ force: true });
      return status();
    },

    competitorStatus: ({ platform, handle }) => competitors.status({ platform, handle }),
    trackCompetitor: (req) => competitors.track(req),
    recordSnapshot: (req) => competitors.record(req),
    claimAccount: (req) => competitors.claim(req),
    recordOwnPosts: (req) => competitors.recordOwn(req),
    storedBaselines: ({ platform, authors }) => competitors.baselines(platform, authors),

    async bestTimes({ platform, timeZone }) {
      const conn = await deps.getConnection();
      const none: BestTimesState = { paired: conn.token !== null, usingDefaults: true, message: '', slots: [], offline: false, fetchedAt: null };
      if (!conn.token) return none;
      // Best times move slowly (they change when posts are imported): an hour is fresh enough.
      const r = await api.bestTimes(platform, timeZone, { maxAgeMs: 60 * 60_000 });
      if (!r.value) return { ...none, offline: r.offline, message: r.error ?? '' };
      return { paired: true, usingDefaults: r.value.usingDefaults, message: r.value.message, slots: r.value.slots, offline: r.offline, fetchedAt: r.fetchedAt };
    },

    async predictDraft({ platform, text }) {
      const conn = await deps.getConnection();
      if (!conn.token) return { paired: false, offline: false, prediction: null, error: null, modelFetchedAt: null };
      try {
        return await draftModels.predict(platform, text);
      } catch (err) {
        if (err instanceof ApiError) return { paired: true, offline: false, prediction: null, error: err.message, modelFetchedAt: null };
        throw err;
      }
    },

    async todayQueue({ from, to, cacheOnly }) {
      const conn = await deps.getConnection();
      if (!conn.token) return { posts: [], fetchedAt: null, offline: false, error: null };
      // One cache key for "today" so the popup's first paint finds yesterday's answer too.
      // The day's posts and the week's missed ones, in one cache entry for the popup's first paint.
      const r = await api.cachedRead<CalendarPost[]>(
        'calendar:today',
        async () => {
          const [day, missed] = await Promise.all([
            api.calendarPosts({ from, to }),
            api.calendarPosts({ state: 'missed', from: new Date(Date.parse(from) - missedLookbackMs).toISOString(), to: from }),
          ]);
          return [...day, ...missed];
        },
        { cacheOnly },
      );
      return { posts: postsIn(r.value ?? [], { from, to }), fetchedAt: r.fetchedAt, offline: r.offline, error: r.error };
    },

    checkDue: () => deps.reminders.tick(),
    openComposer: ({ post }) => deps.reminders.open(post),

    async pendingPost(_req, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return null;
      // The asking page's own URL (the frame's), so only the composer page the tab was opened on is filled.
      const tab = await deps.reminders.pendingFor(tabId, sender.url ?? sender.tab?.url);
      return tab && { postId: tab.postId, platform: tab.platform, text: tab.text };
    },

    async markPublished({ postId, state }) {
      await deps.reminders.markPublished(postId, state);
      return { pending: (await outbox.stats()).pending };
    },

    draft: ({ platform, source }) => api.draft(platform, source),
    scheduleDraft: ({ platform, topic, text, timeZone }) => api.scheduleAtBestTime({ platform, topic, text }, timeZone),
  };
}
