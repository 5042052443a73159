import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { CampaignView, VideoBatchView, VideoJobView, VideoQuota } from '../../../../shared/video/contract.ts';
import { videoFormats, videoPlatforms, type VideoFormat, type VideoPlatform } from '../../../../shared/video/formats.ts';
import { ApiFailure, ok } from '../api.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';
import { webUrl } from '../../../../shared/format/web-url.ts';

const POLL_MS = 3000;
const videoPlatformNames: Record<VideoPlatform, string> = { tiktok: 'TikTok', reels: 'Instagram Reels', shorts: 'YouTube Shorts', youtube: 'YouTube', linkedin: 'LinkedIn', x: 'X' };

interface Presenters {
  source: string;
  avatars: { id: string; name: string }[];
}

/** The list endpoint returns each batch without its jobs. */
type BatchSummary = Omit<VideoBatchView, 'jobs'>;

interface CampaignSummary {
  id: string;
  goal: string;
  videos: number;
  batchId: string | null;
  consistency: { ok: boolean };
  createdAt: string;
}

const errorText = (err: unknown) => (err instanceof ApiFailure ? err.message : 'The worker could not be reached.');

/** Avatar videos: batches with live progress, and multi-avatar campaigns. */
export function VideosPage({ state }: { state: AppState }) {
  const batches = useSignal<BatchSummary[]>([]);
  const campaigns = useSignal<CampaignSummary[]>([]);
  const selected = useSignal<VideoBatchView | null>(null);
  const campaign = useSignal<CampaignView | null>(null);
  const error = useSignal<string | null>(null);
  const quota = useSignal<VideoQuota | null>(null);
  const presenters = useSignal<Presenters | null>(null);
  const job = useSignal<VideoJobView | null>(null);

  useEffect(() => {
    state.client.v1.videos.quota
      .$get()
      .then(ok)
      .then((q) => (quota.value = q))
      .catch(() => {});
    state.client.v1.videos.avatars
      .$get()
      .then(ok)
      .then((p) => (presenters.value = p))
      .catch(() => {});
  }, []);

  const loadLists = async () => {
    try {
      batches.value = (await ok(await state.client.v1['video-batches'].$get({ query: {} }))).batches;
      campaigns.value = (await ok(await state.client.v1.campaigns.$get({ query: {} }))).campaigns;
    } catch (err) {
      error.value = errorText(err);
    }
  };
  useEffect(() => void loadLists(), []);

  const openBatch = async (id: string) => {
    try {
      selected.value = await ok(await state.client.v1['video-batches'][':id'].$get({ param: { id } }));
    } catch (err) {
      error.value = errorText(err);
    }
  };

  // Live progress: re-read the open batch every few seconds while anything is in flight.
  const openId = selected.value?.id;
  const inFlight = selected.value ? selected.value.queued + selected.value.rendering > 0 : false;
  useEffect(() => {
    if (!openId || !inFlight) return;
    const timer = setInterval(() => {
      void openBatch(openId);
      void loadLists();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [openId, inFlight]);

  const openJob = async (id: string) => {
    try {
      job.value = await ok(await state.client.v1.videos[':id'].$get({ param: { id } }));
    } catch (err) {
      error.value = errorText(err);
    }
  };

  const openCampaign = async (id: string) => {
    try {
      campaign.value = await ok(await state.client.v1.campaigns[':id'].$get({ param: { id } }));
    } catch (err) {
      error.value = errorText(err);
    }
  };

  return (
    <section class="videos">
      <h1>Avatar videos</h1>
      <p class="muted" data-testid="heygen-status">
        {quota.value === null
          ? ''
          : quota.value.connected
            ? `HeyGen connected · ${quota.value.remainingSec === null ? 'no credit limit reported' : `${Math.round(quota.value.remainingSec / 6) / 10} min of credit left`}, ${Math.round(quota.value.committedSec / 6) / 10} min queued`
            : 'HeyGen not connected: videos stop at a complete storyboard (ready to render: connect HeyGen).'}
      </p>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <BatchForm
        state={state}
        onCreated={async (id) => {
          await loadLists();
          await openBatch(id);
        }}
        onError={(m) => (error.value = m)}
      />
      <CampaignForm
        state={state}
        presenters={presenters.value}
        onCreated={async (c) => {
          campaign.value = c;
          await loadLists();
          if (c.batchId) await openBatch(c.batchId);
        }}
        onError={(m) => (error.value = m)}
      />

      <div class="card">
        <h2>Batches</h2>
        {batches.value.length === 0 && <p class="muted">No batches yet.</p>}
        <ul class="items">
          {batches.value.map((b) => (
            <li key={b.id}>
              <button class="link" onClick={() => openBatch(b.id)}>
                {b.total} videos
              </button>{' '}
              <Progress b={b} /> <span class="muted">· {relativeTime(b.createdAt)}</span>
            </li>
          ))}
        </ul>
        {selected.value && <BatchDetail batch={selected.value} onOpen={openJob} />}
        {job.value && selected.value?.jobs.some((j) => j.id === job.value!.id) && <StoryboardView job={job.value} />}
      </div>

      <div class="card" data-testid="campaigns">
        <h2>Campaigns</h2>
        {campaigns.value.length === 0 && <p class="muted">No campaigns yet.</p>}
        <ul class="items">
          {campaigns.value.map((c) => (
            <li key={c.id}>
              <button class="link" onClick={() => openCampaign(c.id)}>
                {c.goal}
              </button>{' '}
              <span class="muted">
                {c.videos} videos · key message {c.consistency.ok ? 'consistent' : 'missing in some scripts'} · {relativeTime(c.createdAt)}
              </span>
            </li>
          ))}
        </ul>
        {campaign.value && <CampaignDetail c={campaign.value} presenters={presenters.value} onOpen={openJob} />}
        {job.value && campaign.value?.videos.some((v) => v.jobId === job.value!.id) && <StoryboardView job={job.value} />}
      </div>
    </section>
  );
}

function Progress({ b }: { b: Pick<BatchSummary, 'total' | 'queued' | 'rendering' | 'done' | 'failed' | 'storyboard'> }) {
  return (
    <span data-testid="batch-progress">
      <progress max={b.total} value={b.done + b.failed} /> {b.done} done · {b.rendering} rendering · {b.queued} queued · {b.failed} failed
      {b.storyboard > 0 && ` · ${b.storyboard} storyboards (ready to render: connect HeyGen)`}
    </span>
  );
}

function BatchDetail({ batch, onOpen }: { batch: VideoBatchView; onOpen: (jobId: string) => void }) {
  return (
    <div data-testid="batch-detail">
      <h3>
        Batch <code>{batch.id.slice(0, 8)}</code>
      </h3>
      <Progress b={batch} />
      <table>
        <thead>
          <tr>
            <th>Job</th>
            <th>State</th>
            <th>Video</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {batch.jobs.map((j) => (
            <tr key={j.id}>
              <td>
                <button class="link" onClick={() => onOpen(j.id)} aria-label={`Storyboard of job ${j.id.slice(0, 8)}`}>
                  <code>{j.id.slice(0, 8)}</code>
                </button>
              </td>
              <td>{j.state === 'storyboard' ? 'ready to render: connect HeyGen' : j.state}</td>
              <td>{webUrl(j.videoUrl) ? <a href={webUrl(j.videoUrl)}>download</a> : ''}</td>
              <td class="muted">{j.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CampaignDetail({ c, presenters, onOpen }: { c: CampaignView; presenters: Presenters | null; onOpen: (jobId: string) => void }) {
  const nameOf = (id: string) => presenters?.avatars.find((a) => a.id === id)?.name ?? id;
  return (
    <div data-testid="campaign-detail">
      <h3>{c.goal}</h3>
      <p class="muted">
        For {c.audience} on {c.platforms.map((p) => videoPlatformNames[p as VideoPlatform] ?? p).join(', ')} · key message “{c.keyMessage}”{' '}
        {c.consistency.ok ? '(in every script)' : `(missing in videos ${c.consistency.missing.map((i) => i + 1).join(', ')})`}
      </p>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Platform</th>
            <th>Pillar</th>
            <th>Type</th>
            <th>Avatar</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {[...c.videos].sort((a, b) => a.publishAt.localeCompare(b.publishAt)).map((v) => (
            <tr key={v.jobId} title={v.script}>
              <td>{new Date(v.publishAt).toLocaleString()}</td>
              <td>{videoPlatformNames[v.platform as VideoPlatform] ?? v.platform}</td>
              <td>
                <button class="link" onClick={() => onOpen(v.jobId)}>
                  {v.pillar}
                </button>
              </td>
              <td>{v.contentType}</td>
              <td>{nameOf(v.avatarId)}</td>
              <td>{v.state === 'storyboard' ? 'ready to render: connect HeyGen' : v.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const clock = (sec: number) => `${Math.floor(sec / 60)}:${String(Math.round(sec % 60)).padStart(2, '0')}`;

/**
 * One job's storyboard: what a render would say, scene by scene, who would say it and why,
 * and the captions. Without HeyGen this is the deliverable, so it can be copied and downloaded.
 */
function StoryboardView({ job }: { job: VideoJobView }) {
  const b = job.storyboard;
  const copied = useSignal<string | null>(null);
  const srt = `data:application/x-subrip;charset=utf-8,${encodeURIComponent(b.captionsSrt)}`;
  return (
    <div data-testid="storyboard" class="storyboard">
      <h3>
        Storyboard <code>{job.id.slice(0, 8)}</code> · {videoPlatformNames[b.platform]} {b.format}
      </h3>
      <p class="muted">
        {b.casting.avatar.name} with the voice {b.casting.voice.name} · {b.script.words} words, {b.script.readingSec} s of {b.script.targetSec} s ·{' '}
        {b.script.generator === 'llm' ? 'written by the configured LLM' : 'written by the built-in writer'}
      </p>
      <ol class="scenes">
        {b.scenes.map((s) => (
          <li key={s.index}>
            <span class="muted">
              {clock(s.startSec)}–{clock(s.endSec)} {s.role}
            </span>{' '}
            {s.text}
          </li>
        ))}
      </ol>
      {b.quality.issues.length > 0 && (
        <ul class="error">
          {b.quality.issues.map((i) => (
            <li key={i.check}>{i.message}</li>
          ))}
        </ul>
      )}
      <p>
        <button
          type="button"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(b.script.text);
              copied.value = 'Script copied';
            } catch {
              copied.value = 'Copy failed: select the scenes above';
            }
          }}
        >
          {copied.value ?? 'Copy script'}
        </button>{' '}
        <a href={srt} download={`sightline-${job.id.slice(0, 8)}.srt`}>
          Captions (.srt)
        </a>
      </p>
    </div>
  );
}

function BatchForm({ state, onCreated, onError }: { state: AppState; onCreated: (id: string) => Promise<void>; onError: (m: string) => void }) {
  const sources = useSignal('');
  const platform = useSignal<VideoPlatform>('tiktok');
  const format = useSignal<VideoFormat>('9:16');
  const duration = useSignal(45);
  const busy = useSignal(false);
  // One key per intended batch: a double click or a retried submit cannot queue it twice.
  const key = useSignal(crypto.randomUUID());

  const submit = async (e: Event) => {
    e.preventDefault();
    const items = sources.value
      .split(/\n\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((sourceText) => ({ sourceText, platform: platform.value, format: format.value, durationSec: duration.value }));
    if (items.length === 0) return;
    busy.value = true;
    try {
      const res = await ok(await state.client.v1['video-batches'].$post({ json: { items } }, { headers: { 'idempotency-key': key.value } }));
      key.value = crypto.randomUUID();
      sources.value = '';
      await onCreated(res.id);
    } catch (err) {
      onError(errorText(err));
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="card" onSubmit={submit}>
      <h2>New batch</h2>
      <label>
        Sources (one per paragraph: a trend, research note or draft)
        <textarea rows={6} value={sources.value} onInput={(e) => (sources.value = e.currentTarget.value)} required />
      </label>
      <label>
        Platform{' '}
        <select value={platform.value} onChange={(e) => (platform.value = e.currentTarget.value as VideoPlatform)}>
          {videoPlatforms.map((p) => (
            <option key={p} value={p}>
              {videoPlatformNames[p]}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Format{' '}
        <select value={format.value} onChange={(e) => (format.value = e.currentTarget.value as VideoFormat)}>
          {videoFormats.map((f) => (
            <option value={f}>{f}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        Seconds <input type="number" min={10} max={300} value={duration.value} onInput={(e) => (duration.value = Number(e.currentTarget.value))} />
      </label>{' '}
      <button type="submit" disabled={busy.value}>
        Create videos
      </button>
    </form>
  );
}

function CampaignForm({
  state,
  presenters,
  onCreated,
  onError,
}: {
  state: AppState;
  presenters: Presenters | null;
  onCreated: (c: CampaignView) => Promise<void>;
  onError: (m: string) => void;
}) {
  const cast = useSignal<string[]>([]);
  const goal = useSignal('');
  const audience = useSignal('');
  const platforms = useSignal<VideoPlatform[]>(['linkedin', 'tiktok']);
  const pillars = useSignal('');
  const keyMessage = useSignal('');
  const videos = useSignal(6);
  const render = useSignal(false);
  const busy = useSignal(false);
  const key = useSignal(crypto.randomUUID());

  const toggle = (p: VideoPlatform) => {
    platforms.value = platforms.value.includes(p) ? platforms.value.filter((x) => x !== p) : [...platforms.value, p];
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    try {
      const c = await ok(
        await state.client.v1.campaigns.$post(
          {
            json: {
              goal: goal.value,
              audience: audience.value,
              platforms: platforms.value,
              // Picked presenters take turns; none picked, the worker casts one per content type.
              roster: cast.value.map((avatarId) => ({ avatarId, name: presenters?.avatars.find((a) => a.id === avatarId)?.name })),
              pillars: pillars.value.split('\n').map((p) => p.trim()).filter(Boolean),
              keyMessage: keyMessage.value,
              videos: videos.value,
              render: render.value,
            },
          },
          { headers: { 'idempotency-key': key.value } },
        ),
      );
      key.value = crypto.randomUUID();
      await onCreated(c);
    } catch (err) {
      onError(errorText(err));
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="card" onSubmit={submit}>
      <h2>New campaign</h2>
      <label>
        Goal <input value={goal.value} onInput={(e) => (goal.value = e.currentTarget.value)} required />
      </label>
      <label>
        Audience <input value={audience.value} onInput={(e) => (audience.value = e.currentTarget.value)} required />
      </label>
      <fieldset>
        <legend>Platforms</legend>
        {videoPlatforms.map((p) => (
          <label key={p} class="inline">
            <input type="checkbox" checked={platforms.value.includes(p)} onChange={() => toggle(p)} /> {videoPlatformNames[p]}
          </label>
        ))}
      </fieldset>
      {presenters && (
        <label>
          Presenters{' '}
          <span class="muted">
            (pick several and they take turns; pick none and Sightline casts one per content type
            {presenters.source === 'built-in' ? ' from HeyGen’s stock presenters' : ''})
          </span>
          <select multiple size={Math.min(6, presenters.avatars.length)} onChange={(e) => (cast.value = [...e.currentTarget.selectedOptions].map((o) => o.value))}>
            {presenters.avatars.map((a) => (
              <option key={a.id} value={a.id} selected={cast.value.includes(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Messaging pillars (one per line)
        <textarea rows={4} value={pillars.value} onInput={(e) => (pillars.value = e.currentTarget.value)} required />
      </label>
      <label>
        Key message <input value={keyMessage.value} onInput={(e) => (keyMessage.value = e.currentTarget.value)} required />
      </label>
      <label>
        Videos <input type="number" min={1} max={100} value={videos.value} onInput={(e) => (videos.value = Number(e.currentTarget.value))} />
      </label>{' '}
      <label>
        <input type="checkbox" checked={render.value} onChange={() => (render.value = !render.value)} /> Render now (needs HeyGen)
      </label>{' '}
      <button type="submit" disabled={busy.value}>
        Plan campaign
      </button>
    </form>
  );
}
