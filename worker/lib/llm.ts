import OpenAI from 'openai';
import { draftBuiltIn, type Draft, type DraftPlatform, type DraftSource, type HookStyle } from '../../shared/draft/draft.ts';
import { analyseSource } from '../../shared/draft/keypoints.ts';
import { buildDraftMessages, parseLlmDraft, type ChatMessage } from '../../shared/draft/prompt.ts';
import { costUsd, estimatePromptTokens, SpendCapError, spendPeriod, withinCap, type ModelPrice } from '../../shared/draft/spend.ts';
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

/** What a call actually used, priced. */
export interface SpendUsage {
  model: string;
  promptTokens: number;
  completionTokens: number;
  usd: number;
}

/** A reservation's id, or a refusal with what the workspace had spent (for the error message). */
export type Reservation = { id: number } | { refused: true; spentUsd: number };

/**
 * Where a workspace's spend is kept. The worker implements it over D1; tests use
 * memorySpendStore. A call is charged reserve-then-settle: `reserve` counts the worst case
 * as spent before the call, and must check the cap and add the reservation as one atomic
 * step, or concurrent calls would all pass the same check; `settle` replaces it with the
 * real usage, `release` drops it when nothing was billed.
 */
export interface SpendStore {
  /** Spent in the period, in-flight reservations included at their worst case. */
  spentUsd(workspaceId: string, period: string): Promise<number>;
  /** Adds a reservation of `estimateUsd` only if spent + estimate stays within `capUsd`. */
  reserve(workspaceId: string, period: string, request: { model: string; estimateUsd: number; capUsd: number; at: number }): Promise<Reservation>;
  settle(id: number, usage: SpendUsage): Promise<void>;
  release(id: number): Promise<void>;
}

interface MemoryEntry extends SpendUsage {
  id: number;
  workspaceId: string;
  period: string;
}

/** An in-memory SpendStore; `record` adds settled spend directly, for tests that start from some. */
export function memorySpendStore(): SpendStore & { entries: MemoryEntry[]; record(workspaceId: string, period: string, entry: SpendUsage & { at: unknown }): Promise<void> } {
  const entries: MemoryEntry[] = [];
  let nextId = 1;
  const sum = (workspaceId: string, period: string) => entries.filter((e) => e.workspaceId === workspaceId && e.period === period).reduce((a, e) => a + e.usd, 0);
  return {
    entries,
    async spentUsd(workspaceId, period) {
      return sum(workspaceId, period);
    },
    // No await between the check and the push: JS runs it to completion, so it is atomic.
    async reserve(workspaceId, period, request) {
      const spentUsd = sum(workspaceId, period);
      if (!withinCap(spentUsd, request.estimateUsd, request.capUsd)) return { refused: true, spentUsd };
      const id = nextId++;
      entries.push({ id, workspaceId, period, model: request.model, promptTokens: 0, completionTokens: 0, usd: request.estimateUsd });
      return { id };
    },
    async settle(id, usage) {
      const e = entries.find((x) => x.id === id);
      if (e) Object.assign(e, usage);
    },
    async release(id) {
      const i = entries.findIndex((x) => x.id === id);
      if (i >= 0) entries.splice(i, 1);
    },
    async record(workspaceId, period, entry) {
      entries.push({ id: nextId++, workspaceId, period, model: entry.model, promptTokens: entry.promptTokens, completionTokens: entry.completionTokens, usd: entry.usd });
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

/** Gateway statuses that may come after the upstream model already ran the request. */
const MAY_HAVE_RUN = new Set([408, 502, 504, 524]);

/**
 * One chat completion, charged to `workspaceId`. Reserves the worst case (prompt estimate +
 * max_tokens, for each attempt the SDK may make) first and refuses with SpendCapError,
 * before sending, when that would cross
 * the cap; then settles the reservation to the usage the endpoint reports (or the estimate,
 * when it reports none).
 */
export async function complete(config: LlmConfig, messages: ChatMessage[], workspaceId: string, store: SpendStore, now = Date.now()): Promise<Completion> {
  if (!config.apiKey) throw new LlmError('no OPENAI_API_KEY configured', null);
  const model = config.model ?? DEFAULT_MODEL;
  const maxTokens = config.maxTokens ?? DEFAULT_MAX_TOKENS;
  const period = spendPeriod(now);
  // The SDK re-sends timed-out and failed attempts itself, each of which the provider may
  // run and bill: the worst case is every attempt's.
  const attempts = (config.maxRetries ?? DEFAULT_MAX_RETRIES) + 1;
  const estimate = costUsd(model, estimatePromptTokens(messages), maxTokens, config.prices) * attempts;
  const cap = config.spendCapUsd ?? DEFAULT_SPEND_CAP_USD;
  const reservation = await store.reserve(workspaceId, period, { model, estimateUsd: estimate, capUsd: cap, at: now });
  if ('refused' in reservation) throw new SpendCapError(workspaceId, cap, reservation.spentUsd, estimate, period);
  const { id } = reservation;
  let res: OpenAI.Chat.Completions.ChatCompletion;
  try {
    res = await openAiClient(config).chat.completions.create({ model, messages, max_tokens: maxTokens, temperature: 0.7 });
  } catch (err) {
    // Kept where the provider may have run (and billed) the request without us hearing the
    // answer: a timeout (every attempt may have run, so each counts at its worst case), or a
    // gateway that gave up waiting on it (408/502/504/524). Released where nothing ran: any
    // other HTTP refusal, or a connection that never opened (DNS, refused). The SDK reports
    // only the last attempt, so an earlier timed-out attempt is released with a later refusal.
    if (err instanceof OpenAI.APIConnectionTimeoutError) {
      await bestEffort(store.settle(id, { model, promptTokens: 0, completionTokens: 0, usd: estimate }), 'settle', workspaceId);
    } else if (!(err instanceof OpenAI.APIError && err.status !== undefined && MAY_HAVE_RUN.has(err.status))) {
      await bestEffort(store.release(id), 'release', workspaceId);
    }
    if (err instanceof OpenAI.APIConnectionTimeoutError) throw new LlmError(`LLM request timed out after ${config.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms (with ${config.maxRetries ?? DEFAULT_MAX_RETRIES} retries)`, null, { cause: err });
    if (err instanceof OpenAI.APIError) throw new LlmError(`LLM endpoint answered HTTP ${err.status ?? '?'}: ${err.message}`, err.status ?? null, { cause: err });
    throw new LlmError(`LLM request failed: ${(err as Error).message}`, null, { cause: err });
  }
  const used = (promptTokens: number, completionTokens: number): SpendUsage => {
    const m = res?.model || model;
    return { model: m, promptTokens, completionTokens, usd: costUsd(m, promptTokens, completionTokens, config.prices) };
  };
  // Some OpenAI-compatible gateways answer 200 with an error body and no choices: charged
  // only for the usage they report, if any.
  if (!Array.isArray(res?.choices)) {
    if (res?.usage) await bestEffort(store.settle(id, used(res.usage.prompt_tokens ?? 0, res.usage.completion_tokens ?? 0)), 'settle', workspaceId);
    else await bestEffort(store.release(id), 'release', workspaceId);
    throw new LlmError(`LLM endpoint answered without a completion${errorIn(res)}`, null);
  }
  const text = res.choices[0]?.message?.content ?? '';
  const usage = used(res.usage?.prompt_tokens ?? estimatePromptTokens(messages), res.usage?.completion_tokens ?? Math.ceil(text.length / 4));
  await bestEffort(store.settle(id, usage), 'settle', workspaceId);
  if (!text.trim()) throw new LlmError('LLM returned an empty draft', null);
  return { text, ...usage };
}

/**
 * A settle or release that fails leaves the reservation at its worst case, which only
 * over-counts spend; the call's own outcome (a paid completion, or its error) matters more.
 */
async function bestEffort(step: Promise<void>, what: 'settle' | 'release', workspaceId: string): Promise<void> {
  try {
    await step;
  } catch (err) {
    console.warn(JSON.stringify({ level: 'warn', what: `LLM spend ${what} failed; the reservation stays at its estimate`, workspaceId, error: String(err) }));
  }
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
