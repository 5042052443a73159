import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { extractInsights } from '../../shared/video/insights.ts';
import { parseLlmScript, scriptMessages } from '../../shared/video/llm-script.ts';
import type { Script } from '../../shared/video/script.ts';
import type { StoryboardInput } from '../../shared/video/storyboard.ts';
import type { Env } from '../env.ts';
import { complete, llmConfigFromEnv } from '../lib/llm.ts';
import { d1SpendStore } from '../lib/spend-store.ts';

/** A video script takes a few hundred tokens; the cap keeps a runaway reply cheap. */
const MAX_SCRIPT_TOKENS = 700;
const SCRIPT_TIMEOUT_MS = 20_000;

/**
 * The LLM-written script when OPENAI_API_KEY is set (charged to the workspace's spend cap),
 * or undefined: no key, the cap is reached, the endpoint failed, or the reply was unusable.
 * The caller then uses the built-in writer, so a video never waits on the LLM.
 */
export async function llmScript(env: Env, db: DrizzleD1Database<Record<string, unknown>>, workspaceId: string, input: StoryboardInput): Promise<Script | undefined> {
  if (!env.OPENAI_API_KEY) return undefined;
  const insights = extractInsights(input.sourceText, { title: input.title });
  const keyMessage = input.keyMessage?.trim() || insights.keyMessage;
  try {
    const reply = await complete(
      { ...llmConfigFromEnv(env), maxTokens: MAX_SCRIPT_TOKENS, timeoutMs: SCRIPT_TIMEOUT_MS },
      scriptMessages(input.topic ? { ...insights, topic: input.topic } : insights, { ...input, keyMessage }),
      workspaceId,
      d1SpendStore(db),
    );
    return parseLlmScript(reply.text, { durationSec: input.durationSec, keyMessage }) ?? undefined;
  } catch (err) {
    console.warn(JSON.stringify({ level: 'warn', what: 'video script LLM failed; using the built-in writer', workspaceId, error: String(err) }));
    return undefined;
  }
}
