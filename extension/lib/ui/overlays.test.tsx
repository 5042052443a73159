import { Window } from 'happy-dom';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { competitorGrowth } from '../../../shared/competitors/growth.ts';
import type { CompetitorState } from '../messages.ts';
import { CompetitorCard } from './competitor-card.tsx';
import { ComposerBar } from './composer-bar.tsx';
import { PostBadge } from './post-badge.tsx';
import { TimeHint, type DraftScoreView } from './time-hint.tsx';

// Preact renders into a happy-dom document, as it would into the shadow root.
const window = new Window();
const g = globalThis as unknown as Record<string, unknown>;
g['document'] = window.document;
const container = () => window.document.body.appendChild(window.document.createElement('div')) as unknown as HTMLElement;
afterEach(() => {
  window.document.body.innerHTML = '';
});

/** A click as the browser reports the user's own (happy-dom has no isTrusted; scripts' clicks are untrusted). */
function userClick(el: Element): void {
  const e = new window.MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e as unknown as Event);
}

const untracked: CompetitorState = { paired: true, tracked: false, competitorId: null, snapshots: 0, snapshotsFrom: 'browser', growth: null, sync: null, syncReason: null, offline: false, mine: false, ownPostsSaved: null, notice: null };

describe('CompetitorCard', () => {
  it('untracked: the page’s figures, the privacy line and a real Track button', () => {
    const el = container();
    render(<CompetitorCard account={{ name: 'Motion', handle: 'company/motionapp' }} metrics={[{ label: 'followers', value: 8000 }]} page={null} state={untracked} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    expect(el.querySelector('section')?.getAttribute('data-state')).toBe('untracked');
    expect(el.textContent).toContain('followers8.0K');
    expect(el.textContent).toContain('Not tracked: Sightline stores nothing about this account.');
    const button = el.querySelector('button');
    expect(button?.textContent).toBe('Track as competitor');
    expect(button?.getAttribute('type')).toBe('button');
    expect(button?.disabled).toBe(false);
  });

  it('untracked also offers "This is my account"; your own account says what its visit saved', () => {
    const el = container();
    let claimed = 0;
    render(<CompetitorCard account={{ name: 'Sightline', handle: 'sightline-demo' }} metrics={[]} page={null} state={untracked} error={null} onTrack={async () => undefined} onClaim={async () => void claimed++} />, el);
    const claim = [...el.querySelectorAll('button')].find((b) => b.textContent === 'This is my account')!;
    expect(claim.getAttribute('title')).toBe('Your posts on this page join your history: best times and predictions learn from them');
    // A script on the site can click it; only the user's own click claims the account.
    claim.click();
    expect(claimed).toBe(0);
    userClick(claim);
    expect(claimed).toBe(1);
    render(<CompetitorCard account={{ name: 'Sightline', handle: 'sightline-demo' }} metrics={[]} page={null} state={{ ...untracked, mine: true, ownPostsSaved: 3, sync: 'saved' }} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    expect(el.querySelector('section')?.getAttribute('data-state')).toBe('mine');
    expect(el.querySelector('[data-testid="mine"]')?.textContent).toBe('Your account · 3 posts from this page saved to your history · synced');
    expect(el.querySelector('[data-testid="untracked"]')).toBeNull();
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('unpaired: Track is disabled and says why', () => {
    const el = container();
    render(<CompetitorCard account={{ name: 'Motion', handle: 'm' }} metrics={[]} page={null} state={{ ...untracked, paired: false }} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    expect(el.querySelector('button')?.disabled).toBe(true);
    expect(el.querySelector('button')?.getAttribute('title')).toMatch(/Pair Sightline/);
  });

  it('tracked: growth from the stored visits, and honest notes when there is no second day yet', () => {
    const el = container();
    const growth = competitorGrowth([{ capturedAt: Date.parse('2026-11-20T00:00:00Z'), followers: 1000 }], [], Date.parse('2026-11-20T00:00:00Z'));
    render(<CompetitorCard account={{ name: 'Rival', handle: 'rival' }} metrics={[]} page={null} state={{ ...untracked, tracked: true, competitorId: 'c1', snapshots: 1, growth, sync: 'queued' }} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    expect(el.querySelector('[data-testid="growth"]')?.textContent).toBe('—');
    expect(el.querySelector('[data-testid="notes"]')?.textContent).toContain('growth appears after a second visit on another day');
    expect(el.querySelector('[data-testid="tracked"]')?.textContent).toContain('1 visit stored · this visit is queued');
    expect(el.querySelector('button')).toBeNull();
  });

  it('a visit queued behind a refused token asks to pair again; one queued by an outage says the worker is unreachable', () => {
    const el = container();
    const growth = competitorGrowth([{ capturedAt: Date.parse('2026-11-20T00:00:00Z'), followers: 1000 }], [], Date.parse('2026-11-20T00:00:00Z'));
    const tracked = { ...untracked, tracked: true, competitorId: 'c1', snapshots: 1, growth, sync: 'queued' as const };
    const card = (state: CompetitorState) => render(<CompetitorCard account={{ name: 'Rival', handle: 'rival' }} metrics={[]} page={null} state={state} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    card({ ...tracked, syncReason: 'unauthorized' });
    expect(el.querySelector('[data-testid="tracked"]')?.textContent).toMatch(/this visit is queued \(the worker refused this browser’s token: pair it again in Sightline options\)$/);
    card({ ...tracked, syncReason: 'unreachable' });
    expect(el.querySelector('[data-testid="tracked"]')?.textContent).toMatch(/this visit is queued \(worker unreachable\)$/);
    card({ ...untracked, mine: true, ownPostsSaved: 3, sync: 'queued', syncReason: 'unauthorized' });
    expect(el.querySelector('[data-testid="mine"]')?.textContent).toMatch(/saved to your history \(queued: the worker refused this browser’s token: pair it again in Sightline options\)$/);
  });

  it('says when the visits behind the figures are the workspace’s rather than this browser’s', () => {
    const el = container();
    const growth = competitorGrowth([{ capturedAt: Date.parse('2026-11-18T00:00:00Z'), followers: 1000 }, { capturedAt: Date.parse('2026-11-20T00:00:00Z'), followers: 1100 }], [], Date.parse('2026-11-20T00:00:00Z'));
    render(<CompetitorCard account={{ name: 'Rival', handle: 'rival' }} metrics={[]} page={null} state={{ ...untracked, tracked: true, competitorId: 'c1', snapshots: 2, snapshotsFrom: 'workspace', growth, sync: 'saved' }} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    expect(el.querySelector('[data-testid="tracked"]')?.textContent).toBe('Tracked · 2 visits stored in your workspace · synced');
    expect(el.querySelector('[data-testid="growth"]')?.textContent).toMatch(/^\+50\/day/);
  });

  it('links a best post only to a web page: a stored javascript: URL is shown as text, not run on the site', () => {
    const el = container();
    const at = Date.parse('2026-11-20T00:00:00Z');
    const post = (id: string, url: string) => ({ id, text: `post ${id}`, url, publishedAt: at - 86_400_000, likes: 10, comments: 1, shares: 0, views: null });
    const growth = competitorGrowth([{ capturedAt: at, followers: 1000 }], [post('1', 'https://x.com/rival/status/1'), post('2', 'javascript:alert(document.cookie)')], at);
    render(<CompetitorCard account={{ name: 'Rival', handle: 'rival' }} metrics={[]} page={null} state={{ ...untracked, tracked: true, competitorId: 'c1', snapshots: 1, growth, sync: 'saved' }} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    const items = [...el.querySelectorAll('[aria-label="Best recent posts"] li')];
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href') ?? null).sort()).toEqual(['https://x.com/rival/status/1', null]);
    expect(items.map((li) => li.textContent).join(' ')).toContain('post 2');
  });

  it('an unreadable page says so instead of showing empty figures', () => {
    const el = container();
    render(<CompetitorCard account={null} metrics={[]} page={null} state={null} error={null} onTrack={async () => undefined} onClaim={async () => undefined} />, el);
    expect(el.textContent).toContain('Couldn’t read this page');
  });
});

describe('PostBadge', () => {
  it('folds the trend (score + Save) and the insight into one badge', () => {
    const el = container();
    render(<PostBadge trend={{ trend: { id: 't', name: 'AI agents', score: 81 }, matched: ['agents'], onSave: async () => ({ state: 'saved' }) }} insight={['1.5× author avg (4 posts)', '12 eng./h']} />, el);
    expect(el.querySelector('.label')?.textContent).toBe('Trend 81 · AI agents');
    expect(el.querySelectorAll('button')).toHaveLength(1);
    expect(el.querySelector('.insight')?.textContent).toBe('1.5× author avg (4 posts) · 12 eng./h');
    expect(el.querySelector('.insight')?.getAttribute('tabindex')).toBe('0');
  });

  it('saves only on the user’s own click, not on one a page script dispatches', async () => {
    const el = container();
    let saves = 0;
    render(<PostBadge trend={{ trend: { id: 't', name: 'AI agents', score: 81 }, matched: ['agents'], onSave: async () => (saves++, { state: 'saved' }) }} insight={[]} />, el);
    const save = el.querySelector('button')!;
    save.click();
    expect(saves).toBe(0);
    userClick(save);
    expect(saves).toBe(1);
  });

  it('a save queued behind a refused token asks to pair again; one queued by an outage says the worker is unreachable', async () => {
    // Decided by the typed reason alone.
    for (const [result, title] of [
      [{ reason: 'unauthorized' }, /pair it again in Sightline options/],
      [{ reason: 'unreachable' }, /worker is unreachable/],
      [{ reason: 'busy' }, /still applying an earlier attempt/],
      // No reason given: an outage.
      [{}, /worker is unreachable/],
    ] as const) {
      const el = container();
      render(<PostBadge trend={{ trend: { id: 't', name: 'AI agents', score: 81 }, matched: ['agents'], onSave: async () => ({ state: 'queued', ...result }) }} insight={[]} />, el);
      userClick(el.querySelector('button')!);
      await new Promise((r) => setTimeout(r, 0));
      expect(el.querySelector('.badge')?.getAttribute('title')).toMatch(title);
      render(null, el);
    }
  });

  it('says when the trends behind a badge are old because the worker is unreachable', () => {
    const el = container();
    const trend = { id: 't', name: 'AI agents', score: 81 };
    render(<PostBadge trend={{ trend, matched: ['agents'], onSave: async () => ({ state: 'saved' }) }} insight={[]} />, el);
    expect(el.querySelector('.badge')?.getAttribute('title')).toBe('Sightline trend score 81/100 · matched: agents');
    render(<PostBadge trend={{ trend, matched: ['agents'], asOf: Date.now() - 3 * 86_400_000, onSave: async () => ({ state: 'saved' }) }} insight={[]} />, el);
    expect(el.querySelector('.badge')?.getAttribute('title')).toMatch(/^Sightline trend score 81\/100 · matched: agents · worker unreachable: trends as of 3 days ago$/);
  });

  it('says when a post’s counts could not be read', () => {
    const el = container();
    render(<PostBadge trend={null} insight={null} />, el);
    expect(el.querySelector('.insight')?.getAttribute('data-insight')).toBe('unreadable');
  });
});

describe('ComposerBar', () => {
  it('marks the post published only on the user’s own click', () => {
    const el = container();
    let marked = 0;
    render(<ComposerBar platformName="X" state="filled" error={null} onMarkPublished={() => void marked++} />, el);
    const mark = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Mark as published')!;
    mark.click();
    expect(marked).toBe(0);
    userClick(mark);
    expect(marked).toBe(1);
  });
});

describe('TimeHint', () => {
  const slots = [{ label: 'Tue 14:00', next: '2026-12-01T14:00:00.000Z', expectedLift: 0.12, confidence: 0.7 }];
  it('defaults: says so, then lists the next slots in the user’s zone', () => {
    const el = container();
    render(<TimeHint state={{ paired: true, usingDefaults: true, message: '', slots, offline: false, fetchedAt: 1 }} error={null} platformName="X" timeZone="UTC" />, el);
    expect(el.querySelector('[data-testid="defaults"]')?.textContent).toBe('Not enough history yet, showing X defaults');
    expect(el.querySelector('li')?.textContent).toBe('Tue 14:00 (+12 %)');
  });

  it('from history: no defaults note', () => {
    const el = container();
    render(<TimeHint state={{ paired: true, usingDefaults: false, message: '', slots, offline: false, fetchedAt: 1 }} error={null} platformName="X" timeZone="Europe/Berlin" />, el);
    expect(el.querySelector('[data-testid="defaults"]')).toBeNull();
    expect(el.querySelector('li')?.textContent).toBe('Tue 15:00 (+12 %)');
  });

  describe('the draft score', () => {
    const hint = { paired: true, usingDefaults: false, message: '', slots, offline: false, fetchedAt: 1 };
    const scored = (el: HTMLElement) => el.querySelector('[data-testid="draft-score"]');
    const prediction = {
      path: 'workspace-model' as const,
      message: 'trained on 412 of this workspace’s posts',
      probability: 0.342,
      expected: { low: 1200, median: 2400, high: 4100 },
      reasons: [
        { text: 'posts that ask a question do better for this account', weight: 0.4 },
        { text: 'posts with a link do worse for this account', weight: -0.2 },
      ],
      betterTimes: [],
      timing: '',
    };
    const draw = (draft: DraftScoreView) => {
      const el = container();
      render(<TimeHint state={hint} error={null} platformName="X" timeZone="UTC" draft={draft} />, el);
      return el;
    };

    it('invites writing, then says it is scoring', () => {
      expect(scored(draw({ kind: 'idle' }))?.textContent).toBe('Write a few words and Sightline scores the draft.');
      expect(scored(draw({ kind: 'scoring' }))?.textContent).toBe('Scoring the draft…');
    });

    it('a prediction: chance, range, reasons marked up or down, and which model', () => {
      const el = draw({ kind: 'done', state: { paired: true, offline: false, prediction, error: null, modelFetchedAt: 1 } });
      expect(scored(el)?.textContent).toMatch(/^This draft: 34 % chance of your top quarter · usually 1,200–4,100 interactions/);
      expect([...el.querySelectorAll('ul.reasons li')].map((li) => [li.className, li.textContent])).toEqual([
        ['up', '▲ posts that ask a question do better for this account'],
        ['down', '▼ posts with a link do worse for this account'],
      ]);
      expect(scored(el)?.getAttribute('title')).toBe('Scored by your own model: trained on 412 of this workspace’s posts');
      expect(scored(el)?.textContent).toMatch(/scored by your own model$/);
    });

    it('no model yet, offline, or refused: says which, in words', () => {
      const none = { ...prediction, path: 'no-model' as const, probability: null, expected: null, reasons: [], message: 'not enough x history to predict yet: 3 of your posts imported, 30 with engagement counts needed.' };
      expect(scored(draw({ kind: 'done', state: { paired: true, offline: false, prediction: none, error: null, modelFetchedAt: 1 } }))?.textContent).toBe(`No draft score yet: ${none.message}`);
      expect(scored(draw({ kind: 'done', state: { paired: true, offline: true, prediction: null, error: 'worker unreachable', modelFetchedAt: null } }))?.textContent).toBe('Draft score unavailable offline: no model kept in this browser yet.');
      expect(scored(draw({ kind: 'done', state: { paired: true, offline: false, prediction: null, error: 'not paired', modelFetchedAt: null } }))?.textContent).toBe('Draft score unavailable: not paired');
      // Offline with a kept model: scored, and says how old the model is.
      const kept = draw({ kind: 'done', state: { paired: true, offline: true, prediction, error: 'worker unreachable', modelFetchedAt: Date.now() - 2 * 3_600_000 } });
      expect(scored(kept)?.textContent).toMatch(/^This draft: 34 % chance/);
      expect(scored(kept)?.textContent).toMatch(/scored by your own model · offline, as of 2 h ago$/);
    });

    it('is left out where no composer text is read, and for an unpaired browser', () => {
      const el = container();
      render(<TimeHint state={hint} error={null} platformName="LinkedIn" timeZone="UTC" />, el);
      expect(scored(el)).toBeNull();
      render(<TimeHint state={{ ...hint, paired: false }} error={null} platformName="X" timeZone="UTC" draft={{ kind: 'idle' }} />, el);
      expect(scored(el)).toBeNull();
    });
  });

  it('unpaired: asks to pair', () => {
    const el = container();
    render(<TimeHint state={{ paired: false, usingDefaults: true, message: '', slots: [], offline: false, fetchedAt: null }} error={null} platformName="LinkedIn" timeZone="UTC" />, el);
    expect(el.textContent).toContain('Pair Sightline');
  });
});
