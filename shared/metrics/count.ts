/**
 * Counts as social sites print them: "8K", "2.5M", "1,159", "29.9K views", "3.68 million
 * subscribers", "500+", "1,2 mil" (es/pt: mil = thousand), "1.234 Aufrufe" (de grouping).
 * Pure string functions: the extension, the worker and the CLI share them.
 */

// Suffix → multiplier. Longest alternatives first so "million" is not read as "mil".
const SUFFIXES: Array<[RegExp, number]> = [
  [/^(?:billion|billones|bn|b|mrd\.?|md)(?![a-z])/i, 1e9],
  [/^(?:million|millions|millones|mill\.?|mio\.?|mi|mln|m)(?![a-z])/i, 1e6],
  // "mil" is thousand in Spanish and Portuguese ("1,2 mil visualizaciones").
  [/^(?:thousand|mil|tsd\.?|k)(?![a-z])/i, 1e3],
];

// A number as printed: digits with optional grouping / decimal separators. Spaces
// (incl. no-break and narrow no-break) are allowed as thousands separators only between
// a 1-3 digit head and 3-digit groups, so "2 reposts 3" is never read as 23.
const NUMBER = /\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?/;

/** Reads the digits of one printed number; `hasSuffix` decides what a lone separator means. */
function readDigits(token: string, hasSuffix: boolean): number | null {
  const compact = token.replace(/[\u00a0\u202f ]/g, '');
  const seps = compact.match(/[.,]/g) ?? [];
  if (seps.length === 0) return Number(compact);
  const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  const tail = compact.length - last - 1;
  const distinct = new Set(seps).size;
  // Two kinds of separator ("1,234.5" / "1.234,5"): the last one is the decimal point.
  if (distinct === 2) {
    return Number(`${compact.slice(0, last).replace(/[.,]/g, '')}.${compact.slice(last + 1)}`);
  }
  // One kind used more than once, or once before exactly three digits with no suffix:
  // thousands grouping ("1,159", "2.381.000", "1.234 Aufrufe").
  if (seps.length > 1 || (tail === 3 && !hasSuffix)) return Number(compact.replace(/[.,]/g, ''));
  // Otherwise a decimal separator ("2.5M", "1,2 mil", "29.9K").
  return Number(compact.replace(',', '.'));
}

/**
 * The first count in `text`, as a whole number, or null when there is none.
 * "8K followers" → 8000, "2.5M" → 2500000, "1,159" → 1159, "500+ connections" → 500.
 */
export function parseCount(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = NUMBER.exec(text);
  if (!m) return null;
  const after = text.slice(m.index + m[0].length).replace(/^[\s\u00a0\u202f]+/, '');
  let multiplier = 1;
  for (const [re, value] of SUFFIXES) {
    if (re.test(after)) {
      multiplier = value;
      break;
    }
  }
  const base = readDigits(m[0], multiplier !== 1);
  if (base === null || !Number.isFinite(base)) return null;
  return Math.round(base * multiplier);
}

/**
 * The count printed right before `noun` in a label, e.g. countBefore("48 replies, 152
 * reposts, 553 likes", "reposts?") → 152. `noun` is a regex source matched case-insensitively
 * as a whole word; null when the noun is absent or carries no number.
 */
export function countBefore(text: string | null | undefined, noun: string): number | null {
  if (!text) return null;
  // Find the noun first and walk back from it: a single pattern such as
  // `\d[\d., ]*\s*noun` backtracks over every digit/space split and every start position,
  // which is cubic on element text like "111… …x" that the scrapers can meet.
  const nounRe = new RegExp(`(?:${noun})(?![\\p{L}])`, 'giu');
  for (let m = nounRe.exec(text); m; m = nounRe.exec(text)) {
    const start = countStartBefore(text, m.index);
    if (start !== null) return parseCount(text.slice(start, m.index));
    if (m[0].length === 0) nounRe.lastIndex += 1;
  }
  return null;
}

// Characters a printed number may span (digits, separators, plain and no-break spaces).
const NUMBER_CHAR = /[\d.,\u00a0\u202f ]/;
// Scale words that may stand between the number and the noun ("3.5 million views", "2K likes").
const SCALE_BEFORE = /(?:thousand|million|billion|[KMB])$/i;

/**
 * Where the count that ends right before `end` starts: whitespace, an optional scale word,
 * whitespace, then a run of number characters whose leftmost digit is the start. Only looks
 * back over that run, so scanning every noun occurrence stays linear.
 */
function countStartBefore(text: string, end: number): number | null {
  const i = skipSpaceBack(text, end);
  const scale = SCALE_BEFORE.exec(text.slice(Math.max(0, i - 'thousand'.length), i));
  return digitRunStart(text, scale ? skipSpaceBack(text, i - scale[0].length) : i);
}

function skipSpaceBack(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i -= 1;
  return i;
}

function digitRunStart(text: string, end: number): number | null {
  let start: number | null = null;
  for (let i = end - 1; i >= 0; i -= 1) {
    const c = text[i] ?? '';
    if (!NUMBER_CHAR.test(c)) break;
    if (c >= '0' && c <= '9') start = i;
  }
  return start;
}

/**
 * Splits a metrics summary such as X's group label "48 replies, 152 reposts, 553 likes,
 * Liked, 9 bookmarks, 30142 views" into noun → count (nouns lower-cased, plural kept).
 */
export function parseCountList(text: string | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!text) return out;
  for (const part of text.split(/,\s+/)) {
    const m = /^\s*(\d[\d.,]*\s*[KMB]?)\s+([\p{L}][\p{L} ]*?)\s*$/iu.exec(part);
    if (!m?.[1] || !m[2]) continue;
    const n = parseCount(m[1]);
    if (n !== null) out.set(m[2].toLowerCase(), n);
  }
  return out;
}
