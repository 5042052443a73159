/**
 * Trend identity across recomputes. A trend's id comes from its two heaviest keyphrases
 * (`trendIdFor` in correlate.ts), and those move when a story grows a new angle. Without
 * this step the same story would come back under a new id: a second alert for the one
 * alarm, its open forecasts never resolved under the old id, saved items pointing at a row
 * that no longer updates, and "first detected" starting over.
 *
 * A trend found now continues a stored one when it keeps the stored id (same top
 * keyphrases), or else when it holds at least `minShare` of the stored trend's
 * representative members (the ones its detail kept). Members belong to one trend per run,
 * so two trends found now cannot both hold more than half of one stored trend.
 *
 * A stored trend that is not continued but whose members mostly sit inside a trend found
 * now was absorbed by it (two stories converged, or it was a fragment of one): it is
 * `superseded` by that trend, so it is not listed beside it as a duplicate.
 */

import { observationKey } from './types.ts';

export interface StoredTrend {
  id: string;
  /** `${source}:${externalId}` of the members its detail kept. */
  members: readonly string[];
}

export interface FoundTrend {
  id: string;
  memberIds: Partial<Record<string, readonly string[]>>;
  relatedTrendIds: readonly string[];
}

export const MIN_MEMBER_SHARE = 0.5;

export interface Continuity<T> {
  trends: T[];
  superseded: { id: string; by: string }[];
}

export function carryTrendIds<T extends FoundTrend>(found: readonly T[], stored: readonly StoredTrend[], minShare = MIN_MEMBER_SHARE): Continuity<T> {
  const storedIds = new Set(stored.map((s) => s.id));
  const idOf: (string | undefined)[] = found.map(() => undefined);
  const claimed = new Set<string>();
  // An unchanged id is the strongest continuity there is: it is never taken away.
  found.forEach((t, i) => {
    if (storedIds.has(t.id)) {
      idOf[i] = t.id;
      claimed.add(t.id);
    }
  });

  const owner = new Map<string, number>();
  found.forEach((t, i) => {
    for (const [source, ids] of Object.entries(t.memberIds)) for (const externalId of ids ?? []) owner.set(observationKey({ source, externalId }), i);
  });
  const matches: { stored: string; found: number; share: number; held: number }[] = [];
  for (const s of stored) {
    if (claimed.has(s.id) || s.members.length === 0) continue;
    const held = new Map<number, number>();
    for (const m of s.members) {
      const i = owner.get(m);
      if (i !== undefined) held.set(i, (held.get(i) ?? 0) + 1);
    }
    for (const [i, count] of held) {
      const share = count / s.members.length;
      if (share >= minShare) matches.push({ stored: s.id, found: i, share, held: count });
    }
  }
  // A story that absorbed two stored ones continues the one it holds most of.
  matches.sort((a, b) => b.share - a.share || b.held - a.held || (a.stored < b.stored ? -1 : 1));
  for (const m of matches) {
    if (idOf[m.found] !== undefined || claimed.has(m.stored)) continue;
    idOf[m.found] = m.stored;
    claimed.add(m.stored);
  }

  // The rest keep the ids their keyphrases give them: none is a stored id (those were all
  // claimed above), so no stored story's row is overwritten by a different one.
  found.forEach((t, i) => {
    idOf[i] ??= t.id;
  });

  const superseded: Continuity<T>['superseded'] = [];
  for (const m of matches) {
    if (claimed.has(m.stored)) continue;
    claimed.add(m.stored);
    superseded.push({ id: m.stored, by: idOf[m.found]! });
  }

  const renamed = new Map<string, string>();
  found.forEach((t, i) => renamed.set(t.id, idOf[i]!));
  return {
    trends: found.map((t, i) => ({ ...t, id: idOf[i]!, relatedTrendIds: t.relatedTrendIds.map((r) => renamed.get(r) ?? r) })),
    superseded,
  };
}
