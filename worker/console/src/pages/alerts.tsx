import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ok } from '../api.ts';
import { peakText, relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';

interface Alert {
  trendId: string;
  name: string;
  platforms: string[];
  score: number;
  alarmAt: string;
  peakAt: string;
  peakInterval: [string, string];
  actualPeakAt: string | null;
  accuracy: number | null;
}

/** Early warnings: trends that just broke out of their own normal, with when they should peak. */
export function AlertsPage({ state }: { state: AppState }) {
  const alerts = useSignal<Alert[] | null>(null);
  const accuracy = useSignal<{ resolved: number; meanAccuracy: number | null; meanAbsErrorHours: number | null } | null>(null);

  useEffect(() => {
    const load = async () => {
      alerts.value = (await ok(await state.client.v1.trends.alerts.$get())).alerts as Alert[];
      accuracy.value = await ok(await state.client.v1.trends.accuracy.$get());
    };
    void load().catch(() => (alerts.value = []));
    const timer = setInterval(() => void load().catch(() => {}), 60_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section>
      <h1>Alerts</h1>
      {accuracy.value && accuracy.value.resolved > 0 && (
        <p class="muted" data-testid="forecast-accuracy">
          Peak forecasts so far: {accuracy.value.resolved} resolved, typically off by {accuracy.value.meanAbsErrorHours?.toFixed(1)} h (accuracy{' '}
          {Math.round((accuracy.value.meanAccuracy ?? 0) * 100)}%).
        </p>
      )}
      {alerts.value?.length === 0 && <p class="muted">No alarms in the last week. Sightline raises one when a trend rises faster than its own recent history.</p>}
      <ul class="items" data-testid="alerts">
        {alerts.value?.map((a) => (
          <li key={`${a.trendId}-${a.alarmAt}`} class="card">
            <span class="score">{a.score}</span> <strong>{a.name}</strong>
            <span class="muted"> · {a.platforms.map(sourceName).join(', ')}</span>
            <p>
              Started rising {relativeTime(a.alarmAt)}.{' '}
              {a.actualPeakAt
                ? `Peaked ${relativeTime(a.actualPeakAt)} (forecast accuracy ${Math.round((a.accuracy ?? 0) * 100)}%).`
                : peakText(a.peakAt, a.peakInterval)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
