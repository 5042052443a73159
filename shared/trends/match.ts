/**
 * Which current trends does a piece of text (a post, a tweet, a video title) talk about?
 *
 * Runs in content scripts on every visible post, so it is built for many texts against
 * one trend list: trends are compiled once into an index keyed by each keyword's first
 * token, and each text is tokenised once and scanned once.
 */

export interface MatchableTrend {
  id: string;
  name: string;
  keywords: readonly string[];
  score: number;
}

export interface TrendMatch<T extends MatchableTrend = MatchableTrend> {
  trend: T;
  /** The keywords of `trend` found in the text, as the trend spells them. */
  matched: string[];
}

interface Phrase<T> {
  tokens: string[];
  keyword: string;
  trend: T;
}

export interface TrendIndex<T extends MatchableTrend = MatchableTrend> {
  byFirstToken: Map<string, Phrase<T>[]>;
  size: number;
}

/** Tokens too common to identify a topic on their own. */
const stopwords = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with'.split(' '),
);

/**
 * Lowercase, strip accents, split on anything that is not a letter or digit (keeping
 * "c++", "c#", ".net"-style tokens out of scope on purpose), and fold plurals so
 * "agents" matches "agent".
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  for (const raw of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length === 0) continue;
    out.push(stem(raw));
  }
  return out;
}

function stem(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return token.slice(0, -3) + 'y';
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss') && !token.endsWith('us')) {
    return token.slice(0, -1);
  }
  return token;
}

export function buildTrendIndex<T extends MatchableTrend>(trends: readonly T[]): TrendIndex<T> {
  const byFirstToken = new Map<string, Phrase<T>[]>();
  let size = 0;
  for (const trend of trends) {
    const keywords = new Set([trend.name, ...trend.keywords]);
    for (const keyword of keywords) {
      const tokens = tokenize(keyword);
      // A lone stopword or single character would match nearly every post.
      if (tokens.length === 0) continue;
      if (tokens.length === 1 && (stopwords.has(tokens[0]!) || tokens[0]!.length < 2)) continue;
      const first = tokens[0]!;
      let bucket = byFirstToken.get(first);
      if (!bucket) byFirstToken.set(first, (bucket = []));
      bucket.push({ tokens, keyword, trend });
      size++;
    }
  }
  return { byFirstToken, size };
}

/**
 * Trends whose keywords occur in `text` as whole token sequences, strongest first:
 * by number of distinct keywords matched, then by trend score.
 */
export function matchTrends<T extends MatchableTrend>(index: TrendIndex<T>, text: string): TrendMatch<T>[] {
  const tokens = tokenize(text);
  const found = new Map<string, TrendMatch<T>>();
  for (let i = 0; i < tokens.length; i++) {
    const bucket = index.byFirstToken.get(tokens[i]!);
    if (!bucket) continue;
    for (const phrase of bucket) {
      if (!startsAt(tokens, i, phrase.tokens)) continue;
      let m = found.get(phrase.trend.id);
      if (!m) found.set(phrase.trend.id, (m = { trend: phrase.trend, matched: [] }));
      if (!m.matched.includes(phrase.keyword)) m.matched.push(phrase.keyword);
    }
  }
  return [...found.values()].sort(
    (a, b) => b.matched.length - a.matched.length || b.trend.score - a.trend.score,
  );
}

function startsAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let j = 0; j < phrase.length; j++) if (tokens[at + j] !== phrase[j]) return false;
  return true;
}

/** The single best trend for a text, or null. Convenience for overlays. */
export function bestTrendMatch<T extends MatchableTrend>(index: TrendIndex<T>, text: string): TrendMatch<T> | null {
  return matchTrends(index, text)[0] ?? null;
}
