import type { CalendarPost, PostState } from '../../../shared/calendar/state.ts';

/** [from, to) of the local day around `now`, as ISO strings (the popup's "today"). */
export function todayWindow(now: number): { from: string; to: string } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** How far back a missed post stays in the queue: it turns missed 6 h after its slot, often the next day. */
export const missedLookbackMs = 7 * 86_400_000;

/**
 * The day's queue: posts planned in the window, plus posts missed in the week before it (a
 * post never leaves the queue silently), by time. Drafts (no time) are not part of it.
 */
export function postsIn(posts: readonly CalendarPost[], w: { from: string; to: string }): CalendarPost[] {
  const from = Date.parse(w.from);
  const to = Date.parse(w.to);
  const seen = new Set<string>();
  return posts
    .filter((p) => {
      if (p.scheduledAt === null || seen.has(p.id)) return false;
      seen.add(p.id);
      const t = Date.parse(p.scheduledAt);
      return (t >= from && t < to) || (p.state === 'missed' && t >= from - missedLookbackMs && t < from);
    })
    .sort((a, b) => Date.parse(a.scheduledAt!) - Date.parse(b.scheduledAt!));
}

/** States in which the post still waits for the user to publish it. */
export const awaitingPublish: readonly PostState[] = ['due', 'notified', 'opened'];

export const stateLabels: Record<PostState, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  due: 'Due now',
  notified: 'Reminded',
  opened: 'Composer open',
  published: 'Published',
  missed: 'Missed',
  failed: 'Reminder failed',
};
