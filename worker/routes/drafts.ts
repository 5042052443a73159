import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { accountPlatform, draftRequest, repurposeRequest } from '../../shared/contracts/calendar.ts';
import { pageSource, researchSource, trendSource } from '../../shared/draft/sources.ts';
import { splitSentences } from '../../shared/draft/text.ts';
import type { DraftSource } from '../../shared/draft/draft.ts';
import { SpendCapError } from '../../shared/draft/spend.ts';
import { repurpose } from '../../shared/repurpose/repurpose.ts';
import { styleProfile } from '../../shared/style/profile.ts';
import { researchItems } from '../db/schema.ts';
import type { AppEnv } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { draft, llmConfigFromEnv } from '../lib/llm.ts';
import { loadPosts } from '../lib/models.ts';
import { d1SpendStore } from '../lib/spend-store.ts';
import { trendToWorkFrom } from '../lib/trend-list.ts';
import { zv } from '../lib/validate.ts';

/**
 * What a trend's draft is written from: the stories behind it, or, for a hand-made sample
 * trend (no stories), its hand-written brief. Nothing else: "AI agents: agentic AI" built
 * from keywords read as a draft but said nothing (trendSource refuses an empty list).
 */
function trendDraftItems(detail: Record<string, unknown> | null): { title: string; url?: string | null }[] {
  const members = Object.values((detail?.members ?? {}) as Record<string, { title: string; url: string | null }[]>).flat();
  if (members.length) return members;
  return typeof detail?.brief === 'string' ? splitSentences(detail.brief).map((title) => ({ title })) : [];
}

export const draftRoutes = new Hono<AppEnv>()
  /**
   * A draft for one platform from a trend, a saved research item, or the page the user is
   * on. Written by the configured OpenAI-compatible model in the workspace's style, or by
   * the built-in generator; the response says which and why.
   */
  .post('/drafts', zv('json', draftRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const input = c.req.valid('json');
    const db = c.get('db');
    let source: DraftSource;
    if (input.source.kind === 'trend') {
      const t = await trendToWorkFrom(db, workspaceId, input.source.trendId);
      if (!t) throw ApiError.notFound('trend');
      const items = trendDraftItems(t.detail);
      // The request is fine; the trend has nothing to say yet (its stories expired with the window).
      if (!items.length) throw new ApiError(409, 'conflict', `trend '${t.name}' has no stories to draft from yet; draft from a page or a saved item instead`);
      source = trendSource({ name: t.name, keywords: t.keywords }, items);
    } else if (input.source.kind === 'research') {
      const item = await db.select().from(researchItems).where(and(eq(researchItems.id, input.source.itemId), eq(researchItems.workspaceId, workspaceId))).get();
      if (!item) throw ApiError.notFound('research item');
      source = researchSource(item);
    } else {
      source = { ...pageSource({ text: input.source.text, title: input.source.title, url: input.source.url }), kind: input.source.kind };
    }
    const history = await loadPosts(db, workspaceId, accountPlatform(input.platform), 'own');
    const style = history.length >= 5 ? styleProfile(history.map((p) => p.text)) : null;
    try {
      const result = await draft({ source, platform: input.platform, workspaceId, style, hook: input.hook }, llmConfigFromEnv(c.env), d1SpendStore(db));
      return c.json({ ...result, styleFrom: style ? `${history.length} of your ${accountPlatform(input.platform)} posts` : null });
    } catch (err) {
      if (err instanceof SpendCapError) throw new ApiError(429, 'rate_limited', err.message);
      if (err instanceof RangeError) throw new ApiError(400, 'invalid_request', `source: ${err.message}`);
      throw err;
    }
  })

  /** One piece rewritten for each platform, every variant scored for keeping the core message. */
  .post('/repurpose', zv('json', repurposeRequest), async (c) => {
    const input = c.req.valid('json');
    try {
      const result = repurpose(input.text, input.platforms, { variants: input.variants, ...(input.title ? { title: input.title } : {}) });
      return c.json({ variants: result.variants, threshold: result.threshold, core: result.core });
    } catch (err) {
      if (err instanceof RangeError) throw new ApiError(400, 'invalid_request', `text: ${err.message}`);
      throw err;
    }
  });
