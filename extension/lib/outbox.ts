import type { DeadLetter, OutboxEntry, RetryReason, SightlineDb, WriteMethod } from './db.ts';

/**
 * Writes made while the worker is unreachable wait here and are replayed in order.
 *
 * Every entry carries an Idempotency-Key minted at enqueue time, and the worker stores the
 * response per key, so replaying an entry whose first response was lost returns the stored
 * response instead of writing twice. Replay stops at the first entry that cannot be
 * delivered yet (keeping order) and backs off exponentially with jitter, so a long outage
 * costs a handful of requests rather than a retry storm (SponsorBlock issue #364).
 */

export interface OutboxDeps {
  db: SightlineDb;
  send(entry: OutboxEntry): Promise<Response>;
  /** The workspace this browser is paired with now (null: unpaired); without it, writes are not tagged. */
  workspace?(): Promise<{ id: string; name: string } | null>;
  now?(): number;
  random?(): number;
  newKey?(): string;
}

export interface ReplayResult {
  /** empty: all delivered; waiting: head is backing off; failed: head could not be delivered now. */
  status: 'empty' | 'waiting' | 'failed';
  delivered: number;
  deadLettered: number;
  pending: number;
}

export const backoff = { baseMs: 5_000, capMs: 15 * 60_000 };

/** Equal jitter: half the exponential delay fixed, half random, so clients spread out but never retry early. */
export function backoffMs(attempts: number, random: number): number {
  const exp = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return exp / 2 + random * (exp / 2);
}

type Outcome = { kind: 'delivered' } | { kind: 'retry'; reason: RetryReason; error: string } | { kind: 'dead'; status: number; body: string };

/** 2xx delivered; 5xx, 408, 429, 401 and an in-progress idempotency key are worth retrying; other 4xx never will be. */
async function classify(res: Response): Promise<Outcome> {
  if (res.ok) return { kind: 'delivered' };
  const body = await res.text().catch(() => '');
  if (res.status >= 500 || res.status === 408 || res.status === 429) return { kind: 'retry', reason: 'unreachable', error: `HTTP ${res.status}` };
  // 401: the token was revoked or pairing changed; keep the write for after re-pairing.
  if (res.status === 401) return { kind: 'retry', reason: 'unauthorized', error: 'unauthorized: pair this browser again' };
  if (res.status === 409 && body.includes('idempotency_in_progress')) return { kind: 'retry', reason: 'busy', error: 'previous attempt still in progress' };
  return { kind: 'dead', status: res.status, body };
}

/**
 * Why an entry is still waiting (null: not tried yet). Entries stored before the reason was
 * kept count as unreachable, the common case; their next attempt records the real one.
 */
export function retryReason(entry: Pick<OutboxEntry, 'lastError' | 'lastReason'>): RetryReason | null {
  return entry.lastReason ?? (entry.lastError === null ? null : 'unreachable');
}

/** A refused write in words: the worker's own message when its body carries one. */
export function refusal(dead: Pick<DeadLetter, 'status' | 'response'>): string {
  let message = '';
  try {
    const body = JSON.parse(dead.response) as { message?: unknown };
    if (typeof body.message === 'string') message = `: ${body.message}`;
  } catch {
    // Not the API's JSON (a proxy's page): the status alone says enough.
  }
  return `the worker refused this save (HTTP ${dead.status})${message}`;
}

/** Writes made in another workspace than the one paired now, by workspace: held, not sent. */
export interface HeldWrites {
  workspace: string;
  count: number;
}

export function createOutbox(deps: OutboxDeps) {
  const { db } = deps;
  const workspaceNow = deps.workspace ?? (async () => null);
  // Pairing with another workspace must not deliver the previous one's writes (its saved
  // posts, its calendar moves) into it: each entry goes only to the workspace it was made in.
  const sendable = (e: OutboxEntry, current: { id: string } | null) => !e.workspace || e.workspace.id === current?.id;
  type Current = { id: string } | null;
  const next = (current: Current) => db.outbox.orderBy('seq').filter((e) => sendable(e, current)).first();
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const newKey = deps.newKey ?? (() => crypto.randomUUID());

  async function pendingAndHeld(current: Current): Promise<{ pending: number; held: HeldWrites[] }> {
    let pending = 0;
    const held = new Map<string, number>();
    await db.outbox.each((e) => {
      if (sendable(e, current)) pending++;
      else held.set(e.workspace!.name, (held.get(e.workspace!.name) ?? 0) + 1);
    });
    return { pending, held: [...held].map(([workspace, count]) => ({ workspace, count })) };
  }

  let running: Promise<ReplayResult> | null = null;
  let again = false;
  let forceNext = false;

  async function drain(force: boolean): Promise<ReplayResult> {
    let delivered = 0;
    let deadLettered = 0;
    // Read once per pass: a pairing change starts a replay of its own.
    const current = await workspaceNow();
    const result = async (status: ReplayResult['status']): Promise<ReplayResult> => ({
      status,
      delivered,
      deadLettered,
      pending: (await pendingAndHeld(current)).pending,
    });
    for (;;) {
      const head = await next(current);
      if (!head) return result('empty');
      if (!force && head.nextAttemptAt > now()) return result('waiting');

      let outcome: Outcome;
      try {
        outcome = await classify(await deps.send(head));
      } catch (err) {
        // No answer from the worker at all (network down, timed out): wait for it.
        outcome = { kind: 'retry', reason: 'unreachable', error: err instanceof Error ? err.message : String(err) };
      }

      if (outcome.kind === 'delivered') {
        await db.outbox.delete(head.seq);
        delivered++;
      } else if (outcome.kind === 'dead') {
        await db.transaction('rw', db.outbox, db.deadLetters, async () => {
          await db.deadLetters.add({ entry: head, status: outcome.status, response: outcome.body.slice(0, 2000), failedAt: now() });
          await db.outbox.delete(head.seq);
        });
        deadLettered++;
      } else {
        const attempts = head.attempts + 1;
        await db.outbox.update(head.seq, { attempts, lastError: outcome.error, lastReason: outcome.reason, nextAttemptAt: now() + backoffMs(attempts, random()) });
        return result('failed');
      }
    }
  }

  /**
   * Delivers queued writes in order. Only one replay runs at a time: a call during a
   * replay joins it (and makes it look again once done, for writes enqueued meanwhile).
   * `force` ignores the backoff, for when the worker was just seen answering or the user
   * asked to retry.
   */
  function replay(opts: { force?: boolean } = {}): Promise<ReplayResult> {
    if (opts.force) forceNext = true;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let res: ReplayResult;
        do {
          again = false;
          const force = forceNext;
          forceNext = false;
          res = await drain(force);
        } while (again && res.status !== 'failed');
        return res;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    replay,

    /** Queues a write; the caller then replays (kept separate so tests can stage an outage). */
    async enqueue(write: { method: WriteMethod; path: string; body?: unknown }): Promise<OutboxEntry> {
      const workspace = await workspaceNow();
      const entry: Omit<OutboxEntry, 'seq'> = {
        ...(workspace ? { workspace: { id: workspace.id, name: workspace.name } } : {}),
        method: write.method,
        path: write.path,
        body: write.body,
        idempotencyKey: newKey(),
        createdAt: now(),
        attempts: 0,
        lastError: null,
        lastReason: null,
        // A new write goes out at once unless an older one is backing off ahead of it.
        nextAttemptAt: 0,
      };
      const seq = await db.outbox.add(entry as OutboxEntry);
      return { ...entry, seq: seq as number };
    },

    /**
     * What became of an entry: still queued, delivered, or refused (its dead letter). One not
     * tried yet waits behind the head of the queue, which is backing off: the head's reason
     * is its reason (behind a refused token, a new save must also say "pair again").
     */
    async settled(seq: number): Promise<{ state: 'queued'; reason: RetryReason | null } | { state: 'saved' } | { state: 'refused'; dead: DeadLetter }> {
      const waiting = await db.outbox.get(seq);
      if (waiting) {
        const head = waiting.lastError === null ? await next(await workspaceNow()) : null;
        const by = head && head.seq !== waiting.seq && head.lastError !== null ? head : waiting;
        return { state: 'queued', reason: retryReason(by) };
      }
      const dead = await db.deadLetters.filter((d) => d.entry.seq === seq).first();
      return dead ? { state: 'refused', dead } : { state: 'saved' };
    },

    async stats(): Promise<{ pending: number; held: HeldWrites[]; lastError: string | null; deadLetters: number }> {
      const current = await workspaceNow();
      const head = await next(current);
      return { ...(await pendingAndHeld(current)), lastError: head?.lastError ?? null, deadLetters: await db.deadLetters.count() };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
