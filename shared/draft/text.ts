import nlp from 'compromise';

/**
 * Sentence-level text helpers for drafting: splitting a source into clean sentences,
 * counting words and characters the way each platform counts them, and linting a draft
 * (the checks the tests and the repurposer apply to every generated text).
 */

const URL_RE = /https?:\/\/\S+/g;
/** Connectives that only make sense after the sentence that preceded them in the source. */
const LEADING_CONNECTIVE = /^(?:and|but|so|also|then|plus|still|yet|however|moreover|furthermore|additionally|meanwhile)\s*,?\s+/i;

/** Upper-cases the first letter (after any opening quote or bracket). */
export function capitalise(s: string): string {
  return s.replace(/^([^\p{L}\p{N}]*)(\p{Ll})/u, (_, pre: string, c: string) => pre + c.toUpperCase());
}

/** Makes one source sentence stand on its own: no URL, no leading "And/But", capitalised, end punctuation. */
export function cleanSentence(raw: string): string {
  let s = raw.replace(URL_RE, '').replace(/\s+/g, ' ').trim();
  s = s.replace(/^[-•*–—·>]+\s*/, '').replace(/^\d+[.)]\s+/, '');
  s = s.replace(LEADING_CONNECTIVE, '');
  s = s.replace(/\s+([,.;:!?])/g, '$1').replace(/[,;:\s]+$/, '');
  if (!s) return '';
  s = capitalise(s);
  if (!/[.!?…]["'”’)]?$/.test(s)) s += '.';
  return s;
}

/**
 * A run longer than this is not one sentence but unpunctuated text (a pasted transcript,
 * a caption dump): as one "sentence" it is longer than a LinkedIn post, so no draft could
 * select it and stay within the platform's limit.
 */
export const MAX_SENTENCE_WORDS = 50;
/** About how long the pieces of such a run are. */
const PIECE_WORDS = 30;

/**
 * Cuts an over-long run into sentence-sized pieces: at clause marks (, ; : and dashes)
 * packed up to PIECE_WORDS, and a clause still too long into even word-boundary chunks.
 */
export function sentencePieces(run: string): string[] {
  if (wordCount(run) <= MAX_SENTENCE_WORDS) return [run];
  const out: string[] = [];
  let current: string[] = [];
  let currentWords = 0;
  const flush = () => {
    if (current.length) out.push(current.join(' '));
    current = [];
    currentWords = 0;
  };
  for (const clause of run.split(/(?<=[,;:])\s+|\s+(?=[–—]\s)/)) {
    const tokens = clause.split(/\s+/).filter(Boolean);
    if (tokens.length > PIECE_WORDS) {
      flush();
      // Even chunks, so no short tail falls under the four-word minimum and is lost.
      const size = Math.ceil(tokens.length / Math.ceil(tokens.length / PIECE_WORDS));
      for (let i = 0; i < tokens.length; i += size) out.push(tokens.slice(i, i + size).join(' '));
      continue;
    }
    if (currentWords + tokens.length > PIECE_WORDS) flush();
    current.push(...tokens);
    currentWords += tokens.length;
  }
  flush();
  return out;
}

/**
 * Sentences of a free text (an article, a post, a page's readable text). Paragraphs and
 * list items are split first (they often lack end punctuation), then compromise finds
 * sentence boundaries inside each, which knows "e.g." and "U.S." are not ends. Runs
 * without sentence punctuation are cut into pieces (sentencePieces).
 * Fragments under four words (headings, "Read more") are dropped.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n+/)) {
    const line = block.trim();
    if (!line) continue;
    const parts = nlp(line).sentences().out('array') as string[];
    for (const p of (parts.length ? parts : [line]).flatMap(sentencePieces)) {
      const s = cleanSentence(p);
      if (wordCount(s) < 4) continue;
      const key = s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/** Words as a listener hears them: tokens with a letter or digit; hashtags and URLs excluded. */
export function spokenWords(text: string): number {
  return text
    .replace(URL_RE, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w) && !w.startsWith('#')).length;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Characters as X counts them: each URL counts 23 (t.co), and code points outside the
 * basic ranges (emoji, CJK) count 2. A close approximation of twitter-text's weighting.
 */
export function xLength(text: string): number {
  let n = 0;
  const withoutUrls = text.replace(URL_RE, () => {
    n += 23;
    return '';
  });
  for (const ch of withoutUrls) {
    const cp = ch.codePointAt(0)!;
    n += cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037) ? 1 : 2;
  }
  return n;
}

export interface LintIssue {
  rule: 'capital' | 'punctuation' | 'placeholder' | 'duplicate' | 'empty';
  sentence: string;
}

/** Lines that are not prose: hashtag lines, section labels, list intros ending in ':', "1/5" counters. */
function proseLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-•*–]|\d+[.)])\s+/, '').replace(/\s*\d+\/\d+$/, '').trim())
    .filter((l) => l && !/^(#[\p{L}\p{N}_]+\s*)+$/u.test(l) && !/^On screen:/.test(l) && !/^[\p{L} ]+:\s*https?:\/\/\S+$/u.test(l))
    .map((l) => l.replace(/^[\p{L}\p{N} ]{2,24}\s\([^)]*\):\s*/u, ''))
    .map((l) => l.replace(/(\s+#[\p{L}\p{N}_]+)+$/u, '').replace(/\s*\p{Extended_Pictographic}+\s*$/u, '').trim())
    .filter((l) => l && !/:$/.test(l));
}

/**
 * Checks a draft reads as finished text: every sentence starts with a capital (or a
 * digit, quote or emoji) and ends with punctuation, no template placeholder survives, and
 * no sentence appears twice.
 */
export function lintDraft(text: string): LintIssue[] {
  const issues: LintIssue[] = [];
  if (!text.trim()) return [{ rule: 'empty', sentence: '' }];
  const placeholder = /\{\{?[^}]*\}\}?|\[[A-Z_ ]{2,}\]|<[a-z_]+>|\bTODO\b|\$\{/;
  const m = placeholder.exec(text);
  if (m) issues.push({ rule: 'placeholder', sentence: m[0] });
  const seen = new Set<string>();
  for (const line of proseLines(text)) {
    const body = line;
    for (const s of body.split(/(?<=[.!?…])\s+(?=\S)/)) {
      const first = s.replace(/^[^\p{L}\p{N}]+/u, '');
      if (first && /^\p{Ll}/u.test(first)) issues.push({ rule: 'capital', sentence: s });
      if (!/[.!?…]["'”’)]?$/.test(s)) issues.push({ rule: 'punctuation', sentence: s });
      const key = s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      if (key.split(' ').length >= 3) {
        if (seen.has(key)) issues.push({ rule: 'duplicate', sentence: s });
        seen.add(key);
      }
    }
  }
  return issues;
}
