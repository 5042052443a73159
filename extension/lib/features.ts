import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * One overlay feature = one file under extension/features/<site>/, ending in
 * `defineFeature({ id, init })`. Everything a feature starts goes through `ctx`, so it is
 * all torn down when the extension reloads or the content script is invalidated.
 */
export interface Feature {
  /** `<site>/<feature>`, used in logs. */
  id: string;
  init(ctx: ContentScriptContext): void | Promise<void>;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}

const reported = new Set<string>();

/** Logs a feature's first error only: a broken selector on a busy feed must not flood the console. */
export function reportError(featureId: string, err: unknown): void {
  if (reported.has(featureId)) return;
  reported.add(featureId);
  console.error(`[sightline] feature ${featureId} failed:`, err);
}

/** Wraps a callback so its errors are reported under the feature and never reach the page. */
export function guard<A extends unknown[]>(featureId: string, fn: (...args: A) => unknown): (...args: A) => void {
  return (...args) => {
    const start = performance.now();
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((err: unknown) => reportError(featureId, err));
    } catch (err) {
      reportError(featureId, err);
    } finally {
      const ms = performance.now() - start;
      // Blocks of our own work long enough to matter, for bench/overlay.ts to attribute long tasks to us.
      if (ms >= workMarkMs) performance.measure(`sightline:work:${featureId}`, { start, duration: ms });
    }
  };
}

/** Synchronous work at least this long is recorded as a performance measure. */
export const workMarkMs = 10;

export async function runFeatures(ctx: ContentScriptContext, features: readonly Feature[]): Promise<void> {
  // Read by bench/overlay.ts: when the content script started, next to each feature's mounted mark.
  performance.mark('sightline:start');
  await Promise.all(
    features.map(async (f) => {
      try {
        await f.init(ctx);
      } catch (err) {
        reportError(f.id, err);
      }
    }),
  );
}
