import type { ResearchItem, Trend } from '../contracts/api.ts';
import type { DraftSource } from './draft.ts';
import { splitSentences } from './text.ts';

/**
 * Turns the three things a user drafts from (a trend, a saved research item, the page
 * they are on) into one DraftSource, so every generator and the LLM prompt see the same
 * shape.
 */

const MAX_CHARS = 20_000;

/** Forum prefixes and tags that are not part of what a headline says. */
function cleanHeadline(title: string): string {
  return title
    .replace(/^\s*(?:show|ask|tell|launch)\s+hn\s*[:–-]\s*/i, '')
    .replace(/\[(?:oc|video|pdf|\d{4})\]/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function researchSource(item: Pick<ResearchItem, 'title' | 'text' | 'url'>): DraftSource {
  const title = item.title.trim() || null;
  const text = [title && !item.text.startsWith(title) ? title : null, item.text].filter(Boolean).join('\n\n');
  return { kind: 'research', title, url: item.url, text: text.slice(0, MAX_CHARS) };
}

/** The readable text of the page the user is on (the extension sends it); boilerplate lines under four words are dropped by splitSentences. */
export function pageSource(page: { title?: string | null; text: string; url?: string | null }): DraftSource {
  return { kind: 'page', title: page.title?.trim() || null, url: page.url ?? null, text: page.text.slice(0, MAX_CHARS) };
}

/**
 * A trend is a name plus the items behind it (HN, Reddit, GitHub titles and their texts).
 * Each headline becomes a sentence and each text contributes its first two sentences, so
 * the key points are what the sources actually said. Throws RangeError without items:
 * a draft from a bare keyword list would have nothing true to say.
 */
export function trendSource(trend: Pick<Trend, 'name' | 'keywords'>, items: readonly { title: string; text?: string | null; url?: string | null }[]): DraftSource {
  if (!items.length) throw new RangeError(`trend '${trend.name}' has no items to draft from`);
  const lines: string[] = [];
  for (const it of items) {
    const head = cleanHeadline(it.title);
    if (head) lines.push(head);
    if (it.text) lines.push(...splitSentences(it.text).slice(0, 2));
  }
  return { kind: 'trend', title: trend.name, url: items.find((i) => i.url)?.url ?? null, text: lines.join('\n').slice(0, MAX_CHARS) };
}
