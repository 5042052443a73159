import type { SaveResult } from '../messages.ts';
import { Badge } from './badge.tsx';

export interface PostBadgeProps {
  trend: { trend: { id: string; name: string; score: number }; matched: string[]; asOf?: number | null; onSave(): Promise<SaveResult> } | null;
  /** Insight text parts (insight.ts insightParts); null when the post's counts could not be read. */
  insight: string[] | null;
}

/** One badge per post: the trend (score + Save) when it matches one, and the post's insight figures. */
export function PostBadge({ trend, insight }: PostBadgeProps) {
  const text = insight === null ? 'couldn’t read this post’s counts' : insight.join(' · ');
  return (
    <div class="sl post-badge">
      {trend && <Badge trend={trend.trend} matched={trend.matched} asOf={trend.asOf ?? null} onSave={trend.onSave} />}
      {text && (
        // Focusable so keyboard users reach the figures; the label spells them out for screen readers.
        <span class="insight" tabIndex={0} role="note" aria-label={`Sightline post insight: ${text}`} data-insight={insight === null ? 'unreadable' : 'ok'}>
          {text}
        </span>
      )}
    </div>
  );
}
