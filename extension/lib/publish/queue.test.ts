import { describe, expect, it } from 'vitest';
import type { CalendarPost } from '../../../shared/calendar/state.ts';
import { postsIn } from './queue.ts';

const day = { from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' };
const post = (id: string, state: CalendarPost['state'], scheduledAt: string | null): CalendarPost => ({ id, platform: 'x', topic: 't', pieceId: null, text: id, scheduledAt, state, history: [] });

describe('postsIn (the day’s queue)', () => {
  it('keeps the day’s posts by time, and last night’s missed post; drops drafts, other days and duplicates', () => {
    const posts = [
      post('noon', 'scheduled', '2026-11-24T12:00:00.000Z'),
      post('morning', 'published', '2026-11-24T08:00:00.000Z'),
      post('draft', 'draft', null),
      post('last-night', 'missed', '2026-11-23T23:00:00.000Z'),
      post('last-night', 'missed', '2026-11-23T23:00:00.000Z'),
      post('yesterday-done', 'published', '2026-11-23T22:00:00.000Z'),
      post('old-missed', 'missed', '2026-11-10T10:00:00.000Z'),
      post('tomorrow', 'scheduled', '2026-11-25T09:00:00.000Z'),
    ];
    expect(postsIn(posts, day).map((p) => p.id)).toEqual(['last-night', 'morning', 'noon']);
  });
});
