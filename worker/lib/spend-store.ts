import { and, count, eq, sql, sum } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { capWithTolerance } from '../../shared/draft/spend.ts';
import { llmSpend } from '../db/schema-calendar.ts';
import type { SpendStore } from './llm.ts';

/**
 * LLM spend kept in D1, so the per-workspace cap holds across isolates and restarts.
 * A reservation is a row carrying the worst case as `usd` and 0 tokens until settled.
 */
export function d1SpendStore(db: DrizzleD1Database<Record<string, unknown>>): SpendStore {
  const spentUsd = async (workspaceId: string, period: string) => (await spendSummary(db, workspaceId, period)).spentUsd;
  return {
    spentUsd,
    async reserve(workspaceId, period, request) {
      // One statement checks the sum and inserts the row: SQLite runs a statement
      // atomically, so two isolates cannot both pass the check on the same total.
      // A read followed by a separate insert would let them. (9 bound parameters.)
      const inserted = await db.all<{ id: number }>(sql`
        insert into ${llmSpend} (workspace_id, period, model, prompt_tokens, completion_tokens, usd, at)
        select ${workspaceId}, ${period}, ${request.model}, 0, 0, ${request.estimateUsd}, ${request.at}
        where (select coalesce(sum(usd), 0) from ${llmSpend} where workspace_id = ${workspaceId} and period = ${period}) + ${request.estimateUsd} <= ${capWithTolerance(request.capUsd)}
        returning id`);
      const id = inserted[0]?.id;
      if (id !== undefined) return { id };
      // Only for the error message: another request may have settled in between.
      return { refused: true, spentUsd: await spentUsd(workspaceId, period) };
    },
    async settle(id, usage) {
      await db
        .update(llmSpend)
        .set({ model: usage.model, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, usd: usage.usd })
        .where(eq(llmSpend.id, id));
    },
    async release(id) {
      await db.delete(llmSpend).where(eq(llmSpend.id, id));
    },
  };
}

/** A workspace's spend and requests in a period, for the usage the console shows. */
export async function spendSummary(db: DrizzleD1Database<Record<string, unknown>>, workspaceId: string, period: string): Promise<{ spentUsd: number; requests: number }> {
  const row = await db
    .select({ total: sum(llmSpend.usd), requests: count() })
    .from(llmSpend)
    .where(and(eq(llmSpend.workspaceId, workspaceId), eq(llmSpend.period, period)))
    .get();
  return { spentUsd: Number(row?.total ?? 0), requests: row?.requests ?? 0 };
}
