import { describe, expect, it } from 'vitest';
import { formatPostsCsv, formatRowError, MAX_CELL_CHARS, parseIsoTime, parsePostsCsv, TooManyRowsError, type Post } from './canonical.ts';

const post = (over: Partial<Post> = {}): Post => ({
  id: '1',
  platform: 'x',
  author: 'me',
  text: 'Hello, "world"\nsecond line',
  url: 'https://example.com/a?b=1,2',
  publishedAt: '2024-03-01T12:00:00.000Z',
  likes: 5,
  comments: null,
  shares: 0,
  views: null,
  ...over,
});

describe('canonical posts CSV', () => {
  it('round-trips posts with commas, quotes, newlines and missing counts', () => {
    const posts = [post(), post({ id: '2', text: ',,,', likes: null }), post({ id: '3', text: '"' })];
    const csv = formatPostsCsv(posts);
    expect(csv.split('\n')[0]).toBe('id,platform,author,text,url,published_at,likes,comments,shares,views');
    const back = parsePostsCsv(csv);
    expect(back.errors).toEqual([]);
    expect(back.items).toEqual(posts);
  });

  it('skips and reports bad rows by line and field, keeping the good ones', () => {
    const csv = [
      'id,platform,author,text,url,published_at,likes,comments,shares,views',
      '1,x,a,"ok, fine",,2024-01-01T00:00:00Z,1,,,',
      '2,x,a,"two\nlines",,yesterday,1,,,',
      '3,x,a,t,,2024-01-01T00:00:00Z,-4,,,',
      ',x,a,t,,2024-01-01T00:00:00Z,1,,,',
      '5,x,a,t,,2024-02-30T00:00:00Z,1,,,',
      '6,x,a,t,,2024-01-01T00:00:00+02:00,1,2,3,4',
      '7,x,a,t,,2024-01-01T00:00:00Z,1,,,,extra',
    ].join('\n');
    const r = parsePostsCsv(csv);
    expect(r.rows).toBe(7);
    expect(r.items.map((p) => p.id)).toEqual(['1', '6']);
    expect(r.items[1]!.publishedAt).toBe('2023-12-31T22:00:00.000Z');
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'published_at'],
      [5, 'likes'],
      [6, 'id'],
      [7, 'published_at'],
      [9, '(record)'],
    ]);
    expect(formatRowError(r.errors[0]!)).toBe("row at line 3, field 'published_at': 'yesterday' is not an ISO 8601 date-time");
  });

  it('skips a row whose cell is longer than any platform allows, naming it, and keeps the rest', () => {
    const csv = formatPostsCsv([post({ id: 'ok' }), post({ id: 'long', text: 'x'.repeat(MAX_CELL_CHARS.text + 1) }), post({ id: 'u'.repeat(257) }), post({ id: 'edge', text: 'y'.repeat(MAX_CELL_CHARS.text) })]);
    const r = parsePostsCsv(csv);
    expect(r.items.map((p) => p.id)).toEqual(['ok', 'edge']);
    expect(r.errors.map((e) => [e.field, e.message])).toEqual([
      ['text', 'is 150,001 characters, more than the 150,000 a post\'s text may have'],
      ['id', 'is 257 characters, more than the 256 a post\'s id may have'],
    ]);
  });

  it('with maxRows, refuses a longer file before reading it whole', () => {
    const csv = formatPostsCsv([post({ id: 'a' }), post({ id: 'b' }), post({ id: 'c' })]);
    expect(parsePostsCsv(csv, { maxRows: 3 }).items).toHaveLength(3);
    expect(() => parsePostsCsv(csv, { maxRows: 2 })).toThrow(TooManyRowsError);
    expect(() => parsePostsCsv(csv, { maxRows: 2 })).toThrow('the file has more than 2 rows');
  });

  it('throws when a required column is missing', () => {
    expect(() => parsePostsCsv('id,platform,text\n1,x,hi\n')).toThrowError(/published_at/);
  });

  it('parses ISO 8601 with offsets and rejects impossible dates', () => {
    expect(parseIsoTime('2016-01-26T19:30:00-05:00')).toBe(Date.UTC(2016, 0, 27, 0, 30));
    expect(parseIsoTime('2016-01-26T19:30Z')).toBe(Date.UTC(2016, 0, 26, 19, 30));
    expect(parseIsoTime('2016-13-01T00:00Z')).toBeNull();
    expect(parseIsoTime('1/26/2016 19:30')).toBeNull();
    expect(parseIsoTime('2024-02-03T10:00:00+25:99')).toBeNull();
    expect(parseIsoTime('2024-02-03T10:00:00+05:60')).toBeNull();
    expect(parseIsoTime('2024-02-03T10:00:00+14:00')).toBe(Date.UTC(2024, 1, 2, 20, 0));
    expect(parseIsoTime('2024-02-03T10:00:00-0930')).toBe(Date.UTC(2024, 1, 3, 19, 30));
  });

  // Date.UTC maps years 0-99 to 1900-1999, so '0024-05-01' used to come back as 1924.
  it.each(['0000-01-01T00:00:00Z', '0024-05-01', '0099-12-31T23:59Z', '1969-12-31T23:59:59Z'])(
    'rejects %s as before any post',
    (value) => {
      expect(parseIsoTime(value)).toBeNull();
    },
  );

  it('names the implausible year in the row error', () => {
    const r = parsePostsCsv('id,platform,text,published_at\n1,x,hi,0024-05-01T10:00:00Z\n2,x,ok,1970-01-01T00:00:00Z\n');
    expect(r.items.map((p) => p.publishedAt)).toEqual(['1970-01-01T00:00:00.000Z']);
    expect(formatRowError(r.errors[0]!)).toBe("row at line 2, field 'published_at': '0024-05-01T10:00:00Z' is before 1970, not a plausible post time");
  });
});
