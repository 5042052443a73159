import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Competitor, CompetitorDetail } from '../shared/contracts/api.ts';
import { root } from '../scripts/wrangler.ts';
import { extractPage } from '../extension/sites/index.ts';
import { documentFrom } from '../extension/sites/testing.ts';
import { authorBaselines, insightParts, postInsight } from '../extension/lib/insight.ts';
import { accountOf, snapshotOf } from '../extension/lib/competitor-visit.ts';
import { artifactsDir, launchWithExtension, routeSites, urlFixtures, type ExtensionBrowser } from './support/browser.ts';
import { WorkerApi } from './support/worker-api.ts';
import { OptionsPage } from './pages/options.ts';

/**
 * The on-page overlays against a real local worker, on fixture pages served at the real
 * hostnames: the competitor card (untracked → nothing stored; tracked → a snapshot per
 * visit), post insight badges, and the posting-time hint in the composers.
 */
let browser: ExtensionBrowser;
const workerUrl = inject('workerUrl');
const console_ = new WorkerApi(workerUrl);

async function api<T>(p: string): Promise<T> {
  const res = await fetch(`${workerUrl}${p}`, { headers: { authorization: `Bearer ${console_.token}` } });
  if (!res.ok) throw new Error(`GET ${p} → ${res.status}`);
  return (await res.json()) as T;
}
const tracked = async (platform: string, handle: string) =>
  (await api<{ competitors: Competitor[] }>(`/v1/competitors?platform=${platform}&handle=${encodeURIComponent(handle)}`)).competitors;

const card = (page: Page) => page.locator('[data-sightline="competitor-card"]');
const cardText = (page: Page) => card(page).locator('section').innerText();
const cardState = (page: Page) => card(page).locator('section').getAttribute('data-state');

beforeAll(async () => {
  browser = await launchWithExtension();
  await routeSites(browser.context);
  await OptionsPage.signUpAndPair(browser.context, browser.extensionId, workerUrl, console_, 'Overlay Workspace');
});

afterAll(async () => {
  await browser?.close();
});

describe('competitor card', () => {
  it('X profile, untracked: page figures, "Not tracked", and nothing reaches the worker', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/sightline_demo');
    await card(page).waitFor();
    await expect.poll(() => cardState(page)).toBe('untracked');
    const text = await cardText(page);
    expect(text).toContain('Sightline Demo');
    expect(text).toMatch(/followers\s*1\.2M/);
    expect(text).toMatch(/following\s*1\.0K/);
    expect(text).toContain('Not tracked: Sightline stores nothing about this account.');
    expect(await card(page).getByRole('button', { name: 'Track as competitor' }).count()).toBe(1);
    expect(await tracked('x', 'sightline_demo')).toEqual([]);
    await card(page).screenshot({ path: path.join(artifactsDir, 'overlay-competitor-card-untracked.png') });
    await page.close();
  });

  it('Track (from the keyboard) stores this visit; each later visit adds a snapshot, also in Dexie', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/sightline_demo');
    await expect.poll(() => cardState(page)).toBe('untracked');
    const button = card(page).getByRole('button', { name: 'Track as competitor' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => cardState(page), { timeout: 30_000 }).toBe('tracked');
    await card(page).getByTestId('tracked').filter({ hasText: /1 visit stored · synced/ }).waitFor({ timeout: 30_000 });

    const [competitor] = await tracked('x', 'sightline_demo');
    expect(competitor).toMatchObject({ platform: 'x', handle: 'sightline_demo', name: 'Sightline Demo📈' });
    const first = await api<CompetitorDetail>(`/v1/competitors/${competitor!.id}`);
    expect(first.snapshots.map((s) => s.followers)).toEqual([1_200_000]);
    await page.close();

    const again = await browser.context.newPage();
    await again.goto('https://x.com/sightline_demo');
    await card(again).getByTestId('tracked').filter({ hasText: /2 visits stored · synced/ }).waitFor({ timeout: 30_000 });
    // Two visits minutes apart: growth is honest about needing another day.
    expect(await card(again).getByTestId('notes').innerText()).toContain('growth needs snapshots at least a day apart');
    const second = await api<CompetitorDetail>(`/v1/competitors/${competitor!.id}`);
    expect(second.snapshots).toHaveLength(2);
    // The account's own tweets (not the ones it quotes) went with the snapshot, once each.
    const url = 'https://x.com/sightline_demo';
    const ex = extractPage(documentFrom(readFileSync(path.join(root, urlFixtures[url]!), 'utf8'), url), new URL(url), new Date())!;
    const own = snapshotOf(ex, accountOf(ex, new URL(url))!, new Date()).posts.map((p) => p.externalId);
    expect(own.length).toBeGreaterThan(1);
    const stored = (await api<{ posts: { id: string; author: string }[] }>('/v1/posts?kind=competitor&platform=x')).posts;
    expect(stored.map((p) => p.id).sort()).toEqual([...own].sort());
    expect(new Set(stored.map((p) => p.author))).toEqual(new Set(['sightline_demo']));
    await card(again).screenshot({ path: path.join(artifactsDir, 'overlay-competitor-card-tracked.png') });
    await again.close();
  });

  it('a re-rendered header re-mounts the card without recording the same visit twice', async () => {
    const [competitor] = await tracked('x', 'sightline_demo');
    const count = async () => (await api<CompetitorDetail>(`/v1/competitors/${competitor!.id}`)).snapshots.length;
    const before = await count();
    const page = await browser.context.newPage();
    await page.goto('https://x.com/sightline_demo');
    await card(page).getByTestId('tracked').filter({ hasText: /synced/ }).waitFor({ timeout: 30_000 });
    expect(await count()).toBe(before + 1);
    const firstHost = await card(page).elementHandle();
    // What React does when it re-renders a subtree: a new header element.
    await page.evaluate(() => {
      const h = document.querySelector('[data-testid="UserName"]')!;
      h.replaceWith(h.cloneNode(true));
    });
    await expect.poll(() => card(page).evaluate((el, old) => el !== old, firstHost)).toBe(true);
    await expect.poll(() => cardState(page)).toBe('tracked');
    expect(await card(page).count()).toBe(1);
    await page.waitForTimeout(1_000);
    expect(await count()).toBe(before + 1);
    await page.close();
  });

  it('is mounted once, and removed when a single-page navigation leaves the profile', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/sightline_demo');
    await card(page).waitFor();
    await page.waitForTimeout(500);
    expect(await card(page).count()).toBe(1);
    await page.evaluate(() => {
      history.pushState({}, '', '/home');
      document.querySelector('main')!.replaceChildren(document.createElement('section'));
    });
    await expect.poll(() => card(page).count()).toBe(0);
    await page.close();
  });

  it('follows the system colour scheme (light and dark)', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.linkedin.com/company/sightline-demo/posts/');
    const section = card(page).locator('section');
    await section.waitFor();
    const colours = () => section.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await colours()).toEqual(['rgb(255, 255, 255)', 'rgb(23, 32, 42)']);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await colours()).toEqual(['rgb(21, 25, 30)', 'rgb(231, 237, 243)']);
    await card(page).screenshot({ path: path.join(artifactsDir, 'overlay-competitor-card-dark.png') });
    await page.close();
  });

  it('YouTube channel and LinkedIn company: figures from the page, untracked', async () => {
    const yt = await browser.context.newPage();
    await yt.goto('https://www.youtube.com/@demochannel/videos');
    await expect.poll(() => cardState(yt)).toBe('untracked');
    expect(await cardText(yt)).toMatch(/subscribers\s*3\.7M[\s\S]*videos\s*1\.2K/);
    // The site's own scripts can reach the card's buttons; their clicks track nothing.
    await yt.evaluate(() => {
      for (const b of document.querySelector('[data-sightline="competitor-card"]')!.shadowRoot!.querySelectorAll('button')) b.click();
    });
    await yt.waitForTimeout(500);
    expect(await cardState(yt)).toBe('untracked');
    expect(await tracked('youtube', 'demochannel')).toEqual([]);
    expect((await api<{ accounts: unknown[] }>('/v1/accounts')).accounts).toEqual([]);
    await yt.close();

    const li = await browser.context.newPage();
    await li.goto('https://www.linkedin.com/company/sightline-demo/posts/');
    await expect.poll(() => cardState(li)).toBe('untracked');
    const text = await cardText(li);
    expect(text).toContain('Sightline Demo');
    expect(text).toMatch(/followers\s*1\.2M/);
    expect(text).toMatch(/employees\s*10,001\+/);
    // Cadence and engagement from the posts on the page (nothing stored).
    expect(text).toMatch(/avg engagement\s*[\d.]+ %\/post/);
    expect(await tracked('linkedin', 'company/sightline-demo')).toEqual([]);
    await card(li).screenshot({ path: path.join(artifactsDir, 'overlay-competitor-card-linkedin.png') });
    await li.close();
  });

  it('"This is my account" (LinkedIn company): the page’s posts join the workspace’s own history, and every later visit updates them', async () => {
    const li = await browser.context.newPage();
    await li.goto('https://www.linkedin.com/company/sightline-demo/posts/');
    await expect.poll(() => cardState(li)).toBe('untracked');
    await card(li).getByRole('button', { name: 'This is my account' }).click();
    await expect.poll(() => cardState(li), { timeout: 30_000 }).toBe('mine');
    const line = card(li).getByTestId('mine');
    await line.filter({ hasText: /· synced$/ }).waitFor({ timeout: 30_000 });
    const saved = Number(/(\d+) posts? from this page saved to your history/.exec(await line.innerText())![1]);
    expect(saved).toBeGreaterThan(0);
    expect((await api<{ accounts: { platform: string; handle: string }[] }>('/v1/accounts')).accounts).toMatchObject([{ platform: 'linkedin', handle: 'company/sightline-demo' }]);
    const own = await api<{ posts: { author: string }[] }>('/v1/posts?kind=own&platform=linkedin&limit=500');
    expect(own.posts).toHaveLength(saved);
    expect(own.posts.every((p) => p.author === 'company/sightline-demo')).toBe(true);
    // Not a competitor: nothing was tracked.
    expect(await tracked('linkedin', 'company/sightline-demo')).toEqual([]);
    await card(li).screenshot({ path: path.join(artifactsDir, 'overlay-own-account-linkedin.png') });
    await li.close();

    // A later visit in a new page load: recognised at once, posts upserted (not duplicated).
    const again = await browser.context.newPage();
    await again.goto('https://www.linkedin.com/company/sightline-demo/posts/');
    await expect.poll(() => cardState(again), { timeout: 30_000 }).toBe('mine');
    await card(again).getByTestId('mine').filter({ hasText: /· synced$/ }).waitFor({ timeout: 30_000 });
    expect((await api<{ posts: unknown[] }>('/v1/posts?kind=own&platform=linkedin&limit=500')).posts).toHaveLength(saved);
    await again.close();

    // Released in the console (its API here) while this browser's list still says yours: the
    // next visit is refused by the worker, and the card says why and offers the choices again.
    const released = await fetch(`${workerUrl}/v1/accounts/linkedin`, { method: 'DELETE', headers: { authorization: `Bearer ${console_.token}` } });
    expect(released.status).toBe(204);
    const later = await browser.context.newPage();
    await later.goto('https://www.linkedin.com/company/sightline-demo/posts/');
    await expect.poll(() => cardState(later), { timeout: 30_000 }).toBe('untracked');
    expect(await card(later).getByTestId('notice').innerText()).toBe('No longer your account in this workspace, so this visit was not saved.');
    expect(await card(later).getByRole('button', { name: 'This is my account' }).isEnabled()).toBe(true);
    await later.close();
  });

  it('says it could not read the page when the extractor finds nothing, and the page keeps working', async () => {
    const page = await browser.context.newPage();
    await page.route('https://www.linkedin.com/company/broken-demo/', (r) =>
      r.fulfill({ contentType: 'text/html', body: '<main><section class="org-top-card"><div>redesigned header</div></section><button id="own">site button</button></main>' }),
    );
    await page.goto('https://www.linkedin.com/company/broken-demo/');
    await expect.poll(() => cardState(page)).toBe('unreadable');
    expect(await cardText(page)).toContain('Couldn’t read this page');
    await page.locator('#own').click();
    expect(await tracked('linkedin', 'company/broken-demo')).toEqual([]);
    await page.close();
  });
});

describe('post insight badges', () => {
  it('X profile: engagement vs the author’s average and velocity, as computed by the extractor + insight helpers', async () => {
    const url = 'https://x.com/sightline_demo';
    const html = readFileSync(path.join(root, urlFixtures[url]!), 'utf8');
    const ex = extractPage(documentFrom(html, url), new URL(url), new Date())!;
    const baselines = authorBaselines(ex.posts);
    const expectedRelative = ex.posts
      .map((p) => insightParts(postInsight(p, baselines, Date.now()))[0] ?? '')
      .filter((t) => t.includes('author avg'))
      .sort();
    expect(expectedRelative.length).toBeGreaterThan(1);

    const page = await browser.context.newPage();
    await page.goto(url);
    const hosts = page.locator('sightline-trend-badge');
    await expect.poll(() => hosts.count()).toBe(ex.posts.length);
    const shown = await hosts.evaluateAll((hs) => hs.map((h) => h.getAttribute('data-insight') ?? ''));
    expect(shown.map((s) => s.split(' · ')[0]!).filter((t) => t.includes('author avg')).sort()).toEqual(expectedRelative);
    // Every readable tweet has a per-hour velocity from its <time datetime>.
    for (const s of shown.filter((x) => x.includes('author avg'))) expect(s).toMatch(/ · [\d.]+[KM]? eng\.\/h$/);
    // Keyboard reachable: the figures take focus.
    const chip = hosts.first().locator('.insight');
    await chip.focus();
    expect(await chip.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await hosts.first().screenshot({ path: path.join(artifactsDir, 'overlay-post-insight-x.png') });
    await page.close();
  });

  it('YouTube channel tiles: views per hour', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.youtube.com/@demochannel/videos');
    const hosts = page.locator('sightline-trend-badge');
    await expect.poll(() => hosts.count()).toBe(2);
    const shown = await hosts.evaluateAll((hs) => hs.map((h) => h.getAttribute('data-insight')));
    for (const s of shown) expect(s).toMatch(/^[\d.]+[KM]? views\/h$/);
    await page.close();
  });
});

describe('posting-time hint', () => {
  it('X compose: next best slots, with the defaults note for a workspace without history', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/compose/post');
    const hint = page.locator('[data-sightline="posting-time-hint"]');
    await hint.locator('li').first().waitFor({ timeout: 30_000 });
    expect(await hint.getByTestId('defaults').innerText()).toBe('Not enough history yet, showing X defaults');
    const best = await fetch(`${workerUrl}/v1/best-times?platform=x&timeZone=UTC&top=3`, { headers: { authorization: `Bearer ${console_.token}` } });
    expect(((await best.json()) as { slots: unknown[] }).slots).toHaveLength(3);
    expect(await hint.locator('li').count()).toBe(3);
    // Sits after the toolbar inside the compose dialog, not inside the editor.
    expect(await page.locator('[role="dialog"] [data-testid="toolBar"] + [data-sightline="posting-time-hint"]').count()).toBe(1);
    await hint.screenshot({ path: path.join(artifactsDir, 'overlay-posting-time-x.png') });
    await page.close();
  });

  it('LinkedIn share modal: the hint under the editor, LinkedIn defaults', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.linkedin.com/feed/?shareActive=true');
    const hint = page.locator('[role="dialog"] [data-sightline="posting-time-hint"]');
    await hint.locator('li').first().waitFor({ timeout: 30_000 });
    expect(await hint.getByTestId('defaults').innerText()).toBe('Not enough history yet, showing LinkedIn defaults');
    expect(await page.locator('[data-sightline="posting-time-hint"]').count()).toBe(1);
    // The modal's Quill editor is read too: a draft written there is scored. Too little LinkedIn
    // history for a model yet: only the posts the company page visit above saved (counted here).
    const own = (await api<{ posts: unknown[] }>('/v1/posts?kind=own&platform=linkedin&limit=500')).posts.length;
    await page.locator('[role="dialog"] .ql-editor').click();
    await page.keyboard.type('Three things we learned shipping a browser extension this year.');
    await hint.getByTestId('draft-score').filter({ hasText: new RegExp(`^No draft score yet: not enough linkedin history to predict yet: ${own} of your posts imported`) }).waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('X compose: the draft is scored as it is written — what to import first, then the chance, the range and the reasons', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/compose/post');
    const hint = page.locator('[data-sightline="posting-time-hint"]');
    const score = hint.getByTestId('draft-score');
    await score.filter({ hasText: 'Write a few words and Sightline scores the draft.' }).waitFor({ timeout: 30_000 });
    const editor = page.locator('[data-testid="tweetTextarea_0"]');
    const write = async (text: string) => {
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(text);
    };
    await write('What would you automate first in your release process?');
    await score.filter({ hasText: /^No draft score yet: not enough x history to predict yet: 0 of your posts imported/ }).waitFor({ timeout: 30_000 });

    // 60 X posts of this workspace (questions do better here); the import queues the model training.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const question = i % 3 === 0;
      const at = new Date(Date.UTC(2026, 8, 1 + Math.floor(i / 2), 9 + (i % 2) * 6)).toISOString();
      return `h${i},x,me,${question ? `What would you automate first? Post ${i}` : `Release notes for week ${i}`},,${at},${question ? 200 + i : 20 + (i % 7)},${i % 5},1,`;
    });
    const imported = await fetch(`${workerUrl}/v1/posts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${console_.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'own', csv: ['id,platform,author,text,url,published_at,likes,comments,shares,views', ...rows].join('\n') }),
    });
    expect(imported.status).toBe(201);
    // Training runs in the queue: edit the draft until the model answers.
    let attempt = 0;
    await expect
      .poll(
        async () => {
          await write(`What would you automate first in your release process? (${++attempt})`);
          await score.filter({ hasNotText: 'Scoring the draft…' }).waitFor();
          return score.innerText();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toMatch(/^This draft: \d+ % chance of your top quarter · usually [\d,]+–[\d,]+ interactions/);
    const text = await score.innerText();
    expect(text).toMatch(/scored by the general model$/);
    // Reasons in words, marked up or down: a question does well in this history.
    expect(await score.locator('ul.reasons li').count()).toBeGreaterThan(0);
    expect(await score.getAttribute('title')).toMatch(/^Scored by the general model: workspace history is thin \(\d+ posts; 200 needed\)/);
    await hint.screenshot({ path: path.join(artifactsDir, 'overlay-draft-score-x.png') });
    await page.close();

    // The new model told the background the history changed: the next composer's best times
    // come from the 60 imported posts, not the defaults cached an hour for the first visit.
    const again = await browser.context.newPage();
    await again.goto('https://x.com/compose/post');
    const next = again.locator('[data-sightline="posting-time-hint"]');
    await next.locator('li').first().waitFor({ timeout: 30_000 });
    expect(await next.getByTestId('defaults').count()).toBe(0);
    await again.close();
  });
});
