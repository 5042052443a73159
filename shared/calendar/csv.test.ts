import { describe, expect, it } from 'vitest';
import { CALENDAR_COLUMNS, formatCalendarCsv, parseCalendarCsv } from './csv.ts';
import { newDraft, transition, type CalendarPost } from './state.ts';

const now = Date.parse('2026-11-24T12:00:00Z');

describe('calendar CSV', () => {
  it('round-trips posts, history and awkward text', () => {
    let p: CalendarPost = newDraft({ id: 'p1', platform: 'x', topic: 'passkeys', pieceId: 'piece-1', text: 'Line one, with "quotes"\nand a second line.' }, now);
    p = transition(p, 'scheduled', now + 60_000, { scheduledAt: '2026-11-25T15:00:00.000Z' });
    const d = newDraft({ id: 'p2', platform: 'linkedin', topic: '', pieceId: null, text: 'Draft only.' }, now);
    const csv = formatCalendarCsv([p, d]);
    expect(csv.split('\n')[0]).toBe(CALENDAR_COLUMNS.join(','));
    const back = parseCalendarCsv(csv, { now });
    expect(back.errors).toEqual([]);
    expect(back.items).toEqual([p, d]);
  });

  it('reports bad rows with line and field and keeps the good ones', () => {
    const csv = [
      'id,platform,topic,piece_id,state,scheduled_at,text,history',
      'a,x,t,,scheduled,2026-11-25T15:00:00Z,ok,',
      'b,,t,,,,no platform,',
      'c,x,t,,posted,2026-11-25T15:00:00Z,bad state,',
      'd,x,t,,scheduled,next tuesday,bad time,',
      'e,x,t,,due,,needs a time,',
      'f,x,t,,scheduled,2026-11-25T15:00:00Z,bad history,draft@yesterday',
      'a,x,t,,,,duplicate id,',
      '"g",x,t,,,,"multi',
      'line",',
    ].join('\n');
    const r = parseCalendarCsv(csv, { now });
    expect(r.items.map((i) => i.id)).toEqual(['a', 'g']);
    expect(r.items[1]!.text).toBe('multi\nline');
    expect(r.items[1]!.state).toBe('draft');
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'platform'],
      [4, 'state'],
      [5, 'scheduled_at'],
      [6, 'scheduled_at'],
      [7, 'history'],
      [8, 'id'],
    ]);
    expect(r.errors[1]!.message).toMatch(/'posted' is not one of draft, scheduled/);
    expect(r.rows).toBe(8);
  });

  it("imports another scheduler's export by header aliases", () => {
    const csv = 'Date,Message,Network\n2026-11-25 15:00,"Hello, world.",Twitter\n';
    const r = parseCalendarCsv(csv, { now });
    expect(r.errors).toEqual([]);
    expect(r.items[0]).toMatchObject({ id: 'row-2', platform: 'x', text: 'Hello, world.', state: 'scheduled', scheduledAt: '2026-11-25T15:00:00.000Z' });
    expect(r.items[0]!.history).toEqual([{ state: 'scheduled', at: '2026-11-24T12:00:00.000Z' }]);
  });

  it('names a missing required column', () => {
    expect(parseCalendarCsv('id,when\n1,2\n').errors[0]).toEqual({ line: 1, field: 'platform', message: "header has no 'platform' column (header: id,when)" });
  });

  it('never lets a built-in object key through as a platform', () => {
    const r = parseCalendarCsv('platform,text\nconstructor,a\nConstructor,b\n__proto__,c\ntwitter,d\nmastodon,e\n', { now });
    expect(r.items.map((i) => i.platform)).toEqual(['x', 'mastodon']);
    expect(r.errors).toEqual([
      { line: 2, field: 'platform', message: "'constructor' is not a platform name" },
      { line: 3, field: 'platform', message: "'Constructor' is not a platform name" },
      { line: 4, field: 'platform', message: "'__proto__' is not a platform name" },
    ]);
  });
});
