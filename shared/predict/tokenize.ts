/**
 * Title/post tokeniser for the engagement model. `terms` adds bigrams ("show hn", "open
 * source") and coarse shape tokens (`__num`, `__year`) so "a number in the title" is
 * evidence even when the number itself is rare.
 */

export function tokenize(text: string): string[] {
  // Plain alphanumeric runs: on the validation slice of the Hacker News training period
  // this beat keeping compounds whole ("node.js", "open-source") and beat rewriting
  // markers like "Show HN" into single tokens; the word pair survives as a bigram anyway.
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
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

