import nlp from 'compromise';
import { contentWords, properNouns, splitSentences, terminate, wordCount, words } from './text.ts';

export interface Insights {
  /** A short noun phrase the script can name ("AI agents"). */
  topic: string;
  keywords: string[];
  /** The one sentence every script from this source must carry. */
  keyMessage: string;
  /** The most informative sentences, in source order. */
  insights: string[];
}

const MIN_WORDS = 5;
const MAX_WORDS = 40;

/**
 * Extractive: sentences scored by how many of the source's frequent content words they
 * carry (a centroid summary), with a small bonus for early sentences and numbers (facts
 * travel well in short video). Extractive keeps every claim traceable to the source.
 */
export function extractInsights(text: string, opts: { max?: number; title?: string } = {}): Insights {
  const max = opts.max ?? 6;
  const source = opts.title ? `${terminate(opts.title)} ${text}` : text;
  const sentences = splitSentences(source).filter((s) => {
    const n = wordCount(s);
    return n >= MIN_WORDS && n <= MAX_WORDS && !s.endsWith('?');
  });

  const freq = new Map<string, number>();
  for (const w of contentWords(source)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const keywords = [...freq.entries()]
    .filter(([, n]) => n >= 2 || freq.size < 12)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8)
    .map(([w]) => w);

  const scored = sentences.map((s, i) => {
    const cw = contentWords(s);
    const weight = cw.reduce((sum, w) => sum + (freq.get(w) ?? 0), 0) / Math.sqrt(Math.max(1, cw.length));
    const position = 1 + 0.5 / (1 + i);
    const numeric = /\d/.test(s) ? 1.15 : 1;
    return { s: terminate(s), i, score: weight * position * numeric };
  });
  // Near-duplicates (a title repeated in the body) would waste a scene.
  const chosen: typeof scored = [];
  for (const c of [...scored].sort((a, b) => b.score - a.score || a.i - b.i)) {
    if (chosen.length >= max) break;
    if (chosen.some((k) => overlap(k.s, c.s) > 0.7)) continue;
    chosen.push(c);
  }
  const best = chosen[0];
  const keyMessage = best ? best.s : terminate(source.trim().split(/\s+/).slice(0, 20).join(' ') || 'Here is what matters');
  const insights = chosen.sort((a, b) => a.i - b.i).map((c) => c.s);

  return { topic: topicOf(source, keywords), keywords, keyMessage, insights };
}

function overlap(a: string, b: string): number {
  const A = new Set(contentWords(a));
  const B = new Set(contentWords(b));
  if (A.size === 0 || B.size === 0) return 0;
  let n = 0;
  for (const w of A) if (B.has(w)) n++;
  return n / Math.min(A.size, B.size);
}

type NounChunk = { text: string; terms?: { text: string; tags?: string[] }[] };

/** Longest text handed to the noun chunker at once. */
export const CHUNK_WINDOW = 1000;

/**
 * Splits `text` into pieces of at most CHUNK_WINDOW characters: whole sentences (as
 * splitSentences finds them, so "e.g." and "U.S." do not end one) packed in order, and only
 * a sentence longer than a window cut, at a space when it has one. compromise's cost grows
 * with the square of the document (20k chars took a second, 80k fifteen), while noun
 * phrases never span sentences, so chunking window by window gives the same phrases in
 * linear time.
 */
export function chunkWindows(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const sentence of splitSentences(text).flatMap(hardCut)) {
    const joined = current ? `${current} ${sentence}` : sentence;
    if (joined.length <= CHUNK_WINDOW) current = joined;
    else {
      out.push(current);
      current = sentence;
    }
  }
  if (current) out.push(current);
  return out;
}

/** A sentence longer than one window, in window-sized pieces cut at the last space that fits. */
function hardCut(sentence: string): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > CHUNK_WINDOW) {
    const space = rest.lastIndexOf(' ', CHUNK_WINDOW);
    const cut = space > 0 ? space : CHUNK_WINDOW;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

const NOT_TOPICS = new Set(['topic', 'today', 'story', 'thing', 'things', 'way', 'ways', 'lot', 'time', 'goal', 'video', 'percent']);

/**
 * The noun phrase (compromise's chunker) whose content words the source repeats most,
 * favouring two-word phrases ("AI agents" over "agents"); falls back to the most
 * frequent adjacent pair of content words, then the top keyword.
 */
function topicOf(text: string, keywords: string[]): string {
  const proper = properNouns(splitSentences(text));
  const freq = new Map<string, number>();
  for (const w of contentWords(text)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const phrases = new Map<string, { surface: string; score: number; first: number }>();
  const nouns = chunkWindows(text).flatMap((w) => nlp(w).nouns().json() as NounChunk[]);
  const lead = text.trim().toLowerCase();
  nouns.forEach((n, i) => {
    // The chunker runs on into neighbouring words ("passwords faster", "fewer account
    // takeovers"): comparatives, superlatives and adverbs at either edge are not the topic.
    const terms = (n.terms ?? [{ text: n.text ?? '', tags: [] }])
      .map((t) => ({ w: t.text.replace(/[.,:;!?"“”()]+/g, ' ').trim(), edge: (t.tags ?? []).some((g) => g === 'Comparative' || g === 'Superlative' || g === 'Adverb') }))
      .flatMap((t) => t.w.split(/\s+/).map((w) => ({ w, edge: t.edge })))
      .filter((t) => t.w && !/^(a|an|the|our|your|their|its|this|that|these|those|my|his|her|most|many|some|\d[\d,.%]*)$/i.test(t.w))
      .slice(-3);
    while (terms.length && terms[terms.length - 1]!.edge) terms.pop();
    while (terms.length && terms[0]!.edge) terms.shift();
    const surface = terms.map((t) => t.w).join(' ');
    const cw = contentWords(surface).filter((w) => !NOT_TOPICS.has(w));
    if (cw.length === 0 || cw.length !== contentWords(surface).length) return;
    const key = cw.join(' ');
    const base = cw.reduce((sum, w) => sum + (freq.get(w) ?? 0), 0) / cw.length;
    // The subject a source opens with is what it is about, when nothing is repeated more.
    const opens = i === 0 && lead.startsWith(surface.toLowerCase().split(' ')[0] ?? '\u0000');
    const score = base * (1 + 0.5 * Math.min(cw.length - 1, 1)) * (opens ? 1.5 : 1);
    const prev = phrases.get(key);
    if (prev) prev.score += score * 0.25;
    else phrases.set(key, { surface, score, first: i });
  });
  const best = [...phrases.values()].sort((a, b) => b.score - a.score || a.first - b.first)[0];
  if (best) return normaliseSurface(best.surface, proper, text);

  const tokens = words(text);
  const pairs = new Map<string, { n: number; surface: string }>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const ca = contentWords(tokens[i]!)[0];
    const cb = contentWords(tokens[i + 1]!)[0];
    if (!ca || !cb) continue;
    const key = `${ca} ${cb}`;
    const entry = pairs.get(key) ?? { n: 0, surface: `${tokens[i]} ${tokens[i + 1]}` };
    entry.n++;
    pairs.set(key, entry);
  }
  const bestPair = [...pairs.values()].filter((p) => p.n >= 2).sort((x, y) => y.n - x.n || x.surface.localeCompare(y.surface))[0];
  if (bestPair) return normaliseSurface(bestPair.surface, proper, text);
  const top = keywords[0];
  if (!top) return 'this topic';
  return normaliseSurface(tokens.find((t) => t.toLowerCase() === top) ?? top, proper, text);
}

/**
 * Lower-cases a word capitalised only by its position ("Teams" when the text also says
 * "teams"); keeps acronyms, and names: words capitalised mid-sentence, or never written
 * in lower case anywhere in the source.
 */
function normaliseSurface(phrase: string, proper: Set<string>, text: string): string {
  return phrase
    .split(' ')
    .map((w) => (/^[A-Z][a-z]+$/.test(w) && !proper.has(w) && new RegExp(`\\b${w.toLowerCase()}\\b`).test(text) ? w.toLowerCase() : w))
    .join(' ');
}
