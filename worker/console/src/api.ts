import { hc } from 'hono/client';
import type { ApiErrorBody, HealthResponse } from '../../../shared/contracts/api.ts';
import type { AppType } from '../../app.ts';

/** A failed API call, carrying the worker's `{code, message}` for display. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, body: Partial<ApiErrorBody>) {
    super(body.message ?? `request failed (${status})`);
    this.status = status;
    this.code = body.code ?? 'unknown';
  }
}

export function createClient(getToken: () => string | null, onUnauthorized: () => void) {
  return hc<AppType>(location.origin, {
    headers: (): Record<string, string> => {
      const token = getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init);
      if (res.status === 401 && getToken()) onUnauthorized();
      return res;
    },
  });
}

export type Client = ReturnType<typeof createClient>;

/** Unwraps a typed response: its JSON on 2xx, an ApiFailure otherwise. */
export async function ok<T>(res: { ok: boolean; status: number; json(): Promise<T> }): Promise<Exclude<T, ApiErrorBody>> {
  if (res.ok) return (await res.json()) as Exclude<T, ApiErrorBody>;
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    // Non-JSON error (a proxy, an outage): keep the status.
  }
  throw new ApiFailure(res.status, body);
}

/** GET /healthz (outside /v1, so not on the typed client): which paths this deployment takes. */
export async function health(): Promise<HealthResponse> {
  const res = await fetch('/healthz');
  if (!res.ok) throw new ApiFailure(res.status, {});
  return (await res.json()) as HealthResponse;
}
