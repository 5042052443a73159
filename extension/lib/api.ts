import { hc } from 'hono/client';
import type { ApiErrorBody, Competitor, CompetitorDetail, CurrentModelResponse, OwnAccount, OwnAccountRequest, SocialPlatform, TokenResponse, TrackCompetitorRequest, TrendList, WorkspaceResponse } from '../../shared/contracts/api.ts';
import type { CalendarPost, PostState } from '../../shared/calendar/state.ts';
import type { AppType } from '../../worker/app.ts';
import type { OutboxEntry, SightlineDb } from './db.ts';
import type { Connection } from './settings.ts';

/** The worker answered, and refused: carries the API's error code for callers to branch on. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The worker could not be reached, or failed on its side (5xx): worth retrying later. */
export class UnreachableError extends Error {}

export interface ApiDeps {
  db: SightlineDb;
  getConnection(): Promise<Connection>;
  fetch?: typeof fetch;
  now?(): number;
  /** How long one request may take before it counts as unreachable (default 30 s). */
  timeoutMs?: number;
}

export interface CachedRead<T> {
  value: T | null;
  fetchedAt: number | null;
  offline: boolean;
  stale: boolean;
  error: string | null;
}

async function errorFrom(res: Response): Promise<Error> {
  const text = await res.text().catch(() => '');
  let body: Partial<ApiErrorBody> = {};
  try {
    body = JSON.parse(text) as Partial<ApiErrorBody>;
  } catch {
    // Not the API's JSON (a proxy's HTML page, say): keep the status alone.
  }
  if (res.status >= 500) return new UnreachableError(`worker error ${res.status}${body.message ? `: ${body.message}` : ''}`);
  return new ApiError(res.status, body.code ?? 'bad_request', body.message ?? `HTTP ${res.status}`);
}

/** GET /v1/best-times, as the extension uses it. */
export interface BestTimesResponse {
  usingDefaults: boolean;
  message: string;
  slots: { label: string; next: string; expectedLift: number; confidence: number }[];
}

/** POST /v1/drafts, the parts the popup shows. */
export interface DraftResponse {
  path: 'llm' | 'built-in';
  draft: { text: string; label: string };
  messageScore: unknown;
  fallbackReason?: string;
}

export interface CalendarQuery {
  state?: PostState;
  from?: string;
  to?: string;
}

/** What a draft is written from: the words of a page (or pasted text), or a trend the worker knows. */
export type DraftSource = { kind: 'page' | 'text'; text: string; title: string | null; url: string | null } | { kind: 'trend'; trendId: string };

/**
 * The cache key of the workspace's tracked accounts. One list, not an answer per profile: a
 * per-profile entry (even "not tracked") would keep a history of every profile visited.
 */
export const trackedCompetitorsKey = 'competitors';

/** The cache key of the workspace's own accounts (one per platform). */
export const ownAccountsKey = 'own-accounts';

export function createApi(deps: ApiDeps) {
  const now = deps.now ?? Date.now;
  // Looked up per call so tests and service-worker restarts see the current global.
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const doFetch: typeof fetch = (input, init) => {
    const f = deps.fetch ?? globalThis.fetch;
    // A request that never answers (a half-open connection, a stalled proxy) would hold the
    // outbox's head, and every write behind it, forever: past the limit it is an outage.
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return f(input, { ...init, signal }).catch((err: unknown) => {
      const why = timeout.aborted ? `no answer in ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}` : err instanceof Error ? err.message : String(err);
      throw new UnreachableError(`worker unreachable: ${why}`);
    });
  };

  function clientFor(conn: Pick<Connection, 'workerUrl' | 'token'>) {
    return hc<AppType>(conn.workerUrl, {
      fetch: doFetch,
      headers: conn.token ? { authorization: `Bearer ${conn.token}` } : {},
    });
  }

  async function client() {
    const conn = await deps.getConnection();
    if (!conn.token) throw new ApiError(401, 'unauthorized', 'not paired: open Sightline options to pair this browser');
    return clientFor(conn);
  }

  /**
   * A read through the Dexie cache: fresh enough → the cache; otherwise the worker, and
   * the cache is refreshed; worker unreachable → the cached copy marked offline. API
   * refusals (401, 404…) are not outages and are thrown.
   */
  async function cachedRead<T>(key: string, load: () => Promise<T>, opts: { maxAgeMs?: number; cacheOnly?: boolean } = {}): Promise<CachedRead<T>> {
    const cached = await deps.db.cache.get(key);
    const fromCache = (offline: boolean, error: string | null): CachedRead<T> => ({
      value: (cached?.value as T | undefined) ?? null,
      fetchedAt: cached?.fetchedAt ?? null,
      offline,
      stale: true,
      error,
    });
    if (opts.cacheOnly) return fromCache(false, null);
    if (cached && opts.maxAgeMs !== undefined && now() - cached.fetchedAt < opts.maxAgeMs) return fromCache(false, null);
    try {
      const value = await load();
      const fetchedAt = now();
      await deps.db.cache.put({ key, value, fetchedAt });
      return { value, fetchedAt, offline: false, stale: false, error: null };
    } catch (err) {
      if (err instanceof UnreachableError) return fromCache(true, err.message);
      throw err;
    }
  }

  async function calendarPosts(query: CalendarQuery): Promise<CalendarPost[]> {
    const res = await (await client()).v1.calendar.$get({ query });
    if (!res.ok) throw await errorFrom(res);
    return ((await res.json()) as { posts: CalendarPost[] }).posts;
  }

  /**
   * Every account the workspace tracks, cached as one list so "is this page's account
   * tracked?" is answered here: the worker is never told which profile is being viewed.
   */
  function trackedCompetitors(opts: { maxAgeMs?: number; cacheOnly?: boolean } = {}) {
    return cachedRead<Competitor[]>(
      trackedCompetitorsKey,
      async () => {
        const res = await (await client()).v1.competitors.$get({ query: {} });
        if (!res.ok) throw await errorFrom(res);
        return ((await res.json()) as { competitors: Competitor[] }).competitors;
      },
      opts,
    );
  }

  return {
    cachedRead,

    trends(opts: { maxAgeMs?: number; cacheOnly?: boolean } = {}) {
      return cachedRead<TrendList>(
        'trends',
        async () => {
          const res = await (await client()).v1.trends.$get({ query: { limit: '100' } });
          if (!res.ok) throw await errorFrom(res);
          return (await res.json()) as TrendList;
        },
        opts,
      );
    },

    trackedCompetitors,

    /** A tracked account as the workspace knows it: the visits every paired browser synced, and the growth over them. */
    competitorDetail(id: string, opts: { maxAgeMs?: number; cacheOnly?: boolean } = {}) {
      return cachedRead<CompetitorDetail>(
        `competitor-detail:${id}`,
        async () => {
          const res = await (await client()).v1.competitors[':id'].$get({ param: { id } });
          if (!res.ok) throw await errorFrom(res);
          return (await res.json()) as CompetitorDetail;
        },
        opts,
      );
    },

    /** Starts tracking an account; the cached list includes it at once, so its visits are kept from now on. */
    async trackCompetitor(req: TrackCompetitorRequest): Promise<Competitor> {
      const res = await (await client()).v1.competitors.$post({ json: req });
      if (!res.ok) throw await errorFrom(res);
      const competitor = (await res.json()) as Competitor;
      const cached = await deps.db.cache.get(trackedCompetitorsKey);
      // A list's own fetchedAt stays: the rest of it is no fresher for this addition. With no
      // list yet, this one alone is kept with fetchedAt 0, so the next read fetches the whole
      // list rather than hiding the workspace's other accounts behind this one.
      const list = ((cached?.value as Competitor[] | undefined) ?? []).filter((c) => c.id !== competitor.id);
      await deps.db.cache.put({ key: trackedCompetitorsKey, value: [...list, competitor], fetchedAt: cached?.fetchedAt ?? 0 });
      return competitor;
    },

    /** Forgets a tracked account the worker says is no longer tracked (leaving the list's age as it was). */
    async forgetCompetitor(id: string): Promise<void> {
      await deps.db.transaction('rw', deps.db.cache, async () => {
        const cached = await deps.db.cache.get(trackedCompetitorsKey);
        if (cached) await deps.db.cache.put({ ...cached, value: (cached.value as Competitor[]).filter((c) => c.id !== id) });
        await deps.db.cache.delete(`competitor-detail:${id}`);
      });
    },

    bestTimes(platform: SocialPlatform, timeZone: string, opts: { maxAgeMs?: number } = {}) {
      return cachedRead<BestTimesResponse>(
        `best-times:${platform}:${timeZone}`,
        async () => {
          const res = await (await client()).v1['best-times'].$get({ query: { platform, timeZone, top: '3' } });
          if (!res.ok) throw await errorFrom(res);
          return (await res.json()) as BestTimesResponse;
        },
        opts,
      );
    },

    /** The workspace's own accounts (one per platform), cached so a profile page knows offline too. */
    ownAccounts(opts: { maxAgeMs?: number; cacheOnly?: boolean } = {}) {
      return cachedRead<OwnAccount[]>(
        ownAccountsKey,
        async () => {
          const res = await (await client()).v1.accounts.$get();
          if (!res.ok) throw await errorFrom(res);
          return ((await res.json()) as { accounts: OwnAccount[] }).accounts;
        },
        opts,
      );
    },

    /** Claims the account on a platform as the workspace's own, and refreshes the cached list. */
    async claimAccount(platform: SocialPlatform, req: OwnAccountRequest): Promise<OwnAccount> {
      const res = await (await client()).v1.accounts[':platform'].$put({ param: { platform }, json: req });
      if (!res.ok) throw await errorFrom(res);
      const claimed = (await res.json()) as OwnAccount;
      const cached = ((await deps.db.cache.get(ownAccountsKey))?.value as OwnAccount[] | undefined) ?? [];
      await deps.db.cache.put({ key: ownAccountsKey, value: [...cached.filter((a) => a.platform !== platform), claimed], fetchedAt: now() });
      return claimed;
    },

    /** The model POST /v1/predict would use; `have` (the held model's trainedAt) spares resending it. */
    async currentModel(platform: SocialPlatform, have?: number): Promise<CurrentModelResponse> {
      const res = await (await client()).v1.models.current.$get({ query: { platform, ...(have !== undefined ? { have: String(have) } : {}) } });
      if (!res.ok) throw await errorFrom(res);
      return (await res.json()) as CurrentModelResponse;
    },

    /** Calendar posts in a window (and state); cached under `key` for the popup's first paint. */
    calendar(query: CalendarQuery, opts: { cacheKey?: string; cacheOnly?: boolean } = {}) {
      return cachedRead<CalendarPost[]>(opts.cacheKey ?? `calendar:${query.state ?? ''}:${query.from ?? ''}:${query.to ?? ''}`, () => calendarPosts(query), { cacheOnly: opts.cacheOnly });
    },

    calendarPosts,

    async draft(platform: 'x' | 'linkedin', source: DraftSource): Promise<DraftResponse> {
      const res = await (await client()).v1.drafts.$post({ json: { platform, hook: 'lead', source } });
      if (!res.ok) throw await errorFrom(res);
      return (await res.json()) as DraftResponse;
    },

    /** Places one post at the best free slot of the coming week and stores it as scheduled. */
    async scheduleAtBestTime(post: { platform: 'x' | 'linkedin'; topic: string; text: string }, timeZone: string): Promise<CalendarPost | null> {
      const res = await (await client()).v1.calendar.allocate.$post({ json: { posts: [{ ...post, pieceId: null }], timeZone, days: 7, commit: true } });
      if (!res.ok) throw await errorFrom(res);
      return ((await res.json()) as { committed: CalendarPost[] }).committed[0] ?? null;
    },

    async pair(workerUrl: string, code: string, device: string): Promise<TokenResponse> {
      const res = await clientFor({ workerUrl, token: null }).v1.auth.pair.$post({ json: { code, device } });
      if (res.status !== 201) throw await errorFrom(res);
      return (await res.json()) as TokenResponse;
    },

    /** Checks a pasted token by asking who it belongs to. */
    async workspace(conn: Pick<Connection, 'workerUrl' | 'token'>): Promise<WorkspaceResponse> {
      const res = await clientFor(conn).v1.workspace.$get();
      if (!res.ok) throw await errorFrom(res);
      return (await res.json()) as WorkspaceResponse;
    },

    async logout(conn: Pick<Connection, 'workerUrl' | 'token'>): Promise<void> {
      // 401 means the token is already gone, which is what logging out wants.
      const res: Response = await clientFor(conn).v1.auth.logout.$post();
      if (!res.ok && res.status !== 401) throw await errorFrom(res);
    },

    /** Sends one outbox write as-is; the outbox decides what the response means. */
    async sendWrite(entry: Pick<OutboxEntry, 'method' | 'path' | 'body' | 'idempotencyKey'>): Promise<Response> {
      const conn = await deps.getConnection();
      if (!conn.token) throw new UnreachableError('not paired yet');
      return doFetch(new URL(entry.path, conn.workerUrl), {
        method: entry.method,
        headers: {
          authorization: `Bearer ${conn.token}`,
          'content-type': 'application/json',
          'idempotency-key': entry.idempotencyKey,
        },
        body: entry.body === undefined ? null : JSON.stringify(entry.body),
      });
    },
  };
}

export type Api = ReturnType<typeof createApi>;
