import { and, eq, inArray, lte } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { timeDrivenMoves, transition } from '../../shared/calendar/state.ts';
import { scheduledPosts } from '../db/schema-calendar.ts';
import { moveTime, toCalendarPost } from '../routes/calendar.ts';

/**
 * The calendar's clock: scheduled posts whose slot has started become due (the extension
 * shows a reminder for due posts), and posts still unpublished well after their slot
 * become missed, so nothing is silently dropped. Each move is compare-and-set on the
 * state, so a tick racing a user's click never overwrites it.
 */
export async function calendarTick(db: DrizzleD1Database<Record<string, unknown>>, now: number): Promise<{ due: number; missed: number }> {
  const rows = await db
    .select()
    .from(scheduledPosts)
    .where(and(inArray(scheduledPosts.state, ['scheduled', 'due', 'notified', 'opened']), lte(scheduledPosts.scheduledAt, now)))
    .limit(1000)
    .all();
  const posts = rows.map(toCalendarPost);
  const moves = timeDrivenMoves(posts, now);
  const counts = { due: 0, missed: 0 };
  const statements = [];
  for (const m of moves) {
    const row = rows.find((r) => r.id === m.id)!;
    const current = toCalendarPost(row);
    const next = transition(current, m.to, moveTime(current, now));
    statements.push(
      db
        .update(scheduledPosts)
        .set({ state: next.state, history: next.history, updatedAt: now })
        .where(and(eq(scheduledPosts.id, row.id), eq(scheduledPosts.state, row.state))),
    );
    if (m.to === 'due') counts.due++;
    else counts.missed++;
  }
  for (let i = 0; i < statements.length; i += 50) {
    const chunk = statements.slice(i, i + 50);
    await db.batch(chunk as [(typeof chunk)[number], ...(typeof chunk)[number][]]);
  }
  return counts;
}
