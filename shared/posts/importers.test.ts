import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHackerNews, importRedditSnapshots, importXHistory, mainAccount } from './importers.ts';

const HN = [
  'id,title,url,num_points,num_comments,author,created_at',
  '10975351,"Shims, Jigs and ""Other"" Concepts",http://example.com/a,39,10,josep2,1/26/2016 19:30',
  '11964716,Fine title,,2,1,vezy,6/23/2016 22:20',
  'abc,Bad id,,2,1,x,6/23/2016 22:20',
  '11,Bad time,,2,1,x,2016-06-23 22:20',
  '12,Bad points,,many,1,x,6/23/2016 22:20',
  '13,,,2,1,x,6/23/2016 22:20',
].join('\n');

describe('importHackerNews', () => {
  it('converts good rows (US Eastern by default) and names line and field of bad ones', () => {
    const r = importHackerNews(HN);
    expect(r.rows).toBe(6);
    expect(r.items).toHaveLength(2);
    expect(r.items[0]).toEqual({
      id: '10975351',
      platform: 'hackernews',
      author: 'josep2',
      text: 'Shims, Jigs and "Other" Concepts',
      url: 'http://example.com/a',
      publishedAt: '2016-01-27T00:30:00.000Z',
      likes: 39,
      comments: 10,
      shares: null,
      views: null,
    });
    expect(r.items[1]!.publishedAt).toBe('2016-06-24T02:20:00.000Z');
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'id'],
      [5, 'created_at'],
      [6, 'num_points'],
      [7, 'title'],
    ]);
  });

  it('honours another zone and rejects a file without the expected columns', () => {
    expect(importHackerNews(HN, { timeZone: 'UTC' }).items[0]!.publishedAt).toBe('2016-01-26T19:30:00.000Z');
    expect(() => importHackerNews('id,title\n1,x\n')).toThrowError(/num_points/);
  });
});

describe('importRedditSnapshots', () => {
  const csv = [
    'date,id,position,score,subreddit_display_name,subreddit_id,title,is_self,url,upvote_ratio,num_comments,created',
    '2023-12-31T22,18vi8zh,89,900,europe,2qh4j,"Estonia, finally",0,https://i.redd.it/x.jpeg,0.85,150,1704060128',
    '2023-12-31T23,18vi8zh,80,1062,europe,2qh4j,"Estonia, finally",0,https://i.redd.it/x.jpeg,0.85,207,1704060128',
    '2023-12-31T23,18vh5xr,46,2091,memes,2qjpg,Totally not steal,0,https://v.redd.it/d,0.97,41,notatime',
  ].join('\n');
  it('keeps the latest snapshot per post and reports bad rows', () => {
    const r = importRedditSnapshots(csv);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ id: '18vi8zh', author: 'r/europe', likes: 1062, comments: 207, publishedAt: '2023-12-31T22:02:08.000Z' });
    expect(r.errors).toEqual([{ line: 4, field: 'created', message: "'notatime' is not unix seconds" }]);
  });
});

describe('importXHistory', () => {
  const csv = [
    'replied_to,like_count,hashtags,tweet_id,created_at,reply_count,retweet_count,retweeted,quoted,mentions,text,author_id,quote_count,_ts',
    '[],0,[],1,2022-12-18T20:52:22.000000000+00:00,0,459,[2],[],[],RT @Tesla: Congrats,44,0,1',
    '[],324200,[],2,2022-12-18T18:02:47.000000000+00:00,8746,31545,[],[],[],"Duel in the Desert.\nWow, 🇦🇷",44,1338,1',
    '[],,[],3,2022-12-18T18:00:00.000000000+00:00,,,[],[],[],someone else,99,,1',
    '[],5,[],4,18 Dec 2022,1,1,[],[],[],bad time,44,0,1',
  ].join('\n');
  it('drops retweets, keeps empty counts as unknown, and names bad fields', () => {
    const r = importXHistory(csv);
    expect(r.excluded).toEqual({ retweet: 1 });
    expect(r.items.map((p) => p.id)).toEqual(['2', '3']);
    expect(r.items[0]).toMatchObject({ likes: 324200, comments: 8746, shares: 31545 + 1338, publishedAt: '2022-12-18T18:02:47.000Z' });
    expect(r.items[1]).toMatchObject({ likes: null, comments: null, shares: null });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[6, 'created_at']]);
  });
  it('finds the account the export belongs to: most posts with counts, not most rows', () => {
    expect(mainAccount(importXHistory(csv).items)).toBe('44');
    const others = [1, 2, 3].map((i) => ({ author: '99', likes: null }));
    expect(mainAccount([{ author: '44', likes: 3 }, ...others])).toBe('44');
    expect(mainAccount(others)).toBeNull();
  });
  it('reads the text as written: the API’s &amp; &lt; &gt; escapes are undone, once', () => {
    const escaped = [csv.split('\n')[0], '[],5,[],7,2022-12-18T18:02:47.000000000+00:00,1,1,[],[],[],Q&amp;A: 3 &lt; 5 &gt; 4 &amp;lt;b&amp;gt;,44,0,1'].join('\n');
    expect(importXHistory(escaped).items[0]!.text).toBe('Q&A: 3 < 5 > 4 &lt;b&gt;');
  });
  it('keeps one account when asked', () => {
    const r = importXHistory(csv, { account: '44' });
    expect(r.items.map((p) => p.id)).toEqual(['2']);
    expect(r.excluded).toEqual({ retweet: 1, 'other account': 1 });
  });
});

const data = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const hasData = existsSync(data);
if (!hasData) console.log(`importer real-data tests skipped: ${data} not found`);

describe.skipIf(!hasData)('importers on ../shared/data', () => {
  it('imports every Hacker News row', () => {
    const r = importHackerNews(readFileSync(path.join(data, 'hackernews', 'posts.csv'), 'utf8'));
    expect(r.errors).toEqual([]);
    expect(r.items).toHaveLength(15756);
  });
  it('collapses Reddit snapshots to one post per id', () => {
    const r = importRedditSnapshots(readFileSync(path.join(data, 'reddit-hourly', 'snapshots.csv'), 'utf8'));
    expect(r.errors).toEqual([]);
    expect(new Set(r.items.map((p) => p.id)).size).toBe(r.items.length);
    expect(r.items.length).toBeGreaterThan(3000);
  });
  it('imports the X history without retweets', () => {
    const r = importXHistory(readFileSync(path.join(data, 'x-account-history', 'tweets.csv'), 'utf8'));
    expect(r.errors).toEqual([]);
    expect(r.items.some((p) => p.text.startsWith('RT @'))).toBe(false);
    expect(r.excluded?.retweet).toBeGreaterThan(100);
  });
});
