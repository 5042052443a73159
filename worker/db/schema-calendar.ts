import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { SeasonalEvent } from '../../shared/calendar/seasonal.ts';
import type { StateChange } from '../../shared/calendar/state.ts';
import { workspaces } from './schema.ts';

/** The content calendar: each post's state and every transition with its time. */
export const scheduledPosts = sqliteTable(
  'scheduled_posts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    topic: text('topic').notNull(),
    pieceId: text('piece_id'),
    text: text('text').notNull(),
    scheduledAt: integer('scheduled_at'),
    state: text('state').notNull(),
    history: text('history', { mode: 'json' }).$type<StateChange[]>().notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('scheduled_posts_workspace_idx').on(t.workspaceId, t.scheduledAt), index('scheduled_posts_state_idx').on(t.state, t.scheduledAt)],
);

/** LLM spend per workspace and month, checked against the cap before each call. */
export const llmSpend = sqliteTable(
  'llm_spend',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    model: text('model').notNull(),
    promptTokens: integer('prompt_tokens').notNull(),
    completionTokens: integer('completion_tokens').notNull(),
    usd: real('usd').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('llm_spend_workspace_period_idx').on(t.workspaceId, t.period)],
);

/**
 * A workspace's own seasonal events: additions to the bundled calendar, or overrides of
 * a bundled event by its id (`disabled: true` removes one). Read by every allocation.
 */
export const calendarEvents = sqliteTable('calendar_events', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  events: text('events', { mode: 'json' }).$type<SeasonalEvent[]>().notNull(),
  updatedAt: integer('updated_at').notNull(),
});
