import { Hono } from 'hono';
import type { SourceStatus } from '../../shared/contracts/api.ts';
import { trendSources } from '../../shared/trends/types.ts';
import { sourceState } from '../db/schema.ts';
import { isoOrNull, type AppEnv } from '../lib/context.ts';

/** Health of each public source, for "unreachable since …, next try …" in the console. */
export const sourceRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const rows = await c.get('db').select().from(sourceState).all();
  const sources: SourceStatus[] = trendSources.map((source) => {
    const r = rows.find((x) => x.source === source);
    return {
      source,
      status: r?.status ?? 'never_run',
      lastSuccessAt: isoOrNull(r?.lastSuccessAt ?? null),
      failingSince: isoOrNull(r?.failingSince ?? null),
      lastError: r?.lastError ?? null,
      nextAttemptAt: isoOrNull(r?.nextAttemptAt ?? null),
      lastObservationCount: r?.lastObservationCount ?? null,
    };
  });
  return c.json({ sources });
});
