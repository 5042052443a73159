import { and, eq, sum } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { llmSpend } from '../db/schema-calendar.ts';
import type { SpendStore } from './llm.ts';

/** LLM spend kept in D1, so the per-workspace cap holds across isolates and restarts. */
export function d1SpendStore(db: DrizzleD1Database<Record<string, unknown>>): SpendStore {
  return {
    async spentUsd(workspaceId, period) {
      const row = await db
        .select({ total: sum(llmSpend.usd) })
        .from(llmSpend)
        .where(and(eq(llmSpend.workspaceId, workspaceId), eq(llmSpend.period, period)))
        .get();
      return Number(row?.total ?? 0);
    },
    async record(workspaceId, period, entry) {
      await db.insert(llmSpend).values({
        workspaceId,
        period,
        model: entry.model,
        promptTokens: entry.promptTokens,
        completionTokens: entry.completionTokens,
        usd: entry.usd,
        at: Date.parse(entry.at),
      });
    },
  };
}
