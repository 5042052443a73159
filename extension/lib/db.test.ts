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
    expect(db.verno).toBe(4);
    expect((await db.outbox.toArray()).map((e) => e.idempotencyKey)).toEqual(['k']);
    expect(await db.snapshots.count()).toBe(0);
    await db.snapshots.add({ platform: 'x', handle: 'a', competitorId: 'c', capturedAt: 5, followers: 1, following: null, metrics: {}, posts: [] } as never);
    expect(await db.snapshots.where('[platform+handle]').equals(['x', 'a']).count()).toBe(1);
    expect([await db.reminders.count(), await db.composerTabs.count()]).toEqual([0, 0]);
    await db.composerTabs.put({ tabId: 3, postId: 'p', url: 'https://x.com/compose/post', platform: 'x', text: 't', openedAt: 1, publishedAt: null });
    expect((await db.composerTabs.where('postId').equals('p').first())?.tabId).toBe(3);
    await db.delete();
  });

  it('a version-2 database upgrades to the latest keeping its snapshots', async () => {
    const name = `upgrade2-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ cache: 'key', outbox: '++seq, nextAttemptAt', deadLetters: '++id, failedAt' });
    v2.version(2).stores({ snapshots: '++id, [platform+handle], capturedAt' });
    await v2.table('snapshots').add({ platform: 'x', handle: 'a', competitorId: 'c', capturedAt: 5, followers: 1, following: null, metrics: {}, posts: [] });
    v2.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.snapshots.count()).toBe(1);
    expect(await db.reminders.count()).toBe(0);
    await db.delete();
  });

  it('a version-3 database upgrades to 4: its reminders stay, marked as of an unknown slot; its composer tabs get their composer URL', async () => {
    const name = `upgrade3-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores({ cache: 'key', outbox: '++seq, nextAttemptAt', deadLetters: '++id, failedAt' });
    v3.version(2).stores({ snapshots: '++id, [platform+handle], capturedAt' });
    v3.version(3).stores({ reminders: 'postId, notifiedAt', composerTabs: 'tabId, postId' });
    await v3.table('reminders').add({ postId: 'p', platform: 'x', text: 't', notificationId: 'sightline-post:p', notifiedAt: 5, clickedAt: null, error: null });
    await v3.table('composerTabs').add({ tabId: 3, postId: 'p', platform: 'linkedin', text: 't', openedAt: 7, publishedAt: null });
    // Per-profile "tracked?" answers of older versions (a browsing history), and a tracked account's figures.
    await v3.table('cache').bulkAdd([
      { key: 'competitor:x:someone', value: null, fetchedAt: 1 },
      { key: 'competitor:linkedin:in/jane', value: null, fetchedAt: 1 },
      { key: 'competitor-detail:c1', value: {}, fetchedAt: 1 },
      { key: 'trends', value: {}, fetchedAt: 1 },
    ]);
    v3.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.reminders.get('p')).toMatchObject({ notifiedAt: 5, scheduledAt: null, scheduledSince: null });
    expect(await db.composerTabs.get(3)).toMatchObject({ postId: 'p', url: 'https://www.linkedin.com/feed/?shareActive=true' });
    expect(await db.composerTabs.where('openedAt').below(10).count()).toBe(1);
    expect((await db.cache.toCollection().primaryKeys()).sort()).toEqual(['competitor-detail:c1', 'trends']);
    await db.delete();
  });
});
