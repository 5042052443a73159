/**
 * Feeds: what a source fetch was for. The general feed ('') is each source's rising items,
 * shared by every workspace. A topic feed is one search over a list of topics; its key is
 * that list, normalised, so workspaces watching the same topics share one fetch and one set
 * of trends, and no workspace's trends are built from another's topics.
 */
export const GENERAL_FEED = '';

/**
 * An item whose counts stand still is still stored this often (queues/ingest.ts), and a
 * trend recompute reads this much before its window (trend-pipeline.ts), so every item
 * still listed has a row at the window's start to measure growth from: without one, a jump
 * after a quiet spell would be its first row in the window and be read as engagement
 * gathered since creation.
 */
export const HEARTBEAT_MS = 24 * 3600_000;

/** Topics per source fetch (one search request each). */
const MAX_TOPICS_PER_FEED = 20;

/** A workspace's topics as the feeds that cover them: lowercased, deduplicated, sorted, in chunks. */
function topicFeeds(topics: readonly string[]): string[][] {
  const sorted = [...new Set(topics.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
  const out: string[][] = [];
  for (let i = 0; i < sorted.length; i += MAX_TOPICS_PER_FEED) out.push(sorted.slice(i, i + MAX_TOPICS_PER_FEED));
  return out;
}

/** The feed key stored with each observation; '' for no topics. */
export function feedKey(topics: readonly string[]): string {
  return topics.length ? JSON.stringify(topics) : GENERAL_FEED;
}

/** Each workspace's topic feeds, from its `workspace_topics` rows. */
export function feedsByWorkspace(rows: readonly { workspaceId: string; topic: string }[]): Map<string, string[][]> {
  const topics = new Map<string, string[]>();
  for (const r of rows) {
    const list = topics.get(r.workspaceId) ?? [];
    list.push(r.topic);
    topics.set(r.workspaceId, list);
  }
  return new Map([...topics].map(([workspaceId, list]) => [workspaceId, topicFeeds(list)]));
}
