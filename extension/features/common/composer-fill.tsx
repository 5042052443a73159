import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startAnchoredOverlay } from '../../lib/anchored-overlay.ts';
import { guard } from '../../lib/features.ts';
import { send } from '../../lib/messages.ts';
import { confirmSent, editorText, fillEditor, first } from '../../lib/publish/fill.ts';
import { isComposerPage } from '../../lib/publish/publisher.ts';
import { ComposerBar, type ComposerBarProps } from '../../lib/ui/composer-bar.tsx';

export interface ComposerSite {
  featureId: string;
  platformName: string;
  /** The composer's editable element, alternatives in order. */
  editor: readonly string[];
  /** The site's Post buttons: after a click there, the post is published once the composer lets go of it. */
  postButton: readonly string[];
}

/** How long to wait for a composer to appear after the page loads (single-page apps render late). */
const waitMs = 20_000;

/**
 * On a composer tab Sightline opened for a due post: fills the text in, shows the bar, and
 * tells the background when the post is published: after the site's Post button, once the
 * composer has let go of the post (confirmSent), or by hand. A post the site did not take is
 * never marked published on the click alone; the bar says so instead.
 */
export async function startComposerFill(ctx: ContentScriptContext, site: ComposerSite): Promise<void> {
  const pending = await send('pendingPost', {});
  if (!pending || ctx.isInvalid) return;
  // The background answered for this page only. X is a single-page app: closing the dialog or
  // following a link keeps this script alive on pages whose composer (the home timeline's, a
  // reply box) holds another post, which must not be taken for this one.
  const page = location.href;
  const onComposerPage = () => isComposerPage(page, location.href);

  const editor = await waitFor(ctx, () => first(document, site.editor));
  let state: ComposerBarProps['state'] = editor && fillEditor(editor, pending.text) ? 'filled' : 'failed';
  let error: string | null = null;
  const redraws = new Set<() => void>();

  const redraw = () => redraws.forEach((r) => r());
  const markPublished = async (detected: boolean) => {
    if (state === 'published') return;
    state = 'published';
    redraw();
    try {
      await send('markPublished', { postId: pending.postId, detected });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    redraw();
  };

  let watch = 0;
  const postPressed = async () => {
    const current = first(document, site.editor);
    if (state === 'published' || !current) return;
    // Pressing Post again restarts the watch with what the composer holds now.
    const mine = ++watch;
    state = 'sending';
    redraw();
    const result = await confirmSent(editorText(current), {
      find: () => first(document, site.editor),
      onSlow: () => {
        if (mine !== watch) return;
        state = 'unconfirmed';
        redraw();
      },
      cancelled: () => ctx.isInvalid || mine !== watch || state === 'published',
    });
    if (result === 'sent') await markPublished(true);
    else if (result === 'unconfirmed') {
      state = 'unconfirmed';
      redraw();
    }
  };

  // Capture phase: the site's own handlers may stop the click or remove the button.
  ctx.addEventListener(
    document,
    'click',
    guard(site.featureId, (e: Event) => {
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest(site.postButton.join(',')) && onComposerPage()) void postPressed();
    }),
    { capture: true },
  );

  startAnchoredOverlay(ctx, {
    featureId: site.featureId,
    name: 'sightline-composer-fill',
    sightline: 'composer-fill',
    locate: () => {
      // Off the composer page the bar stays only to report a post it is following.
      if (!onComposerPage() && (state === 'filled' || state === 'failed')) return null;
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
