import { Window } from 'happy-dom';
import { render, type ComponentChild } from 'preact';
import { vi } from 'vitest';

/**
 * A console page in a happy-dom document at the console's origin, against routes answered
 * in the test: enough to check what a page asks the worker and what it shows back, without a
 * browser (the Chromium suite in e2e/ drives the built console against a real worker).
 */
export const window = new Window({ url: 'http://sightline.test/' });
const g = globalThis as unknown as Record<string, unknown>;
g['document'] = window.document;
g['location'] = window.location;
g['history'] = window.history;
g['addEventListener'] = () => {};
g['FormData'] = window.FormData;

export type Route = (body: unknown, method: string) => Response | Promise<Response>;

/** Answers fetch from `routes` (by path); records each request's JSON body. */
export function serve(routes: Record<string, Route>): { method: string; path: string; body: unknown }[] {
  const seen: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), 'http://sightline.test'), init);
    const path = new URL(req.url).pathname;
    const text = await req.text();
    const body = text ? (JSON.parse(text) as unknown) : null;
    seen.push({ method: req.method, path, body });
    const route = routes[path];
    return route ? route(body, req.method) : new Response('{"code":"not_found","message":"no such route"}', { status: 404 });
  });
  return seen;
}

export function mount(node: ComponentChild): void {
  render(node, window.document.body as unknown as HTMLElement);
}

export function unmount(): void {
  render(null, window.document.body as unknown as HTMLElement);
  vi.unstubAllGlobals();
}

export const $ = <T = HTMLElement>(selector: string) => window.document.querySelector(selector) as unknown as T | null;

/** Sets an input's value as typing would (Preact listens for `input`). */
export function type(selector: string, value: string): void {
  const el = $<HTMLInputElement>(selector)!;
  el.value = value;
  el.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
}

export function submit(selector = 'form'): void {
  $(selector)!.dispatchEvent(new window.Event('submit', { cancelable: true, bubbles: true }) as unknown as Event);
}

export const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) } as unknown as Storage;
};
