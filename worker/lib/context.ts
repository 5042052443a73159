import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Env } from '../env.ts';
import type * as schema from '../db/schema.ts';

export interface AuthContext {
  workspaceId: string;
  userId: string;
  tokenId: string;
  tokenKind: 'session' | 'extension';
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: DrizzleD1Database<typeof schema>;
    auth: AuthContext;
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
