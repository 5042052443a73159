import type { Observation, TrendSource } from '../../shared/trends/types.ts';
import type { HttpOptions } from './http.ts';

export interface FetchContext {
  /** Stamped on every observation; fixed per job so a redelivered job writes identical rows. */
  observedAt: number;
  /** Topics to search for; empty means the source's general "what is rising" feed. */
  topics: string[];
}

export interface SourceClientConfig {
  baseUrl: string;
  userAgent: string;
  /** Page limit per topic, so one job stays within a Worker's subrequest budget. */
  maxPages: number;
  token?: string | undefined;
  http?: HttpOptions;
}

export interface SourceClient {
  source: TrendSource;
  fetchObservations(ctx: FetchContext): Promise<Observation[]>;
}
