import { storage } from 'wxt/utils/storage';

export const defaultWorkerUrl = 'http://127.0.0.1:8787';

/** Where the worker is and who we are to it. One item so URL and token change together. */
export interface Connection {
  workerUrl: string;
  /** Bearer token from pairing (`sl_…`); null until paired. */
  token: string | null;
  workspace: { id: string; name: string } | null;
}

export const connectionItem = storage.defineItem<Connection>('local:connection', {
  fallback: { workerUrl: defaultWorkerUrl, token: null, workspace: null },
  version: 1,
});

/** Normalises what users paste: trims, drops trailing slashes and any path. */
export function normaliseWorkerUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('worker URL must start with http:// or https://');
  return url.origin;
}

/** Local workers are covered by host_permissions; anything else needs a runtime grant. */
export function isLocalWorker(url: string): boolean {
  const { hostname, protocol } = new URL(url);
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost');
}
