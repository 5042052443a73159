import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { SocialPlatform, Trend } from '../../shared/contracts/api.ts';
import { bestTrendMatch, buildTrendIndex, type TrendIndex, type TrendMatch } from '../../shared/trends/match.ts';
import { guard, reportError } from './features.ts';
import { send } from './messages.ts';
import { findPosts, siteSelectors, type FoundPost } from './post-text.ts';
import { connectionItem } from './settings.ts';
import { Badge } from './ui/badge.tsx';

/** Trends older than this are re-read from the background on navigation. */
const trendsMaxAgeMs = 5 * 60_000;
const scanDelayMs = 300;

interface Mounted {
  /** The post text the badge was computed from; a change (SPA reusing the node) re-matches. */
  text: string;
  ui: Promise<ShadowRootContentScriptUi<void>> | null;
  props: { match: TrendMatch<Trend>; post: FoundPost } | null;
}

/**
 * Puts a "Trend 81 · AI agents" badge on every post that talks about a current trend.
 * One shadow-root host per post, marked data-sightline="trend-badge"; re-scans on DOM
 * changes (throttled) and on single-page navigation, updating badges in place.
 */
export function startTrendBadges(ctx: ContentScriptContext, featureId: string, site: SocialPlatform): void {
  const selectors = siteSelectors[site];
  const mounted = new Map<Element, Mounted>();
  let index: TrendIndex<Trend> = buildTrendIndex<Trend>([]);
  let loadedAt = 0;

  async function loadTrends(): Promise<void> {
    const state = await send('getTrends', { maxAgeMs: trendsMaxAgeMs });
    if (ctx.isInvalid) return;
    index = buildTrendIndex(state.trends);
    loadedAt = Date.now();
    // Trends changed: every post is re-matched.
    for (const m of mounted.values()) m.text = '';
  }

  function draw(host: ShadowRootContentScriptUi<void>, m: Mounted): void {
    if (!m.props) return;
    const { match, post } = m.props;
    host.shadowHost.dataset.trendId = match.trend.id;
    host.shadowHost.dataset.score = String(match.trend.score);
    render(
      <Badge
        trend={match.trend}
        matched={match.matched}
        onSave={() =>
          send('saveResearchItem', {
            item: { url: post.url, title: post.text.slice(0, 120), text: post.text, platform: site, trendId: match.trend.id },
          })
        }
      />,
      host.uiContainer,
    );
  }

  function mount(post: FoundPost, m: Mounted): void {
    const ui = createShadowRootUi<void>(ctx, {
      name: 'sightline-trend-badge',
      position: 'inline',
      anchor: post.anchor,
      append: post.anchor === post.element ? 'first' : selectors.append,
      onMount: (container, _shadow, host) => {
        host.dataset.sightline = 'trend-badge';
        container.setAttribute('lang', 'en');
      },
      onRemove: () => undefined,
    });
    m.ui = ui;
    ui.then(
      (host) => {
        // Unmounted (post gone, or no longer matching) while the host was being created.
        if (ctx.isInvalid || m.ui !== ui) return;
        host.mount();
        draw(host, m);
      },
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
    for (const post of findPosts(document, selectors, location.href)) {
      let m = mounted.get(post.element);
      if (m && m.text === post.text) continue;
      const match = bestTrendMatch(index, post.text);
      if (!m) mounted.set(post.element, (m = { text: post.text, ui: null, props: null }));
      m.text = post.text;
      if (!match) {
        if (m.ui) unmount(m);
        m.props = null;
        continue;
      }
      m.props = { match, post };
      const current = m;
      if (m.ui) void m.ui.then((ui) => draw(ui, current));
      else mount(post, m);
    }
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
      if (Date.now() - loadedAt > trendsMaxAgeMs) await loadTrends();
      scan();
    }),
  );

  // Paired (or re-paired) in another tab: the trends just became available.
  const unwatch = connectionItem.watch(
    guard(featureId, async () => {
      await loadTrends();
      scan();
    }),
  );
  ctx.onInvalidated(unwatch);

  void loadTrends().then(scan, (err: unknown) => reportError(featureId, err));
}
