import { Hono } from 'hono';
import { bestTimesQuery, currentModelQuery, predictRequest, type CurrentModelResponse, type ModelSummaryView, type ModelsResponse, type PredictResponse } from '../../shared/contracts/api.ts';
import { MIN_TRAINING_POSTS } from '../../shared/predict/model.ts';
import { bestTimes, expectedLiftAt, type Slot } from '../../shared/schedule/best-time.ts';
import { hourOfWeek } from '../../shared/posts/time.ts';
import { styleProfile } from '../../shared/style/profile.ts';
import type { AppEnv } from '../lib/context.ts';
import { answeringModel, countPosts, loadModel, loadPosts, modelScorer, type StoredModelSummary } from '../lib/models.ts';
import { ApiError } from '../lib/errors.ts';
import { zv } from '../lib/validate.ts';
import { z } from 'zod';
import { socialPlatforms } from '../../shared/contracts/api.ts';

const noModelMessage = (platform: string, imported: number) =>
  `not enough ${platform} history to predict yet: ${imported} of your posts imported, ${MIN_TRAINING_POSTS} with engagement counts needed. Import your history (console Settings → Your post history, or POST /v1/posts/import), claim your account on its profile page with the extension, or track competitors.`;

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
    const { choice: model } = await answeringModel(db, workspaceId, input.platform);

    // The history is read only to judge a planned time: the composer hint asks at every pause
    // in typing, without one, and reading up to 5,000 posts each time was most of the cost.
    let betterTimes: Slot[] = [];
    let timing: string | null = null;
    if (input.plannedAt) {
      const times = bestTimes(await loadPosts(db, workspaceId, input.platform, 'own'), { platform: input.platform, timeZone, top: 3 });
      timing = times.message;
      const planned = hourOfWeek(Date.parse(input.plannedAt), timeZone);
      const plannedLift = expectedLiftAt(times, planned);
      const best = times.slots[0];
      // Weak: the planned hour is not among the best and trails the best by 5 points or more.
      if (best && !times.slots.some((s) => s.hourOfWeek === planned) && best.expectedLift - plannedLift >= 0.05) betterTimes = times.slots;
    }

    if (!model) {
      return c.json({
        path: 'no-model' as const,
        message: noModelMessage(input.platform, await countPosts(db, workspaceId, input.platform, 'own')),
        probability: null,
        expected: null,
        reasons: [],
        betterTimes,
        timing,
      } satisfies PredictResponse);
    }
    // Only the model that answers is loaded, parsed once per isolate and kept (modelScorer).
    const scorer = await modelScorer(db, workspaceId, model.model);
    if (!scorer) throw new ApiError(409, 'conflict', 'the model was replaced while predicting; retry');
    const prediction = scorer.predict({ text: input.text, ...(input.url ? { url: input.url } : {}), ...(input.plannedAt ? { publishedAt: input.plannedAt } : {}) });
    return c.json({
      path: model.source === 'workspace' ? ('workspace-model' as const) : ('general-model' as const),
      message: model.why,
      probability: prediction.probability,
      expected: prediction.expected,
      reasons: prediction.reasons,
      betterTimes,
      timing,
    } satisfies PredictResponse);
  })

  /** Every platform's models in summary (no model JSON): which answers predictions and why. */
  .get('/models', async (c) => {
    const { workspaceId } = c.get('auth');
    const db = c.get('db');
    const view = (m: StoredModelSummary | null): ModelSummaryView | null => (m ? { trainedOn: m.trainedOn, heldOutAuc: m.validation.auc, trainedAt: new Date(m.trainedAt).toISOString() } : null);
    const platforms = await Promise.all(
      socialPlatforms.map(async (platform) => {
        const [{ own, general, choice }, ownPosts] = await Promise.all([answeringModel(db, workspaceId, platform), countPosts(db, workspaceId, platform, 'own')]);
        return {
          platform,
          ownPosts,
          postsNeeded: MIN_TRAINING_POSTS,
          answering: !choice ? ('no-model' as const) : choice.source === 'workspace' ? ('workspace-model' as const) : ('general-model' as const),
          why: choice ? choice.why : noModelMessage(platform, ownPosts),
          own: view(own),
          general: view(general),
        };
      }),
    );
    return c.json({ platforms } satisfies ModelsResponse);
  })

  /**
   * The model the predict route would answer with, for scoring in the browser (fast, and
   * offline). Only this workspace's models; nothing is sent when the caller's copy is current.
   */
  .get('/models/current', zv('query', currentModelQuery), async (c) => {
    const { workspaceId } = c.get('auth');
    const { platform, have } = c.req.valid('query');
    const db = c.get('db');
    const { choice } = await answeringModel(db, workspaceId, platform);
    if (!choice) return c.json({ path: 'no-model', message: noModelMessage(platform, await countPosts(db, workspaceId, platform, 'own')) } satisfies CurrentModelResponse);
    const path = choice.source === 'workspace' ? ('workspace-model' as const) : ('general-model' as const);
    const { trainedAt } = choice.model;
    if (have === trainedAt) return c.json({ path, message: choice.why, trainedAt, model: null } satisfies CurrentModelResponse);
    const model = await loadModel(db, workspaceId, choice.model.key);
    if (!model) throw new ApiError(409, 'conflict', 'the model was replaced while reading it; retry');
    return c.json({ path, message: choice.why, trainedAt, model } satisfies CurrentModelResponse);
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
