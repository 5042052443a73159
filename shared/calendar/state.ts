/**
 * The life of a scheduled post. Sightline does not post for the user (the platforms give
 * no API for that to small accounts); it reminds them when a post is due and follows what
 * happens next:
 *
 *   draft → scheduled → due → notified → opened → published
 *                         ↘        ↘          ↘ missed (the slot passed unposted)
 *                          failed (the reminder could not be delivered)
 *
 * `missed` and `failed` posts can be rescheduled or sent back to draft; `published` is
 * final. A scheduled post can go back to draft (unscheduled). The user may also mark a post
 * published straight from `notified` without opening it through Sightline. Every move is
 * stored with its time, so the calendar can show when each step happened.
 */

export const POST_STATES = ['draft', 'scheduled', 'due', 'notified', 'opened', 'published', 'missed', 'failed'] as const;
export type PostState = (typeof POST_STATES)[number];

export const TRANSITIONS: Record<PostState, readonly PostState[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'due', 'failed'],
  due: ['notified', 'missed', 'failed'],
  notified: ['opened', 'published', 'missed', 'failed'],
  opened: ['published', 'missed', 'failed'],
  published: [],
  missed: ['scheduled', 'draft'],
  failed: ['scheduled', 'draft'],
};

export interface StateChange {
  state: PostState;
  /** ISO 8601 UTC. */
  at: string;
}

export interface CalendarPost {
  id: string;
  platform: string;
  topic: string;
  /** Posts of one repurposed piece share this id (the X thread and the LinkedIn post of one article). */
  pieceId: string | null;
  text: string;
  /** When it should go out, ISO 8601 UTC; null for drafts. */
  scheduledAt: string | null;
  state: PostState;
  history: StateChange[];
}

export class TransitionError extends Error {
  readonly from: PostState;
  readonly to: string;
  constructor(message: string, from: PostState, to: string) {
    super(message);
    this.name = 'TransitionError';
    this.from = from;
    this.to = to;
  }
}

export function isPostState(s: string): s is PostState {
  return (POST_STATES as readonly string[]).includes(s);
}

export function canTransition(from: PostState, to: PostState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The post after moving to `to` at `at` (epoch ms or ISO). Pure: the input is not changed.
 * Moving to `scheduled` needs a time, either already on the post or in `scheduledAt`.
 * A move to the state the post is already in (with no new time) is already done: the same
 * post comes back, unchanged, so a client retrying or racing the cron is not told of a
 * conflict it cannot act on.
 */
export function transition(post: CalendarPost, to: PostState | string, at: number | string, options: { scheduledAt?: string } = {}): CalendarPost {
  if (!isPostState(to)) throw new TransitionError(`unknown state '${to}'; states are ${POST_STATES.join(', ')}`, post.state, to);
  if (to === post.state && options.scheduledAt === undefined) return post;
  const allowed = TRANSITIONS[post.state];
  if (!allowed.includes(to)) {
    const next = allowed.length ? `allowed from '${post.state}': ${allowed.join(', ')}` : `'${post.state}' is final`;
    throw new TransitionError(`cannot move post ${post.id} from '${post.state}' to '${to}' (${next})`, post.state, to);
  }
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new TransitionError(`transition time '${String(at)}' is not a date`, post.state, to);
  const last = post.history[post.history.length - 1];
  if (last && Date.parse(last.at) > ms) {
    throw new TransitionError(`cannot move post ${post.id} to '${to}' at ${new Date(ms).toISOString()}: before its last change (${last.state} at ${last.at})`, post.state, to);
  }
  const scheduledAt = to === 'draft' ? null : (options.scheduledAt ?? post.scheduledAt);
  if (to === 'scheduled') {
    if (!scheduledAt || !Number.isFinite(Date.parse(scheduledAt))) throw new TransitionError(`cannot schedule post ${post.id} without a time`, post.state, to);
  }
  return { ...post, state: to, scheduledAt, history: [...post.history, { state: to, at: new Date(ms).toISOString() }] };
}

/** A new draft with its first history entry. */
export function newDraft(fields: Omit<CalendarPost, 'state' | 'history' | 'scheduledAt'> & { scheduledAt?: string | null }, at: number | string): CalendarPost {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return { ...fields, scheduledAt: fields.scheduledAt ?? null, state: 'draft', history: [{ state: 'draft', at: new Date(ms).toISOString() }] };
}

/**
 * The time-driven moves a cron makes at `now`: scheduled → due once the slot starts, and
 * due/notified/opened → missed once the slot is `graceMs` old without being published.
 * Returns the moves; applying them (and sending reminders for `due`) is the worker's job.
 */
/** How long after its slot an unpublished post becomes missed. */
export const MISSED_GRACE_MS = 6 * 3_600_000;

export function timeDrivenMoves(posts: readonly CalendarPost[], now: number, graceMs = MISSED_GRACE_MS): { id: string; to: PostState }[] {
  const out: { id: string; to: PostState }[] = [];
  for (const p of posts) {
    if (!p.scheduledAt) continue;
    const t = Date.parse(p.scheduledAt);
    if (p.state === 'scheduled' && t <= now) out.push({ id: p.id, to: 'due' });
    else if ((p.state === 'due' || p.state === 'notified' || p.state === 'opened') && now - t > graceMs) out.push({ id: p.id, to: 'missed' });
  }
  return out;
}
