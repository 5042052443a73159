import { Hono } from 'hono';
import { bestTimesQuery, predictRequest, type PredictResponse } from '../../shared/contracts/api.ts';
import { chooseEngagementModel, engagementScorer, MIN_TRAINING_POSTS } from '../../shared/predict/model.ts';
import { bestTimes, expectedLiftAt, type Slot } from '../../shared/schedule/best-time.ts';
import { hourOfWeek } from '../../shared/posts/time.ts';
import { styleProfile } from '../../shared/style/profile.ts';
import type { AppEnv } from '../lib/context.ts';
import { generalKey, loadModel, loadModelSummary, loadPosts } from '../lib/models.ts';
import { ApiError } from '../lib/errors.ts';
import { zv } from '../lib/validate.ts';
import { z } from 'zod';
import { socialPlatforms } from '../../shared/contracts/api.ts';

export const predictRoutes = new Hono<AppEnv>()
  /**
   * How likely a draft is to land in this account's top quartile, before publishing:
   * probability, expected engagement range, reasons, and better times when the planned
   * one is weak. Says which model answered and why.
   */
  .post('/predict', zv('json', predictRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const input = c.req.valid('json');
    const timeZone = input.timeZone;
    const db = c.get('db');
    const [own, general, history] = await Promise.all([
      loadModelSummary(db, workspaceId, input.platform),
      loadModelSummary(db, workspaceId, generalKey(input.platform)),
      loadPosts(db, workspaceId, input.platform, 'own'),
    ]);

    const times = bestTimes(history, { platform: input.platform, timeZone, top: 3 });
    let betterTimes: Slot[] = [];
    if (input.plannedAt) {
      const planned = hourOfWeek(Date.parse(input.plannedAt), timeZone);
      const plannedLift = expectedLiftAt(times, planned);
      const best = times.slots[0];
      // Weak: the planned hour is not among the best and trails the best by 5 points or more.
      if (best && !times.slots.some((s) => s.hourOfWeek === planned) && best.expectedLift - plannedLift >= 0.05) betterTimes = times.slots;
    }

    const model = own ?? general ? chooseEngagementModel(own, (general ?? own)!) : null;
    if (!model) {
      return c.json({
        path: 'no-model' as const,
        message: `not enough ${input.platform} history to predict yet: ${history.length} of your posts imported, ${MIN_TRAINING_POSTS} with engagement counts needed. Import your history (console Settings → Your post history, or POST /v1/posts/import) or track competitors.`,
        probability: null,
        expected: null,
        reasons: [],
        betterTimes,
        timing: times.message,
      } satisfies PredictResponse);
    }
    // Only the model that answers is loaded and parsed (each is several hundred KB of JSON).
    const chosen = await loadModel(db, workspaceId, model.model.key);
    if (!chosen) throw new ApiError(409, 'conflict', 'the model was replaced while predicting; retry');
    const prediction = engagementScorer(chosen).predict({ text: input.text, ...(input.url ? { url: input.url } : {}), ...(input.plannedAt ? { publishedAt: input.plannedAt } : {}) });
    return c.json({
      path: model.source === 'workspace' ? ('workspace-model' as const) : ('general-model' as const),
      message: model.why,
      probability: prediction.probability,
      expected: prediction.expected,
      reasons: prediction.reasons,
      betterTimes,
      timing: times.message,
    } satisfies PredictResponse);
  })

  /** Best slots for the coming week from this account's own history (platform defaults when thin). */
  .get('/best-times', zv('query', bestTimesQuery), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform, top } = c.req.valid('query');
    const timeZone = c.req.valid('query').timeZone;
    const history = await loadPosts(c.get('db'), workspaceId, platform, 'own');
    const result = bestTimes(history, { platform, timeZone, top });
    // liftPersistence: the share of fitted lift that held up in later weeks, behind every slot's expectedLift.
    return c.json({ platform, timeZone, usingDefaults: result.usingDefaults, message: result.message, postsUsed: result.postsUsed, liftPersistence: result.liftPersistence, slots: result.slots });
  })

  /** The workspace's writing style, derived from its own posts, for drafting. */
  .get('/style-profile', zv('query', z.object({ platform: z.enum(socialPlatforms).optional() })), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform } = c.req.valid('query');
    const db = c.get('db');
    const texts = platform
      ? (await loadPosts(db, workspaceId, platform, 'own')).map((p) => p.text)
      : (await Promise.all(socialPlatforms.map((p) => loadPosts(db, workspaceId, p, 'own')))).flat().map((p) => p.text);
    return c.json({ posts: texts.length, profile: texts.length ? styleProfile(texts) : null });
  });
