import { browser, type Browser } from 'wxt/browser';
import type { CompetitorSnapshotRequest, CreateResearchItemRequest, OwnPostsRequest, PredictResponse, SocialPlatform, Trend } from '../../shared/contracts/api.ts';
import type { CompetitorGrowth } from '../../shared/competitors/growth.ts';
import type { CalendarPost, PostState } from '../../shared/calendar/state.ts';
import type { DraftResponse, DraftSource } from './api.ts';
import type { RetryReason } from './db.ts';
import type { HeldWrites } from './outbox.ts';

/** What every surface gets back for "which trends are current?". */
export interface TrendsState {
  trends: Trend[];
  /** ms since epoch of the fetch these trends came from; null when nothing was ever fetched. */
  fetchedAt: number | null;
  /** The worker could not be reached (network error or 5xx): `trends` is the cached copy. */
  offline: boolean;
  /** Served from the cache without asking the worker this time (offline, or recent enough). */
  stale: boolean;
  paired: boolean;
  /** Why the live read failed, for display; null on success. */
  error: string | null;
}

export interface Status {
  workerUrl: string;
  paired: boolean;
  workspace: { id: string; name: string } | null;
  /** Writes waiting in the outbox, and the reason the last attempt failed. */
  pending: number;
  /** Writes made while paired with another workspace: kept, sent only once paired with it again. */
  held: HeldWrites[];
  lastError: string | null;
  deadLetters: number;
}

export interface SaveResult {
  /** 'saved': the worker has it; 'queued': it waits in the outbox and will be replayed. */
  state: 'saved' | 'queued';
  /** Why a queued save could not go yet, when it tried: only 'unauthorized' needs the user to act. */
  reason?: RetryReason | null;
}

/** Whether the page's account is tracked, and what the local snapshots say about it. */
export interface CompetitorState {
  paired: boolean;
  tracked: boolean;
  competitorId: string | null;
  /** Visits stored of this account (this visit's included), counted where `snapshotsFrom` says. */
  snapshots: number;
  /**
   * 'browser': this browser's Dexie snapshots; 'workspace': the worker's, when it holds more
   * visits than this browser (synced from other browsers, or from before a reinstall).
   */
  snapshotsFrom: 'browser' | 'workspace';
  /** Over those snapshots (shared/competitors/growth.ts); null when untracked. */
  growth: CompetitorGrowth | null;
  /** This visit's snapshot: 'saved' on the worker, or 'queued' in the outbox; null when none was taken. */
  sync: SaveResult['state'] | null;
  /** Why a 'queued' visit is waiting (outbox.ts): a refused token needs pairing again, the rest only time. */
  syncReason: RetryReason | null;
  /** The tracking answer came from the cache because the worker was unreachable. */
  offline: boolean;
  /** The workspace's own account on this platform: a visit saves the page's posts to its history. */
  mine: boolean;
  /** Posts this visit saved to the workspace's own history ('saved' or 'queued' in `sync`); null when none. */
  ownPostsSaved: number | null;
  /** Why this visit was not saved after all (the account stopped being tracked or yours meanwhile). */
  notice: string | null;
}

export interface BestTimesState {
  paired: boolean;
  usingDefaults: boolean;
  message: string;
  slots: { label: string; next: string; expectedLift: number; confidence: number }[];
  offline: boolean;
  /** ms since epoch of the answer shown. */
  fetchedAt: number | null;
}

/** The composer hint's reading of the draft being written. */
export interface DraftPredictionState {
  paired: boolean;
  /** The worker could not be reached: the score (if any) comes from the model kept in Dexie. */
  offline: boolean;
  prediction: PredictResponse | null;
  error: string | null;
  /** ms since epoch when the worker last confirmed the model (or the lack of one) scored with. */
  modelFetchedAt: number | null;
}

/** Per author key (insight.ts authorKey): engagement totals of posts stored from earlier visits. */
export type StoredBaselines = Record<string, { n: number; sum: number; ids: string[] }>;

/** Today's calendar posts, for the popup's queue. */
export interface QueueState {
  posts: CalendarPost[];
  fetchedAt: number | null;
  offline: boolean;
  error: string | null;
}

/** The post a composer tab was opened for (asked by the site's content script). */
export interface PendingPost {
  postId: string;
  platform: string;
  text: string;
}

/** What the active page offers as a draft source, from its content script. */
export interface PageSource {
  title: string;
  url: string;
  /** The selection when there is one, else the page's main text (trimmed). */
  text: string;
}

export interface AccountRef {
  platform: SocialPlatform;
  handle: string;
}

/**
 * Every message between content scripts / popup / options and the background, by type:
 * `req` is what the sender passes, `res` what the background answers.
 */
export interface Protocol {
  getTrends: { req: { cacheOnly?: boolean; maxAgeMs?: number }; res: TrendsState };
  getStatus: { req: Record<string, never>; res: Status };
  pair: { req: { workerUrl: string; code?: string; token?: string }; res: Status };
  unpair: { req: Record<string, never>; res: Status };
  saveResearchItem: { req: { item: CreateResearchItemRequest }; res: SaveResult };
  retryOutbox: { req: Record<string, never>; res: Status };
  /** Asks only "is this account tracked?": nothing about the page is sent. */
  competitorStatus: { req: AccountRef; res: CompetitorState };
  trackCompetitor: { req: AccountRef & { name: string | null; url: string | null }; res: CompetitorState };
  /** Refused for accounts that are not tracked. */
  recordSnapshot: { req: AccountRef & { snapshot: CompetitorSnapshotRequest & { capturedAt: string } }; res: CompetitorState };
  /** "This is my account": claims it as the workspace's own on its platform. */
  claimAccount: { req: AccountRef & { name: string | null; url: string | null }; res: CompetitorState };
  /** The posts a visit to the workspace's own profile showed, saved to its history (outbox). */
  recordOwnPosts: { req: AccountRef & { visit: OwnPostsRequest }; res: CompetitorState };
  storedBaselines: { req: { platform: SocialPlatform; authors: string[] }; res: StoredBaselines };
  bestTimes: { req: { platform: SocialPlatform; timeZone: string }; res: BestTimesState };
  /** The draft in a composer, scored in the browser by the model the worker would use (kept in Dexie). */
  predictDraft: { req: { platform: SocialPlatform; text: string }; res: DraftPredictionState };
  /** Posts scheduled in [from, to) (the popup's "today"); `cacheOnly` answers from Dexie alone. */
  todayQueue: { req: { from: string; to: string; cacheOnly?: boolean }; res: QueueState };
  /** Runs the reminder tick now (the alarm runs it every minute). */
  checkDue: { req: Record<string, never>; res: { notified: string[]; offline: boolean } };
  /** Opens the post's composer in a new tab with its text, and moves it to `opened`. */
  openComposer: { req: { post: Pick<CalendarPost, 'id' | 'platform' | 'text'> & { state?: PostState } }; res: { tabId: number; url: string } };
  /** Asked by a composer page's content script: the post this tab was opened for, if any. */
  pendingPost: { req: Record<string, never>; res: PendingPost | null };
  /** The site's Post button was clicked (detected) or the user marked it by hand. */
  markPublished: { req: { postId: string; state?: PostState; detected?: boolean }; res: { pending: number } };
  draft: { req: { platform: 'x' | 'linkedin'; source: DraftSource }; res: DraftResponse };
  scheduleDraft: { req: { platform: 'x' | 'linkedin'; topic: string; text: string; timeZone: string }; res: CalendarPost | null };
}

export type MessageType = keyof Protocol;

/** The one discriminated union of messages on the wire. */
export type Message = { [K in MessageType]: { type: K } & Protocol[K]['req'] }[MessageType];

type Reply<K extends MessageType> = { ok: true; value: Protocol[K]['res'] } | { ok: false; error: string };

export type Handlers = {
  [K in MessageType]: (req: Protocol[K]['req'], sender: Browser.runtime.MessageSender) => Promise<Protocol[K]['res']>;
};

/** Sends a typed message to the background and unwraps its reply (errors become rejections). */
export async function send<K extends MessageType>(type: K, req: Protocol[K]['req']): Promise<Protocol[K]['res']> {
  const reply = (await browser.runtime.sendMessage({ ...req, type })) as Reply<K> | undefined;
  if (!reply) throw new Error(`no reply to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}

/**
 * Messages only Sightline's own pages (popup, options) send: they change the pairing, read
 * the workspace, or act on the calendar. Content scripts run inside LinkedIn, X and YouTube
 * and have no use for them, so a content script subverted by its page gets a refusal.
 */
export const pageOnlyMessages: ReadonlySet<MessageType> = new Set<MessageType>(['getStatus', 'pair', 'unpair', 'retryOutbox', 'todayQueue', 'checkDue', 'openComposer', 'draft', 'scheduleDraft']);

/** Whether a message comes from one of the extension's own pages rather than a content script. */
export function fromExtensionPage(sender: Pick<Browser.runtime.MessageSender, 'url'>, extensionOrigin: string): boolean {
  return sender.url !== undefined && sender.url.startsWith(extensionOrigin);
}

/**
 * Registers the background's handler map. Replies are wrapped as {ok, value | error} because
 * rejected promises lose their message crossing the extension boundary in some browsers.
 */
export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isMessage(raw) || !Object.hasOwn(handlers, raw.type)) return undefined;
    const { type, ...req } = raw;
    if (pageOnlyMessages.has(type) && !fromExtensionPage(sender, browser.runtime.getURL('/'))) {
      return Promise.resolve({ ok: false, error: `${type} is answered only to Sightline's own pages` });
    }
    const handler = handlers[type] as (req: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown>;
    return handler(req, sender).then(
      (value) => ({ ok: true, value }),
      (err: unknown) => {
        console.warn(`[sightline] ${type} failed`, err);
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      },
    );
  });
}
