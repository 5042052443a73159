import { and, eq, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import OpenAI from 'openai';
import { textEmbeddings } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { LlmError, openAiClient } from './llm.ts';

/**
 * Title embeddings for trend correlation, from the same OpenAI-compatible endpoint as the
 * LLM work (`POST /embeddings` through the `openai` SDK, so the same timeout and bounded
 * retries). Optional: with no key the correlator uses its keyphrase vectors alone.
 *
 * Cost is bounded by construction rather than by a per-workspace cap (trends are shared):
 * each distinct title is embedded once per model and size (cached in D1), and one recompute
 * embeds at most MAX_NEW_PER_RUN new titles; the rest wait for the next run.
 */

type Db = DrizzleD1Database<Record<string, unknown>>;

export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';
/** text-embedding-3 models shorten on request; 256 dimensions keep rows small and cosines useful. */
export const EMBEDDING_DIMENSIONS = 256;
export const MAX_NEW_PER_RUN = 2000;
/** Inputs per request (the API takes up to 2,048). */
const BATCH = 256;
/**
 * Hashes looked up per query. D1 binds at most 100 parameters, so the hashes go in as one
 * JSON array (json_each) rather than one parameter each: a few queries a run, not hundreds.
 */
const LOOKUP_CHUNK = 1000;
const ROWS_PER_INSERT = 18;

export interface EmbeddingConfig {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  dimensions: number;
  timeoutMs?: number;
  maxRetries?: number;
}

/** Null when there is no key, or OPENAI_EMBEDDING_MODEL is 'off'. */
export function embeddingConfigFromEnv(env: Pick<Env, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_EMBEDDING_MODEL'>): EmbeddingConfig | null {
  if (!env.OPENAI_API_KEY || env.OPENAI_EMBEDDING_MODEL === 'off') return null;
  return { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined, model: env.OPENAI_EMBEDDING_MODEL || DEFAULT_EMBEDDING_MODEL, dimensions: EMBEDDING_DIMENSIONS };
}

/** One request per batch of texts; vectors come back in input order. */
export async function embedTexts(config: EmbeddingConfig, texts: readonly string[]): Promise<number[][]> {
  const client = openAiClient(config);
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const input = texts.slice(i, i + BATCH);
    let res: OpenAI.CreateEmbeddingResponse;
    try {
      // 'float' explicitly: some compatible servers do not speak the SDK's default base64.
      res = await client.embeddings.create({ model: config.model, input, dimensions: config.dimensions, encoding_format: 'float' });
    } catch (err) {
      if (err instanceof OpenAI.APIError) throw new LlmError(`embeddings endpoint answered HTTP ${err.status ?? '?'}: ${err.message}`, err.status ?? null, { cause: err });
      throw new LlmError(`embeddings request failed: ${(err as Error).message}`, null, { cause: err });
    }
    const byIndex = [...res.data].sort((a, b) => a.index - b.index);
    if (byIndex.length !== input.length) throw new LlmError(`embeddings endpoint returned ${byIndex.length} vectors for ${input.length} inputs`, null);
    out.push(...byIndex.map((d) => d.embedding));
  }
  return out;
}

export interface EmbeddingRun {
  vectors: Map<string, Float32Array>;
  /** Served from the D1 cache. */
  cached: number;
  /** Fetched from the endpoint in this run. */
  fetched: number;
  /** Left for a later run by MAX_NEW_PER_RUN. */
  deferred: number;
}

/** Embeds `items` (key → text) through the D1 cache: known texts are read, new ones fetched and stored. */
export async function cachedEmbeddings(
  db: Db,
  config: EmbeddingConfig,
  items: readonly { key: string; text: string }[],
  opts: { now?: number; maxNew?: number; fetchVectors?: (texts: string[]) => Promise<number[][]> } = {},
): Promise<EmbeddingRun> {
  const now = opts.now ?? Date.now();
  const fetchVectors = opts.fetchVectors ?? ((t: string[]) => embedTexts(config, t));
  const texts = [...new Set(items.map((i) => i.text))];
  const hashes = new Map(await Promise.all(texts.map(async (t) => [t, await sha256Hex(t)] as const)));
  const byHash = new Map<string, Float32Array>();
  const wanted = [...new Set(hashes.values())];
  for (let i = 0; i < wanted.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .select()
      .from(textEmbeddings)
      .where(and(eq(textEmbeddings.model, config.model), eq(textEmbeddings.dimensions, config.dimensions), sql`${textEmbeddings.textHash} in (select value from json_each(${JSON.stringify(wanted.slice(i, i + LOOKUP_CHUNK))}))`))
      .all();
    for (const r of rows) byHash.set(r.textHash, decode(r.vector));
  }
  const cached = byHash.size;
  const missing = [...hashes].filter(([, h]) => !byHash.has(h));
  const batch = missing.slice(0, Math.max(0, opts.maxNew ?? MAX_NEW_PER_RUN));
  if (batch.length) {
    const vectors = await fetchVectors(batch.map(([text]) => text));
    const rows = batch.map(([, h], i) => ({ textHash: h, model: config.model, dimensions: config.dimensions, vector: encode(vectors[i]!), createdAt: now }));
    const statements = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) statements.push(db.insert(textEmbeddings).values(rows.slice(i, i + ROWS_PER_INSERT)).onConflictDoNothing());
    for (let i = 0; i < statements.length; i += 50) {
      const chunk = statements.slice(i, i + 50);
      await db.batch(chunk as [(typeof chunk)[number], ...(typeof chunk)[number][]]);
    }
    batch.forEach(([, h], i) => byHash.set(h, Float32Array.from(vectors[i]!)));
  }
  const out = new Map<string, Float32Array>();
  for (const { key, text } of items) {
    const v = byHash.get(hashes.get(text)!);
    if (v) out.set(key, v);
  }
  return { vectors: out, cached, fetched: batch.length, deferred: missing.length - batch.length };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function encode(v: readonly number[]): string {
  const bytes = new Uint8Array(Float32Array.from(v).buffer);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function decode(b64: string): Float32Array {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
