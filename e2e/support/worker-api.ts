import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CalendarPost, PostState } from '../../shared/calendar/state.ts';
import type { PairingCodeResponse, ResearchItem, TokenResponse, TrendList } from '../../shared/contracts/api.ts';
import { trendScore } from '../../shared/trends/score.ts';
import { root } from '../../scripts/wrangler.ts';

/** Talks to the worker directly, the way the console does. */
export class WorkerApi {
  readonly url: string;
  token: string | null = null;

  constructor(url: string) {
    this.url = url;
  }

  private async call<T>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${p}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  async signup(workspace: string): Promise<TokenResponse> {
    const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const res = await this.call<TokenResponse>('POST', '/v1/auth/signup', { email, password: 'e2e password 123', workspace });
    this.token = res.token;
    return res;
  }

  pairingCode(): Promise<PairingCodeResponse> {
    return this.call('POST', '/v1/workspace/pairing-codes');
  }

  trends(): Promise<TrendList> {
    return this.call('GET', '/v1/trends?limit=100');
  }

  async researchItems(): Promise<ResearchItem[]> {
    return (await this.call<{ items: ResearchItem[] }>('GET', '/v1/research-items?limit=200')).items;
  }

  createPost(post: { platform: 'x' | 'linkedin'; topic: string; text: string; scheduledAt?: string }): Promise<CalendarPost> {
    return this.call('POST', '/v1/calendar', post);
  }

  async calendar(state?: PostState): Promise<CalendarPost[]> {
    return (await this.call<{ posts: CalendarPost[] }>('GET', `/v1/calendar${state ? `?state=${state}` : ''}`)).posts;
  }

  async post(id: string): Promise<CalendarPost | undefined> {
    return (await this.calendar()).find((p) => p.id === id);
  }

  transition(id: string, to: PostState): Promise<CalendarPost> {
    return this.call('POST', `/v1/calendar/${id}/transition`, { to });
  }

  /** Fires the worker's cron (needs `wrangler dev --test-scheduled`); its jobs then run through the queue. */
  async fireCron(): Promise<void> {
    const res = await fetch(`${this.url}/__scheduled?cron=*/15+*+*+*+*`);
    if (!res.ok) throw new Error(`/__scheduled → ${res.status}: ${await res.text()}`);
  }

  async devices(): Promise<{ id: string; label: string }[]> {
    return (await this.call<{ devices: { id: string; label: string }[] }>('GET', '/v1/workspace/devices')).devices;
  }
}

export interface DemoTrend {
  id: string;
  name: string;
  confidence: number;
  velocity: number;
  /** The hand-written summary drafts are written from (a sample has no source items). */
  brief: string;
}

/** The demo trends the worker was loaded with, and the score each must show, from shared/. */
export function demoTrends(): Map<string, DemoTrend & { score: number }> {
  const { trends } = JSON.parse(readFileSync(path.join(root, 'worker', 'demo', 'trends.json'), 'utf8')) as { trends: DemoTrend[] };
  return new Map(trends.map((t) => [t.id, { ...t, score: trendScore(t.confidence, t.velocity) }]));
}
