import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { overlayStyles } from './ui/styles.ts';
import { guard, reportError } from './features.ts';

/**
 * One overlay per anchor (a profile header, a composer): mounted once when the anchor
 * appears, kept while the same anchor and key stay, re-mounted when a single-page
 * navigation swaps the anchor or changes the key (another profile), removed when the
 * anchor goes away or the content script is invalidated.
 */
export interface AnchoredOverlay {
  featureId: string;
  /** Custom element name of the shadow host. */
  name: string;
  /** data-sightline on the host, the hook tests and styles use. */
  sightline: string;
  locate(): { anchor: Element; append: 'before' | 'after' | 'first' | 'last'; key: string } | null;
  /** Draws into the shadow root's container; `isCurrent()` turns false once this mount is gone. Returns cleanup. */
  mount(container: HTMLElement, isCurrent: () => boolean): (() => void) | void;
}

interface Current {
  anchor: Element;
  key: string;
  ui: Promise<ShadowRootContentScriptUi<(() => void) | void>>;
  live: boolean;
}

export function startAnchoredOverlay(ctx: ContentScriptContext, o: AnchoredOverlay): void {
  let current: Current | null = null;
  let marked = false;

  function remove(c: Current): void {
    c.live = false;
    void c.ui.then((ui) => ui.remove(), () => undefined);
  }

  const check = guard(o.featureId, () => {
    if (ctx.isInvalid) return;
    const found = o.locate();
    if (current && found && current.anchor === found.anchor && current.key === found.key && found.anchor.isConnected) return;
    if (current) remove(current);
    current = null;
    if (!found) return;
    const c: Current = {
      anchor: found.anchor,
      key: found.key,
      live: true,
      ui: createShadowRootUi<(() => void) | void>(ctx, {
        name: o.name,
        position: 'inline',
        css: overlayStyles,
        anchor: found.anchor,
        append: found.append,
        onMount: (container, _shadow, host) => {
          host.dataset.sightline = o.sightline;
          container.setAttribute('lang', 'en');
          const cleanup = o.mount(container, () => c.live && !ctx.isInvalid);
          if (!marked) {
            marked = true;
            // Read by bench/overlay.ts: time from anchor present to overlay mounted.
            performance.mark(`sightline:mounted:${o.featureId}`);
          }
          return cleanup;
        },
        onRemove: (cleanup) => cleanup?.(),
      }),
    };
    current = c;
    c.ui.then(
      guard(o.featureId, (ui: ShadowRootContentScriptUi<(() => void) | void>) => {
        if (c.live && !ctx.isInvalid) ui.mount();
      }),
      (err: unknown) => reportError(o.featureId, err),
    );
  });

  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true });
  ctx.addEventListener(window, 'wxt:locationchange', check);
  ctx.onInvalidated(() => {
    observer.disconnect();
    if (current) remove(current);
    current = null;
  });
  check();
}
