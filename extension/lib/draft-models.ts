import type { CurrentModelResponse, PredictResponse, SocialPlatform } from '../../shared/contracts/api.ts';
import { asEngagementModel, engagementScorer, type EngagementScorer } from '../../shared/predict/model.ts';
import { UnreachableError, type Api } from './api.ts';
import type { SightlineDb } from './db.ts';
import type { DraftPredictionState } from './messages.ts';

/**
 * The composer hint scores drafts in the browser with the model the worker would use
 * (GET /v1/models/current), kept in Dexie: a score at every pause in typing costs no
 * request, and works offline with the last model fetched. The worker is asked again at most
 * every REFRESH_MS, and then sends the model only when it was retrained; while it has no
 * model it is asked at every score, so the first model is used as soon as it is trained.
 */
export const REFRESH_MS = 10 * 60_000;

type Stored = CurrentModelResponse;

export interface DraftModelsDeps {
  api: Pick<Api, 'currentModel'>;
  db: SightlineDb;
  workspaceId(): Promise<string | null>;
  /** A model arrived that this browser did not hold: the history behind it changed. */
  onNewModel?(platform: SocialPlatform): Promise<void>;
  now?(): number;
}

export function createDraftModels(deps: DraftModelsDeps) {
  const now = deps.now ?? Date.now;
  // Parsing a model and building its maps is the costly part: once per trained model.
  const scorers = new Map<string, { trainedAt: number; scorer: EngagementScorer }>();
  const key = (platform: SocialPlatform) => `model:${platform}`;

  /** The stored answer for a platform, refreshed from the worker when older than REFRESH_MS. */
  async function current(platform: SocialPlatform): Promise<{ stored: Stored | null; fetchedAt: number | null; offline: boolean; error: string | null }> {
    // Not api.cachedRead: freshness depends on the value held ("no model" is never fresh) and the request sends, then merges into, the model held (model null = unchanged).
    const cached = await deps.db.cache.get(key(platform));
    const held = (cached?.value as Stored | undefined) ?? null;
    // "No model yet" is asked again every time (a small answer): a model trained a minute ago should score the next pause.
    if (held && held.path !== 'no-model' && cached && now() - cached.fetchedAt < REFRESH_MS) return { stored: held, fetchedAt: cached.fetchedAt, offline: false, error: null };
    try {
      const answer = await deps.api.currentModel(platform, held && held.path !== 'no-model' ? held.trainedAt : undefined);
      // model null: the one held is still current; keep it, with the worker's latest wording.
      const stored: Stored = answer.path !== 'no-model' && answer.model === null && held && held.path !== 'no-model' ? { ...answer, model: held.model } : answer;
      const fetchedAt = now();
      await deps.db.cache.put({ key: key(platform), value: stored, fetchedAt });
      if (answer.path !== 'no-model' && answer.model !== null) await deps.onNewModel?.(platform);
      return { stored, fetchedAt, offline: false, error: null };
    } catch (err) {
      if (err instanceof UnreachableError) return { stored: held, fetchedAt: cached?.fetchedAt ?? null, offline: true, error: err.message };
      throw err;
    }
  }

  async function scorerFor(platform: SocialPlatform, stored: Extract<Stored, { trainedAt: number }>): Promise<EngagementScorer> {
    const id = `${(await deps.workspaceId()) ?? ''}:${platform}`;
    const hit = scorers.get(id);
    if (hit && hit.trainedAt === stored.trainedAt) return hit.scorer;
    if (stored.model === null) throw new Error('the worker sent no model to score with');
    const scorer = engagementScorer(asEngagementModel(stored.model));
    scorers.set(id, { trainedAt: stored.trainedAt, scorer });
    return scorer;
  }

  return {
    /** A draft's score as the worker would give it (without a planned time), from the kept model. */
    async predict(platform: SocialPlatform, text: string): Promise<DraftPredictionState> {
      const { stored, fetchedAt, offline, error } = await current(platform);
      if (!stored) return { paired: true, offline, prediction: null, error, modelFetchedAt: null };
      const base = { betterTimes: [], timing: null, message: stored.message };
      if (stored.path === 'no-model') {
        return { paired: true, offline, prediction: { ...base, path: 'no-model', probability: null, expected: null, reasons: [] }, error: null, modelFetchedAt: fetchedAt };
      }
      const p = (await scorerFor(platform, stored)).predict({ text });
      const prediction: PredictResponse = { ...base, path: stored.path, probability: p.probability, expected: p.expected, reasons: p.reasons };
      return { paired: true, offline, prediction, error: null, modelFetchedAt: fetchedAt };
    },
  };
}

export type DraftModels = ReturnType<typeof createDraftModels>;
