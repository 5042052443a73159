import { Dexie, type EntityTable } from 'dexie';

/** A cached API read: what the popup and overlays show when the worker is unreachable. */
export interface CacheEntry {
  key: string;
  value: unknown;
  /** ms since epoch of the successful fetch. */
  fetchedAt: number;
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
  /** ms since epoch before which the scheduled replay leaves this entry alone (backoff). */
  nextAttemptAt: number;
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

export type SightlineDb = Dexie & {
  cache: EntityTable<CacheEntry, 'key'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  deadLetters: EntityTable<DeadLetter, 'id'>;
  snapshots: EntityTable<LocalSnapshot, 'id'>;
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
  return db;
}

let shared: SightlineDb | undefined;
/** The extension's one database (background, popup and options share the origin). */
export function db(): SightlineDb {
  return (shared ??= openDb());
}
