/**
 * bench/import: what storing a post history costs in local D1, a statement per post (how the
 * import wrote before) against the rows carried as JSON, one statement per ~1 MB (upsertPosts).
 * D1 applies its limits to every statement of a batch, 1,000 queries per invocation among
 * them, so the statement count decides whether a large import can run on Cloudflare at all;
 * the time is local SQLite's. Also times parsing the largest CSV the route accepts.
 * Histories are Hacker News titles from ../shared/data when present, else synthetic posts.
 *
 * Run: npm run bench:import
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/d1';
import { maxImportBytes } from '../shared/contracts/api.ts';
import { formatPostsCsv, parsePostsCsv, type Post } from '../shared/posts/canonical.ts';
import { importHackerNews } from '../shared/posts/importers.ts';
import { syntheticPosts } from '../shared/predict/synthetic.ts';
import { workspaces } from '../worker/db/schema.ts';
import { postRow, upsertPosts } from '../worker/lib/models.ts';
import { root } from '../scripts/wrangler.ts';
import { withLocalD1 } from './local-d1.ts';

const hnFile = path.join(root, '..', 'shared', 'data', 'hackernews', 'posts.csv');
const pool: Post[] = existsSync(hnFile) ? importHackerNews(readFileSync(hnFile, 'utf8')).items : syntheticPosts(16_000, 5, 'x');
const source = existsSync(hnFile) ? 'Hacker News titles from ../shared/data as X posts' : 'synthetic posts (../shared/data absent)';
/** n distinct X posts, cycling through the pool with fresh ids. */
const history = (n: number): Post[] => Array.from({ length: n }, (_, i) => ({ ...pool[i % pool.length]!, id: `p${i}`, platform: 'x' }));

console.log(`storing a post history in local D1 (${source}), a statement per post vs upsertPosts:`);
await withLocalD1(async (d1) => {
  const db = drizzle(d1 as never);
  for (const [i, n] of [3_200, 10_000].entries()) {
    const rows = history(n);
    const time = async (ws: string, statements: ReturnType<typeof upsertPosts>) => {
      await db.insert(workspaces).values({ id: ws, name: ws, createdAt: Date.now() });
      const t = performance.now();
      // Batches of 500, as the import did when it wrote a statement per post.
      for (let s = 0; s < statements.length; s += 500) {
        const chunk = statements.slice(s, s + 500);
        await db.batch(chunk as [(typeof chunk)[number], ...(typeof chunk)[number][]]);
      }
      const ms = performance.now() - t;
      const stored = (await d1.prepare('select count(*) as n from posts where workspace_id = ?').bind(ws).first<{ n: number }>())!.n;
      if (stored !== n) throw new Error(`${ws}: stored ${stored} of ${n} posts`);
      return { ms, statements: statements.length };
    };
    const now = Date.now();
    const perPost = await time(`per-post-${i}`, rows.flatMap((p) => upsertPosts(db as never, [postRow(p, `per-post-${i}`, 'own', now)])));
    const json = await time(`json-${i}`, upsertPosts(db as never, rows.map((p) => postRow(p, `json-${i}`, 'own', now))));
    console.log(
      `  ${n.toLocaleString('en-US').padStart(6)} posts: a statement per post ${String(perPost.statements).padStart(6)} statements ${perPost.ms.toFixed(0).padStart(6)} ms` +
        ` | upsertPosts ${String(json.statements).padStart(2)} statements ${json.ms.toFixed(0).padStart(5)} ms` +
        ` | ${(perPost.statements / json.statements).toFixed(0)}x fewer statements, ${(perPost.ms / json.ms).toFixed(1)}x faster` +
        (perPost.statements > 1000 ? ' (a statement per post is past D1’s 1,000 queries per invocation)' : ''),
    );
  }
});

// The route's other cost: parsing the largest body it takes (JSON escaping makes the CSV a little smaller).
let n = 0;
const chunk = formatPostsCsv(history(2_000)).split('\n').slice(1).join('\n');
const header = formatPostsCsv([]).trimEnd();
let csv = header;
while (csv.length + chunk.length < maxImportBytes * 0.93) {
  csv += `\n${chunk.replaceAll(/^p(\d+),/gm, (_, id: string) => `b${n}-${id},`)}`;
  n++;
}
const t = performance.now();
const parsed = parsePostsCsv(csv, { platforms: ['x'] });
console.log(`parsing a ${(csv.length / 1048576).toFixed(1)} MiB posts CSV (${parsed.items.length.toLocaleString('en-US')} posts, the route's 8 MiB JSON body): ${(performance.now() - t).toFixed(0)} ms`);
