import { formatCsvRow, parseCsv, recordsToObjects } from '../posts/csv.ts';
import { parseIsoTime, type ParseResult, type RowError } from '../posts/canonical.ts';
import { isPostState, POST_STATES, type CalendarPost, type PostState, type StateChange } from './state.ts';

/**
 * Calendar CSV (RFC 4180, via shared/posts/csv.ts). Header:
 *
 *   id,platform,topic,piece_id,state,scheduled_at,text,history
 *
 * - scheduled_at: ISO 8601 (UTC written with Z; an offset or none = UTC on import);
 *   required unless the state is draft.
 * - history: the state changes as `state@ISO` joined by `|`, oldest first; empty on
 *   import means "one entry: the row's state, at the import time".
 * - state defaults to `scheduled` when a time is given, else `draft`.
 *
 * Files exported by other schedulers import too: the header may say `message`,
 * `content` or `post` for text, `date`, `publish_at` or `scheduled` for scheduled_at,
 * `network`, `channel` or `profile` for platform; missing id gets `row-<line>`.
 */

export const CALENDAR_COLUMNS = ['id', 'platform', 'topic', 'piece_id', 'state', 'scheduled_at', 'text', 'history'] as const;

const ALIASES: Record<string, readonly string[]> = {
  id: ['id', 'post_id'],
  platform: ['platform', 'network', 'channel', 'profile', 'social_network'],
  topic: ['topic', 'category', 'tag'],
  piece_id: ['piece_id', 'piece', 'campaign'],
  state: ['state', 'status'],
  scheduled_at: ['scheduled_at', 'publish_at', 'date', 'scheduled', 'scheduled_time', 'datetime'],
  text: ['text', 'message', 'content', 'post', 'body'],
  history: ['history'],
};

// Null prototype: a cell saying 'constructor' must not find Object.prototype.constructor.
const PLATFORM_NAMES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, { twitter: 'x', 'x (twitter)': 'x', x: 'x', linkedin: 'linkedin', youtube: 'youtube', 'youtube-shorts': 'youtube-shorts', 'short-video': 'short-video', tiktok: 'short-video', instagram: 'instagram', facebook: 'facebook', threads: 'threads' });

export function formatCalendarCsv(posts: Iterable<CalendarPost>): string {
  let out = formatCsvRow(CALENDAR_COLUMNS);
  for (const p of posts) {
    out += formatCsvRow([p.id, p.platform, p.topic, p.pieceId ?? '', p.state, p.scheduledAt ?? '', p.text, p.history.map((h) => `${h.state}@${h.at}`).join('|')]);
  }
  return out;
}

export function parseCalendarCsv(text: string, options: { now?: number } = {}): ParseResult<CalendarPost> {
  const now = new Date(options.now ?? Date.now()).toISOString();
  const { header, rows } = recordsToObjects(parseCsv(text));
  const lower = header.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const column = (name: string) => {
    for (const alias of ALIASES[name] ?? [name]) {
      const i = lower.indexOf(alias);
      if (i >= 0) return header[i]!;
    }
    return null;
  };
  const cols = Object.fromEntries(Object.keys(ALIASES).map((k) => [k, column(k)])) as Record<string, string | null>;
  const items: CalendarPost[] = [];
  const errors: RowError[] = [];
  const missing = (['platform', 'text'] as const).filter((k) => !cols[k]);
  if (missing.length) {
    return { items, errors: [{ line: 1, field: missing[0]!, message: `header has no '${missing[0]}' column (header: ${header.join(',') || 'empty'})` }], rows: rows.length };
  }
  const ids = new Set<string>();
  for (const r of rows) {
    const get = (k: string) => (cols[k] ? r.get(cols[k]!).trim() : '');
    const fail = (field: string, message: string) => errors.push({ line: r.line, field, message });
    const id = get('id') || `row-${r.line}`;
    if (ids.has(id)) {
      fail('id', `duplicate id '${id}'`);
      continue;
    }
    const rawPlatform = get('platform').toLowerCase();
    const platform = PLATFORM_NAMES[rawPlatform] ?? rawPlatform;
    if (!platform) {
      fail('platform', 'is empty');
      continue;
    }
    // Not a lookup guard (shared's tables have no prototype) but a rule of the format: the
    // name leaves through the CLI and worker, whose tables need not be prototype-free.
    if (platform in Object.prototype) {
      fail('platform', `'${get('platform')}' is not a platform name`);
      continue;
    }
    const body = cols.text ? r.get(cols.text) : '';
    if (!body.trim()) {
      fail('text', 'is empty');
      continue;
    }
    const rawWhen = get('scheduled_at');
    let scheduledAt: string | null = null;
    if (rawWhen) {
      const ms = parseIsoTime(rawWhen);
      if (ms === null) {
        fail('scheduled_at', `'${rawWhen}' is not an ISO 8601 date-time (e.g. 2026-11-24T14:00:00Z)`);
        continue;
      }
      scheduledAt = new Date(ms).toISOString();
    }
    const rawState = get('state').toLowerCase();
    if (rawState && !isPostState(rawState)) {
      fail('state', `'${rawState}' is not one of ${POST_STATES.join(', ')}`);
      continue;
    }
    const state: PostState = (rawState || (scheduledAt ? 'scheduled' : 'draft')) as PostState;
    if (state !== 'draft' && !scheduledAt) {
      fail('scheduled_at', `is required for state '${state}'`);
      continue;
    }
    const history: StateChange[] = [];
    let bad = false;
    for (const part of get('history').split('|').filter((s) => s.trim())) {
      const m = /^\s*([a-z]+)@(.+)$/.exec(part);
      const ms = m ? parseIsoTime(m[2]!) : null;
      if (!m || !isPostState(m[1]!) || ms === null) {
        fail('history', `'${part}' is not state@ISO-time`);
        bad = true;
        break;
      }
      history.push({ state: m[1] as PostState, at: new Date(ms).toISOString() });
    }
    if (bad) continue;
    if (history.length && history[history.length - 1]!.state !== state) {
      fail('history', `ends in '${history[history.length - 1]!.state}' but state is '${state}'`);
      continue;
    }
    if (!history.length) history.push({ state, at: now });
    ids.add(id);
    items.push({ id, platform, topic: get('topic'), pieceId: get('piece_id') || null, text: body, scheduledAt, state, history });
  }
  return { items, errors, rows: rows.length };
}
