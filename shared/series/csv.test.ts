import { describe, expect, it } from 'vitest';
import { formatTimestampLike, parseCsvRows, parseSeriesCsv, parseTimestamp, SeriesError } from './csv.ts';

describe('parseTimestamp', () => {
  it.each([
    ['2015-02-26 21:42:53', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-02-26T21:42:53Z', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-03-03 04:37:53.000000', Date.UTC(2015, 2, 3, 4, 37, 53)],
    ['2015-02-26T23:42:53+02:00', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2017-01-01', Date.UTC(2017, 0, 1)],
    ['1704060128', 1704060128000],
  ])('%s', (text, ms) => expect(parseTimestamp(text)).toBe(ms));
  it.each(['2015-02-31 00:00:00', 'yesterday', '2015-13-01', ''])('rejects %j', (t) => expect(parseTimestamp(t)).toBeUndefined());
  // The same offsets the posts CSV refuses (shared/posts/iso.ts offsetMinutes).
  it.each(['2024-01-01T00:00:00+25:99', '2024-01-01T00:00:00+05:60', '2024-01-01T00:00:00-15:00'])('rejects the impossible offset in %j', (t) => expect(parseTimestamp(t)).toBeUndefined());
  // Date.UTC reads years 0-99 as 1900-1999; such stamps are typos, not 1915 data.
  it.each(['0015-02-26 21:42:53', '0000-01-01', '1969-12-31T23:59:59Z'])('rejects the pre-1970 year in %j', (t) => expect(parseTimestamp(t)).toBeUndefined());
  it('says why a pre-1970 row is refused', () => {
    expect(() => parseSeriesCsv('timestamp,value\n0015-02-26 21:42:53,1\n')).toThrowError('line 2, timestamp: "0015-02-26 21:42:53" is before 1970, not a plausible timestamp');
  });
});

describe('parseSeriesCsv', () => {
  it('keeps timestamps exactly as written, in file order (repeats allowed)', () => {
    const s = parseSeriesCsv('timestamp,value\n2014-03-09 03:00:00,1\n2014-03-09 03:00:00,2.5\r\n\n2014-03-09 02:00:00,-3\n');
    expect(s.stamps).toEqual(['2014-03-09 03:00:00', '2014-03-09 03:00:00', '2014-03-09 02:00:00']);
    expect(s.values).toEqual([1, 2.5, -3]);
  });
  it.each([
    ['time,value\n', 1, 'header'],
    ['timestamp,value\n2015-01-01 00:00:00,1\n2015-01-01 00:05:00,abc\n', 3, 'value'],
    ['timestamp,value\n2015-01-01 00:00:00,\n', 2, 'value'],
    ['timestamp,value\nnot a date,1\n', 2, 'timestamp'],
    ['timestamp,value\n2015-01-01 00:00:00,1,2\n', 2, 'row'],
  ])('names the line and field of bad input', (text, line, field) => {
    try {
      parseSeriesCsv(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SeriesError);
      expect(err).toMatchObject({ line, field });
      expect((err as Error).message).toContain(`line ${line}, ${field}`);
    }
  });
});

describe('parseCsvRows', () => {
  it('handles quotes, doubled quotes and newlines inside quotes', () => {
    expect(parseCsvRows('a,b\n"x, y","say ""hi""\nthere"\r\n1,2')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['1', '2'],
    ]);
  });
});

describe('formatTimestampLike', () => {
  const t = Date.UTC(2015, 2, 4, 5, 7, 53);
  it.each([
    ['2015-02-26 21:42:53', '2015-03-04 05:07:53'],
    ['2015-02-26T21:42Z', '2015-03-04T05:07Z'],
    ['2015-02-26 21:42:53.000000', '2015-03-04 05:07:53.000000'],
    ['2017-01-01', '2015-03-04'],
    ['1704060128', String(t / 1000)],
  ])('in the style of %s', (sample, out) => expect(formatTimestampLike(sample, t)).toBe(out));
});
