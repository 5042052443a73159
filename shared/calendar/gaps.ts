import { extractKeyphrases, singular } from '../trends/keyphrases.ts';

/**
 * Content gap analysis: topics the audience is looking at (trending now) or that tracked
 * competitors cover, which the workspace has not posted about recently.
 *
 *   opportunity = 100 × (1 − coverage) × (1 − (1 − demand)(1 − pressure))
 *
 * - demand: the trend's 0..100 score / 100 (shared/trends/score.ts), 0 when not trending.
 * - pressure: 1 − 0.5^n for n distinct competitors posting on it in the window (one
 *   competitor 0.5, two 0.75, three 0.875): each extra competitor matters less.
 * - The two combine as a noisy OR: either signal alone makes an opportunity, both together
 *   a bigger one, never above 1.
 * - coverage: 1 when the workspace posted on the topic within `fullCoverageDays` (default
 *   14), falling linearly to 0 at `windowDays` (default 60): an old post no longer counts.
 *
 * Candidate topics: the trends, competitor posts' own topics, and, for untagged
 * competitor posts, keyphrases that two or more competitors used in the window.
 * A topic "is covered" by a post when every content word of the topic (lowercased,
 * singular) appears in the post's text or topic; "rust" is covered by "Rust 2.0 is out".
 */

export interface TrendingTopic {
  topic: string;
  /** 0..100. */
  score: number;
  keywords?: string[];
}

export interface CompetitorPost {
  competitor: string;
  /** Topic or text of the post. */
  text: string;
  publishedAt: string;
  topic?: string;
}

export interface OwnPost {
  text: string;
  topic?: string;
  publishedAt: string;
}

export interface GapOptions {
  now: number;
  windowDays?: number;
  fullCoverageDays?: number;
  /** Most gaps returned, best first (default 50). */
  limit?: number;
}

export interface ContentGap {
  topic: string;
  opportunity: number;
  demand: number;
  pressure: number;
  coverage: number;
  competitors: string[];
  lastCoveredAt: string | null;
  reasons: string[];
}

const STOP = new Set('a an and the of for in on to with about at by from is are new how why what your our'.split(' '));
const DAY = 86_400_000;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter((w) => w && !STOP.has(w))
    .map((w) => singular(w));
}

function covers(text: string, topic: string): boolean {
  const have = new Set(words(text));
  const need = words(topic);
  return need.length > 0 && need.every((w) => have.has(w));
}

export function contentGaps(trending: readonly TrendingTopic[], competitors: readonly CompetitorPost[], own: readonly OwnPost[], opts: GapOptions): ContentGap[] {
  const windowDays = opts.windowDays ?? 60;
  const full = opts.fullCoverageDays ?? 14;
  const since = opts.now - windowDays * DAY;
  const topics = new Map<string, { topic: string; demand: number }>();
  for (const t of trending) {
    const key = words(t.topic).join(' ');
    if (!key) continue;
    const prev = topics.get(key);
    topics.set(key, { topic: t.topic, demand: Math.max(prev?.demand ?? 0, Math.min(1, Math.max(0, t.score / 100))) });
  }
  const recentCompetitors = competitors.filter((c) => Date.parse(c.publishedAt) >= since);
  for (const c of recentCompetitors) {
    if (!c.topic) continue;
    const key = words(c.topic).join(' ');
    if (key && !topics.has(key)) topics.set(key, { topic: c.topic, demand: 0 });
  }
  // Untagged competitor posts: a keyphrase two or more competitors use is a topic they cover.
  const byKey = new Map<string, { surface: string; who: Set<string> }>();
  for (const c of recentCompetitors) {
    if (c.topic) continue;
    for (const k of extractKeyphrases(c.text)) {
      if (k.kind === 'common') continue;
      const e = byKey.get(k.key) ?? { surface: k.surface, who: new Set<string>() };
      e.who.add(c.competitor);
      byKey.set(k.key, e);
    }
  }
  const shared = [...byKey].filter(([, e]) => e.who.size >= 2);
  for (const [key, e] of shared) {
    // "error" inside "error correction" used by the same competitors adds nothing.
    const inside = shared.some(([other, o]) => other !== key && ` ${other} `.includes(` ${key} `) && o.who.size === e.who.size);
    const norm = words(key).join(' ');
    if (!inside && norm && !topics.has(norm)) topics.set(norm, { topic: e.surface, demand: 0 });
  }
  const gaps: ContentGap[] = [];
  for (const { topic, demand } of topics.values()) {
    const who = [...new Set(recentCompetitors.filter((c) => covers(`${c.topic ?? ''} ${c.text}`, topic)).map((c) => c.competitor))].sort();
    const pressure = 1 - 0.5 ** who.length;
    let last: number | null = null;
    for (const p of own) {
      const t = Date.parse(p.publishedAt);
      if (t <= opts.now && covers(`${p.topic ?? ''} ${p.text}`, topic) && (last === null || t > last)) last = t;
    }
    const age = last === null ? Infinity : (opts.now - last) / DAY;
    const coverage = age <= full ? 1 : age >= windowDays ? 0 : 1 - (age - full) / (windowDays - full);
    const opportunity = Math.round(100 * (1 - coverage) * (1 - (1 - demand) * (1 - pressure)) * 10) / 10;
    if (opportunity <= 0) continue;
    const reasons: string[] = [];
    if (demand > 0) reasons.push(`trending (score ${Math.round(demand * 100)})`);
    if (who.length) reasons.push(`covered by ${who.length} competitor${who.length > 1 ? 's' : ''}: ${who.join(', ')}`);
    reasons.push(last === null ? 'you have not posted on it' : `your last post on it was ${Math.floor(age)} days ago`);
    gaps.push({ topic, opportunity, demand, pressure, coverage, competitors: who, lastCoveredAt: last === null ? null : new Date(last).toISOString(), reasons });
  }
  return gaps.sort((a, b) => b.opportunity - a.opportunity || a.topic.localeCompare(b.topic)).slice(0, opts.limit ?? 50);
}
