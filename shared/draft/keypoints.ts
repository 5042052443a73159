import { extractKeyphrases, type KeyphraseKind } from '../trends/keyphrases.ts';
import { splitSentences, wordCount } from './text.ts';

/**
 * What a source text is about and which of its sentences carry that: the input to every
 * built-in draft and to the message-preservation score.
 *
 * Core keyphrases: keyphrases (shared/trends/keyphrases.ts, extracted sentence by sentence
 * so a capital at a sentence start is not read as a name) scored by how many sentences use
 * them, times a kind factor (names and code words say more than everyday nouns), with a
 * small bonus for longer phrases and for the title. A key whose words sit inside an
 * already chosen key and that never appears without it ("error" inside "error correction")
 * adds nothing and is skipped.
 *
 * Key points: sentences chosen greedily by the core weight they cover that earlier picks
 * did not (so the set covers the message rather than repeating its strongest part), with
 * penalties for sentences that lean on a previous one ("It also…") or run long.
 */

export interface CoreKey {
  key: string;
  /** Display form: as the source spelt it, lowercased unless it is a name or code word. */
  display: string;
  kind: KeyphraseKind;
  /** Indexes of the sentences that contain it. */
  sentences: number[];
  /** Share of the message (all core weights sum to 1). */
  weight: number;
}

export interface SourceAnalysis {
  title: string | null;
  sentences: string[];
  /** Per sentence: the normalised keys it contains. */
  keysBySentence: Set<string>[];
  core: CoreKey[];
  /** Sentence indexes, best key point first. */
  ranked: number[];
  words: number;
}

const KIND_FACTOR: Record<KeyphraseKind, number> = { code: 1.6, entity: 1.5, phrase: 1.3, term: 1, common: 0.4 };
const PRONOUN_START = /^(?:it|this|that|these|those|they|he|she|we|there|here|such)\b/i;

export const CORE_KEYS = 8;

function display(surface: string, kind: KeyphraseKind): string {
  if (kind === 'entity' || kind === 'code') return surface;
  return surface
    .split(' ')
    .map((w) => (/^\p{Lu}\p{Ll}+$/u.test(w) ? w.toLowerCase() : w))
    .join(' ');
}

export function analyseSource(text: string, options: { title?: string | null; coreKeys?: number } = {}): SourceAnalysis {
  const title = options.title?.trim() || null;
  const sentences = splitSentences(text);
  const found = new Map<string, { surface: string; kind: KeyphraseKind; sentences: Set<number> }>();
  const keysBySentence: Set<string>[] = [];
  sentences.forEach((s, i) => {
    const keys = new Set<string>();
    for (const k of extractKeyphrases(s)) {
      keys.add(k.key);
      const f = found.get(k.key);
      if (f) {
        f.sentences.add(i);
        if (k.kind === 'entity' || k.kind === 'code') f.kind = k.kind;
      } else found.set(k.key, { surface: k.surface, kind: k.kind, sentences: new Set([i]) });
    }
    keysBySentence.push(keys);
  });
  const titleKeys = new Set(title ? extractKeyphrases(title).map((k) => k.key) : []);
  const scored = [...found]
    .map(([key, f]) => {
      const n = key.split(' ').length;
      // A phrase used once is as likely a chunking accident ("kingdom cut hours") as a topic.
      // The opening sentence states the subject, so its phrases are trusted once.
      const trusted = f.sentences.size > 1 || f.kind === 'entity' || f.kind === 'code' || f.sentences.has(0);
      const lengthFactor = n === 1 ? 1 : trusted ? 1 + 0.25 * (n - 1) : 0.5;
      const score = f.sentences.size * KIND_FACTOR[f.kind] * lengthFactor + (titleKeys.has(key) ? 1.5 : 0) + (f.sentences.has(0) ? 0.25 : 0);
      return { key, ...f, score };
    })
    .filter((k) => k.kind !== 'common' || k.sentences.size > 1)
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  const picked: typeof scored = [];
  const limit = options.coreKeys ?? CORE_KEYS;
  for (const k of scored) {
    if (picked.length >= limit) break;
    const words = k.key.split(' ');
    const subsumed = picked.some((p) => {
      const pw = new Set(p.key.split(' '));
      return words.every((w) => pw.has(w)) && [...k.sentences].every((s) => p.sentences.has(s));
    });
    if (!subsumed) picked.push(k);
  }
  const total = picked.reduce((a, k) => a + k.score, 0) || 1;
  // A word that only ever occurs inside one phrase is shown as that phrase ("Kingdom" → "United Kingdom").
  const shownAs = (k: (typeof picked)[number]) => {
    if (k.key.includes(' ')) return display(k.surface, k.kind);
    const same = scored.filter((o) => o.key.split(' ').length > 1 && o.key.split(' ').includes(k.key) && o.sentences.size === k.sentences.size && [...k.sentences].every((s) => o.sentences.has(s)));
    const wider = same.sort((a, b) => a.key.split(' ').length - b.key.split(' ').length || b.score - a.score)[0];
    // Only proper-name spans: every word capitalised, as in "United Kingdom" or "Visual Studio Code".
    return wider && wider.surface.split(' ').every((w) => /^\p{Lu}/u.test(w)) ? wider.surface : display(k.surface, k.kind);
  };
  const core: CoreKey[] = picked.map((k) => ({ key: k.key, display: shownAs(k), kind: k.kind, sentences: [...k.sentences].sort((a, b) => a - b), weight: k.score / total }));

  // Greedy coverage: each pick gains the weight of core keys not yet covered, plus a little for repeats.
  const covered = new Set<string>();
  const left = new Set(sentences.map((_, i) => i));
  const ranked: number[] = [];
  while (left.size) {
    let best = -1;
    let bestGain = -Infinity;
    for (const i of left) {
      let gain = 0;
      for (const c of core) if (keysBySentence[i]!.has(c.key)) gain += covered.has(c.key) ? 0.15 * c.weight : c.weight;
      const words = wordCount(sentences[i]!);
      if (PRONOUN_START.test(sentences[i]!) && i > 0) gain *= 0.6;
      if (words > 35) gain *= 0.7;
      gain += i === 0 ? 0.02 : 0;
      // Earlier sentences break ties: articles lead with their point.
      gain -= i * 1e-6;
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    }
    ranked.push(best);
    left.delete(best);
    for (const c of core) if (keysBySentence[best]!.has(c.key)) covered.add(c.key);
  }
  return { title, sentences, keysBySentence, core, ranked, words: wordCount(sentences.join(' ')) };
}

/** The topic to name in hooks: the title when there is one, else the strongest core key. */
export function topicOf(a: SourceAnalysis): string {
  if (a.title && a.title.split(/\s+/).length <= 8) return a.title.replace(/[.!?:]+$/, '');
  // The strongest key the opening sentence names is what the piece is about.
  // Phrases name a subject more precisely than single words of similar weight.
  // and the sentence's grammatical subject usually comes first.
  const first = (a.sentences[0] ?? '').toLowerCase();
  const named = (k: CoreKey) => {
    const at = first.indexOf(k.display.toLowerCase().split(' ')[0]!);
    return k.weight * (1 + 0.3 * (k.key.split(' ').length - 1)) * (1 - (0.3 * Math.max(0, at)) / Math.max(1, first.length));
  };
  const opening = a.core.filter((k) => k.kind !== 'common' && k.sentences[0] === 0).sort((x, y) => named(y) - named(x));
  const c = opening[0] ?? a.core.find((k) => k.kind !== 'common') ?? a.core[0];
  if (!c) return 'this';
  // A lone singular everyday noun reads as a name without its article ("about dashboard").
  if (c.kind === 'term' && !c.display.includes(' ') && /^\p{Ll}/u.test(c.display) && !/s$/.test(c.display)) return `the ${c.display}`;
  return c.display;
}
