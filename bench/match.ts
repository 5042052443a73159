/**
 * bench/match: how fast content scripts can match visible posts against the trend list.
 *
 * Compares the indexed matcher users get (shared/trends/match.ts: one tokenisation and
 * one scan per post) with the obvious alternative (a word-boundary regex per keyword
 * per post), on the same inputs, and checks both find the same trends.
 *
 * Texts: Hacker News titles from ../shared/data when present (real wording), else a
 * seeded synthetic corpus. Run: node bench/match.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTrendIndex, matchTrends, tokenize, type MatchableTrend } from '../shared/trends/match.ts';

const root = path.resolve(import.meta.dirname, '..');
const hnFile = path.join(root, '..', 'shared', 'data', 'hackernews', 'posts.csv');

function seeded(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function loadTexts(): { texts: string[]; source: string } {
  if (existsSync(hnFile)) {
    // Titles are the second column (id,title,url,points,comments,author,created_at); splitting from both ends keeps titles with commas whole.
    const lines = readFileSync(hnFile, 'utf8').split('\n').slice(1, 5001);
    const texts = lines.map((l) => l.split(',').slice(1, -5).join(',')).filter((t) => t.length > 0);
    return { texts, source: `${texts.length} Hacker News titles from ../shared/data` };
  }
  const rand = seeded(7);
  const vocab = 'the new model open source agents rust kernel video team growth launch startup data privacy passkeys cloud tools design browser linux security ai chip market report'.split(' ');
  const texts = Array.from({ length: 5000 }, () => Array.from({ length: 12 }, () => vocab[Math.floor(rand() * vocab.length)]).join(' '));
  return { texts, source: '5000 synthetic texts (../shared/data absent)' };
}

function makeTrends(texts: string[], n: number): MatchableTrend[] {
  // Keywords drawn from the corpus's own frequent bigrams and words, so matches happen at realistic rates.
  const counts = new Map<string, number>();
  for (const t of texts) {
    const tok = tokenize(t);
    for (let i = 0; i + 1 < tok.length; i++) {
      const bigram = `${tok[i]} ${tok[i + 1]}`;
      counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
    }
  }
  const phrases = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p).filter((p) => !/^(the|a|of|to|in|and|for|on|is) /.test(p));
  const rand = seeded(11);
  return Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    name: phrases[i] ?? `trend ${i}`,
    keywords: Array.from({ length: 4 }, () => phrases[Math.floor(rand() * Math.min(phrases.length, 2000))] ?? 'x'),
    score: Math.round(rand() * 100),
  }));
}

function naiveMatch(trends: MatchableTrend[], text: string): Set<string> {
  const hay = tokenize(text).join(' ');
  const out = new Set<string>();
  for (const t of trends) {
    for (const k of [t.name, ...t.keywords]) {
      const needle = tokenize(k).join(' ');
      if (needle && new RegExp(`(^| )${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`).test(hay)) out.add(t.id);
    }
  }
  return out;
}

function time(fn: () => void, minMs = 300): number {
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const { texts, source } = loadTexts();
console.log(`bench/match — ${source}`);
for (const n of [50, 200]) {
  const trends = makeTrends(texts, n);
  const posts = texts.slice(0, 1000);
  const index = buildTrendIndex(trends);
  let disagreements = 0;
  let matchedPosts = 0;
  for (const p of posts) {
    const a = new Set(matchTrends(index, p).map((m) => m.trend.id));
    const b = naiveMatch(trends, p);
    if (a.size) matchedPosts++;
    if (a.size !== b.size || [...a].some((id) => !b.has(id))) disagreements++;
  }
  const build = time(() => buildTrendIndex(trends));
  const indexed = time(() => posts.forEach((p) => matchTrends(index, p)));
  const naive = time(() => posts.forEach((p) => naiveMatch(trends, p)));
  console.log(
    `${n} trends × ${posts.length} posts: index build ${build.toFixed(2)} ms; indexed ${((indexed / posts.length) * 1000).toFixed(1)} µs/post, ` +
      `regex-per-keyword ${((naive / posts.length) * 1000).toFixed(1)} µs/post; speed-up ×${(naive / indexed).toFixed(1)}; ` +
      `${matchedPosts} posts matched; ${disagreements} disagreements`,
  );
}
