/**
 * Title/post tokeniser for the engagement model. `terms` adds bigrams ("show hn", "open
 * source") and coarse shape tokens (`__num`, `__year`) so "a number in the title" is
 * evidence even when the number itself is rare.
 */

/** Chinese and Japanese script, written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export function tokenize(text: string): string[] {
  // Plain letter-and-digit runs: on the validation slice of the Hacker News training period
  // this beat keeping compounds whole ("node.js", "open-source") and beat rewriting
  // markers like "Show HN" into single tokens; the word pair survives as a bigram anyway.
  // Letters of every script count ("résumé", "München"), not only a–z.
  const out: string[] = [];
  for (const run of text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (!run) continue;
    if (!UNSPACED.test(run)) {
      out.push(run);
      continue;
    }
    // A Chinese or Japanese run is a whole clause: its overlapping character pairs are the
    // usual stand-in for words when there is no segmenter.
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Coarse shape tokens, kept out of the word sequence so they do not break bigrams. */
function shapes(toks: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of toks) {
    if (/^(19|20)\d\d$/.test(w)) out.add('__year');
    else if (/^\d+$/.test(w)) out.add('__num');
  }
  return [...out];
}

/** Unigrams plus adjacent bigrams (`a b`), which carry phrases like `open source`. */
export function terms(text: string): string[] {
  const toks = tokenize(text);
  const out = [...toks];
  for (let i = 0; i + 1 < toks.length; i++) out.push(`${toks[i]} ${toks[i + 1]}`);
  out.push(...shapes(toks));
  return out;
}

/** Host without `www.`, lowercased; '' for no or unparseable URL. Pure string work (no URL global in shared). */
export function domainOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url.trim());
  if (!m) return '';
  return m[1]!.toLowerCase().replace(/^www\d?\./, '');
}

