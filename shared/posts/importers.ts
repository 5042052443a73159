import { parseCsv, recordsToObjects, CsvSyntaxError } from './csv.ts';
import { readCounts, type ParseResult, type Post, type RowError } from './canonical.ts';
import { fromZonedTime, assertTimeZone } from './time.ts';

/**
 * Converters from the source formats in ../shared/data to canonical posts. Each skips a
 * bad row with an error naming its line and field, and never throws on row content.
 */

export type ImportFormat = 'hackernews' | 'reddit' | 'x';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['hackernews', 'reddit', 'x'];

export interface ImportOptions {
  /**
   * Hacker News only: the zone of `created_at`, which the export leaves unstated. The Kaggle
   * set's description gives US Eastern time, hence the default.
   */
  timeZone?: string;
  /** X only: keep only this author_id (other authors' rows carry zero, uncollected metrics). */
  account?: string;
}

type Row = ReturnType<typeof recordsToObjects>['rows'][number];

function readRows(text: string, required: readonly string[]): { rows: Row[]; errors: RowError[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { rows: [], errors: [{ line: err.line, field: '(record)', message: err.message.replace(/^line \d+: /, '') }] };
    throw err;
  }
  const { header, rows } = recordsToObjects(records);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`input header lacks column(s) ${missing.join(', ')} (header: ${header.join(',')})`);
  return { rows, errors: [] };
}

const HN_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/;

export function importHackerNews(text: string, opts: ImportOptions = {}): ParseResult<Post> {
  const tz = opts.timeZone ?? 'America/New_York';
  assertTimeZone(tz);
  const { rows, errors } = readRows(text, ['id', 'title', 'url', 'num_points', 'num_comments', 'author', 'created_at']);
  const items: Post[] = [];
  for (const r of rows) {
    const fail = (field: string, message: string) => errors.push({ line: r.line, field, message });
    const id = r.get('id').trim();
    if (!/^\d+$/.test(id)) {
      fail('id', `'${id}' is not a Hacker News item id`);
      continue;
    }
    const title = r.get('title');
    if (!title.trim()) {
      fail('title', 'is empty');
      continue;
    }
    const m = HN_TIME.exec(r.get('created_at').trim());
    if (!m) {
      fail('created_at', `'${r.get('created_at')}' is not M/D/YYYY H:MM`);
      continue;
    }
    const [, mo, d, y, h, mi] = m.map(Number) as number[];
    if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59) {
      fail('created_at', `'${r.get('created_at')}' is out of range`);
      continue;
    }
    const counts = readCounts((c) => r.get(c), ['num_points', 'num_comments'], fail, 'a whole number');
    if (!counts) continue;
    items.push({
      id,
      platform: 'hackernews',
      author: r.get('author').trim(),
      text: title,
      url: r.get('url').trim(),
      publishedAt: new Date(fromZonedTime(y!, mo!, d!, h!, mi!, tz)).toISOString(),
      likes: counts.num_points,
      comments: counts.num_comments,
      shares: null,
      views: null,
    });
  }
  return { items, errors, rows: rows.length };
}

/**
 * Reddit hourly top-100 snapshots: one output post per id, from its latest snapshot (the
 * most settled score). Reddit's export has no author, so `author` is the subreddit
 * (`r/name`): the community is the account-like unit whose quartiles matter there.
 */
export function importRedditSnapshots(text: string): ParseResult<Post> {
  const { rows, errors } = readRows(text, ['date', 'id', 'score', 'subreddit_display_name', 'title', 'url', 'num_comments', 'created']);
  const latest = new Map<string, { snap: string; post: Post }>();
  for (const r of rows) {
    const fail = (field: string, message: string) => errors.push({ line: r.line, field, message });
    const id = r.get('id').trim();
    if (!/^[a-z0-9]+$/i.test(id)) {
      fail('id', `'${id}' is not a Reddit post id`);
      continue;
    }
    const snap = r.get('date').trim();
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}$/.test(snap)) {
      fail('date', `'${snap}' is not a YYYY-MM-DDTHH snapshot hour`);
      continue;
    }
    const created = Number(r.get('created'));
    if (!r.get('created').trim() || !Number.isFinite(created) || created <= 0) {
      fail('created', `'${r.get('created')}' is not unix seconds`);
      continue;
    }
    const score = Number(r.get('score'));
    if (!/^-?\d+$/.test(r.get('score').trim())) {
      fail('score', `'${r.get('score')}' is not a whole number`);
      continue;
    }
    const counts = readCounts((c) => r.get(c), ['num_comments'], fail, 'a whole number');
    if (!counts) continue;
    const title = r.get('title');
    if (!title.trim()) {
      fail('title', 'is empty');
      continue;
    }
    const prev = latest.get(id);
    if (prev && prev.snap >= snap) continue;
    latest.set(id, {
      snap,
      post: {
        id,
        platform: 'reddit',
        author: `r/${r.get('subreddit_display_name').trim()}`,
        text: title,
        url: r.get('url').trim(),
        publishedAt: new Date(created * 1000).toISOString(),
        // Reddit scores can dip below zero; the canonical count cannot.
        likes: Math.max(0, score),
        comments: counts.num_comments,
        shares: null,
        views: null,
      },
    });
  }
  return { items: [...latest.values()].map((v) => v.post), errors, rows: rows.length };
}

const X_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The X API escapes &, < and > in a post's text (`&amp;`, `&lt;`, `&gt;`) and nothing else;
 * the post as written is what the style profile, the drafts and the model should read.
 * `&amp;` goes last, so a post that literally says "&lt;" (sent as `&amp;lt;`) keeps it.
 */
export function unescapeXText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * X account history (tweets.csv). Retweets (`RT @…`) carry the original's counts, so they
 * are left out and counted under `excluded.retweet`. shares = retweets + quotes.
 */
export function importXHistory(text: string, opts: ImportOptions = {}): ParseResult<Post> {
  const { rows, errors } = readRows(text, ['tweet_id', 'created_at', 'text', 'author_id', 'like_count', 'reply_count', 'retweet_count', 'quote_count']);
  const items: Post[] = [];
  const excluded: Record<string, number> = {};
  const exclude = (why: string) => (excluded[why] = (excluded[why] ?? 0) + 1);
  for (const r of rows) {
    const fail = (field: string, message: string) => errors.push({ line: r.line, field, message });
    const id = r.get('tweet_id').trim();
    if (!/^\d+$/.test(id)) {
      fail('tweet_id', `'${id}' is not a tweet id`);
      continue;
    }
    const author = r.get('author_id').trim();
    if (opts.account && author !== opts.account) {
      exclude('other account');
      continue;
    }
    const text = unescapeXText(r.get('text'));
    if (/^RT @/.test(text)) {
      exclude('retweet');
      continue;
    }
    const t = X_TIME.exec(r.get('created_at').trim());
    // Nanosecond fractions are beyond Date; keep milliseconds.
    const ms = t ? Date.parse(`${t[1]}T${t[2]}${(t[3] ?? '').slice(0, 4)}${t[4]}`) : NaN;
    if (!Number.isFinite(ms)) {
      fail('created_at', `'${r.get('created_at')}' is not an ISO 8601 date-time`);
      continue;
    }
    // Empty counts (other authors' rows in this export) are unknown, not zero.
    const counts = readCounts((c) => r.get(c), ['like_count', 'reply_count', 'retweet_count', 'quote_count'], fail, 'a whole number');
    if (!counts) continue;
    items.push({
      id,
      platform: 'x',
      author,
      text,
      url: '',
      publishedAt: new Date(ms).toISOString(),
      likes: counts.like_count,
      comments: counts.reply_count,
      shares: counts.retweet_count === null || counts.quote_count === null ? null : counts.retweet_count + counts.quote_count,
      views: null,
    });
  }
  return { items, errors, rows: rows.length, excluded };
}

/**
 * The account an X history export belongs to: the author with the most posts that carry
 * engagement counts (other authors' rows in such an export have none). Null when no post does.
 */
export function mainAccount(posts: readonly Pick<Post, 'author' | 'likes'>[]): string | null {
  const counts = new Map<string, number>();
  for (const p of posts) if (p.likes !== null) counts.set(p.author, (counts.get(p.author) ?? 0) + 1);
  let best: string | null = null;
  for (const [author, n] of counts) if (best === null || n > counts.get(best)!) best = author;
  return best;
}

export function importPosts(format: ImportFormat, text: string, opts: ImportOptions = {}): ParseResult<Post> {
  switch (format) {
    case 'hackernews':
      return importHackerNews(text, opts);
    case 'reddit':
      return importRedditSnapshots(text);
    case 'x':
      return importXHistory(text, opts);
  }
}
