import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { memberCounts, sourceName } from '../../../../shared/trends/types.ts';
import { ok } from '../api.ts';
import { DraftButtons } from './draft-buttons.tsx';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';
import { webUrl } from '../../../../shared/format/web-url.ts';

interface Member {
  externalId: string;
  title: string;
  url: string | null;
  score: number | null;
  comments: number | null;
}
interface Detail {
  /** A computed trend's stories and activity; a hand-made sample's summary. */
  detail: { items: number; members: Record<string, Member[]>; series: { start: string; bucketMs: number; activity: number[] } } | { brief: string } | null;
  forecasts: { alarmAt: string; peakAt: string; peakInterval: [string, string]; actualPeakAt: string | null; accuracy: number | null }[];
}

/** A trend opened from the list: what it is made of, how it moved, and what is forecast. */
export function TrendDetail({ state, id, name }: { state: AppState; id: string; name: string }) {
  const data = useSignal<Detail | null>(null);
  useEffect(() => {
    state.client.v1.trends[':id']
      .$get({ param: { id } })
      .then(ok)
      .then((d) => (data.value = d as unknown as Detail))
      .catch(() => {});
  }, [id]);
  const d = data.value;
  if (!d) return <p class="muted">Loading…</p>;
  const drafting = <DraftButtons state={state} source={{ kind: 'trend', trendId: id }} topic={name} />;
  if (!d.detail || !('members' in d.detail))
    return (
      <div class="trend-detail" data-testid="trend-sample">
        <p class="muted">A sample trend: no source items behind it yet{d.detail?.brief ? '. Drafts are written from its hand-written summary:' : '.'}</p>
        {d.detail?.brief && <p>{d.detail.brief}</p>}
        {drafting}
      </div>
    );
  return (
    <div class="trend-detail" data-testid="trend-detail">
      {drafting}
      <Sparkline values={d.detail.series.activity} label={`Hourly activity over the last ${d.detail.series.activity.length} hours`} />
      {d.forecasts[0] && (
        <p>
          Alarm {relativeTime(d.forecasts[0].alarmAt)};{' '}
          {d.forecasts[0].actualPeakAt
            ? `peaked ${relativeTime(d.forecasts[0].actualPeakAt)} (forecast accuracy ${Math.round((d.forecasts[0].accuracy ?? 0) * 100)}%).`
            : `peak expected ${relativeTime(d.forecasts[0].peakAt)}.`}
        </p>
      )}
      {Object.entries(d.detail.members).map(([source, items]) => (
        <div key={source}>
          <h3>
            {sourceName(source)} <span class="muted">({items.length})</span>
          </h3>
          <ul>
            {items.map((m) => (
              <li key={m.externalId}>
                {webUrl(m.url) ? (
                  <a href={webUrl(m.url)} target="_blank" rel="noreferrer noopener">
                    {m.title}
                  </a>
                ) : (
                  m.title
                )}{' '}
                <span class="muted">{memberCounts(source, m)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Sparkline({ values, label }: { values: number[]; label: string }) {
  const w = 320;
  const h = 48;
  const max = Math.max(1e-9, ...values);
  const points = values.map((v, i) => `${((i / Math.max(1, values.length - 1)) * w).toFixed(1)},${(h - (v / max) * (h - 4) - 2).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}
