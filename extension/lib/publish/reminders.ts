import { MISSED_GRACE_MS, TRANSITIONS, type CalendarPost, type PostState } from '../../../shared/calendar/state.ts';
import type { Api } from '../api.ts';
import type { ComposerTab, Reminder, SightlineDb } from '../db.ts';
import type { Outbox } from '../outbox.ts';
import { createAssistedPublisher, isComposerPage, publisherFor, type Publisher } from './publisher.ts';
import { missedLookbackMs } from './queue.ts';

/**
 * Assisted publishing in the background: each tick asks the worker for due posts, shows one
 * notification per occurrence of a post (never twice: the reminders table remembers; a
 * rescheduled post is reminded again at its new slot), and moves the post
 * along draft → … → published through the outbox, so a move made while the worker is down
 * is delivered, in order, once it is back.
 */
export interface ReminderDeps {
  api: Api;
  outbox: Outbox;
  db: SightlineDb;
  isPaired(): Promise<boolean>;
  /** Shows a browser notification (browser.notifications.create). */
  notify(id: string, n: { title: string; message: string }): Promise<void>;
  openTab(url: string): Promise<number>;
  now?(): number;
}

export type PostRef = Pick<CalendarPost, 'id' | 'platform' | 'text'> & { state?: PostState };

const prefix = 'sightline-post:';
export const notificationIdFor = (postId: string): string => `${prefix}${postId}`;
export const postIdOfNotification = (id: string): string | null => (id.startsWith(prefix) ? id.slice(prefix.length) : null);

/** The legal moves from one state to another, shortest first (e.g. due → published is due → notified → published). */
export function movesTo(from: PostState, to: PostState): PostState[] | null {
  const seen = new Set<PostState>([from]);
  let frontier: { state: PostState; path: PostState[] }[] = [{ state: from, path: [] }];
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const { state, path } of frontier) {
      if (state === to) return path;
      for (const s of TRANSITIONS[state]) {
        // Never route through the failure states: they are outcomes, not steps.
        if (seen.has(s) || s === 'missed' || s === 'failed' || s === 'draft') continue;
        seen.add(s);
        next.push({ state: s, path: [...path, s] });
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * How long a composer tab may fill its post. The worker turns a post missed MISSED_GRACE_MS
 * after its slot and then refuses `published`; a composer is opened at or after the slot, so
 * past this a fill could only lead to a move the worker refuses, and a tab left that long is
 * no longer one the user opened to post now.
 */
export const composerTabTtlMs = MISSED_GRACE_MS;

/** One occurrence of a post: its slot, and when the worker last moved it to scheduled (a reschedule to the same slot is still a new occurrence). */
export interface Occurrence {
  scheduledAt: string | null;
  scheduledSince: string | null;
}

export function occurrenceOf(post: Pick<CalendarPost, 'scheduledAt' | 'history'>): Occurrence {
  let scheduledSince: string | null = null;
  for (const h of post.history) if (h.state === 'scheduled') scheduledSince = h.at;
  return { scheduledAt: post.scheduledAt, scheduledSince };
}

/** Whether a stored reminder was for this occurrence of its post. */
export function remindedFor(r: Pick<Reminder, 'scheduledAt' | 'scheduledSince' | 'notifiedAt'>, o: Occurrence): boolean {
  // Rows from before occurrences were recorded: a reminder is shown once a slot has started,
  // so it covers slots up to when it was shown, not a slot the post was rescheduled to later.
  if (r.scheduledAt === null) return o.scheduledAt !== null && Date.parse(o.scheduledAt) <= r.notifiedAt;
  return r.scheduledAt === o.scheduledAt && r.scheduledSince === o.scheduledSince;
}

const platformNames: Record<string, string> = { x: 'X', linkedin: 'LinkedIn' };

export function reminderText(post: Pick<CalendarPost, 'platform' | 'text'>): { title: string; message: string } {
  const text = post.text.replace(/\s+/g, ' ').trim();
  return {
    title: `Time to post on ${platformNames[post.platform] ?? post.platform}`,
    message: `${text.length > 120 ? `${text.slice(0, 119)}…` : text}\nClick to open the composer with this text.`,
  };
}

export function createReminders(deps: ReminderDeps) {
  const { db, outbox } = deps;
  const now = deps.now ?? Date.now;

  const rememberPending = async (tabId: number, post: Pick<CalendarPost, 'id' | 'platform' | 'text'>, url: string) => {
    await db.composerTabs.put({ tabId, postId: post.id, url, platform: post.platform, text: post.text, openedAt: now(), publishedAt: null });
  };
  // API publishers (with tokens) go first in this list once they exist.
  const publishers: Publisher[] = ['x', 'linkedin'].map((p) => createAssistedPublisher(p, { openTab: deps.openTab, rememberPending }));

  /**
   * The state to move a post from: what this browser last did to it, or what the caller's list
   * says (`stated`). A composer tab knows more than a list read before it opened; a reminder row
   * does not: it may be for an earlier occurrence of a post since rescheduled, and where it is
   * current, moving from a list's `due` passes through `notified`, which the worker takes as
   * already done.
   */
  async function fromState(postId: string, stated?: PostState): Promise<PostState | null> {
    const tab = await db.composerTabs.where('postId').equals(postId).first();
    if (tab) return later(tab.publishedAt ? 'published' : 'opened', stated);
    if (stated) return stated;
    return (await db.reminders.get(postId)) ? 'notified' : null;
  }

  /** The later of two states along draft → … → published (what this browser did vs. what a list said). */
  const progress: PostState[] = ['draft', 'scheduled', 'due', 'notified', 'opened', 'published'];
  function later(a: PostState | null, b: PostState | undefined): PostState | null {
    if (!a) return b ?? null;
    if (!b) return a;
    return progress.indexOf(b) > progress.indexOf(a) ? b : a;
  }

  /** Queues the transitions from `from` to `to` (in order) and tries to deliver them now. */
  async function move(postId: string, from: PostState, to: PostState): Promise<void> {
    const steps = movesTo(from, to);
    if (!steps) throw new Error(`a post cannot go from '${from}' to '${to}'`);
    for (const s of steps) await outbox.enqueue({ method: 'POST', path: `/v1/calendar/${encodeURIComponent(postId)}/transition`, body: { to: s } });
    await outbox.replay();
  }

  /** Opens the post's composer (the notification click and the popup's button both end here). */
  async function open(post: PostRef): Promise<{ tabId: number; url: string }> {
    const publisher = publisherFor(publishers, post);
    if (!publisher) throw new Error(`Sightline cannot open a composer for ${post.platform} posts`);
    // What this browser did may be newer than a cached list's state, or older (its tab was closed).
    const from = (await fromState(post.id, post.state)) ?? 'due';
    const outcome = await publisher.publish(post);
    if (outcome.kind === 'failed') throw new Error(outcome.reason);
    if (outcome.kind === 'published') {
      await move(post.id, from, 'published');
      return { tabId: -1, url: outcome.url ?? '' };
    }
    if (from !== 'opened') await move(post.id, from, 'opened');
    return { tabId: outcome.tabId, url: outcome.url };
  }

  return {
    publishers,
    open,

    /**
     * One alarm tick: notify every due post not yet notified. Answers the posts notified now.
     * "Due" includes scheduled posts whose slot has started: the worker's cron marks them due
     * only every 15 minutes, and a reminder that late is a missed slot. Those are moved to
     * due here (a no-op on the worker if its cron got there first).
     */
    async tick(): Promise<{ notified: string[]; offline: boolean }> {
      const at = now();
      // Reminders of slots older than the queue shows missed posts can no longer matter; expired composer tabs fill nothing.
      await db.reminders.where('notifiedAt').below(at - missedLookbackMs).delete();
      await db.composerTabs.where('openedAt').below(at - composerTabTtlMs).delete();
      if (!(await deps.isPaired())) return { notified: [], offline: false };
      // Deliver earlier moves first: a due post whose `notified` is still queued is not new.
      await outbox.replay();
      // One read a minute: every post whose slot started within the missed window.
      const window = await deps.api.calendar({ from: new Date(at - MISSED_GRACE_MS).toISOString(), to: new Date(at).toISOString() }, { cacheKey: 'calendar:due' });
      // Only a live answer: a cached list may hold posts published since on another device.
      if (window.offline || !window.value) return { notified: [], offline: window.offline };
      const due = window.value.filter((p) => p.state === 'due' || (p.state === 'scheduled' && p.scheduledAt !== null && Date.parse(p.scheduledAt) <= at));
      const notified: string[] = [];
      for (const post of due) {
        const occurrence = occurrenceOf(post);
        const prior = await db.reminders.get(post.id);
        if (prior && remindedFor(prior, occurrence)) continue;
        if (occurrence.scheduledSince) {
          // A composer tab opened before the post was last scheduled was for an earlier slot: its "opened" is not the worker's state now.
          const since = Date.parse(occurrence.scheduledSince);
          await db.composerTabs.where('postId').equals(post.id).filter((t) => t.openedAt < since).delete();
        }
        const id = notificationIdFor(post.id);
        let error: string | null = null;
        try {
          await deps.notify(id, reminderText(post));
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        const reminder: Reminder = { postId: post.id, ...occurrence, platform: post.platform, text: post.text, notificationId: id, notifiedAt: now(), clickedAt: null, error };
        await db.reminders.put(reminder);
        notified.push(post.id);
        const steps: PostState[] = post.state === 'scheduled' ? ['due', error ? 'failed' : 'notified'] : [error ? 'failed' : 'notified'];
        for (const to of steps) await outbox.enqueue({ method: 'POST', path: `/v1/calendar/${encodeURIComponent(post.id)}/transition`, body: { to } });
      }
      if (notified.length) await outbox.replay();
      return { notified, offline: false };
    },

    async notificationClicked(notificationId: string): Promise<{ tabId: number; url: string } | null> {
      const postId = postIdOfNotification(notificationId);
      const reminder = postId ? await db.reminders.get(postId) : undefined;
      if (!reminder) return null;
      await db.reminders.update(reminder.postId, { clickedAt: now() });
      return open({ id: reminder.postId, platform: reminder.platform, text: reminder.text, state: (await fromState(reminder.postId)) ?? 'notified' });
    },

    /**
     * The post a composer tab was opened for, asked by the page at `pageUrl` in that tab: only
     * the composer page it was opened on (a reload of it fills again), until the post is
     * published or the row expires. Any other page in the tab ends the row: the user left the
     * composer, and that page's composer (the home timeline's, a reply box) is for another post.
     */
    async pendingFor(tabId: number, pageUrl: string | undefined): Promise<ComposerTab | null> {
      const tab = await db.composerTabs.get(tabId);
      if (!tab || tab.publishedAt !== null) return null;
      if (pageUrl !== undefined && isComposerPage(tab.url, pageUrl) && now() - tab.openedAt <= composerTabTtlMs) return tab;
      await db.composerTabs.delete(tabId);
      return null;
    },

    /**
     * The browser started: tab ids start over, so rows from the last session would match
     * unrelated tabs (tabs.onRemoved does not fire when the browser quits).
     */
    async browserStarted(): Promise<void> {
      await db.composerTabs.clear();
    },

    async markPublished(postId: string, state?: PostState): Promise<void> {
      const from = (await fromState(postId, state)) ?? 'notified';
      if (from === 'published') return;
      await db.composerTabs.where('postId').equals(postId).modify({ publishedAt: now() });
      await move(postId, from, 'published');
    },
  };
}

export type Reminders = ReturnType<typeof createReminders>;
