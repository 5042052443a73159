import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { FakeWorker } from '../test/fake-worker.ts';
import { createApi } from './api.ts';
import { createHandlers } from './background-handlers.ts';
import { openDb, type SightlineDb } from './db.ts';
import { createOutbox } from './outbox.ts';
import { createReminders } from './publish/reminders.ts';
import type { Connection } from './settings.ts';

const sender = {} as Browser.runtime.MessageSender;
let db: SightlineDb;
let server: FakeWorker;
let conn: Connection;

function handlers() {
  const getConnection = async () => conn;
  const api = createApi({ db, getConnection, fetch: server.fetch });
  const outbox = createOutbox({ db, send: (e) => api.sendWrite(e), workspace: async () => conn.workspace });
  const reminders = createReminders({ api, outbox, db, isPaired: async () => conn.token !== null, notify: async () => undefined, openTab: async () => 1 });
  return createHandlers({ api, outbox, db, reminders, getConnection, setConnection: async (c) => void (conn = c), deviceLabel: 'test' });
}
const item = { url: 'https://x.com/a/status/1', title: 'ok', text: 'AI agents', platform: 'x' as const, trendId: null };

beforeEach(() => {
  db = openDb(`bg-${crypto.randomUUID()}`);
  server = new FakeWorker();
  conn = { workerUrl: 'http://127.0.0.1:8787', token: 'sl_t', workspace: { id: 'w', name: 'W' } };
});
afterEach(() => db.delete());

describe('saveResearchItem', () => {
  it('answers saved when the worker took it, queued when it is down, and replays on retry', async () => {
    const h = handlers();
    expect(await h.saveResearchItem({ item }, sender)).toEqual({ state: 'saved' });
    server.up = false;
    expect(await h.saveResearchItem({ item: { ...item, title: 'later' } }, sender)).toEqual({ state: 'queued', reason: 'unreachable' });
    expect(await h.getStatus({}, sender)).toMatchObject({ pending: 1, lastError: expect.stringContaining('unreachable') });
    server.up = true;
    expect(await h.retryOutbox({}, sender)).toMatchObject({ pending: 0, deadLetters: 0 });
    expect(server.applied.map((b) => (b as { title: string }).title)).toEqual(['ok', 'later']);
  });

  it('a revoked token keeps the save queued and says why, so the badge asks to pair again rather than blaming an outage', async () => {
    server.rejectTitle.set('revoked', 401);
    expect(await handlers().saveResearchItem({ item: { ...item, title: 'revoked' } }, sender)).toEqual({ state: 'queued', reason: 'unauthorized' });
  });

  it('reports a refused save instead of pretending, and keeps it in deadLetters', async () => {
    server.rejectTitle.set('bad', 400);
    await expect(handlers().saveResearchItem({ item: { ...item, title: 'bad' } }, sender)).rejects.toThrow(/refused this save \(HTTP 400\)/);
    expect(await db.deadLetters.count()).toBe(1);
  });
});

describe('pairing state', () => {
  it('an unpaired browser gets an empty, unpaired trend state without a request', async () => {
    conn = { ...conn, token: null, workspace: null };
    expect(await handlers().getTrends({}, sender)).toMatchObject({ paired: false, trends: [] });
    expect(server.requests).toEqual([]);
  });

  it('unpair forgets the token and the cached trends', async () => {
    await db.cache.put({ key: 'trends', value: { trends: [] }, fetchedAt: 1 });
    const status = await handlers().unpair({}, sender);
    expect(status).toMatchObject({ paired: false, workspace: null });
    expect(conn.token).toBeNull();
    expect(await db.cache.count()).toBe(0);
  });
});

describe('pairing with another workspace (or none)', () => {
  it('forgets the previous workspace’s competitor visits and reminders, and holds its queued writes for it', async () => {
    const h = handlers();
    server.up = false;
    expect(await h.saveResearchItem({ item: { ...item, title: 'for W' } }, sender)).toMatchObject({ state: 'queued' });
    await db.snapshots.add({ platform: 'x', handle: 'rival', competitorId: 'c1', capturedAt: 1, followers: 1, following: 1, metrics: {}, posts: [] } as never);
    await db.reminders.add({ postId: 'p1', notifiedAt: 1 } as never);
    const unpaired = await h.unpair({}, sender);
    expect(unpaired).toMatchObject({ paired: false, pending: 0, held: [{ workspace: 'W', count: 1 }] });
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.reminders.count()).toBe(0);

    // Paired with workspace V: W's save is not delivered into it.
    server.up = true;
    conn = { workerUrl: conn.workerUrl, token: 'sl_v', workspace: { id: 'v', name: 'V' } };
    await h.retryOutbox({}, sender);
    expect(server.applied).toEqual([]);
    // Back with W: it goes out.
    conn = { ...conn, token: 'sl_w', workspace: { id: 'w', name: 'W' } };
    expect(await h.retryOutbox({}, sender)).toMatchObject({ pending: 0, held: [] });
    expect(server.applied.map((b) => (b as { title: string }).title)).toEqual(['for W']);
  });
});

describe('predictDraft', () => {
  const draft = { platform: 'x' as const, text: 'What would you automate first?' };

  it('asks nothing for an unpaired browser; offline with no model kept, says so', async () => {
    const h = handlers();
    server.up = false;
    expect(await h.predictDraft(draft, sender)).toMatchObject({ paired: true, offline: true, prediction: null, error: expect.stringContaining('unreachable') });
    expect(server.refused).toBe(1);
    conn = { ...conn, token: null, workspace: null };
    expect(await h.predictDraft(draft, sender)).toEqual({ paired: false, offline: false, prediction: null, error: null, modelFetchedAt: null });
    expect(server.refused).toBe(1);
  });
});
