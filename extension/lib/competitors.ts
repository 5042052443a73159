import { competitorGrowth, type CompetitorGrowth, type PostMetrics } from '../../shared/competitors/growth.ts';
import type { Competitor, CompetitorSnapshotRequest, OwnPostsRequest } from '../../shared/contracts/api.ts';
import { ApiError, ownAccountsKey, type Api } from './api.ts';
import type { LocalSnapshot, SightlineDb } from './db.ts';
import type { AccountRef, CompetitorState, StoredBaselines } from './messages.ts';
import { refusal, type Outbox } from './outbox.ts';
import { authorKey } from './insight.ts';

/**
 * The background's side of competitor tracking. The content script first asks only whether
 * an account is tracked, which is answered from the workspace's cached list of tracked
 * accounts (the worker never learns which profile is viewed); a snapshot is accepted (stored
 * in Dexie, queued for the worker) only for an account on that list, so nothing is kept
 * about the others.
 */

export interface CompetitorDeps {
  api: Api;
  db: SightlineDb;
  outbox: Outbox;
  isPaired(): Promise<boolean>;
  now?(): number;
}

/** How long the list of tracked accounts is reused before asking the worker again. */
const trackedMaxAgeMs = 10 * 60_000;

const DAY = 86_400_000;
/**
 * Snapshots older than this are dropped: competitorGrowth counts only posts of the last 90
 * days (its recentDays), and a snapshot taken earlier holds only posts published earlier
 * still. Follower growth is then measured over (at most) the last 90 days.
 */
const keepDays = 90;
/**
 * The newest visits are kept as they are (a burst of same-day visits stays readable while it
 * is the latest); older ones only the last of each UTC day, since growth reads the earliest
 * and latest follower counts and each post's latest figures, which a day's last visit holds.
 */
const keepLatest = 5;

const norm = (handle: string) => handle.replace(/^@/, '').toLowerCase();

/**
 * The authorKey (insight.ts) the page's posts by this account carry. LinkedIn posts show only
 * the author's name (its handle is the URL's vanity name, which posts never show), and a
 * visit stores the posts whose author is the account's name (competitor-visit.ts ownPosts),
 * the name it was tracked under; X and YouTube posts show the handle.
 */
function postAuthorKey(c: Pick<Competitor, 'platform' | 'handle' | 'name'>): string | null {
  return c.platform === 'linkedin' ? authorKey({ handle: null, author: c.name }) : authorKey({ handle: norm(c.handle), author: null });
}

export function createCompetitors(deps: CompetitorDeps) {
  const { api, db, outbox } = deps;
  const now = deps.now ?? Date.now;

  /**
   * This workspace's visits of a tracked account. By id, not handle alone: competitor ids are
   * per workspace, and visits stored while paired with another one must not count here.
   */
  async function localSnapshots(c: Pick<Competitor, 'id' | 'platform' | 'handle'>): Promise<LocalSnapshot[]> {
    return db.snapshots.where('[platform+handle]').equals([c.platform, norm(c.handle)]).filter((s) => s.competitorId === c.id).sortBy('capturedAt');
  }

  async function growthOf(c: Pick<Competitor, 'id' | 'platform' | 'handle'>) {
    const snaps = await localSnapshots(c);
    // A post seen on several visits counts once, with its latest figures.
    const posts = new Map<string, PostMetrics>();
    for (const s of snaps) {
      for (const p of s.posts) {
        posts.set(p.externalId, { id: p.externalId, text: p.text, url: p.url, publishedAt: Date.parse(p.publishedAt), likes: p.likes, comments: p.comments, shares: p.shares, views: p.views });
      }
    }
    return { count: snaps.length, growth: competitorGrowth(snaps, [...posts.values()], now()) };
  }

  /**
   * The worker's view of a tracked account, or null when there is none to be had (never
   * fetched and unreachable, or refused). Its best posts carry only their engagement.
   */
  async function workspaceGrowth(id: string, opts: { maxAgeMs?: number; cacheOnly?: boolean }): Promise<{ count: number; growth: CompetitorGrowth } | null> {
    try {
      const { value } = await api.competitorDetail(id, opts);
      if (!value) return null;
      const g = value.growth;
      const bestRecentPosts = g.bestRecentPosts.map((p) => ({ ...p, publishedAt: Date.parse(p.publishedAt), likes: null, comments: null, shares: null, views: null }));
      return { count: value.snapshots.length, growth: { ...g, bestRecentPosts } };
    } catch {
      return null;
    }
  }

  /** This browser's visits, or the workspace's when it has seen more of them. */
  async function figures(ref: AccountRef, id: string, opts: { maxAgeMs?: number; cacheOnly?: boolean }) {
    const local = await growthOf({ id, platform: ref.platform, handle: ref.handle });
    const remote = await workspaceGrowth(id, opts);
    return remote && remote.count > local.count ? { ...remote, from: 'workspace' as const } : { ...local, from: 'browser' as const };
  }

  /** Is this the workspace's own account on its platform? From the cached list (10 minutes). */
  async function isMine(ref: AccountRef, opts: { cacheOnly?: boolean } = {}): Promise<{ mine: boolean; offline: boolean }> {
    try {
      // The list of the workspace's own accounts: nothing about the page being viewed is sent.
      const read = await api.ownAccounts(opts.cacheOnly ? { cacheOnly: true } : { maxAgeMs: trackedMaxAgeMs });
      return { mine: (read.value ?? []).some((a) => a.platform === ref.platform && a.handle === norm(ref.handle)), offline: read.offline };
    } catch (err) {
      // A refusal here (an older worker without /v1/accounts) must not take the competitor card down with it.
      if (err instanceof ApiError) return { mine: false, offline: false };
      throw err;
    }
  }

  /** The tracked account this is, looked up in the workspace's cached list (10 minutes). */
  async function trackedAs(ref: AccountRef, opts: { cacheOnly?: boolean } = {}): Promise<{ competitor: Competitor | null; offline: boolean }> {
    const read = await api.trackedCompetitors(opts.cacheOnly ? { cacheOnly: true } : { maxAgeMs: trackedMaxAgeMs });
    const handle = norm(ref.handle);
    return { competitor: (read.value ?? []).find((c) => c.platform === ref.platform && norm(c.handle) === handle) ?? null, offline: read.offline };
  }

  /** Applies keepDays and keepLatest; run as each snapshot is stored, so the table stays bounded. */
  async function prune(platform: string, handle: string): Promise<void> {
    // Every account's old visits, through the capturedAt index: also those of accounts no longer visited.
    await db.snapshots.where('capturedAt').below(now() - keepDays * DAY).delete();
    const byCompetitor = new Map<string, LocalSnapshot[]>();
    await db.snapshots.where('[platform+handle]').equals([platform, handle]).each((s) => {
      const list = byCompetitor.get(s.competitorId) ?? [];
      list.push(s);
      byCompetitor.set(s.competitorId, list);
    });
    const drop: number[] = [];
    for (const snaps of byCompetitor.values()) {
      snaps.sort((a, b) => b.capturedAt - a.capturedAt || b.id - a.id);
      const days = new Set<number>();
      snaps.forEach((s, i) => {
        const day = Math.floor(s.capturedAt / DAY);
        if (i >= keepLatest && days.has(day)) drop.push(s.id);
        days.add(day);
      });
    }
    if (drop.length) await db.snapshots.bulkDelete(drop);
  }

  async function state(ref: AccountRef, opts: { cacheOnly?: boolean } = {}): Promise<CompetitorState> {
    const paired = await deps.isPaired();
    const base: CompetitorState = { paired, tracked: false, competitorId: null, snapshots: 0, snapshotsFrom: 'browser', growth: null, sync: null, syncReason: null, offline: false, mine: false, ownPostsSaved: null, notice: null };
    if (!paired) return base;
    const own = await isMine(ref, opts);
    // Your own account is not a competitor: its visits feed your history instead.
    if (own.mine) return { ...base, mine: true, offline: own.offline };
    const read = await trackedAs(ref, opts);
    if (!read.competitor) return { ...base, offline: read.offline };
    const f = await figures(ref, read.competitor.id, opts.cacheOnly ? { cacheOnly: true } : { maxAgeMs: trackedMaxAgeMs });
    return { ...base, tracked: true, competitorId: read.competitor.id, snapshots: f.count, snapshotsFrom: f.from, growth: f.growth, offline: read.offline };
  }

  return {
    status: (ref: AccountRef) => state(ref),

    async track(ref: AccountRef & { name: string | null; url: string | null }): Promise<CompetitorState> {
      if (!(await deps.isPaired())) throw new ApiError(401, 'unauthorized', 'pair this browser in Sightline options to track competitors');
      await api.trackCompetitor({ platform: ref.platform, handle: norm(ref.handle), name: ref.name, url: ref.url });
      return state(ref, { cacheOnly: true });
    },

    async record(ref: AccountRef & { snapshot: CompetitorSnapshotRequest & { capturedAt: string } }): Promise<CompetitorState> {
      // Re-checked here (from the cache the status call just filled): a content script cannot
      // make the background keep an untracked account.
      const paired = await deps.isPaired();
      const competitorId = paired ? (await trackedAs(ref, { cacheOnly: true })).competitor?.id : undefined;
      if (!competitorId) throw new Error('this account is not tracked: nothing was stored');
      const s = ref.snapshot;
      await db.transaction('rw', db.snapshots, async () => {
        await db.snapshots.add({
          platform: ref.platform,
          handle: norm(ref.handle),
          competitorId,
          capturedAt: Date.parse(s.capturedAt),
          followers: s.followers ?? null,
          following: s.following ?? null,
          metrics: (s.metrics ?? {}) as LocalSnapshot['metrics'],
          posts: (s.posts ?? []).map((p) => ({ externalId: p.externalId, text: p.text, url: p.url ?? null, publishedAt: p.publishedAt, likes: p.likes ?? null, comments: p.comments ?? null, shares: p.shares ?? null, views: p.views ?? null })),
        } as LocalSnapshot);
        await prune(ref.platform, norm(ref.handle));
      });
      const entry = await outbox.enqueue({ method: 'POST', path: `/v1/competitors/${encodeURIComponent(competitorId)}/snapshots`, body: s });
      await outbox.replay();
      const done = await outbox.settled(entry.seq);
      if (done.state === 'refused') {
        // 404: tracking was stopped (in the console, or from another browser) since this
        // browser last asked. Not a failed save but an unwanted one: forget the account here
        // too, as the worker did, and show the card as it now stands.
        if (done.dead.status !== 404) throw new Error(refusal(done.dead));
        await db.transaction('rw', db.snapshots, db.deadLetters, async () => {
          await db.snapshots.where('[platform+handle]').equals([ref.platform, norm(ref.handle)]).filter((x) => x.competitorId === competitorId).delete();
          await db.deadLetters.delete(done.dead.id);
        });
        await api.forgetCompetitor(competitorId);
        return { ...(await state(ref)), notice: 'No longer tracked in this workspace, so this visit was not saved.' };
      }
      const sync = done.state;
      const syncReason = done.state === 'queued' ? done.reason : null;
      // Once this visit reached the worker, its view (this visit included) is worth a fresh read.
      const f = await figures(ref, competitorId, sync === 'saved' ? {} : { cacheOnly: true });
      return { paired, tracked: true, competitorId, snapshots: f.count, snapshotsFrom: f.from, growth: f.growth, sync, syncReason, offline: false, mine: false, ownPostsSaved: null, notice: null };
    },

    async claim(ref: AccountRef & { name: string | null; url: string | null }): Promise<CompetitorState> {
      if (!(await deps.isPaired())) throw new ApiError(401, 'unauthorized', 'pair this browser in Sightline options to claim your account');
      await api.claimAccount(ref.platform, { handle: norm(ref.handle), name: ref.name, url: ref.url });
      return state(ref, { cacheOnly: true });
    },

    async recordOwn(ref: AccountRef & { visit: OwnPostsRequest }): Promise<CompetitorState> {
      // Re-checked from the cache the status call filled: a content script cannot file another account's posts as yours.
      const paired = await deps.isPaired();
      if (!paired || !(await isMine(ref, { cacheOnly: true })).mine) throw new Error('this is not your account: nothing was saved');
      const entry = await outbox.enqueue({ method: 'POST', path: `/v1/accounts/${ref.platform}/posts`, body: { ...ref.visit, handle: norm(ref.handle) } });
      await outbox.replay();
      const done = await outbox.settled(entry.seq);
      if (done.state === 'refused') {
        // 409: released in Settings (or another account claimed) since this browser's list
        // was fetched. The user no longer wants these posts saved: drop the refusal and the
        // stale list, and show the card as it now stands.
        if (done.dead.status !== 409) throw new Error(refusal(done.dead));
        await db.transaction('rw', db.deadLetters, db.cache, async () => {
          await db.deadLetters.delete(done.dead.id);
          await db.cache.delete(ownAccountsKey);
        });
        return { ...(await state(ref)), notice: 'No longer your account in this workspace, so this visit was not saved.' };
      }
      return { ...(await state(ref, { cacheOnly: true })), sync: done.state, syncReason: done.state === 'queued' ? done.reason : null, ownPostsSaved: ref.visit.posts.length };
    },

    /**
     * Engagement of the authors' posts stored from earlier visits of this workspace's tracked
     * accounts. Read per wanted account through the [platform+handle] index, not by scanning
     * every snapshot on each call (post badges ask on every scan that finds new authors).
     */
    async baselines(platform: string, authors: string[]): Promise<StoredBaselines> {
      const wanted = new Set(authors);
      let list: Competitor[];
      try {
        // The list names no one viewed; unreachable, the cached copy answers.
        list = (await api.trackedCompetitors({ maxAgeMs: trackedMaxAgeMs })).value ?? [];
      } catch (err) {
        // Unpaired or refused: no workspace, so none of its stored posts.
        if (err instanceof ApiError) return {};
        throw err;
      }
      const out: StoredBaselines = {};
      for (const c of list) {
        if (c.platform !== platform) continue;
        const key = postAuthorKey(c);
        if (!key || !wanted.has(key)) continue;
        // Sorted oldest first, so each post ends with its latest figures.
        const latest = new Map<string, number>();
        for (const s of await localSnapshots(c)) for (const p of s.posts) latest.set(p.externalId, (p.likes ?? 0) + (p.comments ?? 0) + (p.shares ?? 0));
        if (!latest.size) continue;
        const b = (out[key] ??= { n: 0, sum: 0, ids: [] });
        for (const [id, e] of latest) {
          b.n++;
          b.sum += e;
          b.ids.push(id);
        }
      }
      return out;
    },
  };
}

export type Competitors = ReturnType<typeof createCompetitors>;
