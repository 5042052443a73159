import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from './db.ts';

describe('db versions', () => {
  it('an installed version-1 database upgrades to the latest keeping its outbox, with empty snapshots, reminders and composerTabs tables', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    // Version 1 exactly as released.
    const v1 = new Dexie(name);
    v1.version(1).stores({ cache: 'key', outbox: '++seq, nextAttemptAt', deadLetters: '++id, failedAt' });
    await v1.table('outbox').add({ method: 'POST', path: '/v1/research-items', body: {}, idempotencyKey: 'k', createdAt: 1, attempts: 0, lastError: null, nextAttemptAt: 0 });
    v1.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect((await db.outbox.toArray()).map((e) => e.idempotencyKey)).toEqual(['k']);
    expect(await db.snapshots.count()).toBe(0);
    await db.snapshots.add({ platform: 'x', handle: 'a', competitorId: 'c', capturedAt: 5, followers: 1, following: null, metrics: {}, posts: [] } as never);
    expect(await db.snapshots.where('[platform+handle]').equals(['x', 'a']).count()).toBe(1);
    expect([await db.reminders.count(), await db.composerTabs.count()]).toEqual([0, 0]);
    await db.composerTabs.put({ tabId: 3, postId: 'p', platform: 'x', text: 't', openedAt: 1, publishedAt: null });
    expect((await db.composerTabs.where('postId').equals('p').first())?.tabId).toBe(3);
    await db.delete();
  });

  it('a version-2 database upgrades to 3 keeping its snapshots', async () => {
    const name = `upgrade2-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ cache: 'key', outbox: '++seq, nextAttemptAt', deadLetters: '++id, failedAt' });
    v2.version(2).stores({ snapshots: '++id, [platform+handle], capturedAt' });
    await v2.table('snapshots').add({ platform: 'x', handle: 'a', competitorId: 'c', capturedAt: 5, followers: 1, following: null, metrics: {}, posts: [] });
    v2.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.snapshots.count()).toBe(1);
    expect(await db.reminders.count()).toBe(0);
    await db.delete();
  });
});
