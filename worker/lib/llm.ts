import OpenAI from 'openai';
import { draftBuiltIn, type Draft, type DraftPlatform, type DraftSource, type HookStyle } from '../../shared/draft/draft.ts';
import { analyseSource } from '../../shared/draft/keypoints.ts';
import { buildDraftMessages, parseLlmDraft, type ChatMessage } from '../../shared/draft/prompt.ts';
import { assertWithinCap, costUsd, estimatePromptTokens, spendPeriod, type ModelPrice } from '../../shared/draft/spend.ts';
import { judgeVariant } from '../../shared/repurpose/repurpose.ts';
import type { StyleProfile } from '../../shared/style/profile.ts';

/**
 * The LLM client: the `openai` SDK against any OpenAI-compatible endpoint
 * (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL), with a request timeout, the SDK's
 * bounded retries (exponential backoff, honouring Retry-After on 429/5xx/timeouts) and a
 * monthly spend cap per workspace. `draft()` takes the LLM path when a key is set and the
 * built-in generator otherwise, and says which it took.
 */

export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Monthly cap per workspace when none is configured: enough for a few thousand drafts on a small model. */
export const DEFAULT_SPEND_CAP_USD = 5;
export const DEFAULT_MAX_TOKENS = 900;

export interface LlmConfig {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  model?: string | undefined;
  timeoutMs?: number;
  maxRetries?: number;
  /** USD per workspace per calendar month. */
  spendCapUsd?: number;
  maxTokens?: number;
  prices?: Record<string, ModelPrice>;
  fetch?: typeof fetch;
}

/** Reads the worker's variables; LLM_SPEND_CAP_USD is optional. */
export function llmConfigFromEnv(env: { OPENAI_API_KEY?: string; OPENAI_BASE_URL?: string; OPENAI_MODEL?: string; LLM_SPEND_CAP_USD?: string }): LlmConfig {
  const cap = env.LLM_SPEND_CAP_USD ? Number(env.LLM_SPEND_CAP_USD) : NaN;
  return {
    apiKey: env.OPENAI_API_KEY || undefined,
    baseURL: env.OPENAI_BASE_URL || undefined,
    model: env.OPENAI_MODEL || undefined,
    ...(Number.isFinite(cap) && cap >= 0 ? { spendCapUsd: cap } : {}),
  };
}

/** Where a workspace's spend is kept. The worker implements it over D1; tests use memorySpendStore. */
export interface SpendStore {
  spentUsd(workspaceId: string, period: string): Promise<number>;
  record(workspaceId: string, period: string, entry: { model: string; promptTokens: number; completionTokens: number; usd: number; at: string }): Promise<void>;
}

export function memorySpendStore(): SpendStore & { entries: { workspaceId: string; period: string; usd: number }[] } {
  const entries: { workspaceId: string; period: string; usd: number }[] = [];
  return {
    entries,
    async spentUsd(workspaceId, period) {
      return entries.filter((e) => e.workspaceId === workspaceId && e.period === period).reduce((a, e) => a + e.usd, 0);
    },
    async record(workspaceId, period, entry) {
      entries.push({ workspaceId, period, usd: entry.usd });
    },
  };
}

export class LlmError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmError';
    this.status = status;
  }
}

export interface Completion {
  text: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  usd: number;
}

/** The SDK client for the configured endpoint: its timeout and bounded retries apply to every call. */
export function openAiClient(config: Pick<LlmConfig, 'apiKey' | 'baseURL' | 'fetch' | 'timeoutMs' | 'maxRetries'>): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey!,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
  });
}

/** The message of an error body (`{error: {message}}` or `{error: "…"}`), as ": …", or ''. */
function errorIn(body: unknown): string {
  const e = (body as { error?: unknown } | null)?.error;
  const message = typeof e === 'string' ? e : typeof (e as { message?: unknown } | undefined)?.message === 'string' ? (e as { message: string }).message : null;
  return message ? `: ${message.slice(0, 200)}` : '';
}

/**
 * One chat completion, charged to `workspaceId`. Refuses with SpendCapError before sending
 * when the worst case (prompt estimate + max_tokens) would cross the cap; records the
 * usage the endpoint reports (or the estimate, when it reports none) afterwards.
 */
export async function complete(config: LlmConfig, messages: ChatMessage[], workspaceId: string, store: SpendStore, now = Date.now()): Promise<Completion> {
  if (!config.apiKey) throw new LlmError('no OPENAI_API_KEY configured', null);
  const model = config.model ?? DEFAULT_MODEL;
  const maxTokens = config.maxTokens ?? DEFAULT_MAX_TOKENS;
  const period = spendPeriod(now);
  const estimate = costUsd(model, estimatePromptTokens(messages), maxTokens, config.prices);
  assertWithinCap(workspaceId, await store.spentUsd(workspaceId, period), estimate, config.spendCapUsd ?? DEFAULT_SPEND_CAP_USD, period);
  let res: OpenAI.Chat.Completions.ChatCompletion;
  try {
    res = await openAiClient(config).chat.completions.create({ model, messages, max_tokens: maxTokens, temperature: 0.7 });
  } catch (err) {
    if (err instanceof OpenAI.APIConnectionTimeoutError) throw new LlmError(`LLM request timed out after ${config.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms (with ${config.maxRetries ?? DEFAULT_MAX_RETRIES} retries)`, null, { cause: err });
    if (err instanceof OpenAI.APIError) throw new LlmError(`LLM endpoint answered HTTP ${err.status ?? '?'}: ${err.message}`, err.status ?? null, { cause: err });
    throw new LlmError(`LLM request failed: ${(err as Error).message}`, null, { cause: err });
  }
  // Some OpenAI-compatible gateways answer 200 with an error body and no choices.
  if (!Array.isArray(res?.choices)) throw new LlmError(`LLM endpoint answered without a completion${errorIn(res)}`, null);
  const text = res.choices[0]?.message?.content ?? '';
  const promptTokens = res.usage?.prompt_tokens ?? estimatePromptTokens(messages);
  const completionTokens = res.usage?.completion_tokens ?? Math.ceil(text.length / 4);
  const usd = costUsd(res.model || model, promptTokens, completionTokens, config.prices);
  await store.record(workspaceId, period, { model: res.model || model, promptTokens, completionTokens, usd, at: new Date(now).toISOString() });
  if (!text.trim()) throw new LlmError('LLM returned an empty draft', null);
  return { text, model: res.model || model, promptTokens, completionTokens, usd };
}

export interface DraftRequest {
  source: DraftSource;
  platform: DraftPlatform;
  workspaceId: string;
  style?: StyleProfile | null;
  hook?: HookStyle;
  now?: number;
}

export interface DraftResult {
  path: 'llm' | 'built-in';
  draft: Draft;
  messageScore: number;
  /** Why the built-in path was used: no key set, the endpoint failed, or its draft was rejected. */
  fallbackReason?: string;
  usage?: { promptTokens: number; completionTokens: number; usd: number; model: string };
}

/**
 * A draft for `platform`. With an API key, the model writes it from a prompt carrying the
 * style profile; its draft must pass the same message-preservation and platform-limit
 * check as the built-in one, or the built-in draft is returned with the reason. Without a
 * key, the built-in generator. A spend cap refusal is not papered over: SpendCapError
 * propagates so the user learns the cap is reached.
 */
const NO_KEY = 'no LLM configured (set OPENAI_API_KEY for model-written drafts)';

export async function draft(req: DraftRequest, config: LlmConfig, store: SpendStore): Promise<DraftResult> {
  const analysis = analyseSource(req.source.text, { title: req.source.title ?? null });
  const builtIn = (): DraftResult => {
    const d = draftBuiltIn(req.source, req.platform, { style: req.style ?? null, hook: req.hook ?? 'lead', analysis });
    return { path: 'built-in', draft: d, messageScore: judgeVariant(analysis, d, 'A').messageScore };
  };
  // The label alone once said "no LLM configured" even when a key was set and the model failed.
  if (!config.apiKey) return { ...builtIn(), fallbackReason: NO_KEY };
  const messages = buildDraftMessages(req.source, req.platform, { style: req.style ?? null, hook: req.hook ?? 'lead' });
  let done: Completion;
  try {
    done = await complete(config, messages, req.workspaceId, store, req.now);
  } catch (err) {
    if (!(err instanceof LlmError)) throw err;
    return { ...builtIn(), fallbackReason: err.message };
  }
  const d = parseLlmDraft(req.platform, done.text, done.model, req.hook ?? 'lead');
  const usage = { promptTokens: done.promptTokens, completionTokens: done.completionTokens, usd: done.usd, model: done.model };
  const judged = judgeVariant(analysis, d, 'A');
  // Style lint is for the template path; the model's draft is held to the message and the platform's hard limits.
  const hard = (judged.rejected ?? '').split('; ').filter((r) => r && !/^(capital|punctuation|duplicate|placeholder):/.test(r));
  if (hard.length) return { ...builtIn(), fallbackReason: `LLM draft rejected: ${hard.join('; ')}`, usage };
  return { path: 'llm', draft: d, messageScore: judged.messageScore, usage };
}
