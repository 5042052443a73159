import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageSource } from '../../lib/messages.ts';

/** The most the popup's draft needs: a long page's first screens say what it is about. */
const maxChars = 5_000;

/** The page's text for the popup's "Draft from this page": the selection, else the main column. */
export function pageSource(doc: Document, url: string): PageSource {
  const selection = doc.getSelection()?.toString().trim() ?? '';
  const main = doc.querySelector<HTMLElement>('main, [role="main"], article') ?? doc.body;
  const text = (selection || main?.innerText || '').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim().slice(0, maxChars);
  return { title: doc.title, url, text };
}

/** Answers the popup's tabs.sendMessage({type: 'pageSource'}); nothing is read until it asks. */
export function startPageSource(ctx: ContentScriptContext): void {
  const listener = (msg: unknown) => {
    if ((msg as { type?: unknown } | null)?.type !== 'pageSource') return undefined;
    return Promise.resolve(pageSource(document, location.href));
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
