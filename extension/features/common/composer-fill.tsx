import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startAnchoredOverlay } from '../../lib/anchored-overlay.ts';
import { guard } from '../../lib/features.ts';
import { send } from '../../lib/messages.ts';
import { fillEditor, first } from '../../lib/publish/fill.ts';
import { ComposerBar, type ComposerBarProps } from '../../lib/ui/composer-bar.tsx';

export interface ComposerSite {
  featureId: string;
  platformName: string;
  /** The composer's editable element, alternatives in order. */
  editor: readonly string[];
  /** The site's Post buttons: a click there is taken as "published". */
  postButton: readonly string[];
}

/** How long to wait for a composer to appear after the page loads (single-page apps render late). */
const waitMs = 20_000;

/**
 * On a composer tab Sightline opened for a due post: fills the text in, shows the bar, and
 * tells the background when the post is published (the site's Post button, or by hand).
 */
export async function startComposerFill(ctx: ContentScriptContext, site: ComposerSite): Promise<void> {
  const pending = await send('pendingPost', {});
  if (!pending || ctx.isInvalid) return;

  const editor = await waitFor(ctx, () => first(document, site.editor));
  let state: ComposerBarProps['state'] = editor && fillEditor(editor, pending.text) ? 'filled' : 'failed';
  let error: string | null = null;
  const redraws = new Set<() => void>();

  const markPublished = async (detected: boolean) => {
    if (state === 'published') return;
    state = 'published';
    redraws.forEach((r) => r());
    try {
      await send('markPublished', { postId: pending.postId, detected });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    redraws.forEach((r) => r());
  };

  // Capture phase: the site's own handlers may stop the click or remove the button.
  ctx.addEventListener(
    document,
    'click',
    guard(site.featureId, (e: Event) => {
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest(site.postButton.join(','))) void markPublished(true);
    }),
    { capture: true },
  );

  startAnchoredOverlay(ctx, {
    featureId: site.featureId,
    name: 'sightline-composer-fill',
    sightline: 'composer-fill',
    locate: () => {
      const el = first(document, site.editor) ?? editor;
      const anchor = el?.parentElement;
      return anchor ? { anchor, append: 'before', key: pending.postId } : null;
    },
    mount(container, isCurrent) {
      const draw = () => {
        if (isCurrent()) render(<ComposerBar platformName={site.platformName} state={state} error={error} onMarkPublished={() => void markPublished(false)} />, container);
      };
      redraws.add(draw);
      draw();
      return () => {
        redraws.delete(draw);
        render(null, container);
      };
    },
  });
}

function waitFor<T>(ctx: ContentScriptContext, find: () => T | null): Promise<T | null> {
  const found = find();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const started = Date.now();
    const id = ctx.setInterval(() => {
      const el = find();
      if (el || Date.now() - started > waitMs || ctx.isInvalid) {
        clearInterval(id);
        resolve(el);
      }
    }, 200);
  });
}
