import { describe, expect, it } from 'vitest';
import { canTransition, newDraft, POST_STATES, timeDrivenMoves, transition, TransitionError, TRANSITIONS, type CalendarPost } from './state.ts';

const t0 = Date.parse('2026-11-24T09:00:00Z');
const draft = (): CalendarPost => newDraft({ id: 'p1', platform: 'x', topic: 'passkeys', pieceId: null, text: 'Hello.' }, t0);

describe('post state machine', () => {
  it('walks the happy path, storing each change with its time', () => {
    let p = transition(draft(), 'scheduled', t0 + 1000, { scheduledAt: '2026-11-25T15:00:00Z' });
    for (const [i, s] of (['due', 'notified', 'opened', 'published'] as const).entries()) p = transition(p, s, t0 + 2000 * (i + 1));
    expect(p.state).toBe('published');
    expect(p.history.map((h) => h.state)).toEqual(['draft', 'scheduled', 'due', 'notified', 'opened', 'published']);
    expect(p.history[1]).toEqual({ state: 'scheduled', at: '2026-11-24T09:00:01.000Z' });
    expect(p.scheduledAt).toBe('2026-11-25T15:00:00Z');
  });

  it('is pure', () => {
    const d = draft();
    transition(d, 'scheduled', t0, { scheduledAt: '2026-11-25T15:00:00Z' });
    expect(d.state).toBe('draft');
    expect(d.history).toHaveLength(1);
  });

  it('rejects illegal moves with a message naming the allowed ones', () => {
    expect(() => transition(draft(), 'published', t0)).toThrow(new TransitionError("cannot move post p1 from 'draft' to 'published' (allowed from 'draft': scheduled)", 'draft', 'published'));
    const done = { ...draft(), state: 'published' as const };
    expect(() => transition(done, 'scheduled', t0)).toThrow(/'published' is final/);
    expect(() => transition(draft(), 'posted', t0)).toThrow(/unknown state 'posted'/);
  });

  it('a move to the state the post is already in is already done: the same post, no new history', () => {
    const p = transition(draft(), 'scheduled', t0, { scheduledAt: '2026-11-25T15:00:00Z' });
    expect(transition(p, 'scheduled', t0 + 1)).toBe(p);
    const done = { ...draft(), state: 'published' as const };
    expect(transition(done, 'published', t0)).toBe(done);
    // A new time is a real move (rescheduling), checked like any other.
    expect(() => transition(p, 'scheduled', t0 + 1, { scheduledAt: '2026-11-26T15:00:00Z' })).toThrow(/allowed from 'scheduled'/);
  });

  it('needs a time to schedule, and times that never go backwards', () => {
    expect(() => transition(draft(), 'scheduled', t0)).toThrow(/without a time/);
    expect(() => transition(draft(), 'scheduled', t0 - 1, { scheduledAt: '2026-11-25T15:00:00Z' })).toThrow(/before its last change/);
    expect(() => transition(draft(), 'scheduled', 'yesterday', { scheduledAt: '2026-11-25T15:00:00Z' })).toThrow(/is not a date/);
  });

  it('lets missed and failed posts be rescheduled, and unscheduling clears the time', () => {
    for (const s of ['missed', 'failed'] as const) expect(canTransition(s, 'scheduled')).toBe(true);
    const p = transition(draft(), 'scheduled', t0, { scheduledAt: '2026-11-25T15:00:00Z' });
    expect(transition(p, 'draft', t0 + 1).scheduledAt).toBeNull();
    // Every state is in the table, and only published is terminal.
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...POST_STATES].sort());
    expect(POST_STATES.filter((s) => TRANSITIONS[s].length === 0)).toEqual(['published']);
  });

  it('lists the time-driven moves: due at the slot, missed after the grace period', () => {
    const at = (s: CalendarPost['state'], when: string, id: string): CalendarPost => ({ ...draft(), id, state: s, scheduledAt: when });
    const now = Date.parse('2026-11-25T15:00:00Z');
    const moves = timeDrivenMoves([at('scheduled', '2026-11-25T15:00:00Z', 'a'), at('scheduled', '2026-11-25T16:00:00Z', 'b'), at('notified', '2026-11-25T08:00:00Z', 'c'), at('notified', '2026-11-25T12:00:00Z', 'd'), at('published', '2026-11-24T08:00:00Z', 'e')], now);
    expect(moves).toEqual([
      { id: 'a', to: 'due' },
      { id: 'c', to: 'missed' },
    ]);
  });
});
