import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition, type CalendarPost, type PostState } from '../../../shared/calendar/state.ts';
import { createApi } from '../api.ts';
import { openDb, type SightlineDb } from '../db.ts';
import { createOutbox } from '../outbox.ts';
import { missedLookbackMs } from './queue.ts';
import { composerTabTtlMs, createReminders, movesTo } from './reminders.ts';

/** The worker's calendar routes as the reminders use them, with the real state machine. */
class CalendarWorker {
  up = true;
  /** Reads answer, writes find the worker gone (it went down between the two). */
  writesDown = false;
  readonly posts = new Map<string, CalendarPost>();
  readonly fetch: typeof fetch = async (input, init) => {
    if (!this.up) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method === 'GET' && url.pathname === '/v1/calendar') {
      const state = url.searchParams.get('state');
      return Response.json({ posts: [...this.posts.values()].filter((p) => !state || p.state === state) });
    }
    if (method !== 'GET' && this.writesDown) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const m = /^\/v1\/calendar\/([^/]+)\/transition$/.exec(url.pathname);
    if (method === 'POST' && m) {
      const post = this.posts.get(m[1]!);
      if (!post) return Response.json({ code: 'not_found', message: 'no post' }, { status: 404 });
      try {
        const next = transition(post, (JSON.parse(String(init!.body)) as { to: PostState }).to, Date.now());
        this.posts.set(post.id, next);
        return Response.json(next);
      } catch (err) {
        return Response.json({ code: 'conflict', message: (err as Error).message }, { status: 409 });
      }
    }
    return new Response('not found', { status: 404 });
  };

  /** `slotIn`: ms from now to the post's slot (default: it started a minute ago). */
  add(id: string, state: PostState, platform = 'x', slotIn = -60_000): void {
    const at = new Date(Date.now() + slotIn).toISOString();
    const order: PostState[] = ['draft', 'scheduled', 'due', 'notified', 'opened'];
    const history = order.slice(0, order.indexOf(state) + 1).map((s) => ({ state: s, at }));
    this.posts.set(id, { id, platform, topic: 't', pieceId: null, text: `post ${id}`, scheduledAt: at, state, history });
  }

  /** A move made elsewhere (the console, the cron), now; `scheduledAt` reschedules. */
  move(id: string, to: PostState, scheduledAt?: string): void {
    this.posts.set(id, transition(this.posts.get(id)!, to, Date.now(), scheduledAt ? { scheduledAt } : {}));
  }
}

const composer = 'https://x.com/compose/post';

let db: SightlineDb;
let server: CalendarWorker;
let shown: string[];
let tabs: string[];

function reminders(opts: { notifyFails?: boolean; now?: () => number } = {}) {
  const getConnection = async () => ({ workerUrl: 'http://127.0.0.1:8787', token: 'sl_t', workspace: null });
  const api = createApi({ db, getConnection, fetch: server.fetch });
  const outbox = createOutbox({ db, send: (e) => api.sendWrite(e) });
  const r = createReminders({
    api,
    outbox,
    db,
    isPaired: async () => true,
    async notify(id) {
      if (opts.notifyFails) throw new Error('no icon');
      shown.push(id);
    },
    openTab: async (url) => (tabs.push(url), 7),
    now: opts.now,
  });
  return { r, outbox };
}

beforeEach(() => {
  db = openDb(`rem-${crypto.randomUUID()}`);
  server = new CalendarWorker();
  shown = [];
  tabs = [];
});
afterEach(() => db.delete());

describe('movesTo', () => {
  it.each([
    ['due', 'notified', ['notified']],
    ['due', 'published', ['notified', 'published']],
    ['notified', 'published', ['published']],
    ['due', 'opened', ['notified', 'opened']],
    ['scheduled', 'published', ['due', 'notified', 'published']],
    ['opened', 'opened', []],
    ['published', 'opened', null],
  ] as const)('%s → %s', (from, to, path) => {
    expect(movesTo(from, to)).toEqual(path);
  });
});

describe('reminder tick', () => {
  it('notifies each due post once and moves it to notified; later ticks do not repeat it', async () => {
    server.add('a', 'due');
    server.add('b', 'scheduled', 'x', 3_600_000);
    const { r } = reminders();
    expect(await r.tick()).toEqual({ notified: ['a'], offline: false });
    expect(shown).toEqual(['sightline-post:a']);
    expect(server.posts.get('a')!.state).toBe('notified');
    server.add('c', 'due');
    expect((await r.tick()).notified).toEqual(['c']);
    expect(await r.tick()).toEqual({ notified: [], offline: false });
    expect(shown).toEqual(['sightline-post:a', 'sightline-post:c']);
  });

  it('a scheduled post whose slot has started is reminded now, not when the cron next marks it due', async () => {
    server.add('s', 'scheduled');
    server.add('later', 'scheduled', 'x', 3_600_000);
    const { r } = reminders();
    expect(await r.tick()).toEqual({ notified: ['s'], offline: false });
    expect(server.posts.get('s')!.history.map((h) => h.state)).toEqual(['draft', 'scheduled', 'due', 'notified']);
    expect(server.posts.get('later')!.state).toBe('scheduled');
    // The cron's own tick later finds nothing left to do for it, and no second reminder comes.
    expect(await r.tick()).toEqual({ notified: [], offline: false });
    expect(shown).toEqual(['sightline-post:s']);
  });

  it('the worker going down after the read: the move waits in the outbox, no second notification, delivered later', async () => {
    server.add('a', 'due');
    const { r, outbox } = reminders();
    server.writesDown = true;
    expect((await r.tick()).notified).toEqual(['a']);
    expect(server.posts.get('a')!.state).toBe('due');
    expect((await outbox.stats()).pending).toBe(1);
    // Next tick: the worker still says due, the reminder is not shown again.
    expect((await r.tick()).notified).toEqual([]);
    expect(shown).toEqual(['sightline-post:a']);
    // Back up: the queued move is delivered.
    server.writesDown = false;
    await outbox.replay({ force: true });
    expect(server.posts.get('a')!.state).toBe('notified');
    expect((await outbox.stats()).pending).toBe(0);
  });

  it('the worker down entirely: nothing is notified from a cached list', async () => {
    server.add('a', 'due');
    const { r } = reminders();
    server.up = false;
    expect(await r.tick()).toEqual({ notified: [], offline: true });
    expect(shown).toEqual([]);
  });

  it('a notification the browser refuses marks the post failed, not silently due', async () => {
    server.add('a', 'due');
    const { r } = reminders({ notifyFails: true });
    await r.tick();
    expect(server.posts.get('a')!.state).toBe('failed');
    expect((await db.reminders.get('a'))!.error).toBe('no icon');
  });
});

describe('open and publish', () => {
  it('notification click → composer tab with the post pending → published', async () => {
    server.add('a', 'due');
    const { r } = reminders();
    await r.tick();
    expect(await r.notificationClicked('sightline-post:a')).toEqual({ tabId: 7, url: 'https://x.com/compose/post' });
    expect(tabs).toEqual(['https://x.com/compose/post']);
    expect(server.posts.get('a')!.state).toBe('opened');
    expect(await r.pendingFor(7, composer)).toMatchObject({ postId: 'a', text: 'post a' });
    await r.markPublished('a');
    expect(server.posts.get('a')!.history.map((h) => h.state)).toEqual(['draft', 'scheduled', 'due', 'notified', 'opened', 'published']);
    expect(await r.pendingFor(7, composer)).toBeNull();
    // A second click on the post button changes nothing.
    await r.markPublished('a');
    expect(server.posts.get('a')!.state).toBe('published');
  });

  it('marking a due post published from the popup goes through notified', async () => {
    server.add('a', 'due');
    const { r } = reminders();
    await r.markPublished('a', 'due');
    expect(server.posts.get('a')!.history.map((h) => h.state).slice(-3)).toEqual(['due', 'notified', 'published']);
  });

  it('an unknown notification id opens nothing', async () => {
    expect(await reminders().r.notificationClicked('other:1')).toBeNull();
    expect(tabs).toEqual([]);
  });
});

describe('state reconciliation', () => {
  it('re-opening a post whose composer tab was closed does not repeat a move the worker already has', async () => {
    server.add('a', 'due');
    const { r } = reminders();
    await r.tick();
    await r.open({ id: 'a', platform: 'x', text: 'post a' });
    // The tab closed (background.ts forgets it); the popup's list says opened.
    await db.composerTabs.clear();
    await r.open({ id: 'a', platform: 'x', text: 'post a', state: 'opened' });
    expect(await db.deadLetters.count()).toBe(0);
    await r.markPublished('a', 'opened');
    expect(server.posts.get('a')!.history.map((h) => h.state)).toEqual(['draft', 'scheduled', 'due', 'notified', 'opened', 'published']);
    expect(await db.deadLetters.count()).toBe(0);
  });
});

describe('composer tabs', () => {
  async function opened(opts: { now?: () => number } = {}) {
    server.add('a', 'due');
    const { r } = reminders(opts);
    await r.tick();
    await r.notificationClicked('sightline-post:a');
    return r;
  }

  it('fill only the composer page the tab was opened on: a reload refills it, another page in the tab ends it', async () => {
    const r = await opened();
    expect(await r.pendingFor(7, composer)).toMatchObject({ postId: 'a' });
    expect(await r.pendingFor(7, `${composer}?src=reload#x`)).toMatchObject({ postId: 'a' });
    // Another tab, or a page of this tab with no known URL, gets nothing.
    expect(await r.pendingFor(8, composer)).toBeNull();
    // The tab went to the home timeline: its composer box is not this post's.
    expect(await r.pendingFor(7, 'https://x.com/home')).toBeNull();
    // Coming back to the composer later does not bring the post back.
    expect(await r.pendingFor(7, composer)).toBeNull();
    expect(await db.composerTabs.count()).toBe(0);
    // Publishing still works (from the popup, which knows the state).
    await r.markPublished('a', 'opened');
    expect(server.posts.get('a')!.state).toBe('published');
    expect(await db.deadLetters.count()).toBe(0);
  });

  it('a page that gives no URL is not filled', async () => {
    const r = await opened();
    expect(await r.pendingFor(7, undefined)).toBeNull();
  });

  it('expire once the post would be missed: an old tab is not filled, and ticks prune such rows', async () => {
    let clock = Date.now();
    const r = await opened({ now: () => clock });
    clock += composerTabTtlMs - 1000;
    expect(await r.pendingFor(7, composer)).toMatchObject({ postId: 'a' });
    clock += 2000;
    expect(await r.pendingFor(7, composer)).toBeNull();

    await db.composerTabs.put({ tabId: 9, postId: 'b', url: composer, platform: 'x', text: 'b', openedAt: clock - composerTabTtlMs - 1, publishedAt: null });
    await db.composerTabs.put({ tabId: 10, postId: 'c', url: composer, platform: 'x', text: 'c', openedAt: clock - 60_000, publishedAt: null });
    await r.tick();
    expect((await db.composerTabs.toArray()).map((t) => t.tabId)).toEqual([10]);
  });

  it('are forgotten when the browser starts: tab ids start over', async () => {
    const r = await opened();
    await r.browserStarted();
    // Tab 7 of the new session is some other page.
    expect(await r.pendingFor(7, composer)).toBeNull();
  });
});

describe('rescheduled posts', () => {
  it('a post missed and rescheduled is reminded again at its new slot, and opens with moves the worker takes', async () => {
    let clock = Date.now();
    server.add('a', 'due');
    const { r } = reminders({ now: () => clock });
    await r.tick();
    server.move('a', 'missed');
    server.move('a', 'scheduled', new Date(clock + 3_600_000).toISOString());
    // Not before its new slot.
    expect((await r.tick()).notified).toEqual([]);
    clock += 3_600_000 + 60_000;
    expect(await r.tick()).toEqual({ notified: ['a'], offline: false });
    expect(shown).toEqual(['sightline-post:a', 'sightline-post:a']);
    expect(server.posts.get('a')!.state).toBe('notified');
    // Once per occurrence still.
    expect((await r.tick()).notified).toEqual([]);
    expect(await r.notificationClicked('sightline-post:a')).toEqual({ tabId: 7, url: composer });
    await r.markPublished('a');
    expect(server.posts.get('a')!.state).toBe('published');
    expect(await db.deadLetters.count()).toBe(0);
  });

  it('a failed reminder rescheduled to the same slot is reminded again', async () => {
    server.add('a', 'due');
    await reminders({ notifyFails: true }).r.tick();
    expect(server.posts.get('a')!.state).toBe('failed');
    server.move('a', 'scheduled');
    const { r } = reminders();
    expect((await r.tick()).notified).toEqual(['a']);
    expect(server.posts.get('a')!.state).toBe('notified');
    expect((await db.reminders.get('a'))!.error).toBeNull();
  });

  it('opening a rescheduled post from the popup before the next tick starts from its state now, not the old reminder', async () => {
    server.add('a', 'due');
    const { r } = reminders();
    await r.tick();
    server.move('a', 'missed');
    server.move('a', 'scheduled');
    server.move('a', 'due');
    await r.open({ id: 'a', platform: 'x', text: 'post a', state: 'due' });
    expect(await db.deadLetters.count()).toBe(0);
    expect(server.posts.get('a')!.state).toBe('opened');
  });

  it('a composer tab of the earlier slot does not count as opened for the new one', async () => {
    server.add('a', 'due');
    const { r } = reminders();
    await r.tick();
    await r.notificationClicked('sightline-post:a');
    expect(server.posts.get('a')!.state).toBe('opened');
    await new Promise((done) => setTimeout(done, 5));
    server.move('a', 'missed');
    server.move('a', 'scheduled');
    expect((await r.tick()).notified).toEqual(['a']);
    expect(await r.pendingFor(7, composer)).toBeNull();
    await r.notificationClicked('sightline-post:a');
    expect(server.posts.get('a')!.state).toBe('opened');
    await r.markPublished('a');
    expect(server.posts.get('a')!.history.map((h) => h.state).slice(-5)).toEqual(['scheduled', 'due', 'notified', 'opened', 'published']);
    expect(await db.deadLetters.count()).toBe(0);
  });

  it('reminders of slots older than the queue looks back are pruned; recent ones stay', async () => {
    const at = Date.now();
    const row = { platform: 'x', text: 't', scheduledAt: null, scheduledSince: null, clickedAt: null, error: null };
    await db.reminders.bulkPut([
      { ...row, postId: 'old', notificationId: 'sightline-post:old', notifiedAt: at - missedLookbackMs - 60_000 },
      { ...row, postId: 'recent', notificationId: 'sightline-post:recent', notifiedAt: at - 86_400_000 },
    ]);
    await reminders({ now: () => at }).r.tick();
    expect((await db.reminders.toArray()).map((x) => x.postId)).toEqual(['recent']);
  });
});
