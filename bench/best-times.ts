/**
 * bench/best-times: what one GET /v1/best-times (and each /v1/predict) spends fitting a
 * workspace's history: bucketing 5,000 posts by hour of week in the account's zone, then
 * the whole best-times fit. Compares, in the same run, zonedParts (offsets cached per
 * quarter-hour) with asking Intl for every post, which is what it did before.
 *
 * Uses the X account history from ../shared/data when present (repeated to 5,000 posts),
 * a seeded synthetic history otherwise.
 *
 * Run: npm run bench:best-times
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Post } from '../shared/posts/canonical.ts';
import { importXHistory } from '../shared/posts/importers.ts';
import { zonedParts } from '../shared/posts/time.ts';
import { bestTimes } from '../shared/schedule/best-time.ts';

const N = 5000;
const zone = 'America/Chicago';
const file = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'x-account-history', 'tweets.csv');

function history(): { posts: Post[]; from: string } {
  if (existsSync(file)) {
    const own = importXHistory(readFileSync(file, 'utf8')).items.filter((p) => p.likes !== null);
    const posts: Post[] = [];
    for (let k = 0; posts.length < N; k++) posts.push(...own.map((p) => ({ ...p, id: `${p.id}-${k}` })));
    return { posts: posts.slice(0, N), from: `${own.length} real posts of ../shared/data/x-account-history, repeated` };
  }
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const start = Date.UTC(2025, 0, 1);
  const posts = Array.from({ length: N }, (_, i): Post => ({
    id: String(i), platform: 'x', author: 'me', text: 'post', url: '',
    publishedAt: new Date(start + Math.floor(rand() * 365 * 86_400_000)).toISOString(),
    likes: Math.floor(rand() * 500), comments: null, shares: null, views: null,
  }));
  return { posts, from: 'a seeded synthetic history (../shared/data absent)' };
}

const intl = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: 'numeric' });
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function intlHourOfWeek(ms: number): number {
  const p = Object.fromEntries(intl.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return DAYS.indexOf(p.weekday!) * 24 + (Number(p.hour) % 24);
}

function median(run: () => void, times = 15): number {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

const { posts, from } = history();
const instants = posts.map((p) => Date.parse(p.publishedAt));
let sink = 0;
const viaIntl = median(() => {
  for (const t of instants) sink += intlHourOfWeek(t);
});
const viaCache = median(() => {
  for (const t of instants) {
    const p = zonedParts(t, zone);
    sink += p.weekday * 24 + p.hour;
  }
});
const fit = median(() => {
  sink += bestTimes(posts, { platform: 'x', timeZone: zone, top: 3 }).slots.length;
}, 9);

console.log(`best times for ${N} posts (${from}), zone ${zone}, median of repeated runs:`);
console.log(`  hour of week, Intl per post:               ${viaIntl.toFixed(1)} ms`);
console.log(`  hour of week, zonedParts (cached offsets): ${viaCache.toFixed(1)} ms  (${(viaIntl / viaCache).toFixed(1)}x faster)`);
console.log(`  whole bestTimes fit:                       ${fit.toFixed(1)} ms`);
// Uses the loops' results, so the engine cannot optimise the work being timed away.
if (sink === -1) console.log('');
