import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { competitorGrowth } from '../../../shared/competitors/growth.ts';
import type { SocialPlatform } from '../../../shared/contracts/api.ts';
import type { Extractor } from '../../sites/types.ts';
import { startAnchoredOverlay } from '../../lib/anchored-overlay.ts';
import { accountOf, audienceOf, ownPosts, pageMetrics, snapshotOf } from '../../lib/competitor-visit.ts';
import { reportError } from '../../lib/features.ts';
import { send, type CompetitorState } from '../../lib/messages.ts';
import { CompetitorCard, type CompetitorCardProps } from '../../lib/ui/competitor-card.tsx';

/** Re-mounts on the same account within this window (same page load) are the same visit. */
const visitWindowMs = 30 * 60_000;

export interface CompetitorCardSite {
  featureId: string;
  platform: SocialPlatform;
  /** The site's extractor (only this site's is bundled into its content script). */
  extract: Extractor;
  /** Is this URL an account page (profile, company, channel)? */
  isAccountPage(url: URL): boolean;
  /** Where the card goes: after the first of these that exists. */
  anchors: readonly string[];
}

/**
 * The competitor card: the page's own figures at once; then, only if the user tracks this
 * account, this visit's snapshot is stored (Dexie + outbox) and growth shown from the
 * stored visits. For an untracked account nothing leaves the page.
 */
export function startCompetitorCard(ctx: ContentScriptContext, site: CompetitorCardSite): void {
  // A single-page app may re-create the header (and so re-mount the card) while the user is
  // still on the same profile: that is one visit, recorded once per page load and window.
  const recordedAt = new Map<string, number>();
  startAnchoredOverlay(ctx, {
    featureId: site.featureId,
    name: 'sightline-competitor-card',
    sightline: 'competitor-card',
    locate() {
      const url = new URL(location.href);
      if (!site.isAccountPage(url)) return null;
      for (const s of site.anchors) {
        const anchor = document.querySelector(s);
        // One visit per account page: the path's first two segments name the account.
        if (anchor) return { anchor, append: 'after', key: url.pathname.split('/').slice(0, 3).join('/') };
      }
      return null;
    },
    mount(container, isCurrent) {
      const url = new URL(location.href);
      const ex = site.extract(document, url, new Date());
      const account = accountOf(ex, url);
      const profile = ex.profile;
      const now = Date.now();
      const mine = account ? ownPosts(ex, account) : [];
      const page =
        profile && account
          ? competitorGrowth(
              [{ capturedAt: now, followers: audienceOf(profile) }],
              mine.flatMap((p) =>
                p.publishedAt
                  ? [{ id: p.id ?? p.url ?? String(p.publishedAt), text: p.text ?? p.title ?? '', url: p.url ?? null, publishedAt: Date.parse(p.publishedAt), likes: p.likes ?? p.reactions ?? null, comments: p.comments ?? p.replies ?? null, shares: p.reposts ?? null, views: p.views ?? null }]
                  : [],
              ),
              now,
            )
          : null;
      // The page alone cannot show growth; that note belongs to the tracked view.
      if (page) page.notes = page.notes.filter((n) => !/visit|growth/.test(n));

      let state: CompetitorState | null = null;
      let error: string | null = null;
      const draw = () => {
        if (!isCurrent()) return;
        const props: CompetitorCardProps = {
          account: account && profile && (profile.name || pageMetrics(profile).length) ? { name: account.name, handle: account.handle } : null,
          metrics: profile ? pageMetrics(profile) : [],
          page,
          state,
          error,
          onTrack,
          onClaim,
        };
        render(<CompetitorCard {...props} />, container);
      };
      const fail = (err: unknown) => {
        error = err instanceof Error ? err.message : String(err);
        draw();
      };
      const record = async (force = false) => {
        if (!account) return;
        const last = recordedAt.get(account.handle);
        if (!force && last !== undefined && Date.now() - last < visitWindowMs) return;
        recordedAt.set(account.handle, Date.now());
        state = await send('recordSnapshot', { platform: account.platform, handle: account.handle, snapshot: snapshotOf(ex, account, new Date()) });
        draw();
      };
      // Your own profile: the page's posts (with their counts) go to your history, once per visit window.
      const recordOwn = async (force = false) => {
        if (!account) return;
        const last = recordedAt.get(`own:${account.handle}`);
        if (!force && last !== undefined && Date.now() - last < visitWindowMs) return;
        const posts = snapshotOf(ex, account, new Date()).posts;
        if (!posts.length) return;
        recordedAt.set(`own:${account.handle}`, Date.now());
        state = await send('recordOwnPosts', { platform: account.platform, handle: account.handle, visit: { handle: account.handle, capturedAt: new Date().toISOString(), posts } });
        draw();
      };
      /** Track or claim: the background's answer, then this visit recorded the way the answer says. */
      async function choose(message: 'trackCompetitor' | 'claimAccount', recordVisit: (force: boolean) => Promise<void>): Promise<void> {
        if (!account) return;
        try {
          error = null;
          state = await send(message, { platform: account.platform, handle: account.handle, name: account.name, url: account.url });
          draw();
          await recordVisit(true);
        } catch (err) {
          fail(err);
        }
      }
      const onTrack = () => choose('trackCompetitor', record);
      const onClaim = () => choose('claimAccount', recordOwn);

      draw();
      if (account) {
        // Only the account's identity goes to the background first; figures follow only if tracked.
        send('competitorStatus', { platform: account.platform, handle: account.handle })
          .then(async (s) => {
            state = s;
            draw();
            if (s.mine && isCurrent()) await recordOwn();
            else if (s.tracked && isCurrent()) await record();
          })
          .catch((err: unknown) => {
            reportError(site.featureId, err);
            fail(err);
          });
      }
      return () => render(null, container);
    },
  });
}
