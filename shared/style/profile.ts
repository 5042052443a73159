/**
 * A workspace's writing style, derived from its past posts and handed to drafting (the
 * LLM prompt, the editor hints). Plain counting, no model: every number can be checked
 * against the posts it came from.
 */

export interface StyleProfile {
  posts: number;
  /** Median characters per post. */
  medianChars: number;
  /** Mean words per sentence across all posts. */
  sentenceWords: number;
  emoji: { perPost: number; postsWithAny: number; top: string[] };
  hashtags: { perPost: number; postsWithAny: number; top: string[] };
  mentions: { perPost: number };
  links: { postsWithAny: number };
  questions: { share: number };
  exclamations: { share: number };
  vocabulary: {
    /** Distinct words / all words (type-token ratio over the first 5,000 words, so long histories stay comparable). */
    richness: number;
    /** The account's most used content words. */
    top: string[];
  };
  tone: { positive: number; negative: number; label: 'upbeat' | 'neutral' | 'critical' };
}

const STOP = new Set(
  'a about after all also am an and any are as at be been but by can could did do does for from had has have he her his how i if in into is it its just like me more my no not now of on one or our out so some than that the their them then there these they this to too up us was we were what when which who will with would you your amp https http co t'.split(' '),
);
const POSITIVE = new Set('amazing awesome beautiful best better brilliant congrats congratulations cool excellent excited exciting fantastic fun glad good great happy incredible love loved nice perfect proud thanks thank wonderful wow yes'.split(' '));
const NEGATIVE = new Set('awful bad broken crazy dead disappointing fail failed fake fear hate horrible issue problem sad scam sorry terrible ugly worse worst wrong'.split(' '));

const EMOJI = /\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*/gu;
const HASHTAG = /(?:^|\s)#([\p{L}\p{N}_]+)/gu;
const MENTION = /(?:^|\s)@\w+/g;
const LINK = /https?:\/\/\S+/g;

function topOf(counts: Map<string, number>, k: number): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, k).map(([w]) => w);
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export function styleProfile(texts: readonly string[]): StyleProfile {
  const n = texts.length;
  const lengths: number[] = [];
  let sentences = 0;
  let sentenceWords = 0;
  let emojiTotal = 0;
  let emojiPosts = 0;
  let tagTotal = 0;
  let tagPosts = 0;
  let mentionTotal = 0;
  let linkPosts = 0;
  let questions = 0;
  let exclaims = 0;
  let pos = 0;
  let neg = 0;
  const emojis = new Map<string, number>();
  const tags = new Map<string, number>();
  const words = new Map<string, number>();
  const sample: string[] = [];
  for (const raw of texts) {
    lengths.push(raw.length);
    const e = raw.match(EMOJI) ?? [];
    emojiTotal += e.length;
    if (e.length) emojiPosts++;
    for (const x of e) bump(emojis, x);
    const h = [...raw.matchAll(HASHTAG)].map((m) => m[1]!.toLowerCase());
    tagTotal += h.length;
    if (h.length) tagPosts++;
    for (const x of h) bump(tags, `#${x}`);
    mentionTotal += (raw.match(MENTION) ?? []).length;
    if (LINK.test(raw)) linkPosts++;
    LINK.lastIndex = 0;
    if (raw.includes('?')) questions++;
    if (raw.includes('!')) exclaims++;
    // Sentences and words of the prose only: links, handles and tags are not style.
    const prose = raw.replace(LINK, ' ').replace(MENTION, ' ').replace(HASHTAG, ' ');
    for (const s of prose.split(/[.!?…\n]+/)) {
      const w = s.split(/\s+/).filter((x) => /[\p{L}\p{N}]/u.test(x));
      if (!w.length) continue;
      sentences++;
      sentenceWords += w.length;
    }
    let p = 0;
    let q = 0;
    for (const w of prose.toLowerCase().split(/[^\p{L}\p{N}']+/u)) {
      if (!w) continue;
      if (sample.length < 5000) sample.push(w);
      if (POSITIVE.has(w)) p++;
      if (NEGATIVE.has(w)) q++;
      if (!STOP.has(w) && w.length > 2 && !/^\d+$/.test(w)) bump(words, w);
    }
    if (p > q) pos++;
    if (q > p) neg++;
  }
  lengths.sort((a, b) => a - b);
  const share = (k: number) => (n ? k / n : 0);
  const positive = share(pos);
  const negative = share(neg);
  return {
    posts: n,
    medianChars: n ? lengths[Math.floor((n - 1) / 2)]! : 0,
    sentenceWords: sentences ? sentenceWords / sentences : 0,
    emoji: { perPost: share(emojiTotal), postsWithAny: share(emojiPosts), top: topOf(emojis, 5) },
    hashtags: { perPost: share(tagTotal), postsWithAny: share(tagPosts), top: topOf(tags, 5) },
    mentions: { perPost: share(mentionTotal) },
    links: { postsWithAny: share(linkPosts) },
    questions: { share: share(questions) },
    exclamations: { share: share(exclaims) },
    vocabulary: { richness: sample.length ? new Set(sample).size / sample.length : 0, top: topOf(words, 15) },
    // Upbeat/critical only when one side clearly outweighs the other (by 2:1 and 10 % of posts).
    tone: { positive, negative, label: positive >= 2 * negative && positive - negative >= 0.1 ? 'upbeat' : negative >= 2 * positive && negative - positive >= 0.1 ? 'critical' : 'neutral' },
  };
}
