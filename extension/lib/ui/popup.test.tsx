import 'fake-indexeddb/auto';
import { Window } from 'happy-dom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendarPost } from '../../../shared/calendar/state.ts';
import { openDb, type SightlineDb } from '../db.ts';
import type { send as sendMessage } from '../messages.ts';
import { todayWindow } from '../publish/queue.ts';
import { Popup, type PopupDeps } from './popup.tsx';

const window = new Window();
const g = globalThis as unknown as Record<string, unknown>;
g['document'] = window.document;

let db: SightlineDb;
let sent: string[];
const now = Date.now();
const { from } = todayWindow(now);
const at = (minutes: number) => new Date(Date.parse(from) + minutes * 60_000).toISOString();
const post = (id: string, state: CalendarPost['state'], scheduledAt: string | null): CalendarPost => ({ id, platform: 'x', topic: 't', pieceId: null, text: `text of ${id}`, scheduledAt, state, history: [] });

beforeEach(async () => {
  db = openDb(`popup-${crypto.randomUUID()}`);
  sent = [];
  await db.cache.put({ key: 'trends', value: { trends: [{ id: 't1', name: 'AI agents', score: 87, platforms: ['hackernews', 'google-trends'] }] }, fetchedAt: now - 60_000 });
  await db.cache.put({
    key: 'calendar:today',
    value: [post('late', 'missed', at(60)), post('soon', 'due', at(120)), post('draft', 'draft', null), post('yesterday', 'published', at(-600))],
    fetchedAt: now - 60_000,
  });
});
afterEach(async () => {
  render(null, window.document.body as unknown as HTMLElement);
  await db.delete();
});

/** A background that never answers: whatever the popup shows came from the cache. */
function deps(): PopupDeps {
  const send = ((type: string) => {
    sent.push(type);
    return new Promise(() => undefined);
  }) as typeof sendMessage;
  return {
    send,
    db,
    getConnection: async () => ({ workerUrl: 'http://127.0.0.1:8787', token: 'sl_t', workspace: null }),
    pageSource: async () => null,
    now: () => now,
  };
}

describe('popup first paint', () => {
  it('renders today’s queue (missed marked) and the trends from Dexie before any answer from the background', async () => {
    const root = window.document.body as unknown as HTMLElement;
    render(<Popup deps={deps()} />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid="queue-post"]').length).toBe(2));
    const rows = [...root.querySelectorAll('[data-testid="queue-post"]')];
    expect(rows.map((r) => [r.getAttribute('data-post-id'), r.getAttribute('data-state'), r.querySelector('[data-testid="post-state"]')!.textContent])).toEqual([
      ['late', 'missed', 'Missed'],
      ['soon', 'due', 'Due now'],
    ]);
    expect(rows[0]!.className).toBe('missed');
    // Only a due post offers the composer and "Mark as published".
    expect([...rows[1]!.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Open composer', 'Mark as published']);
    expect(rows[0]!.querySelectorAll('button').length).toBe(0);
    expect(root.querySelector('[data-testid="trend"] .trend-name')?.textContent).toBe('AI agents');
    expect(root.querySelector('[data-testid="trend"] .muted')?.textContent).toBe('Hacker News · Google Trends');
    // Nothing answered: the background was only asked (status first), never awaited for this paint.
    expect(sent).toEqual(['getStatus']);
  });
});

describe('Draft from this page', () => {
  it('drafts from the active page’s text, labels the draft, and schedules the edited text at the suggested time', async () => {
    const calls: { type: string; req: unknown }[] = [];
    const answers: Record<string, unknown> = {
      getStatus: { workerUrl: 'w', paired: true, workspace: { id: 'w', name: 'W' }, pending: 0, held: [], lastError: null, deadLetters: 0 },
      checkDue: { notified: [], offline: false },
      getTrends: { trends: [], fetchedAt: now, offline: false, stale: false, paired: true, error: null },
      todayQueue: { posts: [], fetchedAt: now, offline: false, error: null },
      draft: { path: 'built-in', draft: { text: 'Agents are eating the browser. Here is why.', label: 'lead hook' }, messageScore: null },
      scheduleDraft: { ...post('new', 'scheduled', at(600)), text: 'edited' },
      predictDraft: {
        paired: true,
        offline: false,
        error: null,
        modelFetchedAt: now,
        prediction: { path: 'general-model', message: 'workspace history is thin (63 posts; 200 needed)', probability: 0.42, expected: { low: 10, median: 20, high: 40 }, reasons: [{ text: 'questions do better on X', weight: 0.3 }], betterTimes: [], timing: null },
      },
    };
    const d: PopupDeps = {
      ...deps(),
      send: (async (type: string, req: unknown) => (calls.push({ type, req }), answers[type])) as typeof sendMessage,
      pageSource: async () => ({ title: 'Agents / X', url: 'https://x.com/home', text: 'Agents are eating the browser, one tab at a time.' }),
    };
    const root = window.document.body as unknown as HTMLElement;
    render(<Popup deps={d} />, root);
    const button = await vi.waitFor(() => {
      const found = [...root.querySelectorAll('button')].find((b) => b.textContent === 'For X');
      if (!found) throw new Error('no "For X" button yet');
      return found;
    });
    button.click();
    await vi.waitFor(() => expect(root.querySelector('[data-testid="draft-label"]')?.textContent).toBe('Built-in draft for X · lead hook'));
    expect(calls.find((c) => c.type === 'draft')!.req).toEqual({
      platform: 'x',
      source: { kind: 'page', text: 'Agents are eating the browser, one tab at a time.', title: 'Agents / X', url: 'https://x.com/home' },
    });
    const textarea = root.querySelector('textarea')!;
    expect(textarea.value).toBe('Agents are eating the browser. Here is why.');
    // Scored before it is scheduled, by the composer hint's engine.
    await vi.waitFor(() => expect(root.querySelector('[data-testid="draft-score"]')?.textContent).toMatch(/^This draft: 42 % chance of your top quarter · usually 10–40 interactions▲ questions do better on Xscored by the general model$/));
    expect(calls.filter((c) => c.type === 'predictDraft').map((c) => c.req)).toEqual([{ platform: 'x', text: 'Agents are eating the browser. Here is why.' }]);
    textarea.value = 'edited';
    textarea.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
    // Edits are rescored once typing pauses.
    await vi.waitFor(() => expect(calls.filter((c) => c.type === 'predictDraft').at(-1)!.req).toEqual({ platform: 'x', text: 'edited' }));
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Schedule at suggested time')!.click();
    await vi.waitFor(() => expect(root.querySelector('[data-testid="draft-scheduled"]')).not.toBeNull());
    expect(calls.find((c) => c.type === 'scheduleDraft')!.req).toMatchObject({ platform: 'x', topic: 'Agents / X', text: 'edited' });
  });
});

describe('Trending now', () => {
  it('opens a trend in place with its keywords and forecast, drafts from it and schedules under its name', async () => {
    const calls: { type: string; req: unknown }[] = [];
    const trend = { id: 't1', name: 'Passkeys', score: 62, platforms: ['hackernews'], keywords: ['passkeys', 'passwords'], firstDetectedAt: new Date(now - 3 * 3_600_000).toISOString(), peakPredictedAt: new Date(now + 5 * 3_600_000).toISOString() };
    const answers: Record<string, unknown> = {
      getStatus: { workerUrl: 'w', paired: true, workspace: { id: 'w', name: 'W' }, pending: 0, held: [], lastError: null, deadLetters: 0 },
      checkDue: { notified: [], offline: false },
      getTrends: { trends: [trend], fetchedAt: now, offline: false, stale: false, paired: true, error: null },
      todayQueue: { posts: [post('soon', 'due', at(120))], fetchedAt: now, offline: false, error: null },
      draft: { path: 'built-in', draft: { text: 'Passkeys are replacing passwords faster than expected.', label: 'lead hook' }, messageScore: null },
      scheduleDraft: { ...post('new', 'scheduled', at(600)), platform: 'linkedin' },
      predictDraft: { paired: true, offline: false, error: null, modelFetchedAt: now, prediction: { path: 'no-model', message: 'not enough linkedin history to predict yet: 0 of your posts imported', probability: null, expected: null, reasons: [], betterTimes: [], timing: null } },
    };
    const d: PopupDeps = { ...deps(), send: (async (type: string, req: unknown) => (calls.push({ type, req }), answers[type])) as typeof sendMessage };
    const root = window.document.body as unknown as HTMLElement;
    render(<Popup deps={d} />, root);
    const head = await vi.waitFor(() => {
      const found = root.querySelector<HTMLButtonElement>('[data-trend-id="t1"] .trend-head');
      if (!found || !found.textContent?.includes('Passkeys')) throw new Error('no Passkeys row yet');
      return found;
    });
    // The queue names platforms as people write them.
    expect(root.querySelector('[data-testid="queue-post"] .muted')?.textContent).toMatch(/ · X$/);
    expect(head.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('[data-testid="trend-more"]')).toBeNull();
    head.click();
    const more = await vi.waitFor(() => {
      const found = root.querySelector('[data-testid="trend-more"]');
      if (!found) throw new Error('the trend did not open');
      return found;
    });
    expect(head.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toContain('passkeys, passwords');
    expect(more.textContent).toMatch(/First seen 3 hours ago · peak expected in 5 hours/);
    [...more.querySelectorAll('button')].find((b) => b.textContent === 'Draft for LinkedIn')!.click();
    await vi.waitFor(() => expect(more.querySelector('[data-testid="draft-label"]')?.textContent).toBe('Built-in draft for LinkedIn · lead hook'));
    expect(calls.find((c) => c.type === 'draft')!.req).toEqual({ platform: 'linkedin', source: { kind: 'trend', trendId: 't1' } });
    // Shown under the trend only, with what its score needs.
    expect(root.querySelector('[data-testid="draft"] [data-testid="draft-label"]')).toBeNull();
    await vi.waitFor(() => expect(more.querySelector('[data-testid="draft-score"]')?.textContent).toBe('No draft score yet: not enough linkedin history to predict yet: 0 of your posts imported'));
    [...more.querySelectorAll('button')].find((b) => b.textContent === 'Schedule at suggested time')!.click();
    await vi.waitFor(() => expect(more.querySelector('[data-testid="draft-scheduled"]')).not.toBeNull());
    expect(calls.find((c) => c.type === 'scheduleDraft')!.req).toMatchObject({ platform: 'linkedin', topic: 'Passkeys', text: 'Passkeys are replacing passwords faster than expected.' });
    head.click();
    await vi.waitFor(() => expect(root.querySelector('[data-testid="trend-more"]')).toBeNull());
  });
});
