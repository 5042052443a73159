import type { Observation, TrendSource } from '../../shared/trends/types.ts';
import type { HttpOptions, JobBudget, SourceError } from './http.ts';

export interface FetchContext {
  /** Stamped on every observation; fixed per job so a redelivered job writes identical rows. */
  observedAt: number;
  /** Topics to search for; empty means the source's general "what is rising" feed. */
  topics: string[];
  /** Time and request allowance for the whole job; once spent the client returns what it has. */
  budget?: JobBudget;
}

export interface SourceClientConfig {
  baseUrl: string;
  userAgent: string;
  /** Page limit per topic, so one job stays within a Worker's subrequest budget. */
  maxPages: number;
  token?: string | undefined;
  http?: HttpOptions;
}

/** One topic (null: the general feed) whose requests failed, with why. */
export interface TopicFailure {
  topic: string | null;
  error: SourceError;
}

export interface PullResult {
  observations: Observation[];
  failures: TopicFailure[];
  /** Upstream items skipped as malformed, by reason. */
  dropped: Record<string, number>;
  /** The job's budget ran out before every topic and page was read. */
  truncated: boolean;
}

export interface SourceClient {
  source: TrendSource;
  /** Reads every topic it can; a failing topic is reported in the result, not thrown. */
  pull(ctx: FetchContext): Promise<PullResult>;
  /** The observations alone; throws when nothing could be read. */
  fetchObservations(ctx: FetchContext): Promise<Observation[]>;
}
