/** Small text helpers shared by the video pipeline (no NLP dependency: deterministic and fast). */

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours new one two get got like make many much need says said use used using via way ways well`.split(
    /\s+/,
  ),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/** Sentences of running text; abbreviations ("e.g.", "U.S."), decimals and initials stay inside their sentence. */
export function splitSentences(text: string): string[] {
  const tokens = text
    .replace(/https?:\/\/\S+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const out: string[] = [];
  let current: string[] = [];
  tokens.forEach((token, i) => {
    current.push(token);
    const next = tokens[i + 1];
    const ends = /[.!?]["”’)]?$/.test(token);
    const abbreviation = /^(?:[A-Za-z]\.)+$/.test(token) || /^(?:e\.g|i\.e|vs|etc|mr|mrs|ms|dr|inc|no)\.$/i.test(token);
    if (ends && (!next || (!abbreviation && /^["“(]?[A-Z0-9]/.test(next)))) {
      out.push(current.join(' '));
      current = [];
    }
  });
  if (current.length) out.push(current.join(' '));
  return out;
}

export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

export function wordCount(text: string): number {
  return words(text).length;
}

/** Lower-cased content words (stopwords and 1-2 letter tokens removed). */
export function contentWords(text: string): string[] {
  return words(text)
    .filter((w) => w.length > 2 || /^[A-Z]{2}$/.test(w))
    .map((w) => w.toLowerCase().replace(/['’]s$/, ''))
    .filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

/** Ends a sentence with terminal punctuation. */
export function terminate(sentence: string): string {
  const s = sentence.trim().replace(/[,;:\s-]+$/, '');
  return /[.!?]["”’)]?$/.test(s) ? s : `${s}.`;
}

/** Capitalised words that appear mid-sentence in `sentences`: names and brands that keep their capital. */
export function properNouns(sentences: string[]): Set<string> {
  const out = new Set<string>();
  for (const s of sentences) {
    const tokens = s.split(/\s+/);
    for (let i = 1; i < tokens.length; i++) {
      const w = /^[A-Z][\p{L}]*/u.exec(tokens[i]!)?.[0];
      if (w && !/[.!?:]$/.test(tokens[i - 1]!)) out.add(w);
    }
  }
  return out;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
