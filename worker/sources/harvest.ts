import { z } from 'zod';
import type { Observation, TrendSource } from '../../shared/trends/types.ts';
import { SourceError } from './http.ts';
import type { FetchContext, PullResult, SourceClient, TopicFailure } from './types.ts';

/**
 * The row every client must produce. Checked once more before a row leaves a client
 * because storeObservations writes a feed in one D1 batch: a single NULL title or NaN
 * date would roll back every other row of the job.
 */
const observationRow = z.object({
  externalId: z.string().min(1),
  title: z.string().trim().min(1),
  text: z.string().nullable(),
  url: z.string().nullable(),
  score: z.number().nullable(),
  comments: z.number().int().nullable(),
  createdAt: z.number().int(),
  observedAt: z.number().int(),
});

/** "title: expected string" style, short enough to group drops by reason in one log line. */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unknown';
  return `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`;
}

/** A body that does not have the documented shape at all is the source's fault, not one item's. */
export function parseBody<T>(source: TrendSource, schema: z.ZodType<T>, body: unknown, status: number): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new SourceError(source, 'bad_response', `${source} returned a body without the documented shape (${describeIssue(parsed.error.issues[0])})`, status);
}

/**
 * What one job has read so far: observations keyed by external id, the topics that
 * failed, and the items dropped as malformed. Clients run each topic through `topic()`
 * so one failing query costs that topic, not the whole pull.
 */
export class Harvest {
  readonly source: TrendSource;
  private readonly out = new Map<string, Observation>();
  private readonly failures: TopicFailure[] = [];
  private readonly dropped = new Map<string, number>();
  private truncated = false;

  constructor(source: TrendSource) {
    this.source = source;
  }

  has(externalId: string): boolean {
    return this.out.has(externalId);
  }

  add(row: Observation): void {
    const checked = observationRow.safeParse(row);
    if (!checked.success) return this.drop(describeIssue(checked.error.issues[0]));
    this.out.set(row.externalId, row);
  }

  /** Parses one upstream item; a malformed one is counted and skipped, never thrown. */
  item<T>(schema: z.ZodType<T>, raw: unknown): T | null {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.drop(describeIssue(parsed.error.issues[0]));
    return null;
  }

  drop(reason: string): void {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
  }

  /**
   * Runs one topic's requests. Returns false when the rest of the pull should stop:
   * a rate limit, a host that is down, refused credentials or a spent job budget apply
   * to every other topic too, and asking again would only add load. A query the source
   * rejected, or one malformed page, is that topic's problem alone.
   */
  async topic(topic: string | null, run: () => Promise<void>): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      if (err.kind === 'out_of_budget') {
        this.truncated = true;
        return false;
      }
      this.failures.push({ topic, error: err });
      return err.kind === 'rejected' || (err.kind === 'bad_response' && (err.status === null || err.status < 400));
    }
  }

  result(): PullResult {
    return { observations: [...this.out.values()], failures: this.failures, dropped: Object.fromEntries(this.dropped), truncated: this.truncated };
  }
}

/**
 * A client from its pull. `fetchObservations` keeps the older all-or-nothing contract
 * for callers that only want rows (scripts/demo-load.ts): it throws the first failure
 * when nothing at all could be read.
 */
export function sourceClient(source: TrendSource, pull: (ctx: FetchContext) => Promise<PullResult>): SourceClient {
  return {
    source,
    pull,
    async fetchObservations(ctx) {
      const result = await pull(ctx);
      const first = result.failures[0];
      if (result.observations.length === 0 && first) throw first.error;
      return result.observations;
    },
  };
}
