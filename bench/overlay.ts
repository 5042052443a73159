// Loads the real saved pages from ../shared/pages in Chromium with the built extension, each
// at its real URL, and prints per site: time from an overlay's anchor being present to the
// overlay mounted, long tasks, script heap attributable to the content script, and each
// content script's gzip size. Run: npm run build:extension && npm run --silent bench:overlay
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { anchors, isAccountPage } from '../extension/features/common/anchors.ts';
import { chromiumFlags, chromiumPath, extensionDir } from '../e2e/support/browser.ts';
import { pagesDir, pagesPresent, savedPages, type SavedPage } from './extract-pages.ts';

/** How long a page is watched after load for overlays and long tasks. */
const SETTLE_MS = 2_000;
type Site = 'linkedin' | 'x' | 'youtube';
const FEATURES = ['post-insight', 'competitor-card', 'posting-time-hint'] as const;
const HOSTS: Record<(typeof FEATURES)[number], string> = {
  'post-insight': 'sightline-trend-badge',
  'competitor-card': 'sightline-competitor-card',
  'posting-time-hint': 'sightline-posting-time-hint',
};

function skip(why: string): never {
  console.log(`skipped: ${why}`);
  process.exit(0);
}
if (!pagesPresent) skip(`${pagesDir} is absent`);
if (!existsSync(chromiumPath)) skip(`no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
if (!existsSync(path.join(extensionDir, 'manifest.json'))) skip(`no built extension in ${extensionDir}: run \`npm run build:extension\` first`);

const siteOf = (url: string): Site => (url.includes('linkedin.com') ? 'linkedin' : url.includes('youtube.com') ? 'youtube' : 'x');

/**
 * Installed in the page's main world before any of its markup is parsed: records when each
 * watched selector first matches, the overlay hosts' first appearance, and long tasks.
 */
const initScript = `(() => {
  const b = window.__bench = { seen: {}, longtasks: [] };
  const watch = ${JSON.stringify(Object.fromEntries(
    FEATURES.flatMap((f) => [
      [`anchor:${f}`, Object.fromEntries((['linkedin', 'x', 'youtube'] as const).map((s) => [s, anchors[f][s].join(',')]))],
      [`host:${f}`, { linkedin: HOSTS[f], x: HOSTS[f], youtube: HOSTS[f] }],
    ]),
  ))};
  const site = location.hostname.includes('linkedin') ? 'linkedin' : location.hostname.includes('youtube') ? 'youtube' : 'x';
  const check = () => {
    for (const [k, bySite] of Object.entries(watch)) {
      const sel = bySite[site];
      if (!sel || b.seen[k] !== undefined) continue;
      try { if (document.querySelector(sel)) b.seen[k] = performance.now(); } catch {}
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longtasks.push({ start: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true }); } catch {}
})();`;

interface PageResult {
  file: string;
  /** feature → ms from anchor present to mounted; null: anchor absent or never mounted. */
  mount: Record<string, { anchorMs: number | null; mountedMs: number | null }>;
  startMs: number | null;
  longtasks: number;
  longMaxMs: number;
  heapMb: number;
  /** Our own synchronous blocks (guard() measures those ≥ 10 ms): how many exceeded 50 ms, and the longest. */
  workOver50: number;
  workMaxMs: number | null;
}

async function launch(withExtension: boolean): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sightline-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      ...chromiumFlags,
      '--enable-precise-memory-info',
    ],
  });
  if (withExtension) context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  // The saved page at its real URL; everything else it asks for (scripts, images, APIs) is refused, so nothing leaves the machine.
  await context.route(/^https?:\/\//, (route) => {
    const req = route.request();
    const page = savedPages.find((p) => p.url === req.url());
    if (req.resourceType() === 'document' && page) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(path.join(pagesDir, page.file), 'utf8') });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await context.addInitScript({ content: initScript });
  return { context, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function measure(context: BrowserContext, page: SavedPage): Promise<PageResult> {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  await tab.goto(page.url, { waitUntil: 'load' });
  await tab.waitForTimeout(SETTLE_MS);
  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const raw = (await tab.evaluate(`(() => {
    const b = window.__bench;
    const marks = {};
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('sightline:') && marks[m.name] === undefined) marks[m.name] = m.startTime;
    const work = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('sightline:work:')).map((m) => ({ name: m.name, ms: m.duration }));
    return { seen: b.seen, longtasks: b.longtasks, marks, work };
  })()`)) as {
    seen: Record<string, number>;
    longtasks: { start: number; ms: number }[];
    marks: Record<string, number>;
    work: { name: string; ms: number }[];
  };
  await tab.close();
  const site = siteOf(page.url);
  const mount: PageResult['mount'] = {};
  for (const f of FEATURES) {
    // The content script's own mark when the isolated world shares the page's timeline, else the host's first appearance.
    const mounted = raw.marks[`sightline:mounted:${site}/${f}`] ?? raw.seen[`host:${f}`] ?? null;
    mount[f] = { anchorMs: raw.seen[`anchor:${f}`] ?? null, mountedMs: mounted };
  }
  const accountPage = isAccountPage[site](new URL(page.url));
  if (!accountPage) mount['competitor-card'] = { anchorMs: null, mountedMs: null };
  return {
    file: page.file,
    mount,
    startMs: raw.marks['sightline:start'] ?? null,
    longtasks: raw.longtasks.length,
    longMaxMs: Math.max(0, ...raw.longtasks.map((t) => t.ms)),
    heapMb: heap / 1e6,
    workOver50: raw.work.filter((w) => w.ms > 50).length,
    workMaxMs: raw.work.length ? Math.max(...raw.work.map((w) => w.ms)) : null,
  };
}

const fmt = (x: number | null, digits = 0) => (x === null ? '—' : x.toFixed(digits));

async function run(withExtension: boolean): Promise<Map<string, PageResult>> {
  const b = await launch(withExtension);
  const out = new Map<string, PageResult>();
  try {
    for (const page of savedPages) out.set(page.file, await measure(b.context, page));
  } finally {
    await b.close();
  }
  return out;
}

// Baseline first (no extension): long tasks and heap of the page alone, to tell ours apart.
const baseline = await run(false);
const withExt = await run(true);

console.log(`Chromium ${chromiumPath}, headless; each page watched ${SETTLE_MS} ms after load; browser not paired (overlays from the page alone).`);
console.log('start: ms from navigation to the content script starting (Chrome injects at document_idle, after the anchors are already parsed).');
console.log('<feature> mount: ms from "anchor present and content script running" to the overlay mounted, then (in brackets) from the anchor first present; — = no anchor / not that kind of page.');
console.log('long tasks: > 50 ms on the page, with extension / without; our >50: our own synchronous blocks over 50 ms; our max: the longest (— = none reached 10 ms);');
console.log('heap Δ: JS heap after GC, with minus without extension (MB). (Long-animation-frame script attribution was tried: Chromium reports no extension scripts in it.)\n');
for (const site of ['linkedin', 'x', 'youtube'] as const) {
  const js = readFileSync(path.join(extensionDir, 'content-scripts', `${site}.js`));
  const cssFile = path.join(extensionDir, 'content-scripts', `${site}.css`);
  // The overlays inline their CSS; a separate file only exists if a content script imports one.
  const css = existsSync(cssFile) ? ` + css ${(gzipSync(readFileSync(cssFile), { level: 9 }).length / 1024).toFixed(1)} KB gzip` : ', CSS inlined';
  console.log(`## ${site}: content script ${(js.length / 1024).toFixed(1)} KB, ${(gzipSync(js, { level: 9 }).length / 1024).toFixed(1)} KB gzip${css}`);
  console.log(['page', 'start', ...FEATURES.map((f) => `${f} mount`), 'long tasks', 'our >50', 'our max', 'heap Δ'].join('\t'));
  for (const page of savedPages.filter((p) => siteOf(p.url) === site)) {
    const r = withExt.get(page.file)!;
    const base = baseline.get(page.file)!;
    const cells = FEATURES.map((f) => {
      const m = r.mount[f]!;
      if (m.anchorMs === null) return '—';
      if (m.mountedMs === null) return 'not mounted';
      const ready = Math.max(m.anchorMs, r.startMs ?? m.anchorMs);
      return `${fmt(Math.max(0, m.mountedMs - ready))} [${fmt(Math.max(0, m.mountedMs - m.anchorMs))}]`;
    });
    console.log([page.file, fmt(r.startMs), ...cells, `${r.longtasks}/${base.longtasks}`, r.workOver50, fmt(r.workMaxMs), fmt(r.heapMb - base.heapMb, 2)].join('\t'));
  }
  console.log('');
}
