import { eq } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { builtInAvatars, builtInVoices, type AvatarInfo, type VoiceInfo } from '../../shared/video/select.ts';
import { heygenCatalog } from '../db/schema.ts';
import type { HeyGenClient } from './client.ts';

type Db = DrizzleD1Database<Record<string, unknown>>;

const TTL_MS = 24 * 3600 * 1000;
/**
 * The cache key carries the API version its lists came from. Rows the v2 client stored
 * ('avatars' / 'voices') hold v2 avatar ids, which are not necessarily v3 look ids (what
 * POST /v3/videos takes), and a v2 deployment still running after the cut-over can write
 * them at any date: so they are never read, fresh or stale, rather than judged by age.
 */
const AVATARS_KIND = 'avatars-v3';
const VOICES_KIND = 'voices-v3';

export interface Catalogue {
  avatars: AvatarInfo[];
  voices: VoiceInfo[];
  source: 'built-in' | 'cache' | 'heygen' | 'stale-cache';
}

/**
 * The workspace's avatars and voices: from D1 when fetched in the last day, else from
 * HeyGen (and stored). If HeyGen is unreachable a stale list is better than none; with no
 * list at all the error propagates, because built-in ids may not exist on the account.
 */
export async function workspaceCatalogue(db: Db, workspaceId: string, client: HeyGenClient | null, now = Date.now()): Promise<Catalogue> {
  if (!client) return { avatars: builtInAvatars, voices: builtInVoices, source: 'built-in' };
  const rows = await db.select().from(heygenCatalog).where(eq(heygenCatalog.workspaceId, workspaceId)).all();
  const avatarsRow = rows.find((r) => r.kind === AVATARS_KIND);
  const voicesRow = rows.find((r) => r.kind === VOICES_KIND);
  const fresh = avatarsRow && voicesRow && now - avatarsRow.fetchedAt < TTL_MS && now - voicesRow.fetchedAt < TTL_MS;
  if (fresh) return { avatars: avatarsRow.items as AvatarInfo[], voices: voicesRow.items as VoiceInfo[], source: 'cache' };
  try {
    const [avatars, voices] = await Promise.all([client.listAvatars(), client.listVoices()]);
    await db.batch([
      db.insert(heygenCatalog).values({ workspaceId, kind: AVATARS_KIND, items: avatars, fetchedAt: now }).onConflictDoUpdate({ target: [heygenCatalog.workspaceId, heygenCatalog.kind], set: { items: avatars, fetchedAt: now } }),
      db.insert(heygenCatalog).values({ workspaceId, kind: VOICES_KIND, items: voices, fetchedAt: now }).onConflictDoUpdate({ target: [heygenCatalog.workspaceId, heygenCatalog.kind], set: { items: voices, fetchedAt: now } }),
    ]);
    return { avatars, voices, source: 'heygen' };
  } catch (err) {
    if (avatarsRow && voicesRow) return { avatars: avatarsRow.items as AvatarInfo[], voices: voicesRow.items as VoiceInfo[], source: 'stale-cache' };
    throw err;
  }
}

/** Every row of the workspace, v2 kinds included (a new key's account has other looks). */
export async function clearCatalogue(db: Db, workspaceId: string): Promise<void> {
  await db.delete(heygenCatalog).where(eq(heygenCatalog.workspaceId, workspaceId));
}
