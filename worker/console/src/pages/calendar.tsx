import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { CalendarPost, PostState } from '../../../../shared/calendar/state.ts';
import type { PredictResponse } from '../../../../shared/contracts/api.ts';
import { count, usualRange } from '../../../../shared/format/engagement.ts';
import { ApiFailure, ok } from '../api.ts';
import { saveAs } from '../download.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';

type Platform = 'x' | 'linkedin' | 'youtube-shorts';
type Prediction = PredictResponse & { platform: Platform };
const platformNames: Record<string, string> = { x: 'X', linkedin: 'LinkedIn', 'youtube-shorts': 'Shorts', 'youtube-description': 'YouTube', 'short-video': 'Short video' };
const nextStates: Partial<Record<PostState, PostState[]>> = { due: ['published', 'missed'], notified: ['published'], opened: ['published'], missed: ['draft'], failed: ['draft'], scheduled: ['draft'] };

interface Gap {
  topic: string;
  opportunity: number;
  reasons: string[];
}

/** The content calendar: what is planned, in what state, and what is worth covering next. */
export function CalendarPage({ state }: { state: AppState }) {
  const posts = useSignal<CalendarPost[] | null>(null);
  const gaps = useSignal<Gap[]>([]);
  const message = useSignal<string | null>(null);
  const chosen = useSignal<Platform[]>(['x', 'linkedin']);

  const load = async () => {
    posts.value = (await ok(await state.client.v1.calendar.$get({ query: {} }))).posts;
    gaps.value = (await ok(await state.client.v1.calendar.gaps.$get())).gaps;
  };
  useEffect(() => void load().catch(() => (posts.value = [])), []);

  const formRef = useRef<HTMLFormElement>(null);
  /** Starts the next piece from elsewhere on the console: a content gap, or a draft another page handed over. */
  const fillForm = (topic: string, text?: string) => {
    const form = formRef.current;
    if (!form) return;
    (form.elements.namedItem('topic') as HTMLInputElement).value = topic;
    const field = form.elements.namedItem('text') as HTMLTextAreaElement;
    if (text !== undefined) field.value = text;
    form.scrollIntoView({ behavior: 'smooth', block: 'start' });
    field.focus();
  };
  useEffect(() => {
    const piece = state.pendingPiece.value;
    if (!piece) return;
    fillForm(piece.topic, piece.text);
    state.pendingPiece.value = null;
  }, []);
  const predictions = useSignal<Prediction[] | null>(null);

  // What the engagement model expects of the text, per chosen platform, before anything is scheduled.
  const predict = async () => {
    const form = formRef.current;
    const text = form ? (form.elements.namedItem('text') as HTMLTextAreaElement).value.trim() : '';
    if (!text) {
      message.value = 'Write the text first: the prediction reads it.';
      return;
    }
    message.value = null;
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    try {
      predictions.value = await Promise.all(
        chosen.value.map(async (platform) => {
          // The route answers one of two shapes (a model's prediction, or why there is none); ok() takes one.
          const res = await state.client.v1.predict.$post({ json: { platform: platform === 'youtube-shorts' ? 'youtube' : platform, text, timeZone } });
          const r = await ok<Omit<Prediction, 'platform'>>(res);
          return { platform, ...r };
        }),
      );
    } catch (err) {
      message.value = err instanceof ApiFailure ? err.message : 'Could not predict.';
    }
  };

  const plan = async (e: Event) => {
    e.preventDefault();
    // currentTarget is gone once the handler awaits: keep the form.
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const topic = String(form.get('topic') ?? '').trim();
    const text = String(form.get('text') ?? '').trim();
    const pieceId = crypto.randomUUID();
    let res;
    try {
      res = await ok(
        await state.client.v1.calendar.allocate.$post({
          json: { commit: true, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, posts: chosen.value.map((platform) => ({ platform, topic, text, pieceId })) },
        }),
      );
    } catch (err) {
      message.value = err instanceof ApiFailure ? err.message : 'Could not plan.';
      return;
    }
    formEl.reset();
    const placed = res.unplaced.length ? `Placed ${res.placed.length}; could not place ${res.unplaced.length}: ${res.unplaced.map((u) => u.reason).join('; ')}` : `Scheduled ${res.placed.length} posts at their best slots.`;
    // Reload before announcing, so the message never describes rows the table does not show yet.
    try {
      await load();
      message.value = placed;
    } catch {
      message.value = `${placed} Reload the page to see them.`;
    }
  };

  const move = async (id: string, to: PostState) => {
    const res = await state.client.v1.calendar[':id'].transition.$post({ param: { id }, json: { to } });
    if (!res.ok) message.value = ((await res.json()) as { message?: string }).message ?? 'Could not update.';
    await load();
  };

  const exportCsv = async () => saveAs(await state.client.v1.calendar.export.$get(), 'sightline-calendar.csv');

  return (
    <section>
      <div class="section-head">
        <h1>Calendar</h1>
        <button class="link" onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <form class="card" onSubmit={plan} ref={formRef}>
        <h2>Plan a piece</h2>
        <label>
          Topic
          <input name="topic" required maxLength={200} placeholder="e.g. passkeys" />
        </label>
        <label>
          Text
          <textarea name="text" required rows={3} />
        </label>
        <fieldset>
          <legend>Platforms</legend>
          {(['x', 'linkedin', 'youtube-shorts'] as Platform[]).map((p) => (
            <label key={p} class="inline">
              <input
                type="checkbox"
                checked={chosen.value.includes(p)}
                onChange={(e) => (chosen.value = e.currentTarget.checked ? [...chosen.value, p] : chosen.value.filter((x) => x !== p))}
              />{' '}
              {platformNames[p]}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={chosen.value.length === 0}>
          Schedule at the best times
        </button>{' '}
        <button type="button" class="secondary" disabled={chosen.value.length === 0} onClick={predict}>
          Predict engagement
        </button>
        {message.value && <p class="muted" role="status">{message.value}</p>}
        {predictions.value && (
          <ul class="items" data-testid="predictions">
            {predictions.value.map((p) => (
              <li key={p.platform}>
                <strong>{platformNames[p.platform]}</strong>:{' '}
                {p.probability === null ? (
                  <span class="muted">{p.message}</span>
                ) : (
                  <>
                    {Math.round(p.probability * 100)}% chance of landing in your top quarter
                    {p.expected ? ` · ${usualRange(p.expected)} (median ${count(p.expected.median)})` : ''}
                    {p.reasons.length > 0 && <span class="muted"> · {p.reasons.map((r) => r.text).join('; ')}</span>}
                    <div class="keywords">
                      {p.path === 'workspace-model' ? 'Your own model' : 'The general model'} answered: {p.message}.
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </form>

      {posts.value?.length === 0 && <p class="muted">Nothing planned yet.</p>}
      <table class="trends" data-testid="calendar">
        <tbody>
          {posts.value?.map((p) => (
            <tr key={p.id} data-state={p.state}>
              <td>{p.scheduledAt ? new Date(p.scheduledAt).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : 'unscheduled'}</td>
              <td>{platformNames[p.platform] ?? p.platform}</td>
              <td>
                <strong>{p.topic}</strong>
                <div class="keywords">{p.text.length > 120 ? `${p.text.slice(0, 120)}…` : p.text}</div>
              </td>
              <td>
                <span class={`state state-${p.state}`}>{p.state}</span>
                <div class="keywords">{relativeTime(p.history.at(-1)!.at)}</div>
              </td>
              <td>
                {(nextStates[p.state] ?? []).map((to) => (
                  <button key={to} class="link" onClick={() => move(p.id, to)}>
                    {to === 'draft' ? 'Unschedule' : `Mark ${to}`}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {gaps.value.length > 0 && (
        <div class="card gaps">
          <h2>Worth covering next</h2>
          <ul data-testid="gaps">
            {gaps.value.slice(0, 8).map((g) => (
              <li key={g.topic}>
                <strong>{g.topic}</strong> <span class="muted">opportunity {Math.round(g.opportunity)} · {g.reasons[0] ?? ''}</span>{' '}
                <button type="button" class="link" onClick={() => fillForm(g.topic)} aria-label={`Plan a piece on ${g.topic}`}>
                  Plan a piece
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
