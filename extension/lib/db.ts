import { Dexie, type EntityTable } from 'dexie';
import { composerUrls } from './publish/publisher.ts';

/** A cached API read: what the popup and overlays show when the worker is unreachable. */
export interface CacheEntry {
  key: string;
  value: unknown;
  /** ms since epoch of the successful fetch. */
  fetchedAt: number;
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Why a write is still waiting, for the UI to branch on (the error text is for reading):
 * the worker refused this browser's token (pair again), could not be reached or failed on
 * its side (wait), or is still applying an earlier attempt of the same write (wait briefly).
 */
export type RetryReason = 'unauthorized' | 'unreachable' | 'busy';

/** A write waiting to reach the worker, replayed in `seq` order. */
export interface OutboxEntry {
  seq: number;
  method: WriteMethod;
  /** API path including /v1, e.g. /v1/research-items. */
  path: string;
  body: unknown;
  /** Sent as Idempotency-Key on every attempt so a retry after a lost response is not applied twice. */
  idempotencyKey: string;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  /**
   * The last failure's kind. Absent on entries stored before it was kept (no schema change:
   * it is not indexed): read through `retryReason()`, and written again at the next attempt.
   */
  lastReason?: RetryReason | null;
  /** ms since epoch before which the scheduled replay leaves this entry alone (backoff). */
  nextAttemptAt: number;
  /**
   * The workspace the write was made in; it is sent only while this browser is paired with
   * it. Absent on entries queued before writes were tagged: those go to the current one.
   */
  workspace?: { id: string; name: string };
}

/** A write the worker permanently refused (4xx): kept for the user to see, never dropped silently. */
export interface DeadLetter {
  id: number;
  entry: OutboxEntry;
  status: number;
  response: string;
  failedAt: number;
}

/**
 * One visit of a tracked competitor's page, kept locally so the card shows growth offline;
 * the same snapshot goes to the worker through the outbox.
 */
export interface LocalSnapshot {
  id: number;
  platform: string;
  handle: string;
  competitorId: string;
  /** ms since epoch. */
  capturedAt: number;
  followers: number | null;
  following: number | null;
  metrics: Record<string, number | string | null>;
  posts: {
    externalId: string;
    text: string;
    url: string | null;
    publishedAt: string;
    likes: number | null;
    comments: number | null;
    shares: number | null;
    views: number | null;
  }[];
}

/**
 * The reminder shown for a post's latest occurrence (its slot `scheduledAt`, scheduled at
 * `scheduledSince`): later ticks never notify that occurrence twice, and a post rescheduled
 * to a new slot (or again to the same one) is a new occurrence, reminded again.
 */
export interface Reminder {
  postId: string;
  /** The slot reminded (ISO). null: shown before occurrences were recorded (db version 3). */
  scheduledAt: string | null;
  /** The worker's time of the post's last move to `scheduled` (ISO), null when its history has none. */
  scheduledSince: string | null;
  platform: string;
  text: string;
  /** The browser notification's id (`sightline-post:<postId>`). */
  notificationId: string;
  /** ms since epoch. */
  notifiedAt: number;
  clickedAt: number | null;
  /** Why the browser refused to show it, when it did. */
  error: string | null;
}

/** A composer tab Sightline opened for a post: its content script asks for the text by tab and page. */
export interface ComposerTab {
  tabId: number;
  postId: string;
  /** The composer URL the tab was opened with: only that page is filled. */
  url: string;
  platform: string;
  text: string;
  openedAt: number;
  publishedAt: number | null;
}

export type SightlineDb = Dexie & {
  cache: EntityTable<CacheEntry, 'key'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  deadLetters: EntityTable<DeadLetter, 'id'>;
  snapshots: EntityTable<LocalSnapshot, 'id'>;
  reminders: EntityTable<Reminder, 'postId'>;
  composerTabs: EntityTable<ComposerTab, 'tabId'>;
};

export function openDb(name = 'sightline'): SightlineDb {
  const db = new Dexie(name) as SightlineDb;
  // Versions are append-only: installed extensions upgrade through every one of them in
  // order, so never edit or delete a published version; add version(n+1) with an upgrade().
  db.version(1).stores({
    cache: 'key',
    outbox: '++seq, nextAttemptAt',
    deadLetters: '++id, failedAt',
  });
  // 2: competitor snapshots from visits of tracked accounts (a new table: nothing to migrate).
  db.version(2).stores({
    snapshots: '++id, [platform+handle], capturedAt',
  });
  // 3: assisted publishing: reminders shown, and composer tabs opened per post (new tables).
  db.version(3).stores({
    reminders: 'postId, notifiedAt',
    composerTabs: 'tabId, postId',
  });
  // 4: reminders per occurrence (post, slot) and composer tabs per page, with expiry.
  // Reminders from version 3 keep meaning "reminded at notifiedAt" (scheduledAt null, see
  // reminders.ts); composer tabs were always opened on their platform's composer URL.
  // "Tracked?" is answered from one cached list now: the per-profile answers cached before
  // (`competitor:<platform>:<handle>`, one for every profile visited) are deleted, once.
  db.version(4)
    .stores({
      composerTabs: 'tabId, postId, openedAt',
    })
    .upgrade(async (tx) => {
      await tx
        .table<Reminder>('reminders')
        .toCollection()
        .modify((r) => {
          r.scheduledAt ??= null;
          r.scheduledSince ??= null;
        });
      await tx
        .table<ComposerTab>('composerTabs')
        .toCollection()
        .modify((t) => {
          t.url ??= composerUrls[t.platform] ?? '';
        });
      // Not `competitor-detail:<id>`: those are the tracked accounts' figures, still in use.
      await tx.table<CacheEntry>('cache').where('key').startsWith('competitor:').delete();
    });
  return db;
}

let shared: SightlineDb | undefined;
/** The extension's one database (background, popup and options share the origin). */
export function db(): SightlineDb {
  return (shared ??= openDb());
}
