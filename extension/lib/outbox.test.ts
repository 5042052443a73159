import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWorker } from '../test/fake-worker.ts';
import { createApi } from './api.ts';
import { openDb, type SightlineDb } from './db.ts';
import { backoff, backoffMs, createOutbox, retryReason } from './outbox.ts';

const conn = { workerUrl: 'http://127.0.0.1:8787', token: 'sl_test', workspace: null };
let db: SightlineDb;
let clock: number;
let server: FakeWorker;

function setup() {
  const api = createApi({ db, getConnection: async () => conn, fetch: server.fetch, now: () => clock });
  return createOutbox({ db, send: (e) => api.sendWrite(e), now: () => clock, random: () => 0.5 });
}
const save = (title: string) => ({ method: 'POST' as const, path: '/v1/research-items', body: { url: `https://x.com/a/status/${title}`, title } });

beforeEach(() => {
  db = openDb(`test-${crypto.randomUUID()}`);
  clock = Date.parse('2026-11-24T10:00:00Z');
  server = new FakeWorker();
});
afterEach(async () => {
  await db.delete();
});

describe('outbox', () => {
  it('delivers writes made during an outage once each, in order, even when a response is lost', async () => {
    const outbox = setup();
    server.up = false;
    const titles = ['one', 'two', 'three', 'four', 'five'];
    for (const t of titles) {
      await outbox.enqueue(save(t));
      expect((await outbox.replay()).status).not.toBe('empty');
    }
    expect(server.applied).toEqual([]);
    expect(await db.outbox.count()).toBe(5);

    // Back up, but the response to "two" is lost after the server applied it.
    server.up = true;
    const keyOfTwo = (await db.outbox.toArray())[1]!.idempotencyKey;
    server.dropResponseFor.add(keyOfTwo);
    clock += 60 * 60_000;
    const first = await outbox.replay();
    expect(first).toMatchObject({ status: 'failed', delivered: 1, pending: 4 });

    clock += 60 * 60_000;
    expect(await outbox.replay()).toMatchObject({ status: 'empty', delivered: 4, pending: 0 });

    expect(server.applied.map((b) => (b as { title: string }).title)).toEqual(titles);
    // "two" reached the server twice with the same key; the second got the stored response.
    const twos = server.requests.filter((r) => r.key === keyOfTwo);
    expect(twos).toHaveLength(2);
    expect(new Set(server.requests.map((r) => r.key)).size).toBe(5);
  });

  it('sends each write only to the workspace it was made in: another workspace’s are held, not delivered, until paired with it again', async () => {
    let paired: { id: string; name: string } | null = { id: 'ws-a', name: 'Acme' };
    const api = createApi({ db, getConnection: async () => conn, fetch: server.fetch, now: () => clock });
    const outbox = createOutbox({ db, send: (e) => api.sendWrite(e), now: () => clock, random: () => 0.5, workspace: async () => paired });
    server.up = false;
    await outbox.enqueue(save('acme-1'));
    await outbox.replay();
    // Paired with another workspace while Acme's write waited; that one writes too.
    paired = { id: 'ws-b', name: 'Beta' };
    server.up = true;
    await outbox.enqueue(save('beta-1'));
    expect(await outbox.replay({ force: true })).toMatchObject({ status: 'empty', delivered: 1, pending: 0 });
    expect(server.applied.map((b) => (b as { title: string }).title)).toEqual(['beta-1']);
    expect(await outbox.stats()).toMatchObject({ pending: 0, held: [{ workspace: 'Acme', count: 1 }] });
    // Unpaired: nothing goes anywhere.
    paired = null;
    expect(await outbox.stats()).toMatchObject({ pending: 0, held: [{ workspace: 'Acme', count: 1 }] });
    // Back with Acme: its write goes out.
    paired = { id: 'ws-a', name: 'Acme' };
    expect(await outbox.replay({ force: true })).toMatchObject({ status: 'empty', delivered: 1, pending: 0 });
    expect(server.applied.map((b) => (b as { title: string }).title)).toEqual(['beta-1', 'acme-1']);
    expect(await outbox.stats()).toMatchObject({ pending: 0, held: [] });
  });

  it('moves a write the worker refuses (4xx) to deadLetters and carries on with the rest', async () => {
    const outbox = setup();
    server.rejectTitle.set('bad', 400);
    for (const t of ['a', 'bad', 'c']) await outbox.enqueue(save(t));
    expect(await outbox.replay()).toMatchObject({ status: 'empty', delivered: 2, deadLettered: 1 });
    expect(server.applied.map((b) => (b as { title: string }).title)).toEqual(['a', 'c']);
    const dead = await db.deadLetters.toArray();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ status: 400, entry: { body: { title: 'bad' } } });
    expect(dead[0]!.response).toContain('invalid_request');
  });

  it('keeps a write on 5xx, 429 and an in-progress idempotency key', async () => {
    for (const status of [500, 503, 429]) {
      const outbox = setup();
      server.rejectTitle.set('x', status);
      await outbox.enqueue(save('x'));
      expect((await outbox.replay()).status).toBe('failed');
      expect(await db.outbox.count()).toBe(1);
      expect(await db.deadLetters.count()).toBe(0);
      await db.outbox.clear();
    }
    const outbox = createOutbox({
      db,
      now: () => clock,
      send: async () => new Response(JSON.stringify({ code: 'idempotency_in_progress', message: 'busy', requestId: 'r' }), { status: 409 }),
    });
    await outbox.enqueue(save('y'));
    expect((await outbox.replay()).status).toBe('failed');
    expect(await db.outbox.count()).toBe(1);
  });

  it('records why a write waits as a typed reason next to its text: refused token, outage, or an attempt still in progress', async () => {
    let answer: () => Promise<Response> = async () => new Response('{}', { status: 401 });
    const outbox = createOutbox({ db, now: () => clock, random: () => 0.5, send: () => answer() });
    const { seq } = await outbox.enqueue(save('x'));
    const cases: [() => Promise<Response>, string, string][] = [
      [async () => new Response('{}', { status: 401 }), 'unauthorized', 'unauthorized: pair this browser again'],
      [async () => new Response('{}', { status: 503 }), 'unreachable', 'HTTP 503'],
      [async () => new Response(JSON.stringify({ code: 'idempotency_in_progress' }), { status: 409 }), 'busy', 'previous attempt still in progress'],
      [
        async () => {
          throw new Error('worker unreachable: fetch failed');
        },
        'unreachable',
        'worker unreachable: fetch failed',
      ],
    ];
    for (const [send, reason, why] of cases) {
      answer = send;
      expect((await outbox.replay({ force: true })).status).toBe('failed');
      expect(await db.outbox.get(seq)).toMatchObject({ lastReason: reason, lastError: why });
      expect(await outbox.settled(seq)).toEqual({ state: 'queued', reason });
    }
  });

  it('reads entries stored before reasons were kept: a failed one as unreachable until its next attempt, and one behind it for the same reason', async () => {
    const outbox = createOutbox({ db, now: () => clock, random: () => 0.5, send: async () => new Response('{}', { status: 401 }) });
    // As stored before reasons were kept: lastError, no lastReason.
    const legacy = { method: 'POST', path: '/v1/research-items', body: {}, idempotencyKey: 'k1', createdAt: clock, attempts: 1, nextAttemptAt: clock + 60_000 };
    const failed = (await db.outbox.add({ ...legacy, lastError: 'unauthorized: pair this browser again' } as never)) as number;
    const untried = (await db.outbox.add({ ...legacy, idempotencyKey: 'k2', attempts: 0, lastError: null } as never)) as number;
    expect(await outbox.settled(failed)).toEqual({ state: 'queued', reason: 'unreachable' });
    expect(await outbox.settled(untried)).toEqual({ state: 'queued', reason: 'unreachable' });
    expect(retryReason({ lastError: 'HTTP 500' })).toBe('unreachable');
    await outbox.replay({ force: true });
    expect(await outbox.settled(failed)).toMatchObject({ reason: 'unauthorized' });
  });

  it('a save queued behind a refused token says so too, though it was never sent; one alone and untried has no reason', async () => {
    const outbox = createOutbox({ db, now: () => clock, random: () => 0.5, send: async () => new Response('{}', { status: 401 }) });
    const first = await outbox.enqueue(save('a'));
    expect(await outbox.settled(first.seq)).toEqual({ state: 'queued', reason: null });
    await outbox.replay();
    const second = await outbox.enqueue(save('b'));
    // The head is backing off, so the second is not tried: it waits for the same reason.
    expect((await outbox.replay()).status).toBe('waiting');
    expect(await db.outbox.get(second.seq)).toMatchObject({ attempts: 0, lastError: null });
    expect(await outbox.settled(second.seq)).toEqual({ state: 'queued', reason: 'unauthorized' });
  });

  it('backs off during a long outage instead of hammering the worker', async () => {
    const outbox = setup();
    server.up = false;
    for (const t of ['a', 'b', 'c']) {
      await outbox.enqueue(save(t));
      await outbox.replay(); // every enqueue triggers a replay
    }
    // Two hours of one-minute alarm ticks.
    const ticks = 120;
    const attemptTimes: number[] = [];
    let before = server.refused;
    for (let i = 0; i < ticks; i++) {
      clock += 60_000;
      await outbox.replay();
      if (server.refused > before) attemptTimes.push(clock);
      before = server.refused;
    }
    // Three enqueues cost one request (the others waited behind the backing-off head).
    // Delays double from 5 s to the 15 min cap: ~12 attempts in two hours, not 120.
    expect(server.refused).toBeLessThanOrEqual(1 + 16);
    expect(server.refused).toBeGreaterThan(3);
    const gaps = attemptTimes.slice(1).map((t, i) => t - attemptTimes[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(backoff.capMs + 60_000);
    // Nothing was lost while waiting.
    expect(await db.outbox.count()).toBe(3);
    const head = (await db.outbox.orderBy('seq').first())!;
    expect(head.attempts).toBe(server.refused);
    expect(head.lastError).toContain('unreachable');

    server.up = true;
    expect(await outbox.replay({ force: true })).toMatchObject({ status: 'empty', delivered: 3 });
  });

  it('runs one replay at a time: concurrent triggers share it and send nothing twice', async () => {
    const outbox = setup();
    for (const t of ['a', 'b', 'c', 'd']) await outbox.enqueue(save(t));
    const results = await Promise.all([outbox.replay(), outbox.replay(), outbox.replay({ force: true })]);
    expect(results.every((r) => r.status === 'empty')).toBe(true);
    expect(server.requests).toHaveLength(4);
    expect(server.applied.map((b) => (b as { title: string }).title)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('waits at least half and at most all of a doubling delay, capped', () => {
    expect(backoffMs(1, 0)).toBe(backoff.baseMs / 2);
    expect(backoffMs(1, 1)).toBe(backoff.baseMs);
    expect(backoffMs(3, 0.5)).toBe(backoff.baseMs * 4 * 0.75);
    expect(backoffMs(50, 1)).toBe(backoff.capMs);
  });
});
