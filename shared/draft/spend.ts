/**
 * LLM spend accounting per workspace, pure: estimate what a request may cost before
 * sending it, refuse when it could take the workspace past its cap, and price what it
 * actually used afterwards. The store of amounts spent is the caller's (D1 in the worker).
 *
 * Estimates use about 4 characters per token for Latin-script text (OpenAI's rule of thumb
 * for English) and a token per character of any other script (Chinese, Japanese, Cyrillic,
 * emoji: one or more tokens each), for the prompt, and the full `max_tokens` for the reply,
 * so the check is conservative: a request
 * is refused if its worst case would cross the cap. That worst case is reserved (counted
 * as spent) for as long as the request is in flight, so concurrent requests cannot all pass
 * the same check; real usage from the response's `usage` block then replaces it.
 */

export interface ModelPrice {
  /** USD per million input (prompt) tokens. */
  input: number;
  /** USD per million output (completion) tokens. */
  output: number;
}

/**
 * List prices (USD per 1M tokens) as published by OpenAI for these models in 2025; any
 * other model name (a self-hosted or third-party endpoint) is priced at `DEFAULT_PRICE`, a
 * deliberately high figure so an unknown model cannot overspend. Override per deployment.
 */
export const MODEL_PRICES: Record<string, ModelPrice> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
};
export const DEFAULT_PRICE: ModelPrice = { input: 3, output: 15 };

/**
 * The price of `model`. Endpoints answer with the dated snapshot that served the request
 * ("gpt-4o-mini" → "gpt-4o-mini-2024-07-18"), priced as its family; an own key, not an
 * inherited one ("constructor"), so a model name can never pick up a non-price.
 */
export function priceOf(model: string, prices: Record<string, ModelPrice> = MODEL_PRICES): ModelPrice {
  // Gateways (OpenRouter, LiteLLM) name the provider first: "openai/gpt-4o-mini".
  const bare = model.replace(/^[\w.-]+\//, '');
  for (const name of [model, bare, bare.replace(/-\d{4}-\d{2}-\d{2}$/, '')]) {
    if (Object.hasOwn(prices, name)) return prices[name]!;
  }
  return DEFAULT_PRICE;
}

export function estimateTokens(text: string): number {
  let latin = 0;
  let other = 0;
  // Code points, so an emoji's surrogate pair counts once; Latin-1 and Latin Extended letters (é, ü, ł) read like ASCII.
  for (const ch of text) {
    if (ch.codePointAt(0)! < 0x250) latin++;
    else other++;
  }
  return Math.ceil(latin / 4) + other;
}

export function costUsd(model: string, promptTokens: number, completionTokens: number, prices?: Record<string, ModelPrice>): number {
  const p = priceOf(model, prices);
  return (promptTokens * p.input + completionTokens * p.output) / 1_000_000;
}

/** Per-message overhead of the chat format (role markers), about 4 tokens each. */
export function estimatePromptTokens(messages: readonly { content: string }[]): number {
  return messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 3);
}

/** Budget period key: spend caps reset each calendar month (UTC). */
export function spendPeriod(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

export class SpendCapError extends Error {
  readonly workspaceId: string;
  readonly capUsd: number;
  readonly spentUsd: number;
  readonly estimateUsd: number;
  constructor(workspaceId: string, capUsd: number, spentUsd: number, estimateUsd: number, period: string) {
    super(
      `LLM spend cap reached for workspace ${workspaceId}: $${spentUsd.toFixed(4)} of $${capUsd.toFixed(2)} used in ${period}, ` +
        `and this request could cost up to $${estimateUsd.toFixed(4)}. Raise the cap or use the built-in generator.`,
    );
    this.name = 'SpendCapError';
    this.workspaceId = workspaceId;
    this.capUsd = capUsd;
    this.spentUsd = spentUsd;
    this.estimateUsd = estimateUsd;
  }
}

/**
 * The cap with slack for float sums, so summing many small amounts cannot refuse a request
 * that fits exactly. Relative (a fixed 1e-12 vanishes below a large cap's float spacing);
 * stores that check the cap in SQL compare against this.
 */
export function capWithTolerance(capUsd: number): number {
  return capUsd + 1e-9 * Math.max(1, Math.abs(capUsd));
}

/** Whether a request whose worst case is `estimate` still fits under `cap` after `spent`. */
export function withinCap(spentUsd: number, estimateUsd: number, capUsd: number): boolean {
  return spentUsd + estimateUsd <= capWithTolerance(capUsd);
}
