import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { TrendList } from '../../shared/contracts/api.ts';
import type { Observation, TrendSource } from '../../shared/trends/types.ts';
import worker from '../index.ts';
import { call, signup } from '../test/helpers.ts';
import { cachedEmbeddings, DEFAULT_EMBEDDING_MODEL, embeddingConfigFromEnv, embedTexts, EMBEDDING_DIMENSIONS, type EmbeddingConfig } from './embeddings.ts';
import { storeObservations } from '../queues/ingest.ts';
import { recomputeTrends } from './trend-pipeline.ts';

// The local OpenAI-compatible server (worker/test/openai-server.ts) answers POST /v1/embeddings.
const base = inject('openaiUrl');
const config: EmbeddingConfig = { apiKey: 'sk-test', baseURL: `${base}/v1`, model: DEFAULT_EMBEDDING_MODEL, dimensions: EMBEDDING_DIMENSIONS, maxRetries: 0 };
const log = async () => (await (await fetch(`${base}/__log`)).json()) as { body: { input?: string[]; model?: string; dimensions?: number; encoding_format?: string } }[];
const embeddingRequests = async () => (await log()).filter((r) => r.body.input !== undefined);

beforeEach(async () => {
  await fetch(`${base}/__reset`, { method: 'POST' });
  await env.DB.batch([env.DB.prepare('delete from text_embeddings'), env.DB.prepare('delete from observations'), env.DB.prepare('delete from trends'), env.DB.prepare('delete from trend_predictions')]);
});

describe('embedding configuration', () => {
  it('is off without a key or when switched off, and defaults the model otherwise', () => {
    expect(embeddingConfigFromEnv({})).toBeNull();
    expect(embeddingConfigFromEnv({ OPENAI_API_KEY: 'sk', OPENAI_EMBEDDING_MODEL: 'off' })).toBeNull();
    expect(embeddingConfigFromEnv({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'http://x/v1' })).toEqual({ apiKey: 'sk', baseURL: 'http://x/v1', model: 'text-embedding-3-small', dimensions: 256 });
  });
});

describe('embedTexts', () => {
  it('asks the endpoint for float vectors of the configured model and size, in input order', async () => {
    const vectors = await embedTexts(config, ['passkeys replace passwords', 'rust in the kernel']);
    expect(vectors).toHaveLength(2);
    expect(vectors.every((v) => v.length === EMBEDDING_DIMENSIONS)).toBe(true);
    const [req] = await embeddingRequests();
    expect(req!.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 256, encoding_format: 'float', input: ['passkeys replace passwords', 'rust in the kernel'] });
  });

  it('turns an endpoint error into an LlmError naming the status', async () => {
    await fetch(`${base}/__script`, { method: 'POST', body: JSON.stringify([{ status: 500 }]) });
    await expect(embedTexts(config, ['x y z'])).rejects.toThrow(/embeddings endpoint answered HTTP 500/);
  });
});

describe('cachedEmbeddings', () => {
  it('pays for each distinct title once, and leaves what exceeds the run’s budget for later', async () => {
    const db = drizzle(env.DB);
    const items = [
      { key: 'hackernews:1', text: 'Passkeys replace passwords' },
      { key: 'reddit:a', text: 'Passkeys replace passwords' },
      { key: 'github:r', text: 'A passkey server in Go' },
      { key: 'hackernews:2', text: 'Rust kernel drivers' },
    ];
    const first = await cachedEmbeddings(db, config, items, { maxNew: 2 });
    expect(first).toMatchObject({ fetched: 2, cached: 0, deferred: 1 });
    expect(first.vectors.size).toBe(3); // the two copies of one title share its vector
    const second = await cachedEmbeddings(db, config, items);
    expect(second).toMatchObject({ fetched: 1, cached: 2, deferred: 0 });
    expect(second.vectors.size).toBe(4);
    expect(Array.from(second.vectors.get('reddit:a')!)).toEqual(Array.from(first.vectors.get('hackernews:1')!));
    const third = await cachedEmbeddings(db, config, items);
    expect(third).toMatchObject({ fetched: 0, cached: 3 });
    expect((await embeddingRequests()).map((r) => r.body.input!.length)).toEqual([2, 1]);
  });
});

describe('trends-recompute with embeddings', () => {
  const HOUR = 3600_000;
  let n = 0;
  const item = (source: TrendSource, title: string, at: number): Observation => ({ source, externalId: `e${++n}`, title, text: null, url: null, score: 20, comments: 3, createdAt: at, observedAt: at + HOUR / 2 });
  /** "Jaguar" the car maker and "jaguar" the cat: the words overlap, the meanings do not. */
  function jaguars(now: number): Observation[] {
    const cars = ['Jaguar electric sports car revealed', 'Jaguar car sales fall in Europe', 'Jaguar electric car battery range tested', 'Jaguar sports car factory expands'];
    const cats = ['Jaguar cubs filmed in the rainforest', 'Jaguar population recovers in the rainforest', 'Rare jaguar cubs spotted by rangers', 'Jaguar rainforest habitat shrinks'];
    return [...cars, ...cats].flatMap((t, i) => [item('hackernews', t, now - (10 - i) * HOUR), item('reddit', t, now - (9 - i) * HOUR)]);
  }
  const names = async (token: string) => ((await (await call('/v1/trends', { token })).json()) as TrendList).trends.filter((t) => /jaguar/i.test(t.keywords.join(' ')));

  it('says which path it took, and blends the vectors into the grouping', async () => {
    const db = drizzle(env.DB);
    const now = Date.parse('2026-11-24T12:00:00Z');
    await storeObservations(db, jaguars(now));
    const u = await signup();

    const plain = await recomputeTrends(db, now);
    expect(plain.embeddings).toEqual({ path: 'off' });
    const withoutVectors = await names(u.token);

    await env.DB.prepare('delete from trends').run();
    await fetch(`${base}/__concepts`, { method: 'POST', body: JSON.stringify({ car: 'vehicle', electric: 'vehicle', sports: 'vehicle', sales: 'vehicle', battery: 'vehicle', factory: 'vehicle', range: 'vehicle', cubs: 'animal', rainforest: 'animal', rangers: 'animal', habitat: 'animal', population: 'animal' }) });
    const blended = await recomputeTrends(db, now, { embeddings: config });
    expect(blended.embeddings).toMatchObject({ path: 'used', fetched: 8, cached: 0 });
    const withVectors = await names(u.token);
    // The cat stories and the car stories end up apart once meaning weighs in.
    // Keyphrases alone leave the stories in fragments (each title its own trend); with meaning
    // weighed in they gather into the car story and the cat story, and never mix the two.
    const words = (t: { keywords: string[] }) => t.keywords.join(' ').toLowerCase();
    expect(withoutVectors.length).toBeGreaterThan(4);
    expect(withVectors).toHaveLength(2);
    const cats = withVectors.find((t) => words(t).includes('cubs'))!;
    const cars = withVectors.find((t) => words(t).includes('car'))!;
    expect(cats).toBeDefined();
    expect(cars).toBeDefined();
    expect(words(cats)).not.toMatch(/\bcar\b/);
    expect(words(cars)).not.toMatch(/cubs|rainforest/);

    // A rerun reads the cache; an endpoint outage falls back to keyphrases and says so.
    expect((await recomputeTrends(db, now, { embeddings: config })).embeddings).toMatchObject({ path: 'used', fetched: 0, cached: 8 });
    await env.DB.prepare('delete from text_embeddings').run();
    await fetch(`${base}/__script`, { method: 'POST', body: JSON.stringify([{ status: 503, times: 5 }]) });
    const down = await recomputeTrends(db, now, { embeddings: config });
    expect(down.embeddings).toMatchObject({ path: 'failed', error: expect.stringMatching(/HTTP 503/) });
    expect(down.trends).toBe(plain.trends);
  });

  it('the queued job takes the embeddings path when the worker has a key, through the cache table', async () => {
    const db = drizzle(env.DB);
    const now = Date.now();
    await storeObservations(db, jaguars(now));
    const batch = createMessageBatch('sightline-jobs', [{ id: 'r1', timestamp: new Date(now), attempts: 1, body: { type: 'trends-recompute', now } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${base}/v1` }, ctx);
    expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
    expect((await embeddingRequests()).flatMap((r) => r.body.input!)).toHaveLength(8);
    expect((await env.DB.prepare('select count(*) as n from text_embeddings').first<{ n: number }>())!.n).toBe(8);
  });
});
