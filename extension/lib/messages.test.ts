import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fromExtensionPage, listen, pageOnlyMessages, type Handlers } from './messages.ts';

const root = path.resolve(import.meta.dirname, '..');
/** Every file under a directory, recursively. */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));

describe('messages only the extension’s pages may send', () => {
  it('tells the popup and options pages from a content script by the sender’s URL', () => {
    const origin = 'chrome-extension://abcdef/';
    expect(fromExtensionPage({ url: 'chrome-extension://abcdef/popup.html' }, origin)).toBe(true);
    expect(fromExtensionPage({ url: 'https://x.com/home' }, origin)).toBe(false);
    expect(fromExtensionPage({ url: 'chrome-extension://other/popup.html' }, origin)).toBe(false);
    expect(fromExtensionPage({ url: undefined }, origin)).toBe(false);
    expect(pageOnlyMessages.has('pair')).toBe(true);
    expect(pageOnlyMessages.has('unpair')).toBe(true);
  });

  it('no content script sends one (it would be refused)', () => {
    const contentFiles = [...files(path.join(root, 'features')), path.join(root, 'lib', 'post-badges.tsx'), path.join(root, 'lib', 'anchored-overlay.ts')].filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f));
    const sent = new Set(contentFiles.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/send\('(\w+)'/g)].map((m) => m[1]!)));
    expect(sent.size).toBeGreaterThan(5);
    expect([...sent].filter((t) => pageOnlyMessages.has(t as never))).toEqual([]);
  });
});

describe('listen', () => {
  beforeEach(() => fakeBrowser.reset());

  /** The background's listener as the browser calls it, with `sender` as the browser would fill it. */
  const deliver = async (message: unknown, sender: Browser.runtime.MessageSender) => {
    const [reply] = (await fakeBrowser.runtime.onMessage.trigger(message, sender, () => {})) as unknown[];
    return reply;
  };

  it('refuses a page-only message from a content script without calling its handler, and answers the same from the popup', async () => {
    const pair = vi.fn(async () => ({ workerUrl: 'http://127.0.0.1:9', paired: true, workspace: null, pending: 0, held: [], lastError: null, deadLetters: 0 }));
    listen({ pair } as unknown as Handlers);
    const message = { type: 'pair', workerUrl: 'http://127.0.0.1:9', code: 'ABCD-1234' };

    expect(await deliver(message, { url: 'https://x.com/home' })).toEqual({ ok: false, error: expect.stringContaining('pair') });
    expect(pair).not.toHaveBeenCalled();

    const popup = browser.runtime.getURL('/popup.html');
    expect(popup).toMatch(/^chrome-extension:\/\//);
    expect(await deliver(message, { url: popup })).toEqual({ ok: true, value: expect.objectContaining({ paired: true }) });
    expect(pair).toHaveBeenCalledTimes(1);
    expect(pair).toHaveBeenCalledWith({ workerUrl: 'http://127.0.0.1:9', code: 'ABCD-1234' }, { url: popup });
  });

  it('lets a content script send the messages meant for it', async () => {
    const competitorStatus = vi.fn(async () => ({ tracked: false }));
    listen({ competitorStatus } as unknown as Handlers);
    expect(await deliver({ type: 'competitorStatus', platform: 'x', handle: 'rival' }, { url: 'https://x.com/rival' })).toEqual({ ok: true, value: { tracked: false } });
    expect(competitorStatus).toHaveBeenCalledWith({ platform: 'x', handle: 'rival' }, { url: 'https://x.com/rival' });
  });
});
