import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { SocialPlatform, Trend } from '../../shared/contracts/api.ts';
import { bestTrendMatch, buildTrendIndex, type TrendIndex, type TrendMatch } from '../../shared/trends/match.ts';
import type { Extractor, Post } from '../sites/types.ts';
import { overlayStyles } from './ui/styles.ts';
import { guard, reportError } from './features.ts';
import { authorBaselines, authorKey, insightParts, postInsight, type AuthorBaseline } from './insight.ts';
import { send, type StoredBaselines } from './messages.ts';
import { findPosts, siteSelectors, type FoundPost } from './post-text.ts';
import { connectionItem } from './settings.ts';
import { PostBadge } from './ui/post-badge.tsx';

/** Trends older than this are re-read from the background on navigation. */
const trendsMaxAgeMs = 5 * 60_000;
const scanDelayMs = 100;

interface Mounted {
  /** The post text the badge was computed from; a change (SPA reusing the node) re-reads it. */
  text: string;
  post: Post | null;
  found: FoundPost;
  match: TrendMatch<Trend> | null;
  /** What was last drawn, to skip identical redraws. */
  drawn: string;
  ui: Promise<ShadowRootContentScriptUi<void>> | null;
}

/**
 * One badge per post, video or tweet (the trend badge folded into the post insight): the
 * trend score and Save when the text matches a current trend, plus engagement relative to
 * the author's average and velocity since publishing. Hosts are `sightline-trend-badge`
 * elements marked data-sightline="trend-badge" when a trend matched, "post-insight"
 * otherwise (the name and marker of the earlier trend-only badge are kept for its tests).
 */
/** `extract` is the site's own extractor, passed in so each content script bundles only its site's. */
export function startPostBadges(ctx: ContentScriptContext, featureId: string, site: SocialPlatform, extract: Extractor): void {
  const selectors = siteSelectors[site];
  const mounted = new Map<Element, Mounted>();
  let index: TrendIndex<Trend> = buildTrendIndex<Trend>([]);
  let loadedAt = 0;
  /** When the trends shown were fetched, if the worker could not be reached for fresher ones. */
  let trendsAsOf: number | null = null;
  const stored = new Map<string, { n: number; sum: number; ids: string[] }>();
  const askedAuthors = new Set<string>();
  let baselines = new Map<string, AuthorBaseline>();
  let marked = false;
  // An inert document: each post is read by the site's extractor on its own, without
  // loading images or running anything.
  const scratch = document.implementation.createHTMLDocument('');

  function readPost(found: FoundPost, watchPost: Post | null): Post | null {
    if (site === 'youtube' && found.element.tagName === 'YTD-WATCH-METADATA') return watchPost;
    try {
      scratch.body.replaceChildren(scratch.importNode(found.element, true));
      return extract(scratch, new URL(location.href), new Date()).posts[0] ?? null;
    } catch (err) {
      reportError(featureId, err);
      return null;
    } finally {
      scratch.body.replaceChildren();
    }
  }

  async function loadTrends(): Promise<void> {
    const state = await send('getTrends', { maxAgeMs: trendsMaxAgeMs });
    if (ctx.isInvalid) return;
    index = buildTrendIndex(state.trends);
    loadedAt = Date.now();
    trendsAsOf = state.offline && state.fetchedAt !== null ? state.fetchedAt : null;
    for (const m of mounted.values()) m.match = bestTrendMatch(index, m.found.text);
    drawAll();
  }

  async function loadStored(authors: string[]): Promise<void> {
    const got: StoredBaselines = await send('storedBaselines', { platform: site, authors });
    if (ctx.isInvalid) return;
    for (const [k, v] of Object.entries(got)) stored.set(k, v);
    if (Object.keys(got).length) drawAll();
  }

  function draw(host: ShadowRootContentScriptUi<void>, m: Mounted, parts: string[] | null): void {
    const { match, found } = m;
    const h = host.shadowHost;
    h.dataset.sightline = match ? 'trend-badge' : 'post-insight';
    if (match) {
      h.dataset.trendId = match.trend.id;
      h.dataset.score = String(match.trend.score);
    } else {
      delete h.dataset.trendId;
      delete h.dataset.score;
    }
    h.dataset.insight = parts === null ? 'unreadable' : parts.join(' · ');
    render(
      <PostBadge
        insight={parts}
        trend={
          match && {
            trend: match.trend,
            matched: match.matched,
            asOf: trendsAsOf,
            onSave: () =>
              send('saveResearchItem', {
                item: { url: found.url, title: found.text.slice(0, 120), text: found.text, platform: site, trendId: match.trend.id },
              }),
          }
        }
      />,
      host.uiContainer,
    );
  }

  function partsOf(m: Mounted, now: number): string[] | null {
    if (!m.post) return null;
    const parts = insightParts(postInsight(m.post, baselines, now));
    return parts.length ? parts : null;
  }

  function drawAll(): void {
    const now = Date.now();
    baselines = authorBaselines(
      [...mounted.values()].flatMap((m) => (m.post ? [m.post] : [])),
      stored,
    );
    for (const m of mounted.values()) {
      const parts = partsOf(m, now);
      // Velocity moves with the clock: redraw only when the text shown would change.
      const drawn = `${m.match?.trend.id ?? ''}|${m.match?.trend.score ?? ''}|${trendsAsOf ?? ''}|${parts?.join('|') ?? '∅'}|${m.found.url}`;
      if (drawn === m.drawn && m.ui) continue;
      m.drawn = drawn;
      if (m.ui) {
        const current = m;
        void m.ui.then(guard(featureId, (ui: ShadowRootContentScriptUi<void>) => draw(ui, current, partsOf(current, now))));
      } else mount(m, parts);
    }
  }

  function mount(m: Mounted, parts: string[] | null): void {
    const post = m.found;
    const ui = createShadowRootUi<void>(ctx, {
      name: 'sightline-trend-badge',
      position: 'inline',
      css: overlayStyles,
      anchor: post.anchor,
      append: post.anchor === post.element ? 'first' : selectors.append,
      onMount: (container) => container.setAttribute('lang', 'en'),
      onRemove: () => undefined,
    });
    m.ui = ui;
    ui.then(
      guard(featureId, (host: ShadowRootContentScriptUi<void>) => {
        // Unmounted (post gone) while the host was being created.
        if (ctx.isInvalid || m.ui !== ui) return;
        host.mount();
        draw(host, m, parts);
        if (!marked) {
          marked = true;
          performance.mark(`sightline:mounted:${featureId}`);
        }
      }),
      (err: unknown) => reportError(featureId, err),
    );
  }

  function unmount(m: Mounted): void {
    void m.ui?.then((ui) => {
      render(null, ui.uiContainer);
      ui.remove();
    });
    m.ui = null;
  }

  function scan(): void {
    for (const [el, m] of mounted) {
      if (!el.isConnected) {
        unmount(m);
        mounted.delete(el);
      }
    }
    const found = findPosts(document, selectors, location.href);
    let watchPost: Post | null = null;
    if (site === 'youtube' && found.some((f) => f.element.tagName === 'YTD-WATCH-METADATA')) {
      const ex = extract(document, new URL(location.href), new Date());
      watchPost = ex.kind === 'yt-watch' ? (ex.posts[0] ?? null) : null;
    }
    const newAuthors: string[] = [];
    for (const f of found) {
      const m = mounted.get(f.element);
      if (m && m.text === f.text) continue;
      const post = readPost(f, watchPost);
      const next: Mounted = { text: f.text, post, found: f, match: bestTrendMatch(index, f.text), drawn: '', ui: m?.ui ?? null };
      mounted.set(f.element, next);
      const key = post ? authorKey(post) : null;
      if (key && !askedAuthors.has(key)) {
        askedAuthors.add(key);
        newAuthors.push(key);
      }
    }
    drawAll();
    if (newAuthors.length) loadStored(newAuthors).catch((err: unknown) => reportError(featureId, err));
  }

  let scheduled = false;
  const scheduleScan = guard(featureId, () => {
    if (scheduled) return;
    scheduled = true;
    ctx.setTimeout(
      guard(featureId, () => {
        scheduled = false;
        scan();
      }),
      scanDelayMs,
    );
  });

  const observer = new MutationObserver(scheduleScan);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    for (const m of mounted.values()) unmount(m);
    mounted.clear();
  });

  ctx.addEventListener(
    window,
    'wxt:locationchange',
    guard(featureId, async () => {
      scan();
      if (Date.now() - loadedAt > trendsMaxAgeMs) await loadTrends();
    }),
  );

  // Paired (or re-paired) in another tab: the trends just became available.
  const unwatch = connectionItem.watch(guard(featureId, () => loadTrends()));
  ctx.onInvalidated(unwatch);

  // Badges go up from the page alone at once; trends fill in when the background answers.
  guard(featureId, scan)();
  loadTrends().catch((err: unknown) => reportError(featureId, err));
}
