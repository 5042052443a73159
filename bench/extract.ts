// Times the page extractors on the saved pages in ../shared/pages and prints, per page,
// the parse time (happy-dom, CLI only), the extraction time (what a content script pays:
// first run, then the median of 5 runs on the same document),
// the number of posts and the selector misses. Run: npm run --silent bench:extract
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDocument } from '../cli/commands/extract.ts';
import { extractPage } from '../extension/sites/index.ts';
import { pagesDir, pagesPresent, savedPages } from './extract-pages.ts';

const RUNS = 5;

if (!pagesPresent) {
  console.log(`skipped: ${pagesDir} is absent`);
  process.exit(0);
}

console.log(['page', 'KB', 'parse ms', 'extract ms (1st run)', 'extract ms (median of 5)', 'posts', 'misses'].join('\t'));
for (const page of savedPages) {
  const html = readFileSync(path.join(pagesDir, page.file), 'utf8');
  const t0 = performance.now();
  const { document, close } = loadDocument(html, page.url);
  const parseMs = performance.now() - t0;
  const times: number[] = [];
  let result = null;
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    result = extractPage(document, new URL(page.url), new Date(page.capturedAt));
    times.push(performance.now() - s);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  const misses = Object.entries(result?.misses ?? {}).map(([k, v]) => `${k}=${v}`).join(' ') || '0';
  console.log([page.file, Math.round(html.length / 1024), parseMs.toFixed(0), (first ?? 0).toFixed(1), (times[RUNS >> 1] ?? 0).toFixed(1), result?.posts.length ?? 0, misses].join('\t'));
  await close();
}
