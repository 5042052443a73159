import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactsDir, launchWithExtension, routeSites, type ExtensionBrowser } from './support/browser.ts';
import { OutageProxy } from './support/net.ts';
import { demoTrends, WorkerApi } from './support/worker-api.ts';
import { FeedPage } from './pages/feed.ts';
import { OptionsPage } from './pages/options.ts';
import { PopupPage } from './pages/popup.ts';

/**
 * The extension against a real local worker: pairing through the options page, the popup
 * online and during an outage, trend badges on LinkedIn, X and YouTube (fixture pages on
 * the real hostnames), single-page navigation, and Save through the outbox.
 * The tests run in order and share one browser profile, like one user's session.
 */
const demo = demoTrends();
const expected = (id: string) => {
  const t = demo.get(id);
  if (!t) throw new Error(`no demo trend ${id}`);
  return t;
};

let browser: ExtensionBrowser;
let proxy: OutageProxy;
const console_ = new WorkerApi(inject('workerUrl'));

beforeAll(async () => {
  // The extension reaches the worker through a proxy the tests can take down.
  proxy = await OutageProxy.start(inject('workerUrl'));
  browser = await launchWithExtension();
  await routeSites(browser.context);
});

afterAll(async () => {
  await browser?.close();
  await proxy?.down();
});

describe('Sightline extension', () => {
  it('loads: its service worker runs', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(browser.context.serviceWorkers().some((w) => w.url().endsWith('/background.js'))).toBe(true);
  });

  it('shows the pairing prompt in the popup before pairing', async () => {
    const popup = await PopupPage.open(browser.context, browser.extensionId);
    await popup.page.getByTestId('unpaired').waitFor();
    expect(await popup.trends()).toEqual([]);
    await popup.page.close();
  });

  it('pairs through the options page with a code created in the console', async () => {
    await console_.signup('E2E Workspace');
    const { code } = await console_.pairingCode();
    const options = await OptionsPage.open(browser.context, browser.extensionId);

    await options.pair(proxy.url, 'WXYZ-2345');
    expect(await options.error()).toMatch(/pairing code is wrong/);

    await options.pair(proxy.url, code);
    expect(await options.error()).toBeNull();
    expect(await options.workspaceName()).toBe('E2E Workspace');
    expect((await console_.devices()).map((d) => d.label)).toEqual(['Sightline extension (chrome)']);
    await options.page.close();
  });

  it('lists the worker’s trends in the popup with their scores', async () => {
    const popup = await PopupPage.open(browser.context, browser.extensionId);
    await popup.settled();
    const shown = await popup.trends();
    const live = (await console_.trends()).trends;

    expect(shown.length).toBe(Math.min(20, live.length));
    expect(shown.map((t) => t.id)).toEqual(live.slice(0, 20).map((t) => t.id));
    for (const t of shown) {
      expect(t.score).toBe(expected(t.id).score);
      expect(t.name).toBe(expected(t.id).name);
    }
    // Highest score first.
    expect(shown.map((t) => t.score)).toEqual([...shown.map((t) => t.score)].sort((a, b) => b - a));
    expect(await popup.offlineMark()).toBeNull();
    await popup.screenshot(path.join(artifactsDir, 'popup.png'));
    await popup.page.close();
  });

  describe('trend badges', () => {
    it('LinkedIn: badges the posts that mention a trend, with its score; re-scans after pushState', async () => {
      const feed = await FeedPage.open(browser.context, 'https://www.linkedin.com/feed/');
      await feed.waitForBadge('demo-ai-agents');
      await feed.waitForBadge('demo-linkedin-video');
      const agents = expected('demo-ai-agents');
      expect(await feed.badges()).toEqual([
        { trendId: 'demo-ai-agents', score: agents.score, text: `Trend ${agents.score} · AI agents`, post: 'agents' },
        { trendId: 'demo-linkedin-video', score: expected('demo-linkedin-video').score, text: `Trend ${expected('demo-linkedin-video').score} · LinkedIn video`, post: 'video' },
      ]);
      await feed.badge('demo-ai-agents').screenshot({ path: path.join(artifactsDir, 'overlay-linkedin-badge.png') });
      await feed.page.locator('[data-fixture="agents"]').screenshot({ path: path.join(artifactsDir, 'overlay-linkedin-post.png') });

      await feed.navigate('/feed/?filter=following', 'next');
      await feed.waitForBadge('demo-passkeys');
      await expect.poll(() => feed.badges()).toEqual([
        { trendId: 'demo-passkeys', score: expected('demo-passkeys').score, text: `Trend ${expected('demo-passkeys').score} · Passkeys`, post: 'passkeys' },
      ]);
      await feed.page.close();
    });

    it('X: badges tweets by their tweetText; the next timeline replaces rather than adds', async () => {
      const feed = await FeedPage.open(browser.context, 'https://x.com/home');
      await feed.waitForBadge('demo-ai-agents');
      expect((await feed.badges()).map((b) => [b.post, b.trendId, b.score])).toEqual([['agents', 'demo-ai-agents', expected('demo-ai-agents').score]]);

      await feed.navigate('/miachen/status/1861000000000000003', 'next');
      await feed.waitForBadge('demo-open-weights');
      await expect.poll(async () => (await feed.badges()).map((b) => [b.post, b.trendId, b.score])).toEqual([
        ['weights', 'demo-open-weights', expected('demo-open-weights').score],
      ]);
      await feed.page.close();
    });

    it('YouTube: badges video titles; a reused watch-page title updates its one badge in place', async () => {
      const feed = await FeedPage.open(browser.context, 'https://www.youtube.com/');
      await feed.waitForBadge('demo-ai-agents');
      await feed.waitForBadge('demo-shorts-monetization');
      expect((await feed.badges()).map((b) => [b.post, b.trendId])).toEqual([
        ['mcp', 'demo-ai-agents'],
        ['shorts', 'demo-shorts-monetization'],
      ]);

      await feed.navigate('/watch?v=fixture0004', 'watch');
      await feed.waitForBadge('demo-passkeys');
      await expect.poll(async () => (await feed.badges()).map((b) => [b.post, b.trendId, b.score])).toEqual([
        ['watch', 'demo-passkeys', expected('demo-passkeys').score],
      ]);

      await feed.page.evaluate(() =>
        (window as unknown as { fixtureNextVideo(p: string, t: string): void }).fixtureNextVideo('/watch?v=fixture0005', 'Small language models on your phone, tested'),
      );
      await feed.waitForBadge('demo-small-models');
      await expect.poll(async () => (await feed.badges()).map((b) => [b.post, b.trendId, b.score])).toEqual([
        ['watch', 'demo-small-models', expected('demo-small-models').score],
      ]);
      expect(await feed.page.locator('ytd-watch-metadata sightline-trend-badge').count()).toBe(1);
      await feed.page.close();
    });
  });

  it('saves a post from its badge as a research item on the worker', async () => {
    const feed = await FeedPage.open(browser.context, 'https://x.com/home');
    await feed.waitForBadge('demo-ai-agents');
    expect(await feed.save('demo-ai-agents')).toBe('Saved');
    const items = await console_.researchItems();
    expect(items.filter((i) => i.url === 'https://x.com/devpatel/status/1861000000000000001')).toMatchObject([
      { platform: 'x', trendId: 'demo-ai-agents', text: expect.stringContaining('agent frameworks') },
    ]);
    await feed.page.close();
  });

  describe('when the worker goes down', () => {
    it('the popup keeps showing the cached trends with an offline mark', async () => {
      await proxy.down();
      const popup = await PopupPage.open(browser.context, browser.extensionId);
      await popup.page.getByTestId('offline').waitFor();
      await popup.settled();
      expect(await popup.offlineMark()).toMatch(/^Offline — showing trends cached (just now|\d+ min ago)$/);
      const shown = await popup.trends();
      expect(shown.length).toBeGreaterThan(0);
      for (const t of shown) expect(t.score).toBe(expected(t.id).score);
      await popup.screenshot(path.join(artifactsDir, 'popup-offline.png'));
      await popup.page.close();
    });

    it('badges still appear from the cache, and a Save is queued then delivered once when the worker is back', async () => {
      const feed = await FeedPage.open(browser.context, 'https://www.linkedin.com/feed/');
      await feed.waitForBadge('demo-ai-agents');
      expect(await feed.save('demo-ai-agents')).toBe('Queued');
      const url = 'https://www.linkedin.com/feed/update/urn:li:activity:7265000000000000001/';
      expect((await console_.researchItems()).some((i) => i.url === url)).toBe(false);

      const popup = await PopupPage.open(browser.context, browser.extensionId);
      await popup.settled();
      expect(await popup.outboxLine()).toMatch(/^1 save waiting to sync/);
      await popup.page.close();

      await proxy.up();
      // Opening the popup reads trends; the worker answering triggers the outbox replay.
      const again = await PopupPage.open(browser.context, browser.extensionId);
      await again.settled();
      await expect
        .poll(async () => (await console_.researchItems()).filter((i) => i.url === url).length, { timeout: 30_000, interval: 500 })
        .toBe(1);
      const why = (await again.offlineMark()) && (await again.page.getByTestId('offline').getAttribute('title'));
      expect(await again.offlineMark(), `still offline: ${why}`).toBeNull();
      await again.page.reload();
      await again.settled();
      expect(await again.outboxLine()).toBeNull();
      await again.page.close();
      await feed.page.close();
    });
  });
});
