import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentModelResponse, SocialPlatform } from '../../shared/contracts/api.ts';
import { engagementScorer, trainEngagementModel, type EngagementModelJson } from '../../shared/predict/model.ts';
import { syntheticPosts } from '../../shared/predict/synthetic.ts';
import { UnreachableError } from './api.ts';
import { openDb, type SightlineDb } from './db.ts';
import { createDraftModels, REFRESH_MS } from './draft-models.ts';

// Planted: "rust" and github.com links do better. The second model learns the opposite for "rust".
const posts = syntheticPosts(600, 4, 'x');
const good = trainEngagementModel(posts);
const flipped = trainEngagementModel(posts.map((p) => (/\brust\b/.test(p.text) ? { ...p, likes: Math.round(p.likes! / 8) } : p)));
const draft = 'rust notes for the team';

let db: SightlineDb;
let clock: number;
let asked: { platform: SocialPlatform; have: number | undefined }[];
let worker: { up: boolean; answer: CurrentModelResponse };
let newModels: SocialPlatform[];

const serve = (model: EngagementModelJson, trainedAt: number): CurrentModelResponse => ({ path: 'workspace-model', message: `trained on ${model.trainedOn} of this workspace's posts`, trainedAt, model });

function models() {
  return createDraftModels({
    db,
    now: () => clock,
    workspaceId: async () => 'w1',
    onNewModel: async (platform) => void newModels.push(platform),
    api: {
      async currentModel(platform, have) {
        asked.push({ platform, have });
        if (!worker.up) throw new UnreachableError('worker unreachable: fetch failed');
        const a = worker.answer;
        return a.path !== 'no-model' && have === a.trainedAt ? { ...a, model: null } : a;
      },
    },
  });
}

beforeEach(() => {
  db = openDb(`models-${crypto.randomUUID()}`);
  clock = Date.UTC(2026, 10, 25, 9);
  asked = [];
  newModels = [];
  worker = { up: true, answer: serve(good, 100) };
});
afterEach(() => db.delete());

describe('draft scores in the browser', () => {
  it('scores exactly as the model does, fetching it once and asking again only after REFRESH_MS', async () => {
    const m = models();
    const first = await m.predict('x', draft);
    expect(first.prediction).toMatchObject({ path: 'workspace-model', message: "trained on 600 of this workspace's posts", probability: engagementScorer(good).predict({ text: draft }).probability });
    expect(first.prediction!.reasons.length).toBeGreaterThan(0);
    expect(first).toMatchObject({ offline: false, modelFetchedAt: clock });
    await m.predict('x', 'another draft about rust');
    expect(asked).toEqual([{ platform: 'x', have: undefined }]);

    // Later: the worker is asked with the model held, and sends nothing back when it is unchanged.
    clock += REFRESH_MS + 1;
    expect((await m.predict('x', draft)).prediction!.probability).toBe(first.prediction!.probability);
    expect(asked[1]).toEqual({ platform: 'x', have: 100 });

    // Retrained: the next refresh brings the new model, and the score follows it.
    worker.answer = serve(flipped, 200);
    clock += REFRESH_MS + 1;
    const after = await m.predict('x', draft);
    expect(after.prediction!.probability).toBe(engagementScorer(flipped).predict({ text: draft }).probability);
    expect(after.prediction!.probability!).toBeLessThan(first.prediction!.probability! - 0.2);
    // Told twice that the history changed: the first model and the retrained one, not the unchanged check.
    expect(newModels).toEqual(['x', 'x']);
  });

  it('keeps scoring offline with the kept model (in Dexie, so a restarted background has it), and says how old it is', async () => {
    await models().predict('x', draft);
    const fetchedAt = clock;
    worker.up = false;
    clock += 3 * REFRESH_MS;
    const offline = await models().predict('x', draft);
    expect(offline).toMatchObject({ paired: true, offline: true, modelFetchedAt: fetchedAt });
    expect(offline.prediction!.probability).toBe(engagementScorer(good).predict({ text: draft }).probability);
  });

  it('offline with nothing kept, or no model on the worker yet: says which', async () => {
    worker.up = false;
    expect(await models().predict('linkedin', draft)).toMatchObject({ offline: true, prediction: null, error: 'worker unreachable: fetch failed' });
    worker = { up: true, answer: { path: 'no-model', message: 'not enough linkedin history to predict yet: 0 of your posts imported' } };
    const m = models();
    expect((await m.predict('linkedin', draft)).prediction).toMatchObject({ path: 'no-model', probability: null, message: 'not enough linkedin history to predict yet: 0 of your posts imported' });
    // The first model is used as soon as the worker has one (no waiting out REFRESH_MS).
    worker.answer = serve(good, 300);
    expect((await m.predict('linkedin', draft)).prediction).toMatchObject({ path: 'workspace-model', probability: engagementScorer(good).predict({ text: draft }).probability });
  });
});
