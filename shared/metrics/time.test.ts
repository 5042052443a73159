import { describe, expect, it } from 'vitest';
import { parseAbsoluteDate, parsePostTime, parseRelativeTime } from './time.ts';

const at = new Date('2025-10-28T15:00:00.000Z');
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('parseRelativeTime', () => {
  it.each([
    ['3d', '2025-10-25T15:00:00.000Z'],
    ['2w', '2025-10-14T15:00:00.000Z'],
    ['4h', '2025-10-28T11:00:00.000Z'],
    ['5m', '2025-10-28T14:55:00.000Z'],
    ['30s', '2025-10-28T14:59:30.000Z'],
    ['20h •', '2025-10-27T19:00:00.000Z'],
    ['17h • Edited •', '2025-10-27T22:00:00.000Z'],
    ['1mo •', '2025-09-28T15:00:00.000Z'],
    ['2yr', '2023-10-28T15:00:00.000Z'],
    ['5 hours ago', '2025-10-28T10:00:00.000Z'],
    ['20 hours ago • Visible to anyone on or off LinkedIn', '2025-10-27T19:00:00.000Z'],
    ['Streamed 2 days ago', '2025-10-26T15:00:00.000Z'],
    ['Premiered 3 weeks ago', '2025-10-07T15:00:00.000Z'],
    ['an hour ago', '2025-10-28T14:00:00.000Z'],
    ['1 year ago', '2024-10-28T15:00:00.000Z'],
    ['6 years ago', '2019-10-28T15:00:00.000Z'],
    ['yesterday', '2025-10-27T15:00:00.000Z'],
    ['just now', '2025-10-28T15:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(parseRelativeTime(text, at))).toBe(expected);
  });

  it.each([['Oct 23, 2025'], ['Promoted'], [''], ['Edited'], ['404 watching']])('%s → null', (text) => {
    expect(parseRelativeTime(text, at)).toBeNull();
  });
});

describe('parseAbsoluteDate', () => {
  it.each([
    ['Oct 23, 2025', '2025-10-23T00:00:00.000Z'],
    ['7:34 PM · Oct 23, 2025', '2025-10-23T00:00:00.000Z'],
    ['Aug 2, 2018', '2018-08-02T00:00:00.000Z'],
    ['2 Aug 2018', '2018-08-02T00:00:00.000Z'],
    ['Sept 5, 2024', '2024-09-05T00:00:00.000Z'],
    ['Oct 23', '2025-10-23T00:00:00.000Z'],
    // A yearless date after the capture date belongs to last year.
    ['Dec 25', '2024-12-25T00:00:00.000Z'],
    ['2018-08-02T06:00:08-07:00', '2018-08-02T13:00:08.000Z'],
    ['2018-08-02', '2018-08-02T00:00:00.000Z'],
    ['Premiered on Mar 3, 2021', '2021-03-03T00:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(parseAbsoluteDate(text, at))).toBe(expected);
  });

  it.each([['Mayor 23'], ['3d'], ['hello'], ['']])('%s → null', (text) => {
    expect(parseAbsoluteDate(text, at)).toBeNull();
  });
});

describe('parsePostTime', () => {
  it('reads either form', () => {
    expect(iso(parsePostTime('3d', at))).toBe('2025-10-25T15:00:00.000Z');
    expect(iso(parsePostTime('Oct 23, 2025', at))).toBe('2025-10-23T00:00:00.000Z');
    expect(parsePostTime('Promoted', at)).toBeNull();
  });

  // A null here keeps a post undated; a Date here must be a real, valid day.
  it.each(['300000y', '99999999999999999999y', 'Feb 31, 2025', '2025-02-30', '30 Feb'])(
    'is null for a time that does not exist: %s',
    (text) => {
      expect(parsePostTime(text, at)).toBeNull();
    },
  );

  it('keeps exact four-digit years and leap days', () => {
    expect(iso(parsePostTime('Aug 2, 0018', at))).toBe('0018-08-02T00:00:00.000Z');
    expect(iso(parsePostTime('Feb 29, 2024', at))).toBe('2024-02-29T00:00:00.000Z');
  });
});
